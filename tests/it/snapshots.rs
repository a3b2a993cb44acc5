//! Whole-file snapshots of the three patterns (insta). A change to a
//! template shows up here as a reviewable diff.

use assert_fs::TempDir;

use crate::harness::{jobgen, read_folder};

fn snapshot_folder(name: &str, args: &[&str]) {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .arg("new")
        .arg(name)
        .args(args)
        .arg("--no-input")
        .assert()
        .success();
    for (file, contents) in read_folder(&dir.path().join(name)) {
        insta::assert_snapshot!(format!("{name}__{file}"), contents);
    }
}

#[test]
fn one_off() {
    snapshot_folder("cloud-sql-restore-ojeomneo", &["--env", "prod"]);
}

#[test]
fn cron() {
    snapshot_folder(
        "nightly-backup-ojeomneo",
        &["--pattern", "cron", "--schedule", "0 2 * * *"],
    );
}

#[test]
fn parallel() {
    snapshot_folder(
        "image-resize-batch",
        &[
            "--pattern",
            "parallel",
            "--parallelism",
            "5",
            "--completions",
            "10",
        ],
    );
}
