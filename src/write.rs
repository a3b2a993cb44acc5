//! Writing a job folder, all or nothing, with no instant at which the
//! folder is missing, half-written or silently replaced.
//!
//! Every file goes into a temporary folder beside the target,
//! `.NAME.jobgen-new-PID`, which then takes the target's place in one
//! system call (see `atomic`):
//! - create: the rename fails if the name exists, so of two racing runs
//!   exactly one wins and the other leaves nothing;
//! - replace (`new --force`, `update`): the two folders trade names; the old
//!   one, now under the temporary name, is removed afterwards.
//!
//! An interrupt (SIGINT, SIGTERM) removes the temporary folder before the
//! process exits (see `interrupt`), and a later run removes the temporary
//! folders of runs that were killed outright.

mod keep;
mod lock;

pub use keep::Notes;
pub use lock::{Lock, lock_beside};

use crate::i18n::{Msg, f};
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::interrupt;
use crate::paths;
use crate::render::RenderedFile;
use crate::render::record::{ANSWERS_FILE, BASE_FILE};
use crate::render::templates::OUTPUTS;

/// Where `new` writes: the real folder behind what the user named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The folder as the user named it, for messages.
    pub shown: PathBuf,
    /// The real folder: absolute, `..` and symlinks resolved (a symlinked
    /// job folder is written where it points, so the link stays a link).
    pub real: PathBuf,
}

/// Resolves `dir/name` and fails if it exists and `force` is not set, or
/// exists and is not a folder.
pub fn target(dir: &Path, name: &str, force: bool) -> Result<Target, Error> {
    let shown = dir.join(name);
    let real = paths::resolve(dir)?.join(name);
    match fs::symlink_metadata(&real) {
        // Not there, or a parent is not a folder (creating it reports that).
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(Target { shown, real })
        }
        Err(e) => Err(Error::io("inspect", &shown, e)),
        Ok(_) if !force => Err(Error::TargetExists(shown)),
        Ok(m) if m.is_dir() => Ok(Target { shown, real }),
        Ok(m) if m.file_type().is_symlink() && real.is_dir() => {
            let real = paths::resolve(&real)?;
            Ok(Target { shown, real })
        }
        Ok(_) => Err(Error::NotAFolder(shown)),
    }
}

/// What replacing a folder did besides writing the new files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// Files jobgen made before and no longer makes, removed (unedited).
    pub removed: Vec<String>,
    /// Files jobgen made before and no longer makes, kept: edited by hand.
    pub kept: Vec<String>,
    /// Files jobgen makes again whose hand edits the new files overwrite.
    pub discarded: Vec<String>,
}

/// Writes `files` as the new folder `target` (resolved with [`target`]),
/// all or nothing. Fails with `TargetExists` if the name appeared
/// meanwhile; nothing is left behind then.
pub fn create(target: &Path, files: &[RenderedFile]) -> Result<(), Error> {
    create_with(target, |tmp| fill(tmp, files, None, &[])).map(drop)
}

/// Makes the new folder `target` holding the file `from` as `name`, with
/// all its metadata (a hard link where one can be made: `keep`), all or
/// nothing, as [`create`] does. `from` itself is left for the caller to
/// remove once the folder is in place.
pub fn create_moving(target: &Path, name: &str, from: &Path) -> Result<Notes, Error> {
    create_with(target, |tmp| {
        let mut notes = Notes::default();
        keep::carry(from, &tmp.join(name), &mut notes)?;
        Ok(notes)
    })
}

/// [`create`] with the temporary folder filled by `fill`.
fn create_with(
    target: &Path,
    fill: impl FnOnce(&Path) -> Result<Notes, Error>,
) -> Result<Notes, Error> {
    let parent = paths::parent_of(target)?;
    match fs::metadata(&parent) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::NotWritten {
                target: target.to_path_buf(),
                why: format!("{} is a file, not a folder", parent.display()),
            });
        }
        Err(_) => fs::create_dir_all(&parent).map_err(|e| not_written(target, &parent, e))?,
    }
    let tmp = temporary(target)?;
    clean_stale(&parent);
    let staged = interrupt::Staged::new(&tmp).map_err(|e| in_temporary(target, &tmp, e))?;
    let result = fill(&tmp)
        .map_err(|e| in_temporary(target, &tmp, e))
        .and_then(|notes| {
            staged.commit(target, || match atomic::claim(&tmp, target) {
                Ok(()) => Ok(notes),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    Err(Error::TargetExists(target.to_path_buf()))
                }
                Err(e) => Err(Error::io("rename into place", target, e)),
            })
        });
    match result {
        Ok(_) => staged.forget(),
        Err(_) => staged.finish(),
    }
    result
}

