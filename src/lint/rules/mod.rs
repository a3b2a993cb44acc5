//! The lint rules: the seed conventions, Kubernetes rules and Pod Security
//! "restricted", over the parsed objects of one job folder. Each finding
//! carries its rule id, the file and line, and a fix hint. An object can
//! switch a rule off for itself with the annotation
//! `lint.jobgen.dev/<rule-id>: <reason>`; the reason is required.

mod folder;
mod job;
pub mod object;
mod pod;
mod pss;
mod refs;
mod reruns;
mod uses;

use crate::i18n::{Msg, f, t};
use crate::yaml::Spanned;

use crate::lint::catalog::{Finding, Options};
use crate::yaml::{self, Node};
use folder::{api_versions, configmap_secrets, duplicates, namespaces, suppressions};
use job::job;
use object::{Object, Sink, line};
use pod::pod_spec;

pub use object::SUPPRESS_PREFIX;

/// Checks one folder's files (name, contents).
pub fn check_folder(
    label: &str,
    files: &[(String, String)],
    target_label: &str,
    options: &Options,
) -> Vec<Finding> {
    let mut sink = Sink {
        label,
        findings: Vec::new(),
        options,
        complete: true,
    };
    if !files.iter().any(|(n, _)| n == "README.md") {
        sink.file(
            "folder-readme",
            "README.md",
            0,
            t(Msg::L_README).into(),
            t(Msg::L_README_HINT),
        );
    }
    for (name, text) in files {
        if let Some(at) = crate::conflict::first_marker(text) {
            sink.file(
                "conflict-markers",
                name,
                at,
                t(Msg::L_MARKERS).into(),
                t(Msg::L_MARKERS_HINT),
            );
        }
    }
    let mut parsed: Vec<(&str, Vec<Spanned<Node>>)> = Vec::new();
    for (name, text) in files.iter().filter(|(n, _)| n != "README.md") {
        match yaml::parse_all(text) {
            Ok(docs) => parsed.push((name, docs)),
            Err(e) => {
                sink.complete = false;
                sink.file(
                    "yaml-invalid",
                    name,
                    e.line,
                    f(Msg::L_PARSE, &[("why", &e.message)]),
                    t(Msg::L_PARSE_HINT),
                )
            }
        }
    }
    let mut objects = Vec::new();
    for (file, docs) in &parsed {
        for doc in docs.iter().flat_map(list_items) {
            let kind = doc.value.get("kind").and_then(|k| k.value.string());
            let api = doc.value.get("apiVersion").and_then(|k| k.value.string());
            match (kind, api) {
                (Some(kind), Some(_)) => {
                    let name = doc
                        .value
                        .at(&["metadata", "name"])
                        .and_then(|n| n.value.text())
                        .unwrap_or("");
                    objects.push(Object {
                        file,
                        doc,
                        kind,
                        name,
                    });
                }
                _ => sink.file(
                    "folder-non-object",
                    file,
                    line(doc),
                    t(Msg::L_NON_OBJECT).into(),
                    t(Msg::L_NON_OBJECT_HINT),
                ),
            }
        }
    }
    for o in &objects {
        suppressions(&mut sink, o);
        api_versions(&mut sink, o);
        if o.kind == "ConfigMap" {
            configmap_secrets(&mut sink, o);
        }
        if o.is_batch_job() {
            job(&mut sink, o, target_label, &objects);
            reruns::reruns(&mut sink, o, &objects);
        } else if let Some(pod) = pod_of(o) {
            // Any other workload in the folder is applied with it: Pod
            // Security, the container rules and references hold for it too.
            pod_spec(&mut sink, o, pod);
            uses::check_uses(&mut sink, o, pod, &objects);
        }
    }
    job_file(&mut sink, files, &objects);
    namespaces(&mut sink, &objects);
    refs::secret_stores(&mut sink, &objects);
    duplicates(&mut sink, &objects);
    sink.findings
}

/// The objects of a document: a `List` (which kubectl applies item by
/// item) is its items, anything else itself.
fn list_items(doc: &Spanned<Node>) -> Vec<&Spanned<Node>> {
    let is_list = doc
        .value
        .get("kind")
        .and_then(|k| k.value.string())
        .is_some_and(|k| k == "List" || k.ends_with("List"));
    match (is_list, doc.value.get("items")) {
        (true, Some(items)) => items.value.items().iter().collect(),
        _ => vec![doc],
    }
}

/// The pod spec of a workload that is not a Job or CronJob: a Pod's own
/// spec, or the pod template of a Deployment, StatefulSet, DaemonSet,
/// ReplicaSet or anything else with `spec.template.spec`.
fn pod_of<'a>(o: &Object<'a>) -> Option<&'a Spanned<Node>> {
    match o.kind {
        "Pod" => o.doc.value.get("spec"),
        _ => o.doc.value.at(&["spec", "template", "spec"]),
    }
}

/// job.yaml holds exactly one Job or CronJob: the folder's one job.
fn job_file(sink: &mut Sink, files: &[(String, String)], objects: &[Object]) {
    if !files.iter().any(|(n, _)| n == "job.yaml") {
        return;
    }
    let jobs: Vec<&Object> = objects
        .iter()
        .filter(|o| o.file == "job.yaml" && o.is_batch_job())
        .collect();
    let message = match jobs.len() {
        1 => return,
        0 => t(Msg::L_JOB_FILE_NONE).to_string(),
        n => {
            let labels: Vec<String> = jobs.iter().map(|o| o.label()).collect();
            f(
                Msg::L_JOB_FILE_MANY,
                &[("n", &n.to_string()), ("jobs", &labels.join(", "))],
            )
        }
    };
    let at = jobs.get(1).map_or(0, |o| line(o.doc));
    sink.file("job-file", "job.yaml", at, message, t(Msg::L_JOB_FILE_HINT));
}
