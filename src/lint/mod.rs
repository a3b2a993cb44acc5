//! `jobgen lint`: paths → job folders → findings → report. The rules live
//! in `lint::rules`, their catalog in `lint::catalog`; this is the driver,
//! suppression, and the two formats.
//! `jobgen new` runs the same checks on what it rendered.

pub mod catalog;
mod crowded;
pub mod rules;
pub mod sarif;

pub use catalog::{Finding, Severity};

use crate::answers::fields::key;
use crate::choices::{LintProfile, ResourcesCheck};
use crate::i18n::{Msg, f, t};
use crate::walk::{Visit, Walked};
use catalog::Options;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::answers::layers::{self, FileLayer, Layers};
use crate::error::Error;

/// What a team's config changes about linting.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Rule ids switched off.
    pub disabled: Vec<String>,
    /// The label key that carries the target (`database` by default).
    pub target_label: String,
    /// Which rules apply (`lint.profile`, `--profile`).
    pub profile: LintProfile,
    /// Rule options (`lint.resources`, `lint.external`).
    pub options: Options,
    /// How many CronJobs of a namespace may start in one minute
    /// (`lint.schedule-crowded`).
    pub crowded: usize,
}

impl Settings {
    /// The settings in filled layers (`lint.disable`, `target-label`,
    /// `lint.profile`, `lint.resources`, `lint.external`); values that are not a choice's
    /// spelling are left at their default here and reported by `check`.
    pub fn from_layers(l: &Layers) -> Settings {
        let resources = l.text(key::LINT_RESOURCES).and_then(ResourcesCheck::parse);
        Settings {
            disabled: l.list(key::LINT_DISABLE).to_vec(),
            target_label: l
                .text(key::TARGET_LABEL)
                .unwrap_or(crate::defaults::TARGET_LABEL)
                .to_string(),
            profile: l
                .text(key::LINT_PROFILE)
                .and_then(LintProfile::parse)
                .unwrap_or_default(),
            crowded: l
                .text(key::LINT_SCHEDULE_CROWDED)
                .and_then(|n| n.parse().ok())
                .unwrap_or(crowded::DEFAULT),
            options: Options {
                requests_only: resources == Some(ResourcesCheck::Requests),
                external: l.list(key::LINT_EXTERNAL).to_vec(),
                gitops: l
                    .text(key::GITOPS)
                    .and_then(crate::choices::Gitops::parse)
                    .unwrap_or_default(),
            },
        }
    }

    /// True when the profile applies this rule and the team did not switch it off.
    fn applies(&self, rule: &str) -> bool {
        let by_profile =
            self.profile == LintProfile::Conventions || !catalog::CONVENTION_RULES.contains(&rule);
        by_profile && !self.disabled.iter().any(|d| d == rule)
    }
}

/// Lints one folder given as (file name, contents) pairs; `label` prefixes
/// file names in findings. Findings come sorted by file and line.
pub fn lint_files(label: &str, files: &[(String, String)], settings: &Settings) -> Vec<Finding> {
    let mut findings = rules::check_folder(label, files, &settings.target_label, &settings.options);
    findings.retain(|f| settings.applies(f.rule));
    findings.sort_by(|a, b| (&a.file, a.line, a.rule).cmp(&(&b.file, b.line, b.rule)));
    findings
}

/// Every job folder under `path`, sorted, and the folders that could not
/// be listed. A job folder holds job.yaml, or a YAML file holding a Job or
/// CronJob under any name (a folder adopted as it was, a hand-written
/// one). A file names the folder that holds it.
pub fn job_folders(path: &Path) -> Walked {
    if path.is_file() {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        return Walked {
            found: vec![dir],
            unreadable: Vec::new(),
        };
    }
    crate::walk::walk(path, |dir| match is_job_folder(dir) {
        true => Visit::TakeAndDescend,
        false => Visit::Descend,
    })
}

/// True when `dir` holds job.yaml, or a YAML file holding a Job or CronJob
/// (a List's items included; block style, flow style or JSON). Only
/// regular files are read.
fn is_job_folder(dir: &Path) -> bool {
    if dir.join("job.yaml").is_file() {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let path = e.path();
        path.extension().is_some_and(|x| x == "yaml" || x == "yml")
            && crate::walk::is_regular(&path)
            && crate::walk::read_text(&path).is_ok_and(|text| holds_job(&text))
    })
}

/// True when the YAML text holds a Job or CronJob (files that never say
/// "Job" are not parsed).
fn holds_job(text: &str) -> bool {
    use crate::update::merge::{self, Tree};
    text.contains("Job")
        && crate::yaml::parse_all(text).is_ok_and(|docs| {
            let trees: Vec<Tree> = docs.iter().map(|d| Tree::from(&d.value)).collect();
            merge::flatten(&trees).into_iter().any(merge::is_batch_job)
        })
}

