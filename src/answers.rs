//! From layered values to checked `Answers`: the defaults that fill the gaps
//! (each recorded with where it came from) and the one validator every input
//! path goes through. All problems are reported at once, each naming the
//! flag or the file, line and column, and the value.

use serde::Serialize;

use crate::defaults::{self, Pattern, Size};
use crate::error::{Error, InvalidAnswer};
use crate::fields;
use crate::layers::{Entry, Layers, Source};
use crate::validate::{self as v, INT32_MAX};

/// Which optional files to produce.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Files {
    pub service_account: bool,
    pub external_secret: bool,
    pub configmap: bool,
    pub network_policy: bool,
}

/// Container resources, as Kubernetes quantities.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Resources {
    pub cpu_request: String,
    pub memory_request: String,
    pub cpu_limit: String,
    pub memory_limit: String,
}

/// A key and a value (env var, secret, label, annotation).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Pair {
    pub key: String,
    pub value: String,
}

/// Every answer resolved and validated: the only input rendering sees.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Answers {
    pub name: String,
    pub purpose: String,
    pub target: String,
    pub env: String,
    pub pattern: String,
    pub namespace: String,
    pub image: String,
    pub description: String,
    pub command: Vec<String>,
    pub schedule: Option<String>,
    pub parallelism: Option<u32>,
    pub completions: Option<u32>,
    pub ttl: u32,
    pub backoff_limit: u32,
    pub restart_policy: String,
    pub active_deadline: u32,
    pub size: String,
    pub resources: Resources,
    pub run_as_user: u32,
    pub env_vars: Vec<Pair>,
    pub secrets: Vec<Pair>,
    pub secret_store: String,
    pub secret_store_kind: String,
    pub gcp_service_account: Option<String>,
    pub aws_role_arn: Option<String>,
    pub azure_client_id: Option<String>,
    /// gcp, aws, azure or none.
    pub provider: String,
    /// Write the SecretStore too, with its provider settings.
    pub create_secret_store: bool,
    pub gcp_project: Option<String>,
    pub aws_region: Option<String>,
    pub azure_vault_url: Option<String>,
    /// Role rules; empty means the Role grants nothing.
    pub rbac: Vec<v::RbacRule>,
    /// automountServiceAccountToken of the pod: only when RBAC rules need the API.
    pub automount_token: bool,
    pub files: Files,
    /// Allowed egress besides cluster DNS.
    pub egress: Vec<v::Egress>,
    /// CronJob settings (set for every pattern; used by cron).
    pub time_zone: Option<String>,
    pub concurrency_policy: String,
    pub starting_deadline: u32,
    pub successful_jobs_history: u32,
    pub failed_jobs_history: u32,
    /// Parallel: per-index retries and failed-index budget.
    pub backoff_limit_per_index: Option<u32>,
    pub max_failed_indexes: Option<u32>,
    /// podFailurePolicy: on for restartPolicy Never where the target supports it.
    pub pod_failure_policy: bool,
    /// Exit codes that fail the job at once.
    pub fail_on_exit_codes: Vec<u32>,
    pub suspend: bool,
    /// Kueue LocalQueue.
    pub queue: Option<String>,
    /// Target Kubernetes version, e.g. "1.33".
    pub kube_version: String,
    /// Produce prometheus-rule.yaml.
    pub monitoring: bool,
    /// Seconds before the long-running alert fires.
    pub alert_after: u32,
    /// The `team` label on alerts.
    pub team: String,
    /// Every label of every object: app, the target label, version, env, then the team's.
    pub labels: Vec<Pair>,
    /// The team's extra annotations.
    pub annotations: Vec<Pair>,
    pub target_label: String,
    pub lang: String,
    /// The team templates folder, if any.
    #[serde(skip)]
    pub templates: Option<String>,
}

impl Answers {
    /// The pattern as the enum.
    pub fn pattern(&self) -> Pattern {
        Pattern::parse(&self.pattern).expect("validated")
    }
}

