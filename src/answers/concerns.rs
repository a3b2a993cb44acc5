//! `validate_filled`, one concern at a time: the name, the workload, its
//! limits, what goes into the folder (files, data, identity, egress), the
//! alerts, and the labels. Each reads its answers through the shared
//! `Check` collector, so every problem is reported together.

use crate::answers::check::{Check, Cloud, NO_DEFAULT, identity, resources, with_registry};
use crate::answers::fields;
use crate::answers::fields::{Key, key};
use crate::answers::layers::{Layers, Value};
use crate::answers::model::{ANNOTATIONS_MAX_BYTES, CONFIGMAP_MAX_BYTES, Files, Pair, Resources};
use crate::answers::scalars::{self as v, INT32_MAX};
use crate::i18n::{Msg, f, t};

use crate::choices::{Dns, Gitops, Lang, Pattern, RestartPolicy, Size, StoreKind};
use crate::defaults;

/// The job's name and the two halves the conventions build it from.
pub(crate) struct Naming {
    pub name: String,
    pub purpose: String,
    pub target: String,
}

/// NAME, --purpose and --target. `given` are the layers before defaults,
/// which tell a derived purpose or target from one the user gave.
pub(crate) fn naming(c: &mut Check, given: &Layers, pattern: Option<Pattern>) -> Naming {
    let cron = pattern == Some(Pattern::Cron);
    let name_max = match cron {
        true => defaults::CRONJOB_NAME_MAX,
        false => defaults::NAME_MAX,
    };
    let name_hint = match (given.text(key::PURPOSE), given.text(key::TARGET)) {
        (Some(_), None) => t(Msg::C_NAME_TARGET),
        (None, Some(_)) => t(Msg::C_NAME_PURPOSE),
        _ => t(Msg::C_NAME_EITHER),
    };
    let name = c.get(key::NAME, name_hint, |s| {
        v::dns_label(s, name_max).map_err(|why| {
            if cron && s.len() > defaults::CRONJOB_NAME_MAX && s.len() <= defaults::NAME_MAX {
                format!("{why} ({})", defaults::cronjob_name_note())
            } else {
                why
            }
        })
    });
    let name_ok = c.errors.is_empty();
    // Purpose and target derived from a bad or missing NAME are not reported
    // again: the NAME message already says what to fix.
    let check = |key: Key| given.text(key).is_some() || name_ok;
    let label = |s: &str| v::dns_label(s, 63);
    let purpose = match check(key::PURPOSE) {
        true => c.get(key::PURPOSE, NO_DEFAULT, label),
        false => String::new(),
    };
    let target = if check(key::TARGET) {
        let name = format!("{:?}", c.layers.text(key::NAME).unwrap_or(""));
        let hint = f(Msg::C_NO_TARGET, &[("name", &name)]);
        c.get(key::TARGET, &hint, label)
    } else {
        String::new()
    };
    Naming {
        name,
        purpose,
        target,
    }
}

/// What runs, where, and when.
pub(crate) struct Workload {
    pub pattern: Pattern,
    pub env: String,
    pub namespace: String,
    pub image: String,
    pub description: String,
    pub command: Vec<String>,
    pub schedule: Option<String>,
    pub parallelism: Option<u32>,
    pub completions: Option<u32>,
}

pub(crate) fn workload(c: &mut Check, pattern: Option<Pattern>) -> Workload {
    let layers = c.layers;
    let pattern_text = c.get(key::PATTERN, NO_DEFAULT, v::choice::<Pattern>);
    let env = c.get(key::ENV, NO_DEFAULT, v::label_value);
    let namespace = c
        .opt(key::NAMESPACE, |s| v::dns_label(s, 63))
        .unwrap_or_default();
    let registry = c.opt(key::IMAGE_REGISTRY, v::registry);
    let image = c.get(key::IMAGE, NO_DEFAULT, |s| {
        v::image(&with_registry(registry.as_deref(), s))
    });
    let image = with_registry(registry.as_deref(), &image);
    let description = c.opt(key::DESCRIPTION, v::free_text).unwrap_or_default();
    let command: Vec<String> = layers
        .list(key::COMMAND)
        .iter()
        .map(|w| c.value(key::COMMAND, w, v::free_text))
        .collect();
    let schedule = c.opt(key::SCHEDULE, v::schedule);
    let count = |s: &str| v::number(s, 1, v::MAX_COUNT).map(|n| n as u32);
    let parallelism = c.opt(key::PARALLELISM, count);
    let completions = c.opt(key::COMPLETIONS, count);
    only_for_its_pattern(c, pattern);
    Workload {
        pattern: pattern_text,
        env,
        namespace,
        image,
        description,
        command,
        schedule,
        parallelism,
        completions,
    }
}

