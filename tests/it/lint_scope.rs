//! What `kubectl apply -f DIR/` applies, lint checks: every pod-bearing
//! object, job.yaml holding exactly its one job, and the Kubernetes facts
//! (cluster-scoped kinds, generateName, removed API versions).

use assert_fs::TempDir;

use crate::harness::{jobgen, new_in};

/// Lints `dir/restore-db`; returns the exit code and the JSON report.
pub(crate) fn lint(dir: &TempDir) -> (i32, serde_json::Value) {
    let out = jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db", "--format", "json"])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), report)
}

/// (rule, object) of every finding.
pub(crate) fn found(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["object"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The first finding of `rule` in a JSON report.
pub(crate) fn finding(report: &serde_json::Value, rule: &str) -> serde_json::Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {report:#}"))
        .clone()
}

/// Replaces the first `from` in restore-db/job.yaml with `to`.
pub(crate) fn edit_job(dir: &TempDir, from: &str, to: &str) {
    let path = dir.path().join("restore-db/job.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in job.yaml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

pub(crate) fn folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db", "--", "sh", "-c", "echo run"]);
    dir
}

#[test]
fn a_pod_and_a_deployment_in_the_folder_are_checked_like_the_job() {
    let dir = folder();
    let job = dir.path().join("restore-db");
    std::fs::write(
        job.join("debug-pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: operations\nspec:\n  hostNetwork: true\n  containers:\n    - name: shell\n      image: busybox:latest\n      securityContext:\n        privileged: true\n",
    )
    .unwrap();
    std::fs::write(
        job.join("extra.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sidecar\n  namespace: operations\nspec:\n  selector:\n    matchLabels: {app: sidecar}\n  template:\n    metadata:\n      labels: {app: sidecar}\n    spec:\n      securityContext:\n        runAsUser: 0\n      containers:\n        - name: app\n          image: nginx:1.27\n",
    )
    .unwrap();
    let (code, report) = lint(&dir);
    assert_eq!(code, 1, "{report:#}");
    let found = found(&report);
    for rule in [
        "pss-host",
        "pss-privileged",
        "image-unpinned",
        "resources-missing",
        "pss-seccomp",
    ] {
        assert!(
            found.contains(&(rule.into(), "Pod/debug".into())),
            "{rule}: {found:?}"
        );
    }
    assert!(
        found.contains(&("pss-run-as-non-root".into(), "Deployment/sidecar".into())),
        "{found:?}"
    );
    // A Deployment restarts Always: the Job's restart rule does not apply.
    assert!(
        !found
            .iter()
            .any(|(r, o)| r == "restart-policy" && o != "Job/restore-db"),
        "{found:?}"
    );
    // The generated job itself is still clean.
    assert!(
        !found.iter().any(|(_, o)| o == "Job/restore-db"),
        "{found:?}"
    );
}

#[test]
fn job_yaml_holds_exactly_one_job() {
    for (contents, says) in [
        ("", "job.yaml holds no Job or CronJob"),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: operations\n",
            "job.yaml holds no Job or CronJob",
        ),
    ] {
        let dir = folder();
        std::fs::write(dir.path().join("restore-db/job.yaml"), contents).unwrap();
        let (code, report) = lint(&dir);
        assert_eq!(code, 1);
        let f = finding(&report, "job-file");
        assert!(f["message"].as_str().unwrap().contains(says), "{f}");
    }
    // Two jobs in one file.
    let dir = folder();
    let path = dir.path().join("restore-db/job.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let second = text.replacen("  name: restore-db\n", "  name: restore-db-two\n", 1);
    std::fs::write(&path, format!("{text}---\n{second}")).unwrap();
    let (_, report) = lint(&dir);
    let f = finding(&report, "job-file");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("holds 2 Jobs/CronJobs"),
        "{f}"
    );
}

#[test]
fn cluster_scoped_kinds_have_no_namespace_to_mismatch() {
    let dir = folder();
    std::fs::write(
        dir.path().join("restore-db/priority.yaml"),
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: restore-high\nvalue: 1000\n",
    )
    .unwrap();
    let (code, report) = lint(&dir);
    assert_eq!(code, 0, "{report:#}");
    assert!(found(&report).is_empty(), "{report:#}");
}

#[test]
fn generate_name_is_understood() {
    let dir = folder();
    edit_job(&dir, "  name: restore-db\n", "  generateName: restore-\n");
    let (_, report) = lint(&dir);
    let f = finding(&report, "name-dns");
    assert_eq!(f["object"], "Job/restore-*");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("generateName `restore-`, which `kubectl apply` refuses"),
        "{f}"
    );
    assert!(
        !f["message"].as_str().unwrap().contains("must not be empty"),
        "{f}"
    );
}

#[test]
fn every_removed_api_version_is_named_with_its_release() {
    // batch/v2alpha1 served CronJobs only (never enabled by default; removed in 1.21).
    let dir = TempDir::new().unwrap();
    new_in(
        dir.path(),
        &[
            "restore-db",
            "--pattern",
            "cron",
            "--",
            "sh",
            "-c",
            "echo run",
        ],
    );
    edit_job(
        &dir,
        "apiVersion: batch/v1\n",
        "apiVersion: batch/v2alpha1\n",
    );
    let (_, report) = lint(&dir);
    let f = finding(&report, "api-deprecated");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("batch/v2alpha1 is no longer served (removed in 1.21)"),
        "{f}"
    );
    assert!(f["hint"].as_str().unwrap().contains("batch/v1"), "{f}");
}

/// A hand-written folder: a CronJob without the team's labels, TTL or
/// README, secure by Pod Security, with requests but no limits.
fn hand_written() -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("restore-db")).unwrap();
    std::fs::write(
        dir.path().join("restore-db/job.yaml"),
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: ops\nspec:\n  schedule: \"0 2 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          securityContext:\n            runAsNonRoot: true\n            seccompProfile: {type: RuntimeDefault}\n          containers:\n            - name: backup\n              image: ghcr.io/acme/backup:1.4\n              resources:\n                requests: {cpu: 100m, memory: 128Mi}\n              securityContext:\n                allowPrivilegeEscalation: false\n                readOnlyRootFilesystem: true\n                capabilities: {drop: [ALL]}\n",
    )
    .unwrap();
    dir
}

