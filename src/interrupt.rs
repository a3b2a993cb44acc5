//! Interrupts (SIGINT, SIGTERM, SIGHUP) while jobgen asks or writes: the
//! temporary folder being filled is removed, the terminal's cursor is
//! shown again, and the message says exactly what was written before the
//! process exits with 130.
//!
//! What an interrupt must do is kept ready in one shared [`State`]: the
//! temporary folders (with their paths as C strings) and the message, in
//! both languages, rebuilt whenever a folder is written. It changes only
//! inside a *section* ([`section`]): one thread at a time (a mutex), with
//! the three signals blocked in that thread, counted in `ACTIVE`.
//!
//! On Unix the signal handler does the work itself, with system calls only
//! (no allocation, no lock), and never waits for another thread: one that
//! may be stopped inside `malloc` by this very signal would never let go.
//! It marks the interrupt `PENDING`; if no section is running it removes
//! the folders, writes the message and leaves with `_exit`; if one is, it
//! returns, and the thread in the section does the same as it leaves it
//! (a section that starts after the mark does nothing and hands over too).
//! `PENDING` and `ACTIVE` are each written before the other is read, both
//! sequentially consistent, so either the handler sees the section or the
//! section sees the mark. So an interrupt lands either before a folder is
//! in place (and nothing of it stays) or after, and the run starts no
//! thread for it (a handler thread, the `ctrlc` crate's, cost 3.5 % of
//! `new`; README, "Speed"). Elsewhere `ctrlc`'s thread does the same.

use std::cell::UnsafeCell;
use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

use crate::error::Error;
use crate::i18n::{self, Ui};

/// What an interrupt removes and says.
struct State {
    /// Temporary folders being filled, with their paths as C strings.
    staged: Vec<(PathBuf, CString)>,
    /// Folders written (created or replaced) by this run.
    written: Vec<PathBuf>,
    /// The message, English and Korean, with its leading and trailing
    /// newline; empty until [`install`].
    message: [Vec<u8>; 2],
}

impl State {
    /// The message as it stands, for each language.
    fn rebuild_message(&mut self) {
        self.message = [Ui::En, Ui::Ko].map(|ui| {
            let text = if self.written.is_empty() {
                i18n::f_in(ui, "r.cancelled", &[])
            } else {
                let list: Vec<String> = self
                    .written
                    .iter()
                    .map(|p| format!("{}/", p.display()))
                    .collect();
                i18n::f_in(ui, "r.cancelled_after", &[("written", &list.join(", "))])
            };
            format!("\n{text}\n").into_bytes()
        });
    }
}

struct Shared(UnsafeCell<State>);

// SAFETY: the state is written only inside a section (one thread at a
// time, under SECTIONS) and read by the one thread that handles an
// interrupt once no section runs (see the module's comment).
unsafe impl Sync for Shared {}

static SHARED: Shared = Shared(UnsafeCell::new(State {
    staged: Vec::new(),
    written: Vec::new(),
    message: [Vec::new(), Vec::new()],
}));
/// One section at a time.
static SECTIONS: Mutex<()> = Mutex::new(());
/// Sections running (0 or 1).
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
/// An interrupt arrived.
static PENDING: AtomicBool = AtomicBool::new(false);
/// Someone is handling it (only one does).
static HANDLING: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// Runs `change` on the state as a section: with the interrupt signals
/// blocked in this thread and no other section running. An interrupt that
/// arrived before or during it is handled as it ends (and the process
/// exits); one that arrived before it started means it does not run.
fn section<T>(change: impl FnOnce(&mut State) -> T) -> T {
    let _one = SECTIONS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    #[cfg(unix)]
    let mask = signals::block();
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    if PENDING.load(Ordering::SeqCst) {
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
        handle_pending();
    }
    // SAFETY: this thread is the only one in a section, and no interrupt
    // is being handled (PENDING was not set when ACTIVE counted this one).
    let done = change(unsafe { &mut *SHARED.0.get() });
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    if PENDING.load(Ordering::SeqCst) {
        handle_pending();
    }
    #[cfg(unix)]
    signals::restore(&mask);
    done
}

/// Handles an interrupt that arrived while a section ran, once none runs
/// (in an ordinary thread, which may wait); if another thread already
/// handles it, waits for the process to end.
fn handle_pending() -> ! {
    if HANDLING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    while ACTIVE.load(Ordering::SeqCst) != 0 {
        std::thread::yield_now();
    }
    // SAFETY: no section runs, and any that starts now stops at PENDING.
    let state: &State = unsafe { &*SHARED.0.get() };
    #[cfg(unix)]
    signals::clean_up_and_exit(state);
    #[cfg(not(unix))]
    clean_up_and_exit(state);
}

/// Handles interrupts from now on (once per process; later calls do nothing).
pub fn install() {
    INSTALL.call_once(|| {
        section(State::rebuild_message);
        // Without a handler an interrupt kills the process as before; the
        // next run cleans up after it.
        #[cfg(unix)]
        signals::install();
        #[cfg(not(unix))]
        let _ = ctrlc::set_handler(on_interrupt);
    });
}

