//! `jobgen update` and `jobgen check` end to end: a folder made with a team
//! template, edited by its user, then the template changes.

use std::path::Path;

use assert_fs::TempDir;
use assert_fs::prelude::*;
use predicates::prelude::*;

use crate::harness::{jobgen, new_in, read_folder};

/// A repository with a team template for job.yaml and one job made from it.
fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "tpl", "job.yaml"])
        .assert()
        .success();
    new(&dir, &["restore-db", "--templates", "tpl"]);
    dir
}

fn new(dir: &TempDir, args: &[&str]) {
    new_in(dir.path(), args);
}

fn edit(path: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{old:?} not in {}", path.display());
    std::fs::write(path, text.replacen(old, new, 1)).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The user pins the image with a comment and raises backoffLimit.
fn user_edits(dir: &TempDir) {
    let job = dir.path().join("restore-db/job.yaml");
    edit(
        &job,
        "          image: \"busybox:1.37\"\n",
        "          # 1.37 breaks our restore script\n          image: \"busybox:1.36\"\n",
    );
    edit(
        &job,
        "  backoffLimit: 3\n",
        "  backoffLimit: 6 # flaky network\n",
    );
}

/// The team template changes the pull policy (clean) and, optionally,
/// backoffLimit (a conflict with the user's edit).
fn template_change(dir: &TempDir, conflicting: bool) {
    let tpl = dir.path().join("tpl/job.yaml.tera");
    edit(
        &tpl,
        "imagePullPolicy: Always",
        "imagePullPolicy: IfNotPresent",
    );
    if conflicting {
        edit(&tpl, "backoffLimit: {{ backoff_limit }}", "backoffLimit: 4");
    }
}

/// A repository whose job the user edited and whose template then changed.
fn edited_repo(conflicting: bool) -> TempDir {
    let dir = repo();
    user_edits(&dir);
    template_change(&dir, conflicting);
    dir
}

#[test]
fn update_takes_template_changes_and_keeps_edits_and_comments() {
    let dir = edited_repo(false);
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db"])
        .assert()
        .success()
        .stderr(predicate::str::contains("updated restore-db/"))
        .stderr(predicate::str::contains(
            "job.yaml Job/restore-db spec.template.spec.containers[restore-db].imagePullPolicy: Always -> IfNotPresent",
        ));
    let job = read(&dir.path().join("restore-db/job.yaml"));
    assert!(job.contains("imagePullPolicy: IfNotPresent"), "{job}");
    assert!(job.contains("# 1.37 breaks our restore script\n          image: \"busybox:1.36\"\n"));
    assert!(job.contains("  backoffLimit: 6 # flaky network\n"));
    // The new render is the next base: a second update changes nothing.
    let before = read_folder(&dir.path().join("restore-db"));
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db"])
        .assert()
        .success()
        .stderr(predicate::str::contains("up to date"));
    assert_eq!(read_folder(&dir.path().join("restore-db")), before);
}

#[test]
fn conflicts_are_reported_and_nothing_is_written() {
    let dir = edited_repo(true);
    let before = read_folder(&dir.path().join("restore-db"));
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db"])
        .assert()
        .code(8)
        .stderr(predicate::str::contains(
            "conflict: restore-db/job.yaml Job/restore-db spec.backoffLimit\n  base:   3\n  ours:   6\n  theirs: 4\n",
        ))
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(read_folder(&dir.path().join("restore-db")), before);
}

#[test]
fn conflicts_can_be_marked_or_settled_either_way() {
    for (how, expect) in [
        (
            vec!["--conflicts", "markers"],
            "<<<<<<< ours\n  backoffLimit: 6 # flaky network\n=======\n  backoffLimit: 4 # flaky network\n>>>>>>> theirs\n",
        ),
        (
            vec!["--prefer", "ours"],
            "\n  backoffLimit: 6 # flaky network\n",
        ),
        (
            vec!["--prefer", "theirs"],
            "\n  backoffLimit: 4 # flaky network\n",
        ),
    ] {
        let dir = edited_repo(true);
        jobgen()
            .current_dir(dir.path())
            .args(["update", "restore-db"])
            .args(&how)
            .assert()
            .success()
            .stderr(predicate::str::contains("conflict: restore-db/job.yaml"));
        let job = read(&dir.path().join("restore-db/job.yaml"));
        assert!(job.contains(expect), "{how:?}:\n{job}");
        assert!(job.contains("imagePullPolicy: IfNotPresent"), "{how:?}");
        assert!(job.contains("image: \"busybox:1.36\""), "{how:?}");
    }
}

#[test]
fn a_marked_file_is_refused_until_resolved() {
    let dir = edited_repo(true);
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--conflicts", "markers"])
        .assert()
        .success();
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "resolve the conflict markers in job.yaml first",
        ));
}

