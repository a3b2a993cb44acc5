//! Rules for the Job or CronJob: name, labels, schedule, TTL, retries and
//! deadline, then its pod template (`pod`, `refs`).

use crate::i18n::{Msg, f, t};
use crate::yaml::Spanned;

use crate::answers::scalars as v;
use crate::lint::rules::object::{Object, Sink, line};
use crate::lint::rules::pod::{pod_spec, restart_policy};
use crate::lint::rules::refs::{identity_egress, network_policies, references};
use crate::yaml::Node;

pub(crate) fn has_labels(
    sink: &mut Sink,
    o: &Object,
    meta: Option<&Spanned<Node>>,
    fallback: u64,
    wanted: &[&str],
    what: &str,
) {
    let labels = meta.and_then(|m| m.value.get("labels"));
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|k| labels.and_then(|l| l.value.get(k)).is_none())
        .collect();
    if !missing.is_empty() {
        let at = labels.or(meta).map(line).unwrap_or(fallback);
        sink.object(
            "labels-missing",
            o,
            at,
            f(
                Msg::L_LABELS,
                &[("what", what), ("labels", &missing.join(", "))],
            ),
            t(Msg::L_LABELS_HINT),
        );
    }
}

pub(crate) fn job(sink: &mut Sink, o: &Object, target_label: &str, objects: &[Object]) {
    let cron = o.kind == "CronJob";
    let top = line(o.doc);
    job_name(sink, o, top);
    let wanted = ["app", "version", "env", target_label];
    has_labels(sink, o, o.at(&["metadata"]), top, &wanted, o.kind);
    let (job_spec, job_path): (Option<&Spanned<Node>>, &[&str]) = if cron {
        (
            o.at(&["spec", "jobTemplate", "spec"]),
            &["spec", "jobTemplate", "spec"],
        )
    } else {
        (o.at(&["spec"]), &["spec"])
    };
    let spec_line = job_spec.map(line).unwrap_or(top);
    if cron {
        cron_schedule(sink, o, top);
    }
    let Some(job_spec) = job_spec else {
        sink.object(
            "restart-policy",
            o,
            top,
            f(
                Msg::L_NO_SPEC,
                &[("kind", o.kind), ("path", &job_path.join("."))],
            ),
            t(Msg::L_REGENERATE),
        );
        return;
    };
    let spec = &job_spec.value;
    job_limits(sink, o, spec, spec_line);
    let template = spec.get("template");
    has_labels(
        sink,
        o,
        template.and_then(|t| t.value.get("metadata")),
        spec_line,
        &wanted,
        t(Msg::L_POD_TEMPLATE),
    );
    let Some(pod) = template.and_then(|t| t.value.get("spec")) else {
        sink.object(
            "restart-policy",
            o,
            spec_line,
            t(Msg::L_NO_TEMPLATE).into(),
            t(Msg::L_REGENERATE),
        );
        return;
    };
    restart_policy(sink, o, pod);
    pod_spec(sink, o, pod);
    references(sink, o, pod, objects);
    let pod_labels = template.and_then(|t| t.value.at(&["metadata", "labels"]));
    network_policies(sink, pod_labels, objects);
    identity_egress(sink, pod, objects);
}

/// The job name: a DNS label short enough for its kind, in the
/// conventions' [purpose]-[target]-[detail] form.
pub(crate) fn job_name(sink: &mut Sink, o: &Object, top: u64) {
    let cron = o.kind == "CronJob";
    let max = match cron {
        true => crate::defaults::CRONJOB_NAME_MAX,
        false => crate::defaults::NAME_MAX,
    };
    let name_line = o.at(&["metadata", "name"]).map(line).unwrap_or(top);
    if o.name.is_empty()
        && let Some(prefix) = o.generate_name()
    {
        let at = o.at(&["metadata", "generateName"]).map_or(top, line);
        sink.object(
            "name-dns",
            o,
            at,
            f(
                Msg::L_GENERATE_NAME,
                &[("kind", o.kind), ("prefix", prefix)],
            ),
            t(Msg::L_GENERATE_NAME_HINT),
        );
        return;
    }
    if let Err(why) = v::dns_label(o.name, max) {
        let extra = match cron {
            true => format!(" ({})", crate::defaults::cronjob_name_note()),
            false => String::new(),
        };
        sink.object(
            "name-dns",
            o,
            name_line,
            f(
                Msg::L_NAME,
                &[("name", o.name), ("why", &format!("{why}{extra}"))],
            ),
            t(Msg::L_NAME_HINT),
        );
    } else if crate::defaults::split_name(o.name).is_none() {
        sink.object(
            "name-format",
            o,
            name_line,
            f(Msg::L_NAME_FORMAT, &[("name", o.name)]),
            t(Msg::L_NAME_FORMAT_HINT),
        );
    }
}

/// A CronJob's schedule, as Kubernetes parses it.
pub(crate) fn cron_schedule(sink: &mut Sink, o: &Object, top: u64) {
    match o.at(&["spec", "schedule"]) {
        Some(s) => {
            let text = s.value.text().unwrap_or("");
            if let Err(why) = v::schedule(text) {
                // It parses, so it is refused for dates that do not exist.
                let hint = match crate::answers::cron::parse(text) {
                    Ok(_) => t(Msg::L_SCHEDULE_NEVER_HINT),
                    Err(_) => t(Msg::L_SCHEDULE_HINT),
                };
                sink.object(
                    "cron-schedule",
                    o,
                    line(s),
                    f(Msg::L_SCHEDULE, &[("text", text), ("why", &why)]),
                    hint,
                );
            }
        }
        None => sink.object(
            "cron-schedule",
            o,
            top,
            t(Msg::L_NO_SCHEDULE).into(),
            t(Msg::L_NO_SCHEDULE_HINT),
        ),
    }
}

/// TTL (not for a CronJob's jobs), retries and the deadline.
pub(crate) fn job_limits(sink: &mut Sink, o: &Object, spec: &Node, spec_line: u64) {
    let cron = o.kind == "CronJob";
    if cron && let Some(ttl) = spec.get("ttlSecondsAfterFinished") {
        sink.object(
            "cron-ttl",
            o,
            line(ttl),
            t(Msg::L_CRON_TTL).into(),
            t(Msg::L_CRON_TTL_HINT),
        );
    }
    // A Job Flux force-recreates is kept until pruned: no TTL, by design
    // (a TTL would have Flux create it again, and run it again).
    let flux = o
        .at(&[
            "metadata",
            "annotations",
            "kustomize.toolkit.fluxcd.io/force",
        ])
        .and_then(|v| v.value.text())
        == Some("enabled");
    if !cron && !flux && spec.get("ttlSecondsAfterFinished").is_none() {
        sink.object(
            "ttl-missing",
            o,
            spec_line,
            t(Msg::L_TTL).into(),
            t(Msg::L_TTL_HINT),
        );
    }
    if spec.get("backoffLimit").is_none() {
        sink.object(
            "backoff-limit-missing",
            o,
            spec_line,
            t(Msg::L_BACKOFF).into(),
            t(Msg::L_BACKOFF_HINT),
        );
    }
    if spec.get("activeDeadlineSeconds").is_none() {
        sink.object(
            "active-deadline-missing",
            o,
            spec_line,
            t(Msg::L_DEADLINE).into(),
            t(Msg::L_DEADLINE_HINT),
        );
    }
}
