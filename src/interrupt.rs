//! Interrupts (SIGINT, SIGTERM, SIGHUP) while jobgen asks or writes: the
//! temporary folder being filled is removed, the terminal's cursor is
//! shown again, and the message says exactly what was written before the
//! process exits with 130.
//!
//! A handler thread (the `ctrlc` crate) does the work; it takes the same
//! lock the writer holds around each change to what it removes and around
//! each rename, so an interrupt lands either before a folder is in place
//! (and nothing of it stays) or after.

use crate::i18n::Msg;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use crate::error::{Error, exit};
use crate::i18n;

#[derive(Default)]
struct State {
    /// Temporary folders being filled.
    staged: Vec<PathBuf>,
    /// Folders written (created or replaced) by this run.
    written: Vec<PathBuf>,
}

static STATE: Mutex<State> = Mutex::new(State {
    staged: Vec::new(),
    written: Vec::new(),
});
static INSTALL: Once = Once::new();

fn state() -> MutexGuard<'static, State> {
    STATE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Handles interrupts from now on (once per process; later calls do nothing).
pub fn install() {
    INSTALL.call_once(|| {
        // Without a handler (e.g. no thread could be started) an interrupt
        // kills the process as before; the next run cleans up after it.
        let _ = ctrlc::set_handler(on_interrupt);
    });
}

/// On the handler thread: waits for the writer to leave the lock, removes
/// what is half written, says what was written and ends the process.
fn on_interrupt() {
    let state = state();
    for path in &state.staged {
        remove_all(path);
    }
    show_cursor();
    eprintln!("\n{}", message(&state.written));
    std::process::exit(i32::from(exit::CANCELLED));
}

/// What an interrupt says, given the folders written before it.
fn message(written: &[PathBuf]) -> String {
    if written.is_empty() {
        return i18n::t(Msg::R_CANCELLED).to_string();
    }
    let list: Vec<String> = written
        .iter()
        .map(|p| format!("{}/", p.display()))
        .collect();
    i18n::f(Msg::R_CANCELLED_AFTER, &[("written", &list.join(", "))])
}

/// Shows the cursor again if a prompt hid it (stderr is the prompt's terminal).
pub fn show_cursor() {
    use std::io::{IsTerminal, Write};
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = err.write_all(b"\x1b[?25h");
        let _ = err.flush();
    }
}

/// Removes a folder the writer may still be adding files to.
fn remove_all(path: &Path) {
    for _ in 0..20 {
        match std::fs::remove_dir_all(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => continue,
            _ => return,
        }
    }
}

/// A temporary folder being filled, removed on interrupt or when finished
/// without being renamed into place.
pub struct Staged {
    path: PathBuf,
}

impl Staged {
    /// Creates the (empty) temporary folder `path`, first removing one left
    /// by an earlier process that had the same pid.
    pub fn new(path: &Path) -> Result<Staged, Error> {
        install();
        let mut state = state();
        match std::fs::create_dir(path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_dir_all(path).map_err(|e| Error::io("remove", path, e))?;
                std::fs::create_dir(path)
            }
            made => made,
        }
        .map_err(|e| Error::io("create", path, e))?;
        state.staged.push(path.to_path_buf());
        Ok(Staged {
            path: path.to_path_buf(),
        })
    }

    /// Runs `rename` (which puts the folder in place as `target`) so that
    /// no interrupt lands in the middle; records `target` as written.
    pub fn commit<T>(
        &self,
        target: &Path,
        rename: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut state = state();
        let done = rename()?;
        state.written.push(target.to_path_buf());
        Ok(done)
    }

    /// Removes the temporary folder if it is still there.
    pub fn finish(self) {
        let mut state = state();
        remove_all(&self.path);
        state.staged.retain(|p| *p != self.path);
    }

    /// Forgets the temporary folder after `commit` renamed it into place
    /// as a whole: nothing is left under its name to look for.
    pub fn forget(self) {
        state().staged.retain(|p| *p != self.path);
    }
}

/// True unless the process `pid` is known to be gone.
#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Elsewhere no stale folder is removed.
#[cfg(not(unix))]
pub fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message an interrupt writes names what was written before it.
    #[test]
    fn the_message_names_each_folder_written() {
        assert_eq!(message(&[]), "cancelled; nothing was written");
        let written = [PathBuf::from("/jobs/a"), PathBuf::from("/jobs/b")];
        let en = message(&written);
        assert!(en.contains("/jobs/a/, /jobs/b/ had been written"), "{en}");
    }
}
