//! From layered values to checked `Answers`: the defaults that fill the gaps
//! (each recorded with where it came from) and the one validator every input
//! path goes through. All problems are reported at once, each naming the
//! flag or the file, line and column, and the value.

pub mod check;
pub mod fields;
pub mod fill;
pub mod layers;
pub mod model;
pub mod questions;
pub mod scalars;
pub mod sources;

use crate::answers::check::{Check, NO_DEFAULT, controls, identity, resources};
use crate::answers::layers::Layers;
use crate::answers::scalars::{self as v, INT32_MAX};
use crate::defaults::{self, Pattern};
use crate::error::Error;

pub use crate::answers::check::with_registry;
pub use crate::answers::fill::fill_defaults;
pub use model::{
    Answers, CONFIGMAP_MAX_BYTES, Files, IdentityEgress, OBJECT_MAX_BYTES, Pair, Resources,
};

/// Fills defaults, validates every answer and the rules between them, and
/// reports every problem at once.
pub fn validate(given: &Layers) -> Result<Answers, Error> {
    validate_filled(given).map(|(answers, _)| answers)
}

/// [`validate`], also returning the layers with their defaults filled (what
/// `record` writes down).
pub fn validate_filled(given: &Layers) -> Result<(Answers, Layers), Error> {
    let mut layers = given.clone();
    fill_defaults(&mut layers);
    let mut c = Check {
        layers: &layers,
        errors: Vec::new(),
    };

    let pattern = layers.text("pattern").and_then(Pattern::parse);
    let cron = pattern == Some(Pattern::Cron);
    let name_max = if cron { 52 } else { 63 };
    let name_hint = match (given.text("purpose"), given.text("target")) {
        (Some(_), None) => "pass --target too, or NAME",
        (None, Some(_)) => "pass --purpose too, or NAME",
        _ => "pass NAME (e.g. cloud-sql-restore-ojeomneo), or --purpose and --target",
    };
    let name = c.get("name", name_hint, |s| {
        v::dns_label(s, name_max).map_err(|why| {
            if cron && s.len() > 52 && s.len() <= 63 {
                format!("{why} (a CronJob's controller appends 11 characters to name its Jobs)")
            } else {
                why
            }
        })
    });
    let name_ok = c.errors.is_empty();
    // Purpose and target derived from a bad or missing NAME are not reported
    // again: the NAME message already says what to fix.
    let check = |key: &str| given.text(key).is_some() || name_ok;
    let label = |s: &str| v::dns_label(s, 63);
    let purpose = if check("purpose") {
        c.get("purpose", NO_DEFAULT, label)
    } else {
        String::new()
    };
    let target = if check("target") {
        let hint = format!(
            "NAME {:?} has no `-` to split off a target; pass --target",
            layers.text("name").unwrap_or("")
        );
        c.get("target", &hint, label)
    } else {
        String::new()
    };
    let pattern_text = c.get("pattern", NO_DEFAULT, |s| v::one_of(s, fields::PATTERNS));
    let env = c.get("env", NO_DEFAULT, v::label_value);
    let namespace = c
        .opt("namespace", |s| v::dns_label(s, 63))
        .unwrap_or_default();
    let registry = c.opt("image-registry", v::registry);
    let image = c.get("image", NO_DEFAULT, |s| {
        v::image(&with_registry(registry.as_deref(), s))
    });
    let image = with_registry(registry.as_deref(), &image);
    let description = c.opt("description", v::free_text).unwrap_or_default();
    let command: Vec<String> = layers
        .list("command")
        .iter()
        .map(|w| c.value("command", w, v::free_text))
        .collect();

    let schedule = c.opt("schedule", v::schedule);
    let count = |s: &str| v::number(s, 1, 100_000).map(|n| n as u32);
    let parallelism = c.opt("parallelism", count);
    let completions = c.opt("completions", count);
    // Config files may set pattern-specific defaults for the patterns they
    // fit; only an answer for this job (flag, values file, prompt) for
    // another pattern is a mistake.
    for field in fields::FIELDS {
        if let (Some(wanted), Some(value), Some(p)) =
            (fields::only_for(field.key), layers.text(field.key), pattern)
            && p.as_str() != wanted
            && layers.answered(field.key)
        {
            c.fail(
                field.key,
                layers.source(field.key),
                value,
                format!(
                    "only applies to --pattern {wanted}; this job is {}",
                    p.as_str()
                ),
            );
        }
    }

    let seconds = |s: &str| v::number(s, 0, INT32_MAX).map(|n| n as u32);
    let ttl = c.get("ttl", NO_DEFAULT, seconds);
    let backoff_limit = c.get("backoff-limit", NO_DEFAULT, seconds);
    let restart_policy = c.get("restart-policy", NO_DEFAULT, |s| {
        v::one_of(s, fields::RESTART_POLICIES)
    });
    let active_deadline = c.get("active-deadline", NO_DEFAULT, |s| {
        v::number(s, 1, INT32_MAX).map(|n| n as u32)
    });
    let size = c.get("size", NO_DEFAULT, |s| v::one_of(s, fields::SIZES));
    let resources = resources(&mut c);
    let run_as_user = c.get("run-as-user", NO_DEFAULT, |s| {
        v::number(s, 10000, INT32_MAX)
            .map(|n| n as u32)
            .map_err(|why| format!("{why} (a high UID keeps clear of users on the node)"))
    });

    let files = Files {
        service_account: c.get("files.service-account", NO_DEFAULT, v::boolean),
        external_secret: c.get("files.external-secret", NO_DEFAULT, v::boolean),
        configmap: c.get("files.configmap", NO_DEFAULT, v::boolean),
        network_policy: c.get("files.network-policy", NO_DEFAULT, v::boolean),
    };
    let egress: Vec<v::Egress> = layers
        .list("egress")
        .iter()
        .map(|e| c.value("egress", e, v::egress))
        .collect();
    if let Some(first) = layers.list("egress").first()
        && !files.network_policy
    {
        let off = c.place(
            "files.network-policy",
            layers.source("files.network-policy"),
        );
        c.fail(
            "egress",
            layers.source("egress"),
            first,
            format!("needs the file that {off} leaves out; drop one of the two"),
        );
    }
    let env_vars = c.pairs("env-vars");
    let data_size: usize = env_vars.iter().map(|e| e.key.len() + e.value.len()).sum();
    if data_size > CONFIGMAP_MAX_BYTES
        && let Some(big) = env_vars.iter().max_by_key(|e| e.key.len() + e.value.len())
    {
        c.fail(
            "env-vars",
            layers.source("env-vars"),
            &format!("{}=<{} bytes>", big.key, big.value.len()),
            format!(
                "makes the ConfigMap's data {data_size} bytes; the API server refuses a ConfigMap whose data exceeds 1 MiB ({CONFIGMAP_MAX_BYTES} bytes): put large data in a file the image or a volume provides"
            ),
        );
    }
    let secrets = c.pairs("secrets");
    for s in &secrets {
        if env_vars.iter().any(|e| e.key == s.key) {
            c.fail(
                "secrets",
                layers.source("secrets"),
                &s.key,
                "is also set by --env-var; one variable, one source",
            );
        }
    }
    let secret_store = c.get("secret-store", NO_DEFAULT, v::dns_subdomain);
    let secret_store_kind = c.get("secret-store-kind", NO_DEFAULT, |s| {
        v::one_of(s, fields::STORE_KINDS)
    });
    let gcp_service_account = c.opt("gcp-service-account", v::gcp_service_account);
    let aws_role_arn = c.opt("aws-role-arn", v::aws_role_arn);
    let azure_client_id = c.opt("azure-client-id", v::uuid);

    // Answers that need a file the user left out.
    let first = |key: &str| {
        layers
            .map(key)
            .first()
            .map(|e| format!("{}={}", e.key, e.value.as_deref().unwrap_or("")))
    };
    let needs = [
        (
            "env-vars",
            first("env-vars"),
            files.configmap,
            "files.configmap",
        ),
        (
            "secrets",
            first("secrets"),
            files.external_secret,
            "files.external-secret",
        ),
        (
            "gcp-service-account",
            layers.text("gcp-service-account").map(str::to_string),
            files.service_account,
            "files.service-account",
        ),
        (
            "aws-role-arn",
            layers.text("aws-role-arn").map(str::to_string),
            files.service_account,
            "files.service-account",
        ),
        (
            "azure-client-id",
            layers.text("azure-client-id").map(str::to_string),
            files.service_account,
            "files.service-account",
        ),
    ];
    for (key, value, file_on, off_key) in needs {
        if let Some(value) = value
            && !file_on
        {
            let off = c.place(off_key, layers.source(off_key));
            c.fail(
                key,
                layers.source(key),
                &value,
                format!("needs the file that {off} leaves out; drop one of the two"),
            );
        }
    }
    let cloud = identity(&mut c, files);
    let rbac: Vec<v::RbacRule> = layers
        .list("rbac")
        .iter()
        .map(|r| c.value("rbac", r, v::rbac_rule))
        .collect();
    if let Some(rule) = layers.list("rbac").first()
        && !files.service_account
    {
        let off = c.place(
            "files.service-account",
            layers.source("files.service-account"),
        );
        c.fail(
            "rbac",
            layers.source("rbac"),
            rule,
            format!("needs the file that {off} leaves out; drop one of the two"),
        );
    }

    let controls = controls(&mut c, &restart_policy, completions);
    let monitoring = c.get("monitoring", NO_DEFAULT, v::boolean);
    let alert_after = c.get("alert-after", NO_DEFAULT, |s| {
        v::number(s, 60, INT32_MAX).map(|n| n as u32)
    });
    let team = c.opt("team", v::label_value).unwrap_or_default();
    if monitoring && pattern != Some(Pattern::Cron) && ttl < defaults::MIN_TTL_WITH_ALERTS {
        c.fail(
            "ttl",
            layers.source("ttl"),
            &ttl.to_string(),
            format!(
                "is shorter than the {} s the failure alert needs (for: 1m plus scrape and evaluation): the failed Job and its metrics would be deleted before the alert fires; raise --ttl or drop --monitoring",
                defaults::MIN_TTL_WITH_ALERTS
            ),
        );
    }
    if monitoring && alert_after >= active_deadline {
        c.fail(
            "alert-after",
            layers.source("alert-after"),
            &alert_after.to_string(),
            format!("must be less than activeDeadlineSeconds ({active_deadline}), which ends the run first"),
        );
    }
    let target_label = c.get("target-label", NO_DEFAULT, v::qualified_name);
    let dns = c.get("dns", NO_DEFAULT, |s| v::one_of(s, fields::DNS_KINDS));
    let mut labels = vec![
        Pair {
            key: "app".into(),
            value: purpose.clone(),
        },
        Pair {
            key: target_label.clone(),
            value: target.clone(),
        },
        Pair {
            key: "version".into(),
            value: defaults::VERSION_LABEL.into(),
        },
        Pair {
            key: "env".into(),
            value: env.clone(),
        },
    ];
    for extra in c.pairs("labels") {
        if labels.iter().any(|l| l.key == extra.key) {
            c.fail(
                "labels",
                layers.source("labels"),
                &extra.key,
                "is set by jobgen itself; choose another key",
            );
        } else {
            labels.push(extra);
        }
    }
    let annotations = c.pairs("annotations");
    let lang = c.get("lang", NO_DEFAULT, |s| v::one_of(s, fields::LANGS));
    let templates = layers.text("templates").map(str::to_string);

    c.every_field();
    if !c.errors.is_empty() {
        return Err(Error::Invalid(c.errors));
    }
    let answers = Answers {
        name,
        purpose,
        target,
        env,
        pattern: pattern_text,
        namespace,
        image,
        description,
        command,
        schedule,
        parallelism,
        completions,
        ttl,
        backoff_limit,
        restart_policy,
        active_deadline,
        size,
        resources,
        run_as_user,
        env_vars,
        secrets,
        secret_store,
        secret_store_kind,
        gcp_service_account,
        aws_role_arn,
        azure_client_id,
        provider: cloud.provider,
        create_secret_store: cloud.create_secret_store,
        gcp_project: cloud.gcp_project,
        aws_region: cloud.aws_region,
        azure_vault_url: cloud.azure_vault_url,
        automount_token: !rbac.is_empty(),
        rbac,
        files,
        egress,
        time_zone: controls.time_zone,
        concurrency_policy: controls.concurrency_policy,
        starting_deadline: controls.starting_deadline,
        successful_jobs_history: controls.successful_jobs_history,
        failed_jobs_history: controls.failed_jobs_history,
        backoff_limit_per_index: controls.backoff_limit_per_index,
        max_failed_indexes: controls.max_failed_indexes,
        pod_failure_policy: controls.pod_failure_policy,
        fail_on_exit_codes: controls.fail_on_exit_codes,
        suspend: controls.suspend,
        queue: controls.queue,
        kube_version: controls.kube_version,
        monitoring,
        alert_after,
        team,
        labels,
        annotations,
        target_label,
        dns,
        lang,
        templates,
    };
    Ok((answers, layers))
}

