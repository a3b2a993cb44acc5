//! `jobgen update` over many folders: each folder planned, merged and
//! written on its own, on every core (sibling folders share the process's
//! lock of their parent, see `write::lock`), and what each prints held
//! until every folder before it has printed, so the output reads as if
//! they ran one by one.

use crate::i18n::Msg;
use std::path::{Path, PathBuf};

use crate::answers::layers::Layers;
use crate::answers::sources as config;
use crate::answers::{questions, team};
use crate::cli::{self, UpdateArgs};
use crate::error::Error;
use crate::render::record;
use crate::update::{self, merge};
use crate::{i18n, interrupt, lint, paths, pool, prompt, style, write};

/// What one folder's update prints, in order: (stdout?, text).
#[derive(Default)]
struct Printed(Vec<(bool, String)>);

impl Printed {
    /// A report line for stderr (not with -q).
    fn say(&mut self, text: String) {
        if !style::quiet() && !text.is_empty() {
            self.0.push((false, text));
        }
    }
    fn sayln(&mut self, mut text: String) {
        text.push('\n');
        self.say(text);
    }
    /// stderr, even with -q (conflicts).
    fn err(&mut self, text: String) {
        self.0.push((false, text));
    }
    /// stdout (the dry run's diff).
    fn out(&mut self, text: String) {
        self.0.push((true, text));
    }
    /// Prints it all; a failed write to stdout is the folder's error.
    fn replay(self) -> Result<(), Error> {
        for (stdout, text) in self.0 {
            match stdout {
                true => style::print_stdout(text.as_bytes())?,
                false => anstream::eprint!("{text}"),
            }
        }
        Ok(())
    }
}

/// `jobgen update`: each folder on its own, all or nothing; the first
/// error's exit code, after every folder was tried.
pub fn run(args: &UpdateArgs) -> Result<(), Error> {
    let found = super::folders(&args.dirs);
    let settle = match (args.conflicts, args.prefer) {
        _ if args.discard_edits => update::Settle::Discard,
        (Some(cli::ConflictStyle::Markers), _) => update::Settle::Markers,
        (_, Some(cli::Side::Ours)) => update::Settle::Prefer(merge::Prefer::Ours),
        (_, Some(cli::Side::Theirs)) => update::Settle::Prefer(merge::Prefer::Theirs),
        _ => update::Settle::Refuse,
    };
    let asked = ask_missing(&found, args)?;
    let work = |(found, asked): &(Result<PathBuf, (PathBuf, Error)>, Layers)| {
        let mut printed = Printed::default();
        let result = match found {
            Ok(dir) => folder(dir, args, asked, settle, &mut printed),
            Err(_) => Ok(()),
        };
        (printed, result)
    };
    let found: Vec<_> = found.into_iter().zip(asked).collect();
    let mut errors: Vec<Option<Error>> = Vec::new();
    pool::ordered(&found, work, |i, (printed, result)| {
        let found = &found[i].0;
        if let Err((_, e)) = found {
            anstream::eprintln!("{} {e}", style::error_label());
            errors.push(None);
            return;
        }
        // What the folder printed before any error, then the error.
        let replayed = printed.replay();
        let result = result.and(replayed);
        if let Err(e) = &result {
            anstream::eprintln!("{} {e}", style::error_label());
        }
        errors.push(result.err());
    });
    // A path that held no job folder is an error in its place.
    let first_error = found
        .into_iter()
        .map(|(f, _)| f)
        .zip(errors)
        .filter_map(|(f, e)| match f {
            Err((_, e)) => Some(e),
            Ok(_) => e,
        })
        .next();
    match first_error {
        // Already printed; exit with its code.
        Some(e) => Err(Error::Reported(Box::new(e))),
        None => Ok(()),
    }
}

