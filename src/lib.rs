//! jobgen: scaffold Kubernetes Job folders that follow a team's conventions.
//!
//! argv → `Cli` → layered values (config files, values file, flags) →
//! prompt (only at a terminal) → `Answers` (one validator) → templates
//! (built-in overlaid by the team's) → `Vec<RenderedFile>` (pure) → written
//! folder (all or nothing).

#![warn(clippy::too_many_lines)]

pub mod adopt;
pub mod answers;
pub mod choices;
pub mod cli;
pub mod commands;
pub mod conflict;
pub mod defaults;
pub mod error;
pub mod explain;
pub mod fleet;
pub mod git;
pub mod i18n;
pub mod interrupt;
pub mod ko;
pub mod ko_cron;
pub mod lint;
pub mod paths;
pub mod pool;
pub mod prompt;
pub mod render;
pub mod shell;
pub mod style;
pub mod update;
pub mod walk;
pub mod write;
pub mod yaml;

use crate::answers::fields::key;
use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, Command, TemplatesCommand};
use crate::error::{Error, exit};

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
        Err(e) if e.use_stderr() => {
            let _ = e.print();
            return exit::USAGE;
        }
        // --help and --version: output like any other, so a failure to
        // write it is one too.
        Err(e) => {
            use std::io::Write;
            let printed = e.print().and_then(|()| std::io::stdout().flush());
            return match printed {
                // A reader that went away (`jobgen --help | head`) is no error.
                Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
                    commands::failed(&Error::io("write", "stdout", io))
                }
                _ => exit::OK,
            };
        }
    };
    style::set_quiet(cli.globals.quiet);
    style::set_verbose(cli.globals.verbose);
    i18n::set(i18n::from_locale(|k| std::env::var(k).ok()));
    let result = match cli.command {
        Command::New(args) => commands::new::run(&args),
        Command::Config(args) => commands::config::run(&args),
        Command::Schema { config } => commands::schema(config),
        Command::Templates(TemplatesCommand::Export {
            dir,
            files,
            force,
            lang,
        }) => {
            i18n::speak(lang.as_deref());
            commands::templates::export(&dir, &files, force)
        }
        Command::Templates(TemplatesCommand::List(args)) => commands::templates::list(&args),
        Command::Templates(TemplatesCommand::Context(args)) => commands::templates::context(&args),
        Command::Templates(TemplatesCommand::Versions(args)) => commands::versions::run(&args),
        Command::Ls(args) => {
            ui_from_config(args.config.as_deref());
            i18n::speak(args.lang.as_deref());
            return match commands::ls::run(&args) {
                Ok(code) => code,
                Err(e) => commands::failed(&e),
            };
        }
        Command::Lint(args) => {
            ui_from_config(args.config.as_deref());
            i18n::speak(args.lang.as_deref());
            return commands::lint::run(&args);
        }
        Command::Adopt(args) => {
            ui_from_config(args.answers.config.as_deref());
            commands::adopt::run(&args)
        }
        Command::Update(args) => {
            ui_from_config(args.answers.config.as_deref());
            commands::update::run(&args)
        }
        Command::Check(args) => {
            ui_from_config(args.config.as_deref());
            i18n::speak(args.lang.as_deref());
            return commands::check::run(&args);
        }
        Command::Man { command, dir } => commands::man::run(command.as_deref(), dir.as_deref()),
        Command::Completions { shell } => commands::completions(shell),
    };
    match result {
        Ok(()) => exit::OK,
        Err(Error::Reported(e)) => e.exit_code(),
        // Declining is the user's choice, not an error: said plainly.
        Err(e @ Error::Declined) => {
            anstream::eprintln!("{e}");
            e.exit_code()
        }
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
    i18n::speak(lang.as_deref());
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
