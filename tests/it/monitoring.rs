//! --monitoring: a PrometheusRule valid against its CRD, alerts built on
//! kube-state-metrics, and a TTL long enough for the failure alert to fire.

use predicates::prelude::*;
use serde_json::Value;

use crate::harness::{documents, find, jobgen, stream};
use crate::kube::check_stream;

fn rules(yaml: &str) -> Vec<Value> {
    let docs = documents(yaml);
    find(&docs, "PrometheusRule")["spec"]["groups"][0]["rules"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_job_gets_failure_and_long_run_alerts() {
    let yaml = stream(&[
        "cloud-sql-restore-ojeomneo",
        "--monitoring",
        "--active-deadline",
        "7200",
        "--team",
        "data",
    ]);
    check_stream(&yaml);
    let rules = rules(&yaml);
    let names: Vec<&str> = rules.iter().map(|r| r["alert"].as_str().unwrap()).collect();
    assert_eq!(names, ["JobFailed", "JobRunningTooLong"]);
    let failed = rules[0]["expr"].as_str().unwrap();
    assert_eq!(
        failed,
        "kube_job_failed{namespace=\"operations\", job_name=\"cloud-sql-restore-ojeomneo\", condition=\"true\"} > 0"
    );
    let long = rules[1]["expr"].as_str().unwrap();
    assert!(
        long.contains("kube_job_status_start_time")
            && long.contains("kube_job_status_active")
            && long.contains("> 5400"),
        "{long}"
    );
    for r in &rules {
        assert_eq!(r["labels"]["team"], "data");
        assert!(r["labels"]["severity"].is_string());
        assert!(
            r["annotations"]["description"]
                .as_str()
                .unwrap()
                .contains("kubectl")
        );
    }
}

#[test]
fn a_cron_job_also_alerts_when_it_stops_succeeding() {
    let yaml = stream(&[
        "nightly-backup-ojeomneo",
        "--pattern",
        "cron",
        "--schedule",
        "0 2 * * *",
        "--monitoring",
    ]);
    check_stream(&yaml);
    let rules = rules(&yaml);
    let missed = rules
        .iter()
        .find(|r| r["alert"] == "CronJobNoRecentSuccess")
        .expect("cron alert");
    // The longest gap of a daily schedule plus activeDeadlineSeconds.
    // Counted from creation when it never succeeded; quiet while suspended.
    let expr = missed["expr"].as_str().unwrap();
    assert!(expr.contains(") > 90000\n"), "{missed}");
    assert!(expr.contains("or kube_cronjob_created{"), "{missed}");
    assert!(
        expr.contains("unless on (namespace, cronjob) kube_cronjob_spec_suspend{"),
        "{missed}"
    );
    assert!(
        rules[0]["expr"]
            .as_str()
            .unwrap()
            .contains("job_name=~\"nightly-backup-ojeomneo-[0-9]+\"")
    );
}

#[test]
fn a_burst_of_runs_then_a_month_of_quiet_waits_the_month() {
    // Every minute of the 1st: the gap that matters is from the last run
    // on the 1st to the first on the next month's 1st (31 days at most),
    // not the minute between runs, or the alert fires all month long.
    let yaml = stream(&[
        "monthly-burst-ojeomneo",
        "--pattern",
        "cron",
        "--schedule",
        "* * 1 * *",
        "--monitoring",
    ]);
    let rules = rules(&yaml);
    let missed = rules
        .iter()
        .find(|r| r["alert"] == "CronJobNoRecentSuccess")
        .expect("cron alert");
    let gap = 31 * 86_400 - (23 * 3_600 + 59 * 60);
    let threshold = format!(") > {}\n", gap + 3_600);
    assert!(
        missed["expr"].as_str().unwrap().contains(&threshold),
        "{threshold}: {missed}"
    );
}

#[test]
fn the_ttl_outlives_the_failure_alert() {
    jobgen()
        .args([
            "new",
            "a-b",
            "--no-input",
            "--dry-run",
            "--monitoring",
            "--ttl",
            "60",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "--ttl \"60\": is shorter than the 600 s the failure alert needs",
        ));
    jobgen()
        .args(["new", "a-b", "--no-input", "--dry-run", "--ttl", "60"])
        .assert()
        .success();
    jobgen()
        .args([
            "new",
            "a-b",
            "--no-input",
            "--dry-run",
            "--monitoring",
            "--alert-after",
            "3600",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "must be less than activeDeadlineSeconds (3600)",
        ));
}

#[test]
fn the_folder_readme_explains_the_alerts_and_dashboards() {
    let dir = assert_fs::TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--monitoring"])
        .assert()
        .success();
    let readme = std::fs::read_to_string(dir.path().join("a-b/README.md")).unwrap();
    assert!(
        readme.contains("## Monitoring")
            && readme.contains("`JobFailed`")
            && readme.contains("kube_job_spec_completions"),
        "{readme}"
    );
    let without = stream(&["a-b"]);
    assert!(
        documents(&without)
            .iter()
            .all(|d| d["kind"] != "PrometheusRule")
    );
}
