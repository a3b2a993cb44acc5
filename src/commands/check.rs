//! `jobgen check` at scale: folders are planned on every core and each
//! folder's report is printed as soon as it and every folder before it are
//! done, so the output is in the folders' order and memory does not grow
//! with their number (a plan, with every file's text, lives only in the
//! worker that made it). The JSON report is streamed the same way, its
//! totals after the list.

use crate::i18n::Msg;
use std::path::PathBuf;

use serde_json::{Value as Json, json};

use crate::answers::sources::{self as config, Inputs};
use crate::cli::{self, CheckArgs};
use crate::error::{Error, exit};
use crate::update::{self, Plan};
use crate::{i18n, paths, pool, style};

/// `jobgen check`: exit 0 all current, 1 an update would change something, 2 error.
pub fn run(args: &CheckArgs) -> u8 {
    let found = super::folders(&args.dirs);
    let flags = config::Inputs {
        config: args.config.clone(),
        offline: args.offline || crate::render::repo::offline_env(),
        ..config::Inputs::default()
    };
    let json = args.format == cli::Format::Json;
    // A report that cannot be written is a failure: the first write error
    // stops the output and decides the exit code.
    let mut unwritten: Option<Error> = None;
    let mut stdout = |s: &str| {
        if unwritten.is_none()
            && let Err(e) = style::print_stdout(s.as_bytes())
        {
            unwritten = Some(e);
        }
    };
    let totals = check_all(found, &flags, json, &mut stdout);
    if let Some(e) = unwritten {
        return super::failed(&e);
    }
    if totals.errors > 0 {
        exit::USAGE
    } else if totals.outdated > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// What one folder contributes to the report, made in the worker.
struct Report {
    text: String,
    /// stderr (an error's message).
    error: Option<String>,
    json: Json,
    outdated: bool,
    failed: bool,
}

/// Totals of a whole check.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub folders: usize,
    pub outdated: usize,
    pub errors: usize,
}

fn outdated(p: &Plan) -> bool {
    p.outdated()
}

fn report(dir: &std::path::Path, result: Result<Plan, String>) -> Report {
    let folder = dir.display().to_string();
    match result {
        Err(e) => Report {
            text: String::new(),
            json: json!({"folder": folder, "status": "error", "error": e}),
            error: Some(e),
            outdated: false,
            failed: true,
        },
        Ok(p) => {
            let old = outdated(&p);
            let mut text = match old {
                false => i18n::f(Msg::CH_CURRENT, &[("folder", &folder)]),
                true => i18n::f(
                    Msg::CH_OUTDATED,
                    &[
                        ("folder", &folder),
                        ("changes", &p.changes.len().to_string()),
                        ("conflicts", &p.conflicts.len().to_string()),
                    ],
                ),
            };
            text.push('\n');
            text.push_str(&update::held_text(&p));
            if old {
                text.push_str(&update::changes_text(&p));
                text.push_str(&update::conflicts_text(&p));
                if style::verbose() {
                    text.push_str(&p.diff());
                }
            }
            Report {
                text,
                error: None,
                json: update::check_entry(&folder, &p),
                outdated: old,
                failed: false,
            }
        }
    }
}

/// Checks every folder (or the error found in its place), printing each
/// report through `out` (text or JSON, stdout) and errors to stderr, in
/// the folders' order, as soon as it can.
fn check_all(
    found: Vec<Result<PathBuf, (PathBuf, Error)>>,
    inputs: &Inputs,
    json: bool,
    out: &mut dyn FnMut(&str),
) -> Totals {
    // A path that held no job folder keeps its error, as text, in its place.
    let found: Vec<(PathBuf, Option<String>)> = found
        .into_iter()
        .map(|r| match r {
            Ok(dir) => (dir, None),
            Err((dir, e)) => (dir, Some(e.to_string())),
        })
        .collect();
    let mut totals = Totals {
        folders: found.len(),
        ..Totals::default()
    };
    if json {
        out("{\n  \"version\": 1,\n  \"results\": [");
    }
    let work = |(dir, error): &(PathBuf, Option<String>)| match error {
        Some(e) => report(dir, Err(e.clone())),
        None => report(
            dir,
            paths::resolve(dir)
                .and_then(|real| update::plan(&real, inputs, update::Settle::Refuse, true))
                .map(|p| Plan {
                    dir: dir.clone(),
                    ..p
                })
                .map_err(|e| e.to_string()),
        ),
    };
    pool::ordered(&found, work, |i, r| emit(&r, i, json, out, &mut totals));
    if json {
        out(&format!(
            "\n  ],\n  \"folders\": {},\n  \"outdated\": {},\n  \"errors\": {}\n}}\n",
            totals.folders, totals.outdated, totals.errors
        ));
    } else {
        // Only the folders that were checked count as checked.
        let checked = (totals.folders - totals.errors).to_string();
        let (n, errors) = (totals.outdated.to_string(), totals.errors.to_string());
        let mut s = match totals.errors {
            0 => i18n::f(Msg::CH_COUNTS, &[("checked", &checked), ("n", &n)]),
            _ => i18n::f(
                Msg::CH_COUNTS_ERRORS,
                &[("checked", &checked), ("n", &n), ("errors", &errors)],
            ),
        };
        s.push('\n');
        out(&s);
    }
    totals
}

fn emit(r: &Report, index: usize, json: bool, out: &mut dyn FnMut(&str), totals: &mut Totals) {
    totals.outdated += usize::from(r.outdated);
    totals.errors += usize::from(r.failed);
    if json {
        let entry = serde_json::to_string_pretty(&r.json).expect("JSON");
        let indented = entry.replace('\n', "\n    ");
        let comma = if index == 0 { "" } else { "," };
        out(&format!("{comma}\n    {indented}"));
        return;
    }
    // Errors go to stderr, like every other command's.
    if let Some(e) = &r.error {
        anstream::eprintln!("{} {e}", style::error_label());
    }
    out(&r.text);
}