/// The summary shown before the confirmation in interactive mode.
pub fn summary(a: &Answers) -> String {
    let labels: Vec<String> = a
        .labels
        .iter()
        .map(|l| format!("{}={}", l.key, l.value))
        .collect();
    let mut rows = vec![
        ("name", a.name.clone()),
        ("labels", labels.join(" ")),
        ("pattern", a.pattern.clone()),
        ("namespace", a.namespace.clone()),
        ("image", a.image.clone()),
    ];
    if let Some(s) = &a.schedule {
        rows.push(("schedule", s.clone()));
    }
    if let (Some(p), Some(n)) = (a.parallelism, a.completions) {
        rows.push(("parallelism", format!("{p} pods at once, {n} completions")));
    }
    rows.push((
        "ttl / backoff",
        format!("{}s / {} retries", a.ttl, a.backoff_limit),
    ));
    if a.files.network_policy {
        let egress: Vec<String> = a
            .egress
            .iter()
            .map(|e| match (&e.cidr, e.port) {
                (Some(c), Some(p)) => format!("{c}:{p}"),
                (Some(c), None) => c.clone(),
                (None, Some(p)) => format!("port {p}"),
                (None, None) => "anywhere".into(),
            })
            .collect();
        let mut egress = egress;
        egress.extend(a.identity_egress().iter().map(|e| match e.cidr {
            Some(c) => format!("{c}:{} (identity)", e.port),
            None => format!("port {} (identity)", e.port),
        }));
        let dns = match a.dns.as_str() {
            "kube-dns" => "DNS".to_string(),
            other => format!("DNS ({other})"),
        };
        let shown = if egress.is_empty() {
            format!("{dns} only")
        } else {
            format!("{dns}, {}", egress.join(", "))
        };
        rows.push(("egress", shown));
    }
    let r = &a.resources;
    rows.push((
        "resources",
        format!(
            "requests {}/{}, limits {}/{}",
            r.cpu_request, r.memory_request, r.cpu_limit, r.memory_limit
        ),
    ));
    rows.iter()
        .map(|(k, v)| format!("  {k:<14} {v}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::layers::{Entry, Source, Value};
    use crate::error::InvalidAnswer;

    #[test]
    fn the_summary_shows_the_egress_an_identity_adds() {
        let mut l = raw("restore-db");
        flag(
            &mut l,
            "gcp-service-account",
            "job@p-1.iam.gserviceaccount.com",
        );
        let a = validate(&l).unwrap();
        let s = summary(&a);
        assert!(
            s.contains("egress         DNS, 169.254.169.254/32:80 (identity), 169.254.169.252/32:988 (identity)"),
            "{s}"
        );
        let mut l = raw("restore-db");
        flag(&mut l, "aws-role-arn", "arn:aws:iam::123456789012:role/job");
        flag(&mut l, "dns", "node-local-dns");
        let s = summary(&validate(&l).unwrap());
        assert!(
            s.contains("egress         DNS (node-local-dns), port 443 (identity)"),
            "{s}"
        );
    }

    fn raw(name: &str) -> Layers {
        let mut l = Layers::default();
        l.set_text("name", name, Source::Flag);
        l
    }

    fn flag(l: &mut Layers, key: &'static str, value: &str) {
        l.set_text(key, value, Source::Flag);
    }

    fn entries(l: &mut Layers, key: &'static str, items: &[&str]) {
        let list = items
            .iter()
            .map(|i| {
                let (k, v) = i
                    .split_once('=')
                    .map(|(k, v)| (k, Some(v.to_string())))
                    .unwrap_or((i, None));
                Entry {
                    key: k.to_string(),
                    value: v,
                    source: Source::Flag,
                }
            })
            .collect();
        l.set(key, Value::Map(list), Source::Flag);
    }

    fn invalid(l: &Layers) -> Vec<InvalidAnswer> {
        match validate(l) {
            Err(Error::Invalid(list)) => list,
            other => panic!("expected invalid answers, got {other:?}"),
        }
    }

    #[test]
    fn name_gives_purpose_target_and_namespace() {
        let a = validate(&raw("cloud-sql-restore-ojeomneo")).unwrap();
        assert_eq!(
            (a.purpose.as_str(), a.target.as_str()),
            ("cloud-sql-restore", "ojeomneo")
        );
        assert_eq!(a.namespace, "operations");
        assert_eq!((a.ttl, a.backoff_limit, a.active_deadline), (3600, 3, 3600));
        assert_eq!(a.restart_policy, "Never");
        assert_eq!(a.resources.cpu_request, "100m");
        assert_eq!(
            a.labels[1],
            Pair {
                key: "database".into(),
                value: "ojeomneo".into()
            }
        );
    }

    #[test]
    fn purpose_and_target_compose_the_name() {
        let mut l = Layers::default();
        flag(&mut l, "purpose", "data-migration");
        flag(&mut l, "target", "users");
        let a = validate(&l).unwrap();
        assert_eq!(a.name, "data-migration-users");
        assert_eq!(a.namespace, "migrations");
    }

    #[test]
    fn missing_name_names_the_flags() {
        let list = invalid(&Layers::default());
        assert!(
            list.iter().any(|e| e.flag == "NAME" && e.value.is_none()),
            "{list:?}"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut l = raw("Bad_Name");
        flag(&mut l, "ttl", "soon");
        flag(&mut l, "schedule", "0 2 * * *");
        entries(&mut l, "env-vars", &["1X=y"]);
        let flags: Vec<String> = invalid(&l).into_iter().map(|e| e.flag).collect();
        assert_eq!(flags, ["NAME", "--schedule", "--ttl", "--env-var"]);
    }

    #[test]
    fn cron_names_are_limited_to_52() {
        let mut l = raw(&format!("{}-x", "a".repeat(53)));
        flag(&mut l, "pattern", "cron");
        assert!(invalid(&l)[0].why.contains("appends 11"));
        flag(&mut l, "pattern", "one-off");
        assert!(validate(&l).is_ok());
    }

    #[test]
    fn requests_above_limits_blame_what_the_user_set() {
        let mut l = raw("a-b");
        flag(&mut l, "cpu-request", "2");
        assert_eq!(invalid(&l)[0].flag, "--cpu-request");
        let mut l = raw("a-b");
        flag(&mut l, "memory-limit", "100Mi");
        assert_eq!(invalid(&l)[0].flag, "--memory-limit");
        flag(&mut l, "memory-request", "64Mi");
        assert_eq!(validate(&l).unwrap().resources.memory_limit, "100Mi");
    }

    #[test]
    fn answers_needing_a_left_out_file_are_refused() {
        let mut l = raw("a-b");
        entries(&mut l, "secrets", &["A=b"]);
        flag(&mut l, "files.external-secret", "false");
        entries(&mut l, "env-vars", &["B=c"]);
        flag(&mut l, "files.configmap", "false");
        let list = invalid(&l);
        assert_eq!(list.len(), 2, "{list:?}");
        assert!(list[0].why.contains("--no-configmap"), "{list:?}");
    }

    #[test]
    fn duplicate_and_clashing_keys_are_refused() {
        let mut l = raw("a-b");
        entries(&mut l, "env-vars", &["A=1", "A=2", "NOEQUALS"]);
        entries(&mut l, "secrets", &["A=remote"]);
        let list = invalid(&l);
        assert_eq!(list.len(), 3, "{list:?}");
    }

    #[test]
    fn aws_role_picks_the_aws_store() {
        let mut l = raw("a-b");
        flag(&mut l, "aws-role-arn", "arn:aws:iam::123456789012:role/x");
        assert_eq!(validate(&l).unwrap().secret_store, "aws-secrets-manager");
    }

    #[test]
    fn registry_prefixes_images_without_a_host() {
        assert_eq!(
            with_registry(Some("gcr.io/team"), "resize:1"),
            "gcr.io/team/resize:1"
        );
        assert_eq!(
            with_registry(Some("gcr.io/team"), "tools/resize:1"),
            "gcr.io/team/tools/resize:1"
        );
        assert_eq!(
            with_registry(Some("gcr.io/team"), "ghcr.io/x/resize:1"),
            "ghcr.io/x/resize:1"
        );
        assert_eq!(
            with_registry(Some("gcr.io/team"), "localhost:5000/r:1"),
            "localhost:5000/r:1"
        );
        assert_eq!(with_registry(None, "resize:1"), "resize:1");
    }

    #[test]
    fn per_pattern_namespace_and_tiers_come_from_config() {
        let mut l = raw("nightly-backup-x");
        flag(&mut l, "pattern", "cron");
        l.set_text("namespaces.cron", "batch", Source::BuiltIn);
        l.set_text("sizes.light.cpu-limit", "2", Source::BuiltIn);
        let a = validate(&l).unwrap();
        assert_eq!(a.namespace, "batch");
        assert_eq!(a.resources.cpu_limit, "2");
    }

    #[test]
    fn extra_labels_follow_the_conventions_and_cannot_replace_them() {
        let mut l = raw("a-b");
        entries(&mut l, "labels", &["team=data"]);
        l.set_text("target-label", "component", Source::BuiltIn);
        let a = validate(&l).unwrap();
        let keys: Vec<_> = a.labels.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["app", "component", "version", "env", "team"]);
        entries(&mut l, "labels", &["app=x"]);
        assert!(invalid(&l)[0].why.contains("set by jobgen"));
    }
}
