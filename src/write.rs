//! Writing a job folder, all or nothing: every file goes into a temporary
//! folder beside the target, which is then renamed into place. An existing
//! target is replaced only with --force, and then files jobgen does not
//! generate are carried over, so a user's own notes or scripts survive.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::record::{ANSWERS_FILE, BASE_FILE};
use crate::render::RenderedFile;
use crate::templates::OUTPUTS;

/// Fails if `target` exists and `force` is not set (or it is not a folder).
pub fn check_target(target: &Path, force: bool) -> Result<(), Error> {
    match fs::symlink_metadata(target) {
        // Not there, or a parent is not a folder (creating it reports that).
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(Error::io("inspect", target, e)),
        Ok(m) if force && m.is_dir() => Ok(()),
        Ok(_) => Err(Error::TargetExists(target.to_path_buf())),
    }
}

/// Writes `files` into the folder `target`, all or nothing.
pub fn write_folder(target: &Path, files: &[RenderedFile], force: bool) -> Result<(), Error> {
    check_target(target, force)?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io("create", &parent, e))?;
    let base = target
        .file_name()
        .expect("target has a name")
        .to_string_lossy();
    let pid = std::process::id();
    let tmp = parent.join(format!(".{base}.jobgen-new-{pid}"));
    let old = parent.join(format!(".{base}.jobgen-old-{pid}"));

    let result = fill(&tmp, target, files).and_then(|()| swap(&tmp, &old, target));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Writes the new files into `tmp`, plus the user's own files from an existing target.
fn fill(tmp: &Path, target: &Path, files: &[RenderedFile]) -> Result<(), Error> {
    if tmp.exists() {
        fs::remove_dir_all(tmp).map_err(|e| Error::io("remove", tmp, e))?;
    }
    fs::create_dir(tmp).map_err(|e| Error::io("create", tmp, e))?;
    for f in files {
        let path = tmp.join(&f.name);
        // No fsync: the rename already makes the folder appear whole to
        // other processes, and durability across power loss is not worth
        // most of the run time of a scaffolder.
        fs::write(&path, &f.contents).map_err(|e| Error::io("write", &path, e))?;
    }
    if target.is_dir() {
        for entry in fs::read_dir(target).map_err(|e| Error::io("read", target, e))? {
            let entry = entry.map_err(|e| Error::io("read", target, e))?;
            let name = entry.file_name();
            let generated = OUTPUTS.iter().any(|o| name == **o)
                || name == ANSWERS_FILE
                || name == BASE_FILE
                || files.iter().any(|f| name == f.name.as_str());
            if generated {
                continue;
            }
            copy_tree(&entry.path(), &tmp.join(&name))?;
        }
    }
    Ok(())
}

/// Moves `tmp` into place, keeping the old folder until the new one is in.
fn swap(tmp: &Path, old: &Path, target: &Path) -> Result<(), Error> {
    if !target.exists() {
        return fs::rename(tmp, target).map_err(|e| Error::io("rename into place", target, e));
    }
    if old.exists() {
        fs::remove_dir_all(old).map_err(|e| Error::io("remove", old, e))?;
    }
    fs::rename(target, old).map_err(|e| Error::io("move aside", target, e))?;
    if let Err(e) = fs::rename(tmp, target) {
        let _ = fs::rename(old, target);
        return Err(Error::io("rename into place", target, e));
    }
    fs::remove_dir_all(old).map_err(|e| Error::io("remove", old, e))
}

/// Copies a file, symlink or folder.
fn copy_tree(from: &Path, to: &Path) -> Result<(), Error> {
    let meta = fs::symlink_metadata(from).map_err(|e| Error::io("read", from, e))?;
    if meta.is_dir() {
        fs::create_dir(to).map_err(|e| Error::io("create", to, e))?;
        for entry in fs::read_dir(from).map_err(|e| Error::io("read", from, e))? {
            let entry = entry.map_err(|e| Error::io("read", from, e))?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else if meta.file_type().is_symlink() {
        let link = fs::read_link(from).map_err(|e| Error::io("read", from, e))?;
        std::os::unix::fs::symlink(link, to).map_err(|e| Error::io("create", to, e))
    } else {
        fs::copy(from, to)
            .map(drop)
            .map_err(|e| Error::io("copy", from, e))
    }
}

/// The YAML files as one multi-document stream, for `--stdout`.
pub fn stream(files: &[RenderedFile]) -> String {
    let docs: Vec<&str> = files
        .iter()
        .filter(|f| f.is_yaml())
        .map(|f| f.contents.trim_end())
        .collect();
    let mut out = docs.join("\n---\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, contents: &str) -> RenderedFile {
        RenderedFile {
            name: name.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn stream_joins_yaml_only() {
        let files = [
            file("README.md", "# x\n"),
            file("a.yaml", "a: 1\n"),
            file("b.yaml", "b: 2\n"),
        ];
        assert_eq!(stream(&files), "a: 1\n---\nb: 2\n");
    }

    #[test]
    fn force_keeps_user_files_and_drops_stale_generated_ones() {
        let dir = std::env::temp_dir().join(format!("jobgen-write-test-{}", std::process::id()));
        let target = dir.join("job");
        fs::create_dir_all(target.join("scripts")).unwrap();
        fs::write(target.join("scripts/run.sh"), "echo hi").unwrap();
        fs::write(target.join("configmap.yaml"), "stale").unwrap();
        fs::write(target.join("job.yaml"), "old").unwrap();
        assert!(matches!(
            write_folder(&target, &[file("job.yaml", "new")], false),
            Err(Error::TargetExists(_))
        ));
        assert_eq!(fs::read_to_string(target.join("job.yaml")).unwrap(), "old");
        write_folder(&target, &[file("job.yaml", "new")], true).unwrap();
        assert_eq!(fs::read_to_string(target.join("job.yaml")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(target.join("scripts/run.sh")).unwrap(),
            "echo hi"
        );
        assert!(!target.join("configmap.yaml").exists());
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["job"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
