//! jobgen: scaffold Kubernetes Job folders that follow a team's conventions.
//!
//! argv → `Cli` → `RawAnswers` + `Output` → `Answers` (prompting only here)
//! → templates → `Vec<RenderedFile>` (pure) → written folder (all or nothing).

pub mod answers;
pub mod cli;
pub mod config;
pub mod defaults;
pub mod error;
pub mod prompt;
pub mod render;
pub mod templates;
pub mod validate;
pub mod write;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::answers::Answers;
use crate::cli::{Cli, Command, NewArgs};
use crate::config::Output;
use crate::error::{Error, exit};
use crate::prompt::Prompter;

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
        Command::New(args) => new(*args),
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
fn new(args: NewArgs) -> Result<(), Error> {
    let (mut raw, output) = config::from_args(args);
    let mut terminal =
        (!output.no_input && prompt::interactive_terminal()).then(prompt::Terminal::new);
    if let Some(t) = terminal.as_mut() {
        answers::ask(&mut raw, t)?;
    }
    let answers = answers::validate(&raw)?;
    let target = output.dir.join(&answers.name);
    if !output.stdout {
        write::check_target(&target, output.force)?;
    }
    let files = render::render(&templates::for_files(answers.files), &answers)?;
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
fn report(a: &Answers, output: &Output, files: &[render::RenderedFile], verb: &str) -> String {
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
