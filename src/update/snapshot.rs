//! A job folder read once for a plan: the directory listed once and each of
//! its files read once, then asked for markers, moved objects and the
//! merge (each file used to be read three times and stat'ed more).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The folder's files (symlinks to files included, as `Path::is_file`
/// counts them), sorted by name, each with its text or why it could not be
/// read as text.
pub struct Snapshot {
    dir: PathBuf,
    files: Vec<(OsString, std::io::Result<String>)>,
}

impl Snapshot {
    /// Lists `dir` and reads each of its files.
    pub fn read(dir: &Path) -> Result<Snapshot, Error> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))?;
        let mut files: Vec<(OsString, std::io::Result<String>)> = entries
            .flatten()
            .filter(|e| match e.file_type() {
                Ok(t) if t.is_symlink() => e.path().is_file(),
                Ok(t) => t.is_file(),
                Err(_) => e.path().is_file(),
            })
            .map(|e| (e.file_name(), std::fs::read_to_string(e.path())))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Snapshot {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// Every file that reads as text, by name.
    pub fn texts(&self) -> impl Iterator<Item = (&OsStr, &str)> {
        self.files
            .iter()
            .filter_map(|(n, t)| Some((n.as_os_str(), t.as_deref().ok()?)))
    }

    /// Whether the folder has a file `name`.
    pub fn has_file(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The text of `name`: None when the folder has no such file; an error
    /// naming the file when it cannot be read as text. A name the listing
    /// did not show as a file (a folder, say) is read from the disk, so it
    /// fails as reading it always did.
    pub fn text(&self, name: &str) -> Result<Option<String>, Error> {
        let path = self.dir.join(name);
        match self.find(name) {
            Some(Ok(text)) => Ok(Some(text.clone())),
            Some(Err(e)) => Err(Error::io(
                "read",
                &path,
                std::io::Error::new(e.kind(), e.to_string()),
            )),
            // (Never opened unless a regular file: a FIFO would block.)
            None => match crate::walk::read_text(&path) {
                Ok(t) => Ok(Some(t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::io("read", &path, e)),
            },
        }
    }

    fn find(&self, name: &str) -> Option<&std::io::Result<String>> {
        self.files
            .binary_search_by(|(n, _)| n.as_os_str().cmp(OsStr::new(name)))
            .ok()
            .map(|i| &self.files[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_read_once_and_answers_as_the_disk_did() {
        let dir = std::env::temp_dir().join(format!("jobgen-snapshot-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub.yaml")).unwrap();
        std::fs::write(dir.join("job.yaml"), "kind: Job\n").unwrap();
        std::fs::write(dir.join("bad.yaml"), [0xff, 0xfe]).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("job.yaml", dir.join("link.yaml")).unwrap();
        let folder = Snapshot::read(&dir).unwrap();
        // Read once: later changes on the disk are not seen.
        std::fs::write(dir.join("job.yaml"), "kind: CronJob\n").unwrap();
        assert_eq!(
            folder.text("job.yaml").unwrap().as_deref(),
            Some("kind: Job\n")
        );
        assert!(folder.has_file("job.yaml"));
        assert!(!folder.has_file("sub.yaml"), "a folder is not a file");
        assert_eq!(folder.text("missing.yaml").unwrap(), None);
        let bad = folder.text("bad.yaml").unwrap_err().to_string();
        assert!(bad.contains("bad.yaml"), "{bad}");
        let sub = folder.text("sub.yaml").unwrap_err().to_string();
        assert!(
            sub.contains("sub.yaml"),
            "read from the disk as before: {sub}"
        );
        let names: Vec<&OsStr> = folder.texts().map(|(n, _)| n).collect();
        #[cfg(unix)]
        assert_eq!(names, ["job.yaml", "link.yaml"], "sorted, text only");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
