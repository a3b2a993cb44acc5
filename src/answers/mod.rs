//! From layered values to checked `Answers`: the defaults that fill the gaps
//! (each recorded with where it came from) and the one validator every input
//! path goes through. All problems are reported at once, each naming the
//! flag or the file, line and column, and the value.

pub mod check;
mod concerns;
pub mod cron;
pub mod fields;
pub mod fill;
pub mod flags;
pub mod given;
pub mod layers;
pub mod model;
pub mod question;
pub mod questions;
pub mod scalars;
pub mod sources;
pub mod team;

use crate::answers::check::{Check, controls};
use crate::answers::fields::key;
use crate::answers::layers::Layers;
use crate::defaults::Pattern;
use crate::error::Error;
use crate::i18n::Msg;

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
/// Answers that are valid but do not do what they say, each named with its
/// flag or file: warned about, not refused, as folders may already be
/// recorded with them. `given` is the layers before defaults were filled.
pub fn warnings(given: &Layers, a: &Answers) -> Vec<String> {
    use crate::i18n::f;
    let mut out = Vec::new();
    let place = |k| check::place(k, given.source(k));
    if a.pattern() != Pattern::Cron
        && a.gitops == crate::choices::Gitops::Flux
        && given.get(key::TTL).is_some()
    {
        out.push(f(
            Msg::W_FLUX_TTL,
            &[("place", &place(key::TTL)), ("ttl", &a.ttl.to_string())],
        ));
    }
    if a.pattern() == Pattern::Cron && given.get(key::TTL).is_some() {
        out.push(f(
            Msg::W_CRON_TTL,
            &[("place", &place(key::TTL)), ("ttl", &a.ttl.to_string())],
        ));
    }
    let mut filled = given.clone();
    fill_defaults(&mut filled);
    out.extend(team::unused(given, &filled));
    if let (Some(p), Some(c)) = (a.parallelism, a.completions)
        && p > c
    {
        out.push(f(
            Msg::W_PARALLELISM,
            &[
                ("place", &place(key::PARALLELISM)),
                ("p", &p.to_string()),
                ("c", &c.to_string()),
            ],
        ));
    }
    out
}

pub fn validate_filled(given: &Layers) -> Result<(Answers, Layers), Error> {
    let mut layers = given.clone();
    fill_defaults(&mut layers);
    let mut c = Check::new(&layers);
    let pattern = layers.text(key::PATTERN).and_then(Pattern::parse);
    let naming = concerns::naming(&mut c, given, pattern);
    let mut work = concerns::workload(&mut c, pattern);
    // `H` picks the job's minute from its namespace and name.
    let hashed = work.schedule.clone().filter(|s| cron::is_hashed(s));
    if let Some(given) = &hashed {
        let seed = format!("{}/{}", work.namespace, naming.name);
        work.schedule = cron::resolve_hash(given, &seed).ok();
    }
    let limits = concerns::limits(&mut c);
    let contents = concerns::contents(&mut c);
    let controls = controls(&mut c, limits.restart_policy, work.completions);
    let alerts = concerns::alerts(&mut c, pattern, &limits);
    let meta = concerns::metadata(&mut c, &naming, &work.env);
    concerns::annotations_size(&mut c, &work.description, &meta.annotations);
    c.every_field();
    let vars = team::validate(&layers, &mut c.errors);
    if !c.errors.is_empty() {
        return Err(Error::Invalid(c.errors));
    }
    let (cloud, rbac) = (contents.cloud, contents.rbac);
    let answers = Answers {
        name: naming.name,
        purpose: naming.purpose,
        target: naming.target,
        env: work.env,
        pattern: work.pattern,
        namespace: work.namespace,
        image: work.image,
        description: work.description,
        command: work.command,
        schedule: work.schedule,
        schedule_hashed: hashed,
        parallelism: work.parallelism,
        completions: work.completions,
        ttl: limits.ttl,
        backoff_limit: limits.backoff_limit,
        restart_policy: limits.restart_policy,
        active_deadline: limits.active_deadline,
        size: limits.size,
        resources: limits.resources,
        run_as_user: limits.run_as_user,
        env_vars: contents.env_vars,
        secrets: contents.secrets,
        secret_store: contents.secret_store,
        secret_store_kind: contents.secret_store_kind,
        gcp_service_account: contents.gcp_service_account,
        aws_role_arn: contents.aws_role_arn,
        azure_client_id: contents.azure_client_id,
        provider: cloud.provider,
        create_secret_store: cloud.create_secret_store,
        gcp_project: cloud.gcp_project,
        aws_region: cloud.aws_region,
        azure_vault_url: cloud.azure_vault_url,
        automount_token: !rbac.is_empty(),
        rbac,
        files: contents.files,
        egress: contents.egress,
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
        monitoring: alerts.monitoring,
        alert_after: alerts.alert_after,
        team: alerts.team,
        labels: meta.labels,
        annotations: meta.annotations,
        target_label: meta.target_label,
        checkov_skips: meta.checkov_skips,
        gitops: meta.gitops,
        dns: meta.dns,
        lang: meta.lang,
        templates: meta.templates,
        template_version: meta.template_version,
        vars,
    };
    Ok((answers, layers))
}