pub(crate) fn rules_of(report: &serde_json::Value) -> Vec<String> {
    let mut r: Vec<String> = found(report).into_iter().map(|(rule, _)| rule).collect();
    r.sort();
    r.dedup();
    r
}

#[test]
fn the_kubernetes_profile_leaves_the_team_conventions_out() {
    let dir = hand_written();
    let (code, report) = lint(&dir);
    assert_eq!(code, 1);
    let all = rules_of(&report);
    for convention in [
        "folder-readme",
        "labels-missing",
        "backoff-limit-missing",
        "active-deadline-missing",
        "resources-missing",
    ] {
        assert!(all.contains(&convention.to_string()), "{all:?}");
    }
    // The same folder under --profile kubernetes, or lint.profile in config: clean.
    let out = jobgen()
        .current_dir(dir.path())
        .args([
            "lint",
            "restore-db",
            "--format",
            "json",
            "--profile",
            "kubernetes",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        "lint:\n  profile: kubernetes\n",
    )
    .unwrap();
    let (code, report) = lint(&dir);
    assert_eq!(code, 0, "{report:#}");
    // Kubernetes and Pod Security rules still apply under it.
    let job = dir.path().join("restore-db/job.yaml");
    let text = std::fs::read_to_string(&job).unwrap();
    std::fs::write(
        &job,
        text.replace(
            "allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: true",
        ),
    )
    .unwrap();
    let (code, report) = lint(&dir);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&report), ["pss-privilege-escalation"]);
}

#[test]
fn a_team_can_ask_for_requests_only() {
    let dir = hand_written();
    let (_, report) = lint(&dir);
    let limits = |r: &serde_json::Value| {
        r["findings"].as_array().unwrap().iter().any(|f| {
            f["rule"] == "resources-missing"
                && f["message"].as_str().unwrap().contains("limits.cpu")
        })
    };
    assert!(limits(&report));
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        "lint:\n  resources: requests\n",
    )
    .unwrap();
    let (_, report) = lint(&dir);
    assert!(!limits(&report), "{report:#}");
    assert!(!rules_of(&report).contains(&"resources-missing".to_string()));
    // Requests are still required.
    let job = dir.path().join("restore-db/job.yaml");
    let text = std::fs::read_to_string(&job).unwrap();
    std::fs::write(
        &job,
        text.replace(
            "                requests: {cpu: 100m, memory: 128Mi}\n",
            "                {}\n",
        )
        .replace("              resources:\n                {}\n", ""),
    )
    .unwrap();
    let (_, report) = lint(&dir);
    assert!(
        rules_of(&report).contains(&"resources-missing".to_string()),
        "{report:#}"
    );
}

#[test]
fn a_wrong_profile_or_option_is_refused() {
    let dir = hand_written();
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db", "--profile", "strict"])
        .assert()
        .code(2);
    let err = lint_refused(&dir, "lint:\n  profile: strict\n");
    assert!(err.contains("lint.profile: strict"), "{err}");
}

/// Lints `dir/restore-db` under the team config `config`, which must be
/// refused (exit 2); the message.
pub(crate) fn lint_refused(dir: &TempDir, config: &str) -> String {
    std::fs::write(dir.path().join(".jobgen.yaml"), config).unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).into_owned()
}
