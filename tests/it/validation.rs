//! Bad input, one class at a time, through the real binary: one clear
//! message naming the flag and the value, exit code 3, nothing written.
//! And free text that must come out byte for byte.

use assert_fs::TempDir;
use predicates::prelude::*;

use crate::harness::{documents, find, jobgen, stream};

/// Runs `jobgen new ARGS --no-input` in an empty folder and expects a
/// refusal that names `flag` and `value`, with nothing written.
fn refused(args: &[&str], flag: &str, value: &str) {
    let dir = TempDir::new().unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .arg("new")
        .args(args)
        .arg("--no-input")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains(flag))
        .unwrap_or_else(|| panic!("{args:?}: no line names {flag}: {stderr}"));
    assert!(line.contains(&format!("{value:?}")), "{args:?}: {line}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "{args:?} wrote something"
    );
}

#[test]
fn job_names_are_dns_labels_of_63_or_52_for_cron() {
    refused(&["Cloud_SQL-x"], "NAME", "Cloud_SQL-x");
    refused(&["trailing-dash-"], "NAME", "trailing-dash-");
    let long = format!("{}-x", "a".repeat(62));
    refused(&[&long], "NAME", &long);
    let cron = format!("{}-x", "a".repeat(51));
    refused(&[&cron, "--pattern", "cron"], "NAME", &cron);
    stream(&[&cron]); // the same name is fine for a Job
}

#[test]
fn namespaces_and_label_values_follow_kubernetes_rules() {
    refused(&["a-b", "--namespace", "Ops"], "--namespace", "Ops");
    refused(&["a-b", "--env", "prod env"], "--env", "prod env");
    refused(&["a-b", "--env", "-prod"], "--env", "-prod");
    refused(&["a-b", "--purpose", "x_y"], "--purpose", "x_y");
}

#[test]
fn schedules_are_what_kubernetes_accepts() {
    refused(
        &["a-b", "--pattern", "cron", "--schedule", "0 2 * *"],
        "--schedule",
        "0 2 * *",
    );
    refused(
        &["a-b", "--pattern", "cron", "--schedule", "61 * * * *"],
        "--schedule",
        "61 * * * *",
    );
    refused(
        &[
            "a-b",
            "--pattern",
            "cron",
            "--schedule",
            "TZ=Asia/Seoul 0 2 * * *",
        ],
        "--schedule",
        "TZ=Asia/Seoul 0 2 * * *",
    );
    refused(
        &[
            "a-b",
            "--pattern",
            "cron",
            "--schedule",
            "CRON_TZ=UTC 0 2 * * *",
        ],
        "--schedule",
        "CRON_TZ=UTC 0 2 * * *",
    );
    refused(
        &["a-b", "--pattern", "cron", "--schedule", "@every 5m"],
        "--schedule",
        "@every 5m",
    );
    refused(
        &["a-b", "--schedule", "0 2 * * *"],
        "--schedule",
        "0 2 * * *",
    );
    // Dates that do not exist: Kubernetes would take it and never run it.
    for never in ["0 0 30 2 *", "0 3 31 4,6,9,11 *"] {
        refused(
            &["a-b", "--pattern", "cron", "--schedule", never],
            "--schedule",
            never,
        );
    }
    for ok in [
        "@hourly",
        "@daily",
        "@weekly",
        "@monthly",
        "@yearly",
        "*/10 1-5 * JAN-MAR MON,FRI",
        "0 0 29 2 *",
        "0 0 30 2 MON",
    ] {
        let docs = documents(&stream(&["a-b", "--pattern", "cron", "--schedule", ok]));
        assert_eq!(find(&docs, "CronJob")["spec"]["schedule"], ok);
    }
}

#[test]
fn quantities_are_kubernetes_quantities() {
    refused(&["a-b", "--cpu-limit", "2 cores"], "--cpu-limit", "2 cores");
    refused(
        &["a-b", "--memory-request", "1GB"],
        "--memory-request",
        "1GB",
    );
    refused(
        &["a-b", "--memory-request", "-1Gi"],
        "--memory-request",
        "-1Gi",
    );
    refused(&["a-b", "--cpu-request", "4"], "--cpu-request", "4");
}

#[test]
fn configmap_and_secret_keys_are_valid_keys() {
    refused(&["a-b", "--env-var", "1ST=x"], "--env-var", "1ST=x");
    refused(&["a-b", "--env-var", "MY VAR=x"], "--env-var", "MY VAR=x");
    refused(&["a-b", "--env-var", "NOEQUALS"], "--env-var", "NOEQUALS");
    refused(
        &["a-b", "--secret", "DB/PASS=remote"],
        "--secret",
        "DB/PASS=remote",
    );
    refused(
        &["a-b", "--env-var", "A=1", "--env-var", "A=2"],
        "--env-var",
        "A=2",
    );
}