/// Config files may set pattern-specific defaults for the patterns they
/// fit; only an answer for this job (flag, values file, prompt) for another
/// pattern is a mistake.
fn only_for_its_pattern(c: &mut Check, pattern: Option<Pattern>) {
    let layers = c.layers;
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
                f(
                    Msg::C_ONLY_FOR,
                    &[("wanted", wanted), ("pattern", p.as_str())],
                ),
            );
        }
    }
}

/// Retries, clean-up, time and resource limits.
pub(crate) struct Limits {
    pub ttl: u32,
    pub backoff_limit: u32,
    pub restart_policy: RestartPolicy,
    pub active_deadline: u32,
    pub size: Size,
    pub resources: Resources,
    pub run_as_user: u32,
}

pub(crate) fn limits(c: &mut Check) -> Limits {
    let seconds = |s: &str| v::number(s, 0, INT32_MAX).map(|n| n as u32);
    let ttl = c.get(key::TTL, NO_DEFAULT, seconds);
    let backoff_limit = c.get(key::BACKOFF_LIMIT, NO_DEFAULT, seconds);
    let restart_policy = c.get(key::RESTART_POLICY, NO_DEFAULT, v::choice::<RestartPolicy>);
    let active_deadline = c.get(key::ACTIVE_DEADLINE, NO_DEFAULT, |s| {
        v::number(s, 1, INT32_MAX).map(|n| n as u32)
    });
    let size = c.get(key::SIZE, NO_DEFAULT, v::choice::<Size>);
    let resources = resources(c);
    let run_as_user = c.get(key::RUN_AS_USER, NO_DEFAULT, |s| {
        v::number(s, 10000, INT32_MAX)
            .map(|n| n as u32)
            .map_err(|why| format!("{why} (a high UID keeps clear of users on the node)"))
    });
    Limits {
        ttl,
        backoff_limit,
        restart_policy,
        active_deadline,
        size,
        resources,
        run_as_user,
    }
}

/// What the folder holds besides the job: its optional files, the data and
/// secrets they carry, the cloud identity, RBAC rules and egress.
pub(crate) struct Contents {
    pub files: Files,
    pub egress: Vec<v::Egress>,
    pub env_vars: Vec<Pair>,
    pub secrets: Vec<Pair>,
    pub secret_store: String,
    pub secret_store_kind: StoreKind,
    pub gcp_service_account: Option<String>,
    pub aws_role_arn: Option<String>,
    pub azure_client_id: Option<String>,
    pub cloud: Cloud,
    pub rbac: Vec<v::RbacRule>,
}

pub(crate) fn contents(c: &mut Check) -> Contents {
    let layers = c.layers;
    let files = Files {
        readme: c.get(key::FILES_README, NO_DEFAULT, v::boolean),
        service_account: c.get(key::FILES_SERVICE_ACCOUNT, NO_DEFAULT, v::boolean),
        external_secret: c.get(key::FILES_EXTERNAL_SECRET, NO_DEFAULT, v::boolean),
        configmap: c.get(key::FILES_CONFIGMAP, NO_DEFAULT, v::boolean),
        network_policy: c.get(key::FILES_NETWORK_POLICY, NO_DEFAULT, v::boolean),
    };
    let egress: Vec<v::Egress> = layers
        .list(key::EGRESS)
        .iter()
        .map(|e| c.value(key::EGRESS, e, v::egress))
        .collect();
    let env_vars = c.pairs(key::ENV_VARS);
    configmap_size(c, &env_vars);
    let secrets = c.pairs(key::SECRETS);
    for s in &secrets {
        if env_vars.iter().any(|e| e.key == s.key) {
            c.fail(
                key::SECRETS,
                layers.source(key::SECRETS),
                &s.key,
                t(Msg::C_TWICE),
            );
        }
    }
    let secret_store = c.get(key::SECRET_STORE, NO_DEFAULT, v::dns_subdomain);
    let secret_store_kind = c.get(key::SECRET_STORE_KIND, NO_DEFAULT, v::choice::<StoreKind>);
    let gcp_service_account = c.opt(key::GCP_SERVICE_ACCOUNT, v::gcp_service_account);
    let aws_role_arn = c.opt(key::AWS_ROLE_ARN, v::aws_role_arn);
    let azure_client_id = c.opt(key::AZURE_CLIENT_ID, v::uuid);
    let rbac: Vec<v::RbacRule> = layers
        .list(key::RBAC)
        .iter()
        .map(|r| c.value(key::RBAC, r, v::rbac_rule))
        .collect();
    needs_its_file(c, files);
    let cloud = identity(c, files);
    Contents {
        files,
        egress,
        env_vars,
        secrets,
        secret_store,
        secret_store_kind,
        gcp_service_account,
        aws_role_arn,
        azure_client_id,
        cloud,
        rbac,
    }
}

