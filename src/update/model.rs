//! What an update does to one folder: the plan, its changes and conflicts,
//! and how conflicts are settled.

use std::path::PathBuf;

use diffy::DiffOptions;
use serde_json::Value as Json;

use crate::render::RenderedFile;
use crate::render::record::BASE_FILE;

use super::merge::Prefer;

/// A file's name, its text now and after the update (None: absent).
pub type FileState = (String, Option<String>, Option<String>);

/// How to settle conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settle {
    /// Report them and write nothing.
    Refuse,
    /// Write git-style conflict markers.
    Markers,
    /// Take one side.
    Prefer(Prefer),
    /// Take today's render of everything jobgen renders; hand edits to it
    /// are dropped (and reported), what jobgen does not render is kept.
    Discard,
}

/// One field (or text hunk) an update changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub file: String,
    /// `Kind/name`, or empty for text files.
    pub object: String,
    pub path: String,
    pub from: Json,
    pub to: Json,
}

/// Both the user and the template changed a field differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConflict {
    pub file: String,
    pub object: String,
    pub path: String,
    pub base: Json,
    pub ours: Json,
    pub theirs: Json,
}

/// What an update does to one folder.
#[derive(Debug)]
pub struct Plan {
    pub dir: PathBuf,
    /// Every file as it is now and as the update leaves it (None: absent).
    pub files: Vec<FileState>,
    pub changes: Vec<FieldChange>,
    pub conflicts: Vec<FieldConflict>,
    /// The folder has no recorded base: today's render of its recorded
    /// answers stood in for it.
    pub no_base: bool,
    /// Files jobgen no longer generates that stay because they were edited.
    pub kept: Vec<String>,
    /// What the merge could not keep of the user's text.
    pub notes: Vec<String>,
    /// Identity answers kept although today's config would give others.
    pub held: Vec<Held>,
    /// Recorded team answers no question declares any more (kept, unused).
    pub retired: Vec<String>,
    /// The templates repository's version the folder was made from and the
    /// one the config (or `--templates-ref`) asks for, when they differ.
    pub templates: Option<(String, String)>,
    /// The templates repository version the folder was made from, if any.
    pub made_from: Option<String>,
}

/// An answer that gives the job its identity, kept as recorded although
/// the config or conventions would now give another value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The answer's key (`namespace`).
    pub answer: String,
    /// The value the job keeps.
    pub kept: String,
    /// What the config or conventions would give a new job.
    pub config: String,
}

impl Plan {
    /// True when an update would change the folder's objects or move it to
    /// another templates version (what `check` reports as out of date).
    pub fn outdated(&self) -> bool {
        !self.changes.is_empty() || !self.conflicts.is_empty() || self.templates.is_some()
    }

    /// True when writing would change a file.
    pub fn changes_files(&self) -> bool {
        self.files.iter().any(|(_, before, after)| before != after)
    }

    /// The files to write: everything present after the update.
    pub fn outputs(&self) -> Vec<RenderedFile> {
        self.files
            .iter()
            .filter_map(|(name, _, after)| {
                after.as_ref().map(|c| RenderedFile {
                    name: name.clone(),
                    contents: c.clone(),
                })
            })
            .collect()
    }

    /// Files present now that the update removes.
    pub fn removed(&self) -> Vec<String> {
        self.files
            .iter()
            .filter(|(_, before, after)| before.is_some() && after.is_none())
            .map(|(name, _, _)| name.clone())
            .collect()
    }

    /// A unified diff of every changed file but the recorded base.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for (name, before, after) in &self.files {
            if before == after || name == BASE_FILE {
                continue;
            }
            let path = self.dir.join(name).display().to_string();
            let patch = DiffOptions::new()
                .set_original_filename(format!("a/{path}"))
                .set_modified_filename(format!("b/{path}"))
                .create_patch(
                    before.as_deref().unwrap_or(""),
                    after.as_deref().unwrap_or(""),
                );
            out.push_str(&patch.to_string());
        }
        out
    }
}
