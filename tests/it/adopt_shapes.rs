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

/// A copy of one shape as `jobs/NAME`, adopted.
fn adopted_shape(name: &str) -> (TempDir, std::path::PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("jobs").join(name);
    copy_tree(&Path::new(SHAPES).join(name), &dir);
    fs::remove_file(dir.join("SOURCE.md")).unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["adopt", &format!("jobs/{name}")])
        .assert()
        .success();
    (tmp, dir)
}

/// The lines of `after` that are not in `before`, and the reverse.
fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let only = |a: &str, b: &str| -> Vec<String> {
        a.lines()
            .filter(|l| !b.lines().any(|x| x == *l))
            .map(str::to_string)
            .collect()
    };
    (only(after, before), only(before, after))
}

#[test]
fn a_json_manifest_is_updated_in_its_own_style() {
    let (tmp, dir) = adopted_shape("kubectl-create-json");
    let file = dir.join("report-orders.yaml");
    let before = fs::read_to_string(&file).unwrap();
    let out = jobgen()
        .current_dir(tmp.path())
        .args(["update", "jobs/kubectl-create-json"])
        .args([
            "--backoff-limit",
            "5",
            "--image",
            "ghcr.io/acme/report:1.4.3",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("written anew"), "{err}");
    let after = fs::read_to_string(&file).unwrap();
    // Still JSON, and only the two fields changed, in the file's own style.
    let json: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(json["spec"]["backoffLimit"], 5);
    let (added, removed) = line_diff(&before, &after);
    assert_eq!(
        added,
        [
            "        \"backoffLimit\": 5,",
            "                        \"image\": \"ghcr.io/acme/report:1.4.3\","
        ]
    );
    assert_eq!(
        removed,
        ["                        \"image\": \"ghcr.io/acme/report:1.4.2\","]
    );
    jobgen()
        .current_dir(tmp.path())
        .args(["check", "jobs"])
        .assert()
        .success();
}

#[test]
fn a_flow_style_manifest_keeps_its_style_or_the_update_says_so() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("jobs/flow");
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.yaml");
    fs::write(
        &file,
        "{apiVersion: batch/v1, kind: Job, metadata: {name: flow-report, labels: {app: flow}}, spec: {template: {spec: {restartPolicy: Never, containers: [{name: main, image: \"busybox:1.36\", command: ['sh', '-c', 'echo hi']}]}}}}\n",
    )
    .unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["adopt", "jobs/flow"])
        .assert()
        .success();
    jobgen()
        .current_dir(tmp.path())
        .args(["update", "jobs/flow", "--backoff-limit", "5"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "{apiVersion: batch/v1, kind: Job, metadata: {name: flow-report, labels: {app: flow}}, spec: {backoffLimit: 5, template: {spec: {restartPolicy: Never, containers: [{name: main, image: \"busybox:1.36\", command: ['sh', '-c', 'echo hi']}]}}}}\n"
    );
    // Anchors and aliases in flow style are edited in place too.
    fs::write(
        &file,
        "{apiVersion: batch/v1, kind: Job, metadata: {name: flow-report, labels: &l {app: flow}}, spec: {backoffLimit: 5, template: {metadata: {labels: *l}, spec: {restartPolicy: Never, containers: [{name: main, image: \"busybox:1.36\", command: ['sh', '-c', 'echo hi']}]}}}}\n",
    )
    .unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args([
            "update",
            "jobs/flow",
            "--backoff-limit",
            "4",
            "--prefer",
            "ours",
        ])
        .assert()
        .success();
    assert!(fs::read_to_string(&file).unwrap().contains(
        "labels: &l {app: flow}}, spec: {backoffLimit: 4, template: {metadata: {labels: *l}"
    ));
}

#[test]
fn a_list_item_is_updated_inside_its_list() {
    let (tmp, dir) = adopted_shape("kubectl-list");
    let file = dir.join("backup-jobs.yaml");
    let before = fs::read_to_string(&file).unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["update", "jobs/kubectl-list", "--ttl", "600"])
        .assert()
        .success();
    let after = fs::read_to_string(&file).unwrap();
    let (added, removed) = line_diff(&before, &after);
    assert_eq!(added, ["    ttlSecondsAfterFinished: 600"]);
    assert!(removed.is_empty(), "{removed:?}");
    assert!(!dir.join("job.yaml").exists());
    jobgen()
        .current_dir(tmp.path())
        .args(["check", "jobs"])
        .assert()
        .success();
}