/// Elsewhere than Unix: `ctrlc`'s thread (an ordinary thread, which may
/// wait for a section to end).
#[cfg(not(unix))]
fn on_interrupt() {
    PENDING.store(true, Ordering::SeqCst);
    handle_pending();
}

/// Elsewhere than Unix: the clean-up, with std's calls.
#[cfg(not(unix))]
fn clean_up_and_exit(state: &State) -> ! {
    for (path, _) in &state.staged {
        remove_all(path);
    }
    show_cursor();
    let message = &state.message[usize::from(i18n::ui() == Ui::Ko)];
    let _ = std::io::Write::write_all(&mut std::io::stderr(), message);
    std::process::exit(i32::from(crate::error::exit::CANCELLED));
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

/// A path as a C string (a path holds no NUL on Unix; elsewhere it is
/// only kept, never used).
fn c_path(path: &Path) -> CString {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    CString::new(bytes).unwrap_or_default()
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
        let c = c_path(path);
        section(|state| {
            match std::fs::create_dir(path) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    std::fs::remove_dir_all(path).map_err(|e| Error::io("remove", path, e))?;
                    std::fs::create_dir(path)
                }
                made => made,
            }
            .map_err(|e| Error::io("create", path, e))?;
            state.staged.push((path.to_path_buf(), c));
            Ok(Staged {
                path: path.to_path_buf(),
            })
        })
    }

    /// Runs `rename` (which puts the folder in place as `target`) so that
    /// no interrupt lands in the middle; records `target` as written.
    pub fn commit<T>(
        &self,
        target: &Path,
        rename: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        section(|state| {
            let done = rename()?;
            state.written.push(target.to_path_buf());
            state.rebuild_message();
            Ok(done)
        })
    }

    /// Removes the temporary folder if it is still there.
    pub fn finish(self) {
        section(|state| {
            remove_all(&self.path);
            state.staged.retain(|(p, _)| *p != self.path);
        });
    }

    /// Forgets the temporary folder after `commit` renamed it into place
    /// as a whole: nothing is left under its name to look for.
    pub fn forget(self) {
        section(|state| state.staged.retain(|(p, _)| *p != self.path));
    }
}

/// The Unix signal handler and the signal mask around changes.
#[cfg(unix)]
mod signals {
    use std::ffi::{CStr, c_int};
    use std::mem::MaybeUninit;
    use std::sync::atomic::Ordering;

    use rustix::fd::{AsFd, BorrowedFd};
    use rustix::fs::{AtFlags, CWD, Mode, OFlags, RawDir};
    use rustix::io::Errno;

    use super::{ACTIVE, HANDLING, PENDING, SHARED, State};
    use crate::error::exit;
    use crate::i18n::{self, Ui};

    const SIGNALS: [c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    /// A thread's signal mask as it was.
    pub struct Mask(libc::sigset_t);

    fn interrupt_set() -> libc::sigset_t {
        let mut set = MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: sigemptyset initialises the set; sigaddset adds valid
        // signal numbers to it.
        unsafe {
            libc::sigemptyset(set.as_mut_ptr());
            for signal in SIGNALS {
                libc::sigaddset(set.as_mut_ptr(), signal);
            }
            set.assume_init()
        }
    }

    /// Blocks the interrupt signals in this thread; returns the mask before.
    pub fn block() -> Mask {
        let set = interrupt_set();
        let mut old = MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: valid sets; pthread_sigmask writes the old mask.
        unsafe {
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, old.as_mut_ptr());
            Mask(old.assume_init())
        }
    }

