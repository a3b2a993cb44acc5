//! Answers: what the user said (`RawAnswers`, text as typed, from any input
//! path), the defaults that fill the gaps, and the one validator that turns
//! them into checked `Answers`. Interactive questions live here too, so the
//! prompt asks exactly what the validator checks.

use serde::Serialize;

use crate::defaults::{self, Pattern, Size};
use crate::error::{Error, InvalidAnswer};
use crate::prompt::Prompter;
use crate::validate::{self as v, INT32_MAX};

/// Answers as given, before defaults and validation. Every input path
/// (flags, prompt, values files) fills this same struct.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawAnswers {
    pub name: Option<String>,
    pub purpose: Option<String>,
    pub target: Option<String>,
    pub env: Option<String>,
    pub pattern: Option<String>,
    pub namespace: Option<String>,
    pub image: Option<String>,
    pub description: Option<String>,
    pub command: Vec<String>,
    pub schedule: Option<String>,
    pub parallelism: Option<String>,
    pub completions: Option<String>,
    pub ttl: Option<String>,
    pub backoff_limit: Option<String>,
    pub restart_policy: Option<String>,
    pub active_deadline: Option<String>,
    pub size: Option<String>,
    pub cpu_request: Option<String>,
    pub cpu_limit: Option<String>,
    pub memory_request: Option<String>,
    pub memory_limit: Option<String>,
    pub run_as_user: Option<String>,
    pub env_vars: Vec<String>,
    pub secrets: Vec<String>,
    pub secret_store: Option<String>,
    pub secret_store_kind: Option<String>,
    pub gcp_service_account: Option<String>,
    pub aws_role_arn: Option<String>,
    pub no_service_account: bool,
    pub no_external_secret: bool,
    pub no_configmap: bool,
}

/// Which optional files to produce.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Files {
    pub service_account: bool,
    pub external_secret: bool,
    pub configmap: bool,
}

/// Container resources, as Kubernetes quantities.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Resources {
    pub cpu_request: String,
    pub memory_request: String,
    pub cpu_limit: String,
    pub memory_limit: String,
}

/// A `KEY=VALUE` or `KEY=REMOTE_KEY` pair.
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
    pub files: Files,
}

impl Answers {
    /// The pattern as the enum.
    pub fn pattern(&self) -> Pattern {
        Pattern::parse(&self.pattern).expect("validated")
    }
}

impl RawAnswers {
    /// Fills every gap that has a default or can be derived from other
    /// answers. Answers with no possible default (NAME without --purpose and
    /// --target) stay empty and `validate` reports them.
    pub fn fill_defaults(&mut self) {
        match (&self.name, &self.purpose, &self.target) {
            (None, Some(p), Some(t)) => self.name = Some(format!("{p}-{t}")),
            (Some(name), _, _) => {
                if let Some((p, t)) = defaults::split_name(name) {
                    self.purpose.get_or_insert_with(|| p.to_string());
                    self.target.get_or_insert_with(|| t.to_string());
                } else {
                    self.purpose.get_or_insert_with(|| name.clone());
                }
            }
            _ => {}
        }
        let fill = |slot: &mut Option<String>, value: &str| {
            slot.get_or_insert_with(|| value.to_string());
        };
        fill(&mut self.env, defaults::ENV);
        fill(&mut self.pattern, defaults::PATTERN.as_str());
        if let Some(p) = self.purpose.clone() {
            fill(&mut self.namespace, defaults::namespace_for(&p));
            let target = self.target.clone().unwrap_or_default();
            fill(&mut self.description, &format!("{p} for {target}"));
        }
        fill(&mut self.image, defaults::IMAGE);
        match self.pattern.as_deref().and_then(Pattern::parse) {
            Some(Pattern::Cron) => fill(&mut self.schedule, defaults::SCHEDULE),
            Some(Pattern::Parallel) => {
                fill(&mut self.parallelism, &defaults::PARALLELISM.to_string());
                fill(&mut self.completions, &defaults::COMPLETIONS.to_string());
            }
            _ => {}
        }
        fill(&mut self.ttl, &defaults::TTL_PRESETS[0].value.to_string());
        fill(
            &mut self.backoff_limit,
            &defaults::BACKOFF_PRESETS[0].value.to_string(),
        );
        fill(&mut self.restart_policy, defaults::RESTART_POLICY);
        fill(
            &mut self.active_deadline,
            &defaults::ACTIVE_DEADLINE.to_string(),
        );
        fill(&mut self.size, defaults::SIZE.as_str());
        fill(&mut self.run_as_user, &defaults::RUN_AS_USER.to_string());
        let store = if self.aws_role_arn.is_some() {
            defaults::SECRET_STORE_AWS
        } else {
            defaults::SECRET_STORE
        };
        fill(&mut self.secret_store, store);
        fill(&mut self.secret_store_kind, defaults::SECRET_STORE_KIND);
    }