/// ConfigMap data over 1 MiB is refused by the API server.
fn configmap_size(c: &mut Check, env_vars: &[Pair]) {
    let data_size: usize = env_vars.iter().map(|e| e.key.len() + e.value.len()).sum();
    if data_size > CONFIGMAP_MAX_BYTES
        && let Some(big) = env_vars.iter().max_by_key(|e| e.key.len() + e.value.len())
    {
        let source = c.layers.source(key::ENV_VARS);
        c.fail(
            key::ENV_VARS,
            source,
            &format!("{}=<{} bytes>", big.key, big.value.len()),
            f(
                Msg::C_CONFIGMAP_SIZE,
                &[
                    ("size", &data_size.to_string()),
                    ("max", &CONFIGMAP_MAX_BYTES.to_string()),
                ],
            ),
        );
    }
}

/// The annotations jobgen writes itself on the job (the checkov skips, a
/// sync wave): room left for them under the API server's limit.
const OWN_ANNOTATIONS_BYTES: usize = 1024;

/// Annotations over 256 KiB in all are refused by the API server: the job
/// carries the description and every `annotations` answer.
pub(crate) fn annotations_size(c: &mut Check, description: &str, annotations: &[Pair]) {
    const DESCRIPTION: &str = "kubernetes.io/description";
    let total = DESCRIPTION.len()
        + description.len()
        + annotations
            .iter()
            .map(|a| a.key.len() + a.value.len())
            .sum::<usize>();
    if total + OWN_ANNOTATIONS_BYTES <= ANNOTATIONS_MAX_BYTES {
        return;
    }
    let why = f(
        Msg::C_ANNOTATIONS_SIZE,
        &[
            ("size", &total.to_string()),
            ("max", &ANNOTATIONS_MAX_BYTES.to_string()),
        ],
    );
    let biggest = annotations
        .iter()
        .max_by_key(|a| a.key.len() + a.value.len());
    match biggest {
        Some(a) if a.key.len() + a.value.len() > description.len() => {
            let shown = format!("{}=<{} bytes>", a.key, a.value.len());
            let source = c.layers.source(key::ANNOTATIONS);
            c.fail(key::ANNOTATIONS, source, &shown, why);
        }
        _ => {
            let shown = format!("<{} bytes>", description.len());
            let source = c.layers.source(key::DESCRIPTION);
            c.fail(key::DESCRIPTION, source, &shown, why);
        }
    }
}

/// Answers that need a file the user left out.
fn needs_its_file(c: &mut Check, files: Files) {
    let layers = c.layers;
    // The answer, and the `files.*` key of the file it needs.
    let needs = [
        (key::EGRESS, key::FILES_NETWORK_POLICY),
        (key::ENV_VARS, key::FILES_CONFIGMAP),
        (key::SECRETS, key::FILES_EXTERNAL_SECRET),
        (key::GCP_SERVICE_ACCOUNT, key::FILES_SERVICE_ACCOUNT),
        (key::AWS_ROLE_ARN, key::FILES_SERVICE_ACCOUNT),
        (key::AZURE_CLIENT_ID, key::FILES_SERVICE_ACCOUNT),
        (key::RBAC, key::FILES_SERVICE_ACCOUNT),
    ];
    for (key, off_key) in needs {
        if let Some(value) = first_shown(layers, key)
            && !files.enabled(off_key)
        {
            let off = c.place(off_key, layers.source(off_key));
            c.fail(
                key,
                layers.source(key),
                &value,
                f(Msg::C_NEEDS_FILE, &[("off", &off)]),
            );
        }
    }
}

/// The value of `key` as a message shows it: the text, a list's first
/// item, or a map's first entry as KEY=VALUE.
fn first_shown(layers: &Layers, key: Key) -> Option<String> {
    match &layers.get(key)?.value {
        Value::Text(t) => Some(t.clone()),
        Value::List(items) => items.first().cloned(),
        Value::Map(entries) => entries
            .first()
            .map(|e| format!("{}={}", e.key, e.value.as_deref().unwrap_or(""))),
    }
}

