//! Issue 31: a one-off or parallel Job never runs again by accident under
//! the way the team deploys (`gitops: kubectl | argocd | flux`).

use serde_json::Value;

use crate::harness::{documents, jobgen, stream};

const PATTERNS: [&str; 3] = ["one-off", "cron", "parallel"];

/// The objects `new` streams for this deployment and pattern.
fn objects(gitops: &str, pattern: &str) -> Vec<Value> {
    let mut args = vec![
        "nightly-restore-db",
        "--gitops",
        gitops,
        "--pattern",
        pattern,
    ];
    args.extend([
        "--image",
        "ghcr.io/acme/restore:1.2.3",
        "--",
        "sh",
        "-c",
        "echo run",
    ]);
    documents(&stream(&args))
}

fn annotation<'a>(o: &'a Value, key: &str) -> Option<&'a str> {
    o["metadata"]["annotations"][key].as_str()
}

fn wave(o: &Value) -> i64 {
    annotation(o, "argocd.argoproj.io/sync-wave").map_or(0, |w| w.parse().unwrap())
}

#[test]
fn each_deployment_gets_a_job_that_runs_once() {
    for gitops in ["kubectl", "argocd", "flux"] {
        for pattern in PATTERNS {
            let docs = objects(gitops, pattern);
            let job = docs
                .iter()
                .find(|d| d["kind"] == "Job" || d["kind"] == "CronJob")
                .unwrap();
            let at = format!("{gitops} {pattern}");
            let hook = annotation(job, "argocd.argoproj.io/hook");
            let force = annotation(job, "kustomize.toolkit.fluxcd.io/force");
            // No object asks Argo CD to force or replace (argo-cd#24005).
            for d in &docs {
                let options = annotation(d, "argocd.argoproj.io/sync-options").unwrap_or("");
                assert!(
                    !options.contains("Force") && !options.contains("Replace"),
                    "{at}"
                );
            }
            assert!(job["metadata"]["name"].is_string(), "{at}: a fixed name");
            assert!(
                job["metadata"]["generateName"].is_null(),
                "{at}: never generateName"
            );
            if pattern == "cron" {
                // CronJobs own their Jobs: no hook, no force, no TTL.
                assert_eq!((hook, force), (None, None), "{at}");
                assert!(job["spec"]["jobTemplate"]["spec"]["ttlSecondsAfterFinished"].is_null());
                continue;
            }
            let ttl = &job["spec"]["ttlSecondsAfterFinished"];
            match gitops {
                "argocd" => {
                    assert_eq!(hook, Some("Sync"), "{at}: a Sync hook, never PreSync");
                    assert_eq!(
                        annotation(job, "argocd.argoproj.io/hook-delete-policy"),
                        Some("BeforeHookCreation"),
                        "{at}"
                    );
                    assert_eq!(force, None, "{at}");
                    assert!(
                        ttl.is_u64(),
                        "{at}: hooks are outside sync status, the TTL stays"
                    );
                    // After every dependency the folder applies.
                    for d in docs.iter().filter(|d| d["kind"] != job["kind"]) {
                        if d["kind"] == "PrometheusRule" {
                            continue;
                        }
                        assert!(
                            wave(d) < wave(job),
                            "{at}: {} in wave {}",
                            d["kind"],
                            wave(d)
                        );
                    }
                }
                "flux" => {
                    assert_eq!(force, Some("enabled"), "{at}");
                    assert_eq!(hook, None, "{at}");
                    assert!(ttl.is_null(), "{at}: no TTL under Flux");
                }
                _ => {
                    assert_eq!((hook, force), (None, None), "{at}");
                    assert!(ttl.is_u64(), "{at}");
                }
            }
        }
    }
}

#[test]
fn the_folder_readme_says_what_runs_the_job_again() {
    let dir = assert_fs::TempDir::new().unwrap();
    for (gitops, lang, says) in [
        (
            "kubectl",
            "en",
            "kubectl create -f restore-kubectl-db/job.yaml",
        ),
        (
            "argocd",
            "en",
            "Argo CD leaves hooks out of the application's sync status",
        ),
        ("flux", "en", "kustomize.toolkit.fluxcd.io/force: enabled"),
        (
            "argocd",
            "ko",
            "Argo CD는 훅을 애플리케이션의 동기화 상태에서 빼므로",
        ),
        ("flux", "ko", "폴더가 Git에서 빠질 때까지 유지"),
    ] {
        let name = format!("restore-{gitops}-db");
        let folder = dir.path().join(lang);
        jobgen()
            .current_dir(dir.path())
            .args([
                "new",
                &name,
                "--gitops",
                gitops,
                "--lang",
                lang,
                "--no-input",
                "-o",
                lang,
            ])
            .args([
                "--image",
                "ghcr.io/acme/restore:1.2.3",
                "--",
                "sh",
                "-c",
                "echo run",
            ])
            .assert()
            .success();
        let readme = std::fs::read_to_string(folder.join(&name).join("README.md")).unwrap();
        assert!(readme.contains(says), "{gitops} {lang}: {readme}");
        // Recorded like any answer, and linted clean (new lints what it writes).
        let answers = std::fs::read_to_string(folder.join(&name).join(".jobgen-answers")).unwrap();
        assert!(
            answers.contains(&format!("\"gitops\": \"{gitops}\"")),
            "{answers}"
        );
    }
    let schema: Value =
        serde_json::from_str(&crate::harness::stdout_of(jobgen().arg("schema"))).unwrap();
    assert_eq!(
        schema["properties"]["gitops"]["enum"],
        serde_json::json!(["kubectl", "argocd", "flux"])
    );
}

#[test]
fn a_ttl_under_flux_is_warned_about_and_not_written() {
    let dir = assert_fs::TempDir::new().unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--gitops",
            "flux",
            "--ttl",
            "600",
            "--no-input",
        ])
        .args(["--", "sh", "-c", "echo run"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("warning: --ttl 600: under Flux a Job gets no ttlSecondsAfterFinished"),
        "{err}"
    );
    // The alerts need no TTL floor under Flux: nothing deletes the Job.
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "report-db",
            "--gitops",
            "flux",
            "--ttl",
            "60",
            "--monitoring",
            "--no-input",
        ])
        .args(["--", "sh", "-c", "echo run"])
        .assert()
        .success();
}

#[test]
fn lint_takes_a_flux_forced_job_without_a_ttl() {
    let dir = assert_fs::TempDir::new().unwrap();
    crate::harness::new_in(
        dir.path(),
        &[
            "restore-db",
            "--gitops",
            "flux",
            "--image",
            "ghcr.io/acme/restore:1.2.3",
        ],
    );
    let lint = || {
        jobgen()
            .current_dir(dir.path())
            .args(["lint", "restore-db"])
            .output()
            .unwrap()
    };
    assert!(lint().status.success());
    // The same Job without Flux's force annotation has nothing to clean it up.
    let job = dir.path().join("restore-db/job.yaml");
    let text = std::fs::read_to_string(&job).unwrap();
    std::fs::write(
        &job,
        text.replace("    kustomize.toolkit.fluxcd.io/force: enabled\n", ""),
    )
    .unwrap();
    let out = lint();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ttl-missing"));
}