#[test]
fn dry_run_prints_a_unified_diff_and_writes_nothing() {
    let dir = edited_repo(false);
    let before = read_folder(&dir.path().join("restore-db"));
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "--- a/restore-db/job.yaml\n+++ b/restore-db/job.yaml\n",
        ))
        .stdout(predicate::str::contains(
            "-          imagePullPolicy: Always\n+          imagePullPolicy: IfNotPresent\n",
        ))
        .stdout(predicate::str::contains(".jobgen-base").not());
    assert_eq!(read_folder(&dir.path().join("restore-db")), before);
}

#[test]
fn changed_answers_are_applied_and_recorded() {
    let dir = TempDir::new().unwrap();
    new(&dir, &["nightly-backup-ojeomneo", "--pattern", "cron"]);
    let folder = dir.path().join("nightly-backup-ojeomneo");
    edit(
        &folder.join("configmap.yaml"),
        "data:",
        "data:\n  EXTRA: \"yes\"",
    );
    jobgen()
        .current_dir(dir.path())
        .args([
            "update",
            "nightly-backup-ojeomneo",
            "--schedule",
            "0 3 * * *",
        ])
        .assert()
        .success();
    assert!(read(&folder.join("job.yaml")).contains("schedule: \"0 3 * * *\""));
    assert!(read(&folder.join("README.md")).contains("`0 3 * * *`"));
    assert!(read(&folder.join(".jobgen-answers")).contains("\"schedule\": \"0 3 * * *\""));
    assert!(read(&folder.join("configmap.yaml")).contains("EXTRA: \"yes\""));
    // A values file changes answers too.
    std::fs::write(
        dir.path().join("v.yaml"),
        "ttl: 7200\nsuccessful-jobs-history: 5\n",
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["update", "nightly-backup-ojeomneo", "--values", "v.yaml"])
        .assert()
        .success();
    let job = read(&folder.join("job.yaml"));
    assert!(job.contains("successfulJobsHistoryLimit: 5"), "{job}");
    assert!(
        job.contains("schedule: \"0 3 * * *\""),
        "earlier change kept: {job}"
    );
    // A bad answer is refused like `new` refuses it, naming the flag.
    jobgen()
        .current_dir(dir.path())
        .args([
            "update",
            "nightly-backup-ojeomneo",
            "--schedule",
            "61 * * * *",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("--schedule \"61 * * * *\""));
}

#[test]
fn a_new_pattern_replaces_the_unedited_job_with_a_cronjob() {
    let dir = TempDir::new().unwrap();
    new(&dir, &["cleanup-tmp"]);
    jobgen()
        .current_dir(dir.path())
        .args(["update", "cleanup-tmp", "--pattern", "cron"])
        .assert()
        .success();
    let job = read(&dir.path().join("cleanup-tmp/job.yaml"));
    assert!(
        job.contains("kind: CronJob") && !job.contains("kind: Job\n"),
        "{job}"
    );
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "cleanup-tmp"])
        .assert()
        .success();
}

#[test]
fn a_folder_without_a_recorded_base_still_takes_answer_changes() {
    let dir = TempDir::new().unwrap();
    new(&dir, &["restore-db"]);
    let folder = dir.path().join("restore-db");
    std::fs::remove_file(folder.join(".jobgen-base")).unwrap();
    edit(
        &folder.join("job.yaml"),
        "  backoffLimit: 3\n",
        "  backoffLimit: 5\n",
    );
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--ttl", "7200"])
        .assert()
        .success()
        .stderr(predicate::str::contains("has no .jobgen-base"));
    let job = read(&folder.join("job.yaml"));
    assert!(
        job.contains("ttlSecondsAfterFinished: 7200") && job.contains("backoffLimit: 5"),
        "{job}"
    );
    assert!(folder.join(".jobgen-base").is_file());
}

#[test]
fn check_exit_codes_and_json_list_what_would_change() {
    let dir = repo();
    new(&dir, &["other-db"]);
    jobgen()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 folder(s) checked, 0 out of date",
        ));
    // A folder named twice is checked once.
    jobgen()
        .current_dir(dir.path())
        .args(["check", ".", "other-db", "./other-db"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 folder(s) checked, 0 out of date",
        ));
    user_edits(&dir);
    jobgen()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(0);
    template_change(&dir, true);
    let out = jobgen()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["folders"], 2);
    assert_eq!(report["outdated"], 1);
    let results = report["results"].as_array().unwrap();
    let other = results
        .iter()
        .find(|r| r["folder"].as_str().unwrap().ends_with("other-db"))
        .unwrap();
    assert_eq!(other["status"], "current");
    let restore = results
        .iter()
        .find(|r| r["folder"].as_str().unwrap().ends_with("restore-db"))
        .unwrap();
    assert_eq!(restore["status"], "outdated");
    assert_eq!(
        restore["changes"][0],
        serde_json::json!({
            "file": "job.yaml",
            "object": "Job/restore-db",
            "path": "spec.template.spec.containers[restore-db].imagePullPolicy",
            "from": "Always",
            "to": "IfNotPresent",
        })
    );
    assert_eq!(restore["conflicts"][0]["path"], "spec.backoffLimit");
    assert_eq!(restore["conflicts"][0]["ours"], 6);
    // check writes nothing.
    assert!(read(&dir.path().join("restore-db/job.yaml")).contains("imagePullPolicy: Always"));
}

