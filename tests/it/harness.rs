//! Small helpers shared by the integration tests.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The jobgen binary, with no terminal and no user config: HOME and
/// XDG_CONFIG_HOME point at an empty folder, so a config on this machine
/// cannot change what tests see.
pub fn jobgen() -> Command {
    let mut cmd = Command::cargo_bin("jobgen").expect("binary is built");
    // English unless a test asks otherwise, whatever the machine's locale.
    cmd.env("HOME", empty_home())
        .env("XDG_CONFIG_HOME", empty_home().join(".config"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

/// An empty folder shared by all tests as HOME.
pub fn empty_home() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jobgen-test-home-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp home");
    dir
}

/// Runs `jobgen new --no-input ARGS` in `dir`, which must succeed.
pub fn new_in(dir: &Path, args: &[&str]) {
    jobgen()
        .current_dir(dir)
        .args(["new", "--no-input"])
        .args(args)
        .assert()
        .success();
}

/// Runs `jobgen new ARGS --no-input --stdout` and returns the YAML stream.
pub fn stream(args: &[&str]) -> String {
    stdout_of(jobgen().args(["new", "--no-input", "--stdout"]).args(args))
}

/// Runs `cmd`, which must succeed (else its stderr is shown), and returns
/// its stdout.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Parses a multi-document YAML stream into JSON values.
pub fn documents(yaml: &str) -> Vec<Value> {
    serde_saphyr::from_multiple::<Value>(yaml)
        .unwrap_or_else(|e| panic!("invalid YAML: {e}\n{yaml}"))
        .into_iter()
        .filter(|d| !d.is_null())
        .collect()
}

/// The one document of this kind in the stream.
pub fn find<'a>(docs: &'a [Value], kind: &str) -> &'a Value {
    let found: Vec<_> = docs.iter().filter(|d| d["kind"] == kind).collect();
    assert_eq!(found.len(), 1, "expected one {kind}");
    found[0]
}

/// The names in a folder, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Every file in a folder, sorted by name, with its contents.
pub fn read_folder(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// `jobgen new a-b --no-input --dry-run ARGS` must fail with exit 3 and a
/// message containing `needle`.
pub fn refused_dry_run(args: &[&str], needle: &str) {
    jobgen()
        .args(["new", "a-b", "--no-input", "--dry-run"])
        .args(args)
        .assert()
        .code(3)
        .stderr(predicates::str::contains(needle));
}

/// Says, past the test harness's capture, that a test did not run its
/// check and why (a tool this machine lacks): `cargo test` shows the line
/// even though the test passes. CI installs every tool and fails instead.
pub fn skipped(why: &str) {
    use std::io::Write;
    let line = format!(
        "skipped: {}: {why}\n",
        std::thread::current().name().unwrap_or("a test")
    );
    let _ = std::io::stderr().write_all(line.as_bytes());
}
