//! jobgen: scaffold Kubernetes Job folders that follow a team's conventions.
//!
//! argv → `Cli` → layered values (config files, values file, flags) →
//! prompt (only at a terminal) → `Answers` (one validator) → templates
//! (built-in overlaid by the team's) → `Vec<RenderedFile>` (pure) → written
//! folder (all or nothing).

#![warn(clippy::too_many_lines)]

pub mod adopt;
pub mod answers;
pub mod checking;
pub mod choices;
pub mod cli;
pub mod conflict;
pub mod defaults;
pub mod error;
pub mod explain;
pub mod i18n;
pub mod interrupt;
pub mod ko;
pub mod lint;
pub mod paths;
pub mod pool;
pub mod prompt;
pub mod render;
pub mod shell;
pub mod style;
pub mod update;
pub mod updating;
pub mod write;
pub mod yaml;

use crate::answers::fields::key;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::answers::layers::Layers;
use crate::answers::sources::{self as config, Output};
use crate::answers::{Answers, questions};
use crate::cli::{AdoptArgs, CheckArgs, Cli, Command, LintArgs, NewArgs, TemplatesCommand};
use crate::error::{Error, InvalidAnswer, exit};
use crate::prompt::Prompter;
use crate::render::{RenderedFile, record, templates};

/// Runs jobgen with these arguments (the first is the program name) and
/// returns the process exit code. Errors are printed here, once.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    ExitCode::from(run_code(args))
}

fn run_code<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match parse(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
        }
    };
    style::set_quiet(cli.globals.quiet);
    style::set_verbose(cli.globals.verbose);
    i18n::set(i18n::from_locale(|k| std::env::var(k).ok()));
    let result = match cli.command {
        Command::New(args) => new(&args),
        Command::Config(args) => show_config(&args),
        Command::Schema => {
            let mut text = serde_json::to_string_pretty(&explain::schema()).expect("JSON");
            text.push('\n');
            style::print_stdout(text.as_bytes())
        }
        Command::Templates(TemplatesCommand::Export { dir, files, force }) => {
            export(&dir, &files, force)
        }
        Command::Templates(TemplatesCommand::List(args)) => list_templates(&args),
        Command::Templates(TemplatesCommand::Context(args)) => print_context(&args),
        Command::Lint(args) => {
            ui_from_config(args.config.as_deref());
            return lint_command(&args);
        }
        Command::Adopt(args) => {
            ui_from_config(args.answers.config.as_deref());
            adopt_command(&args)
        }
        Command::Update(args) => {
            ui_from_config(args.answers.config.as_deref());
            updating::run(&args, update_folders(&args.dirs))
        }
        Command::Check(args) => {
            ui_from_config(args.config.as_deref());
            return check_command(&args);
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| Error::io("write", "stdout", e))
                .and_then(|()| style::print_stdout(&page))
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "jobgen", &mut script);
            style::print_stdout(&script)
        }
    };
    match result {
        Ok(()) => exit::OK,
        Err(Error::Reported(e)) => e.exit_code(),
        Err(e) => {
            anstream::eprintln!("{} {e}", style::error_label());
            e.exit_code()
        }
    }
}

/// `lang:` in the user config, the team config of the current folder or
/// `--config` speaks for the interface of commands that work on many
/// folders (lint, check, update, adopt), over the locale. A config that
/// does not load is left to the command to report.
fn ui_from_config(config: Option<&Path>) {
    use crate::answers::layers::{self, FileLayer};
    let mut files = Vec::new();
    if let Some(p) = layers::user_config() {
        files.push((p, FileLayer::User));
    }
    if let Some(p) = layers::team_config(Path::new(".")) {
        files.push((p, FileLayer::Team));
    }
    if let Some(p) = config {
        files.push((p.to_path_buf(), FileLayer::Config));
    }
    let mut lang = None;
    for (path, layer) in files {
        if let Ok(l) = layers::load(&path, layer)
            && let Some(value) = l.text(key::LANG)
        {
            lang = Some(value.to_string());
        }
    }
    match lang.as_deref() {
        Some("ko") => i18n::set(i18n::Ui::Ko),
        Some(_) => i18n::set(i18n::Ui::En),
        None => {}
    }
}

/// Parses the command line. Installed as `kubectl-jobgen`, jobgen is a
/// kubectl plugin (`kubectl jobgen lint`), and its help says so.
fn parse(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let plugin = args
        .first()
        .and_then(|a| Path::new(a).file_stem())
        .is_some_and(|n| n == "kubectl-jobgen");
    let mut command = Cli::command();
    if plugin {
        command = command.bin_name("kubectl jobgen");
    }
    command
        .try_get_matches_from(args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m))
}

