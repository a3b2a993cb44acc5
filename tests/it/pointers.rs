//! Help that points the right way: errors name the flag or the config line
//! that caused them, say nothing was written, and say no more than needed.

use assert_fs::TempDir;

use crate::harness::jobgen;

fn new_err(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = jobgen()
        .current_dir(dir)
        .args(["new", "restore-db", "--no-input"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn templates_values_and_config_problems_name_their_flag() {
    let dir = TempDir::new().unwrap();
    let (code, err) = new_err(dir.path(), &["--templates", "nowhere"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("--templates \"nowhere\": does not exist"),
        "{err}"
    );
    let (code, err) = new_err(dir.path(), &["--values", "missing.yaml"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("--values \"missing.yaml\": cannot be read"),
        "{err}"
    );
    let (code, err) = new_err(dir.path(), &["--config", "missing.yaml"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("--config \"missing.yaml\": cannot be read"),
        "{err}"
    );
    std::fs::write(dir.path().join(".jobgen.yaml"), "templates: gone\n").unwrap();
    let (code, err) = new_err(dir.path(), &[]);
    assert_eq!(code, 3);
    assert!(err.contains(".jobgen.yaml:1:12: templates"), "{err}");
    assert!(!dir.path().join("restore-db").exists());
}

#[test]
fn an_undefined_template_variable_gets_did_you_mean() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("tt")).unwrap();
    std::fs::write(
        dir.path().join("tt/configmap.yaml.tera"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ nam }}\n",
    )
    .unwrap();
    let (code, err) = new_err(dir.path(), &["--templates", "tt"]);
    assert_eq!(code, 6);
    assert!(
        err.contains("Variable `nam` is not defined; did you mean `name`?"),
        "{err}"
    );
    assert!(!err.contains("Available variables"), "{err}");
    assert!(err.contains("configmap.yaml.tera:4:12"), "{err}");
}

#[test]
fn an_unwritable_output_says_nothing_was_written_and_no_temporary_name() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("afile"), "x").unwrap();
    for (output, says) in [
        ("afile", "afile is a file, not a folder"),
        ("/proc/sys", "/proc/sys: "),
    ] {
        let (code, err) = new_err(dir.path(), &["-o", output, "-q"]);
        assert_eq!(code, 5, "{output}: {err}");
        assert!(err.contains(says), "{err}");
        assert!(err.contains("nothing was written"), "{err}");
        assert!(
            !err.contains(".jobgen-new"),
            "names the temporary folder: {err}"
        );
    }
}

#[test]
fn a_bad_quantity_is_one_error() {
    let dir = TempDir::new().unwrap();
    let (code, err) = new_err(dir.path(), &["--cpu-limit", ""]);
    assert_eq!(code, 3);
    assert!(
        err.starts_with("error: invalid answer: --cpu-limit \"\": must be a Kubernetes quantity"),
        "{err}"
    );
    assert!(!err.contains("above its limit"), "{err}");
}

#[test]
fn a_line_added_above_an_exported_template_stays_its_own_line() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "tt", "job.yaml"])
        .assert()
        .success();
    let path = dir.path().join("tt/job.yaml.tera");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# owned by data-platform\n{text}")).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "--templates",
            "tt",
            "--",
            "sh",
            "-c",
            "echo run",
        ])
        .assert()
        .success();
    let job = std::fs::read_to_string(dir.path().join("restore-db/job.yaml")).unwrap();
    let lines: Vec<&str> = job.lines().collect();
    assert_eq!(lines[1], "# owned by data-platform", "{job}");
    assert_eq!(lines[2], "apiVersion: batch/v1", "{job}");
}

/// The Korean README picks each particle after inserted text by how the text
/// ends (operations로, kube-system으로; busybox:1.37을; 42면, 7이면).
#[test]
fn the_korean_readme_picks_particles_by_the_inserted_text() {
    let dir = TempDir::new().unwrap();
    for (args, wants) in [
        (
            &["--namespace", "operations", "--fail-on-exit-code", "42"][..],
            &[
                "-n operations`로 스케줄링",
                "종료 코드 42면 즉시 실패",
                "`busybox:1.37`을 실행",
            ][..],
        ),
        (
            &["--namespace", "kube-system", "--fail-on-exit-code", "7"],
            &["-n kube-system`으로 스케줄링", "종료 코드 7이면 즉시 실패"],
        ),
    ] {
        let name = format!("restore-{}", args[1]);
        jobgen()
            .current_dir(dir.path())
            .args(["new", &name, "--no-input", "--lang", "ko"])
            .args(args)
            .assert()
            .success();
        let readme = std::fs::read_to_string(dir.path().join(&name).join("README.md")).unwrap();
        for want in wants {
            assert!(readme.contains(want), "{want}: {readme}");
        }
    }
}
