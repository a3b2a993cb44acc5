//! `jobgen new` end to end: what is written where, --force, --dry-run,
//! --stdout, exit codes, help, version and completions.

use assert_fs::TempDir;
use assert_fs::prelude::*;
use predicates::prelude::*;

use crate::harness::{documents, jobgen, read_folder};

const FILES: [&str; 8] = [
    ".jobgen-answers",
    ".jobgen-base",
    "README.md",
    "configmap.yaml",
    "external-secret.yaml",
    "job.yaml",
    "network-policy.yaml",
    "service-account.yaml",
];

#[test]
fn writes_the_seed_folder_table_and_says_what_next() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "cloud-sql-restore-ojeomneo",
            "--env",
            "prod",
            "--pattern",
            "one-off",
            "--no-input",
        ])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "wrote cloud-sql-restore-ojeomneo/",
        ))
        .stderr(predicate::str::contains(
            "kubectl apply -f cloud-sql-restore-ojeomneo/",
        ));
    let files = read_folder(&dir.path().join("cloud-sql-restore-ojeomneo"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, FILES);
    let readme = &files[2].1;
    assert!(
        readme.contains("kubectl get job cloud-sql-restore-ojeomneo -n operations"),
        "{readme}"
    );
    assert!(readme.contains("kubectl logs job/cloud-sql-restore-ojeomneo -n operations"));
    assert!(readme.contains("kubectl delete job cloud-sql-restore-ojeomneo -n operations"));
    // Only Kubernetes objects in YAML files, so `kubectl apply -f DIR/` takes them all.
    for (name, contents) in files.iter().filter(|(n, _)| n.ends_with(".yaml")) {
        for doc in documents(contents) {
            assert!(
                doc["apiVersion"].is_string() && doc["kind"].is_string(),
                "{name}"
            );
        }
    }
}

#[test]
fn optional_files_can_be_left_out() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "a-b",
            "--no-service-account",
            "--no-external-secret",
            "--no-configmap",
            "--no-network-policy",
            "--no-input",
        ])
        .assert()
        .success();
    let files = read_folder(&dir.path().join("a-b"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [".jobgen-answers", ".jobgen-base", "README.md", "job.yaml"]
    );
    let job = &files[3].1;
    assert!(
        !job.contains("serviceAccountName") && !job.contains("envFrom"),
        "{job}"
    );
}

#[test]
fn output_dir_is_created_and_used() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "-o", "jobs/team", "--no-input"])
        .assert()
        .success()
        .stderr(predicate::str::contains("kubectl apply -f jobs/team/a-b/"));
    dir.child("jobs/team/a-b/job.yaml")
        .assert(predicate::path::exists());
}

#[test]
fn an_existing_folder_is_never_touched_without_force() {
    let dir = TempDir::new().unwrap();
    dir.child("a-b/job.yaml").write_str("my edits").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("a-b already exists"))
        .stderr(predicate::str::contains("--force"));
    dir.child("a-b/job.yaml").assert("my edits");
    assert_eq!(read_folder(&dir.path().join("a-b")).len(), 1);
}

#[test]
fn an_existing_file_is_not_replaced_even_with_force() {
    let dir = TempDir::new().unwrap();
    dir.child("a-b").write_str("a file").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--force"])
        .assert()
        .code(4);
    dir.child("a-b").assert("a file");
}

#[test]
fn force_replaces_generated_files_and_keeps_the_users_own() {
    let dir = TempDir::new().unwrap();
    dir.child("a-b/job.yaml").write_str("old").unwrap();
    dir.child("a-b/configmap.yaml").write_str("stale").unwrap();
    dir.child("a-b/notes.txt").write_str("mine").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-configmap", "--no-input", "--force"])
        .assert()
        .success();
    dir.child("a-b/job.yaml")
        .assert(predicate::str::contains("kind: Job"));
    dir.child("a-b/notes.txt").assert("mine");
    dir.child("a-b/configmap.yaml")
        .assert(predicate::path::missing());
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["a-b"], "no temporary folder is left behind");
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = TempDir::new().unwrap();
    // The output "directory" is a file, so creating the folder fails.
    dir.child("blocked").write_str("").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "-o", "blocked/sub", "--no-input"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("blocked/sub: Not a directory"))
        .stderr(predicate::str::contains("nothing was written"));
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["blocked"]);
}

#[test]
fn dry_run_lists_the_files_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--dry-run", "--no-input"])
        .assert()
        .success()
        .stderr(predicate::str::contains("would write a-b/"))
        .stderr(predicate::str::contains("job.yaml ("));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn dry_run_reports_an_existing_target_like_a_real_run() {
    let dir = TempDir::new().unwrap();
    dir.child("a-b/x").write_str("").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--dry-run", "--no-input"])
        .assert()
        .code(4);
}

#[test]
fn stdout_streams_only_kubernetes_objects_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "data-migration-v2", "--stdout"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let yaml = String::from_utf8(out.stdout).unwrap();
    let kinds: Vec<String> = documents(&yaml)
        .iter()
        .map(|d| d["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "ConfigMap",
            "ExternalSecret",
            "NetworkPolicy",
            "Job"
        ]
    );
    assert!(
        !yaml.contains("# data-migration-v2"),
        "the README is not in the stream"
    );
    assert!(
        yaml.starts_with("# Generated by jobgen ")
            && yaml.contains("(--stdout: no answers recorded)")
    );
    assert!(
        !yaml.contains(".jobgen-answers"),
        "nothing points at answers that were not written"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert!(yaml.contains("namespace: migrations"));
}

#[test]
fn usage_errors_exit_2() {
    jobgen()
        .args(["new", "a-b", "--no-such-flag"])
        .assert()
        .code(2);
    jobgen()
        .args(["new", "a-b", "--dry-run", "--stdout"])
        .assert()
        .code(2);
    jobgen().assert().code(2);
}

#[test]
fn help_version_and_completions() {
    jobgen()
        .args(["new", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--pattern <PATTERN>"))
        .stdout(predicate::str::contains(
            "[possible values: one-off, cron, parallel]",
        ))
        .stdout(predicate::str::contains("Examples:"));
    jobgen()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("jobgen 0."));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        jobgen()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("no-input"))
            .stdout(predicate::str::contains("one-off"));
    }
    jobgen().args(["completions", "tcsh"]).assert().code(2);
}

/// Regression: `jobgen completions bash | head -1` panicked on the closed pipe.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    for args in [
        &["completions", "bash"][..],
        &["new", "a-b", "--no-input", "--stdout"][..],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end before jobgen has started writing.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