/// `jobgen new`.
fn new(args: &NewArgs) -> Result<(), Error> {
    let (mut layers, output) = config::from_args(args)?;
    if output.explain {
        return show_config(args);
    }
    // `--lang` or `lang:` in a config layer speaks for the interface too.
    match layers.text(key::LANG) {
        Some("ko") => i18n::set(i18n::Ui::Ko),
        Some(_) => i18n::set(i18n::Ui::En),
        None => {}
    }
    let mut terminal =
        (!output.no_input && prompt::interactive_terminal()).then(prompt::Terminal::new);
    if let Some(t) = terminal.as_mut() {
        interrupt::install();
        questions::ask(&mut layers, t)?;
    }
    let (answers, filled) = answers::validate_filled(&layers)?;
    if style::verbose() {
        anstream::eprint!("{}", explain::table(&filled));
    }
    let target = match output.stdout {
        true => write::Target {
            shown: output.dir.join(&answers.name),
            real: paths::resolve(&output.dir)?.join(&answers.name),
        },
        false => write::target(&output.dir, &answers.name, output.force)?,
    };
    let files = match output.stdout {
        true => render::streamed(&answers)?,
        false => render::generate(&filled, &answers, &target.real)?,
    };
    if !output.no_lint {
        lint_rendered(&filled, &answers.name, &files, output.stdout)?;
    }
    if let Some(t) = terminal.as_mut()
        && !output.stdout
        && !output.dry_run
        && !t.confirm(&answers::summary(
            &answers,
            &target.shown.display().to_string(),
            &files
                .iter()
                .filter(|f| f.name != record::ANSWERS_FILE && f.name != record::BASE_FILE)
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>(),
        ))?
    {
        return Err(Error::Declined);
    }
    if output.stdout {
        return style::print_stdout(write::stream(&files).as_bytes());
    }
    // Without --force the name is only ever claimed, never replaced, even
    // if another run created it since the check above.
    let replacing = output.force && std::fs::symlink_metadata(&target.real).is_ok();
    let _lock = match replacing && !output.dry_run {
        true => Some(write::lock_beside(&target.real)?),
        false => None,
    };
    let stale = match replacing {
        true => write::stale_generated(&target.real, &files),
        false => write::Replaced::default(),
    };
    if output.dry_run {
        say!(
            "{}",
            report(&answers, &output, &files, &stale, "r.would_write")
        );
        return Ok(());
    }
    let inside = replacing && write::inside(&target.real);
    let written = match replacing {
        true => write::replace(&target.real, &files, &stale.removed),
        false => write::create(&target.real, &files),
    };
    match written {
        Err(Error::TargetExists(_)) => return Err(Error::TargetExists(target.shown)),
        other => other?,
    }
    say!("{}", report(&answers, &output, &files, &stale, "r.wrote"));
    if inside {
        say!("{}", write::inside_note(&target.shown));
    }
    Ok(())
}

/// `jobgen lint`: exit 0 clean, 1 errors found, 2 usage or unreadable input.
fn lint_command(args: &LintArgs) -> u8 {
    if args.rules {
        let _ = style::print_stdout(lint::rules_table().as_bytes());
        return exit::OK;
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let profile = args
        .profile
        .as_deref()
        .and_then(choices::LintProfile::parse);
    match lint::lint_paths(&paths, args.config.as_deref(), profile) {
        Ok((folders, findings)) => {
            let report = match args.format {
                cli::LintFormat::Json => lint::json(folders, &findings),
                cli::LintFormat::Sarif => lint::sarif::sarif(&findings),
                cli::LintFormat::Text => lint::text(folders, &findings),
            };
            let _ = style::print_stdout(report.as_bytes());
            if style::verbose() && args.format == cli::LintFormat::Text {
                verbose_folders(&paths, &findings);
            }
            let (errors, _) = lint::counts(&findings);
            if errors > 0 { exit::FINDINGS } else { exit::OK }
        }
        Err(e) => {
            anstream::eprintln!("{} {e}", style::error_label());
            exit::USAGE
        }
    }
}

/// `lint -v`: every folder checked, with its number of findings.
fn verbose_folders(paths: &[PathBuf], findings: &[lint::Finding]) {
    for dir in paths
        .iter()
        .flat_map(|p| lint::job_folders(p).unwrap_or_default())
    {
        let shown = dir.display().to_string();
        let n = findings
            .iter()
            .filter(|f| f.file.starts_with(&format!("{shown}/")))
            .count();
        anstream::eprintln!(
            "{}",
            i18n::f("l.checked", &[("folder", &shown), ("n", &n.to_string())])
        );
    }
}

/// The folders `update` and `check` work on (the current folder when none
/// is named), each found or an error in its place.
fn update_folders(dirs: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, Error)>> {
    let dirs = if dirs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        dirs.to_vec()
    };
    update::folders(&dirs)
}