/// At a terminal (without `--no-input`), one folder after another: the
/// answers to required team questions a folder has none for (a question
/// added to the config since), asked before any folder is updated. The
/// answers of each folder, in the order of `found`.
fn ask_missing(
    found: &[Result<PathBuf, (PathBuf, Error)>],
    args: &UpdateArgs,
) -> Result<Vec<Layers>, Error> {
    let mut terminal =
        (!args.no_input && prompt::interactive_terminal()).then(prompt::Terminal::new);
    let inputs = config::Inputs::from_args(&args.answers, None);
    let mut out = Vec::new();
    for f in found {
        let mut asked = Layers::default();
        if let (Ok(dir), Some(t)) = (f, terminal.as_mut()) {
            let recorded = dir.join(record::ANSWERS_FILE);
            let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
            // A folder whose answers do not load reports that when updated.
            if let Ok(mut layers) =
                config::layers(&inputs, parent.unwrap_or(Path::new(".")), Some(&recorded))
            {
                let before = layers.clone();
                interrupt::install();
                let mut filled = layers.clone();
                crate::answers::fill_defaults(&mut filled);
                if team::missing(&filled).next().is_some() {
                    anstream::eprintln!("{}", dir.display());
                }
                questions::ask_team(&mut layers, t, true)?;
                for (name, given) in layers.vars() {
                    if before.var(name) != Some(given) {
                        asked.set_var(name, given.value.clone(), given.source.clone());
                    }
                }
            }
        }
        out.push(asked);
    }
    Ok(out)
}

/// Updates one folder under the lock of the folder that holds it; what
/// it would print goes into `printed`.
fn folder(
    dir: &Path,
    args: &UpdateArgs,
    asked: &Layers,
    settle: update::Settle,
    printed: &mut Printed,
) -> Result<(), Error> {
    // Read and written through its real path: `update job/..`, `update .`
    // and a symlink all reach the folder itself.
    let real = paths::resolve(dir)?;
    // Another update of this folder waits until this one has written.
    let _lock: Option<write::Lock> = match args.dry_run {
        true => None,
        false => Some(write::lock_beside(&real)?),
    };
    let mut inputs = config::Inputs::from_args(&args.answers, None);
    inputs.flags.merge(asked.clone());
    let plan = update::plan(&real, &inputs, settle, false)?;
    let plan = update::Plan {
        dir: dir.to_path_buf(),
        ..plan
    };
    let shown = dir.display();
    if plan.no_base {
        printed.sayln(i18n::f(
            Msg::U_NO_BASE,
            &[("folder", &shown.to_string()), ("base", record::BASE_FILE)],
        ));
    }
    if !plan.conflicts.is_empty() {
        printed.err(update::conflicts_text(&plan));
        if settle == update::Settle::Refuse {
            return Err(Error::Conflicts(plan.conflicts.len()));
        }
    }
    if args.dry_run {
        printed.out(plan.diff());
        if !plan.changes_files() {
            printed.sayln(i18n::f(
                Msg::U_UP_TO_DATE,
                &[("folder", &shown.to_string())],
            ));
        }
        printed.say(update::kept_text(&plan));
        return Ok(());
    }
    if !plan.changes_files() {
        printed.sayln(i18n::f(
            Msg::U_UP_TO_DATE,
            &[("folder", &shown.to_string())],
        ));
        printed.say(update::kept_text(&plan));
        return Ok(());
    }
    let inside = write::inside(&real);
    let notes = write::replace(&real, &plan.outputs(), &plan.removed())?;
    printed.sayln(i18n::f(Msg::U_UPDATED, &[("folder", &shown.to_string())]));
    for note in notes.0 {
        printed.sayln(note);
    }
    if inside {
        printed.say(write::inside_note(dir));
    }
    printed.say(update::changes_text(&plan));
    for name in plan.removed() {
        printed.sayln(i18n::f(
            Msg::U_REMOVED,
            &[("folder", &shown.to_string()), ("name", &name)],
        ));
    }
    printed.say(update::kept_text(&plan));
    // The merge keeps the user's edits, so lint findings are shown, not
    // enforced (a marked conflict does not parse until resolved).
    if let Ok((_, findings)) =
        lint::lint_paths(&[dir.to_path_buf()], args.answers.config.as_deref(), None)
        && !findings.is_empty()
        && plan.conflicts.is_empty()
    {
        printed.say(lint::text(1, &findings));
    }
    if settle == update::Settle::Markers && !plan.conflicts.is_empty() {
        printed.sayln(i18n::f(
            Msg::U_MARKERS,
            &[
                ("n", &plan.conflicts.len().to_string()),
                ("folder", &shown.to_string()),
            ],
        ));
    }
    Ok(())
}
