//! The Job controls current Kubernetes offers: podFailurePolicy, per-index
//! retries, CronJob time zone and policies, suspend, Kueue, and the target
//! Kubernetes version that gates them.

use k8s_openapi::api::batch::v1::CronJob;

use crate::harness::{documents, find, jobgen, refused_dry_run as refused, stream};
use crate::kube::{check_stream, strict};

#[test]
fn pod_disruptions_never_burn_retries_by_default() {
    let spec = check_stream(&stream(&["a-b"]));
    let rules = spec.pod_failure_policy.expect("podFailurePolicy").rules;
    assert_eq!(rules[0].action, "Ignore");
    assert_eq!(
        rules[0].on_pod_conditions.as_ref().unwrap()[0].type_,
        "DisruptionTarget"
    );
    // OnFailure restarts in place, which podFailurePolicy does not allow.
    let spec = check_stream(&stream(&["a-b", "--restart-policy", "OnFailure"]));
    assert!(spec.pod_failure_policy.is_none());
    // Older than 1.26: left out rather than refused, since nobody asked for it.
    let spec = check_stream(&stream(&["a-b", "--kube-version", "1.25"]));
    assert!(spec.pod_failure_policy.is_none());
}

#[test]
fn exit_codes_can_fail_the_job_at_once() {
    let spec = check_stream(&stream(&[
        "a-b",
        "--fail-on-exit-code",
        "42",
        "--fail-on-exit-code",
        "3",
    ]));
    let rule = &spec.pod_failure_policy.unwrap().rules[1];
    assert_eq!(rule.action, "FailJob");
    let codes = rule.on_exit_codes.as_ref().unwrap();
    assert_eq!(
        (codes.operator.as_str(), codes.values.clone()),
        ("In", vec![42, 3])
    );
    assert_eq!(codes.container_name.as_deref(), Some("a-b"));
    refused(
        &["--fail-on-exit-code", "42", "--restart-policy", "OnFailure"],
        "needs --restart-policy Never",
    );
    refused(&["--fail-on-exit-code", "0"], "--fail-on-exit-code \"0\"");
    refused(
        &["--fail-on-exit-code", "42", "--kube-version", "1.25"],
        "needs Kubernetes 1.26 or newer",
    );
}

#[test]
fn parallel_jobs_can_retry_per_index() {
    let args = [
        "a-b",
        "--pattern",
        "parallel",
        "--backoff-limit-per-index",
        "2",
        "--max-failed-indexes",
        "3",
    ];
    let spec = check_stream(&stream(&args));
    assert_eq!(
        (spec.backoff_limit_per_index, spec.max_failed_indexes),
        (Some(2), Some(3))
    );
    refused(
        &["--pattern", "parallel", "--max-failed-indexes", "3"],
        "needs --backoff-limit-per-index",
    );
    refused(
        &[
            "--pattern",
            "parallel",
            "--backoff-limit-per-index",
            "1",
            "--max-failed-indexes",
            "11",
        ],
        "more than the 10 completions",
    );
    refused(
        &[
            "--pattern",
            "parallel",
            "--backoff-limit-per-index",
            "1",
            "--kube-version",
            "1.28",
        ],
        "needs Kubernetes 1.29 or newer; --kube-version is 1.28",
    );
    refused(
        &["--backoff-limit-per-index", "1"],
        "only applies to --pattern parallel",
    );
}

#[test]
fn cron_jobs_take_a_time_zone_and_their_policies() {
    let args = [
        "a-b",
        "--pattern",
        "cron",
        "--time-zone",
        "Asia/Seoul",
        "--concurrency-policy",
        "Replace",
        "--starting-deadline",
        "120",
        "--successful-jobs-history",
        "1",
        "--failed-jobs-history",
        "5",
        "--suspend",
    ];
    let yaml = stream(&args);
    check_stream(&yaml);
    let cron: CronJob = strict(find(&documents(&yaml), "CronJob"));
    let s = cron.spec.unwrap();
    assert_eq!(s.time_zone.as_deref(), Some("Asia/Seoul"));
    assert_eq!(s.concurrency_policy.as_deref(), Some("Replace"));
    assert_eq!(s.starting_deadline_seconds, Some(120));
    assert_eq!(
        (s.successful_jobs_history_limit, s.failed_jobs_history_limit),
        (Some(1), Some(5))
    );
    assert_eq!(s.suspend, Some(true));
    refused(
        &["--pattern", "cron", "--time-zone", "KST"],
        "IANA time zone",
    );
    refused(
        &[
            "--pattern",
            "cron",
            "--time-zone",
            "Asia/Seoul",
            "--kube-version",
            "1.26",
        ],
        "needs Kubernetes 1.27",
    );
    refused(
        &["--time-zone", "Asia/Seoul"],
        "only applies to --pattern cron",
    );
    refused(
        &["--pattern", "cron", "--concurrency-policy", "Sometimes"],
        "--concurrency-policy \"Sometimes\"",
    );
    refused(&["--kube-version", "1.40"], "--kube-version \"1.40\"");
}

#[test]
fn a_team_default_for_cron_jobs_does_not_trouble_other_patterns() {
    let dir = assert_fs::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        "concurrency-policy: Allow\nschedule: '0 3 * * *'\ntime-zone: UTC\n",
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--stdout"])
        .assert()
        .success();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--stdout", "--pattern", "cron"])
        .output()
        .unwrap();
    let cron = find(
        &documents(&String::from_utf8(out.stdout).unwrap()),
        "CronJob",
    )
    .clone();
    assert_eq!(cron["spec"]["concurrencyPolicy"], "Allow");
    assert_eq!(cron["spec"]["schedule"], "0 3 * * *");
}

#[test]
fn suspend_and_kueue() {
    let yaml = stream(&["a-b", "--suspend", "--queue", "team-a"]);
    let spec = check_stream(&yaml);
    assert_eq!(spec.suspend, Some(true));
    let job = find(&documents(&yaml), "Job").clone();
    assert_eq!(
        job["metadata"]["labels"]["kueue.x-k8s.io/queue-name"],
        "team-a"
    );
    let yaml = stream(&["a-b", "--pattern", "cron", "--queue", "team-a"]);
    check_stream(&yaml);
    let cron = find(&documents(&yaml), "CronJob").clone();
    assert_eq!(
        cron["spec"]["jobTemplate"]["metadata"]["labels"]["kueue.x-k8s.io/queue-name"],
        "team-a"
    );
    assert!(
        cron["metadata"]["labels"]
            .get("kueue.x-k8s.io/queue-name")
            .is_none()
    );
    refused(&["--queue", "Team A"], "--queue \"Team A\"");
}
