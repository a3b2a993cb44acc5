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
    let files = read_folder(&dir.path().join(name));
    let mut rendered = Vec::new();
    for (file, contents) in &files {
        match file.as_str() {
            // The recorded base is the pristine render of the other files.
            ".jobgen-base" => {}
            _ => insta::assert_snapshot!(format!("{name}__{file}"), contents),
        }
        if file != ".jobgen-base" && file != ".jobgen-answers" {
            rendered.push((file.clone(), contents.clone()));
        }
    }
    let (_, base) = files.iter().find(|(f, _)| f == ".jobgen-base").unwrap();
    let mut base = jobgen::render::record::read_base(base).unwrap();
    base.sort();
    assert_eq!(base, rendered);
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