/// Fills every gap that has a default or can be derived from other answers,
/// recording where each came from. Answers with no possible default (NAME
/// without --purpose and --target) stay empty and `validate` reports them.
pub fn fill_defaults(l: &mut Layers) {
    let builtin = || Source::BuiltIn;
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
    l.default_text("target-label", defaults::TARGET_LABEL, builtin());
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
const RESOURCE_PARTS: [&str; 4] = ["cpu-request", "memory-request", "cpu-limit", "memory-limit"];

/// The config key of one part of a size tier, e.g. `sizes.heavy.cpu-limit`.
fn tier_key(size: &str, part: &str) -> &'static str {
    let key = format!("sizes.{size}.{part}");
    fields::field(&key).expect("every tier part is a field").key
}

/// Collects every problem instead of stopping at the first.
struct Check<'a> {
    layers: &'a Layers,
    errors: Vec<InvalidAnswer>,
}

impl Check<'_> {
    /// Names where a value came from: the flag, or the file, line and key.
    fn place(&self, key: &str, source: Option<&Source>) -> String {
        let field = fields::field(key).expect("known field");
        match source {
            Some(Source::File {
                path, line, column, ..
            }) => format!("{}:{line}:{column}: {key}", path.display()),
            Some(Source::Flag | Source::Prompt) if !field.flag.is_empty() => field.flag.to_string(),
            Some(Source::Derived(from)) => format!("{key} (derived from {from})"),
            _ => key.to_string(),
        }
    }

    fn fail(&mut self, key: &str, source: Option<&Source>, value: &str, why: impl Into<String>) {
        let flag = self.place(key, source);
        self.errors.push(InvalidAnswer {
            flag,
            value: Some(value.to_string()),
            why: why.into(),
        });
    }

    /// Checks a text answer with `f`; a missing one is reported with `hint`.
    fn get<T: Default>(
        &mut self,
        key: &str,
        hint: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> T {
        match self.layers.text(key) {
            Some(s) => self.value(key, s, f),
            None => {
                let flag = self.place(key, None);
                let flag = fields::field(key)
                    .map(|f| f.flag)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .unwrap_or(flag);
                self.errors.push(InvalidAnswer {
                    flag,
                    value: None,
                    why: hint.to_string(),
                });
                T::default()
            }
        }
    }

    fn value<T: Default>(
        &mut self,
        key: &str,
        s: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> T {
        f(s).unwrap_or_else(|why| {
            self.fail(key, self.layers.source(key), s, why);
            T::default()
        })
    }

    fn opt<T>(&mut self, key: &str, f: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let s = self.layers.text(key)?;
        f(s).map_err(|why| self.fail(key, self.layers.source(key), s, why))
            .ok()
    }

    /// Checks a map answer's keys and values with its field's validators.
    fn pairs(&mut self, key: &str) -> Vec<Pair> {
        let field = fields::field(key).expect("known field");
        let mut out: Vec<Pair> = Vec::new();
        for Entry {
            key: k,
            value,
            source,
        } in self.layers.map(key)
        {
            let shown = |v: &str| match source {
                Source::Flag => format!("{k}={v}"),
                _ => v.to_string(),
            };
            let Some(value) = value else {
                self.fail(key, Some(source), k, "must be KEY=VALUE");
                continue;
            };
            if let Err(why) = (field.check_key)(k) {
                self.fail(key, Some(source), &shown(value), format!("key `{k}` {why}"));
            } else if let Err(why) = (field.check)(value) {
                self.fail(key, Some(source), &shown(value), why);
            } else if out.iter().any(|p| &p.key == k) {
                self.fail(
                    key,
                    Some(source),
                    &shown(value),
                    format!("repeats the key {k}"),
                );
            } else {
                out.push(Pair {
                    key: k.clone(),
                    value: value.clone(),
                });
            }
        }
        out
    }
}

const NO_DEFAULT: &str = "it has no default";

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
        lang,
        templates,
    };
    Ok((answers, layers))
}

/// The Job controls newer Kubernetes offers, checked against the pattern,
/// the restart policy and the target Kubernetes version.
#[derive(Default)]
struct Controls {
    time_zone: Option<String>,
    concurrency_policy: String,
    starting_deadline: u32,
    successful_jobs_history: u32,
    failed_jobs_history: u32,
    backoff_limit_per_index: Option<u32>,
    max_failed_indexes: Option<u32>,
    pod_failure_policy: bool,
    fail_on_exit_codes: Vec<u32>,
    suspend: bool,
    queue: Option<String>,
    kube_version: String,
}

