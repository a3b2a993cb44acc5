//! jobgen: scaffold Kubernetes Job folders that follow a team's conventions.
//!
//! argv → `Cli` → layered values (config files, values file, flags) →
//! prompt (only at a terminal) → `Answers` (one validator) → templates
//! (built-in overlaid by the team's) → `Vec<RenderedFile>` (pure) → written
//! folder (all or nothing).

pub mod answers;
pub mod cli;
pub mod config;
pub mod defaults;
pub mod error;
pub mod explain;
pub mod fields;
pub mod layers;
pub mod lint;
pub mod prompt;
pub mod questions;
pub mod record;
pub mod render;
pub mod rules;
pub mod templates;
pub mod validate;
pub mod write;
pub mod yaml;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::answers::Answers;
use crate::cli::{Cli, Command, LintArgs, NewArgs, TemplatesCommand};
use crate::config::Output;
use crate::error::{Error, InvalidAnswer, exit};
use crate::layers::Layers;
use crate::prompt::Prompter;
use crate::render::RenderedFile;

/// Runs jobgen with these arguments (the first is the program name) and
/// returns the process exit code. Errors are printed here, once.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let result = match cli.command {
        Command::New(args) => new(&args),
        Command::Config(args) => show_config(&args),
        Command::Schema => {
            let mut text = serde_json::to_string_pretty(&explain::schema()).expect("JSON");
            text.push('\n');
            print_stdout(text.as_bytes())
        }
        Command::Templates(TemplatesCommand::Export { dir, files, force }) => {
            export(&dir, &files, force)
        }
        Command::Templates(TemplatesCommand::List(args)) => list_templates(&args),
        Command::Templates(TemplatesCommand::Context(args)) => print_context(&args),
        Command::Lint(args) => return lint_command(&args),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "jobgen", &mut script);
            print_stdout(&script)
        }
    };
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// `jobgen new`.
fn new(args: &NewArgs) -> Result<(), Error> {
    let (mut layers, output) = config::from_args(args)?;
    if output.explain {
        return show_config(args);
    }
    let mut terminal =
        (!output.no_input && prompt::interactive_terminal()).then(prompt::Terminal::new);
    if let Some(t) = terminal.as_mut() {
        questions::ask(&mut layers, t)?;
    }
    let (answers, filled) = answers::validate_filled(&layers)?;
    let target = output.dir.join(&answers.name);
    if !output.stdout {
        write::check_target(&target, output.force)?;
    }
    let files = generate(&filled, &answers, &target)?;
    if !output.no_lint {
        lint_rendered(&filled, &answers.name, &files)?;
    }
    if let Some(t) = terminal.as_mut()
        && !output.stdout
        && !output.dry_run
        && !t.confirm(&answers::summary(&answers))?
    {
        return Err(Error::Declined);
    }
    if output.stdout {
        return print_stdout(write::stream(&files).as_bytes());
    }
    if output.dry_run {
        eprint!("{}", report(&answers, &output, &files, "would write"));
        return Ok(());
    }
    write::write_folder(&target, &files, output.force)?;
    eprint!("{}", report(&answers, &output, &files, "wrote"));
    Ok(())
}

/// Renders the folder these layered answers describe, in memory: the
/// checked answers and every file (provenance and recorded answers
/// included), as `new` would write them into `target`. Lints nothing.
pub fn render_folder(given: &Layers, target: &Path) -> Result<(Answers, Vec<RenderedFile>), Error> {
    let (answers, filled) = answers::validate_filled(given)?;
    let files = generate(&filled, &answers, target)?;
    Ok((answers, files))
}

