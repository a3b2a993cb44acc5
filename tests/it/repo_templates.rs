//! Team templates from a git repository: made in the test (`git init`,
//! commits, tags), reached by plain path and `file://` URL, never the
//! network; pinned, cached, recorded per folder, rolled out folder by
//! folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_fs::TempDir;
use predicates::prelude::*;
use serde_json::Value;

use crate::harness::{entries, jobgen};

/// `git ARGS` in `dir`, which must succeed; its output.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// A templates repository: `jobs/README.md.tera` saying which release it
/// is, tagged v1.0.0, then v1.1.0 (an annotated tag).
fn templates_repo(root: &Path) -> PathBuf {
    let repo = root.join("job-templates");
    std::fs::create_dir_all(repo.join("jobs")).unwrap();
    git(&repo, &["init", "-q"]);
    let readme = |release: &str| format!("# {{{{ name }}}}\nTeam templates {release}.\n");
    std::fs::write(repo.join("jobs/README.md.tera"), readme("one")).unwrap();
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "one"]);
    git(&repo, &["tag", "v1.0.0"]);
    std::fs::write(repo.join("jobs/README.md.tera"), readme("two")).unwrap();
    git(&repo, &["commit", "-qam", "two"]);
    git(&repo, &["tag", "-a", "v1.1.0", "-m", "v1.1.0"]);
    repo
}

fn commit_of(repo: &Path, reference: &str) -> String {
    git(repo, &["rev-parse", &format!("{reference}^{{commit}}")])
        .trim()
        .to_string()
}

/// A jobs repository whose config points at `reference` of `repo`, and a
/// cache of its own.
struct Jobs {
    _tmp: TempDir,
    dir: PathBuf,
    cache: PathBuf,
    repo: PathBuf,
}

impl Jobs {
    /// None (and a line saying so) where git is not installed; CI has it.
    fn new() -> Option<Jobs> {
        let have_git = Command::new("git")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !have_git {
            assert!(
                std::env::var_os("CI").is_none(),
                "git is not installed, and CI must run the repository template tests"
            );
            crate::harness::skipped("git is not installed");
            return None;
        }
        let tmp = TempDir::new().unwrap();
        let repo = templates_repo(tmp.path());
        let dir = tmp.path().join("jobs");
        std::fs::create_dir_all(&dir).unwrap();
        let jobs = Jobs {
            cache: tmp.path().join("cache"),
            dir,
            repo,
            _tmp: tmp,
        };
        jobs.point_at("v1.0.0");
        Some(jobs)
    }

    /// The config asks for `reference` (the repository by a relative path).
    fn point_at(&self, reference: &str) {
        let config =
            format!("templates:\n  git: ../job-templates\n  ref: {reference}\n  path: jobs\n");
        std::fs::write(self.dir.join(".jobgen.yaml"), config).unwrap();
    }

    fn jobgen(&self) -> assert_cmd::Command {
        let mut cmd = jobgen();
        cmd.current_dir(&self.dir)
            .env("XDG_CACHE_HOME", &self.cache)
            .env_remove("JOBGEN_OFFLINE");
        cmd
    }

    fn make(&self, name: &str) {
        self.jobgen()
            .args(["new", name, "--no-input", "-q"])
            .assert()
            .success();
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.join(path)).unwrap()
    }

    fn recorded(&self, folder: &str) -> Value {
        serde_json::from_str(&self.read(&format!("{folder}/.jobgen-answers"))).unwrap()
    }
}