#[test]
fn numbers_images_and_choices() {
    refused(&["a-b", "--ttl", "1h"], "--ttl", "1h");
    refused(&["a-b", "--backoff-limit", "-1"], "--backoff-limit", "-1");
    refused(&["a-b", "--active-deadline", "0"], "--active-deadline", "0");
    refused(
        &["a-b", "--pattern", "parallel", "--parallelism", "0"],
        "--parallelism",
        "0",
    );
    refused(&["a-b", "--image", "postgres"], "--image", "postgres");
    refused(
        &["a-b", "--image", "postgres:latest"],
        "--image",
        "postgres:latest",
    );
    refused(&["a-b", "--pattern", "batch"], "--pattern", "batch");
    refused(
        &["a-b", "--restart-policy", "Always"],
        "--restart-policy",
        "Always",
    );
    refused(&["a-b", "--size", "huge"], "--size", "huge");
    refused(&["a-b", "--run-as-user", "0"], "--run-as-user", "0");
}

#[test]
fn all_problems_are_reported_at_once() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "a-b",
            "--ttl",
            "x",
            "--image",
            "y:latest",
            "--env-var",
            "=",
            "--no-input",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("3 invalid answers"))
        .stderr(predicate::str::contains("--ttl \"x\""))
        .stderr(predicate::str::contains("--image \"y:latest\""))
        .stderr(predicate::str::contains("--env-var \"=\""));
}

#[test]
fn without_a_terminal_missing_answers_fail_instead_of_prompting() {
    // No --no-input: stdin is not a terminal here, so jobgen must not wait.
    jobgen()
        .args(["new"])
        .write_stdin("")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("NAME is missing"))
        .stderr(predicate::str::contains("--purpose and --target"));
}

/// Regression: user text must never be read as YAML, template syntax or HTML.
#[test]
fn free_text_comes_out_byte_for_byte() {
    let tricky = [
        "yes",
        "no",
        "on",
        "null",
        "~",
        "true",
        "0777",
        "1e3",
        "0x1F",
        "12:30",
        "2026-11-27",
        "a: b",
        "- item",
        "# not a comment",
        "{{ x }}",
        "{% if %}",
        "<b>&amp;</b>",
        " leading space",
        "trailing space ",
        "two\nlines",
        "tab\there",
        "quote \" and \\ backslash",
        "'single'",
        "&anchor",
        "*alias",
        "!tag",
        "@at",
        "`tick`",
        "|",
        ">",
        "%",
        "한글 설명",
        "emoji 🚀",
        "line\u{2028}separator",
        "",
    ];
    for text in tricky {
        let yaml = stream(&[
            "a-b",
            "--description",
            text,
            "--env-var",
            &format!("VALUE={text}"),
            "--",
            "sh",
            "-c",
            text,
        ]);
        let docs = documents(&yaml);
        let job = find(&docs, "Job");
        assert_eq!(
            job["metadata"]["annotations"]["kubernetes.io/description"], text,
            "description {text:?}\n{yaml}"
        );
        assert_eq!(
            job["spec"]["template"]["spec"]["containers"][0]["command"][2], text,
            "command {text:?}"
        );
        assert_eq!(
            find(&docs, "ConfigMap")["data"]["VALUE"],
            text,
            "env value {text:?}"
        );
    }
}

#[test]
fn free_text_reaches_the_readme_unescaped() {
    let dir = TempDir::new().unwrap();
    let text = "Restore <b>&</b> {{ x }} \"quoted\"";
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--description", text, "--no-input"])
        .assert()
        .success();
    let readme = std::fs::read_to_string(dir.path().join("a-b/README.md")).unwrap();
    assert!(readme.contains(text), "{readme}");
}

#[test]
fn control_characters_are_refused_with_their_code() {
    refused(
        &["a-b", "--description", "nel\u{85}x"],
        "--description",
        "nel\u{85}x",
    );
    refused(
        &["a-b", "--env-var", "A=bell\u{7}"],
        "--env-var",
        "A=bell\u{7}",
    );
}

#[test]
fn valid_answers_that_do_nothing_are_warned_about_with_their_flag() {
    let dir = assert_fs::TempDir::new().unwrap();
    let run = |args: &[&str]| {
        let out = crate::harness::jobgen()
            .current_dir(dir.path())
            .args(args)
            .args(["--no-input", "--", "sh", "-c", "echo run"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    };
    let err = run(&[
        "new",
        "nightly-db",
        "--pattern",
        "cron",
        "--schedule",
        "0 2 * * *",
        "--ttl",
        "600",
    ]);
    assert!(
        err.contains("warning: --ttl 600: a cron job gets no ttlSecondsAfterFinished"),
        "{err}"
    );
    let job = std::fs::read_to_string(dir.path().join("nightly-db/job.yaml")).unwrap();
    assert!(!job.contains("ttlSecondsAfterFinished"), "{job}");
    let err = run(&[
        "new",
        "resize-images",
        "--pattern",
        "parallel",
        "--parallelism",
        "10",
        "--completions",
        "5",
    ]);
    assert!(
        err.contains(
            "warning: --parallelism 10 is more than completions 5: at most 5 pods run at once"
        ),
        "{err}"
    );
    // None for answers that do what they say.
    let err = run(&[
        "new",
        "resize-thumbs",
        "--pattern",
        "parallel",
        "--parallelism",
        "5",
        "--completions",
        "10",
    ]);
    assert!(!err.contains("warning:"), "{err}");
    // `update` names the flag too, in a note.
    let out = crate::harness::jobgen()
        .current_dir(dir.path())
        .args(["update", "nightly-db", "--ttl", "900"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("nightly-db/.jobgen-answers: --ttl 900: a cron job gets no"),
        "{err}"
    );
}
