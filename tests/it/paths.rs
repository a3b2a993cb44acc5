//! Every path form a user may type for `new -o`, `update`, `check` and
//! `lint` reaches the real folder (or is refused with a true message), and
//! no command panics on any of them.

use std::path::{Path, PathBuf};

use assert_fs::TempDir;

use crate::harness::{entries, jobgen, new_in};

/// repo/jobs/restore-db, made by jobgen, and repo/jobs/link -> restore-db.
fn repo() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let jobs = dir.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    new_in(&jobs, &["restore-db"]);
    std::os::unix::fs::symlink("restore-db", jobs.join("link")).unwrap();
    (dir, jobs)
}

fn ttl(job: &Path) -> String {
    let text = std::fs::read_to_string(job.join("job.yaml")).unwrap();
    text.lines()
        .find(|l| l.contains("ttlSecondsAfterFinished:"))
        .unwrap()
        .trim()
        .to_string()
}

/// Runs jobgen in `cwd`; fails the test on a panic or a signal.
fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = jobgen().current_dir(cwd).args(args).output().unwrap();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("jobgen {args:?} in {} died by a signal", cwd.display()));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        code != 101 && !stderr.contains("panicked"),
        "jobgen {args:?} in {} panicked: {stderr}",
        cwd.display()
    );
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// (folder to run in, relative to repo, and the path argument) naming the
/// job folder, or the folder that holds it.
fn forms(jobs: &Path) -> Vec<(String, String)> {
    let abs = jobs.join("restore-db").display().to_string();
    let abs_parent = jobs.display().to_string();
    [
        ("jobs/restore-db", "."),
        ("jobs/restore-db", "./"),
        ("jobs/restore-db", "../restore-db"),
        ("jobs/restore-db", ".."),
        ("jobs/restore-db", abs.as_str()),
        ("jobs", "restore-db"),
        ("jobs", "restore-db/"),
        ("jobs", "./restore-db/"),
        ("jobs", "restore-db/.."),
        ("jobs", "restore-db/../restore-db/."),
        ("jobs", "."),
        ("jobs", "link"),
        ("jobs", "link/"),
        (".", "jobs/restore-db/.."),
        (".", "jobs/../jobs/restore-db"),
        (".", abs_parent.as_str()),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

#[test]
fn update_check_and_lint_work_on_every_path_form() {
    let (dir, jobs) = repo();
    let job = jobs.join("restore-db");
    for (i, (cwd, arg)) in forms(&jobs).iter().enumerate() {
        let cwd = dir.path().join(cwd);
        let want = 7200 + i as u64;
        let ttl_flag = want.to_string();
        let (code, _, err) = run(&cwd, &["update", arg, "--ttl", &ttl_flag]);
        assert_eq!(code, 0, "update {arg} in {}: {err}", cwd.display());
        assert_eq!(
            ttl(&job),
            format!("ttlSecondsAfterFinished: {want}"),
            "{arg}"
        );
        assert!(err.contains("updated "), "{arg}: {err}");
        // Nothing lost or left behind, and the link is still a link to it.
        assert_eq!(entries(&jobs), ["link", "restore-db"], "{arg}");
        assert!(
            std::fs::symlink_metadata(jobs.join("link"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(job.join(".jobgen-answers").is_file(), "{arg}");
        let (code, out, err) = run(&cwd, &["check", arg]);
        assert_eq!(code, 0, "check {arg}: {out}{err}");
        assert!(out.contains(": current"), "{arg}: {out}");
        let (code, out, err) = run(&cwd, &["lint", arg]);
        assert_eq!(code, 0, "lint {arg}: {out}{err}");
        assert!(out.contains("in 1 job folder(s)"), "lint {arg}: {out}");
        let (code, out, _) = run(&cwd, &["check", "--format", "json", arg]);
        assert_eq!(code, 0);
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(report["folders"], 1, "{arg}: {out}");
    }
}

#[test]
fn update_with_no_path_inside_the_folder_says_how_to_see_the_new_files() {
    let (_dir, jobs) = repo();
    let job = jobs.join("restore-db");
    let (code, _, err) = run(&job, &["update", "--ttl", "7300"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("updated ./"), "{err}");
    assert!(err.contains("cd \"$PWD\""), "{err}");
    assert_eq!(ttl(&job), "ttlSecondsAfterFinished: 7300");
    assert_eq!(entries(&jobs), ["link", "restore-db"]);
}

#[test]
fn new_writes_through_every_form_of_the_output_folder() {
    let (dir, jobs) = repo();
    let abs = jobs.display().to_string();
    let cases = [
        ("jobs/restore-db", ".."),
        ("jobs/restore-db", "../"),
        ("jobs/restore-db", "../../jobs/./"),
        ("jobs", "."),
        ("jobs", "link/.."),
        (".", "jobs/restore-db/.."),
        (".", abs.as_str()),
    ];
    for (i, (cwd, out)) in cases.iter().enumerate() {
        let name = format!("copy-db{i}");
        let (code, _, err) = run(
            &dir.path().join(cwd),
            &["new", &name, "--no-input", "-o", out],
        );
        assert_eq!(code, 0, "new -o {out} in {cwd}: {err}");
        assert!(jobs.join(&name).join("job.yaml").is_file(), "-o {out}");
        let again = run(
            &dir.path().join(cwd),
            &["new", &name, "--no-input", "-o", out],
        );
        assert_eq!(again.0, 4, "-o {out}: {}", again.2);
        assert!(again.2.contains("already exists"), "{}", again.2);
    }
    // A job folder is never named "." or "..": refused as an invalid NAME.
    for name in [".", ".."] {
        let (code, _, err) = run(&jobs, &["new", name, "--no-input", "--force"]);
        assert_eq!(code, 3, "{name}: {err}");
    }
    assert!(jobs.join("restore-db/job.yaml").is_file());
}

#[test]
fn a_symlinked_job_folder_is_updated_and_replaced_where_it_points() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("store");
    let jobs = dir.path().join("jobs");
    std::fs::create_dir_all(&store).unwrap();
    std::fs::create_dir_all(&jobs).unwrap();
    new_in(&store, &["restore-db"]);
    std::os::unix::fs::symlink("../store/restore-db", jobs.join("restore-db")).unwrap();
    let (code, _, err) = run(&jobs, &["update", "restore-db", "--ttl", "7400"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        ttl(&store.join("restore-db")),
        "ttlSecondsAfterFinished: 7400"
    );
    let (code, _, err) = run(
        &jobs,
        &[
            "new",
            "restore-db",
            "--no-input",
            "--force",
            "--ttl",
            "7500",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        ttl(&store.join("restore-db")),
        "ttlSecondsAfterFinished: 7500"
    );
    let link = std::fs::symlink_metadata(jobs.join("restore-db")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(entries(&jobs), ["restore-db"]);
    assert_eq!(entries(&store), ["restore-db"]);
    // Without --force the link is an existing folder like any other.
    let (code, _, err) = run(&jobs, &["new", "restore-db", "--no-input"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("pass --force"), "{err}");
    // A dangling link is not a folder: refused, never replaced.
    std::os::unix::fs::symlink("../nowhere", jobs.join("gone-db")).unwrap();
    let (code, _, err) = run(&jobs, &["new", "gone-db", "--no-input", "--force"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("is not a folder"), "{err}");
}

#[test]
fn team_config_comes_from_the_folder_written_not_the_current_one() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    std::fs::write(dir.path().join("a/.jobgen.yaml"), "env: stage\n").unwrap();
    let a = dir.path().join("a");
    let job = |name: &str| {
        std::fs::read_to_string(dir.path().join("b").join(name).join("job.yaml")).unwrap()
    };
    // b has no team config: a's must not apply through `..`.
    let (code, _, err) = run(&a, &["new", "restore-db", "--no-input", "-o", "../b"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        job("restore-db").contains("env: dev"),
        "{}",
        job("restore-db")
    );
    // b's own config applies once it has one.
    std::fs::write(dir.path().join("b/.jobgen.yaml"), "env: prod\n").unwrap();
    let (code, _, err) = run(&a, &["new", "backup-db", "--no-input", "-o", "../b"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        job("backup-db").contains("env: prod"),
        "{}",
        job("backup-db")
    );
}

/// `check .` and `update .` in a folder that was replaced or removed under
/// the shell (another `jobgen update` replaces a folder whole) say so and
/// how to go on, not that there is no job folder here; nothing is done.
#[test]
fn a_current_folder_that_is_gone_is_named_as_gone() {
    let (_dir, jobs) = repo();
    let bin = assert_cmd::cargo::cargo_bin("jobgen");
    for args in [&["check", "."][..], &["update", ".", "--ttl", "900"]] {
        let job = jobs.join("gone-db");
        crate::harness::new_in(&jobs, &["gone-db"]);
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("cd gone-db && rm -rf ../gone-db && exec \"$0\" \"$@\"")
            .arg(&bin)
            .args(args)
            .current_dir(&jobs)
            .env("HOME", crate::harness::empty_home())
            .env(
                "XDG_CONFIG_HOME",
                crate::harness::empty_home().join(".config"),
            )
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("the current folder no longer exists"),
            "{args:?}: {err}"
        );
        assert!(err.contains("cd \"$PWD\""), "{args:?}: {err}");
        assert!(!err.contains("holds no job folder"), "{args:?}: {err}");
        assert!(!job.exists(), "{args:?}: nothing is written");
    }
    // The other folder of the repository is untouched.
    assert!(jobs.join("restore-db/job.yaml").is_file());
}
