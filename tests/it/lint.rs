//! `jobgen lint` against the fixture set: good folders are clean, and each
//! folder under bad/ produces exactly the rule it is named after.

use std::path::{Path, PathBuf};

use assert_fs::TempDir;
use assert_fs::prelude::*;
use predicates::prelude::*;
use serde_json::Value;

use crate::harness::jobgen;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint")
}

/// `jobgen lint PATH --format json` → (exit code, report).
fn lint_json(path: &Path) -> (i32, Value) {
    let out = jobgen()
        .args(["lint", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

fn rules_of(report: &Value) -> Vec<String> {
    let mut rules: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn good_folders_are_clean() {
    let (code, report) = lint_json(&fixtures().join("good"));
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["findings"], serde_json::json!([]));
    // one-off, cron, parallel, a suppression, a GKE Workload Identity job.
    assert_eq!(report["folders"], 5);
}

#[test]
fn each_bad_folder_produces_exactly_its_rule() {
    let bad = fixtures().join("bad");
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&bad).unwrap() {
        let dir = entry.unwrap().path();
        let rule = dir.file_name().unwrap().to_str().unwrap().to_string();
        let (code, report) = lint_json(&dir);
        assert_eq!(
            rules_of(&report),
            std::slice::from_ref(&rule),
            "{rule}: {report:#}"
        );
        let severity = jobgen::lint::catalog::rule_by_id(&rule).unwrap().severity;
        let expected = if severity == jobgen::lint::Severity::Error {
            1
        } else {
            0
        };
        assert_eq!(code, expected, "{rule}: exit code");
        for f in report["findings"].as_array().unwrap() {
            assert!(
                !f["message"].as_str().unwrap().is_empty()
                    && !f["hint"].as_str().unwrap().is_empty(),
                "{f}"
            );
            assert!(
                f["file"]
                    .as_str()
                    .unwrap()
                    .starts_with(dir.to_str().unwrap()),
                "{f}"
            );
        }
        seen.push(rule);
    }
    seen.sort();
    let mut all: Vec<String> = jobgen::lint::catalog::RULES
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    all.sort();
    assert_eq!(seen, all, "one bad fixture per rule");
}

/// ok/<rule>/: an edit close to bad/<rule>/ that is right (an optional
/// reference, a zero TTL, a safe sysctl, a digest, a declared external
/// Secret…): it must not fire its rule, nor any other.
#[test]
fn each_near_miss_folder_is_clean() {
    let ok = fixtures().join("ok");
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&ok).unwrap() {
        let dir = entry.unwrap().path();
        let rule = dir.file_name().unwrap().to_str().unwrap().to_string();
        let (code, report) = lint_json(&dir);
        assert_eq!(code, 0, "{rule}: {report:#}");
        assert_eq!(
            report["findings"],
            serde_json::json!([]),
            "{rule}: {report:#}"
        );
        // schedule-crowded looks across folders: exactly as many CronJobs
        // at one minute as lint.schedule-crowded allows (3), each its own.
        let folders = if rule == "schedule-crowded" { 3 } else { 1 };
        assert_eq!(report["folders"], folders, "{rule}");
        seen.push(rule);
    }
    seen.sort();
    let mut all: Vec<String> = jobgen::lint::catalog::RULES
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    all.sort();
    assert_eq!(seen, all, "one near-miss fixture per rule");
}

#[test]
fn findings_point_at_the_line() {
    let dir = fixtures().join("bad/restart-policy");
    let text = std::fs::read_to_string(dir.join("job.yaml")).unwrap();
    let want = text
        .lines()
        .position(|l| l.contains("restartPolicy: Always"))
        .unwrap()
        + 1;
    let (_, report) = lint_json(&dir);
    let f = &report["findings"][0];
    assert_eq!(f["line"], want);
    assert_eq!(f["object"], "Job/fixture-restore-db");
    assert_eq!(f["severity"], "error");
    jobgen()
        .args(["lint"])
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "job.yaml:{want}: error[restart-policy] Job/fixture-restore-db:"
        )))
        .stdout(predicate::str::contains("  hint: "))
        .stdout(predicate::str::contains(
            "1 error(s), 0 warning(s) in 1 job folder(s)",
        ));
}

#[test]
fn the_json_report_has_a_stable_shape() {
    let (_, report) = lint_json(&fixtures().join("bad/configmap-secret"));
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["version", "folders", "errors", "warnings", "findings"]
    );
    assert_eq!(report["version"], 1);
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(0), Some(1))
    );
    let f: Vec<&str> = report["findings"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        f,
        [
            "rule", "severity", "file", "line", "object", "message", "hint"
        ]
    );
}

