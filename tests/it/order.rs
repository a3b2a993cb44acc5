//! Objects arrive in dependency order: the ServiceAccount, ConfigMap,
//! ExternalSecret and NetworkPolicy before the Job. The "next:" commands of
//! `new` and the folder README apply them in that order, Argo CD sync waves
//! say the same, and kubectl (offline, through kustomize) builds the stream
//! in that order from the README's file list.

use std::path::Path;
use std::process::Command;

use assert_fs::TempDir;

use crate::harness::{documents, jobgen};

/// Writes a folder; returns the "next:" kubectl apply lines.
fn new(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = jobgen()
        .current_dir(dir)
        .args(["new", "--no-input"])
        .args(args)
        .args(["--", "sh", "-c", "echo run"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .skip_while(|l| *l != "next:")
        .filter_map(|l| l.trim().strip_prefix("kubectl apply ").map(str::to_string))
        .collect()
}

/// The file names of `-f DIR/FILE` arguments.
fn files_of(command: &str) -> Vec<String> {
    command
        .split_whitespace()
        .filter(|w| *w != "-f")
        .map(|w| w.rsplit('/').next().unwrap().to_string())
        .collect()
}

/// The YAML files of a folder, sorted.
fn yaml_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    v.sort();
    v
}

const CASES: &[&[&str]] = &[
    &["restore-db"],
    &["backup-db", "--pattern", "cron", "--monitoring"],
    &[
        "resize-db",
        "--pattern",
        "parallel",
        "--no-configmap",
        "--no-external-secret",
    ],
    &[
        "sync-db",
        "--create-secret-store",
        "--gcp-service-account",
        "sync@ojeomneo-prod.iam.gserviceaccount.com",
        "--gcp-project",
        "ojeomneo-prod",
    ],
];

#[test]
fn next_and_readme_apply_dependencies_before_the_job() {
    let dir = TempDir::new().unwrap();
    for args in CASES {
        let name = args[0];
        let applies = new(dir.path(), args);
        assert_eq!(applies.len(), 2, "{args:?}: {applies:?}");
        let (first, last) = (files_of(&applies[0]), files_of(&applies[1]));
        assert_eq!(last[0], "job.yaml", "{args:?}");
        assert!(!first.contains(&"job.yaml".to_string()));
        let mut all: Vec<String> = first.iter().chain(&last).cloned().collect();
        all.sort();
        assert_eq!(all, yaml_files(&dir.path().join(name)), "every file once");
        // The README's Run section gives the same two commands.
        let readme = std::fs::read_to_string(dir.path().join(name).join("README.md")).unwrap();
        let run = &readme[readme.find("## Run").unwrap()..];
        let block: Vec<&str> = run
            .lines()
            .skip_while(|l| *l != "```sh")
            .skip(1)
            .take_while(|l| *l != "```")
            .collect();
        assert_eq!(
            block,
            applies
                .iter()
                .map(|a| format!("kubectl apply {a}"))
                .collect::<Vec<_>>(),
            "{args:?}"
        );
        // The conventions' own command is there too.
        assert!(readme.contains(&format!("kubectl apply -f {name}/\n")));
    }
}

#[test]
fn argo_cd_sync_waves_put_every_dependency_before_the_job() {
    let dir = TempDir::new().unwrap();
    for args in CASES {
        new(dir.path(), args);
        let folder = dir.path().join(args[0]);
        for file in yaml_files(&folder) {
            let text = std::fs::read_to_string(folder.join(&file)).unwrap();
            for doc in documents(&text) {
                let kind = doc["kind"].as_str().unwrap();
                let wave = doc["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"].as_str();
                let want = match kind {
                    "ServiceAccount" | "Role" | "RoleBinding" | "SecretStore" => Some("-2"),
                    "ConfigMap" | "ExternalSecret" | "NetworkPolicy" => Some("-1"),
                    "Job" | "CronJob" | "PrometheusRule" => None,
                    other => panic!("unexpected kind {other}"),
                };
                assert_eq!(wave, want, "{file}: {kind}");
            }
        }
    }
}

#[test]
fn kubectl_builds_the_readme_order_offline() {
    let Some(kubectl) = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("kubectl"))
            .find(|k| k.is_file())
    }) else {
        assert!(std::env::var_os("CI").is_none(), "CI must have kubectl");
        crate::harness::skipped("kubectl is not installed");
        return;
    };
    let dir = TempDir::new().unwrap();
    for args in CASES {
        let applies = new(dir.path(), args);
        let folder = dir.path().join(args[0]);
        // kustomize reads only files inside its folder, so the kustomization
        // goes into a copy (inside the job folder it would break
        // `kubectl apply -f DIR/`, which would try to apply it).
        let copy = dir.path().join("kustomized");
        let _ = std::fs::remove_dir_all(&copy);
        std::fs::create_dir(&copy).unwrap();
        for f in yaml_files(&folder) {
            std::fs::copy(folder.join(&f), copy.join(&f)).unwrap();
        }
        let order: Vec<String> = applies.iter().flat_map(|a| files_of(a)).collect();
        let mut k = String::from("sortOptions:\n  order: fifo\nresources:\n");
        for f in &order {
            k.push_str(&format!("  - {f}\n"));
        }
        std::fs::write(copy.join("kustomization.yaml"), k).unwrap();
        let out = Command::new(&kubectl)
            .args(["kustomize"])
            .arg(&copy)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let kinds: Vec<String> = documents(&String::from_utf8(out.stdout).unwrap())
            .iter()
            .map(|d| d["kind"].as_str().unwrap().to_string())
            .collect();
        let job = kinds
            .iter()
            .position(|k| k == "Job" || k == "CronJob")
            .unwrap();
        for dep in [
            "ServiceAccount",
            "ConfigMap",
            "ExternalSecret",
            "SecretStore",
            "NetworkPolicy",
        ] {
            if let Some(at) = kinds.iter().position(|k| k == dep) {
                assert!(at < job, "{args:?}: {dep} after the job in {kinds:?}");
            }
        }
        assert!(kinds.iter().any(|k| k == "NetworkPolicy"), "{kinds:?}");
    }
}