/// `jobgen lint`: exit 0 clean, 1 errors found, 2 usage or unreadable input.
fn lint_command(args: &LintArgs) -> ExitCode {
    if args.rules {
        let _ = print_stdout(lint::rules_table().as_bytes());
        return ExitCode::from(exit::OK);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    match lint::lint_paths(&paths, args.config.as_deref()) {
        Ok((folders, findings)) => {
            let report = if args.format == "json" {
                lint::json(folders, &findings)
            } else {
                lint::text(folders, &findings)
            };
            let _ = print_stdout(report.as_bytes());
            let (errors, _) = lint::counts(&findings);
            ExitCode::from(if errors > 0 { exit::FINDINGS } else { exit::OK })
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(exit::USAGE)
        }
    }
}

/// Lints what `new` rendered, as `jobgen lint` would the written folder:
/// warnings are shown, errors stop the write.
fn lint_rendered(filled: &Layers, name: &str, files: &[RenderedFile]) -> Result<(), Error> {
    let contents: Vec<(String, String)> = files
        .iter()
        .filter(|f| f.is_yaml() || f.name == "README.md")
        .map(|f| (f.name.clone(), f.contents.clone()))
        .collect();
    let findings = lint::lint_files(name, &contents, &lint::Settings::from_layers(filled));
    if findings.is_empty() {
        return Ok(());
    }
    eprint!("{}", lint::text(1, &findings));
    match lint::counts(&findings) {
        (0, _) => Ok(()),
        _ => Err(Error::Lint(findings)),
    }
}

/// Every file of the folder: rendered templates stamped with provenance,
/// and the recorded answers (`filled`: the layers with defaults filled).
fn generate(filled: &Layers, answers: &Answers, target: &Path) -> Result<Vec<RenderedFile>, Error> {
    let team = answers.templates.as_deref().map(Path::new);
    let templates = templates::for_answers(team, &answers.lang, answers.files, answers.monitoring)?;
    let mut files = render::render(&templates, answers)?;
    record::stamp(&mut files, &answers.name);
    files.push(record::answers_file(filled, target));
    Ok(files)
}

/// `jobgen config` and `jobgen new --explain`: the table on stdout, then any
/// invalid answers. A missing NAME is fine here: config shows defaults.
fn show_config(args: &NewArgs) -> Result<(), Error> {
    let (layers, _) = config::from_args(args)?;
    print_stdout(explain::table(&layers).as_bytes())?;
    match answers::validate(&layers) {
        Err(Error::Invalid(list)) => {
            let list: Vec<InvalidAnswer> = list
                .into_iter()
                .filter(|e| !(e.flag == "NAME" && e.value.is_none()))
                .collect();
            if list.is_empty() {
                Ok(())
            } else {
                Err(Error::Invalid(list))
            }
        }
        other => other.map(drop),
    }
}

/// `jobgen templates list`.
fn list_templates(args: &NewArgs) -> Result<(), Error> {
    let (mut layers, _) = config::from_args(args)?;
    answers::fill_defaults(&mut layers);
    let lang = layers.text("lang").unwrap_or("en").to_string();
    let team = layers.text("templates").map(PathBuf::from);
    let mut out = String::new();
    for l in templates::list(team.as_deref(), &lang)? {
        let state = if l.on { "" } else { "  (switched off)" };
        out.push_str(&format!("{:<22} {}{state}\n", l.output, l.origin));
    }
    print_stdout(out.as_bytes())
}

/// `jobgen templates context`.
fn print_context(args: &NewArgs) -> Result<(), Error> {
    let (layers, _) = config::from_args(args)?;
    let answers = answers::validate(&layers)?;
    let mut text = serde_json::to_string_pretty(&render::context(&answers)).expect("JSON");
    text.push('\n');
    print_stdout(text.as_bytes())
}

/// `jobgen templates export`: all or nothing, never overwriting without --force.
fn export(dir: &Path, wanted: &[String], force: bool) -> Result<(), Error> {
    let all: Vec<(&str, &str)> = templates::builtins().collect();
    let mut chosen: Vec<(&str, &str)> = Vec::new();
    let mut unknown = Vec::new();
    for w in wanted {
        let file = if w.ends_with(".tera") {
            w.clone()
        } else {
            format!("{w}.tera")
        };
        match all.iter().find(|(n, _)| *n == file) {
            Some(t) => chosen.push(*t),
            None => unknown.push(InvalidAnswer {
                flag: "FILE".into(),
                value: Some(w.clone()),
                why: format!(
                    "is not a built-in template; choose from {}",
                    all.iter().map(|t| t.0).collect::<Vec<_>>().join(", ")
                ),
            }),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::Invalid(unknown));
    }
    if wanted.is_empty() {
        chosen = all;
        chosen.push(("README.md", templates::CONTEXT_DOC));
    }
    if !force && let Some((name, _)) = chosen.iter().find(|(n, _)| dir.join(n).exists()) {
        return Err(Error::FileExists(dir.join(name)));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    for (name, source) in &chosen {
        let path = dir.join(name);
        std::fs::write(&path, source).map_err(|e| Error::io("write", &path, e))?;
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "next: edit them, delete the ones you keep as built, and pass --templates {} (or set `templates:` in .jobgen.yaml)",
        dir.display()
    );
    Ok(())
}

/// Writes machine output to stdout. A reader that stops early (`| head`)
/// is not an error.
fn print_stdout(bytes: &[u8]) -> Result<(), Error> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("write", "stdout", e))
        }
        _ => Ok(()),
    }
}

/// What was (or would be) written, and the commands to run next.
fn report(a: &Answers, output: &Output, files: &[RenderedFile], verb: &str) -> String {
    let folder = output.dir.join(&a.name);
    let shown = folder
        .strip_prefix(".")
        .unwrap_or(&folder)
        .display()
        .to_string();
    let mut s = format!("{verb} {shown}/\n");
    for f in files {
        match output.dry_run {
            true => s.push_str(&format!("  {} ({} bytes)\n", f.name, f.contents.len())),
            false => s.push_str(&format!("  {}\n", f.name)),
        }
    }
    let kind = if a.pattern() == defaults::Pattern::Cron {
        "cronjob"
    } else {
        "job"
    };
    s.push_str(&format!(
        "next:\n  kubectl apply -f {shown}/\n  kubectl get {kind} {} -n {} -w\n  kubectl logs -n {} -f job/{}\n",
        a.name, a.namespace, a.namespace, a.name
    ));
    s
}
