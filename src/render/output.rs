//! What rendering produces, and the names of the files jobgen keeps for
//! itself. A leaf: templates, records and writers all name these.

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
