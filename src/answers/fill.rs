//! Defaults: every gap in the layered answers that has a default or can be
//! derived from other answers is filled, each with where it came from.

use crate::answers::fields;
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
}

/// NAME from purpose and target, or purpose and target from NAME.
fn fill_naming(l: &mut Layers) {
    let from = |what: &str| Source::Derived(what.to_string());
    match (
        l.text("name").map(str::to_string),
        l.text("purpose").map(str::to_string),
        l.text("target").map(str::to_string),
    ) {
        (None, Some(p), Some(t)) => {
            l.set_text("name", format!("{p}-{t}"), from("purpose and target"))
        }
        (Some(name), _, _) => match defaults::split_name(&name) {
            Some((p, t)) => {
                l.default_text("purpose", p, from("NAME"));
                l.default_text("target", t, from("NAME"));
            }
            None => l.default_text("purpose", name.clone(), from("NAME")),
        },
        _ => {}
    }
}

/// Env, pattern, namespace, description, image and the pattern's own answers.
fn fill_workload(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    l.default_text("env", defaults::ENV, builtin());
    l.default_text("pattern", defaults::PATTERN.as_str(), builtin());
    let pattern = l.text("pattern").and_then(Pattern::parse);
    if let Some(p) = pattern {
        let per_pattern = format!("namespaces.{}", p.as_str());
        if let Some(ns) = l.text(&per_pattern).map(str::to_string) {
            l.default_text("namespace", ns, from(&per_pattern));
        }
    }
    if let Some(p) = l.text("purpose").map(str::to_string) {
        l.default_text("namespace", defaults::namespace_for(&p), from("purpose"));
        let target = l.text("target").unwrap_or_default().to_string();
        l.default_text(
            "description",
            format!("{p} for {target}"),
            from("purpose and target"),
        );
    }
    l.default_text("image", defaults::IMAGE, builtin());
    match pattern {
        Some(Pattern::Cron) => l.default_text("schedule", defaults::SCHEDULE, builtin()),
        Some(Pattern::Parallel) => {
            l.default_text("parallelism", defaults::PARALLELISM.to_string(), builtin());
            l.default_text("completions", defaults::COMPLETIONS.to_string(), builtin());
        }
        _ => {}
    }
}

/// TTL, retries, restart policy, deadline, size tiers and resources, UID.
fn fill_limits(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    l.default_text("ttl", defaults::TTL_PRESETS[0].value.to_string(), builtin());
    l.default_text(
        "backoff-limit",
        defaults::BACKOFF_PRESETS[0].value.to_string(),
        builtin(),
    );
    l.default_text("restart-policy", defaults::RESTART_POLICY, builtin());
    l.default_text(
        "active-deadline",
        defaults::ACTIVE_DEADLINE.to_string(),
        builtin(),
    );
    l.default_text("size", defaults::SIZE.as_str(), builtin());
    for size in Size::NAMES {
        let tier = Size::parse(size).expect("known").resources();
        for (part, value) in RESOURCE_PARTS.iter().zip(tier) {
            l.default_text(tier_key(size, part), value, builtin());
        }
    }
    if let Some(size) = l.text("size").and_then(Size::parse) {
        for part in RESOURCE_PARTS {
            let key = tier_key(size.as_str(), part);
            let value = l.text(key).expect("filled above").to_string();
            l.default_text(part, value, from(&format!("size {}", size.as_str())));
        }
    }
    l.default_text("run-as-user", defaults::RUN_AS_USER.to_string(), builtin());
}

/// The provider (following the identity given), the secret store, the files.
fn fill_identity(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    // The provider follows the identity given; GCP otherwise (the conventions').
    for (key, provider) in [
        ("gcp-service-account", "gcp"),
        ("aws-role-arn", "aws"),
        ("azure-client-id", "azure"),
    ] {
        if l.text(key).is_some() {
            l.default_text("provider", provider, from(key));
        }
    }
    l.default_text("provider", "gcp", builtin());
    let store = match l.text("provider") {
        Some("aws") => defaults::SECRET_STORE_AWS,
        Some("azure") => defaults::SECRET_STORE_AZURE,
        Some("none") => defaults::SECRET_STORE_NONE,
        _ => defaults::SECRET_STORE,
    };
    l.default_text("secret-store", store, from("provider"));
    l.default_text("create-secret-store", "false", builtin());
    if l.text("create-secret-store") == Some("true") {
        l.default_text(
            "secret-store-kind",
            "SecretStore",
            from("create-secret-store"),
        );
    }
    l.default_text("secret-store-kind", defaults::SECRET_STORE_KIND, builtin());
    for key in [
        "files.service-account",
        "files.external-secret",
        "files.configmap",
        "files.network-policy",
    ] {
        l.default_text(key, "true", builtin());
    }
}

/// The target label, DNS and the CronJob and Job controls.
fn fill_settings(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    l.default_text("target-label", defaults::TARGET_LABEL, builtin());
    l.default_text("dns", "kube-dns", builtin());
    l.default_text(
        "concurrency-policy",
        defaults::CONCURRENCY_POLICY,
        builtin(),
    );
    l.default_text(
        "starting-deadline",
        defaults::STARTING_DEADLINE.to_string(),
        builtin(),
    );
    l.default_text(
        "successful-jobs-history",
        defaults::HISTORY_LIMIT.to_string(),
        builtin(),
    );
    l.default_text(
        "failed-jobs-history",
        defaults::HISTORY_LIMIT.to_string(),
        builtin(),
    );
    l.default_text("suspend", "false", builtin());
    l.default_text("kube-version", defaults::KUBE_VERSION, builtin());
}

/// Alerts: when a run is too long, and the team they are routed to; the README language.
fn fill_monitoring(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
    let from = |what: &str| Source::Derived(what.to_string());
    l.default_text("monitoring", "false", builtin());
    if let Some(deadline) = l
        .text("active-deadline")
        .and_then(|d| d.parse::<u64>().ok())
    {
        l.default_text(
            "alert-after",
            (deadline * 3 / 4).max(60).to_string(),
            from("active-deadline"),
        );
    }
    let team = l
        .map("labels")
        .iter()
        .find(|e| e.key == "team")
        .and_then(|e| e.value.clone());
    match team {
        Some(t) => l.default_text("team", t, from("labels.team")),
        None => {
            if let Some(p) = l.text("purpose").map(str::to_string) {
                l.default_text("team", p, from("purpose"));
            }
        }
    }
    l.default_text("lang", "en", builtin());
}

/// The four resource answers, in the order of `Size::resources`.
pub(crate) const RESOURCE_PARTS: [&str; 4] =
    ["cpu-request", "memory-request", "cpu-limit", "memory-limit"];

/// The config key of one part of a size tier, e.g. `sizes.heavy.cpu-limit`.
pub(crate) fn tier_key(size: &str, part: &str) -> &'static str {
    let key = format!("sizes.{size}.{part}");
    fields::field(&key).expect("every tier part is a field").key
}
