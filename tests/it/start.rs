//! What std's start-up does for jobgen on Unix: a closed stdin, stdout or
//! stderr is reopened on `/dev/null`, and SIGPIPE is ignored, so a closed
//! pipe is a write error jobgen handles rather than a death by signal.
#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use assert_fs::TempDir;

use crate::harness::{empty_home, stream};

/// The binary under test, as `harness::jobgen` sets it up, for std's
/// `Command` (which takes any descriptor as stdout).
fn command(dir: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_jobgen"));
    cmd.current_dir(dir)
        .env("HOME", empty_home())
        .env("XDG_CONFIG_HOME", empty_home().join(".config"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

#[test]
fn a_closed_stdout_is_reopened_on_dev_null_and_nothing_lands_in_a_file() {
    let dir = TempDir::new().unwrap();
    // `>&-` closes stdout before jobgen starts: with nothing on descriptor
    // 1, the stream would fail with EBADF, and the first file a written
    // run opened would take descriptor 1 and catch anything printed.
    for args in [
        "new restore-db --no-input --stdout",
        "new restore-db --no-input",
    ] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" {args} >&-"))
            .arg(env!("CARGO_BIN_EXE_jobgen"))
            .current_dir(dir.path())
            .env("HOME", empty_home())
            .env("XDG_CONFIG_HOME", empty_home().join(".config"))
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args}: {err}");
        assert!(!err.contains("error:"), "{args}: {err}");
    }
    let written = std::fs::read_to_string(dir.path().join("restore-db/job.yaml")).unwrap();
    let streamed = stream(&["restore-db"]);
    assert!(
        streamed.contains(&written[written.find("apiVersion").unwrap()..]),
        "job.yaml differs from the streamed Job"
    );
}

#[test]
fn a_pipe_closed_before_jobgen_writes_is_not_a_death_by_sigpipe() {
    let dir = TempDir::new().unwrap();
    let (read, write) = std::io::pipe().unwrap();
    drop(read);
    let status = command(dir.path())
        .args(["new", "restore-db", "--no-input", "--stdout"])
        .stdout(Stdio::from(write))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.signal(), None, "killed by a signal: {status:?}");
    // A reader that went away is not an error (style::print_stdout).
    assert_eq!(status.code(), Some(0));
}
