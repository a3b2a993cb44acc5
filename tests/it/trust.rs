//! Issue 28's classes of trust: a file's metadata is part of the file, no
//! command hangs on a special file or follows a symlink loop, a report
//! that cannot be written is a failure, and jobgen never quietly does
//! something other than what it says.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_fs::TempDir;
use predicates::prelude::*;

use crate::harness::{jobgen, new_in};

const NOBODY: u32 = 65534;

fn root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    fs::symlink_metadata(path).unwrap().modified().unwrap()
}

/// Sets a file's modification time a day back, so keeping it is visible.
fn age(path: &Path) -> SystemTime {
    let old = SystemTime::now() - Duration::from_secs(86_400);
    let times = fs::FileTimes::new().set_modified(old).set_accessed(old);
    fs::File::open(path).unwrap().set_times(times).unwrap();
    mtime(path)
}

fn mkfifo(path: &Path) {
    let done = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(done.success());
    assert!(fs::symlink_metadata(path).unwrap().file_type().is_fifo());
}

/// A generated folder whose modes, owners and times are not the defaults:
/// the folder 0700, configmap.yaml 0600 and a day old, job.yaml 0640 (and
/// owned by nobody when root runs the tests), a notes file of the user's
/// 0604 and a day old (owned by nobody too), and a sub-folder 0750.
struct Odd {
    _dir: TempDir,
    job: PathBuf,
    configmap_mtime: SystemTime,
    notes_mtime: SystemTime,
}

