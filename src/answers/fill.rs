//! Defaults: every gap in the layered answers that has a default or can be
//! derived from other answers is filled, each with where it came from.

use crate::answers::fields::{Key, key};
use crate::answers::layers::{Layers, Source};
use crate::defaults::{self, Pattern, Size};

/// Fills every gap that has a default or can be derived from other answers,
/// recording where each came from. Answers with no possible default (NAME
/// without --purpose and --target) stay empty and `validate` reports them.
pub fn fill_defaults(l: &mut Layers) {
    fill_naming(l);
    fill_workload(l);
    fill_limits(l);
    fill_identity(l);
    fill_settings(l);
    fill_monitoring(l);
    crate::answers::team::fill(l);
}

/// NAME from purpose and target, or purpose and target from NAME.
fn fill_naming(l: &mut Layers) {
    let from = |what: &str| Source::Derived(what.to_string());
    match (
        l.text(key::NAME).map(str::to_string),
        l.text(key::PURPOSE).map(str::to_string),
        l.text(key::TARGET).map(str::to_string),
    ) {
        (None, Some(p), Some(t)) => {
            l.set_text(key::NAME, format!("{p}-{t}"), from("purpose and target"))
        }
        (Some(name), _, _) => match defaults::split_name(&name) {
            Some((p, t)) => {
                l.default_text(key::PURPOSE, p, from("NAME"));
                l.default_text(key::TARGET, t, from("NAME"));
            }
            None => l.default_text(key::PURPOSE, name.clone(), from("NAME")),
        },
        _ => {}
    }
}

/// Env, pattern, namespace, description, image and the pattern's own answers.
fn fill_workload(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    l.default_text(key::ENV, defaults::ENV, builtin());
    l.default_text(key::PATTERN, defaults::PATTERN.as_str(), builtin());
    let pattern = l.text(key::PATTERN).and_then(Pattern::parse);
    if let Some(p) = pattern {
        let per_pattern = format!("namespaces.{p}");
        let ns = Key::of(&per_pattern)
            .and_then(|k| l.text(k))
            .map(str::to_string);
        if let Some(ns) = ns {
            l.default_text(key::NAMESPACE, ns, from(&per_pattern));
        }
    }
    if let Some(p) = l.text(key::PURPOSE).map(str::to_string) {
        l.default_text(key::NAMESPACE, defaults::namespace_for(&p), from("purpose"));
        let target = l.text(key::TARGET).unwrap_or_default().to_string();
        // In the README's language: a Korean README gets a Korean line.
        let description = match l.text(key::LANG) {
            Some("ko") => format!("{target} 대상 {p}"),
            _ => format!("{p} for {target}"),
        };
        l.default_text(key::DESCRIPTION, description, from("purpose and target"));
    }
    l.default_text(key::IMAGE, defaults::IMAGE, builtin());
    match pattern {
        Some(Pattern::Cron) => l.default_text(key::SCHEDULE, defaults::SCHEDULE, builtin()),
        Some(Pattern::Parallel) => {
            l.default_text(
                key::PARALLELISM,
                defaults::PARALLELISM.to_string(),
                builtin(),
            );
            l.default_text(
                key::COMPLETIONS,
                defaults::COMPLETIONS.to_string(),
                builtin(),
            );
        }
        _ => {}
    }
}

/// TTL, retries, restart policy, deadline, size tiers and resources, UID.
fn fill_limits(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    l.default_text(
        key::TTL,
        defaults::TTL_PRESETS[0].value.to_string(),
        builtin(),
    );
    l.default_text(
        key::BACKOFF_LIMIT,
        defaults::BACKOFF_PRESETS[0].value.to_string(),
        builtin(),
    );
    l.default_text(key::RESTART_POLICY, defaults::RESTART_POLICY, builtin());
    l.default_text(
        key::ACTIVE_DEADLINE,
        defaults::ACTIVE_DEADLINE.to_string(),
        builtin(),
    );
    l.default_text(key::SIZE, defaults::SIZE.as_str(), builtin());
    for &size in Size::ALL {
        for (part, value) in RESOURCE_PARTS.into_iter().zip(size.resources()) {
            if let Some(k) = tier_key(size, part) {
                l.default_text(k, value, builtin());
            }
        }
    }
    if let Some(size) = l.text(key::SIZE).and_then(Size::parse) {
        for part in RESOURCE_PARTS {
            let tier = tier_key(size, part)
                .and_then(|k| l.text(k))
                .map(str::to_string);
            if let Some(value) = tier {
                l.default_text(part, value, from(&format!("size {size}")));
            }
        }
    }
    l.default_text(
        key::RUN_AS_USER,
        defaults::RUN_AS_USER.to_string(),
        builtin(),
    );
}