#[test]
fn new_from_a_tag_records_the_commit_and_then_needs_no_network() {
    let Some(jobs) = Jobs::new() else { return };
    jobs.make("restore-db");
    assert!(
        jobs.read("restore-db/README.md")
            .contains("Team templates one.")
    );
    let one = commit_of(&jobs.repo, "v1.0.0");
    let recorded = jobs.recorded("restore-db");
    assert_eq!(recorded["templates-commit"], one.as_str());
    let source = recorded["templates"].as_str().unwrap();
    assert!(
        source.starts_with("git+/") && source.ends_with("job-templates@v1.0.0#jobs"),
        "{source}"
    );
    // The provenance lines name the template version.
    let first = jobs.read("restore-db/job.yaml");
    assert!(
        first
            .lines()
            .next()
            .unwrap()
            .contains(&format!("; templates v1.0.0 ({}); ", &one[..7])),
        "{first}"
    );
    // The repository gone: offline, the cache serves the same commit.
    let moved = jobs.repo.with_extension("away");
    std::fs::rename(&jobs.repo, &moved).unwrap();
    jobs.jobgen()
        .args(["new", "restore-other", "--no-input", "-q", "--offline"])
        .assert()
        .success();
    jobs.jobgen()
        .args(["new", "restore-third", "--no-input", "-q"])
        .env("JOBGEN_OFFLINE", "1")
        .assert()
        .success();
    assert_eq!(
        jobs.recorded("restore-third")["templates-commit"],
        one.as_str()
    );
    // A full commit id in the cache needs no network, offline or not.
    jobs.jobgen()
        .args([
            "new",
            "restore-pinned",
            "--no-input",
            "-q",
            "--templates-ref",
            &one,
        ])
        .assert()
        .success();
    // Online, an unreachable repository is a clear error, nothing written.
    jobs.jobgen()
        .args(["new", "restore-fourth", "--no-input"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(".jobgen.yaml:2:3: templates"))
        .stderr(predicate::str::contains("git: "))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(!jobs.dir.join("restore-fourth").exists());
    // Offline, a ref the cache never saw is named.
    jobs.jobgen()
        .args(["new", "restore-fifth", "--no-input", "--offline"])
        .args(["--templates-ref", "v1.1.0"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("v1.1.0 of /"))
        .stderr(predicate::str::contains(
            "is not in the cache, and jobgen is offline",
        ));
}

#[test]
fn bad_sources_are_clear_errors_and_nothing_is_written() {
    let Some(jobs) = Jobs::new() else { return };
    let url = format!("file://{}", jobs.repo.display());
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--templates-ref".into(), "v9".into()],
            "has no tag, branch or commit `v9`; its tags: v1.1.0, v1.0.0",
        ),
        (
            vec!["--templates".into(), format!("git+{url}@v1.0.0#nope")],
            "has no folder `nope`",
        ),
        (
            vec!["--templates".into(), format!("git+{url}@v1.0.0")],
            "holds no templates (*.tera or *.off files) at its top",
        ),
        (
            vec!["--templates".into(), "git+file:///nowhere/none.git".into()],
            "--templates \"git+file:///nowhere/none.git\": git: ",
        ),
    ];
    for (args, message) in cases {
        jobs.jobgen()
            .args(["new", "restore-db", "--no-input"])
            .args(&args)
            .assert()
            .code(3)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains("nothing was written"));
    }
    // --templates-ref is named when it is the ref that is wrong.
    jobs.jobgen()
        .args(["new", "restore-db", "--no-input", "--templates-ref", "v9"])
        .assert()
        .stderr(predicate::str::contains("--templates-ref \"v9\""));
    // --templates-ref without a repository.
    std::fs::remove_file(jobs.dir.join(".jobgen.yaml")).unwrap();
    jobs.jobgen()
        .args(["new", "restore-db", "--no-input", "--templates-ref", "v1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "needs templates from a repository",
        ));
    jobs.point_at("v1.0.0");
    // No git on PATH.
    let empty = jobs.dir.join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    jobs.jobgen()
        .args(["new", "restore-db", "--no-input"])
        .env("PATH", &empty)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "git is not installed (or not on PATH)",
        ));
    assert_eq!(entries(&jobs.dir), [".jobgen.yaml", "empty-bin"]);
}