/// Replaces the folder `target` (a real folder path) by `files`, keeping
/// every other file in it except `drop` (generated files jobgen no longer
/// makes), and every file's metadata (`keep`). At every instant the folder
/// is whole under its own name. Returns what could not be kept.
pub fn replace(target: &Path, files: &[RenderedFile], drop: &[String]) -> Result<Notes, Error> {
    keep::refuse_foreign_folder(target)?;
    let parent = paths::parent_of(target)?;
    let tmp = temporary(target)?;
    clean_stale(&parent);
    let staged = interrupt::Staged::new(&tmp).map_err(|e| in_temporary(target, &tmp, e))?;
    let result = fill(&tmp, files, Some(target), drop)
        .map_err(|e| in_temporary(target, &tmp, e))
        .and_then(|mut notes| {
            staged.commit(target, || atomic::exchange(&tmp, target))?;
            // The old folder now has the temporary name. The new one is in
            // place, so an old copy that cannot be removed is said, not a
            // failure: the report must say what was done.
            if let Err(e) = fs::remove_dir_all(&tmp)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                notes.0.push(f(
                    Msg::W_OLD_COPY_LEFT,
                    &[
                        ("path", &tmp.display().to_string()),
                        ("why", &crate::error::plain_io(&e)),
                    ],
                ));
            }
            Ok(notes)
        });
    staged.finish();
    result
}

/// True when this process runs inside the folder `target` (a real path):
/// after a replace, a shell there sees the removed old copy until it
/// enters the folder again.
/// Writes one file whole (man pages, exported templates): a temporary file
/// beside it renamed over it, keeping the old file's mode and owner. A path
/// that is not a regular file (a FIFO, socket, device, folder or symlink)
/// is refused, never opened nor replaced.
pub fn one_file(path: &Path, contents: &str) -> Result<Notes, Error> {
    if fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        let why = std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, socket, device, folder or symlink is never replaced)",
        );
        return Err(Error::io("write", path, why));
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.jobgen-{}", std::process::id()));
    let mut notes = Notes::default();
    let written = keep::rewrite(path, &temporary, contents, &mut notes)
        .and_then(|()| fs::rename(&temporary, path).map_err(|e| Error::io("write", path, e)));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written.map(|()| notes)
}

pub fn inside(target: &Path) -> bool {
    std::env::current_dir()
        .ok()
        .and_then(|d| fs::canonicalize(d).ok())
        .is_some_and(|d| d.starts_with(target))
}

/// What to tell a user whose shell is inside a replaced folder.
pub fn inside_note(shown: &Path) -> String {
    format!(
        "{}\n",
        f(Msg::W_INSIDE, &[("folder", &shown.display().to_string())])
    )
}

/// Which files of the existing folder `target` jobgen generated before and
/// does not generate now (not in `files`): removed when they equal what
/// jobgen recorded writing (`.jobgen-base`), kept otherwise; and which it
/// generates again over hand edits (`discarded`). A folder made before
/// jobgen recorded what it wrote cannot tell edits apart.
pub fn stale_generated(target: &Path, files: &[RenderedFile]) -> Replaced {
    let mut out = Replaced::default();
    let produced = |name: &str| files.iter().find(|f| f.name == name);
    let base = crate::walk::read_text(&target.join(BASE_FILE))
        .ok()
        .and_then(|t| crate::render::record::read_base(&t));
    let Some(base) = base else {
        // A folder made before jobgen recorded what it wrote: the built-in
        // file names are jobgen's, as `--force` always treated them.
        out.removed = OUTPUTS
            .iter()
            .map(|o| o.file)
            .filter(|o| produced(o).is_none() && crate::walk::is_regular(&target.join(o)))
            .map(str::to_string)
            .collect();
        return out;
    };
    for (name, text) in base {
        if !crate::render::record::plain_file_name(&name) {
            continue;
        }
        let path = target.join(&name);
        if !crate::walk::is_regular(&path) {
            // Gone, or a FIFO or device under a generated name: never read.
            continue;
        }
        let Ok(now) = fs::read(&path) else {
            continue;
        };
        let edited = now != text.as_bytes();
        match produced(&name) {
            Some(new) if edited && now != new.contents.as_bytes() => out.discarded.push(name),
            Some(_) => {}
            None if edited => out.kept.push(name),
            None => out.removed.push(name),
        }
    }
    out
}

/// An I/O error while making `target`: the folder it happened in, without
/// the temporary folder's name (it is removed), and that nothing was written.
fn not_written(target: &Path, at: &Path, e: std::io::Error) -> Error {
    Error::NotWritten {
        target: target.to_path_buf(),
        why: format!("{}: {e}", at.display()),
    }
}