/// `--monitoring` and what it needs.
pub(crate) struct Alerts {
    pub monitoring: bool,
    pub alert_after: u32,
    pub team: String,
}

pub(crate) fn alerts(c: &mut Check, pattern: Option<Pattern>, limits: &Limits) -> Alerts {
    let layers = c.layers;
    let monitoring = c.get(key::MONITORING, NO_DEFAULT, v::boolean);
    let alert_after = c.get(key::ALERT_AFTER, NO_DEFAULT, |s| {
        v::number(s, 60, INT32_MAX).map(|n| n as u32)
    });
    let team = c.opt(key::TEAM, v::label_value).unwrap_or_default();
    let ttl = limits.ttl;
    // Under Flux a Job has no TTL: nothing deletes it before its alert.
    let flux = c.layers.text(key::GITOPS) == Some("flux");
    if monitoring && pattern != Some(Pattern::Cron) && !flux && ttl < defaults::MIN_TTL_WITH_ALERTS
    {
        c.fail(
            key::TTL,
            layers.source(key::TTL),
            &ttl.to_string(),
            f(
                Msg::C_TTL_ALERTS,
                &[("min", &defaults::MIN_TTL_WITH_ALERTS.to_string())],
            ),
        );
    }
    let deadline = limits.active_deadline;
    if monitoring && alert_after >= deadline {
        c.fail(
            key::ALERT_AFTER,
            layers.source(key::ALERT_AFTER),
            &alert_after.to_string(),
            f(Msg::C_ALERT_AFTER, &[("deadline", &deadline.to_string())]),
        );
    }
    Alerts {
        monitoring,
        alert_after,
        team,
    }
}

/// Labels, annotations and the settings that shape every object.
pub(crate) struct Metadata {
    pub target_label: String,
    pub dns: Dns,
    pub labels: Vec<Pair>,
    pub annotations: Vec<Pair>,
    pub lang: Lang,
    pub templates: Option<String>,
    /// The templates repository's version (`v1.4.0 (0123abc)`), if any.
    pub template_version: Option<String>,
    pub checkov_skips: bool,
    pub gitops: Gitops,
}

pub(crate) fn metadata(c: &mut Check, naming: &Naming, env: &str) -> Metadata {
    let layers = c.layers;
    let target_label = c.get(key::TARGET_LABEL, NO_DEFAULT, v::qualified_name);
    let dns = c.get(key::DNS, NO_DEFAULT, v::choice::<Dns>);
    let pair = |key: &str, value: &str| Pair {
        key: key.into(),
        value: value.into(),
    };
    let mut labels = vec![
        pair("app", &naming.purpose),
        pair(&target_label, &naming.target),
        pair("version", defaults::VERSION_LABEL),
        pair("env", env),
    ];
    for extra in c.pairs(key::LABELS) {
        if labels.iter().any(|l| l.key == extra.key)
            || defaults::OWN_LABELS.contains(&extra.key.as_str())
        {
            c.fail(
                key::LABELS,
                layers.source(key::LABELS),
                &extra.key,
                t(Msg::C_OWN_LABEL),
            );
        } else {
            labels.push(extra);
        }
    }
    let mut annotations = c.pairs(key::ANNOTATIONS);
    for own in annotations
        .iter()
        .filter(|a| defaults::OWN_ANNOTATIONS.contains(&a.key.as_str()))
    {
        c.fail(
            key::ANNOTATIONS,
            layers.source(key::ANNOTATIONS),
            &own.key,
            t(Msg::C_OWN_LABEL),
        );
    }
    annotations.retain(|a| !defaults::OWN_ANNOTATIONS.contains(&a.key.as_str()));
    let lang = c.get(key::LANG, NO_DEFAULT, v::choice::<Lang>);
    let templates = layers.templates_dir().map(|d| d.display().to_string());
    let template_version = layers.repo().map(|r| r.version());
    let checkov_skips = c.get(key::CHECKOV_SKIPS, NO_DEFAULT, v::boolean);
    let gitops = c.get(key::GITOPS, NO_DEFAULT, v::choice::<Gitops>);
    Metadata {
        gitops,
        checkov_skips,
        target_label,
        dns,
        labels,
        annotations,
        lang,
        templates,
        template_version,
    }
}