#[test]
fn check_and_update_refuse_folders_jobgen_did_not_make() {
    let dir = TempDir::new().unwrap();
    dir.child("plain/job.yaml")
        .write_str("kind: Job\n")
        .unwrap();
    for cmd in ["check", "update"] {
        jobgen()
            .current_dir(dir.path())
            .args([cmd, "plain"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no .jobgen-answers"));
        jobgen()
            .current_dir(dir.path())
            .args([cmd, "missing"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("missing does not exist"));
    }
}

#[test]
fn values_that_were_defaults_follow_a_changed_answer() {
    let dir = TempDir::new().unwrap();
    new(&dir, &["restore-db", "--cpu-limit", "750m"]);
    let folder = dir.path().join("restore-db");
    let recorded = read(&folder.join(".jobgen-answers"));
    assert!(
        recorded.contains("\"jobgen-defaults\": [") && recorded.contains("    \"cpu-request\",\n")
    );
    assert!(
        !recorded.contains("    \"cpu-limit\",\n"),
        "an answer is not a default:\n{recorded}"
    );
    jobgen()
        .current_dir(dir.path())
        .args([
            "update",
            "restore-db",
            "--size",
            "heavy",
            "--aws-role-arn",
            "arn:aws:iam::123456789012:role/job",
        ])
        .assert()
        .success();
    let job = read(&folder.join("job.yaml"));
    // The tier's requests replace the recorded light ones; the given limit stays.
    assert!(
        job.contains("cpu: \"500m\"\n              memory: \"1Gi\""),
        "{job}"
    );
    assert!(job.contains("cpu: \"750m\""), "{job}");
    // The provider and store follow the new identity.
    let es = read(&folder.join("external-secret.yaml"));
    assert!(es.contains("name: aws-secrets-manager"), "{es}");
}

#[test]
fn lint_findings_in_the_result_are_shown_not_enforced() {
    let dir = TempDir::new().unwrap();
    new(&dir, &["restore-db"]);
    let job = dir.path().join("restore-db/job.yaml");
    edit(
        &job,
        "allowPrivilegeEscalation: false",
        "allowPrivilegeEscalation: true",
    );
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--ttl", "7200"])
        .assert()
        .success()
        .stderr(predicate::str::contains("error[pss-privilege-escalation]"));
    let text = read(&job);
    assert!(text.contains("allowPrivilegeEscalation: true"));
    assert!(text.contains("ttlSecondsAfterFinished: 7200"));
}

#[test]
fn many_folders_are_reported_in_their_order_with_errors_in_place() {
    // Updated on every core, reported as if one by one.
    let dir = TempDir::new().unwrap();
    let names: Vec<String> = (0..12).map(|i| format!("job{i:02}-db")).collect();
    for n in &names {
        new_in(dir.path(), &[n]);
    }
    let out = jobgen()
        .current_dir(dir.path())
        .args(["update", ".", "nowhere", "--ttl", "7000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let reported: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("updated ./"))
        .map(|l| l.trim_end_matches('/'))
        .collect();
    assert_eq!(reported, names, "{stderr}");
    let last_update = stderr.rfind("updated ./").unwrap();
    let error = stderr.find("nowhere").unwrap();
    assert!(
        error > last_update,
        "the error stays in its place:\n{stderr}"
    );
    for n in &names {
        let job = std::fs::read_to_string(dir.path().join(n).join("job.yaml")).unwrap();
        assert!(job.contains("ttlSecondsAfterFinished: 7000"), "{n}");
    }
}

#[test]
fn a_file_that_does_not_parse_is_named_with_its_folder() {
    // Among many folders, "job.yaml is not valid YAML" alone names none.
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["a-db"]);
    new_in(dir.path(), &["b-db"]);
    std::fs::write(dir.path().join("b-db/job.yaml"), "kind: [broken\n").unwrap();
    for args in [&["update", "."][..], &["check", "."][..]] {
        jobgen()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(
                predicate::str::is_match(r"b-db/job\.yaml: your file is not valid YAML at line 1")
                    .unwrap(),
            );
    }
}
