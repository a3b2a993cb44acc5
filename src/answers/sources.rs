//! Where clap types stop: `NewArgs` becomes layered values (config files,
//! values file, flags) and output options. Layers: built-in < user config <
//! team config < --config < --values < flags (< prompt, in `questions`).

use crate::answers::fields::{Key, key};
use std::path::{Path, PathBuf};

use crate::answers::layers::{self, Entry, FileLayer, Layers, Source, Value};
use crate::cli::{AnswerArgs, NewArgs};
use crate::error::Error;
use crate::render::templates;

/// How and where to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Folder the job folder is created in.
    pub dir: PathBuf,
    /// Replace an existing job folder's generated files.
    pub force: bool,
    /// With `force`: even generated files edited by hand.
    pub discard_edits: bool,
    /// Say what would be written, write nothing.
    pub dry_run: bool,
    /// Print the YAML stream, write nothing.
    pub stdout: bool,
    /// Never prompt.
    pub no_input: bool,
    /// Show every answer and where it came from, write nothing.
    pub explain: bool,
    /// Skip linting the rendered folder.
    pub no_lint: bool,
}

/// What the command line says about answers, without clap's types: the
/// flags as a layer, and the `--config` and `--values` files.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Every answer flag given.
    pub flags: Layers,
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--values FILE`.
    pub values: Option<PathBuf>,
}

impl Inputs {
    /// The answer flags (and NAME) as given.
    pub fn from_args(a: &AnswerArgs, name: Option<&String>) -> Inputs {
        Inputs {
            flags: flags(a, name),
            config: a.config.clone(),
            values: a.values.clone(),
        }
    }

    /// Only `--config`: no answers changed (a plain update, a check).
    pub fn config_only(&self) -> Inputs {
        Inputs {
            config: self.config.clone(),
            ..Inputs::default()
        }
    }
}

/// The config files that apply, lowest first, with their layer: user
/// config, team config (found from `dir`, the folder job folders are made
/// in), `--config`, the answers `recorded` in a job folder, `--values`.
pub fn config_files(
    inputs: &Inputs,
    dir: &Path,
    recorded: Option<&Path>,
) -> Vec<(PathBuf, FileLayer)> {
    let mut files = Vec::new();
    if let Some(p) = layers::user_config() {
        files.push((p, FileLayer::User));
    }
    if let Some(p) = layers::team_config(dir) {
        files.push((p, FileLayer::Team));
    }
    if let Some(p) = &inputs.config {
        files.push((p.clone(), FileLayer::Config));
    }
    if let Some(p) = recorded {
        files.push((p.to_path_buf(), FileLayer::Values));
    }
    if let Some(p) = &inputs.values {
        files.push((p.clone(), FileLayer::Values));
    }
    files
}

/// Every layer below the prompt, merged: config files (see
/// [`config_files`]) under the flags, and `.off` templates.
pub fn layers(inputs: &Inputs, dir: &Path, recorded: Option<&Path>) -> Result<Layers, Error> {
    let mut merged = Layers::default();
    let mut problems = Vec::new();
    for (path, layer) in config_files(inputs, dir, recorded) {
        match layers::load(&path, layer) {
            // Recorded defaults are worked out again from today's answers,
            // config and conventions.
            Ok(mut l) if Some(path.as_path()) == recorded => {
                l.drop_derived();
                // Config files come first: the questions are known here.
                l.retire_undeclared(&merged);
                merged.merge(l)
            }
            Ok(l) => merged.merge(l),
            Err(Error::Config(p)) => problems.extend(p),
            // A file named on the command line: say which flag named it.
            Err(Error::Io { source, .. })
                if Some(&path) == inputs.values.as_ref()
                    || Some(&path) == inputs.config.as_ref() =>
            {
                let flag = match Some(&path) == inputs.values.as_ref() {
                    true => "--values",
                    false => "--config",
                };
                return Err(Error::Invalid(vec![crate::error::InvalidAnswer {
                    flag: flag.into(),
                    value: Some(path.display().to_string()),
                    why: format!("cannot be read: {source}"),
                }]));
            }
            Err(e) => return Err(e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Config(problems));
    }
    merged.merge(inputs.flags.clone());
    if let Some(dir) = merged.text(key::TEMPLATES).map(PathBuf::from) {
        if !dir.is_dir() {
            let why = match dir.exists() {
                true => {
                    "is a file; it must be the folder of team templates (`jobgen templates export DIR`)"
                }
                false => "does not exist; make it with `jobgen templates export DIR`",
            };
            return Err(Error::Invalid(vec![crate::error::InvalidAnswer {
                flag: crate::answers::check::place(key::TEMPLATES, merged.source(key::TEMPLATES)),
                value: Some(dir.display().to_string()),
                why: why.into(),
            }]));
        }
        for (key, off) in templates::switched_off(&dir)? {
            if !merged.answered(key) {
                merged.set_text(key, "false", Source::Derived(off.display().to_string()));
            }
        }
    }
    Ok(merged)
}

/// Every layer below the prompt, merged, and the output options.
pub fn from_args(args: &NewArgs) -> Result<(Layers, Output), Error> {
    let inputs = Inputs::from_args(&args.answers, args.name.as_ref());
    let mut merged = layers(&inputs, &args.output_dir, None)?;
    // The README's language: `lang` (flag, config, values), else the
    // interface's locale, so a Korean team gets Korean READMEs unasked.
    // Recorded with the folder, so a run in another locale (CI) keeps it.
    if merged.get(key::LANG).is_none() && crate::i18n::ui() == crate::i18n::Ui::Ko {
        merged.set(key::LANG, Value::Text("ko".into()), Source::Locale);
    }
    let output = Output {
        dir: args.output_dir.clone(),
        force: args.force,
        discard_edits: args.discard_edits,
        dry_run: args.dry_run,
        stdout: args.stdout,
        no_input: args.no_input,
        explain: args.explain,
        no_lint: args.no_lint,
    };
    Ok((merged, output))
}

/// The flags as a layer.
fn flags(a: &AnswerArgs, name: Option<&String>) -> Layers {
    let mut l = Layers::default();
    let texts: [(Key, &Option<String>); 45] = [
        (key::GITOPS, &a.gitops),
        (key::TARGET_LABEL, &a.target_label),
        (key::PROVIDER, &a.provider),
        (key::AZURE_CLIENT_ID, &a.azure_client_id),
        (key::GCP_PROJECT, &a.gcp_project),
        (key::AWS_REGION, &a.aws_region),
        (key::AZURE_VAULT_URL, &a.azure_vault_url),
        (key::ALERT_AFTER, &a.alert_after),
        (key::TEAM, &a.team),
        (key::TIME_ZONE, &a.time_zone),
        (key::CONCURRENCY_POLICY, &a.concurrency_policy),
        (key::STARTING_DEADLINE, &a.starting_deadline),
        (key::SUCCESSFUL_JOBS_HISTORY, &a.successful_jobs_history),
        (key::FAILED_JOBS_HISTORY, &a.failed_jobs_history),
        (key::BACKOFF_LIMIT_PER_INDEX, &a.backoff_limit_per_index),
        (key::MAX_FAILED_INDEXES, &a.max_failed_indexes),
        (key::QUEUE, &a.queue),
        (key::KUBE_VERSION, &a.kube_version),
        (key::NAME, &name.cloned()),
        (key::PURPOSE, &a.purpose),
        (key::TARGET, &a.target),
        (key::ENV, &a.env),
        (key::PATTERN, &a.pattern),
        (key::NAMESPACE, &a.namespace),
        (key::IMAGE, &a.image),
        (key::DESCRIPTION, &a.description),
        (key::SCHEDULE, &a.schedule),
        (key::PARALLELISM, &a.parallelism),
        (key::COMPLETIONS, &a.completions),
        (key::TTL, &a.ttl),
        (key::BACKOFF_LIMIT, &a.backoff_limit),
        (key::RESTART_POLICY, &a.restart_policy),
        (key::ACTIVE_DEADLINE, &a.active_deadline),
        (key::SIZE, &a.size),
        (key::CPU_REQUEST, &a.cpu_request),
        (key::CPU_LIMIT, &a.cpu_limit),
        (key::MEMORY_REQUEST, &a.memory_request),
        (key::MEMORY_LIMIT, &a.memory_limit),
        (key::RUN_AS_USER, &a.run_as_user),
        (key::SECRET_STORE, &a.secret_store),
        (key::SECRET_STORE_KIND, &a.secret_store_kind),
        (key::GCP_SERVICE_ACCOUNT, &a.gcp_service_account),
        (key::AWS_ROLE_ARN, &a.aws_role_arn),
        (key::TEMPLATES, &a.templates),
        (key::LANG, &a.lang),
    ];
    for (key, value) in texts {
        if let Some(v) = value {
            l.set_text(key, v.clone(), Source::Flag);
        }
    }
    list_and_switch_flags(a, &mut l);
    crate::answers::team::defines(&a.define, &mut l);
    l
}

/// The flags that are lists, maps and switches, into the layer.
fn list_and_switch_flags(a: &AnswerArgs, l: &mut Layers) {
    if !a.fail_on_exit_code.is_empty() {
        l.set(
            key::FAIL_ON_EXIT_CODE,
            Value::List(a.fail_on_exit_code.clone()),
            Source::Flag,
        );
    }
    if !a.rbac.is_empty() {
        l.set(key::RBAC, Value::List(a.rbac.clone()), Source::Flag);
    }
    if a.create_secret_store {
        l.set_text(key::CREATE_SECRET_STORE, "true", Source::Flag);
    }
    if a.monitoring {
        l.set_text(key::MONITORING, "true", Source::Flag);
    }
    if a.suspend {
        l.set_text(key::SUSPEND, "true", Source::Flag);
    }
    if !a.egress.is_empty() {
        l.set(key::EGRESS, Value::List(a.egress.clone()), Source::Flag);
    }
    if !a.command.is_empty() {
        l.set(key::COMMAND, Value::List(a.command.clone()), Source::Flag);
    }
    for (key, items) in [(key::ENV_VARS, &a.env_vars), (key::SECRETS, &a.secrets)] {
        if !items.is_empty() {
            let entries = items
                .iter()
                .map(|i| match i.split_once('=') {
                    Some((k, v)) => Entry {
                        key: k.to_string(),
                        value: Some(v.to_string()),
                        source: Source::Flag,
                    },
                    None => Entry {
                        key: i.clone(),
                        value: None,
                        source: Source::Flag,
                    },
                })
                .collect();
            l.set(key, Value::Map(entries), Source::Flag);
        }
    }
    // `--no-X` leaves a file out, `--X` asks for it again (the last wins).
    for (key, off, on) in [
        (key::FILES_README, false, a.readme),
        (
            key::FILES_SERVICE_ACCOUNT,
            a.no_service_account,
            a.service_account,
        ),
        (
            key::FILES_EXTERNAL_SECRET,
            a.no_external_secret,
            a.external_secret,
        ),
        (key::FILES_CONFIGMAP, a.no_configmap, a.configmap),
        (
            key::FILES_NETWORK_POLICY,
            a.no_network_policy,
            a.network_policy,
        ),
    ] {
        match (off, on) {
            (true, _) => l.set_text(key, "false", Source::Flag),
            (_, true) => l.set_text(key, "true", Source::Flag),
            _ => {}
        }
    }
}