/// Kubernetes minor version from which jobgen uses a field: podFailurePolicy
/// (beta, on by default, 1.26), timeZone (GA 1.27), backoffLimitPerIndex and
/// maxFailedIndexes (beta, on by default, 1.29; GA 1.33).
const SINCE: [(&str, u32); 4] = [
    ("fail-on-exit-code", 26),
    ("time-zone", 27),
    ("backoff-limit-per-index", 29),
    ("max-failed-indexes", 29),
];

fn controls(c: &mut Check, restart_policy: &str, completions: Option<u32>) -> Controls {
    let l = c.layers;
    let number = |s: &str| v::number(s, 0, INT32_MAX).map(|n| n as u32);
    let kube_version = c.get("kube-version", NO_DEFAULT, |s| {
        v::kube_version(s).map(|_| s.to_string())
    });
    let minor = v::kube_version(&kube_version).unwrap_or(defaults::KUBE_MINORS.1);
    let mut k = Controls {
        time_zone: c.opt("time-zone", v::time_zone),
        concurrency_policy: c.get("concurrency-policy", NO_DEFAULT, |s| {
            v::one_of(s, fields::CONCURRENCY_POLICIES)
        }),
        starting_deadline: c.get("starting-deadline", NO_DEFAULT, |s| {
            v::number(s, 1, INT32_MAX).map(|n| n as u32)
        }),
        successful_jobs_history: c.get("successful-jobs-history", NO_DEFAULT, number),
        failed_jobs_history: c.get("failed-jobs-history", NO_DEFAULT, number),
        backoff_limit_per_index: c.opt("backoff-limit-per-index", number),
        max_failed_indexes: c.opt("max-failed-indexes", |s| {
            v::number(s, 0, 100_000).map(|n| n as u32)
        }),
        fail_on_exit_codes: l
            .list("fail-on-exit-code")
            .iter()
            .map(|e| {
                c.value("fail-on-exit-code", e, |s| {
                    v::number(s, 1, 255).map(|n| n as u32)
                })
            })
            .collect(),
        suspend: c.get("suspend", NO_DEFAULT, v::boolean),
        queue: c.opt("queue", |s| v::dns_label(s, 63)),
        kube_version,
        pod_failure_policy: false,
    };
    if let (Some(max), None) = (l.text("max-failed-indexes"), &k.backoff_limit_per_index) {
        c.fail(
            "max-failed-indexes",
            l.source("max-failed-indexes"),
            max,
            "needs --backoff-limit-per-index",
        );
    }
    if let (Some(max), Some(n)) = (k.max_failed_indexes, completions)
        && max > n
    {
        c.fail(
            "max-failed-indexes",
            l.source("max-failed-indexes"),
            &max.to_string(),
            format!("is more than the {n} completions"),
        );
    }
    if let Some(code) = l.list("fail-on-exit-code").first()
        && restart_policy != "Never"
    {
        c.fail(
            "fail-on-exit-code",
            l.source("fail-on-exit-code"),
            code,
            "needs --restart-policy Never (podFailurePolicy requires it)",
        );
    }
    for (key, since) in SINCE {
        let value = l
            .text(key)
            .map(str::to_string)
            .or_else(|| l.list(key).first().cloned());
        if let Some(value) = value
            && minor < since
        {
            c.fail(
                key,
                l.source(key),
                &value,
                format!(
                    "needs Kubernetes 1.{since} or newer; --kube-version is {}",
                    k.kube_version
                ),
            );
        }
    }
    k.pod_failure_policy = restart_policy == "Never" && minor >= 26;
    k
}

/// The provider, its identity and the SecretStore settings.
struct Cloud {
    provider: String,
    create_secret_store: bool,
    gcp_project: Option<String>,
    aws_region: Option<String>,
    azure_vault_url: Option<String>,
}

/// Identity flags per provider.
const IDENTITIES: [(&str, &str); 3] = [
    ("gcp", "gcp-service-account"),
    ("aws", "aws-role-arn"),
    ("azure", "azure-client-id"),
];

