//! What rendering produces, and the names of the files jobgen keeps for
//! itself, and the one table of the built-in outputs. Templates, records,
//! writers, `update` and the "next:" lines all name these.

use crate::answers::fields::{Key, key};

/// One rendered output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// File name inside the job folder.
    pub name: String,
    /// Its contents.
    pub contents: String,
}

impl RenderedFile {
    /// True for files holding Kubernetes objects.
    pub fn is_yaml(&self) -> bool {
        self.name.ends_with(".yaml") || self.name.ends_with(".yml")
    }
}

/// The file the answers are recorded in.
pub const ANSWERS_FILE: &str = ".jobgen-answers";

/// The file the pristine render is recorded in: the base of `jobgen
/// update`'s three-way merge. JSON, file name to contents.
pub const BASE_FILE: &str = ".jobgen-base";

/// True for a name jobgen may write as a file of a job folder: not empty,
/// not `.` or `..`, no path separator, not one of jobgen's own records.
pub fn plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0'])
        && name != ANSWERS_FILE
        && name != BASE_FILE
}

/// When an output is applied, relative to the job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Not a Kubernetes object (the README).
    Doc,
    /// What the job needs in place before its first pod.
    Dependency,
    /// The job, and what watches it.
    Job,
}

/// One built-in output: its file, the answer that switches it on or off
/// (none: always written; `NAME.off` cannot switch it off), and its stage.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub file: &'static str,
    pub switch: Option<Key>,
    pub stage: Stage,
}

const fn output(file: &'static str, switch: Option<Key>, stage: Stage) -> Output {
    Output {
        file,
        switch,
        stage,
    }
}

/// Every built-in output, in the order they are written, streamed and
/// applied: the README, the job's dependencies (identity, configuration,
/// secrets, network policy), then the job and its alerts.
pub const OUTPUTS: [Output; 7] = [
    output("README.md", Some(key::FILES_README), Stage::Doc),
    output(
        "service-account.yaml",
        Some(key::FILES_SERVICE_ACCOUNT),
        Stage::Dependency,
    ),
    output(
        "configmap.yaml",
        Some(key::FILES_CONFIGMAP),
        Stage::Dependency,
    ),
    output(
        "external-secret.yaml",
        Some(key::FILES_EXTERNAL_SECRET),
        Stage::Dependency,
    ),
    output(
        "network-policy.yaml",
        Some(key::FILES_NETWORK_POLICY),
        Stage::Dependency,
    ),
    output("job.yaml", None, Stage::Job),
    output("prometheus-rule.yaml", Some(key::MONITORING), Stage::Job),
];

/// The built-in output written as `file`, if it is one.
pub fn builtin(file: &str) -> Option<&'static Output> {
    OUTPUTS.iter().find(|o| o.file == file)
}

/// The `files.*` answers (each defaults to on).
pub fn file_switches() -> impl Iterator<Item = Key> {
    OUTPUTS
        .iter()
        .filter_map(|o| o.switch)
        .filter(|k| k.as_str().starts_with("files."))
}