/// The summary shown before the confirmation in interactive mode.
pub fn summary(a: &Answers, folder: &str, files: &[&str]) -> String {
    use crate::i18n::{f, t, width};
    let labels: Vec<String> = a
        .labels
        .iter()
        .map(|l| format!("{}={}", l.key, l.value))
        .collect();
    let mut rows = vec![
        (t(Msg::S_FOLDER), format!("{folder}/")),
        (t(Msg::S_FILES), files.join(", ")),
        (t(Msg::S_NAME), a.name.clone()),
        (
            t(Msg::S_PURPOSE_TARGET),
            f(
                Msg::S_PURPOSE_TARGET_VALUE,
                &[
                    ("purpose", &a.purpose),
                    ("target", &a.target),
                    ("key", &a.target_label),
                ],
            ),
        ),
        (t(Msg::S_DESCRIPTION), a.description.clone()),
        (t(Msg::S_LABELS), labels.join(" ")),
        (t(Msg::S_PATTERN), a.pattern.to_string()),
        (t(Msg::S_NAMESPACE), a.namespace.clone()),
        (t(Msg::S_IMAGE), a.image.clone()),
    ];
    if !a.command.is_empty() {
        let words: Vec<String> = a
            .command
            .iter()
            .map(|w| crate::shell::shell_word(w))
            .collect();
        rows.push((t(Msg::S_COMMAND), words.join(" ")));
    }
    if !a.env_vars.is_empty() {
        let vars: Vec<String> = a
            .env_vars
            .iter()
            .map(|v| format!("{}={}", v.key, v.value))
            .collect();
        rows.push((t(Msg::S_ENV_VARS), vars.join(", ")));
    }
    if a.files.external_secret {
        let keys: Vec<&str> = a.secrets.iter().map(|s| s.key.as_str()).collect();
        let what = match keys.is_empty() {
            true => f(Msg::S_SECRETS_ALL, &[("name", &a.name)]),
            false => keys.join(", "),
        };
        let kind = a.secret_store_kind.to_string();
        let args = [
            ("what", what.as_str()),
            ("kind", &kind),
            ("store", &a.secret_store),
        ];
        rows.push((t(Msg::S_SECRETS), f(Msg::S_SECRETS_FROM, &args)));
    }
    rows.extend(control_rows(a));
    if a.files.network_policy {
        rows.push((t(Msg::S_EGRESS), egress_summary(a)));
    }
    let team: Vec<String> = a
        .vars
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => format!("{}={s}", k.replace('_', "-")),
            v => format!("{}={v}", k.replace('_', "-")),
        })
        .collect();
    if !team.is_empty() {
        rows.push((t(Msg::S_TEAM), team.join(", ")));
    }
    let r = &a.resources;
    rows.push((
        t(Msg::S_RESOURCES),
        format!(
            "requests {}/{}, limits {}/{}",
            r.cpu_request, r.memory_request, r.cpu_limit, r.memory_limit
        ),
    ));
    rows.iter()
        .map(|(k, v)| {
            format!(
                "  {k}{} {v}\n",
                " ".repeat(14usize.saturating_sub(width(k)))
            )
        })
        .collect()
}