fn odd_folder() -> Odd {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    chmod(&job, 0o700);
    chmod(&job.join("configmap.yaml"), 0o600);
    let configmap_mtime = age(&job.join("configmap.yaml"));
    chmod(&job.join("job.yaml"), 0o640);
    fs::write(job.join("NOTES.txt"), "mine\n").unwrap();
    chmod(&job.join("NOTES.txt"), 0o604);
    fs::create_dir(job.join("scripts")).unwrap();
    fs::write(job.join("scripts/run.sh"), "#!/bin/sh\n").unwrap();
    chmod(&job.join("scripts/run.sh"), 0o755);
    chmod(&job.join("scripts"), 0o750);
    if root() {
        std::os::unix::fs::chown(job.join("NOTES.txt"), Some(NOBODY), Some(NOBODY)).unwrap();
        std::os::unix::fs::chown(job.join("job.yaml"), Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let notes_mtime = age(&job.join("NOTES.txt"));
    Odd {
        _dir: dir,
        job,
        configmap_mtime,
        notes_mtime,
    }
}

fn assert_kept(o: &Odd, changed_job: bool) {
    let job = &o.job;
    assert_eq!(mode(job), 0o700, "the folder's mode");
    assert_eq!(mode(&job.join("configmap.yaml")), 0o600);
    assert_eq!(mtime(&job.join("configmap.yaml")), o.configmap_mtime);
    assert_eq!(mode(&job.join("NOTES.txt")), 0o604);
    assert_eq!(mtime(&job.join("NOTES.txt")), o.notes_mtime);
    assert_eq!(mode(&job.join("scripts")), 0o750, "a sub-folder's mode");
    assert_eq!(mode(&job.join("scripts/run.sh")), 0o755);
    assert_eq!(
        mode(&job.join("job.yaml")),
        0o640,
        "a rewritten file's mode"
    );
    if changed_job {
        assert!(
            fs::read_to_string(job.join("job.yaml"))
                .unwrap()
                .contains("ttlSecondsAfterFinished: 900")
        );
    }
    if root() {
        let owner = |p: &str| fs::metadata(job.join(p)).unwrap().uid();
        assert_eq!(owner("NOTES.txt"), NOBODY, "an untouched file's owner");
        assert_eq!(owner("job.yaml"), NOBODY, "a rewritten file's owner");
    }
}

#[test]
fn update_keeps_modes_owners_and_times() {
    let o = odd_folder();
    jobgen()
        .args(["update", o.job.to_str().unwrap(), "--ttl", "900"])
        .assert()
        .success();
    assert_kept(&o, true);
}

#[test]
fn new_force_keeps_modes_owners_and_times() {
    let o = odd_folder();
    jobgen()
        .current_dir(o.job.parent().unwrap())
        .args(["new", "restore-db", "--no-input", "--force", "--ttl", "900"])
        .assert()
        .success();
    assert_kept(&o, true);
}

#[test]
fn adopt_keeps_modes_owners_and_times() {
    let o = odd_folder();
    fs::remove_file(o.job.join(".jobgen-answers")).unwrap();
    fs::remove_file(o.job.join(".jobgen-base")).unwrap();
    jobgen()
        .args(["adopt", o.job.to_str().unwrap()])
        .assert()
        .success();
    assert!(o.job.join(".jobgen-answers").is_file());
    assert_kept(&o, false);
}

#[test]
fn a_manifest_adopt_moves_keeps_its_mode_and_time() {
    let dir = TempDir::new().unwrap();
    let stream = crate::harness::stream(&["report-db"]);
    let job = stream
        .split("\n---\n")
        .find(|d| d.contains("kind: Job"))
        .unwrap();
    let file = dir.path().join("report.yaml");
    fs::write(&file, job).unwrap();
    chmod(&file, 0o600);
    let when = age(&file);
    jobgen()
        .current_dir(dir.path())
        .args(["adopt", "report.yaml"])
        .assert()
        .success();
    let moved = dir.path().join("report-db/job.yaml");
    assert!(!file.exists());
    assert_eq!(mode(&moved), 0o600);
    assert_eq!(mtime(&moved), when);
}

/// Runs jobgen as the user nobody (setpriv), where the machine has it and
/// the tests run as root; None elsewhere.
fn as_nobody() -> Option<assert_cmd::Command> {
    if !root() || !Path::new("/usr/bin/setpriv").exists() {
        crate::harness::skipped("needs root and setpriv to run jobgen as another user");
        return None;
    }
    let mut cmd = assert_cmd::Command::new("/usr/bin/setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin("jobgen"))
        .env("HOME", "/nonexistent")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("XDG_CONFIG_HOME");
    Some(cmd)
}

/// Gives the folder and everything in it to the user nobody.
fn give_to_nobody(folder: &Path) {
    for entry in fs::read_dir(folder).unwrap() {
        let p = entry.unwrap().path();
        std::os::unix::fs::chown(&p, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    std::os::unix::fs::chown(folder, Some(NOBODY), Some(NOBODY)).unwrap();
}

/// A temporary folder other users may enter.
fn open_dir() -> TempDir {
    let dir = TempDir::new().unwrap();
    chmod(dir.path(), 0o777);
    dir
}

#[test]
fn an_owner_that_cannot_be_kept_is_said() {
    let dir = open_dir();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    // The job folder is nobody's; one of its files is root's (the user
    // nobody may neither link nor give it back to root).
    give_to_nobody(&job);
    fs::write(job.join("ROOTS.txt"), "root's\n").unwrap();
    let Some(mut cmd) = as_nobody() else {
        return;
    };
    cmd.current_dir(dir.path())
        .args(["update", "restore-db", "--ttl", "900"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("the owner of").and(predicate::str::contains("ROOTS.txt")),
        );
    assert_eq!(
        fs::read_to_string(job.join("ROOTS.txt")).unwrap(),
        "root's\n"
    );
}

#[test]
fn special_files_and_loops_never_hang_a_command() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    mkfifo(&job.join("pipe.yaml"));
    mkfifo(&job.join("other-pipe"));
    std::os::unix::fs::symlink(".", job.join("loop")).unwrap();
    let run = |args: &[&str]| {
        jobgen()
            .current_dir(dir.path())
            .args(args)
            .timeout(Duration::from_secs(20))
            .assert()
    };
    run(&["update", "restore-db", "--ttl", "900"]).success();
    run(&["new", "restore-db", "--no-input", "--force", "--ttl", "901"]).success();
    run(&["check", "."]).success();
    run(&["lint", "."]).success();
    // The special files are still there, as special files.
    assert!(
        fs::symlink_metadata(job.join("pipe.yaml"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(
        fs::symlink_metadata(job.join("other-pipe"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A hand-written job beside a FIFO and two loops is adopted once.
    let hand = dir.path().join("hand");
    fs::create_dir(&hand).unwrap();
    let stream = crate::harness::stream(&["hand-db"]);
    fs::write(
        hand.join("job.yaml"),
        stream
            .split("\n---\n")
            .find(|d| d.contains("kind: Job"))
            .unwrap(),
    )
    .unwrap();
    mkfifo(&hand.join("fifo.yaml"));
    std::os::unix::fs::symlink(".", hand.join("x")).unwrap();
    std::os::unix::fs::symlink("..", hand.join("up")).unwrap();
    run(&["adopt", "."]).stderr(
        predicate::str::contains("adopted ./hand/").or(predicate::str::contains("adopted hand/")),
    );
    assert!(hand.join(".jobgen-answers").is_file());
}

#[test]
fn a_report_that_cannot_be_written_is_a_failure() {
    if !Path::new("/dev/full").exists() {
        crate::harness::skipped("no /dev/full on this system");
        return;
    }
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    for args in [
        &["lint", "."][..],
        &["lint", "--rules"],
        &["lint", ".", "--format", "json"],
        &["check", "."],
        &["check", ".", "--format", "json"],
        &["schema"],
        &["new", "x-y", "--no-input", "--stdout"],
        &["--help"],
        &["--version"],
        &["update", ".", "--dry-run", "--ttl", "5"],
        &["config", "restore-db"],
        &["completions", "bash"],
        &["man"],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"))
            .current_dir(dir.path())
            .env("HOME", crate::harness::empty_home())
            .env("LANG", "C.UTF-8")
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{args:?}: {err}");
        assert!(
            err.contains("no space left on the device"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn an_unreadable_folder_is_a_finding_and_the_rest_is_linted() {
    let dir = open_dir();
    new_in(dir.path(), &["restore-db"]);
    new_in(dir.path(), &["secret-db"]);
    chmod(&dir.path().join("secret-db"), 0o700);
    let Some(mut cmd) = as_nobody() else {
        return;
    };
    cmd.current_dir(dir.path())
        .args(["lint", "."])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("file-unreadable").and(predicate::str::contains("secret-db")),
        )
        .stdout(predicate::str::contains("in 1 job folder(s)"));
}

#[test]
fn a_symlinked_job_folder_is_a_job_folder_for_every_command() {
    let dir = TempDir::new().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    new_in(&elsewhere, &["restore-db"]);
    let jobs = dir.path().join("jobs");
    fs::create_dir(&jobs).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("restore-db"), jobs.join("restore-db")).unwrap();
    jobgen()
        .current_dir(&jobs)
        .args(["check", "."])
        .assert()
        .success()
        .stdout(predicate::str::contains("restore-db: current"));
    jobgen()
        .current_dir(&jobs)
        .args(["lint", "."])
        .assert()
        .stdout(predicate::str::contains("in 1 job folder(s)"));
    jobgen()
        .current_dir(&jobs)
        .args(["update", ".", "--ttl", "900"])
        .assert()
        .success();
    assert!(
        jobs.join("restore-db")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(elsewhere.join("restore-db/job.yaml"))
            .unwrap()
            .contains("ttlSecondsAfterFinished: 900")
    );
}

#[test]
fn a_manifest_that_is_not_utf8_is_named_by_adopt() {
    let dir = TempDir::new().unwrap();
    let hand = dir.path().join("legacy");
    fs::create_dir(&hand).unwrap();
    fs::write(
        hand.join("job.yaml"),
        b"kind: Job\nmetadata:\n  name: caf\xe9\n",
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["adopt", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("job.yaml").and(predicate::str::contains("not UTF-8")));
}

#[test]
fn checks_summary_counts_only_the_folders_it_checked() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    new_in(dir.path(), &["broken-db"]);
    fs::write(dir.path().join("broken-db/network-policy.yaml"), "a: [1\n").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "1 folder(s) checked, 0 out of date, 1 could not be checked",
        ));
}

#[test]
fn next_lines_are_shell_quoted() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "-o", "my jobs"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "kubectl apply -f 'my jobs/restore-db/job.yaml'",
        ));
}

#[test]
fn annotations_over_the_api_servers_limit_are_refused() {
    let dir = TempDir::new().unwrap();
    // (A command-line argument may not be this long: a values file.)
    let long = "x".repeat(300 * 1024);
    fs::write(dir.path().join("v.yaml"), format!("description: {long}\n")).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--values", "v.yaml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("description").and(predicate::str::contains("256 KiB")));
    assert!(!dir.path().join("restore-db").exists());
    // Many annotations add up too, named by the largest.
    let mut values = String::from("annotations:\n");
    for i in 0..3 {
        values.push_str(&format!(
            "  example.com/note-{i}: {}\n",
            "y".repeat(100 * 1024)
        ));
    }
    fs::write(dir.path().join("a.yaml"), values).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--values", "a.yaml"])
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("example.com/note-").and(predicate::str::contains("256 KiB")),
        );
}

#[test]
fn the_placeholder_under_a_team_registry_is_still_a_placeholder() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join(".jobgen.yaml"),
        "image-registry: europe-docker.pkg.dev/ojeomneo/jobs\n",
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input"])
        .assert()
        .success()
        .stderr(predicate::str::contains("image-placeholder"));
    let readme = fs::read_to_string(dir.path().join("restore-db/README.md")).unwrap();
    assert!(readme.contains("This job does nothing yet"), "{readme}");
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "."])
        .assert()
        .stdout(predicate::str::contains("image-placeholder"));
}

#[test]
fn the_header_points_at_update_and_force_never_discards_edits_silently() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db/job.yaml");
    let text = fs::read_to_string(&job).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("jobgen update restore-db"),
        "{text}"
    );
    fs::write(
        &job,
        text.replace("backoffLimit: 3", "backoffLimit: 5 # mine"),
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--force"])
        .assert()
        .code(4)
        .stderr(
            predicate::str::contains("job.yaml").and(predicate::str::contains("jobgen update")),
        );
    assert!(fs::read_to_string(&job).unwrap().contains("# mine"));
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "--force",
            "--discard-edits",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "discarded the hand edits in restore-db/job.yaml",
        ));
    assert!(!fs::read_to_string(&job).unwrap().contains("# mine"));
}