/// An error inside the temporary folder `tmp` of `target`, as [`not_written`]
/// in the folder that holds it.
fn in_temporary(target: &Path, tmp: &Path, e: Error) -> Error {
    match e {
        Error::Io { path, source, .. } if path.starts_with(tmp) => {
            let at = tmp.parent().unwrap_or(Path::new("/"));
            not_written(target, at, source)
        }
        other => other,
    }
}

/// `.NAME.jobgen-new-PID` beside `target`.
fn temporary(target: &Path) -> Result<PathBuf, Error> {
    let name = paths::folder_name(target)?.to_string_lossy();
    let pid = std::process::id();
    Ok(paths::parent_of(target)?.join(format!(".{name}{TEMP_MARK}new-{pid}")))
}

/// What temporary folder names carry between the job's name and the pid.
const TEMP_MARK: &str = ".jobgen-";

/// Removes temporary folders in `parent` left by jobgen runs that no
/// longer exist. A `-old-` folder (left by the fallback replace, which
/// moves the old folder aside) whose job folder is missing is the user's
/// folder: it is moved back, not removed.
fn clean_stale(parent: &Path) {
    for name in dot_names(parent) {
        let Some((job, kind, pid)) = parse_temporary(&name) else {
            continue;
        };
        if pid == std::process::id() || interrupt::process_alive(pid) {
            continue;
        }
        let path = parent.join(&name);
        let job_folder = parent.join(job);
        if kind == "old" && fs::symlink_metadata(&job_folder).is_err() {
            let _ = fs::rename(&path, &job_folder);
        } else {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// The UTF-8 names in `parent` that start with a dot, where temporary
/// folders are.
fn dot_names(parent: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// `(job name, "new" | "old", pid)` of a temporary folder name.
fn parse_temporary(name: &str) -> Option<(&str, &str, u32)> {
    let rest = name.strip_prefix('.')?;
    let at = rest.rfind(TEMP_MARK)?;
    let (job, tail) = (&rest[..at], &rest[at + TEMP_MARK.len()..]);
    let (kind, pid) = tail.split_once('-')?;
    let pid: u32 = pid.parse().ok()?;
    (!job.is_empty() && matches!(kind, "new" | "old")).then_some((job, kind, pid))
}

/// Writes the new files into `tmp`, plus, from an existing folder `keep_from`,
/// every file jobgen does not write (except `drop`), each with its metadata
/// (`keep`); `tmp` takes `keep_from`'s mode and owner.
fn fill(
    tmp: &Path,
    files: &[RenderedFile],
    keep_from: Option<&Path>,
    drop: &[String],
) -> Result<keep::Notes, Error> {
    let mut notes = keep::Notes::default();
    let Some(old) = keep_from else {
        for f in files {
            let path = tmp.join(&f.name);
            // No fsync: the rename already makes the folder appear whole
            // to other processes, and durability across power loss is not
            // worth most of the run time of a scaffolder.
            fs::write(&path, &f.contents).map_err(|e| Error::io("write", &path, e))?;
        }
        return Ok(notes);
    };
    for f in files {
        keep::rewrite(
            &old.join(&f.name),
            &tmp.join(&f.name),
            &f.contents,
            &mut notes,
        )?;
    }
    for entry in fs::read_dir(old).map_err(|e| Error::io("read", old, e))? {
        let entry = entry.map_err(|e| Error::io("read", old, e))?;
        let name = entry.file_name();
        let ours = name == ANSWERS_FILE
            || name == BASE_FILE
            || files.iter().any(|f| name == f.name.as_str())
            || drop.iter().any(|d| name == d.as_str());
        if !ours {
            keep::carry(&entry.path(), &tmp.join(&name), &mut notes)?;
        }
    }
    keep::folder_like(old, tmp, &mut notes)?;
    Ok(notes)
}

/// The two renames that make writing atomic.
mod atomic {
    use std::io;
    use std::path::Path;

    use crate::error::Error;

    /// Renames the folder `from` to `to`, failing with `AlreadyExists` if
    /// `to` exists (as a file, folder or symlink).
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    pub fn claim(from: &Path, to: &Path) -> io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => Ok(()),
            Err(e) if e == rustix::io::Errno::EXIST || e == rustix::io::Errno::NOTEMPTY => {
                Err(io::Error::from(io::ErrorKind::AlreadyExists))
            }
            // A file system without the flag: the portable way.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
                portable_claim(from, to)
            }
            Err(e) => Err(e.into()),
        }
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    pub fn claim(from: &Path, to: &Path) -> io::Result<()> {
        portable_claim(from, to)
    }

    /// Without an exclusive rename: check, then rename. Another process
    /// can create `to` in between; rename refuses to replace a non-empty
    /// folder, so at worst an empty folder made in that instant is taken.
    fn portable_claim(from: &Path, to: &Path) -> io::Result<()> {
        if std::fs::symlink_metadata(to).is_ok() {
            return Err(io::Error::from(io::ErrorKind::AlreadyExists));
        }
        match std::fs::rename(from, to) {
            Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => {
                Err(io::Error::from(io::ErrorKind::AlreadyExists))
            }
            other => other,
        }
    }

    /// Trades the names of the folders `a` and `b` in one step.
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    pub fn exchange(a: &Path, b: &Path) -> Result<(), Error> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
                portable_exchange(a, b)
            }
            Err(e) => Err(Error::io("swap into place", b, e.into())),
        }
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    pub fn exchange(a: &Path, b: &Path) -> Result<(), Error> {
        portable_exchange(a, b)
    }

    /// Without an exchanging rename: move `b` aside to `.NAME.jobgen-old-PID`,
    /// move `a` in, then give the old folder `a`'s name. Killed between the
    /// first two renames, the folder is under the `-old-` name, which the
    /// next run moves back.
    fn portable_exchange(a: &Path, b: &Path) -> Result<(), Error> {
        let old = a
            .to_string_lossy()
            .rsplit_once("jobgen-new-")
            .map(|(head, pid)| std::path::PathBuf::from(format!("{head}jobgen-old-{pid}")))
            .ok_or_else(|| Error::io("swap into place", b, io::ErrorKind::InvalidInput.into()))?;
        std::fs::rename(b, &old).map_err(|e| Error::io("move aside", b, e))?;
        if let Err(e) = std::fs::rename(a, b) {
            return match std::fs::rename(&old, b) {
                Ok(()) => Err(Error::io("rename into place", b, e)),
                Err(back) => Err(Error::io(
                    "move back (the folder is now at the path shown)",
                    &old,
                    back,
                )),
            };
        }
        std::fs::rename(&old, a).map_err(|e| Error::io("rename", &old, e))
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

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("jobgen-write-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::canonicalize(dir).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
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
    fn create_never_replaces_and_leaves_nothing_when_refused() {
        let dir = scratch("create");
        let target = dir.join("job");
        create(&target, &[file("job.yaml", "first")]).unwrap();
        assert!(matches!(
            create(&target, &[file("job.yaml", "second")]),
            Err(Error::TargetExists(_))
        ));
        assert_eq!(
            fs::read_to_string(target.join("job.yaml")).unwrap(),
            "first"
        );
        // An empty folder is still a folder that exists.
        fs::create_dir(dir.join("empty")).unwrap();
        assert!(matches!(
            create(&dir.join("empty"), &[file("job.yaml", "x")]),
            Err(Error::TargetExists(_))
        ));
        assert_eq!(names(&dir), ["empty", "job"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn replace_keeps_user_files_and_drops_only_what_it_is_told() {
        let dir = scratch("replace");
        let target = dir.join("job");
        fs::create_dir_all(target.join("scripts")).unwrap();
        fs::write(target.join("scripts/run.sh"), "echo hi").unwrap();
        fs::write(target.join("configmap.yaml"), "stale").unwrap();
        fs::write(target.join("notes.yaml"), "mine").unwrap();
        fs::write(target.join("job.yaml"), "old").unwrap();
        replace(
            &target,
            &[file("job.yaml", "new")],
            &["configmap.yaml".into()],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(target.join("job.yaml")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(target.join("scripts/run.sh")).unwrap(),
            "echo hi"
        );
        assert_eq!(
            fs::read_to_string(target.join("notes.yaml")).unwrap(),
            "mine"
        );
        assert!(!target.join("configmap.yaml").exists());
        assert_eq!(names(&dir), ["job"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_generated_files_go_only_when_unedited() {
        let dir = scratch("stale");
        let target = dir.join("job");
        fs::create_dir_all(&target).unwrap();
        let base = crate::render::record::base_file(&[
            file("configmap.yaml", "as generated"),
            file("extra.yaml", "as generated"),
            file("job.yaml", "old"),
        ]);
        fs::write(target.join(BASE_FILE), &base.contents).unwrap();
        fs::write(target.join("configmap.yaml"), "as generated").unwrap();
        fs::write(target.join("extra.yaml"), "edited").unwrap();
        fs::write(target.join("network-policy.yaml"), "no record of it").unwrap();
        fs::write(target.join("job.yaml"), "old").unwrap();
        let r = stale_generated(&target, &[file("job.yaml", "new")]);
        assert_eq!(r.removed, ["configmap.yaml"]);
        // network-policy.yaml is not in the record: the user's own file.
        assert_eq!(r.kept, ["extra.yaml"]);
        // Without a record, the built-in names are jobgen's.
        fs::remove_file(target.join(BASE_FILE)).unwrap();
        let r = stale_generated(&target, &[file("job.yaml", "new")]);
        assert_eq!(r.removed, ["configmap.yaml", "network-policy.yaml"]);
        assert!(r.kept.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_temporaries_of_dead_runs_are_cleaned_and_a_lost_folder_comes_back() {
        let dir = scratch("stale-tmp");
        // A pid that cannot be running: above the kernel's maximum.
        let dead = 4_194_305;
        fs::create_dir(dir.join(format!(".job.jobgen-new-{dead}"))).unwrap();
        fs::create_dir(dir.join(format!(".lost.jobgen-old-{dead}"))).unwrap();
        fs::write(
            dir.join(format!(".lost.jobgen-old-{dead}/job.yaml")),
            "kept",
        )
        .unwrap();
        // A live run's folder is left alone.
        let live = format!(".other.jobgen-new-{}", std::process::id());
        fs::create_dir(dir.join(&live)).unwrap();
        fs::create_dir(dir.join(".not.ours")).unwrap();
        create(&dir.join("job"), &[file("job.yaml", "x")]).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("lost/job.yaml")).unwrap(),
            "kept"
        );
        assert_eq!(names(&dir), [".not.ours", &live, "job", "lost"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_temporary_left_under_this_pid_is_replaced_and_none_is_left_after() {
        // A run killed outright whose pid this process now has: its
        // temporary folder is not taken over with its files.
        let dir = scratch("same-pid");
        let left = dir.join(format!(".job.jobgen-new-{}", std::process::id()));
        fs::create_dir(&left).unwrap();
        fs::write(left.join("old.yaml"), "from the killed run").unwrap();
        create(&dir.join("job"), &[file("job.yaml", "x")]).unwrap();
        assert_eq!(names(&dir.join("job")), ["job.yaml"]);
        assert_eq!(names(&dir), ["job"]);
        // Refused (the name exists): the temporary folder is removed too.
        let again = create(&dir.join("job"), &[file("job.yaml", "y")]);
        assert!(matches!(again, Err(Error::TargetExists(_))), "{again:?}");
        assert_eq!(names(&dir), ["job"]);
        assert_eq!(fs::read_to_string(dir.join("job/job.yaml")).unwrap(), "x");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_temporaries_are_found_among_many_folders() {
        // More entries than one 8 KB listing buffer holds, with the stale
        // temporaries created last, and names that are not UTF-8 or only
        // look like temporaries.
        let dir = scratch("stale-many");
        for i in 0..600 {
            fs::create_dir(dir.join(format!("job-number-{i:04}-with-a-longer-name"))).unwrap();
        }
        fs::create_dir(dir.join(".git")).unwrap();
        fs::create_dir(dir.join(".x.jobgen-new-notapid")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let odd = std::ffi::OsStr::from_bytes(b".\xff.jobgen-new-4194305");
            fs::create_dir(dir.join(odd)).unwrap();
        }
        let dead = 4_194_305;
        for job in ["late-a", "late-b"] {
            fs::create_dir(dir.join(format!(".{job}.jobgen-new-{dead}"))).unwrap();
        }
        let found = dot_names(&dir);
        assert!(found.contains(&".git".to_owned()), "{found:?}");
        assert!(!found.iter().any(|n| n.starts_with("job-number")));
        create(&dir.join("job"), &[file("job.yaml", "x")]).unwrap();
        let left = names(&dir);
        assert_eq!(
            left.iter().filter(|n| n.contains("late-")).count(),
            0,
            "{left:?}"
        );
        assert!(left.contains(&".x.jobgen-new-notapid".to_owned()));
        assert!(left.contains(&".git".to_owned()));
        assert_eq!(left.len(), 600 + 3 + usize::from(cfg!(unix)));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporary_names_parse_back() {
        assert_eq!(
            parse_temporary(".a.b.jobgen-new-12"),
            Some(("a.b", "new", 12))
        );
        assert_eq!(parse_temporary(".x.jobgen-old-7"), Some(("x", "old", 7)));
        assert_eq!(parse_temporary(".x.jobgen-new-"), None);
        assert_eq!(parse_temporary("x.jobgen-new-1"), None);
        assert_eq!(parse_temporary("..jobgen-new-1"), None);
    }
}