/// Every folder under `path` (itself included) holding the file `marker`,
/// sorted, and the folders that could not be listed (`walk`).
pub fn folders_holding(path: &Path, marker: &str) -> Walked {
    crate::walk::walk(path, |dir| match dir.join(marker).is_file() {
        true => Visit::TakeAndDescend,
        false => Visit::Descend,
    })
}

/// (file name, text) pairs.
type NamedTexts = Vec<(String, String)>;

/// The files of a folder that lint reads (YAML, JSON and README.md), and
/// those it could not read, with why (not UTF-8, no permission).
pub(crate) fn read_folder(dir: &Path) -> Result<(NamedTexts, NamedTexts), Error> {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))? {
        let entry = entry.map_err(|e| Error::io("read", dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let wanted =
            [".yaml", ".yml", ".json"].iter().any(|x| name.ends_with(x)) || name == "README.md";
        if wanted && entry.path().is_file() {
            match std::fs::read(entry.path()) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push((name, text)),
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        unreadable.push((name, f(Msg::L_NOT_UTF8, &[("at", &at.to_string())])));
                    }
                },
                Err(e) => {
                    unreadable.push((name, f(Msg::L_CANNOT_READ, &[("why", &e.to_string())])))
                }
            }
        }
    }
    files.sort();
    unreadable.sort();
    Ok((files, unreadable))
}

/// The team's settings with what a jobgen folder recorded for itself
/// (`target-label`, `gitops` in `.jobgen-answers`), when that differs.
fn recorded_settings(dir: &Path, team: &Settings) -> Option<Settings> {
    let text = crate::walk::read_text(&dir.join(crate::render::record::ANSWERS_FILE)).ok()?;
    let answers: serde_json::Value = serde_json::from_str(&text).ok()?;
    let mut own = team.clone();
    if let Some(t) = answers["target-label"].as_str() {
        own.target_label = t.to_string();
    }
    if let Some(g) = answers["gitops"]
        .as_str()
        .and_then(crate::choices::Gitops::parse)
    {
        own.options.gitops = g;
    }
    (own.target_label != team.target_label || own.options.gitops != team.options.gitops)
        .then_some(own)
}

