//! The generated alerts mean what their text says, proven with Prometheus'
//! own rule unit tester: `promtool check rules` over every generated rule
//! file and `promtool test rules` over `tests/promtool/*.test.yaml`
//! (synthetic kube-state-metrics series; see tests/promtool/README.md).

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_fs::TempDir;
use serde_json::Value;

use crate::harness::{documents, find, stream};

/// The jobs the test files are written for (tests/promtool/README.md).
const CASES: &[(&str, &[&str])] = &[
    ("one-off", &["restore-db"]),
    (
        "parallel",
        &[
            "resize-images",
            "--pattern",
            "parallel",
            "--backoff-limit-per-index",
            "2",
            "--max-failed-indexes",
            "3",
        ],
    ),
    ("cron", &["backup-db", "--pattern", "cron"]),
];

/// promtool, or None where it is not installed (CI must have it).
fn promtool() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|d| d.join("promtool"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "promtool is not installed, and CI must run the alert tests (apt-get install prometheus)"
        );
        crate::harness::skipped("promtool is not installed (apt-get install prometheus)");
    }
    found
}

/// The PrometheusRule's spec (a rule file's `groups`) for these answers.
fn rules(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--monitoring");
    let docs = documents(&stream(&all));
    find(&docs, "PrometheusRule")["spec"].clone()
}

/// Writes every case's rules and the test files into one folder.
fn prepared() -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, args) in CASES {
        let text = serde_json::to_string_pretty(&rules(args)).unwrap();
        std::fs::write(dir.path().join(format!("{name}.rules.json")), text).unwrap();
    }
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/promtool");
    for entry in std::fs::read_dir(tests).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".test.yaml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn promtool_run(promtool: &Path, dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(promtool)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn alerts_fire_when_and_only_when_their_text_says() {
    let Some(promtool) = promtool() else {
        return;
    };
    let dir = prepared();
    let files: Vec<String> = CASES
        .iter()
        .map(|(n, _)| format!("{n}.rules.json"))
        .collect();
    let mut check = vec!["check", "rules"];
    check.extend(files.iter().map(String::as_str));
    let (ok, out) = promtool_run(&promtool, dir.path(), &check);
    assert!(ok, "promtool check rules:\n{out}");
    let tests: Vec<String> = CASES
        .iter()
        .map(|(n, _)| format!("{n}.test.yaml"))
        .collect();
    let mut test = vec!["test", "rules"];
    test.extend(tests.iter().map(String::as_str));
    let (ok, out) = promtool_run(&promtool, dir.path(), &test);
    assert!(ok, "promtool test rules:\n{out}");
    assert_eq!(out.matches("SUCCESS").count(), CASES.len(), "{out}");
}

#[test]
fn the_alert_tests_catch_the_alerts_that_misled() {
    let Some(promtool) = promtool() else {
        return;
    };
    let dir = prepared();
    // JobFailed as it was: failed pods, not the Job's Failed condition.
    let mut spec = rules(CASES[0].1);
    spec["groups"][0]["rules"][0]["expr"] =
        r#"kube_job_status_failed{namespace="operations", job_name="restore-db"} > 0"#.into();
    std::fs::write(
        dir.path().join("one-off.rules.json"),
        serde_json::to_string(&spec).unwrap(),
    )
    .unwrap();
    let (ok, out) = promtool_run(
        &promtool,
        dir.path(),
        &["test", "rules", "one-off.test.yaml"],
    );
    assert!(!ok, "the retried-then-succeeded case must catch it:\n{out}");
    assert!(out.contains("retried then succeeded"), "{out}");
    // CronJobNoRecentSuccess as it was: silent for a CronJob that never succeeded.
    let mut spec = rules(CASES[2].1);
    spec["groups"][0]["rules"][2]["expr"] = r#"time() - kube_cronjob_status_last_successful_time{namespace="operations", cronjob="backup-db"} > 90000"#.into();
    std::fs::write(
        dir.path().join("cron.rules.json"),
        serde_json::to_string(&spec).unwrap(),
    )
    .unwrap();
    let (ok, out) = promtool_run(&promtool, dir.path(), &["test", "rules", "cron.test.yaml"]);
    assert!(!ok, "{out}");
    assert!(out.contains("never succeeded since creation"), "{out}");
}