#[test]
fn a_team_template_that_renders_invalid_yaml_is_named() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let templates = dir.path().join("templates");
    fs::create_dir(&templates).unwrap();
    fs::write(templates.join("configmap.yaml.tera"), "data: [1\n").unwrap();
    fs::write(dir.path().join(".jobgen.yaml"), "templates: templates\n").unwrap();
    let named = || {
        predicate::str::contains("configmap.yaml.tera")
            .and(predicate::str::contains("not valid YAML"))
            .and(predicate::str::contains("conflict markers").not())
    };
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db"])
        .assert()
        .code(6)
        .stderr(named());
    jobgen()
        .current_dir(dir.path())
        .args(["new", "other-db", "--no-input"])
        .assert()
        .code(6)
        .stderr(named());
    assert!(!dir.path().join("other-db").exists());
}

#[test]
fn yaml_errors_speak_plainly() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    fs::write(job.join("dup.yaml"), "a: 1\na: 2\n").unwrap();
    fs::write(
        job.join("deep.yaml"),
        format!("x: {}{}\n", "[".repeat(70), "]".repeat(70)),
    )
    .unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["lint", "."])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("the key `a` appears twice"), "{text}");
    assert!(text.contains("nested too deep"), "{text}");
    for internal in [
        "DuplicateKeyPolicy",
        "budget breached",
        "Depth {",
        "error: line",
    ] {
        assert!(!text.contains(internal), "{internal}: {text}");
    }
}

