//! The answers a hand-written folder implies: read back from its Job or
//! CronJob, ConfigMap, ExternalSecret (and SecretStore), ServiceAccount and
//! Role, NetworkPolicy and PrometheusRule, as the values a `.jobgen-answers`
//! file holds. What cannot be read back is not guessed: the folder keeps it
//! as a hand edit, and the adopt report lists it (`adopt::differences`).

use crate::i18n::{Msg, f, t};
use serde_json::{Map, Value as Json};

use crate::update::merge::Tree;
use crate::yaml::Text;

/// One object of the folder and the file it is in.
pub struct Found {
    pub file: String,
    pub tree: Tree,
}

impl Found {
    fn kind(&self) -> &str {
        self.tree.get("kind").and_then(Tree::str).unwrap_or("")
    }

    fn name(&self) -> &str {
        at(&self.tree, &["metadata", "name"])
            .and_then(Tree::str)
            .unwrap_or("")
    }

    /// True for a Kubernetes Job or CronJob (API group `batch`), not a
    /// custom resource of another group with the same kind.
    fn is_batch_job(&self) -> bool {
        crate::update::merge::is_batch_job(&self.tree)
    }
}

/// The value at a path of mapping keys.
pub fn at<'a>(t: &'a Tree, path: &[&str]) -> Option<&'a Tree> {
    path.iter().try_fold(t, |t, k| t.get(k))
}

fn text<'a>(t: &'a Tree, path: &[&str]) -> Option<&'a str> {
    at(t, path).and_then(Tree::str)
}

fn items<'a>(t: &'a Tree, path: &[&str]) -> &'a [Tree] {
    match at(t, path) {
        Some(Tree::Seq(items)) => items,
        _ => &[],
    }
}

fn entries<'a>(t: &'a Tree, path: &[&str]) -> &'a [(Text, Tree)] {
    match at(t, path) {
        Some(Tree::Map(e)) => e,
        _ => &[],
    }
}

/// A whole number, as the answers file records it.
fn number(t: &Tree, path: &[&str]) -> Option<Json> {
    text(t, path)
        .and_then(|s| s.parse::<u64>().ok())
        .map(Json::from)
}

