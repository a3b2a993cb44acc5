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
    let cases = [
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
            "flux",
            "en",
            "kind: Kustomization\nmetadata:\n  name: restore-flux-db",
        ),
        (
            "argocd",
            "ko",
            "Argo CD는 훅을 애플리케이션의 동기화 상태에서 빼므로",
        ),
        ("flux", "ko", "폴더가 Git에서 빠질 때까지 유지"),
    ];
    for (i, (gitops, lang, says)) in cases.into_iter().enumerate() {
        let name = format!("restore-{gitops}-db");
        let out = format!("{lang}{i}");
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
                &out,
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
        let folder = dir.path().join(&out).join(&name);
        let readme = std::fs::read_to_string(folder.join("README.md")).unwrap();
        assert!(readme.contains(says), "{gitops} {lang}: {readme}");
        // Recorded like any answer.
        let answers = std::fs::read_to_string(folder.join(".jobgen-answers")).unwrap();
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

/// Lints a folder holding `job` (and a ServiceAccount `runner`, a plain
/// Sync-phase object) under a team config saying `gitops`.
fn lint_reruns(gitops: &str, job: &str) -> Vec<(String, String)> {
    let dir = assert_fs::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        format!("gitops: {gitops}\n"),
    )
    .unwrap();
    let folder = dir.path().join("restore-db");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("job.yaml"), job).unwrap();
    std::fs::write(
        folder.join("sa.yaml"),
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n",
    )
    .unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "job-reruns")
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn hand_job(meta: &str, ttl: bool) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n{meta}spec:\n{}  template:\n    spec:\n      serviceAccountName: runner\n      restartPolicy: Never\n      containers:\n        - name: main\n          image: ghcr.io/acme/restore:1.2.3\n",
        if ttl {
            "  ttlSecondsAfterFinished: 600\n"
        } else {
            ""
        }
    )
}

#[test]
fn lint_names_a_job_that_will_run_again() {
    let plain = hand_job("  name: restore-db\n", true);
    // A TTL and no hook: Argo CD re-creates it; Flux re-applies it.
    let argo = lint_reruns("argocd", &plain);
    assert_eq!(argo.len(), 1, "{argo:?}");
    assert_eq!(argo[0].0, "error");
    assert!(
        argo[0].1.contains("Argo CD creates this Job again"),
        "{argo:?}"
    );
    let flux = lint_reruns("flux", &plain);
    assert!(
        flux.len() == 1 && flux[0].1.contains("Flux applies"),
        "{flux:?}"
    );
    // kubectl: a person's apply re-runs it, which the README says; no finding.
    assert!(lint_reruns("kubectl", &plain).is_empty());
    // A Sync hook with BeforeHookCreation and a fixed name is fine under Argo CD.
    let hook = hand_job(
        "  name: restore-db\n  annotations:\n    argocd.argoproj.io/hook: Sync\n    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation\n",
        true,
    );
    assert!(lint_reruns("argocd", &hook).is_empty());
    // generateName defeats BeforeHookCreation: a warning under kubectl, an error under Argo CD.
    let generated = hand_job(
        "  generateName: restore-db-\n  annotations:\n    argocd.argoproj.io/hook: Sync\n    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation\n",
        false,
    );
    let k = lint_reruns("kubectl", &generated);
    assert!(
        k.len() == 1 && k[0].0 == "warning" && k[0].1.contains("generateName"),
        "{k:?}"
    );
    assert_eq!(lint_reruns("argocd", &generated)[0].0, "error");
    // A PreSync hook runs before the Sync phase creates its ServiceAccount.
    let presync = hand_job(
        "  name: restore-db\n  annotations:\n    argocd.argoproj.io/hook: PreSync\n    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation\n",
        true,
    );
    let p = lint_reruns("argocd", &presync);
    assert!(
        p.len() == 1 && p[0].1.contains("ServiceAccount/runner"),
        "{p:?}"
    );
}

#[test]
fn a_folder_is_linted_by_the_gitops_it_recorded() {
    // The team config says argocd; a folder made with --gitops flux is
    // linted as Flux (no TTL is right there), and one made for kubectl
    // keeps its TTL without an error.
    let dir = assert_fs::TempDir::new().unwrap();
    std::fs::write(dir.path().join(".jobgen.yaml"), "gitops: argocd\n").unwrap();
    for gitops in ["flux", "kubectl"] {
        let name = format!("restore-{gitops}-db");
        jobgen()
            .current_dir(dir.path())
            .args(["new", &name, "--gitops", gitops, "--no-input"])
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
    }
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "."])
        .assert()
        .success();
}

#[test]
fn an_update_names_the_immutable_fields_it_changes() {
    let dir = assert_fs::TempDir::new().unwrap();
    for gitops in ["kubectl", "argocd", "flux"] {
        let name = format!("restore-{gitops}-db");
        jobgen()
            .current_dir(dir.path())
            .args([
                "new",
                &name,
                "--gitops",
                gitops,
                "--pattern",
                "parallel",
                "--no-input",
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
        let update = |args: &[&str]| {
            let out = jobgen()
                .current_dir(dir.path())
                .args(["update", &name])
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success());
            String::from_utf8(out.stderr).unwrap()
        };
        // Mutable in place: no note.
        for args in [
            &["--parallelism", "4"][..],
            &["--suspend"],
            &["--active-deadline", "7200"],
            &["--backoff-limit", "1"],
        ] {
            let err = update(args);
            assert!(
                !err.contains("cannot change on a Job that exists"),
                "{gitops} {args:?}: {err}"
            );
        }
        // The pod template is not: named, with what applying it takes.
        let err = update(&["--image", "ghcr.io/acme/restore:1.2.4"]);
        let how = match gitops {
            "kubectl" => "kubectl replace --force -f job.yaml",
            "argocd" => "the next sync",
            _ => "deletes and re-creates the Job",
        };
        assert!(
            err.contains("spec.template.spec.containers")
                && err.contains("field is immutable")
                && err.contains(how),
            "{gitops}: {err}"
        );
    }
}