#[test]
fn a_readme_the_folder_never_had_stays_absent_until_asked_for() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("jobs/docs-hello-cron");
    copy_tree(Path::new("tests/fixtures/adopt/docs-hello-cron"), &dir);
    fs::remove_file(dir.join("SOURCE.md")).unwrap();
    let run = |args: &[&str]| {
        jobgen()
            .current_dir(tmp.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["adopt", "jobs/docs-hello-cron"]).status.success());
    // An answer changes: the schedule is written, no README, no conflict.
    let out = run(&["update", "jobs/docs-hello-cron", "--schedule", "15 4 * * *"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.join("README.md").exists());
    // Asked for, it is written, and kept up to date from then on.
    let out = run(&["update", "jobs/docs-hello-cron", "--readme"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let readme = fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("# hello-clock"), "{readme}");
    assert!(run(&["check", "jobs"]).status.success());
}

#[test]
fn discarding_edits_takes_the_whole_render_and_defines_the_job_once() {
    let tmp = TempDir::new().unwrap();
    let jobs = tmp.path().join("jobs");
    let dir = jobs.join("docs-hello-cron");
    copy_tree(Path::new("tests/fixtures/adopt/docs-hello-cron"), &dir);
    fs::remove_file(dir.join("SOURCE.md")).unwrap();
    let run = |args: &[&str]| {
        jobgen()
            .current_dir(tmp.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["adopt", "jobs/docs-hello-cron"]).status.success());
    let out = run(&["update", "jobs/docs-hello-cron", "--discard-edits"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    // The report lists the hand edits it dropped.
    assert!(
        err.contains("\"imagePullPolicy\":\"IfNotPresent\""),
        "{err}"
    );
    // One folder, one CronJob, in the file the folder keeps it in.
    assert_eq!(crate::harness::entries(&jobs), ["docs-hello-cron"]);
    let files = crate::harness::entries(&dir);
    assert!(!files.contains(&"job.yaml".to_string()), "{files:?}");
    let cronjob = fs::read_to_string(dir.join("cronjob.yaml")).unwrap();
    let docs = crate::harness::documents(&cronjob);
    assert_eq!(docs.len(), 1);
    let rendered = crate::harness::stream(&[
        "hello-clock",
        "--values",
        dir.join(".jobgen-answers").to_str().unwrap(),
    ]);
    let render = crate::harness::documents(&rendered);
    assert_eq!(&docs[0], crate::harness::find(&render, "CronJob"));
    assert!(run(&["check", "jobs"]).status.success());
    // Nothing is left to take.
    let again = run(&["update", "jobs", "--discard-edits", "--dry-run"]);
    assert!(String::from_utf8_lossy(&again.stdout).trim().is_empty());
}

#[test]
fn a_field_deleted_from_a_generated_folder_still_conflicts_with_a_team_change() {
    // What the folder never had follows the team; what a user deleted from
    // jobgen's own render is the user's edit, and a team change to it is a
    // conflict to settle.
    let tmp = TempDir::new().unwrap();
    crate::harness::new_in(
        tmp.path(),
        &["restore-db", "--image", "ghcr.io/acme/restore:1.2.3"],
    );
    let job = tmp.path().join("restore-db/job.yaml");
    let text = fs::read_to_string(&job).unwrap();
    fs::write(&job, text.replace("  backoffLimit: 3\n", "")).unwrap();
    fs::write(tmp.path().join(".jobgen.yaml"), "backoff-limit: 2\n").unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["update", "restore-db"])
        .assert()
        .code(8)
        .stderr(predicate::str::contains("spec.backoffLimit"));
}

#[test]
fn adopt_infers_how_the_team_deploys_and_keeps_its_hook() {
    let tmp = TempDir::new().unwrap();
    let manifest = |hook: &str| {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: schema-migrate-db\n  annotations:\n{hook}spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: ghcr.io/acme/migrate:1.0.0\n"
        )
    };
    for (folder, hook, gitops) in [
        (
            "argo",
            "    argocd.argoproj.io/hook: PreSync\n    argocd.argoproj.io/hook-delete-policy: HookSucceeded\n",
            "argocd",
        ),
        (
            "flux",
            "    kustomize.toolkit.fluxcd.io/force: enabled\n",
            "flux",
        ),
    ] {
        let dir = tmp.path().join("jobs").join(folder);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("migrate.yaml"), manifest(hook)).unwrap();
        jobgen()
            .current_dir(tmp.path())
            .args(["adopt", &format!("jobs/{folder}")])
            .assert()
            .success();
        let answers = fs::read_to_string(dir.join(".jobgen-answers")).unwrap();
        assert!(
            answers.contains(&format!("\"gitops\": \"{gitops}\"")),
            "{answers}"
        );
        // jobgen's own annotations are no answers (they would be written twice).
        assert!(!answers.contains("\"annotations\""), "{answers}");
    }
    jobgen()
        .current_dir(tmp.path())
        .args(["check", "jobs"])
        .assert()
        .success();
    // The team's own hook settings are kept through an update.
    jobgen()
        .current_dir(tmp.path())
        .args(["update", "jobs/argo", "--backoff-limit", "1"])
        .assert()
        .success();
    let job = fs::read_to_string(tmp.path().join("jobs/argo/migrate.yaml")).unwrap();
    assert!(job.contains("argocd.argoproj.io/hook: PreSync"), "{job}");
    assert!(job.contains("hook-delete-policy: HookSucceeded"), "{job}");
    // An answer may not set an annotation jobgen writes itself.
    jobgen()
        .current_dir(tmp.path())
        .args(["new", "other-db", "--no-input", "--values"])
        .arg({
            let v = tmp.path().join("v.yaml");
            fs::write(&v, "annotations: {argocd.argoproj.io/sync-wave: \"5\"}\n").unwrap();
            v
        })
        .assert()
        .code(3)
        .stderr(predicate::str::contains("argocd.argoproj.io/sync-wave"));
}