/// The folder's one Job or CronJob: the one in job.yaml, else the only one.
pub fn the_job(objects: &[Found]) -> Result<&Found, String> {
    let jobs: Vec<&Found> = objects.iter().filter(|o| o.is_batch_job()).collect();
    let in_job_yaml: Vec<&&Found> = jobs.iter().filter(|o| o.file == "job.yaml").collect();
    let custom = objects
        .iter()
        .find(|o| matches!(o.kind(), "Job" | "CronJob") && !o.is_batch_job());
    match (jobs.len(), in_job_yaml.len()) {
        (0, _) if custom.is_some() => {
            let o = custom.expect("just found");
            Err(format!(
                "holds {}/{} of {}, a custom resource, not a Kubernetes Job (batch/v1): it is not adopted",
                o.kind(),
                o.name(),
                text(&o.tree, &["apiVersion"]).unwrap_or("no apiVersion")
            ))
        }
        (0, _) => Err("holds no Job or CronJob".into()),
        (1, _) => Ok(jobs[0]),
        (_, 1) => Ok(in_job_yaml[0]),
        (n, _) => Err(format!(
            "holds {n} Jobs/CronJobs ({}): adopt one folder per job",
            jobs.iter()
                .map(|j| format!("{}/{}", j.kind(), j.name()))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The job's name, when it can name a jobgen job; else what is wrong with
/// it and how to adopt the job anyway.
pub fn usable_name(job: &Found) -> Result<&str, String> {
    let what = job.kind();
    let name = job.name();
    if name.is_empty() {
        let why = match text(&job.tree, &["metadata", "generateName"]) {
            Some(prefix) => format!(
                "its {what} has no metadata.name, only generateName `{prefix}` (kubectl create picks a new name each time; kubectl apply refuses it)"
            ),
            None => format!("its {what} has no metadata.name"),
        };
        return Err(format!(
            "{why}: give it a name in the manifest, or adopt it with --name NAME"
        ));
    }
    let max = if job.kind() == "CronJob" { 52 } else { 63 };
    match crate::answers::scalars::dns_label(name, max) {
        Ok(_) => Ok(name),
        Err(e) => Err(format!(
            "its {what} is named `{name}`, which {e}: rename it in the manifest, or adopt it with --name NAME (a valid name; the manifest keeps its own as a hand edit)"
        )),
    }
}

/// What was inferred: the values, and notes on what was not in the folder
/// and so was left to jobgen's defaults.
#[derive(Debug, Default)]
pub struct Inference {
    pub values: Map<String, Json>,
    pub notes: Vec<String>,
}

/// The parts of the job every rule reads.
struct Job<'a> {
    tree: &'a Tree,
    /// The Job spec (a CronJob's jobTemplate.spec).
    spec: &'a Tree,
    pod: &'a Tree,
    container: Option<&'a Tree>,
    name: &'a str,
}

/// The answers these objects imply; `target_label` is the team's, `name`
/// the one `--name` gives (else the job's own).
pub fn infer(objects: &[Found], job: &Found, target_label: &str, name: Option<&str>) -> Inference {
    let name = name.unwrap_or(job.name());
    let cron = job.kind() == "CronJob";
    let spec_path: &[&str] = if cron {
        &["spec", "jobTemplate", "spec"]
    } else {
        &["spec"]
    };
    let empty = Tree::Map(Vec::new());
    let spec = at(&job.tree, spec_path).unwrap_or(&empty);
    let pod = at(spec, &["template", "spec"]).unwrap_or(&empty);
    let containers = items(pod, &["containers"]);
    let container = match containers {
        [one] => Some(one),
        _ => containers
            .iter()
            .find(|c| text(c, &["name"]) == Some(name))
            .or(containers.first()),
    };
    let j = Job {
        tree: &job.tree,
        spec,
        pod,
        container,
        name,
    };
    let mut out = Inference::default();
    naming(&mut out, &j, target_label);
    workload(&mut out, &j, cron);
    container_answers(&mut out, &j);
    let sa = service_account(&mut out, objects, &j);
    contents(&mut out, objects, &j);
    network(&mut out, objects, &j, sa);
    monitoring(&mut out, objects);
    // A README the folder lacks stays absent (`--readme` asks for
    // jobgen's); `adopt` keeps one jobgen wrote (`jobgen_readme`).
    set_file(&mut out, "readme", false);
    out
}

fn set(out: &mut Inference, key: &str, value: impl Into<Json>) {
    out.values.insert(key.into(), value.into());
}

/// Name, purpose, target, env, namespace, description, labels, annotations.
fn naming(out: &mut Inference, j: &Job, target_label: &str) {
    set(out, "name", j.name);
    let label = |k: &str| text(j.tree, &["metadata", "labels", k]);
    let split = crate::defaults::split_name(j.name);
    let purpose = label("app").or(split.map(|s| s.0)).unwrap_or(j.name);
    let target = label(target_label).or(split.map(|s| s.1)).unwrap_or(j.name);
    set(out, "purpose", purpose);
    set(out, "target", target);
    if label(target_label).is_none() && split.is_none() {
        out.notes.push(f(
            Msg::A_NO_TARGET,
            &[("name", j.name), ("label", target_label)],
        ));
    }
    if let Some(env) = label("env") {
        set(out, "env", env);
    }
    match text(j.tree, &["metadata", "namespace"]) {
        Some(ns) => set(out, "namespace", ns),
        None => {
            set(out, "namespace", "default");
            out.notes.push(t(Msg::A_NO_NAMESPACE).into());
        }
    }
    if let Some(d) = text(
        j.tree,
        &["metadata", "annotations", "kubernetes.io/description"],
    ) {
        set(out, "description", d);
    }
    // The labels jobgen writes itself are not recorded as extra labels:
    // written twice, they would be a duplicate key (a Helm chart's Job
    // carries app.kubernetes.io/instance, say).
    let own_labels = ["app", target_label, "version", "env"]
        .into_iter()
        .chain(crate::defaults::OWN_LABELS.iter().copied())
        .collect::<Vec<&str>>();
    let labels: Map<String, Json> = entries(j.tree, &["metadata", "labels"])
        .iter()
        .filter(|(k, _)| !own_labels.contains(&k.as_str()))
        .filter_map(|(k, v)| v.str().map(|v| (k.to_string(), Json::from(v))))
        .collect();
    if !labels.is_empty() {
        set(out, "labels", labels);
    }
    // What the templates write themselves (the description, checkov's
    // skips, Argo CD's hook and wave, Flux's force) is no answer; the
    // hook or force tells how the team deploys.
    let generated =
        |k: &str| crate::defaults::OWN_ANNOTATIONS.contains(&k) || k.starts_with("checkov.io/skip");
    let annotation = |k: &str| text(j.tree, &["metadata", "annotations", k]);
    if annotation("argocd.argoproj.io/hook").is_some() {
        set(out, "gitops", "argocd");
    } else if annotation("kustomize.toolkit.fluxcd.io/force") == Some("enabled") {
        set(out, "gitops", "flux");
    }
    let annotations: Map<String, Json> = entries(j.tree, &["metadata", "annotations"])
        .iter()
        .filter(|(k, _)| !generated(k))
        .filter_map(|(k, v)| v.str().map(|v| (k.to_string(), Json::from(v))))
        .collect();
    if !annotations.is_empty() {
        set(out, "annotations", annotations);
    }
    if let Some(q) = text(j.tree, &["metadata", "labels", "kueue.x-k8s.io/queue-name"]).or(text(
        j.tree,
        &[
            "spec",
            "jobTemplate",
            "metadata",
            "labels",
            "kueue.x-k8s.io/queue-name",
        ],
    )) {
        set(out, "queue", q);
    }
}

/// Pattern, schedule and CronJob policies, parallelism, retries, deadlines.
fn workload(out: &mut Inference, j: &Job, cron: bool) {
    let spec = j.spec;
    let indexed = text(spec, &["completionMode"]) == Some("Indexed");
    let pattern = match (cron, indexed) {
        (true, _) => "cron",
        (false, true) => "parallel",
        (false, false) => "one-off",
    };
    set(out, "pattern", pattern);
    if cron {
        let top = &j.tree;
        for (field, key) in [("schedule", "schedule"), ("timeZone", "time-zone")] {
            if let Some(v) = text(top, &["spec", field]) {
                set(out, key, v);
            }
        }
        if let Some(v) = text(top, &["spec", "concurrencyPolicy"]) {
            set(out, "concurrency-policy", v);
        }
        for (field, key) in [
            ("startingDeadlineSeconds", "starting-deadline"),
            ("successfulJobsHistoryLimit", "successful-jobs-history"),
            ("failedJobsHistoryLimit", "failed-jobs-history"),
        ] {
            if let Some(n) = number(top, &["spec", field]) {
                set(out, key, n);
            }
        }
        if text(top, &["spec", "suspend"]) == Some("true") {
            set(out, "suspend", true);
        }
    } else {
        if let Some(n) = number(spec, &["ttlSecondsAfterFinished"]) {
            set(out, "ttl", n);
        }
        if text(spec, &["suspend"]) == Some("true") {
            set(out, "suspend", true);
        }
    }
    if indexed {
        for (field, key) in [
            ("parallelism", "parallelism"),
            ("completions", "completions"),
            ("backoffLimitPerIndex", "backoff-limit-per-index"),
            ("maxFailedIndexes", "max-failed-indexes"),
        ] {
            if let Some(n) = number(spec, &[field]) {
                set(out, key, n);
            }
        }
    }
    if let Some(n) = number(spec, &["backoffLimit"]) {
        set(out, "backoff-limit", n);
    }
    if let Some(n) = number(spec, &["activeDeadlineSeconds"]) {
        set(out, "active-deadline", n);
    }
    if let Some(r) = text(j.pod, &["restartPolicy"]) {
        set(out, "restart-policy", r);
    }
    let codes: Vec<Json> = items(spec, &["podFailurePolicy", "rules"])
        .iter()
        .filter(|r| text(r, &["action"]) == Some("FailJob"))
        .flat_map(|r| items(r, &["onExitCodes", "values"]))
        .filter_map(|v| v.str().and_then(|s| s.parse::<u64>().ok()))
        .map(Json::from)
        .collect();
    if !codes.is_empty() {
        set(out, "fail-on-exit-code", codes);
    }
}

/// Image, command (command and args as one command line), resources, user.
fn container_answers(out: &mut Inference, j: &Job) {
    if let Some(u) = number(j.pod, &["securityContext", "runAsUser"]) {
        set(out, "run-as-user", u);
    }
    let Some(c) = j.container else { return };
    if let Some(image) = text(c, &["image"]) {
        set(out, "image", image);
    }
    let words = |k: &str| -> Vec<Json> {
        items(c, &[k])
            .iter()
            .filter_map(|w| w.str().map(Json::from))
            .collect()
    };
    let (command, args) = (words("command"), words("args"));
    if !command.is_empty() {
        set(out, "command", [command, args].concat());
    } else if !args.is_empty() {
        out.notes.push(t(Msg::A_ARGS_ONLY).into());
    }
    for (part, key) in [
        (["requests", "cpu"], "cpu-request"),
        (["requests", "memory"], "memory-request"),
        (["limits", "cpu"], "cpu-limit"),
        (["limits", "memory"], "memory-limit"),
    ] {
        if let Some(q) = text(c, &["resources", part[0], part[1]]) {
            set(out, key, q);
        }
    }
    // Env vars written inline (jobgen puts them in its ConfigMap).
    let literal: Map<String, Json> = items(c, &["env"])
        .iter()
        .filter_map(|e| {
            Some((
                text(e, &["name"])?.to_string(),
                Json::from(text(e, &["value"])?),
            ))
        })
        .collect();
    if !literal.is_empty() {
        merge_map(out, "env-vars", literal);
    }
}

fn merge_map(out: &mut Inference, key: &str, more: Map<String, Json>) {
    let entry = out
        .values
        .entry(key.to_string())
        .or_insert_with(|| Json::Object(Map::new()));
    if let Json::Object(m) = entry {
        m.extend(more);
    }
}

fn find<'a>(objects: &'a [Found], kind: &str, name: &str) -> Option<&'a Found> {
    objects
        .iter()
        .find(|o| o.kind() == kind && o.name() == name)
}

/// The pod's ServiceAccount when it is one of the folder's: its cloud
/// identity annotation and its Role's rules. Returns whether it is.
fn service_account(out: &mut Inference, objects: &[Found], j: &Job) -> bool {
    let name = text(j.pod, &["serviceAccountName"]).or(text(j.pod, &["serviceAccount"]));
    let Some(sa) = name.and_then(|n| find(objects, "ServiceAccount", n)) else {
        set_file(out, "service-account", false);
        return false;
    };
    set_file(out, "service-account", true);
    for (annotation, key) in [
        ("iam.gke.io/gcp-service-account", "gcp-service-account"),
        ("eks.amazonaws.com/role-arn", "aws-role-arn"),
        ("azure.workload.identity/client-id", "azure-client-id"),
    ] {
        if let Some(v) = text(&sa.tree, &["metadata", "annotations", annotation]) {
            set(out, key, v);
        }
    }
    let bound_role = objects
        .iter()
        .filter(|o| o.kind() == "RoleBinding")
        .find(|rb| {
            items(&rb.tree, &["subjects"])
                .iter()
                .any(|s| text(s, &["name"]) == Some(sa.name()))
        })
        .and_then(|rb| text(&rb.tree, &["roleRef", "name"]))
        .and_then(|r| find(objects, "Role", r));
    let rules: Vec<Json> = bound_role
        .map(|r| items(&r.tree, &["rules"]))
        .unwrap_or(&[])
        .iter()
        .flat_map(rbac_answers)
        .collect();
    if !rules.is_empty() {
        set(out, "rbac", rules);
    }
    true
}

/// A Role rule as `RESOURCE[.GROUP]:VERB,…` answers, one per group and
/// resource.
fn rbac_answers(rule: &Tree) -> Vec<Json> {
    let words = |k: &str| -> Vec<&str> { items(rule, &[k]).iter().filter_map(Tree::str).collect() };
    let verbs = words("verbs").join(",");
    let mut out = Vec::new();
    for group in words("apiGroups") {
        for resource in words("resources") {
            let target = match group {
                "" => resource.to_string(),
                g => format!("{resource}.{g}"),
            };
            out.push(Json::from(format!("{target}:{verbs}")));
        }
    }
    out
}

pub(crate) fn set_file(out: &mut Inference, file: &str, on: bool) {
    let files = out
        .values
        .entry("files")
        .or_insert_with(|| Json::Object(Map::new()));
    if let Json::Object(m) = files {
        m.insert(file.into(), Json::Bool(on));
    }
}

/// Env vars from the folder's ConfigMap, secrets from its ExternalSecret
/// (and SecretStore), as the pod's envFrom names them.
fn contents(out: &mut Inference, objects: &[Found], j: &Job) {
    let from = j.container.map(|c| items(c, &["envFrom"])).unwrap_or(&[]);
    let named = |field: &str| -> Vec<&str> {
        from.iter()
            .filter_map(|f| text(f, &[field, "name"]))
            .collect()
    };
    let config_map = named("configMapRef")
        .into_iter()
        .find_map(|n| find(objects, "ConfigMap", n));
    if let Some(cm) = config_map {
        let data: Map<String, Json> = entries(&cm.tree, &["data"])
            .iter()
            .filter_map(|(k, v)| v.str().map(|v| (k.to_string(), Json::from(v))))
            .collect();
        merge_map(out, "env-vars", data);
    }
    let has_env = out.values.contains_key("env-vars");
    set_file(out, "configmap", config_map.is_some() || has_env);
    let secret_names = named("secretRef");
    let es = objects
        .iter()
        .filter(|o| o.kind() == "ExternalSecret")
        .find(|es| {
            let target = text(&es.tree, &["spec", "target", "name"]).unwrap_or(es.name());
            secret_names.contains(&target)
        });
    set_file(out, "external-secret", es.is_some());
    let Some(es) = es else { return };
    let secrets: Map<String, Json> = items(&es.tree, &["spec", "data"])
        .iter()
        .filter_map(|d| {
            Some((
                text(d, &["secretKey"])?.to_string(),
                Json::from(text(d, &["remoteRef", "key"])?),
            ))
        })
        .collect();
    if !secrets.is_empty() {
        set(out, "secrets", secrets);
    }
    if let Some(store) = text(&es.tree, &["spec", "secretStoreRef", "name"]) {
        set(out, "secret-store", store);
    }
    let kind = text(&es.tree, &["spec", "secretStoreRef", "kind"]).unwrap_or("SecretStore");
    set(out, "secret-store-kind", kind);
    let store = text(&es.tree, &["spec", "secretStoreRef", "name"])
        .and_then(|n| find(objects, "SecretStore", n))
        .filter(|_| kind == "SecretStore");
    if let Some(store) = store {
        secret_store(out, &store.tree);
    }
}

/// A SecretStore of the folder: jobgen writes it with --create-secret-store.
fn secret_store(out: &mut Inference, store: &Tree) {
    let provider = |p: &str| at(store, &["spec", "provider", p]);
    let (name, setting) = if let Some(p) = provider("gcpsm") {
        ("gcp", text(p, &["projectID"]).map(|v| ("gcp-project", v)))
    } else if let Some(p) = provider("aws") {
        ("aws", text(p, &["region"]).map(|v| ("aws-region", v)))
    } else if let Some(p) = provider("azurekv") {
        (
            "azure",
            text(p, &["vaultUrl"]).map(|v| ("azure-vault-url", v)),
        )
    } else {
        return;
    };
    set(out, "create-secret-store", true);
    set(out, "provider", name);
    if let Some((key, value)) = setting {
        set(out, key, value);
    }
}

/// The folder's NetworkPolicy: the DNS it allows and each other egress rule
/// as an --egress answer (the token endpoints of the cloud identity are
/// jobgen's own, worked out from the identity).
fn network(out: &mut Inference, objects: &[Found], j: &Job, has_sa: bool) {
    let Some(np) = objects.iter().find(|o| o.kind() == "NetworkPolicy") else {
        set_file(out, "network-policy", false);
        return;
    };
    set_file(out, "network-policy", true);
    let identity = has_sa
        && ["gcp-service-account", "aws-role-arn", "azure-client-id"]
            .iter()
            .any(|k| out.values.contains_key(*k));
    let gcp = out.values.contains_key("gcp-service-account");
    let mut egress: Vec<Json> = Vec::new();
    let _ = j;
    for rule in items(&np.tree, &["spec", "egress"]) {
        let ports: Vec<(&str, Option<&str>)> = items(rule, &["ports"])
            .iter()
            .map(|p| (text(p, &["protocol"]).unwrap_or("TCP"), text(p, &["port"])))
            .collect();
        let cidr = items(rule, &["to"])
            .iter()
            .find_map(|peer| text(peer, &["ipBlock", "cidr"]));
        let dns = ports.iter().any(|(_, p)| *p == Some("53"));
        if dns {
            match cidr {
                Some("169.254.20.10/32") => set(out, "dns", "node-local-dns"),
                Some("169.254.169.254/32") => set(out, "dns", "gke-cloud-dns"),
                _ => {}
            }
            continue;
        }
        let port = ports.first().and_then(|(_, p)| *p);
        let identity_rule = identity
            && match (cidr, port) {
                (Some("169.254.169.254/32"), Some("80"))
                | (Some("169.254.169.252/32"), Some("988")) => gcp,
                (None, Some("443")) => !gcp,
                _ => false,
            };
        if identity_rule {
            continue;
        }
        match (cidr, port) {
            (Some(c), Some(p)) => egress.push(Json::from(format!("{c}:{p}"))),
            (Some(c), None) => egress.push(Json::from(c)),
            (None, Some(p)) => egress.push(Json::from(p)),
            (None, None) => {}
        }
    }
    if !out.values.contains_key("dns") {
        set(out, "dns", "kube-dns");
    }
    if !egress.is_empty() {
        set(out, "egress", egress);
    }
}

/// A PrometheusRule of the folder: jobgen's alerts, their threshold and team.
fn monitoring(out: &mut Inference, objects: &[Found]) {
    let Some(rule) = objects.iter().find(|o| o.kind() == "PrometheusRule") else {
        set(out, "monitoring", false);
        return;
    };
    set(out, "monitoring", true);
    let rules: Vec<&Tree> = items(&rule.tree, &["spec", "groups"])
        .iter()
        .flat_map(|g| items(g, &["rules"]))
        .collect();
    let by_name = |n: &str| rules.iter().find(|r| text(r, &["alert"]) == Some(n));
    if let Some(team) = rules.iter().find_map(|r| text(r, &["labels", "team"])) {
        set(out, "team", team);
    }
    // `… > ALERT_AFTER and on (namespace, job_name) …`
    let after = by_name("JobRunningTooLong")
        .and_then(|r| text(r, &["expr"]))
        .and_then(|e| e.split(") > ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<u64>().ok());
    if let Some(after) = after {
        set(out, "alert-after", after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_role_rule_becomes_rbac_answers() {
        let rule = Tree::from(
            &crate::yaml::parse(
                "apiGroups: ['', batch]\nresources: [configmaps]\nverbs: [get, list]\n",
            )
            .unwrap()
            .value,
        );
        assert_eq!(
            rbac_answers(&rule),
            vec![
                json!("configmaps:get,list"),
                json!("configmaps.batch:get,list")
            ]
        );
    }
}
