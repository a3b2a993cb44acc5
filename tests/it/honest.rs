//! What jobgen reports is what it did: conflict markers anywhere, files
//! jobgen stopped making, moved and renamed objects, a damaged base, CRLF
//! files, dropped comments, and bad input that must become a finding or a
//! clear refusal instead of a lost report.

use std::path::Path;

use assert_fs::TempDir;
use predicates::prelude::*;

use crate::harness::{jobgen, new_in, read_folder};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn edit(path: &Path, old: &str, new: &str) {
    let text = read(path);
    assert!(text.contains(old), "{old:?} not in {}", path.display());
    std::fs::write(path, text.replacen(old, new, 1)).unwrap();
}

/// Pretends the template used to pull IfNotPresent, as CI does: the base
/// and the file agree on it, so an update takes today's `Always`.
fn older_template(job: &Path, file: &str) {
    for f in [file, ".jobgen-base"] {
        let text =
            read(&job.join(f)).replace("imagePullPolicy: Always", "imagePullPolicy: IfNotPresent");
        std::fs::write(job.join(f), text).unwrap();
    }
}

#[test]
fn conflict_markers_in_any_file_stop_update_and_check_and_are_a_lint_error() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    edit(
        &job.join("README.md"),
        "\n## ",
        "\n<<<<<<< ours\nmine\n=======\ntheirs\n>>>>>>> theirs\n\n## ",
    );
    let before = read_folder(&job);
    for cmd in [
        &["update", "restore-db"][..],
        &["update", "restore-db", "--ttl", "7200"],
        &["check", "restore-db"],
    ] {
        jobgen()
            .current_dir(dir.path())
            .args(cmd)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "resolve the conflict markers in README.md first",
            ));
    }
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db", "--format", "json"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("\"status\": \"error\""))
        .stdout(predicate::str::contains("conflict markers in README.md"));
    assert_eq!(read_folder(&job), before, "nothing was written");
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("[conflict-markers]"));
}

/// A repository whose team templates add RUNBOOK.md to every job.
fn team_repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join("tpl/RUNBOOK.md.tera"),
        "# Runbook for {{ name }}\n",
    )
    .unwrap();
    new_in(dir.path(), &["restore-db", "--templates", "tpl"]);
    new_in(dir.path(), &["backup-db", "--templates", "tpl"]);
    dir
}

#[test]
fn a_file_jobgen_no_longer_makes_goes_when_unedited_and_stays_when_edited() {
    let dir = team_repo();
    edit(
        &dir.path().join("backup-db/RUNBOOK.md"),
        "\n",
        "\nCall the DBA first.\n",
    );
    std::fs::remove_file(dir.path().join("tpl/RUNBOOK.md.tera")).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db", "backup-db"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "restore-db: an update would change",
        ))
        .stdout(predicate::str::contains("backup-db: current"));
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "backup-db"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "removed restore-db/RUNBOOK.md (jobgen no longer generates it; it was unedited)",
        ))
        .stderr(predicate::str::contains(
            "kept backup-db/RUNBOOK.md: jobgen no longer generates it, but it was edited by hand",
        ));
    assert!(!dir.path().join("restore-db/RUNBOOK.md").exists());
    assert!(read(&dir.path().join("backup-db/RUNBOOK.md")).contains("Call the DBA first."));
    // The next check knows the kept file is the user's now.
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db", "backup-db"])
        .assert()
        .success();
}

#[test]
fn new_force_removes_what_it_no_longer_makes_only_when_unedited() {
    let dir = team_repo();
    edit(
        &dir.path().join("backup-db/RUNBOOK.md"),
        "\n",
        "\nCall the DBA first.\n",
    );
    std::fs::write(dir.path().join("restore-db/notes.txt"), "mine").unwrap();
    for name in ["restore-db", "backup-db"] {
        let shown = format!("{name}/RUNBOOK.md");
        let assert = jobgen()
            .current_dir(dir.path())
            .args(["new", name, "--no-input", "--force"])
            .assert()
            .success();
        let out = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        if name == "restore-db" {
            assert!(
                out.contains(&format!(
                    "removed {shown} (jobgen no longer generates it; it was unedited)"
                )),
                "{out}"
            );
            assert!(!dir.path().join(&shown).exists());
            assert_eq!(read(&dir.path().join("restore-db/notes.txt")), "mine");
        } else {
            assert!(
                out.contains(&format!("kept {shown}: jobgen no longer generates it")),
                "{out}"
            );
            assert!(read(&dir.path().join(&shown)).contains("Call the DBA first."));
        }
    }
}

