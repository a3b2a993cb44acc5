//! Walking a jobs repository: the one way `lint`, `check`, `update` and
//! `adopt` find folders. A symlinked folder is followed like any other, and
//! every real folder is visited once (by device and inode), so a loop such
//! as `ln -s . x` ends and a folder linked twice is one folder. Hidden
//! folders, `target/` and `node_modules/` are skipped. A folder that cannot
//! be listed is reported and the walk goes on; nothing but folders is ever
//! opened, so a FIFO or a device in the tree is never read.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// What to do with a folder the walk meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// A folder wanted; its sub-folders are not looked into.
    Take,
    /// A folder wanted, and its sub-folders are looked into too.
    TakeAndDescend,
    /// Not wanted; its sub-folders are looked into.
    Descend,
    /// Neither it nor anything under it.
    Skip,
}

/// The folders a walk found, sorted, and those it could not list.
#[derive(Debug, Default)]
pub struct Walked {
    pub found: Vec<PathBuf>,
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

impl Walked {
    /// The folders found, then each folder that could not be listed as an
    /// error in its place (`check`, `update` and `adopt` report it and go on).
    pub fn results(self) -> Vec<Result<PathBuf, (PathBuf, crate::error::Error)>> {
        let unreadable = self
            .unreadable
            .into_iter()
            .map(|(dir, e)| Err((dir.clone(), crate::error::Error::io("read", &dir, e))));
        self.found.into_iter().map(Ok).chain(unreadable).collect()
    }
}

/// Walks `root` (itself included), asking `visit` about every folder.
pub fn walk(root: &Path, visit: impl Fn(&Path) -> Visit) -> Walked {
    let mut walked = Walked::default();
    let mut seen = HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if !first_visit(&dir, &mut seen) {
            continue;
        }
        let descend = match visit(&dir) {
            Visit::Take => {
                walked.found.push(dir);
                continue;
            }
            Visit::TakeAndDescend => {
                walked.found.push(dir.clone());
                true
            }
            Visit::Descend => true,
            Visit::Skip => false,
        };
        if descend {
            match sub_folders(&dir) {
                Ok(mut subs) => {
                    // Reversed, so the stack pops them in name order.
                    subs.sort();
                    stack.extend(subs.into_iter().rev());
                }
                Err(e) => walked.unreadable.push((dir, e)),
            }
        }
    }
    walked.found.sort();
    walked
}

/// True the first time the real folder behind `dir` is met.
fn first_visit(dir: &Path, seen: &mut HashSet<(u64, u64)>) -> bool {
    match identity(dir) {
        Some(id) => seen.insert(id),
        // Not stat-able: let the listing report why.
        None => true,
    }
}

#[cfg(unix)]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    // No inode numbers: the canonical path stands in for them.
    let real = std::fs::canonicalize(dir).ok()?;
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    real.hash(&mut h);
    Some((0, h.finish()))
}

/// The folders in `dir` (symlinks to folders included) a walk looks into.
fn sub_folders(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let is_dir = match entry.file_type()? {
            t if t.is_symlink() => entry.path().is_dir(),
            t => t.is_dir(),
        };
        if is_dir {
            out.push(entry.path());
        }
    }
    Ok(out)
}

/// True when `path` is a regular file, or a symlink to one: safe to open
/// and read to the end (a FIFO would block, a device never end).
pub fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Reads `path` as text, refusing without opening it anything that is not
/// a regular file.
pub fn read_text(path: &Path) -> io::Result<String> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, socket or device is never read)",
        )),
        _ => std::fs::read_to_string(path),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("jobgen-walk-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn loops_end_and_linked_folders_are_found_once() {
        let root = scratch("loops");
        std::fs::create_dir_all(root.join("jobs/a-db")).unwrap();
        std::fs::write(root.join("jobs/a-db/job.yaml"), "x").unwrap();
        std::fs::create_dir_all(root.join("elsewhere/b-db")).unwrap();
        std::fs::write(root.join("elsewhere/b-db/job.yaml"), "x").unwrap();
        // A loop to the root, a loop to itself, and a link to a job folder.
        std::os::unix::fs::symlink(&root, root.join("jobs/up")).unwrap();
        std::os::unix::fs::symlink(".", root.join("jobs/here")).unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere/b-db"), root.join("jobs/b-db")).unwrap();
        let walked = walk(&root.join("jobs"), |d| match d.join("job.yaml").is_file() {
            true => Visit::TakeAndDescend,
            false => Visit::Descend,
        });
        let names: Vec<String> = walked
            .found
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        // b-db is reached through the link; the root's own walk through
        // `up` meets jobs/ again and stops there.
        assert!(names.contains(&"jobs/a-db".to_string()), "{names:?}");
        assert!(names.contains(&"jobs/b-db".to_string()), "{names:?}");
        assert_eq!(
            names.iter().filter(|n| n.ends_with("a-db")).count(),
            1,
            "{names:?}"
        );
        assert_eq!(
            names.iter().filter(|n| n.ends_with("b-db")).count(),
            1,
            "{names:?}"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn special_files_are_never_opened() {
        let root = scratch("fifo");
        let fifo = root.join("job.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert!(!is_regular(&fifo));
        let e = read_text(&fifo).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
