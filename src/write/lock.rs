//! The lock that makes two runs working on jobs of one folder take turns:
//! an exclusive advisory lock (`flock`) on the folder that holds the job
//! folder (the job folder itself is swapped out by each replace, so a lock
//! on it would be left behind on the old copy). A process takes the lock
//! once and its threads share it: one `update` works on sibling folders
//! side by side, while another process waits for all of them. No thread
//! waits for a lock while it holds one, so two processes cannot each hold
//! what the other waits for.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::Error;

/// One locked folder: how many of this process's threads work in it, and
/// (while any do) the open folder whose `flock` is held.
#[derive(Default)]
struct Held {
    state: Mutex<(usize, Option<fs::File>)>,
}

/// Every folder this process has locked, by path (a handful per run).
static HELD: Mutex<Vec<(PathBuf, Arc<Held>)>> = Mutex::new(Vec::new());

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Held while a folder is planned and replaced, so two `update`s (or an
/// `update` and a `new --force`) of jobs in one folder take turns, and the
/// second merges what the first wrote instead of silently replacing it.
pub struct Lock {
    held: Arc<Held>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let mut state = guard(&self.held.state);
        state.0 -= 1;
        if state.0 == 0 {
            // Closing the folder releases its flock.
            state.1 = None;
        }
    }
}

/// Waits for and takes the lock of the folder that holds `target` (a real path).
pub fn lock_beside(target: &Path) -> Result<Lock, Error> {
    let parent = crate::paths::parent_of(target)?;
    let held = {
        let mut all = guard(&HELD);
        match all.iter().find(|(p, _)| *p == parent) {
            Some((_, h)) => h.clone(),
            None => {
                let h = Arc::new(Held::default());
                all.push((parent.clone(), h.clone()));
                h
            }
        }
    };
    // Only this folder's state is held while waiting for another process.
    let mut state = guard(&held.state);
    if state.0 == 0 {
        state.1 = open_locked(&parent)?;
    }
    state.0 += 1;
    drop(state);
    Ok(Lock { held })
}

#[cfg(unix)]
fn open_locked(parent: &Path) -> Result<Option<fs::File>, Error> {
    let dir = fs::File::open(parent).map_err(|e| Error::io("open", parent, e))?;
    rustix::fs::flock(&dir, rustix::fs::FlockOperation::LockExclusive)
        .map_err(|e| Error::io("lock", parent, e.into()))?;
    Ok(Some(dir))
}

#[cfg(not(unix))]
fn open_locked(_parent: &Path) -> Result<Option<fs::File>, Error> {
    Ok(None)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn locked_elsewhere(dir: &Path) -> bool {
        let other = fs::File::open(dir).unwrap();
        let taken = rustix::fs::flock(&other, rustix::fs::FlockOperation::NonBlockingLockExclusive);
        taken.is_err()
    }

    #[test]
    fn threads_share_the_lock_and_the_last_one_out_releases_it() {
        let dir = std::env::temp_dir().join(format!("jobgen-lock-{}", std::process::id()));
        fs::create_dir_all(dir.join("a")).unwrap();
        let (a, b) = (dir.join("a"), dir.join("b"));
        let first = lock_beside(&a).unwrap();
        // A second job of the same folder, from another thread of this
        // process, does not wait.
        let second = std::thread::spawn(move || lock_beside(&b).map(|_| ()))
            .join()
            .unwrap();
        assert!(second.is_ok());
        // Another open of the folder (another process's) is kept out...
        assert!(locked_elsewhere(&dir));
        drop(first);
        // ...until the last of this process's users lets go.
        assert!(!locked_elsewhere(&dir));
        fs::remove_dir_all(&dir).unwrap();
    }
}
