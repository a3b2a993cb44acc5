//! Issue 29: the public shapes of Job that `adopt` and `lint` meet
//! (tests/fixtures/adopt-refused/, each with its SOURCE.md).

use std::fs;
use std::path::Path;

use assert_fs::TempDir;
use predicates::prelude::*;

use crate::adopt_fixtures::copy_tree;
use crate::harness::jobgen;

const REFUSED: &str = "tests/fixtures/adopt-refused";

/// A copy of one refused fixture in a temporary folder, as `jobs/NAME`.
fn fixture(name: &str) -> (TempDir, std::path::PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("jobs").join(name);
    copy_tree(&Path::new(REFUSED).join(name), &dir);
    fs::remove_file(dir.join("SOURCE.md")).unwrap();
    (tmp, dir)
}

#[test]
fn a_custom_resource_called_cronjob_is_no_job() {
    let (tmp, dir) = fixture("kubebuilder-cronjob");
    jobgen()
        .current_dir(tmp.path())
        .args(["adopt", "jobs/kubebuilder-cronjob"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("CronJob/cronjob-sample")
                .and(predicate::str::contains("batch.tutorial.kubebuilder.io/v1"))
                .and(predicate::str::contains("custom resource")),
        );
    assert!(!dir.join(".jobgen-answers").exists());
    // As the only object of a job folder's job.yaml, lint applies none of
    // the Job rules to it (the folder holds no Job: job-file says so).
    fs::rename(dir.join("batch_v1_cronjob.yaml"), dir.join("job.yaml")).unwrap();
    fs::write(dir.join("README.md"), "# sample\n").unwrap();
    let out = jobgen()
        .current_dir(tmp.path())
        .args(["lint", "jobs", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"job-file"), "{rules:?}");
    for job_rule in [
        "ttl-missing",
        "backoff-limit-missing",
        "active-deadline-missing",
        "labels-missing",
        "cron-schedule",
    ] {
        assert!(!rules.contains(&job_rule), "{job_rule}: {rules:?}");
    }
}

#[test]
fn a_job_without_a_usable_name_is_refused_with_its_cause_and_adopted_with_a_name() {
    for (name, file, cause) in [
        (
            "kueue-sample-job",
            "sample-job.yaml",
            "only generateName `sample-job-`",
        ),
        (
            "docs-job-tmpl",
            "job-tmpl.yaml",
            "named `process-item-$ITEM`",
        ),
    ] {
        let (tmp, dir) = fixture(name);
        let shown = format!("jobs/{name}");
        jobgen()
            .current_dir(tmp.path())
            .args(["adopt", &shown])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(format!("{shown}/{file}"))
                    .and(predicate::str::contains(cause))
                    .and(predicate::str::contains("--name NAME"))
                    // Never a file that was not written, nor an empty name.
                    .and(predicate::str::contains(".jobgen-answers").not())
                    .and(predicate::str::contains("name \"\"").not()),
            );
        assert!(!dir.join(".jobgen-answers").exists());
        jobgen()
            .current_dir(tmp.path())
            .args(["adopt", &shown, "--name", "sample-work"])
            .assert()
            .success();
        jobgen()
            .current_dir(tmp.path())
            .args(["check", &shown])
            .assert()
            .success()
            .stdout(predicate::str::contains("current"));
        let answers = fs::read_to_string(dir.join(".jobgen-answers")).unwrap();
        assert!(answers.contains("\"name\": \"sample-work\""), "{answers}");
        assert!(answers.contains("\"purpose\": \"sample\""), "{answers}");
    }
}