#[test]
fn folders_move_to_a_new_release_one_at_a_time() {
    let Some(jobs) = Jobs::new() else { return };
    jobs.make("restore-a");
    jobs.make("restore-b");
    let (one, two) = (
        commit_of(&jobs.repo, "v1.0.0"),
        commit_of(&jobs.repo, "v1.1.0"),
    );
    jobs.jobgen().args(["check", "."]).assert().success();
    // One folder tries the new release first; its sibling stays.
    jobs.jobgen()
        .args(["update", "restore-a", "--templates-ref", "v1.1.0"])
        .assert()
        .success();
    assert!(
        jobs.read("restore-a/README.md")
            .contains("Team templates two.")
    );
    assert_eq!(jobs.recorded("restore-a")["templates-commit"], two.as_str());
    assert!(
        jobs.read("restore-b/README.md")
            .contains("Team templates one.")
    );
    assert_eq!(jobs.recorded("restore-b")["templates-commit"], one.as_str());
    // Config still asks for v1.0.0: check says restore-a is not on it.
    jobs.jobgen()
        .args(["check", "restore-a"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "templates v1.1.0 ({}) -> v1.0.0 ({})",
            &two[..7],
            &one[..7]
        )));
    // The config moves to v1.1.0: restore-b is out of date, then updated.
    jobs.point_at("v1.1.0");
    jobs.jobgen()
        .args(["check", "restore-a"])
        .assert()
        .success();
    let check = jobs
        .jobgen()
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    let b = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["folder"].as_str().unwrap().ends_with("restore-b"))
        .unwrap();
    assert_eq!(b["status"], "outdated");
    assert_eq!(b["templates"]["to"], format!("v1.1.0 ({})", &two[..7]));
    jobs.jobgen()
        .args(["update", "restore-b"])
        .assert()
        .success();
    assert!(
        jobs.read("restore-b/README.md")
            .contains("Team templates two.")
    );
    jobs.jobgen().args(["check", "."]).assert().success();
    // Each folder's version, in the report of a current folder too.
    jobs.jobgen()
        .args(["check", "restore-b"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "restore-b: current\n  templates v1.1.0 ({})\n",
            &two[..7]
        )));
    assert_eq!(b["made-from"], format!("v1.0.0 ({})", &one[..7]));
}

#[test]
fn a_tag_that_moved_is_noticed() {
    let Some(jobs) = Jobs::new() else { return };
    jobs.make("restore-a");
    let before = commit_of(&jobs.repo, "v1.0.0");
    std::fs::write(
        jobs.repo.join("jobs/README.md.tera"),
        "# {{ name }}\nRetagged.\n",
    )
    .unwrap();
    git(&jobs.repo, &["commit", "-qam", "retag"]);
    git(&jobs.repo, &["tag", "-f", "v1.0.0"]);
    let after = commit_of(&jobs.repo, "v1.0.0");
    jobs.jobgen()
        .args(["new", "restore-b", "--no-input"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "v1.0.0 of {} moved: it was {} when jobgen fetched it, it is {} now",
            std::fs::canonicalize(&jobs.repo).unwrap().display(),
            &before[..7],
            &after[..7]
        )));
    assert!(jobs.read("restore-b/README.md").contains("Retagged."));
    jobs.jobgen()
        .args(["check", "restore-a"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "templates v1.0.0 ({}) -> v1.0.0 ({})",
            &before[..7],
            &after[..7]
        )));
}

