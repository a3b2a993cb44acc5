//! `jobgen update` and `jobgen check`: bring generated folders up to date
//! with today's templates (and changed answers) without losing edits.
//!
//! For each file: base = what the recorded answers rendered when the folder
//! was made (`.jobgen-base`), ours = the file as it is, theirs = today's
//! render. YAML merges per object and field (`merge`) and is written back
//! into the user's text (`splice`); other files (README.md) merge as text.

mod immutable;
pub mod merge;
mod merging;
mod model;
mod moves;
mod plan;
mod report;
pub mod snapshot;
pub mod splice;
pub mod trees;
pub mod unwritten;

pub use merging::{FileMerge, merge_file};
pub use model::{FieldChange, FieldConflict, Held, Plan, Settle};
pub use plan::{not_generated, plan};
pub use report::{changes_text, check_entry, conflicts_text, held_text, kept_text, shown};

use std::path::PathBuf;

use crate::error::Error;
use crate::render::record::ANSWERS_FILE;

/// Every folder under `paths` holding recorded answers, in order; a path
/// that is not such a folder and holds none is an error in its place (the
/// other paths are still searched).
pub fn folders(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, Error)>> {
    let mut out = Vec::new();
    for p in paths {
        let not_generated = || Err((p.clone(), not_generated(p)));
        if !p.is_dir() {
            out.push(not_generated());
            continue;
        }
        let walked = crate::lint::folders_holding(p, ANSWERS_FILE);
        if walked.found.is_empty() && walked.unreadable.is_empty() {
            out.push(not_generated());
        }
        out.extend(walked.results());
    }
    // The same folder named twice (`. a-db`) is worked on once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|r| match r {
        Ok(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        Err(_) => true,
    });
    out
}