    /// Puts back the mask `block` returned.
    pub fn restore(mask: &Mask) {
        // SAFETY: a mask pthread_sigmask returned.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &mask.0, std::ptr::null_mut());
        }
    }

    /// Sets `on_signal` as the handler of the three signals, each blocking
    /// the others while it runs.
    pub fn install() {
        let handler: extern "C" fn(c_int) = on_signal;
        for signal in SIGNALS {
            // SAFETY: a zeroed sigaction is valid; the handler does only
            // async-signal-safe work (see on_signal).
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = handler as libc::sighandler_t;
                action.sa_mask = interrupt_set();
                action.sa_flags = libc::SA_RESTART;
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    }

    /// The handler: marks the interrupt; then, unless a section runs (whose
    /// thread handles it as it leaves) or someone already handles it,
    /// handles it here. Never waits.
    extern "C" fn on_signal(_: c_int) {
        PENDING.store(true, Ordering::SeqCst);
        if ACTIVE.load(Ordering::SeqCst) != 0 || HANDLING.swap(true, Ordering::SeqCst) {
            return;
        }
        // SAFETY: no section ran when PENDING was set, and any that starts
        // now stops at it, so nothing changes the state from here on.
        clean_up_and_exit(unsafe { &*SHARED.0.get() });
    }

    /// Removes the temporary folders, shows the cursor, writes the message
    /// and ends the process at once: system calls only, so it may run in
    /// the handler whatever the thread it stopped was doing.
    pub fn clean_up_and_exit(state: &State) -> ! {
        for (_, path) in &state.staged {
            remove_tree(path);
        }
        // SAFETY: tcgetattr (isatty's test, which POSIX lists as safe in
        // a handler where it does not list isatty) and write on a
        // descriptor; _exit ends the process without running anything else.
        unsafe {
            let mut terminal = MaybeUninit::<libc::termios>::uninit();
            if libc::tcgetattr(2, terminal.as_mut_ptr()) == 0 {
                write_all(b"\x1b[?25h");
            }
            write_all(&state.message[usize::from(i18n::ui() == Ui::Ko)]);
            libc::_exit(c_int::from(exit::CANCELLED))
        }
    }

    /// Writes all of `bytes` to stderr (as far as it can).
    unsafe fn write_all(mut bytes: &[u8]) {
        while !bytes.is_empty() {
            // SAFETY: a valid buffer of that length.
            let n = unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
            match n {
                n if n > 0 => bytes = &bytes[n as usize..],
                -1 if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) => {}
                _ => return,
            }
        }
    }

    /// Removes a folder the writer may still be adding files to: up to 20
    /// tries, as `remove_all` does.
    pub fn remove_tree(path: &CStr) {
        for _ in 0..20 {
            match remove_at(CWD, path, 0) {
                Ok(()) | Err(Errno::NOENT) => return,
                Err(_) => {}
            }
        }
    }

    /// Folders below a temporary one are followed this deep at most.
    const MAX_DEPTH: usize = 16;

    /// Removes `name` under `parent` and, if it is a folder, all it holds,
    /// listing each folder into a buffer on the stack.
    fn remove_at(parent: BorrowedFd<'_>, name: &CStr, depth: usize) -> Result<(), Errno> {
        match rustix::fs::unlinkat(parent, name, AtFlags::REMOVEDIR) {
            Err(Errno::NOTEMPTY | Errno::EXIST) if depth < MAX_DEPTH => {}
            Err(Errno::NOTDIR) => return rustix::fs::unlinkat(parent, name, AtFlags::empty()),
            done => return done,
        }
        let dir = rustix::fs::openat(
            parent,
            name,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let mut buf = [MaybeUninit::<u8>::uninit(); 2048];
        let mut entries = RawDir::new(dir.as_fd(), &mut buf);
        while let Some(entry) = entries.next() {
            let entry = entry?;
            let child = entry.file_name();
            if child == c"." || child == c".." {
                continue;
            }
            match rustix::fs::unlinkat(dir.as_fd(), child, AtFlags::empty()) {
                Ok(()) | Err(Errno::NOENT) => {}
                Err(Errno::ISDIR | Errno::PERM) => remove_at(dir.as_fd(), child, depth + 1)?,
                Err(e) => return Err(e),
            }
        }
        drop(dir);
        rustix::fs::unlinkat(parent, name, AtFlags::REMOVEDIR)
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// The handler's removal (system calls, a listing buffer on the stack)
    /// removes a folder with files, hidden files and folders inside
    /// folders, more entries than one listing buffer holds, and a symlink
    /// to a folder outside without following it.
    #[test]
    fn the_handlers_removal_removes_a_whole_tree_and_follows_no_symlink() {
        let base = std::env::temp_dir().join(format!("jobgen-remove-tree-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let tree = base.join(".job.jobgen-new-1");
        let outside = base.join("outside");
        std::fs::create_dir_all(tree.join("a/b/c")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep"), "kept").unwrap();
        for i in 0..300 {
            std::fs::write(tree.join(format!("file-with-a-long-name-{i:04}.yaml")), "x").unwrap();
        }
        std::fs::write(tree.join(".jobgen-answers"), "{}").unwrap();
        std::fs::write(tree.join("a/b/c/deep"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, tree.join("a/link")).unwrap();
        signals::remove_tree(&c_path(&tree));
        assert!(!tree.exists(), "the temporary folder is still there");
        assert_eq!(
            std::fs::read_to_string(outside.join("keep")).unwrap(),
            "kept"
        );
        // A folder that is not there is no error.
        signals::remove_tree(&c_path(&tree));
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// The message an interrupt writes, in both languages, names what was
    /// written before it.
    #[test]
    fn the_message_names_each_folder_written() {
        let mut state = State {
            staged: Vec::new(),
            written: Vec::new(),
            message: [Vec::new(), Vec::new()],
        };
        state.rebuild_message();
        assert_eq!(state.message[0], b"\ncancelled; nothing was written\n");
        state.written.push(PathBuf::from("/jobs/a"));
        state.written.push(PathBuf::from("/jobs/b"));
        state.rebuild_message();
        let en = String::from_utf8(state.message[0].clone()).unwrap();
        let ko = String::from_utf8(state.message[1].clone()).unwrap();
        assert!(en.contains("/jobs/a/, /jobs/b/ had been written"), "{en}");
        assert!(
            ko.contains("/jobs/a/, /jobs/b/") && ko.starts_with("\n취소"),
            "{ko}"
        );
        assert!(en.ends_with('\n') && ko.ends_with('\n'));
    }
}