#[test]
fn a_team_config_added_later_never_moves_a_job() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    new_in(dir.path(), &["backup-db"]);
    // A folder recorded before identity answers were fixed: its namespace
    // and env listed as defaults.
    let answers = dir.path().join("backup-db/.jobgen-answers");
    let text = fs::read_to_string(&answers).unwrap();
    let text = text.replacen(
        "\"jobgen-defaults\": [",
        "\"jobgen-defaults\": [\n    \"namespace\",\n    \"env\",",
        1,
    );
    fs::write(&answers, text).unwrap();
    fs::write(
        dir.path().join(".jobgen.yaml"),
        "env: prod\nnamespaces: {one-off: data-batch}\nttl: 7200\n",
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("namespace stays `operations`")
                .and(predicate::str::contains("--namespace data-batch"))
                .and(predicate::str::contains("env stays `dev`"))
                .and(predicate::str::contains("\\n").not()),
        );
    let json = jobgen()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for entry in report["results"].as_array().unwrap() {
        let held: Vec<&str> = entry["held"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["answer"].as_str().unwrap())
            .collect();
        assert_eq!(held, ["namespace", "env"], "{entry}");
    }
    jobgen()
        .current_dir(dir.path())
        .args(["update", "."])
        .assert()
        .success();
    for job in ["restore-db", "backup-db"] {
        let text = fs::read_to_string(dir.path().join(job).join("job.yaml")).unwrap();
        assert!(text.contains("namespace: operations"), "{job}: {text}");
        assert!(text.contains("env: dev"), "{job}: {text}");
        // A default that is no part of the job's identity follows the team.
        assert!(
            text.contains("ttlSecondsAfterFinished: 7200"),
            "{job}: {text}"
        );
    }
    // A flag moves it, and says nothing held any more for that answer.
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--namespace", "data-batch"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("restore-db/job.yaml")).unwrap();
    assert!(text.contains("namespace: data-batch"), "{text}");
}

