//! What a replace keeps of a folder besides the bytes of its files: the
//! mode, owner, group and modification time of every file jobgen does not
//! change, the modes of the folder and its sub-folders, and the mode (and,
//! where the process may set it, the owner) of a file jobgen rewrites.
//!
//! A file carried over is a hard link to the old one: the same inode, so
//! nothing about it changes (a FIFO or a device is linked too, never
//! opened). Where no link can be made (another user's file under the
//! kernel's protected_hardlinks, a file system without links), a regular
//! file is copied and given the old mode and times, and its owner when the
//! process may set it; what could not be kept is said, never hidden.

use std::fs;
use std::path::Path;

use crate::error::Error;
use crate::i18n::{Msg, f};

/// What a replace could not keep, for people.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes(pub Vec<String>);

/// Puts the old `from` (a file, symlink, special file or folder) at `to`
/// with its metadata (see the module).
pub fn carry(from: &Path, to: &Path, notes: &mut Notes) -> Result<(), Error> {
    let meta = fs::symlink_metadata(from).map_err(|e| Error::io("read", from, e))?;
    if meta.is_dir() {
        fs::create_dir(to).map_err(|e| Error::io("create", to, e))?;
        for entry in fs::read_dir(from).map_err(|e| Error::io("read", from, e))? {
            let entry = entry.map_err(|e| Error::io("read", from, e))?;
            carry(&entry.path(), &to.join(entry.file_name()), notes)?;
        }
        // After its entries, which change a folder's times.
        return like(&meta, from, to, notes);
    }
    if meta.file_type().is_symlink() {
        let link = fs::read_link(from).map_err(|e| Error::io("read", from, e))?;
        return symlink(&link, to).map_err(|e| Error::io("create", to, e));
    }
    match fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(_) if meta.is_file() => {
            fs::copy(from, to).map_err(|e| Error::io("copy", from, e))?;
            like(&meta, from, to, notes)
        }
        Err(e) => Err(Error::io("carry over", from, e)),
    }
}

/// Writes `contents` as `to`, the new version of `old` (which may not
/// exist): an unchanged file is carried over as it is, a changed one keeps
/// the old mode, and its owner where permitted.
pub fn rewrite(old: &Path, to: &Path, contents: &str, notes: &mut Notes) -> Result<(), Error> {
    let meta = fs::symlink_metadata(old).ok().filter(|m| m.is_file());
    if let Some(meta) = &meta
        && meta.len() == contents.len() as u64
        && fs::read(old).is_ok_and(|now| now == contents.as_bytes())
    {
        return carry(old, to, notes);
    }
    // No fsync: the rename already makes the folder appear whole to other
    // processes, and durability across power loss is not worth most of the
    // run time of a scaffolder.
    fs::write(to, contents).map_err(|e| Error::io("write", to, e))?;
    match meta {
        Some(meta) => {
            set_mode(&meta, to)?;
            set_owner(&meta, old, to, notes);
            Ok(())
        }
        None => Ok(()),
    }
}

/// Refuses to replace the folder `target` when its new copy could not
/// belong to the folder's owner: it belongs to another user, and only root
/// may give a folder to another user. Nothing is written then.
#[cfg(unix)]
pub fn refuse_foreign_folder(target: &Path) -> Result<(), Error> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(target).map_err(|e| Error::io("read", target, e))?;
    let me = rustix::process::geteuid();
    if me.is_root() || meta.uid() == me.as_raw() {
        return Ok(());
    }
    Err(Error::NotWritten {
        target: target.to_path_buf(),
        why: f(
            Msg::W_FOREIGN_FOLDER,
            &[
                ("owner", &meta.uid().to_string()),
                ("me", &me.as_raw().to_string()),
            ],
        ),
    })
}

#[cfg(not(unix))]
pub fn refuse_foreign_folder(_target: &Path) -> Result<(), Error> {
    Ok(())
}

/// Gives the folder `to` (the new copy) the mode and owner of `from`.
pub fn folder_like(from: &Path, to: &Path, notes: &mut Notes) -> Result<(), Error> {
    let meta = fs::metadata(from).map_err(|e| Error::io("read", from, e))?;
    set_mode(&meta, to)?;
    set_owner(&meta, from, to, notes);
    Ok(())
}

/// Gives `to` the mode, times and (where permitted) owner `meta` says
/// `from` has.
fn like(meta: &fs::Metadata, from: &Path, to: &Path, notes: &mut Notes) -> Result<(), Error> {
    // Times first: setting them opens the copy, which its old mode might
    // not allow; neither mode nor owner changes them afterwards.
    let times = fs::FileTimes::new()
        .set_accessed(meta.accessed().map_err(|e| Error::io("read", from, e))?)
        .set_modified(meta.modified().map_err(|e| Error::io("read", from, e))?);
    fs::File::open(to)
        .and_then(|f| f.set_times(times))
        .map_err(|e| Error::io("set the times of", to, e))?;
    set_mode(meta, to)?;
    set_owner(meta, from, to, notes);
    Ok(())
}

fn set_mode(meta: &fs::Metadata, to: &Path) -> Result<(), Error> {
    fs::set_permissions(to, meta.permissions()).map_err(|e| Error::io("set the mode of", to, e))
}

/// Gives `to` the owner and group of `meta`; says so when the process may
/// not (only root may give a file to another user).
#[cfg(unix)]
fn set_owner(meta: &fs::Metadata, from: &Path, to: &Path, notes: &mut Notes) {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = fs::symlink_metadata(to) else {
        return;
    };
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return;
    }
    if let Err(e) = std::os::unix::fs::chown(to, Some(meta.uid()), Some(meta.gid())) {
        notes.0.push(f(
            Msg::W_OWNER_NOT_KEPT,
            &[
                ("path", &from.display().to_string()),
                ("owner", &format!("{}:{}", meta.uid(), meta.gid())),
                ("why", &crate::error::plain_io(&e)),
            ],
        ));
    }
}

#[cfg(not(unix))]
fn set_owner(_meta: &fs::Metadata, _from: &Path, _to: &Path, _notes: &mut Notes) {}

#[cfg(unix)]
fn symlink(link: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(link, to)
}

#[cfg(windows)]
fn symlink(link: &Path, to: &Path) -> std::io::Result<()> {
    let target = to.parent().map(|p| p.join(link)).unwrap_or_default();
    if target.is_dir() {
        std::os::windows::fs::symlink_dir(link, to)
    } else {
        std::os::windows::fs::symlink_file(link, to)
    }
}

#[cfg(not(any(unix, windows)))]
fn symlink(_link: &Path, _to: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