#[test]
fn a_single_manifest_dry_run_says_what_the_real_run_does() {
    let tmp = TempDir::new().unwrap();
    let job = crate::harness::stream(&["report-db"]);
    let job = job
        .split("\n---\n")
        .find(|d| d.contains("kind: Job"))
        .unwrap();
    fs::write(tmp.path().join("report.yaml"), job).unwrap();
    let dry = jobgen()
        .current_dir(tmp.path())
        .args(["adopt", "report.yaml", "--dry-run", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(
        tmp.path().join("report.yaml").is_file(),
        "a dry run moves nothing"
    );
    assert!(!tmp.path().join("report-db").exists());
    let planned: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["adopt", "report.yaml"])
        .assert()
        .success();
    let recorded: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(tmp.path().join("report-db/.jobgen-answers")).unwrap(),
    )
    .unwrap();
    let answers = &planned["folders"][0]["answers"];
    for key in ["name", "purpose", "target", "namespace", "image"] {
        assert_eq!(answers[key], recorded[key], "{key}");
    }
}

#[test]
fn labels_jobgen_writes_itself_are_never_answers() {
    let tmp = TempDir::new().unwrap();
    fs::write(
        tmp.path().join("v.yaml"),
        "labels:\n  app.kubernetes.io/instance: ingress-nginx\n  team: data\n",
    )
    .unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["new", "restore-db", "--no-input", "--values", "v.yaml"])
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("app.kubernetes.io/instance")
                .and(predicate::str::contains("set by jobgen itself")),
        );
    assert!(!tmp.path().join("restore-db").exists());
}

const SHAPES: &str = "tests/fixtures/adopt-shapes";

#[test]
fn a_list_is_looked_into_by_adopt_and_lint() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("jobs/kubectl-list");
    copy_tree(&Path::new(SHAPES).join("kubectl-list"), &dir);
    fs::remove_file(dir.join("SOURCE.md")).unwrap();
    // Lint finds the folder by its content (no job.yaml) and applies the
    // Job rules to the List's item.
    let out = jobgen()
        .current_dir(tmp.path())
        .args(["lint", "jobs", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["folders"], 1, "{report}");
    let found: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["object"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        found.contains(&("ttl-missing", "Job/nightly-backup-orders")),
        "{found:?}"
    );
    // A file argument lints the folder that holds it.
    jobgen()
        .current_dir(tmp.path())
        .args(["lint", "jobs/kubectl-list/backup-jobs.yaml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("in 1 job folder(s)"))
        .stdout(predicate::str::contains("Not a directory").not());
    jobgen()
        .current_dir(tmp.path())
        .args(["adopt", "jobs/kubectl-list"])
        .assert()
        .success();
    let answers = fs::read_to_string(dir.join(".jobgen-answers")).unwrap();
    assert!(
        answers.contains("\"name\": \"nightly-backup-orders\""),
        "{answers}"
    );
    assert!(answers.contains("\"backoff-limit\": 2"), "{answers}");
    jobgen()
        .current_dir(tmp.path())
        .args(["check", "jobs"])
        .assert()
        .success();
    // The adopted folder is still found by lint, by its content.
    jobgen()
        .current_dir(tmp.path())
        .args(["lint", "jobs"])
        .assert()
        .stdout(predicate::str::contains("in 1 job folder(s)"));
}

#[test]
fn a_ko_import_path_is_not_an_unpinned_image() {
    let tmp = TempDir::new().unwrap();
    crate::harness::new_in(tmp.path(), &["restore-db"]);
    let job = tmp.path().join("restore-db/job.yaml");
    let text = fs::read_to_string(&job).unwrap();
    let text = text.replace(
        "image: \"busybox:1.37\"",
        "image: ko://github.com/example/jobs/cmd/restore",
    );
    fs::write(&job, text).unwrap();
    let out = jobgen()
        .current_dir(tmp.path())
        .args(["lint", "."])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("in 1 job folder(s)"), "{report}");
    assert!(!report.contains("image-unpinned"), "{report}");
    // Any other unpinned image still is.
    let text = fs::read_to_string(&job).unwrap().replace(
        "ko://github.com/example/jobs/cmd/restore",
        "example/restore:latest",
    );
    fs::write(&job, text).unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["lint", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("image-unpinned"));
}