#[test]
fn versions_lists_tags_newest_first_with_folders_counted() {
    let Some(jobs) = Jobs::new() else { return };
    jobs.make("restore-a");
    jobs.make("restore-b");
    jobs.jobgen()
        .args([
            "new",
            "restore-c",
            "--no-input",
            "-q",
            "--templates-ref",
            "v1.1.0",
        ])
        .assert()
        .success();
    let (one, two) = (
        commit_of(&jobs.repo, "v1.0.0"),
        commit_of(&jobs.repo, "v1.1.0"),
    );
    let out = crate::harness::stdout_of(jobs.jobgen().args(["templates", "versions"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with("job-templates"), "{out}");
    assert_eq!(
        lines[1],
        format!("  v1.1.0  {}          1 folder", &two[..7])
    );
    assert_eq!(
        lines[2],
        format!("  v1.0.0  {}  config  2 folders", &one[..7])
    );
    let json: Value = serde_json::from_str(&crate::harness::stdout_of(jobs.jobgen().args([
        "templates",
        "versions",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["config"], "v1.0.0");
    assert_eq!(json["versions"][0]["tag"], "v1.1.0");
    assert_eq!(json["versions"][0]["folders"], 1);
    assert_eq!(json["versions"][1]["config"], true);
    assert_eq!(json["versions"][1]["folders"], 2);
    // `templates list` names the repository's files in the cache.
    let list = crate::harness::stdout_of(jobs.jobgen().args(["templates", "list"]));
    let readme = list.lines().find(|l| l.starts_with("README.md ")).unwrap();
    assert!(
        readme.contains(&format!("{one}/jobs/README.md.tera")),
        "{list}"
    );
}

/// Templates from a repository are data: no environment, no files from
/// outside (a symlink in the repository is not followed).
#[test]
fn repository_templates_cannot_read_the_machine() {
    let Some(jobs) = Jobs::new() else { return };
    std::fs::write(
        jobs.repo.join("jobs/README.md.tera"),
        "{{ get_env(name=\"HOME\") }}\n",
    )
    .unwrap();
    git(&jobs.repo, &["commit", "-qam", "env"]);
    git(&jobs.repo, &["tag", "env"]);
    jobs.jobgen()
        .args(["new", "restore-db", "--no-input", "--templates-ref", "env"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("Unknown function `get_env`"));
    let secret = jobs.dir.join("secret.txt");
    std::fs::write(&secret, "TOP SECRET\n").unwrap();
    std::fs::remove_file(jobs.repo.join("jobs/README.md.tera")).unwrap();
    std::os::unix::fs::symlink(&secret, jobs.repo.join("jobs/README.md.tera")).unwrap();
    git(&jobs.repo, &["add", "-A"]);
    git(&jobs.repo, &["commit", "-qm", "link"]);
    git(&jobs.repo, &["tag", "link"]);
    jobs.jobgen()
        .args([
            "new",
            "restore-db",
            "--no-input",
            "-q",
            "--templates-ref",
            "link",
        ])
        .assert()
        .success();
    let readme = jobs.read("restore-db/README.md");
    assert!(!readme.contains("TOP SECRET"), "{readme}");
    assert!(
        readme.contains("secret.txt"),
        "the link's text, as a file: {readme}"
    );
}

#[test]
fn a_file_url_works_like_a_path() {
    let Some(jobs) = Jobs::new() else { return };
    // A relative path on the command line is recorded as the real one.
    jobs.jobgen()
        .args(["new", "restore-rel", "--no-input", "-q"])
        .args(["--templates", "git+../job-templates@v1.0.0#jobs"])
        .assert()
        .success();
    let real = std::fs::canonicalize(&jobs.repo).unwrap();
    assert_eq!(
        jobs.recorded("restore-rel")["templates"],
        format!("git+{}@v1.0.0#jobs", real.display())
    );
    let url = format!("file://{}", jobs.repo.display());
    jobs.jobgen()
        .args(["new", "restore-db", "--no-input", "-q"])
        .args(["--templates", &format!("git+{url}@v1.1.0#jobs")])
        .assert()
        .success();
    assert!(
        jobs.read("restore-db/README.md")
            .contains("Team templates two.")
    );
    assert_eq!(
        jobs.recorded("restore-db")["templates"],
        format!("git+{url}@v1.1.0#jobs")
    );
}

/// A `git` that never answers is stopped at the time limit, and git is
/// always run unable to ask for a password: `GIT_TERMINAL_PROMPT=0`, no
/// standard input, ssh in batch mode.
#[test]
fn git_is_never_waited_on_and_never_asks() {
    let Some(jobs) = Jobs::new() else { return };
    let bin = jobs.dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let seen = jobs.dir.join("seen.txt");
    let script = format!(
        "#!/bin/sh\necho \"prompt=$GIT_TERMINAL_PROMPT ssh=$GIT_SSH_COMMAND\" > '{}'\n\
         if [ -t 0 ]; then echo stdin=tty >> '{}'; fi\nexec sleep 30\n",
        seen.display(),
        seen.display()
    );
    let git_path = bin.join("git");
    std::fs::write(&git_path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&git_path, std::fs::Permissions::from_mode(0o755)).unwrap();
    let start = std::time::Instant::now();
    jobs.jobgen()
        .args(["new", "restore-db", "--no-input"])
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("JOBGEN_GIT_TIMEOUT", "1")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "`git ls-remote` took longer than 1 s and was stopped",
        ));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap(),
        "prompt=0 ssh=ssh -o BatchMode=yes\n"
    );
    assert!(!jobs.dir.join("restore-db").exists());
}