#[test]
fn a_damaged_base_is_refused_not_followed() {
    for bad in ["../x.yaml", "/etc/hostname", "", ".jobgen-answers"] {
        let dir = TempDir::new().unwrap();
        new_in(dir.path(), &["restore-db"]);
        let base = dir.path().join("restore-db/.jobgen-base");
        let boundary = read(&base).split(' ').nth(3).unwrap().to_string();
        let text = format!("{}{boundary} {bad}\nkind: Job\n", read(&base));
        std::fs::write(&base, text).unwrap();
        for cmd in ["update", "check"] {
            jobgen()
                .current_dir(dir.path())
                .args([cmd, "restore-db"])
                .assert()
                .code(2)
                .stderr(predicate::str::contains("is damaged"))
                .stderr(predicate::str::contains(format!("{bad:?}")));
        }
    }
}

#[test]
fn a_moved_or_renamed_file_never_brings_its_objects_back_twice() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    older_template(&job, "job.yaml");
    // job.yaml renamed; the ServiceAccount file merged into it.
    std::fs::rename(job.join("job.yaml"), job.join("batch.yaml")).unwrap();
    let sa = read(&job.join("service-account.yaml"));
    let mut batch = read(&job.join("batch.yaml"));
    batch.push_str("---\n");
    batch.push_str(&sa);
    std::fs::write(job.join("batch.yaml"), batch).unwrap();
    std::fs::remove_file(job.join("service-account.yaml")).unwrap();
    for prefer in ["theirs", "ours"] {
        jobgen()
            .current_dir(dir.path())
            .args(["update", "restore-db", "--prefer", prefer])
            .assert()
            .success();
        assert!(!job.join("job.yaml").exists(), "--prefer {prefer}");
        assert!(
            !job.join("service-account.yaml").exists(),
            "--prefer {prefer}"
        );
        let batch = read(&job.join("batch.yaml"));
        for kind in ["Job", "ServiceAccount", "Role", "RoleBinding"] {
            let top_level = format!("\nkind: {kind}\n");
            assert_eq!(batch.matches(&top_level).count(), 1, "{kind}: {batch}");
        }
        assert!(batch.contains("imagePullPolicy: Always"), "{batch}");
    }
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db"])
        .assert()
        .success();
}

#[test]
fn the_only_container_renamed_stays_the_only_container() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    older_template(&job, "job.yaml");
    edit(
        &job.join("job.yaml"),
        "        - name: restore-db\n",
        "        - name: main\n",
    );
    for prefer in ["theirs", "ours"] {
        jobgen()
            .current_dir(dir.path())
            .args(["update", "restore-db", "--prefer", prefer])
            .assert()
            .success();
        let text = read(&job.join("job.yaml"));
        assert_eq!(text.matches("image:").count(), 1, "{text}");
        assert!(text.contains("        - name: main\n"), "{text}");
        assert!(text.contains("imagePullPolicy: Always"), "{text}");
        older_template(&job, "job.yaml");
    }
}

#[test]
fn a_rewritten_object_names_every_comment_it_dropped() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    let file = job.join("job.yaml");
    // The pod labels come from the Job's through an anchor and a merge key.
    edit(
        &file,
        "  labels:\n    app: restore\n",
        "  labels: &labels\n    app: restore # the purpose\n",
    );
    edit(
        &file,
        "      labels:\n        app: restore\n        database: db\n        version: v1\n        env: dev\n",
        "      labels:\n        <<: *labels # shared with the Job\n",
    );
    // The template used to say v0 where it now says v1.
    edit(&file, "    version: v1\n", "    version: v0\n");
    let base = read(&job.join(".jobgen-base")).replace("version: v1", "version: v0");
    std::fs::write(job.join(".jobgen-base"), base).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db"])
        .assert()
        .success()
        .stderr(predicate::str::contains("comments dropped: # the purpose"))
        .stderr(predicate::str::contains("# shared with the Job"))
        .stderr(predicate::str::contains(
            "anchors, aliases and merge keys (<<:) were expanded",
        ));
}

