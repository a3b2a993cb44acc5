//! The path forms people type (`.`, `..`, `DIR/..`, `./DIR/`, trailing
//! slashes, symlinks) turned into the real folder jobgen works on, before
//! anything is read from or written beside it.

use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The absolute, real form of `path`: the part that exists with every
/// symlink and `..` resolved by the file system, the rest (not yet
/// created, so holding no symlink) normalised component by component.
///
/// A relative path goes to `realpath` as it is: the working folder's name
/// comes from the kernel already real (`getcwd`), so only the components
/// the user typed are looked up, not every folder above the working one
/// (a `readlink` each).
pub fn resolve(path: &Path) -> Result<PathBuf, Error> {
    if path.as_os_str().is_empty() {
        let e = std::io::Error::new(std::io::ErrorKind::InvalidInput, "empty path");
        return Err(Error::io("resolve", path, e));
    }
    let mut missing: Vec<Component> = Vec::new();
    let mut existing = path;
    let real = loop {
        // The relative path used up: the working folder itself.
        let probe = if existing.as_os_str().is_empty() {
            Path::new(".")
        } else {
            existing
        };
        match std::fs::canonicalize(probe) {
            Ok(real) => break real,
            Err(e) if probe == Path::new(".") => return Err(Error::io("resolve", path, e)),
            Err(_) => match (existing.parent(), existing.components().next_back()) {
                (Some(parent), Some(last)) => {
                    missing.push(last);
                    existing = parent;
                }
                // Not even the root resolves: keep the path as given.
                _ => break PathBuf::from("/"),
            },
        }
    };
    let mut out = real;
    for c in missing.into_iter().rev() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Ok(out)
}

/// The last component of a resolved folder path, for temporary names.
pub fn folder_name(resolved: &Path) -> Result<&std::ffi::OsStr, Error> {
    resolved.file_name().ok_or_else(|| Error::Unreadable {
        path: resolved.to_path_buf(),
        why: "is the root of the file system, not a job folder".into(),
    })
}

/// The folder `target` is in; it must have one.
pub fn parent_of(target: &Path) -> Result<PathBuf, Error> {
    folder_name(target)?;
    Ok(target
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_one_folder_resolves_to_it() {
        let root = std::env::temp_dir().join(format!("jobgen-paths-{}", std::process::id()));
        let job = root.join("jobs/db");
        std::fs::create_dir_all(&job).unwrap();
        let real = std::fs::canonicalize(&job).unwrap();
        for form in [
            "jobs/db",
            "jobs/db/",
            "./jobs/db/.",
            "jobs/db/../db",
            "jobs/../jobs/db",
        ] {
            assert_eq!(resolve(&root.join(form)).unwrap(), real, "{form}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&job, root.join("link")).unwrap();
            assert_eq!(resolve(&root.join("link")).unwrap(), real);
        }
        // Not there yet: normalised without touching the file system.
        assert_eq!(
            resolve(&root.join("jobs/new/../other/./x")).unwrap(),
            real.parent().unwrap().join("other/x")
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    /// Relative forms, from the working folder the tests run in (the
    /// package root): the same real folder as the absolute forms give.
    #[test]
    fn relative_forms_resolve_from_the_working_folder() {
        let rel = PathBuf::from(format!("target/jobgen-paths-rel-{}", std::process::id()));
        std::fs::create_dir_all(rel.join("jobs/db")).unwrap();
        let here = std::fs::canonicalize(".").unwrap();
        let real = here.join(&rel).join("jobs/db");
        let r = rel.to_str().unwrap();
        for form in [
            format!("{r}/jobs/db"),
            format!("./{r}/jobs/db/"),
            format!("{r}/jobs/../jobs/db/."),
            format!("{r}/jobs/db/../../jobs/db"),
        ] {
            assert_eq!(resolve(Path::new(&form)).unwrap(), real, "{form}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join(".."), rel.join("up")).unwrap();
            // `up/..` is the folder above the link's target, not `rel`.
            assert_eq!(
                resolve(&rel.join("up/db")).unwrap(),
                real,
                "through a symlink"
            );
            assert_eq!(resolve(&rel.join("up/..")).unwrap(), here.join(&rel));
        }
        assert_eq!(resolve(Path::new(".")).unwrap(), here);
        assert!(resolve(Path::new("")).is_err(), "empty: no folder named");
        // Nothing of it there yet: normalised on the working folder.
        assert_eq!(
            resolve(Path::new("no-such-a/../no-such-b/./x")).unwrap(),
            here.join("no-such-b/x")
        );
        std::fs::remove_dir_all(&rel).unwrap();
    }
}
