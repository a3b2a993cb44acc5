//! Where clap types stop: `NewArgs` becomes layered values (config files,
//! values file, flags) and output options. Layers: built-in < user config <
//! team config < --config < --values < flags (< prompt, in `questions`).

use crate::answers::fields::key;
use std::path::{Path, PathBuf};

use crate::answers::layers::{self, FileLayer, Layers, Source, Value};
use crate::cli::{AnswerArgs, NewArgs};
use crate::error::Error;
use crate::render::repo::{self, Repo};
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
    /// `--offline` or `JOBGEN_OFFLINE`: a templates repository from the
    /// cache alone.
    pub offline: bool,
}

impl Inputs {
    /// The answer flags (and NAME) as given.
    pub fn from_args(a: &AnswerArgs, name: Option<&String>) -> Inputs {
        Inputs {
            flags: flags(a, name),
            config: a.config.clone(),
            values: a.values.clone(),
            offline: a.offline || repo::offline_env(),
        }
    }

    /// Only `--config`: no answers changed (a plain update, a check).
    pub fn config_only(&self) -> Inputs {
        Inputs {
            config: self.config.clone(),
            offline: self.offline,
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
    resolve_repo(&mut merged, inputs.offline)?;
    if let Some(dir) = merged.templates_dir() {
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

/// Resolves a templates repository (`templates: {git: …}` or
/// `--templates git+URL`, at `--templates-ref` when given) to a commit
/// and its folder in the cache, fetching it when the cache lacks it.
fn resolve_repo(merged: &mut Layers, offline: bool) -> Result<(), Error> {
    let text = merged.text(key::TEMPLATES).map(str::to_string);
    let asked = merged.text(key::TEMPLATES_REF).map(str::to_string);
    let refuse = |k, value: String, why: String| {
        Error::Invalid(vec![crate::error::InvalidAnswer {
            flag: crate::answers::check::place(k, merged.source(k)),
            value: Some(value),
            why,
        }])
    };
    let Some(mut repo) = text.as_deref().and_then(Repo::parse) else {
        return match asked {
            Some(r) => Err(refuse(
                key::TEMPLATES_REF,
                r,
                "needs templates from a repository (`templates: {git: URL}` in config, or --templates git+URL)".into(),
            )),
            None => Ok(()),
        };
    };
    let blame = match &asked {
        Some(r) => (key::TEMPLATES_REF, r.clone()),
        None => (key::TEMPLATES, repo.spelt()),
    };
    if asked.is_some() {
        repo.reference = asked;
    }
    // A local path on the command line is relative to where jobgen runs;
    // recorded, it must name the same repository from anywhere.
    if !repo.url.contains(':') && std::path::Path::new(&repo.url).is_relative() {
        let path = PathBuf::from(&repo.url);
        repo.url = crate::paths::resolve(&path)
            .unwrap_or(path)
            .display()
            .to_string();
    }
    let resolved =
        repo::resolve(&repo, offline).map_err(|why| refuse(blame.0, blame.1.clone(), why))?;
    if let Some(note) = &resolved.note
        && !crate::style::quiet()
    {
        anstream::eprintln!("{} {note}", crate::style::warning_label());
    }
    // What the folder records: the source and ref asked for, and the commit.
    let source = merged
        .source(key::TEMPLATES)
        .cloned()
        .unwrap_or(Source::BuiltIn);
    merged.set_text(key::TEMPLATES, repo.spelt(), source);
    let from = Source::Derived(format!("templates {}", resolved.version()));
    merged.set_text(key::TEMPLATES_COMMIT, resolved.commit.clone(), from);
    merged.set_repo(resolved);
    Ok(())
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

/// The flags as a layer: the field table's flags (`answers::flags`), NAME,
/// the command after `--` and the team's `-d` answers.
fn flags(a: &AnswerArgs, name: Option<&String>) -> Layers {
    let mut l = a.fields.0.clone();
    if let Some(name) = name {
        l.set_text(key::NAME, name.clone(), Source::Flag);
    }
    if !a.command.is_empty() {
        l.set(key::COMMAND, Value::List(a.command.clone()), Source::Flag);
    }
    crate::answers::team::defines(&a.define, &mut l);
    l
}
