//! Where teams run jobgen: the pre-commit hooks of .pre-commit-hooks.yaml
//! (their entry commands run on a fixture repository), and jobgen as a
//! kubectl plugin when installed as `kubectl-jobgen`.

use std::path::Path;

use assert_fs::TempDir;

use crate::harness::{jobgen, new_in};

/// The values of `keys` in every hook of .pre-commit-hooks.yaml.
fn hook_fields(keys: &[&str]) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let docs = jobgen::yaml::parse(&text).unwrap();
    docs.value
        .items()
        .iter()
        .map(|h| {
            keys.iter()
                .map(|k| {
                    h.value
                        .get(k)
                        .and_then(|v| v.value.text())
                        .unwrap()
                        .to_string()
                })
                .collect()
        })
        .collect()
}

/// (id, entry words) of every hook.
fn hooks() -> Vec<(String, Vec<String>)> {
    hook_fields(&["id", "entry", "language", "pass_filenames"])
        .into_iter()
        .map(|f| {
            assert_eq!(f[2], "rust", "pre-commit builds it from the repository");
            assert_eq!(f[3], "false");
            let entry = f[1].split_whitespace().map(str::to_string).collect();
            (f[0].clone(), entry)
        })
        .collect()
}

/// Runs a hook's entry in `repo` with the built binary; the exit code.
fn run_hook(entry: &[String], repo: &Path) -> i32 {
    assert_eq!(entry[0], "jobgen");
    jobgen()
        .current_dir(repo)
        .args(&entry[1..])
        .output()
        .unwrap()
        .status
        .code()
        .unwrap()
}

#[test]
fn the_pre_commit_hooks_pass_a_good_repository_and_fail_a_bad_one() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["jobgen-lint", "jobgen-check"]);
    let repo = TempDir::new().unwrap();
    std::fs::create_dir_all(repo.path().join("jobs")).unwrap();
    new_in(
        &repo.path().join("jobs"),
        &["restore-db", "--", "sh", "-c", "echo run"],
    );
    for (id, entry) in &hooks {
        assert_eq!(run_hook(entry, repo.path()), 0, "{id} on a good repository");
    }
    // A privileged container: lint fails. A folder made by an older
    // template (base and file both say IfNotPresent): check fails.
    let job = repo.path().join("jobs/restore-db/job.yaml");
    let text = std::fs::read_to_string(&job).unwrap();
    std::fs::write(
        &job,
        text.replace(
            "allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: true",
        ),
    )
    .unwrap();
    assert_eq!(run_hook(&hooks[0].1, repo.path()), 1);
    for file in ["job.yaml", ".jobgen-base"] {
        let path = repo.path().join("jobs/restore-db").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("imagePullPolicy: Always"));
        std::fs::write(
            &path,
            text.replace("imagePullPolicy: Always", "imagePullPolicy: IfNotPresent"),
        )
        .unwrap();
    }
    assert_eq!(run_hook(&hooks[1].1, repo.path()), 1);
}

#[test]
fn installed_as_kubectl_jobgen_it_is_a_kubectl_plugin() {
    let bin = TempDir::new().unwrap();
    let plugin = bin.path().join("kubectl-jobgen");
    std::fs::copy(assert_cmd::cargo::cargo_bin("jobgen"), &plugin).unwrap();
    let out = std::process::Command::new(&plugin)
        .args(["lint", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Usage: kubectl jobgen lint"), "{help}");
    // Through kubectl itself, where it is installed (CI has it).
    let kubectl = std::process::Command::new("kubectl")
        .arg("version")
        .arg("--client")
        .output();
    if kubectl.is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI must have kubectl");
        crate::harness::skipped("kubectl is not installed");
        return;
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("kubectl")
        .args(["jobgen", "--version"])
        .env("PATH", path)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("jobgen {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// The `files:` pattern of each hook (pre-commit runs a hook only when a
/// changed path matches it, by Python's `re.search`).
fn hook_files() -> Vec<(String, regex::Regex)> {
    hook_fields(&["id", "files"])
        .into_iter()
        .map(|f| (f[0].clone(), regex::Regex::new(&f[1]).unwrap()))
        .collect()
}

#[test]
fn each_hook_runs_when_a_file_that_changes_its_outcome_changes() {
    let changes_check = [
        "jobs/restore-db/job.yaml",
        "jobs/restore-db/README.md",
        "jobs/restore-db/.jobgen-answers",
        "jobs/restore-db/.jobgen-base",
        ".jobgen.yaml",
        "templates/job.yaml.tera",
        "templates/RUNBOOK.md.tera",
        "templates/configmap.yaml.off",
    ];
    let changes_lint = [
        "jobs/restore-db/job.yaml",
        "jobs/x/README.md",
        ".jobgen.yaml",
    ];
    let neither = ["src/main.rs", "docs/notes.txt"];
    for (id, files) in hook_files() {
        let wanted: &[&str] = match id.as_str() {
            "jobgen-check" => &changes_check,
            _ => &changes_lint,
        };
        for path in wanted {
            assert!(
                files.is_match(path),
                "{id} does not run when {path} changes"
            );
        }
        for path in neither {
            assert!(!files.is_match(path), "{id} runs for {path}");
        }
    }
}