/// The summary's rows of the job's controls: schedule, parallelism, TTL
/// and retries (a CronJob gets no TTL: its history limits clean up).
fn control_rows(a: &Answers) -> Vec<(&'static str, String)> {
    use crate::i18n::{f, t};
    let mut rows = Vec::new();
    if let Some(s) = &a.schedule {
        let zone = a.time_zone.as_deref().unwrap_or(t(Msg::Q_TZ_NONE));
        rows.push((t(Msg::S_SCHEDULE), format!("{s} ({zone})")));
    }
    if let (Some(p), Some(n)) = (a.parallelism, a.completions) {
        let (p, n) = (p.to_string(), n.to_string());
        let value = f(
            Msg::S_PARALLELISM_VALUE,
            &[("pods", &p), ("completions", &n)],
        );
        rows.push((t(Msg::S_PARALLELISM), value));
    }
    let (ttl, retries) = (a.ttl.to_string(), a.backoff_limit.to_string());
    match a.pattern() {
        Pattern::Cron => rows.push((
            t(Msg::S_BACKOFF),
            f(Msg::S_BACKOFF_VALUE, &[("retries", &retries)]),
        )),
        _ => rows.push((
            t(Msg::S_TTL_BACKOFF),
            f(
                Msg::S_TTL_BACKOFF_VALUE,
                &[("ttl", &ttl), ("retries", &retries)],
            ),
        )),
    }
    rows
}

