//! The validator's working parts: `Check` collects every problem with the
//! place it came from (flag, or file:line:column), and the checks of answer
//! groups that belong together (resources, Job controls, cloud identity).

use crate::answers::fields::key;
use crate::answers::fields::{self, Key};
use crate::answers::layers::{Entry, Layers, Source, Value};
use crate::answers::model::{Files, Pair, Resources};
use crate::answers::scalars::{self as v, INT32_MAX};
use crate::choices::{ConcurrencyPolicy, Provider, RestartPolicy};
use crate::defaults;
use crate::error::InvalidAnswer;
use crate::i18n::{Msg, f, t};

/// Collects every problem instead of stopping at the first.
pub(crate) struct Check<'a> {
    pub(crate) layers: &'a Layers,
    pub(crate) errors: Vec<InvalidAnswer>,
    /// Keys a specific check has read (and so reported on already).
    checked: Vec<Key>,
}

/// How a message names where a value came from: its flag, or the file,
/// line and column and key, or what it was derived from.
pub fn place(key: Key, source: Option<&Source>) -> String {
    let field = key.field();
    match source {
        Some(Source::File {
            path, line, column, ..
        }) => format!("{}:{line}:{column}: {key}", path.display()),
        Some(Source::Flag | Source::Prompt) if !field.flag.is_empty() => field.flag.to_string(),
        Some(Source::Derived(from)) => f(Msg::K_DERIVED, &[("key", key.as_str()), ("from", from)]),
        _ => key.to_string(),
    }
}

impl<'a> Check<'a> {
    /// A collector over these (filled) layers.
    pub(crate) fn new(layers: &'a Layers) -> Check<'a> {
        Check {
            layers,
            errors: Vec::new(),
            checked: Vec::new(),
        }
    }

    fn read(&mut self, key: Key) {
        if !self.checked.contains(&key) {
            self.checked.push(key);
        }
    }
}

impl Check<'_> {
    /// Names where a value came from: the flag, or the file, line and key.
    pub(crate) fn place(&self, key: Key, source: Option<&Source>) -> String {
        place(key, source)
    }

    /// The safety net: every value any layer set goes through its field's
    /// validator, so no answer or setting escapes validation (a team's
    /// `namespaces.cron` is checked even while making a one-off job).
    /// Fields a specific check read are left to it: it has reported any
    /// problem already, in its own words.
    pub(crate) fn every_field(&mut self) {
        let l = self.layers;
        for field in fields::FIELDS {
            if self.checked.contains(&field.key) {
                continue;
            }
            // Built-in and derived values come from checked ones; the specific
            // checks above decide how to report those.
            let Some(given) = l.get(field.key).filter(|g| {
                matches!(
                    g.source,
                    Source::File { .. } | Source::Flag | Source::Prompt
                )
            }) else {
                continue;
            };
            let mut check = |value: &str, source: &Source, why: Result<(), String>| {
                if let Err(why) = why {
                    self.fail(field.key, Some(source), value, why);
                }
            };
            match &given.value {
                Value::Text(t) => check(t, &given.source, field.validate(t)),
                Value::List(items) => {
                    for item in items {
                        check(item, &given.source, field.validate(item));
                    }
                }
                // Map entries are checked key and value by `pairs`.
                Value::Map(_) => {}
            }
        }
    }

    pub(crate) fn fail(
        &mut self,
        key: Key,
        source: Option<&Source>,
        value: &str,
        why: impl Into<String>,
    ) {
        let flag = self.place(key, source);
        self.errors.push(InvalidAnswer {
            flag,
            value: Some(value.to_string()),
            why: why.into(),
        });
    }