/// The provider (following the identity given), the secret store, the files.
fn fill_identity(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    // The provider follows the identity given; GCP otherwise (the conventions').
    for (key, provider) in [
        (key::GCP_SERVICE_ACCOUNT, "gcp"),
        (key::AWS_ROLE_ARN, "aws"),
        (key::AZURE_CLIENT_ID, "azure"),
    ] {
        if l.text(key).is_some() {
            l.default_text(key::PROVIDER, provider, from(&key));
        }
    }
    l.default_text(key::PROVIDER, "gcp", builtin());
    let store = match l.text(key::PROVIDER) {
        Some("aws") => defaults::SECRET_STORE_AWS,
        Some("azure") => defaults::SECRET_STORE_AZURE,
        Some("none") => defaults::SECRET_STORE_NONE,
        _ => defaults::SECRET_STORE,
    };
    l.default_text(key::SECRET_STORE, store, from("provider"));
    l.default_text(key::CREATE_SECRET_STORE, "false", builtin());
    if l.text(key::CREATE_SECRET_STORE) == Some("true") {
        l.default_text(
            key::SECRET_STORE_KIND,
            "SecretStore",
            from("create-secret-store"),
        );
    }
    l.default_text(
        key::SECRET_STORE_KIND,
        defaults::SECRET_STORE_KIND,
        builtin(),
    );
    for key in crate::render::output::file_switches() {
        l.default_text(key, "true", builtin());
    }
}

/// The target label, DNS and the CronJob and Job controls.
fn fill_settings(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    l.default_text(key::TARGET_LABEL, defaults::TARGET_LABEL, builtin());
    l.default_text(key::DNS, "kube-dns", builtin());
    l.default_text(key::CHECKOV_SKIPS, "true", builtin());
    l.default_text(key::GITOPS, "kubectl", builtin());
    l.default_text(
        key::CONCURRENCY_POLICY,
        defaults::CONCURRENCY_POLICY,
        builtin(),
    );
    l.default_text(
        key::STARTING_DEADLINE,
        defaults::STARTING_DEADLINE.to_string(),
        builtin(),
    );
    l.default_text(
        key::SUCCESSFUL_JOBS_HISTORY,
        defaults::HISTORY_LIMIT.to_string(),
        builtin(),
    );
    l.default_text(
        key::FAILED_JOBS_HISTORY,
        defaults::HISTORY_LIMIT.to_string(),
        builtin(),
    );
    l.default_text(key::SUSPEND, "false", builtin());
    l.default_text(key::KUBE_VERSION, defaults::KUBE_VERSION, builtin());
}

/// Alerts: when a run is too long, and the team they are routed to; the README language.
fn fill_monitoring(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    l.default_text(key::MONITORING, "false", builtin());
    if let Some(deadline) = l
        .text(key::ACTIVE_DEADLINE)
        .and_then(|d| d.parse::<u64>().ok())
    {
        l.default_text(
            key::ALERT_AFTER,
            (deadline * 3 / 4).max(60).to_string(),
            from("active-deadline"),
        );
    }
    let team = l
        .map(key::LABELS)
        .iter()
        .find(|e| e.key == "team")
        .and_then(|e| e.value.clone());
    match team {
        Some(t) => l.default_text(key::TEAM, t, from("labels.team")),
        None => {
            if let Some(p) = l.text(key::PURPOSE).map(str::to_string) {
                l.default_text(key::TEAM, p, from("purpose"));
            }
        }
    }
    l.default_text(key::LANG, "en", builtin());
}

/// The four resource answers, in the order of `Size::resources`.
pub(crate) const RESOURCE_PARTS: [Key; 4] = [
    key::CPU_REQUEST,
    key::MEMORY_REQUEST,
    key::CPU_LIMIT,
    key::MEMORY_LIMIT,
];

/// The config key of one part of a size tier, e.g. `sizes.heavy.cpu-limit`.
/// (Every size has a field per part: the field table test checks it.)
pub(crate) fn tier_key(size: Size, part: Key) -> Option<Key> {
    Key::of(&format!("sizes.{size}.{part}"))
}