#[test]
fn a_team_can_switch_rules_off_in_its_config() {
    let repo = TempDir::new().unwrap();
    let copy = repo.child("jobs/ttl-missing");
    copy.create_dir_all().unwrap();
    for entry in std::fs::read_dir(fixtures().join("bad/ttl-missing")).unwrap() {
        let e = entry.unwrap();
        std::fs::copy(e.path(), copy.path().join(e.file_name())).unwrap();
    }
    jobgen()
        .current_dir(repo.path())
        .arg("lint")
        .assert()
        .code(1);
    repo.child(".jobgen.yaml")
        .write_str("lint:\n  disable: [ttl-missing]\n")
        .unwrap();
    jobgen()
        .current_dir(repo.path())
        .arg("lint")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 error(s)"));
    repo.child(".jobgen.yaml")
        .write_str("lint:\n  disable: [no-such-rule]\n")
        .unwrap();
    jobgen()
        .current_dir(repo.path())
        .arg("lint")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rule"));
}

#[test]
fn usage_and_unreadable_input_exit_2() {
    jobgen().args(["lint", "no/such/folder"]).assert().code(2);
    jobgen().args(["lint", "--format", "xml"]).assert().code(2);
    jobgen()
        .args(["lint", "--rules"])
        .assert()
        .success()
        .stdout(predicate::str::contains("pss-run-as-non-root"));
}

#[test]
fn new_lints_what_it_rendered_before_writing() {
    let dir = TempDir::new().unwrap();
    // A team template that drops the pod's security context.
    let job =
        std::fs::read_to_string(fixtures().join("bad/pss-privilege-escalation/job.yaml")).unwrap();
    let template = job
        .replace("fixture-restore-db", "{{ name }}")
        .replace("operations", "{{ namespace }}");
    let template = template.lines().skip(1).collect::<Vec<_>>().join("\n"); // drop the provenance line
    dir.child("tpl/job.yaml.tera").write_str(&template).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "fixture-restore-db",
            "--no-input",
            "--templates",
            "tpl",
            "--secret",
            "DB_PASSWORD=db-password",
            "--env-var",
            "MODE=full",
        ])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("error[pss-privilege-escalation]"))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(!dir.path().join("fixture-restore-db").exists());
    // Warnings are shown, and the folder is written.
    dir.child("tpl2/configmap.yaml.tera")
        .write_str("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ config_map_name }}\n  namespace: {{ namespace }}\ndata:\n  API_TOKEN: x\n")
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--templates", "tpl2"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[configmap-secret]"));
    assert!(dir.path().join("a-b/job.yaml").exists());
}

#[test]
fn a_cron_job_whose_dates_do_not_exist_is_an_error() {
    // Kubernetes takes `0 2 30 2 *` and never starts a Job.
    let dir = TempDir::new().unwrap();
    crate::harness::new_in(
        dir.path(),
        &[
            "nightly-backup-ojeomneo",
            "--pattern",
            "cron",
            "--schedule",
            "0 2 * * *",
            "--image",
            "postgres:16.4",
            "--",
            "pg_dump",
            "--version",
        ],
    );
    let job = dir.child("nightly-backup-ojeomneo/job.yaml");
    let text = std::fs::read_to_string(job.path()).unwrap();
    job.write_str(&text.replace("schedule: \"0 2 * * *\"", "schedule: \"0 2 30 2 *\""))
        .unwrap();
    let (code, report) = lint_json(dir.path());
    assert_eq!(code, 1, "{report}");
    assert_eq!(rules_of(&report), ["cron-schedule"], "{report}");
    let finding = &report["findings"][0];
    for (field, says) in [("message", "never runs"), ("hint", "leap years")] {
        let text = finding[field].as_str().unwrap();
        assert!(text.contains(says), "{field}: {text}");
    }
}

#[test]
fn a_folder_is_linted_by_the_target_label_it_recorded() {
    let dir = assert_fs::TempDir::new().unwrap();
    crate::harness::new_in(
        dir.path(),
        &[
            "image-resize-batch",
            "--target-label",
            "workload",
            "--image",
            "ghcr.io/acme/resize:1.0.0",
        ],
    );
    let job = std::fs::read_to_string(dir.path().join("image-resize-batch/job.yaml")).unwrap();
    assert!(
        job.contains("workload: batch") && !job.contains("database:"),
        "{job}"
    );
    // The team config says nothing (database): the folder's own key counts.
    let (code, report) = lint_json(&dir.path().join("image-resize-batch"));
    assert_eq!(code, 0, "{report:#}");
    // A hand-written folder (no record) is still held to the team's key.
    std::fs::remove_file(dir.path().join("image-resize-batch/.jobgen-answers")).unwrap();
    let (code, report) = lint_json(&dir.path().join("image-resize-batch"));
    assert_eq!(code, 1, "{report:#}");
    assert!(report.to_string().contains("labels-missing"), "{report:#}");
}