#[test]
fn the_base_diffs_as_the_files_do_and_the_old_json_base_still_works() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    let base = fs::read_to_string(job.join(".jobgen-base")).unwrap();
    // Each generated line stands in the base as it is in the file.
    let job_yaml = fs::read_to_string(job.join("job.yaml")).unwrap();
    assert!(
        base.contains(&job_yaml),
        "the base holds job.yaml line for line"
    );
    assert!(!base.starts_with('{'));
    // A folder recorded with the JSON base jobgen wrote before.
    let files = jobgen::render::record::read_base(&base).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = files
        .into_iter()
        .map(|(n, t)| (n, serde_json::Value::String(t)))
        .collect();
    fs::write(
        job.join(".jobgen-base"),
        serde_json::to_string(&map).unwrap(),
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db"])
        .assert()
        .success();
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--ttl", "900"])
        .assert()
        .success();
    let base = fs::read_to_string(job.join(".jobgen-base")).unwrap();
    assert!(base.starts_with("# jobgen-base 1 "), "re-recorded as text");
    assert!(base.contains("ttlSecondsAfterFinished: 900\n"));
}

#[test]
fn another_users_folder_is_never_taken_over() {
    let dir = open_dir();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    let before = crate::harness::read_folder(&job);
    let Some(mut cmd) = as_nobody() else {
        return;
    };
    cmd.current_dir(dir.path())
        .args(["update", "restore-db", "--ttl", "900"])
        .assert()
        .code(5)
        .stderr(
            predicate::str::contains("belongs to user 0")
                .and(predicate::str::contains("nothing was written")),
        );
    assert_eq!(fs::metadata(&job).unwrap().uid(), 0, "still root's");
    assert_eq!(crate::harness::read_folder(&job), before);
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("jobgen-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_old_copy_that_cannot_be_removed_is_said_and_the_update_stands() {
    let dir = open_dir();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    give_to_nobody(&job);
    // A sub-folder of root's, which the user nobody can copy but not empty.
    fs::create_dir(job.join("vendor")).unwrap();
    fs::write(job.join("vendor/tool.sh"), "#!/bin/sh\n").unwrap();
    let Some(mut cmd) = as_nobody() else {
        return;
    };
    cmd.current_dir(dir.path())
        .args(["update", "restore-db", "--ttl", "900"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("updated restore-db/")
                .and(predicate::str::contains("could not be removed")),
        );
    assert!(
        fs::read_to_string(job.join("job.yaml"))
            .unwrap()
            .contains("ttlSecondsAfterFinished: 900")
    );
    assert_eq!(
        fs::read_to_string(job.join("vendor/tool.sh")).unwrap(),
        "#!/bin/sh\n"
    );
    // Clean up what the user nobody could not.
    for entry in fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.to_string_lossy().contains(".jobgen-new-") {
            fs::remove_dir_all(p).unwrap();
        }
    }
}

#[test]
fn exported_templates_and_man_pages_never_replace_a_special_file() {
    let dir = TempDir::new().unwrap();
    let fifo = |p: &Path| {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .unwrap()
                .success()
        );
    };
    fs::create_dir_all(dir.path().join("t")).unwrap();
    fs::create_dir_all(dir.path().join("m")).unwrap();
    fifo(&dir.path().join("t/job.yaml.tera"));
    fifo(&dir.path().join("m/jobgen.1"));
    // --force would open a FIFO and wait forever: it is refused instead.
    let out = jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "t", "job.yaml", "--force"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never replaced"));
    let out = jobgen()
        .current_dir(dir.path())
        .args(["man", "--dir", "m"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    for p in ["t/job.yaml.tera", "m/jobgen.1"] {
        let meta = fs::symlink_metadata(dir.path().join(p)).unwrap();
        assert!(meta.file_type().is_fifo(), "{p} kept");
    }
    // A replaced file keeps its mode; no temporary is left.
    fs::write(dir.path().join("t/README.md"), "mine\n").unwrap();
    fs::set_permissions(
        dir.path().join("t/README.md"),
        fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "t", "configmap.yaml", "--force"])
        .assert()
        .success();
    let meta = fs::metadata(dir.path().join("t/README.md")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(
        fs::read_dir(dir.path().join("t"))
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().contains(".jobgen-"))
    );
}