    /// The defaults this answer set would get, without changing it.
    pub fn with_defaults(&self) -> RawAnswers {
        let mut d = self.clone();
        d.fill_defaults();
        d
    }
}

/// Collects every problem instead of stopping at the first.
#[derive(Default)]
struct Check {
    errors: Vec<InvalidAnswer>,
}

impl Check {
    /// Validates a present answer; a missing one is reported with `hint`.
    fn get<T: Default>(
        &mut self,
        flag: &str,
        raw: &Option<String>,
        hint: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> T {
        match raw {
            Some(s) => self.value(flag, s, f),
            None => {
                self.missing(flag, hint);
                T::default()
            }
        }
    }

    fn value<T: Default>(
        &mut self,
        flag: &str,
        s: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> T {
        f(s).unwrap_or_else(|why| {
            self.fail(flag, s, why);
            T::default()
        })
    }

    fn opt<T>(
        &mut self,
        flag: &str,
        raw: &Option<String>,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = raw.as_deref()?;
        f(s).map_err(|why| self.fail(flag, s, why)).ok()
    }

    fn fail(&mut self, flag: &str, value: &str, why: impl Into<String>) {
        self.errors.push(InvalidAnswer {
            flag: flag.into(),
            value: Some(value.into()),
            why: why.into(),
        });
    }

    fn missing(&mut self, flag: &str, why: &str) {
        self.errors.push(InvalidAnswer {
            flag: flag.into(),
            value: None,
            why: why.into(),
        });
    }
}

const NO_DEFAULT: &str = "it has no default";

/// Fills defaults, validates every answer and the rules between them, and
/// reports every problem at once.
pub fn validate(raw: &RawAnswers) -> Result<Answers, Error> {
    let given = raw;
    let raw = raw.with_defaults();
    let mut c = Check::default();

    let pattern = raw.pattern.as_deref().and_then(Pattern::parse);
    let cron = pattern == Some(Pattern::Cron);
    let name_max = if cron { 52 } else { 63 };
    let name_hint = match (&given.purpose, &given.target) {
        (Some(_), None) => "pass --target too, or NAME",
        (None, Some(_)) => "pass --purpose too, or NAME",
        _ => "pass NAME (e.g. cloud-sql-restore-ojeomneo), or --purpose and --target",
    };
    let name = c.get("NAME", &raw.name, name_hint, |s| {
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
    let derived = |given: &Option<String>| given.is_some() || name_ok;
    let label = |s: &str| v::dns_label(s, 63);
    let purpose = if derived(&given.purpose) {
        c.get("--purpose", &raw.purpose, NO_DEFAULT, label)
    } else {
        String::new()
    };
    let target = if derived(&given.target) {
        let hint = format!(
            "NAME {:?} has no `-` to split off a target; pass --target",
            raw.name.as_deref().unwrap_or("")
        );
        c.get("--target", &raw.target, &hint, label)
    } else {
        String::new()
    };
    let pattern_text = c.get("--pattern", &raw.pattern, NO_DEFAULT, |s| {
        v::one_of(s, &Pattern::NAMES)
    });
    let env = c.get("--env", &raw.env, NO_DEFAULT, v::label_value);
    let namespace = c
        .opt("--namespace", &raw.namespace, |s| v::dns_label(s, 63))
        .unwrap_or_default();
    let image = c.get("--image", &raw.image, NO_DEFAULT, v::image);
    let description = c
        .opt("--description", &raw.description, v::free_text)
        .unwrap_or_default();
    let command: Vec<String> = raw
        .command
        .iter()
        .map(|w| c.value("COMMAND", w, v::free_text))
        .collect();

    let schedule = c.opt("--schedule", &raw.schedule, v::schedule);
    let count = |s: &str| v::number(s, 1, 100_000).map(|n| n as u32);
    let parallelism = c.opt("--parallelism", &raw.parallelism, count);
    let completions = c.opt("--completions", &raw.completions, count);
    for (flag, given, wanted) in [
        ("--schedule", raw.schedule.as_ref(), Pattern::Cron),
        ("--parallelism", raw.parallelism.as_ref(), Pattern::Parallel),
        ("--completions", raw.completions.as_ref(), Pattern::Parallel),
    ] {
        if let (Some(value), Some(p)) = (given, pattern)
            && p != wanted
        {
            c.fail(
                flag,
                value,
                format!(
                    "only applies to --pattern {}; this job is {}",
                    wanted.as_str(),
                    p.as_str()
                ),
            );
        }
    }

    let seconds = |s: &str| v::number(s, 0, INT32_MAX).map(|n| n as u32);
    let ttl = c.get("--ttl", &raw.ttl, NO_DEFAULT, seconds);
    let backoff_limit = c.get("--backoff-limit", &raw.backoff_limit, NO_DEFAULT, seconds);
    let restart_policy = c.get("--restart-policy", &raw.restart_policy, NO_DEFAULT, |s| {
        v::one_of(s, &["Never", "OnFailure"])
    });
    let active_deadline = c.get("--active-deadline", &raw.active_deadline, NO_DEFAULT, |s| {
        v::number(s, 1, INT32_MAX).map(|n| n as u32)
    });
    let size = c.get("--size", &raw.size, NO_DEFAULT, |s| {
        v::one_of(s, &Size::NAMES)
    });
    let resources = resources(&mut c, &raw, Size::parse(&size).unwrap_or(defaults::SIZE));
    let run_as_user = c.get("--run-as-user", &raw.run_as_user, NO_DEFAULT, |s| {
        v::number(s, 10000, INT32_MAX)
            .map(|n| n as u32)
            .map_err(|why| format!("{why} (a high UID keeps clear of users on the node)"))
    });

    let files = Files {
        service_account: !raw.no_service_account,
        external_secret: !raw.no_external_secret,
        configmap: !raw.no_configmap,
    };
    let env_vars = pairs(&mut c, "--env-var", &raw.env_vars, v::key_value);
    let secrets = pairs(&mut c, "--secret", &raw.secrets, v::secret_ref);
    for s in &secrets {
        if env_vars.iter().any(|e| e.key == s.key) {
            c.fail(
                "--secret",
                &s.key,
                "is also set by --env-var; one variable, one source",
            );
        }
    }
    let secret_store = c.get(
        "--secret-store",
        &raw.secret_store,
        NO_DEFAULT,
        v::dns_subdomain,
    );
    let secret_store_kind = c.get(
        "--secret-store-kind",
        &raw.secret_store_kind,
        NO_DEFAULT,
        |s| v::one_of(s, &["ClusterSecretStore", "SecretStore"]),
    );
    let gcp_service_account = c.opt(
        "--gcp-service-account",
        &raw.gcp_service_account,
        v::gcp_service_account,
    );
    let aws_role_arn = c.opt("--aws-role-arn", &raw.aws_role_arn, v::aws_role_arn);

    // Answers that need a file the user left out.
    let needs = [
        (
            "--env-var",
            raw.env_vars.first(),
            files.configmap,
            "--no-configmap",
        ),
        (
            "--secret",
            raw.secrets.first(),
            files.external_secret,
            "--no-external-secret",
        ),
        (
            "--gcp-service-account",
            raw.gcp_service_account.as_ref(),
            files.service_account,
            "--no-service-account",
        ),
        (
            "--aws-role-arn",
            raw.aws_role_arn.as_ref(),
            files.service_account,
            "--no-service-account",
        ),
    ];
    for (flag, value, file_on, off_flag) in needs {
        if let Some(value) = value
            && !file_on
        {
            c.fail(
                flag,
                value,
                format!("needs the file that {off_flag} leaves out; drop one of the two"),
            );
        }
    }
    if let (Some(g), Some(_)) = (&raw.gcp_service_account, &raw.aws_role_arn) {
        c.fail(
            "--gcp-service-account",
            g,
            "cannot be combined with --aws-role-arn; a job runs on one cloud",
        );
    }

    if !c.errors.is_empty() {
        return Err(Error::Invalid(c.errors));
    }
    Ok(Answers {
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
        files,
    })
}

/// The size tier's resources with explicit overrides, requests not above limits.
fn resources(c: &mut Check, raw: &RawAnswers, size: Size) -> Resources {
    let tier = size.resources();
    let mut one = |flag: &str, given: &Option<String>, tier_value: &str| -> (String, f64) {
        match given {
            Some(s) => (s.clone(), c.value(flag, s, v::quantity)),
            None => (
                tier_value.to_string(),
                v::quantity(tier_value).expect("tier values are valid"),
            ),
        }
    };
    let cpu_request = one("--cpu-request", &raw.cpu_request, tier[0]);
    let memory_request = one("--memory-request", &raw.memory_request, tier[1]);
    let cpu_limit = one("--cpu-limit", &raw.cpu_limit, tier[2]);
    let memory_limit = one("--memory-limit", &raw.memory_limit, tier[3]);
    for (what, req, lim, req_flag, lim_flag, req_given) in [
        (
            "cpu",
            &cpu_request,
            &cpu_limit,
            "--cpu-request",
            "--cpu-limit",
            raw.cpu_request.is_some(),
        ),
        (
            "memory",
            &memory_request,
            &memory_limit,
            "--memory-request",
            "--memory-limit",
            raw.memory_request.is_some(),
        ),
    ] {
        if req.1 > lim.1 {
            let (flag, value) = if req_given {
                (req_flag, &req.0)
            } else {
                (lim_flag, &lim.0)
            };
            c.fail(
                flag,
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

/// Validates repeatable `KEY=…` answers and refuses duplicate keys.
fn pairs(
    c: &mut Check,
    flag: &str,
    items: &[String],
    f: fn(&str) -> Result<(String, String), String>,
) -> Vec<Pair> {
    let mut out: Vec<Pair> = Vec::new();
    for item in items {
        match f(item) {
            Ok((key, _)) if out.iter().any(|p| p.key == key) => {
                c.fail(flag, item, format!("repeats the key {key}"));
            }
            Ok((key, value)) => out.push(Pair { key, value }),
            Err(why) => c.fail(flag, item, why),
        }
    }
    out
}

/// Asks, at a terminal, for every answer the flags left open, each
/// preselected with its default and checked by the same validator as flags.
pub fn ask(raw: &mut RawAnswers, p: &mut dyn Prompter) -> Result<(), Error> {
    let name_given = raw.name.is_some();
    if raw.purpose.is_none() {
        let default = raw.with_defaults().purpose.unwrap_or_default();
        let label = if name_given {
            "Purpose, derived from NAME (--purpose)"
        } else {
            "Purpose, e.g. cloud-sql-restore (--purpose)"
        };
        raw.purpose = Some(p.input(label, &default, &|s| v::dns_label(s, 63).map(drop))?);
    }
    if raw.target.is_none() {
        let default = raw.with_defaults().target.unwrap_or_default();
        let label = if name_given {
            "Target, derived from NAME (--target)"
        } else {
            "Target, e.g. ojeomneo (--target)"
        };
        raw.target = Some(p.input(label, &default, &|s| v::dns_label(s, 63).map(drop))?);
    }
    if raw.env.is_none() {
        raw.env = Some(p.input("Environment (--env)", defaults::ENV, &|s| {
            v::label_value(s).map(drop)
        })?);
    }
    if raw.pattern.is_none() {
        let items = [
            "one-off: a Job that runs once",
            "cron: a CronJob on a schedule",
            "parallel: an Indexed Job, several pods at once",
        ];
        let i = p.select("Pattern (--pattern)", &items, 0)?;
        raw.pattern = Some(Pattern::NAMES[i].to_string());
    }
    match raw.pattern.as_deref().and_then(Pattern::parse) {
        Some(Pattern::Cron) if raw.schedule.is_none() => {
            raw.schedule = Some(p.input(
                "Schedule, 5 cron fields or @daily (--schedule)",
                defaults::SCHEDULE,
                &|s| v::schedule(s).map(drop),
            )?);
        }
        Some(Pattern::Parallel) => {
            let count = |s: &str| v::number(s, 1, 100_000).map(drop);
            if raw.parallelism.is_none() {
                raw.parallelism = Some(p.input(
                    "Pods at once (--parallelism)",
                    &defaults::PARALLELISM.to_string(),
                    &count,
                )?);
            }
            if raw.completions.is_none() {
                raw.completions = Some(p.input(
                    "Completions wanted (--completions)",
                    &defaults::COMPLETIONS.to_string(),
                    &count,
                )?);
            }
        }
        _ => {}
    }
    if raw.namespace.is_none() {
        let derived = raw.with_defaults().namespace.unwrap_or_default();
        let mut items: Vec<String> = defaults::NAMESPACES.iter().map(|s| s.to_string()).collect();
        items.push("another namespace…".into());
        let default = defaults::NAMESPACES
            .iter()
            .position(|n| *n == derived)
            .unwrap_or(0);
        let refs: Vec<&str> = items.iter().map(String::as_str).collect();
        let i = p.select("Namespace (--namespace)", &refs, default)?;
        raw.namespace = Some(match defaults::NAMESPACES.get(i) {
            Some(ns) => ns.to_string(),
            None => p.input("Namespace name (--namespace)", "", &|s| {
                v::dns_label(s, 63).map(drop)
            })?,
        });
    }
    if raw.image.is_none() {
        raw.image = Some(p.input(
            "Image, with a pinned tag (--image)",
            defaults::IMAGE,
            &|s| v::image(s).map(drop),
        )?);
    }
    if raw.ttl.is_none() {
        raw.ttl = Some(preset(
            p,
            "Keep the finished job for (--ttl)",
            &defaults::TTL_PRESETS,
            "seconds",
        )?);
    }
    if raw.backoff_limit.is_none() {
        raw.backoff_limit = Some(preset(
            p,
            "Retries (--backoff-limit)",
            &defaults::BACKOFF_PRESETS,
            "retries",
        )?);
    }
    if raw.size.is_none() && raw.cpu_request.is_none() && raw.memory_request.is_none() {
        let items: Vec<String> = Size::NAMES
            .iter()
            .map(|n| {
                let r = Size::parse(n).expect("known").resources();
                format!("{n}: requests {}/{}, limits {}/{}", r[0], r[1], r[2], r[3])
            })
            .collect();
        let refs: Vec<&str> = items.iter().map(String::as_str).collect();
        let i = p.select("Resources (--size)", &refs, 0)?;
        raw.size = Some(Size::NAMES[i].to_string());
    }
    Ok(())
}

/// A preset choice with its value shown, plus a custom value.
fn preset(
    p: &mut dyn Prompter,
    label: &str,
    presets: &[defaults::Preset],
    unit: &str,
) -> Result<String, Error> {
    let mut items: Vec<String> = presets
        .iter()
        .map(|x| format!("{}: {} {unit}", x.name, x.value))
        .collect();
    items.push("another value…".into());
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    let i = p.select(label, &refs, 0)?;
    match presets.get(i) {
        Some(x) => Ok(x.value.to_string()),
        None => p.input(label, "", &|s| v::number(s, 0, INT32_MAX).map(drop)),
    }
}

/// The summary shown before the confirmation in interactive mode.
pub fn summary(a: &Answers) -> String {
    let mut rows = vec![
        ("name", a.name.clone()),
        (
            "labels",
            format!(
                "app={} {}={} version={} env={}",
                a.purpose,
                defaults::TARGET_LABEL,
                a.target,
                defaults::VERSION_LABEL,
                a.env
            ),
        ),
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

    fn raw(name: &str) -> RawAnswers {
        RawAnswers {
            name: Some(name.into()),
            ..Default::default()
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
    }

    #[test]
    fn purpose_and_target_compose_the_name() {
        let r = RawAnswers {
            purpose: Some("data-migration".into()),
            target: Some("users".into()),
            ..Default::default()
        };
        let a = validate(&r).unwrap();
        assert_eq!(a.name, "data-migration-users");
        assert_eq!(a.namespace, "migrations");
    }

    #[test]
    fn missing_name_names_the_flags() {
        let Err(Error::Invalid(list)) = validate(&RawAnswers::default()) else {
            panic!()
        };
        assert!(
            list.iter().any(|e| e.flag == "NAME" && e.value.is_none()),
            "{list:?}"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut r = raw("Bad_Name");
        r.ttl = Some("soon".into());
        r.schedule = Some("0 2 * * *".into());
        r.env_vars = vec!["1X=y".into()];
        let Err(Error::Invalid(list)) = validate(&r) else {
            panic!()
        };
        let flags: Vec<&str> = list.iter().map(|e| e.flag.as_str()).collect();
        assert_eq!(
            flags,
            ["NAME", "--schedule", "--ttl", "--env-var"],
            "{list:?}"
        );
    }

    #[test]
    fn cron_names_are_limited_to_52() {
        let mut r = raw(&format!("{}-x", "a".repeat(53)));
        r.pattern = Some("cron".into());
        let Err(Error::Invalid(list)) = validate(&r) else {
            panic!()
        };
        assert!(list[0].why.contains("appends 11"), "{list:?}");
        r.pattern = Some("one-off".into());
        assert!(validate(&r).is_ok());
    }

    #[test]
    fn requests_above_limits_are_refused() {
        let mut r = raw("a-b");
        r.cpu_request = Some("2".into());
        let Err(Error::Invalid(list)) = validate(&r) else {
            panic!()
        };
        assert_eq!(list[0].flag, "--cpu-request");
        r.cpu_limit = Some("4".into());
        assert_eq!(validate(&r).unwrap().resources.cpu_limit, "4");
    }

    #[test]
    fn answers_needing_a_left_out_file_are_refused() {
        let mut r = raw("a-b");
        r.secrets = vec!["A=b".into()];
        r.no_external_secret = true;
        r.env_vars = vec!["B=c".into()];
        r.no_configmap = true;
        let Err(Error::Invalid(list)) = validate(&r) else {
            panic!()
        };
        assert_eq!(list.len(), 2, "{list:?}");
    }

    #[test]
    fn duplicate_and_clashing_keys_are_refused() {
        let mut r = raw("a-b");
        r.env_vars = vec!["A=1".into(), "A=2".into()];
        r.secrets = vec!["A=remote".into()];
        let Err(Error::Invalid(list)) = validate(&r) else {
            panic!()
        };
        assert_eq!(list.len(), 2, "{list:?}");
    }

    #[test]
    fn aws_role_picks_the_aws_store() {
        let mut r = raw("a-b");
        r.aws_role_arn = Some("arn:aws:iam::123456789012:role/x".into());
        assert_eq!(validate(&r).unwrap().secret_store, "aws-secrets-manager");
    }
}