/// DNS, the egress answers and the identity's token endpoints, in one line.
fn egress_summary(a: &Answers) -> String {
    let mut egress: Vec<String> = a
        .egress
        .iter()
        .map(|e| match (&e.cidr, e.port) {
            (Some(c), Some(p)) => format!("{c}:{p}"),
            (Some(c), None) => c.clone(),
            (None, Some(p)) => format!("port {p}"),
            (None, None) => "anywhere".into(),
        })
        .collect();
    egress.extend(a.identity_egress().iter().map(|e| match e.cidr {
        Some(c) => format!("{c}:{} (identity)", e.port),
        None => format!("port {} (identity)", e.port),
    }));
    let dns = match a.dns.as_str() {
        "kube-dns" => "DNS".to_string(),
        other => format!("DNS ({other})"),
    };
    match egress.is_empty() {
        true => crate::i18n::f(Msg::S_EGRESS_ONLY, &[("dns", &dns)]),
        false => format!("{dns}, {}", egress.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fields::Key;
    use crate::answers::layers::{Entry, Source, Value};
    use crate::error::InvalidAnswer;

    #[test]
    fn the_summary_shows_the_egress_an_identity_adds() {
        let mut l = raw("restore-db");
        flag(
            &mut l,
            key::GCP_SERVICE_ACCOUNT,
            "job@p-1.iam.gserviceaccount.com",
        );
        let a = validate(&l).unwrap();
        let s = summary(&a, "restore-db", &["job.yaml"]);
        assert!(
            s.contains("egress         DNS, 169.254.169.254/32:80 (identity), 169.254.169.252/32:988 (identity)"),
            "{s}"
        );
        let mut l = raw("restore-db");
        flag(
            &mut l,
            key::AWS_ROLE_ARN,
            "arn:aws:iam::123456789012:role/job",
        );
        flag(&mut l, key::DNS, "node-local-dns");
        let s = summary(&validate(&l).unwrap(), "restore-db", &["job.yaml"]);
        assert!(
            s.contains("egress         DNS (node-local-dns), port 443 (identity)"),
            "{s}"
        );
    }

    fn raw(name: &str) -> Layers {
        let mut l = Layers::default();
        l.set_text(key::NAME, name, Source::Flag);
        l
    }

    fn flag(l: &mut Layers, key: Key, value: &str) {
        l.set_text(key, value, Source::Flag);
    }

    fn entries(l: &mut Layers, key: Key, items: &[&str]) {
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
        flag(&mut l, key::PURPOSE, "data-migration");
        flag(&mut l, key::TARGET, "users");
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
        flag(&mut l, key::TTL, "soon");
        flag(&mut l, key::SCHEDULE, "0 2 * * *");
        entries(&mut l, key::ENV_VARS, &["1X=y"]);
        let flags: Vec<String> = invalid(&l).into_iter().map(|e| e.flag).collect();
        assert_eq!(flags, ["NAME", "--schedule", "--ttl", "--env-var"]);
    }

    #[test]
    fn cron_names_are_limited_to_52() {
        let mut l = raw(&format!("{}-x", "a".repeat(53)));
        flag(&mut l, key::PATTERN, "cron");
        assert!(invalid(&l)[0].why.contains("appends 11"));
        flag(&mut l, key::PATTERN, "one-off");
        assert!(validate(&l).is_ok());
    }

    #[test]
    fn requests_above_limits_blame_what_the_user_set() {
        let mut l = raw("a-b");
        flag(&mut l, key::CPU_REQUEST, "2");
        assert_eq!(invalid(&l)[0].flag, "--cpu-request");
        let mut l = raw("a-b");
        flag(&mut l, key::MEMORY_LIMIT, "100Mi");
        assert_eq!(invalid(&l)[0].flag, "--memory-limit");
        flag(&mut l, key::MEMORY_REQUEST, "64Mi");
        assert_eq!(validate(&l).unwrap().resources.memory_limit, "100Mi");
    }

    #[test]
    fn answers_needing_a_left_out_file_are_refused() {
        let mut l = raw("a-b");
        entries(&mut l, key::SECRETS, &["A=b"]);
        flag(&mut l, key::FILES_EXTERNAL_SECRET, "false");
        entries(&mut l, key::ENV_VARS, &["B=c"]);
        flag(&mut l, key::FILES_CONFIGMAP, "false");
        let list = invalid(&l);
        assert_eq!(list.len(), 2, "{list:?}");
        assert!(list[0].why.contains("--no-configmap"), "{list:?}");
    }

    #[test]
    fn duplicate_and_clashing_keys_are_refused() {
        let mut l = raw("a-b");
        entries(&mut l, key::ENV_VARS, &["A=1", "A=2", "NOEQUALS"]);
        entries(&mut l, key::SECRETS, &["A=remote"]);
        let list = invalid(&l);
        assert_eq!(list.len(), 3, "{list:?}");
    }

    #[test]
    fn aws_role_picks_the_aws_store() {
        let mut l = raw("a-b");
        flag(
            &mut l,
            key::AWS_ROLE_ARN,
            "arn:aws:iam::123456789012:role/x",
        );
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
        flag(&mut l, key::PATTERN, "cron");
        l.set_text(key::NAMESPACES_CRON, "batch", Source::BuiltIn);
        l.set_text(key::SIZES_LIGHT_CPU_LIMIT, "2", Source::BuiltIn);
        let a = validate(&l).unwrap();
        assert_eq!(a.namespace, "batch");
        assert_eq!(a.resources.cpu_limit, "2");
    }

    #[test]
    fn extra_labels_follow_the_conventions_and_cannot_replace_them() {
        let mut l = raw("a-b");
        entries(&mut l, key::LABELS, &["team=data"]);
        l.set_text(key::TARGET_LABEL, "component", Source::BuiltIn);
        let a = validate(&l).unwrap();
        let keys: Vec<_> = a.labels.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["app", "component", "version", "env", "team"]);
        entries(&mut l, key::LABELS, &["app=x"]);
        assert!(invalid(&l)[0].why.contains("set by jobgen"));
    }
}
