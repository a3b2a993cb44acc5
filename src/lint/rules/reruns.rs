//! `job-reruns`: a one-off or parallel Job that the way the team deploys
//! (`gitops`) would run again by accident. Argo CD re-creates a Job its TTL
//! deleted unless it is a hook (argo-cd#8586); Flux re-applies its path and
//! re-creates it (its "Running jobs" guide uses no TTL); `generateName`
//! defeats `BeforeHookCreation` (argo-cd#4295); a `PreSync` hook runs
//! before the Sync phase creates what it needs (argo-cd#9891).

use crate::choices::Gitops;
use crate::i18n::{Msg, t};
use crate::lint::rules::object::{Object, Sink, line};

pub(crate) fn reruns(sink: &mut Sink, o: &Object, objects: &[Object]) {
    if o.kind != "Job" {
        return;
    }
    let annotation = |o: &Object, k: &str| {
        o.at(&["metadata", "annotations", k])
            .and_then(|v| v.value.text())
            .map(str::to_string)
    };
    let hook = annotation(o, "argocd.argoproj.io/hook");
    let ttl = o.at(&["spec", "ttlSecondsAfterFinished"]);
    let top = line(o.doc);
    match (sink.options.gitops, ttl) {
        (Gitops::Argocd, Some(ttl)) if hook.is_none() => sink.object(
            "job-reruns",
            o,
            line(ttl),
            t(Msg::L_RERUN_ARGO).into(),
            t(Msg::L_RERUN_ARGO_HINT),
        ),
        (Gitops::Flux, Some(ttl)) => sink.object(
            "job-reruns",
            o,
            line(ttl),
            t(Msg::L_RERUN_FLUX).into(),
            t(Msg::L_RERUN_FLUX_HINT),
        ),
        _ => {}
    }
    let policy = annotation(o, "argocd.argoproj.io/hook-delete-policy").unwrap_or_default();
    if o.at(&["metadata", "generateName"]).is_some() && policy.contains("BeforeHookCreation") {
        sink.object(
            "job-reruns",
            o,
            top,
            t(Msg::L_RERUN_GENERATE).into(),
            t(Msg::L_RERUN_GENERATE_HINT),
        );
    }
    if hook
        .as_deref()
        .is_some_and(|h| h.split(',').any(|h| h.trim() == "PreSync"))
    {
        let needed = needs(o);
        let late = objects.iter().find(|x| {
            needed
                .iter()
                .any(|(kind, name)| x.kind == *kind && x.name == *name)
                && !annotation(x, "argocd.argoproj.io/hook").is_some_and(|h| h.contains("PreSync"))
        });
        if let Some(x) = late {
            let message = crate::i18n::f(Msg::L_RERUN_PRESYNC, &[("object", &x.label())]);
            sink.object("job-reruns", o, top, message, t(Msg::L_RERUN_PRESYNC_HINT));
        }
    }
}

/// The ServiceAccount and Secrets (or the ExternalSecrets that make them)
/// the Job's pod needs, as (kind, name).
fn needs(o: &Object) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let pod = o.at(&["spec", "template", "spec"]);
    let Some(pod) = pod else { return out };
    if let Some(sa) = pod
        .value
        .get("serviceAccountName")
        .and_then(|v| v.value.text())
    {
        out.push(("ServiceAccount", sa.to_string()));
    }
    let containers = pod
        .value
        .get("containers")
        .map(|c| c.value.items())
        .unwrap_or(&[]);
    for c in containers {
        let from = c
            .value
            .get("envFrom")
            .map(|e| e.value.items())
            .unwrap_or(&[]);
        for e in from {
            if let Some(name) = e
                .value
                .at(&["secretRef", "name"])
                .and_then(|n| n.value.text())
            {
                out.push(("Secret", name.to_string()));
                out.push(("ExternalSecret", name.to_string()));
            }
        }
    }
    out
}