    /// Checks a text answer with `f`; a missing one is reported with `hint`.
    pub(crate) fn get<T: Default>(
        &mut self,
        key: Key,
        hint: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> T {
        self.read(key);
        match self.layers.text(key) {
            Some(s) => self.value(key, s, f),
            None => {
                let flag = self.place(key, None);
                let flag = Some(key.field().flag)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .unwrap_or(flag);
                self.errors.push(InvalidAnswer {
                    flag,
                    value: None,
                    why: match hint == NO_DEFAULT {
                        true => t(Msg::K_NO_DEFAULT).to_string(),
                        false => hint.to_string(),
                    },
                });
                T::default()
            }
        }
    }

    pub(crate) fn value<T: Default>(
        &mut self,
        key: Key,
        s: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> T {
        self.read(key);
        f(s).unwrap_or_else(|why| {
            self.fail(key, self.layers.source(key), s, why);
            T::default()
        })
    }

    pub(crate) fn opt<T>(
        &mut self,
        key: Key,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.read(key);
        let s = self.layers.text(key)?;
        f(s).map_err(|why| self.fail(key, self.layers.source(key), s, why))
            .ok()
    }

    /// Checks a map answer's keys and values with its field's validators.
    pub(crate) fn pairs(&mut self, key: Key) -> Vec<Pair> {
        self.read(key);
        let field = key.field();
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
                self.fail(key, Some(source), k, t(Msg::K_PAIR));
                continue;
            };
            if let Err(why) = (field.check_key)(k) {
                self.fail(
                    key,
                    Some(source),
                    &shown(value),
                    f(Msg::K_KEY, &[("k", k), ("why", &why)]),
                );
            } else if let Err(why) = field.validate(value) {
                self.fail(key, Some(source), &shown(value), why);
            } else if out.iter().any(|p| &p.key == k) {
                self.fail(
                    key,
                    Some(source),
                    &shown(value),
                    f(Msg::K_REPEAT, &[("k", k)]),
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

pub(crate) const NO_DEFAULT: &str = "it has no default";

/// The Job controls newer Kubernetes offers, checked against the pattern,
/// the restart policy and the target Kubernetes version.
#[derive(Default)]
pub(crate) struct Controls {
    pub(crate) time_zone: Option<String>,
    pub(crate) concurrency_policy: ConcurrencyPolicy,
    pub(crate) starting_deadline: u32,
    pub(crate) successful_jobs_history: u32,
    pub(crate) failed_jobs_history: u32,
    pub(crate) backoff_limit_per_index: Option<u32>,
    pub(crate) max_failed_indexes: Option<u32>,
    pub(crate) pod_failure_policy: bool,
    pub(crate) fail_on_exit_codes: Vec<u32>,
    pub(crate) suspend: bool,
    pub(crate) queue: Option<String>,
    pub(crate) kube_version: String,
}

/// Kubernetes minor version from which jobgen uses a field: podFailurePolicy
/// (beta, on by default, 1.26), timeZone (GA 1.27), backoffLimitPerIndex and
/// maxFailedIndexes (beta, on by default, 1.29; GA 1.33).
const SINCE: [(Key, u32); 4] = [
    (key::FAIL_ON_EXIT_CODE, 26),
    (key::TIME_ZONE, 27),
    (key::BACKOFF_LIMIT_PER_INDEX, 29),
    (key::MAX_FAILED_INDEXES, 29),
];

pub(crate) fn controls(
    c: &mut Check,
    restart_policy: RestartPolicy,
    completions: Option<u32>,
) -> Controls {
    let l = c.layers;
    let number = |s: &str| v::number(s, 0, INT32_MAX).map(|n| n as u32);
    let kube_version = c.get(key::KUBE_VERSION, NO_DEFAULT, |s| {
        v::kube_version(s).map(|_| s.to_string())
    });
    let minor = v::kube_version(&kube_version).unwrap_or(defaults::KUBE_MINORS.1);
    let mut k = Controls {
        time_zone: c.opt(key::TIME_ZONE, v::time_zone),
        concurrency_policy: c.get(
            key::CONCURRENCY_POLICY,
            NO_DEFAULT,
            v::choice::<ConcurrencyPolicy>,
        ),
        starting_deadline: c.get(key::STARTING_DEADLINE, NO_DEFAULT, |s| {
            v::number(s, 1, INT32_MAX).map(|n| n as u32)
        }),
        successful_jobs_history: c.get(key::SUCCESSFUL_JOBS_HISTORY, NO_DEFAULT, number),
        failed_jobs_history: c.get(key::FAILED_JOBS_HISTORY, NO_DEFAULT, number),
        backoff_limit_per_index: c.opt(key::BACKOFF_LIMIT_PER_INDEX, number),
        max_failed_indexes: c.opt(key::MAX_FAILED_INDEXES, |s| {
            v::number(s, 0, v::MAX_COUNT).map(|n| n as u32)
        }),
        fail_on_exit_codes: l
            .list(key::FAIL_ON_EXIT_CODE)
            .iter()
            .map(|e| {
                c.value(key::FAIL_ON_EXIT_CODE, e, |s| {
                    v::number(s, 1, 255).map(|n| n as u32)
                })
            })
            .collect(),
        suspend: c.get(key::SUSPEND, NO_DEFAULT, v::boolean),
        queue: c.opt(key::QUEUE, |s| v::dns_label(s, 63)),
        kube_version,
        pod_failure_policy: false,
    };
    if let (Some(max), None) = (l.text(key::MAX_FAILED_INDEXES), &k.backoff_limit_per_index) {
        c.fail(
            key::MAX_FAILED_INDEXES,
            l.source(key::MAX_FAILED_INDEXES),
            max,
            t(Msg::K_NEEDS_PER_INDEX),
        );
    }
    if let (Some(max), Some(n)) = (k.max_failed_indexes, completions)
        && max > n
    {
        c.fail(
            key::MAX_FAILED_INDEXES,
            l.source(key::MAX_FAILED_INDEXES),
            &max.to_string(),
            f(Msg::K_MORE_THAN_COMPLETIONS, &[("n", &n.to_string())]),
        );
    }
    if let Some(code) = l.list(key::FAIL_ON_EXIT_CODE).first()
        && restart_policy != RestartPolicy::Never
    {
        c.fail(
            key::FAIL_ON_EXIT_CODE,
            l.source(key::FAIL_ON_EXIT_CODE),
            code,
            t(Msg::K_NEEDS_NEVER),
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
                f(
                    Msg::K_SINCE,
                    &[("since", &since.to_string()), ("version", &k.kube_version)],
                ),
            );
        }
    }
    k.pod_failure_policy = restart_policy == RestartPolicy::Never && minor >= 26;
    k
}

/// The provider, its identity and the SecretStore settings.
pub(crate) struct Cloud {
    pub(crate) provider: Provider,
    pub(crate) create_secret_store: bool,
    pub(crate) gcp_project: Option<String>,
    pub(crate) aws_region: Option<String>,
    pub(crate) azure_vault_url: Option<String>,
}

/// Identity flags per provider.
const IDENTITIES: [(&str, Key); 3] = [
    ("gcp", key::GCP_SERVICE_ACCOUNT),
    ("aws", key::AWS_ROLE_ARN),
    ("azure", key::AZURE_CLIENT_ID),
];

pub(crate) fn identity(c: &mut Check, files: Files) -> Cloud {
    let l = c.layers;
    let provider = c.get(key::PROVIDER, NO_DEFAULT, v::choice::<Provider>);
    for (p, key) in IDENTITIES {
        if let Some(value) = l.text(key)
            && p != provider.as_str()
        {
            c.fail(
                key,
                l.source(key),
                value,
                f(
                    Msg::K_ONE_CLOUD,
                    &[("p", p), ("provider", &provider.to_string())],
                ),
            );
        }
    }
    let cloud = Cloud {
        provider,
        create_secret_store: c.get(key::CREATE_SECRET_STORE, NO_DEFAULT, v::boolean),
        gcp_project: c.opt(key::GCP_PROJECT, v::gcp_project),
        aws_region: c.opt(key::AWS_REGION, v::aws_region),
        azure_vault_url: c.opt(key::AZURE_VAULT_URL, v::azure_vault_url),
    };
    if !cloud.create_secret_store {
        return cloud;
    }
    let at = l.source(key::CREATE_SECRET_STORE);
    let mut need = |ok: bool, why: String| {
        if !ok {
            c.fail(key::CREATE_SECRET_STORE, at, "true", why);
        }
    };
    need(provider != Provider::None, t(Msg::K_STORE_CLOUD).into());
    need(
        files.external_secret && files.service_account,
        t(Msg::K_STORE_FILES).into(),
    );
    need(
        l.text(key::SECRET_STORE_KIND) == Some("SecretStore"),
        t(Msg::K_STORE_KIND).into(),
    );
    let settings = match provider.as_str() {
        "gcp" => Some((key::GCP_PROJECT, key::GCP_SERVICE_ACCOUNT)),
        "aws" => Some((key::AWS_REGION, key::AWS_ROLE_ARN)),
        "azure" => Some((key::AZURE_VAULT_URL, key::AZURE_CLIENT_ID)),
        _ => None,
    };
    if let Some((setting, identity)) = settings {
        need(
            l.text(setting).is_some(),
            f(
                Msg::K_STORE_SETTING,
                &[
                    ("setting", setting.as_str()),
                    ("provider", &provider.to_string()),
                ],
            ),
        );
        need(
            l.text(identity).is_some(),
            f(Msg::K_STORE_IDENTITY, &[("identity", identity.as_str())]),
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
pub(crate) fn resources(c: &mut Check) -> Resources {
    // A part that is not a quantity is reported once, by itself, and is
    // not compared with its request or limit.
    let mut part = |key: Key| {
        let text = c.get(key, NO_DEFAULT, |s| v::quantity(s).map(|_| s.to_string()));
        let value = v::quantity(&text).ok();
        (text, value)
    };
    let cpu_request = part(key::CPU_REQUEST);
    let memory_request = part(key::MEMORY_REQUEST);
    let cpu_limit = part(key::CPU_LIMIT);
    let memory_limit = part(key::MEMORY_LIMIT);
    for (what, req, lim, req_key, lim_key) in [
        (
            "cpu",
            &cpu_request,
            &cpu_limit,
            key::CPU_REQUEST,
            key::CPU_LIMIT,
        ),
        (
            "memory",
            &memory_request,
            &memory_limit,
            key::MEMORY_REQUEST,
            key::MEMORY_LIMIT,
        ),
    ] {
        if let (Some(r), Some(l)) = (req.1, lim.1)
            && r > l
        {
            // Blame the one the user set most directly.
            let rank = |key: Key| match c.layers.source(key) {
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
                f(
                    Msg::K_ABOVE_LIMIT,
                    &[("what", what), ("request", &req.0), ("limit", &lim.0)],
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