/// `jobgen adopt`: every folder on its own, on all cores; the first
/// error's exit code, after every folder was tried.
fn adopt_command(args: &AdoptArgs) -> Result<(), Error> {
    let paths = match args.paths.is_empty() {
        true => vec![PathBuf::from(".")],
        false => args.paths.clone(),
    };
    let inputs = config::Inputs::from_args(&args.answers, None);
    let mut found = Vec::new();
    for path in &paths {
        match path.is_file() {
            true => {
                found.push(adopt::single_file(path, args.dry_run).map_err(|e| (path.clone(), e)))
            }
            false => found.extend(adopt::candidates(std::slice::from_ref(path))),
        }
    }
    let results = adopt::run_all(found, &inputs, args.dry_run);
    let mut first_error = None;
    if args.format == cli::Format::Json {
        style::print_stdout(adopt::report_json(&results).as_bytes())?;
    }
    for (dir, result) in results {
        match result {
            Ok(a) if args.format == cli::Format::Text => {
                let verb = if args.dry_run {
                    "a.would_adopt"
                } else {
                    "a.adopted"
                };
                if args.dry_run {
                    let mut answers = serde_json::to_string_pretty(&a.values).expect("JSON");
                    answers.push('\n');
                    style::print_stdout(format!("# {}\n{answers}", dir.display()).as_bytes())?;
                }
                say!("{}", adopt::report_text(&a, verb));
            }
            Ok(_) => {}
            Err(e) => {
                if args.format == cli::Format::Text {
                    let message = e.to_string();
                    match message.starts_with(&dir.display().to_string()) {
                        true => anstream::eprintln!("{} {message}", style::error_label()),
                        false => {
                            anstream::eprintln!(
                                "{} {}: {message}",
                                style::error_label(),
                                dir.display()
                            )
                        }
                    }
                }
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) => Err(Error::Reported(Box::new(e))),
        None => Ok(()),
    }
}

/// `jobgen check`: exit 0 all current, 1 an update would change something, 2 error.
fn check_command(args: &CheckArgs) -> u8 {
    let found = update_folders(&args.dirs);
    let flags = config::Inputs {
        config: args.config.clone(),
        ..config::Inputs::default()
    };
    let json = args.format == cli::Format::Json;
    let mut stdout = |s: &str| {
        let _ = style::print_stdout(s.as_bytes());
    };
    let totals = checking::run(found, &flags, json, &mut stdout);
    if totals.errors > 0 {
        exit::USAGE
    } else if totals.outdated > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// Lints what `new` rendered, as `jobgen lint` would the written folder:
/// warnings are shown, errors stop the write.
fn lint_rendered(
    filled: &Layers,
    name: &str,
    files: &[RenderedFile],
    streamed: bool,
) -> Result<(), Error> {
    let mut contents: Vec<(String, String)> = files
        .iter()
        .filter(|f| f.is_yaml() || f.name == "README.md")
        .map(|f| (f.name.clone(), f.contents.clone()))
        .collect();
    // `--stdout` renders no README (the stream is YAML alone); the folder
    // those objects belong in has one, and lint reads only that it is there.
    if streamed {
        contents.push(("README.md".into(), String::new()));
    }
    let findings = lint::lint_files(name, &contents, &lint::Settings::from_layers(filled));
    if findings.is_empty() {
        return Ok(());
    }
    if !style::quiet() || lint::counts(&findings).0 > 0 {
        anstream::eprint!("{}", lint::text(1, &findings));
    }
    match lint::counts(&findings) {
        (0, _) => Ok(()),
        (errors, _) => Err(Error::Lint { errors }),
    }
}

/// `jobgen config` and `jobgen new --explain`: the table on stdout, then any
/// invalid answers. A missing NAME is fine here: config shows defaults.
fn show_config(args: &NewArgs) -> Result<(), Error> {
    let (layers, _) = config::from_args(args)?;
    style::print_stdout(explain::table(&layers).as_bytes())?;
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
    let lang = layers.text(key::LANG).unwrap_or("en").to_string();
    let team = layers.text(key::TEMPLATES).map(PathBuf::from);
    let mut out = String::new();
    for l in templates::list(team.as_deref(), &lang)? {
        let state = if l.on { "" } else { "  (switched off)" };
        out.push_str(&format!("{:<22} {}{state}\n", l.output, l.origin));
    }
    style::print_stdout(out.as_bytes())
}

/// `jobgen templates context`.
fn print_context(args: &NewArgs) -> Result<(), Error> {
    let (layers, _) = config::from_args(args)?;
    let answers = answers::validate(&layers)?;
    let mut text = serde_json::to_string_pretty(&render::context(&answers)).expect("JSON");
    text.push('\n');
    style::print_stdout(text.as_bytes())
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
        sayln!(
            "{}",
            i18n::f("t.wrote", &[("path", &path.display().to_string())])
        );
    }
    sayln!(
        "next: edit them, delete the ones you keep as built, and pass --templates {} (or set `templates:` in .jobgen.yaml)",
        dir.display()
    );
    Ok(())
}

/// `kubectl apply` in dependency order: the ServiceAccount, ConfigMap,
/// ExternalSecret, NetworkPolicy (and any other YAML of the folder) first,
/// then the job and its alerts, so the first pod finds what it needs.
fn apply_commands(shown: &str, files: &[RenderedFile]) -> Vec<String> {
    use crate::render::output::{OUTPUTS, Stage, builtin};
    let present = |n: &&str| files.iter().any(|f| f.name == *n);
    let stage = |s: Stage| OUTPUTS.iter().filter(move |o| o.stage == s).map(|o| o.file);
    let mut deps: Vec<&str> = stage(Stage::Dependency).filter(present).collect();
    // A team's own YAML outputs count as dependencies.
    deps.extend(
        files
            .iter()
            .filter(|f| f.is_yaml() && builtin(&f.name).is_none())
            .map(|f| f.name.as_str()),
    );
    let last: Vec<&str> = stage(Stage::Job).filter(present).collect();
    let command = |names: &[&str]| {
        let args: Vec<String> = names.iter().map(|n| format!("-f {shown}/{n}")).collect();
        format!("kubectl apply {}", args.join(" "))
    };
    [deps, last]
        .iter()
        .filter(|names| !names.is_empty())
        .map(|names| command(names))
        .collect()
}

/// What was (or would be) written, and the commands to run next.
fn report(
    a: &Answers,
    output: &Output,
    files: &[RenderedFile],
    stale: &write::Replaced,
    verb: &str,
) -> String {
    let folder = output.dir.join(&a.name);
    let shown = folder
        .strip_prefix(".")
        .unwrap_or(&folder)
        .display()
        .to_string();
    // A report is under a kilobyte: one allocation, not four growths.
    let mut s = String::with_capacity(1024);
    s.push_str(&i18n::f(verb, &[("folder", &shown)]));
    s.push('\n');
    for f in files {
        match output.dry_run {
            true => s.push_str(&format!("  {} ({} bytes)\n", f.name, f.contents.len())),
            false => s.push_str(&format!("  {}\n", f.name)),
        }
    }
    let removed = match output.dry_run {
        true => "u.would_remove",
        false => "u.removed",
    };
    for name in &stale.removed {
        s.push_str(&i18n::f(removed, &[("folder", &shown), ("name", name)]));
        s.push('\n');
    }
    for name in &stale.kept {
        s.push_str(&i18n::f("u.kept", &[("folder", &shown), ("name", name)]));
        s.push('\n');
    }
    s.push_str(&format!("{}\n", i18n::t("r.next")));
    for line in apply_commands(&shown, files) {
        s.push_str(&format!("  {line}\n"));
    }
    let (name, ns) = (&a.name, &a.namespace);
    if a.pattern() == defaults::Pattern::Cron {
        s.push_str(&format!(
            "  kubectl get cronjob {name} -n {ns}\n  kubectl create job {name}-manual-$(date +%s) --from=cronjob/{name} -n {ns}   {}\n  kubectl get jobs -n {ns} -l app.kubernetes.io/instance={name}\n",
            i18n::t("r.run_once")
        ));
    } else {
        s.push_str(&format!(
            "  kubectl get job {name} -n {ns} -w\n  kubectl logs -n {ns} -f job/{name}\n"
        ));
    }
    s
}