/// Lints every job folder under `paths`, each with the config that applies
/// to it (user config, the nearest .jobgen.yaml, `--config`).
pub fn lint_paths(
    paths: &[PathBuf],
    config: Option<&Path>,
    profile: Option<LintProfile>,
) -> Result<(usize, Vec<Finding>), Error> {
    let mut base = Layers::default();
    if let Some(p) = layers::user_config() {
        base.merge(layers::load(&p, FileLayer::User)?);
    }
    let extra = match config {
        Some(p) => Some(layers::load(p, FileLayer::Config)?),
        None => None,
    };
    let mut cache: HashMap<Option<PathBuf>, Settings> = HashMap::new();
    let mut crons: Vec<crowded::Cron> = Vec::new();
    let mut folders = 0;
    let mut findings = Vec::new();
    // A folder named twice (two files of one folder, say) is linted once.
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if !path.exists() {
            return Err(Error::io(
                "lint",
                path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        let walked = job_folders(path);
        findings.extend(
            walked
                .unreadable
                .iter()
                .map(|(dir, e)| unreadable_folder(dir, e)),
        );
        for dir in walked.found {
            if !seen.insert(std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone())) {
                continue;
            }
            let team = layers::team_config(&dir);
            if !cache.contains_key(&team) {
                let mut l = base.clone();
                if let Some(t) = &team {
                    l.merge(layers::load(t, FileLayer::Team)?);
                }
                if let Some(e) = &extra {
                    l.merge(e.clone());
                }
                let mut settings = Settings::from_layers(&l);
                check_settings(&l, &settings, team.as_deref().or(config))?;
                if let Some(p) = profile {
                    settings.profile = p;
                }
                cache.insert(team.clone(), settings);
            }
            let (files, unreadable) = read_folder(&dir)?;
            folders += 1;
            let label = dir.display().to_string();
            let team_settings = &cache[&team];
            // A job made with its own target label or gitops is linted by them.
            let own = recorded_settings(&dir, team_settings);
            let settings = own.as_ref().unwrap_or(team_settings);
            // Only a folder that says CronJob is read again for its schedule.
            if settings.applies(crowded::RULE)
                && files.iter().any(|(_, text)| text.contains("CronJob"))
                && let Some(job) = crate::fleet::job_of(&files).filter(|j| j.schedule.is_some())
            {
                crons.push(crowded::Cron {
                    folder: label.clone(),
                    job,
                    most: settings.crowded,
                });
            }
            let mut found = lint_files(&label, &files, settings);
            if settings.applies("file-unreadable") {
                found.extend(unreadable.into_iter().map(|(name, why)| Finding {
                    rule: "file-unreadable",
                    severity: Severity::Error,
                    file: format!("{label}/{name}"),
                    line: 0,
                    object: None,
                    message: f(Msg::L_UNREADABLE, &[("name", &name), ("why", &why)]),
                    hint: t(Msg::L_UNREADABLE_HINT).into(),
                }));
                found.sort_by(|a, b| (&a.file, a.line, a.rule).cmp(&(&b.file, b.line, b.rule)));
            }
            findings.extend(found);
        }
    }
    findings.extend(crowded::findings(&crons));
    Ok((folders, findings))
}

/// A folder lint could not list: a finding, so the rest is still reported.
fn unreadable_folder(dir: &Path, e: &std::io::Error) -> Finding {
    let shown = dir.display().to_string();
    Finding {
        rule: "file-unreadable",
        severity: Severity::Error,
        file: shown.clone(),
        line: 0,
        object: None,
        message: f(
            Msg::L_UNREADABLE_FOLDER,
            &[("folder", &shown), ("why", &crate::error::plain_io(e))],
        ),
        hint: t(Msg::L_UNREADABLE_FOLDER_HINT).into(),
    }
}

/// The lint settings of a config file: unknown rule ids in `lint.disable`,
/// `lint.profile` or `lint.resources` values that are no choice, and
/// `lint.external` entries that are not `Kind/name`, are config mistakes.
fn check_settings(l: &Layers, settings: &Settings, file: Option<&Path>) -> Result<(), Error> {
    for k in [
        key::LINT_PROFILE,
        key::LINT_RESOURCES,
        key::LINT_SCHEDULE_CROWDED,
    ] {
        if let Some(value) = l.text(k)
            && let Err(why) = k.field().validate(value)
        {
            return Err(Error::Config(vec![crate::error::ConfigProblem {
                path: file.map(Path::to_path_buf).unwrap_or_default(),
                line: 0,
                column: 0,
                message: format!("`{k}: {value}` {why}"),
                hint: k.field().help.to_string(),
            }]));
        }
    }
    let field = key::LINT_EXTERNAL.field();
    if let Some((entry, why)) = l
        .list(key::LINT_EXTERNAL)
        .iter()
        .find_map(|e| field.validate(e).err().map(|why| (e, why)))
    {
        return Err(Error::Config(vec![crate::error::ConfigProblem {
            path: file.map(Path::to_path_buf).unwrap_or_default(),
            line: 0,
            column: 0,
            message: format!("`lint.external` entry `{entry}` {why}"),
            hint: field.help.to_string(),
        }]));
    }
    check_disabled(settings, file)
}

/// Unknown rule ids in `lint.disable` are a config mistake.
fn check_disabled(settings: &Settings, file: Option<&Path>) -> Result<(), Error> {
    let unknown: Vec<_> = settings
        .disabled
        .iter()
        .filter(|d| catalog::rule_by_id(d).is_none())
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::Config(
        unknown
            .into_iter()
            .map(|d| crate::error::ConfigProblem {
                path: file.map(Path::to_path_buf).unwrap_or_default(),
                line: 0,
                column: 0,
                message: format!("`lint.disable` names an unknown rule `{d}`"),
                hint: "`jobgen lint --rules` lists them".into(),
            })
            .collect(),
    ))
}

/// The text report.
pub fn text(folders: usize, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let place = if f.line > 0 {
            format!("{}:{}", f.file, f.line)
        } else {
            f.file.clone()
        };
        let object = f
            .object
            .as_deref()
            .map(|o| format!(" {o}:"))
            .unwrap_or_default();
        let style = match f.severity {
            Severity::Error => crate::style::ERROR,
            Severity::Warning => crate::style::WARNING,
        };
        let label = crate::style::paint(style, &format!("{}[{}]", f.severity, f.rule));
        out.push_str(&format!("{place}: {label}{object} {}\n", f.message));
        if !f.hint.is_empty() {
            out.push_str(&format!("  {} {}\n", crate::i18n::t(Msg::L_HINT), f.hint));
        }
    }
    let (errors, warnings) = counts(findings);
    let (errors, warnings, folders) = (
        errors.to_string(),
        warnings.to_string(),
        folders.to_string(),
    );
    out.push_str(&crate::i18n::f(
        Msg::L_COUNTS,
        &[
            ("errors", &errors),
            ("warnings", &warnings),
            ("folders", &folders),
        ],
    ));
    out.push('\n');
    out
}

/// The JSON report (stable: see the README).
pub fn json(folders: usize, findings: &[Finding]) -> String {
    let (errors, warnings) = counts(findings);
    let report = serde_json::json!({
        "version": 1,
        "folders": folders,
        "errors": errors,
        "warnings": warnings,
        "findings": findings,
    });
    let mut s = serde_json::to_string_pretty(&report).expect("JSON");
    s.push('\n');
    s
}

/// (errors, warnings).
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

/// The rule table, for `jobgen lint --rules`.
pub fn rules_table() -> String {
    catalog::RULES
        .iter()
        .map(|r| format!("{:<28} {:<8} {}\n", r.id, r.severity.to_string(), r.summary))
        .collect()
}