fn identity(c: &mut Check, files: Files) -> Cloud {
    let l = c.layers;
    let provider = c.get("provider", NO_DEFAULT, |s| v::one_of(s, fields::PROVIDERS));
    for (p, key) in IDENTITIES {
        if let Some(value) = l.text(key)
            && p != provider
        {
            c.fail(
                key,
                l.source(key),
                value,
                format!(
                    "is a {p} identity but the provider is {provider}; a job runs on one cloud"
                ),
            );
        }
    }
    let cloud = Cloud {
        provider: provider.clone(),
        create_secret_store: c.get("create-secret-store", NO_DEFAULT, v::boolean),
        gcp_project: c.opt("gcp-project", v::gcp_project),
        aws_region: c.opt("aws-region", v::aws_region),
        azure_vault_url: c.opt("azure-vault-url", v::azure_vault_url),
    };
    if !cloud.create_secret_store {
        return cloud;
    }
    let at = l.source("create-secret-store");
    let mut need = |ok: bool, why: String| {
        if !ok {
            c.fail("create-secret-store", at, "true", why);
        }
    };
    need(
        provider != "none",
        "needs a cloud: --provider gcp, aws or azure".into(),
    );
    need(files.external_secret && files.service_account, "needs external-secret.yaml and service-account.yaml (the store authenticates as the job's ServiceAccount)".into());
    need(
        l.text("secret-store-kind") == Some("SecretStore"),
        "writes a namespaced SecretStore; drop --secret-store-kind ClusterSecretStore".into(),
    );
    let settings = match provider.as_str() {
        "gcp" => Some(("gcp-project", "gcp-service-account")),
        "aws" => Some(("aws-region", "aws-role-arn")),
        "azure" => Some(("azure-vault-url", "azure-client-id")),
        _ => None,
    };
    if let Some((setting, identity)) = settings {
        need(
            l.text(setting).is_some(),
            format!("needs --{setting} for the {provider} store"),
        );
        need(
            l.text(identity).is_some(),
            format!("needs --{identity}: the store uses the job's workload identity"),
        );
    }
    cloud
}

/// Prefixes `registry` to an image that names no registry host (the first
/// path part has no `.` or `:` and is not `localhost`).
pub fn with_registry(registry: Option<&str>, image: &str) -> String {
    let Some(registry) = registry else {
        return image.to_string();
    };
    let first = image.split('/').next().unwrap_or("");
    let has_host =
        image.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_host || image.starts_with(registry) {
        image.to_string()
    } else {
        format!("{registry}/{image}")
    }
}

/// The resources, every part checked, requests not above limits.
fn resources(c: &mut Check) -> Resources {
    let mut part = |key: &str| {
        let text = c.get(key, NO_DEFAULT, |s| v::quantity(s).map(|_| s.to_string()));
        let value = v::quantity(&text).unwrap_or(0.0);
        (text, value)
    };
    let cpu_request = part("cpu-request");
    let memory_request = part("memory-request");
    let cpu_limit = part("cpu-limit");
    let memory_limit = part("memory-limit");
    for (what, req, lim, req_key, lim_key) in [
        ("cpu", &cpu_request, &cpu_limit, "cpu-request", "cpu-limit"),
        (
            "memory",
            &memory_request,
            &memory_limit,
            "memory-request",
            "memory-limit",
        ),
    ] {
        if req.1 > lim.1 {
            // Blame the one the user set most directly.
            let rank = |key: &str| match c.layers.source(key) {
                Some(Source::Flag | Source::Prompt) => 3,
                Some(Source::File { .. }) => 2,
                _ => 1,
            };
            let (key, value) = if rank(req_key) >= rank(lim_key) {
                (req_key, &req.0)
            } else {
                (lim_key, &lim.0)
            };
            c.fail(
                key,
                c.layers.source(key),
                value,
                format!(
                    "{what} request {} is above its limit {}; Kubernetes refuses that",
                    req.0, lim.0
                ),
            );
        }
    }
    Resources {
        cpu_request: cpu_request.0,
        memory_request: memory_request.0,
        cpu_limit: cpu_limit.0,
        memory_limit: memory_limit.0,
    }
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
        let shown = if egress.is_empty() {
            "DNS only".to_string()
        } else {
            format!("DNS, {}", egress.join(", "))
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
    use crate::layers::Value;

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
