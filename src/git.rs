//! The user's own `git` program, run for team templates kept in a
//! repository: it knows their SSH keys, credential helpers, proxies and
//! private hosts. Never interactive: `GIT_TERMINAL_PROMPT=0`, no standard
//! input, and ssh in batch mode (unless the user set `GIT_SSH_COMMAND`),
//! so a repository that wants a password fails instead of waiting; and a
//! run that takes longer than the time limit is stopped.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one git command may take (`JOBGEN_GIT_TIMEOUT`, seconds).
fn time_limit() -> Duration {
    let secs = std::env::var("JOBGEN_GIT_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    Duration::from_secs(secs)
}

/// Runs `git ARGS` (in `dir` when given) and returns its standard output,
/// or what went wrong in words: git missing, or git's own last lines.
pub fn run(args: &[&str], dir: Option<&Path>) -> Result<String, String> {
    let mut cmd = Command::new("git");
    cmd.args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if std::env::var_os("GIT_SSH_COMMAND").is_none() {
        cmd.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    }
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "git is not installed (or not on PATH); templates from a repository are fetched with it"
                .to_string()
        }
        _ => format!("git could not be started: {}", crate::error::plain_io(&e)),
    })?;
    // Read both pipes on threads, so a chatty git never blocks on a full pipe.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > time_limit() => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`git {}` took longer than {} s and was stopped (JOBGEN_GIT_TIMEOUT sets the limit)",
                    args.first().unwrap_or(&""),
                    time_limit().as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("git: {}", crate::error::plain_io(&e))),
        }
    };
    let (out, err) = (
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    );
    if status.success() {
        return Ok(out);
    }
    // git's first word on it is the one that says what is wrong.
    let said = err
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("hint:"))
        .map(|l| {
            l.trim_start_matches("fatal: ")
                .trim_start_matches("error: ")
        });
    Err(match said {
        None => format!("`git {}` failed ({status})", args.first().unwrap_or(&"")),
        Some(said) => format!("git: {said}"),
    })
}