#[test]
fn lines_an_update_adds_to_a_crlf_file_end_in_crlf() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    let job = dir.path().join("restore-db");
    older_template(&job, "job.yaml");
    // The template also gained a field (absent from the base and the file).
    for f in ["job.yaml", ".jobgen-base"] {
        let text = read(&job.join(f)).replace("  activeDeadlineSeconds: 3600\n", "");
        std::fs::write(job.join(f), text).unwrap();
    }
    let crlf = read(&job.join("job.yaml")).replace('\n', "\r\n");
    std::fs::write(job.join("job.yaml"), crlf).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db"])
        .assert()
        .success()
        .stderr(predicate::str::contains("activeDeadlineSeconds"));
    let text = read(&job.join("job.yaml"));
    assert!(text.contains("activeDeadlineSeconds: 3600\r\n"), "{text}");
    assert!(text.contains("imagePullPolicy: Always\r\n"), "{text}");
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "a bare LF"
    );
}

#[test]
fn check_json_is_one_document_even_when_a_path_is_not_a_job_folder() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    std::fs::create_dir_all(dir.path().join("plain")).unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "restore-db",
            "plain",
            "missing",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["folders"], 3);
    assert_eq!(report["errors"], 2);
    let status: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["current", "error", "error"]);
    assert!(
        report["results"][2]["error"]
            .as_str()
            .unwrap()
            .contains("does not exist")
    );
}

#[test]
fn lint_reports_an_unreadable_file_and_every_other_finding() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db"]);
    new_in(dir.path(), &["backup-db"]);
    std::fs::write(dir.path().join("backup-db/extra.yaml"), b"owner: \xff\n").unwrap();
    edit(
        &dir.path().join("restore-db/job.yaml"),
        "  backoffLimit: 3\n",
        "",
    );
    let out = jobgen()
        .current_dir(dir.path())
        .args(["lint", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("backup-db/extra.yaml") && text.contains("[file-unreadable]"),
        "{text}"
    );
    assert!(text.contains("is not UTF-8"), "{text}");
    assert!(text.contains("[backoff-limit-missing]"), "{text}");
    assert!(text.contains("in 2 job folder(s)"), "{text}");
}

#[test]
fn team_templates_that_would_write_jobgens_own_files_are_refused() {
    for bad in [
        ".jobgen-answers.tera",
        ".jobgen-base.tera",
        ".tera",
        "..tera",
    ] {
        let dir = TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("tpl")).unwrap();
        std::fs::write(dir.path().join("tpl").join(bad), "x\n").unwrap();
        jobgen()
            .current_dir(dir.path())
            .args(["new", "restore-db", "--no-input", "--templates", "tpl"])
            .assert()
            .code(6)
            .stderr(predicate::str::contains(format!("template {bad} (")));
        assert!(!dir.path().join("restore-db").exists(), "{bad}");
    }
}

/// `jobgen new restore-db` with `values` as its values file: must exit 3
/// having written nothing; returns stderr.
fn refused_values(values: &str) -> String {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("values.yaml"), values).unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--values", "values.yaml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(3), "{}", &err[..err.len().min(500)]);
    assert!(!dir.path().join("restore-db").exists());
    err
}

#[test]
fn data_the_api_server_would_refuse_is_refused_before_writing() {
    // Linux passes at most 128 KiB in one argument: large values come from a
    // values file, which goes through the same validation as flags.
    let err = refused_values(&format!(
        "env-vars:\n  BLOB: \"{}\"\n",
        "x".repeat(2 * 1024 * 1024)
    ));
    let shown = &err[..err.len().min(500)];
    assert!(err.contains("\"BLOB=<2097152 bytes>\""), "{shown}");
    assert!(err.contains("exceeds 1 MiB"), "{shown}");
    assert!(err.len() < 2000, "the message does not repeat the value");
    // Many values that together make one object too large.
    let mut text = String::from("command:\n");
    for _ in 0..20 {
        text.push_str(&format!("  - \"{}\"\n", "a".repeat(90_000)));
    }
    let err = refused_values(&text);
    let shown = &err[..err.len().min(500)];
    assert!(
        err.contains("generated file \"job.yaml\": holds an object of"),
        "{shown}"
    );
    assert!(
        err.contains("the API server refuses objects over 1.5 MiB"),
        "{shown}"
    );
}
