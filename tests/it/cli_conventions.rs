//! CLI conventions: every command's help (snapshots) lists its exit codes,
//! `--quiet` leaves only errors, colour only where asked for (a terminal,
//! `CLICOLOR_FORCE`; never with `NO_COLOR`), and a man page.

use assert_fs::TempDir;

use crate::harness::jobgen;

const COMMANDS: &[&[&str]] = &[
    &[],
    &["new"],
    &["config"],
    &["schema"],
    &["templates"],
    &["lint"],
    &["adopt"],
    &["update"],
    &["check"],
    &["man"],
    &["completions"],
];

#[test]
fn every_command_help_lists_its_exit_codes() {
    for command in COMMANDS {
        let out = jobgen()
            .env("COLUMNS", "100")
            .args(*command)
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success());
        let help = String::from_utf8(out.stdout).unwrap();
        let name = match command.first() {
            Some(c) => format!("help__{c}"),
            None => "help__jobgen".to_string(),
        };
        if !command.is_empty() {
            assert!(help.contains("Exit codes"), "{name}: {help}");
        }
        insta::assert_snapshot!(name, help);
    }
    // Codes a command can end with, in its help.
    let help =
        |c: &str| String::from_utf8(jobgen().args([c, "--help"]).output().unwrap().stdout).unwrap();
    assert!(help("new").contains("7 what it rendered"));
    assert!(help("lint").contains("1 errors found"));
    assert!(help("update").contains("8 conflicts"));
    assert!(help("check").contains("1 an update would change a folder"));
    let versions = jobgen()
        .args(["templates", "versions", "--help"])
        .output()
        .unwrap();
    let versions = String::from_utf8(versions.stdout).unwrap();
    assert!(
        versions.contains("3 the config names no templates"),
        "{versions}"
    );
}

#[test]
fn quiet_leaves_only_errors() {
    let dir = TempDir::new().unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing but errors"
    );
    assert!(dir.path().join("restore-db/job.yaml").is_file());
    // Without -q the same run reports what it wrote (and the placeholder warning).
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db2", "--no-input"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote restore-db2/"));
    // Errors still show.
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db3", "--no-input", "--ttl", "x", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: invalid answer: --ttl"));
    for args in [
        &["update", "restore-db", "-q"][..],
        &["check", "-q", "restore-db"],
    ] {
        let out = jobgen()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn colour_only_where_asked_for() {
    // Findings on stdout (a fixture), an error on stderr (no such path).
    let lint = |env: &[(&str, &str)]| {
        let run = |path: &str| {
            let mut cmd = jobgen();
            cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
            for (k, v) in env {
                cmd.env(k, v);
            }
            cmd.args(["lint", path]).output().unwrap()
        };
        (
            String::from_utf8(run("tests/fixtures/lint/bad/env-secret").stdout).unwrap(),
            String::from_utf8(run("tests/nowhere").stderr).unwrap(),
        )
    };
    let (out, err) = lint(&[]);
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "a pipe gets plain text"
    );
    let (out, err) = lint(&[("CLICOLOR_FORCE", "1")]);
    assert!(
        out.contains("\u{1b}[1m\u{1b}[33mwarning[env-secret]\u{1b}[0m"),
        "{out:?}"
    );
    assert!(
        err.starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m"),
        "{err:?}"
    );
    let (out, err) = lint(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "NO_COLOR wins"
    );
}

#[test]
fn man_prints_a_manual_page() {
    let out = jobgen().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH jobgen 1"), "{page}");
    for command in ["new", "lint", "adopt", "update", "check"] {
        assert!(page.contains(command), "{command}");
    }
}

#[test]
fn every_page_the_manual_refers_to_is_written() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    let written = crate::harness::entries(dir.path());
    let top = std::fs::read_to_string(dir.path().join("jobgen.1")).unwrap();
    // Every page named in the top page's text (`jobgen\-new(1)`) exists.
    let named: Vec<String> = top
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|w| w.strip_suffix("(1)"))
        .map(|w| format!("{}.1", w.replace("\\-", "-").trim_start_matches("\\fB")))
        .collect();
    assert!(named.len() >= 8, "{named:?}");
    for page in &named {
        assert!(
            written.contains(page),
            "{page} is named but not written: {written:?}"
        );
    }
    for command in [
        "new",
        "config",
        "schema",
        "templates",
        "lint",
        "adopt",
        "update",
        "check",
    ] {
        let name = format!("jobgen-{command}.1");
        assert!(written.contains(&name), "{name}");
        let page = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(page.contains(&format!(".TH jobgen-{command} 1")), "{page}");
        // `jobgen man COMMAND` prints the same page.
        let out = jobgen().args(["man", command]).output().unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), page);
    }
    assert!(written.contains(&"jobgen-templates-export.1".to_string()));
    jobgen().args(["man", "nope"]).assert().code(3);
    // The pages themselves, reviewed as golden files.
    for page in ["jobgen.1", "jobgen-check.1"] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        insta::assert_snapshot!(format!("man__{page}"), text);
    }
}

#[test]
fn the_interface_language_follows_lang_then_the_locale() {
    let dir = TempDir::new().unwrap();
    let run = |name: &str, lang: &[&str], locale: &str| {
        let out = jobgen()
            .current_dir(dir.path())
            .env("LANG", locale)
            .args(["new", name, "--no-input"])
            .args(lang)
            .args(["--", "sh", "-c", "echo run"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stderr).unwrap()
    };
    let ko = run("a-ko", &["--lang", "ko"], "C.UTF-8");
    assert!(
        ko.contains("a-ko/에 썼습니다\n") && ko.contains("\n다음:\n"),
        "{ko}"
    );
    assert!(run("b-ko", &[], "ko_KR.UTF-8").contains("b-ko/에 썼습니다"));
    assert!(run("c-en", &["--lang", "en"], "ko_KR.UTF-8").contains("wrote c-en/\n"));
    let en = run("d-en", &[], "C.UTF-8");
    assert!(
        en.contains("wrote d-en/\n") && en.contains("\nnext:\n"),
        "{en}"
    );
    std::fs::write(dir.path().join(".jobgen.yaml"), "lang: ko\n").unwrap();
    assert!(run("e-ko", &[], "C.UTF-8").contains("e-ko/에 썼습니다"));
}

#[test]
fn validation_errors_speak_korean_with_the_flag_kept() {
    let dir = TempDir::new().unwrap();
    let err = |args: &[&str]| {
        let out = jobgen()
            .current_dir(dir.path())
            .args(["new", "--no-input", "--lang", "ko"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        String::from_utf8(out.stderr).unwrap()
    };
    let e = err(&["pi"]);
    assert!(
        e.starts_with("오류: 잘못된 답: --target이 없습니다: NAME \"pi\"에는"),
        "{e}"
    );
    assert!(e.ends_with("아무것도 쓰지 않았습니다\n"), "{e}");
    let e = err(&[
        "restore-db",
        "--ttl",
        "1h",
        "--schedule",
        "0 2 * *",
        "--pattern",
        "cron",
    ]);
    assert!(e.contains("잘못된 답 2개:"), "{e}");
    assert!(
        e.contains("--ttl \"1h\": 0부터 2147483647까지의 정수여야 합니다"),
        "{e}"
    );
    assert!(
        e.contains("--schedule \"0 2 * *\": 필드가 4개입니다"),
        "{e}"
    );
    assert!(!dir.path().join("restore-db").exists());
}

#[test]
fn every_lint_finding_speaks_korean_in_a_korean_locale() {
    let run = |locale: &str| {
        let out = jobgen()
            .env("LANG", locale)
            .args(["lint", "tests/fixtures/lint/bad", "--format", "json"])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["findings"].as_array().unwrap().clone()
    };
    let (en, ko) = (run("C.UTF-8"), run("ko_KR.UTF-8"));
    assert_eq!(en.len(), ko.len());
    for (e, k) in en.iter().zip(&ko) {
        assert_eq!(e["rule"], k["rule"], "rule ids stay");
        assert_eq!(e["line"], k["line"]);
        assert_ne!(e["message"], k["message"], "untranslated message: {e}");
        let hangul = |v: &serde_json::Value| {
            v.as_str()
                .unwrap()
                .chars()
                .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
        };
        assert!(hangul(&k["message"]), "{k}");
    }
    let text = jobgen()
        .env("LANG", "ko_KR.UTF-8")
        .args(["lint", "tests/fixtures/lint/bad/labels-missing"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Pod 템플릿에 레이블 env이(가) 없습니다"),
        "{text}"
    );
    assert!(text.contains("도움말: `jobgen new`처럼"), "{text}");
    assert!(
        text.ends_with("Job 폴더 1개에서 오류 1개, 경고 0개\n"),
        "{text}"
    );
}

#[test]
fn update_check_and_adopt_reports_speak_korean() {
    let dir = TempDir::new().unwrap();
    let job = dir.path().join("pi-digits");
    std::fs::create_dir_all(&job).unwrap();
    std::fs::copy(
        "tests/fixtures/adopt/docs-pi/job.yaml",
        job.join("job.yaml"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = jobgen()
            .current_dir(dir.path())
            .env("LANG", "ko_KR.UTF-8")
            .args(args)
            .output()
            .unwrap();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (_, err) = run(&["adopt", "pi-digits"]);
    assert!(err.contains("pi-digits/를 가져왔습니다 (.jobgen-answers, .jobgen-base). 다른 파일은 바꾸지 않았습니다"), "{err}");
    assert!(err.contains("참고: metadata.namespace가 없습니다"), "{err}");
    assert!(err.contains("손으로 고친 것으로 남김 ("), "{err}");
    let (out, _) = run(&["check", "pi-digits"]);
    assert!(
        out.contains("pi-digits: 최신\n폴더 1개를 확인했고 0개가 최신이 아닙니다"),
        "{out}"
    );
    let (_, err) = run(&["update", "pi-digits"]);
    assert!(err.contains("pi-digits: 최신입니다"), "{err}");
}

#[test]
fn verbose_shows_more_where_there_is_more() {
    let dir = TempDir::new().unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "-v",
            "--",
            "sh",
            "-c",
            "echo run",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("purpose") && err.contains("derived from NAME"),
        "{err}"
    );
    // An older template's folder: check -v shows the diff update would write.
    for file in ["job.yaml", ".jobgen-base"] {
        let path = dir.path().join("restore-db").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("imagePullPolicy: Always", "imagePullPolicy: IfNotPresent"),
        )
        .unwrap();
    }
    let check = |verbose: bool| {
        let mut cmd = jobgen();
        cmd.current_dir(dir.path()).args(["check", "restore-db"]);
        if verbose {
            cmd.arg("-v");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!check(false).contains("+++ b/restore-db/job.yaml"));
    let out = check(true);
    assert!(out.contains("+++ b/restore-db/job.yaml"), "{out}");
    assert!(
        out.contains(
            "-          imagePullPolicy: IfNotPresent\n+          imagePullPolicy: Always"
        ),
        "{out}"
    );
    let out = jobgen()
        .current_dir(dir.path())
        .args(["lint", ".", "-v"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("checked ./restore-db: 0 finding(s)"), "{err}");
    jobgen().args(["lint", "-q", "-v"]).assert().code(2);
}

#[test]
fn lang_in_team_config_speaks_for_lint_check_and_update() {
    let dir = TempDir::new().unwrap();
    // The team's language from the start (it also makes the README Korean).
    std::fs::write(dir.path().join(".jobgen.yaml"), "lang: ko\n").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "--",
            "sh",
            "-c",
            "echo run",
        ])
        .assert()
        .success();
    let out = |args: &[&str]| {
        let o = jobgen()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap() + &String::from_utf8(o.stderr).unwrap()
    };
    assert!(out(&["lint", "restore-db"]).contains("Job 폴더 1개에서 오류 0개"));
    assert!(out(&["check", "restore-db"]).contains("restore-db: 최신"));
    assert!(out(&["update", "restore-db"]).contains("restore-db: 최신입니다"));
    // `lang: en` in --config wins over a Korean locale (and the team's ko).
    std::fs::write(dir.path().join("en.yaml"), "lang: en\n").unwrap();
    let o = jobgen()
        .current_dir(dir.path())
        .env("LANG", "ko_KR.UTF-8")
        .args(["lint", "restore-db", "--config", "en.yaml"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("0 error(s), 0 warning(s)")
    );
}

#[test]
fn lang_speaks_for_every_command_that_prints() {
    let dir = TempDir::new().unwrap();
    let run = |args: &[&str], lang: &str| {
        let out = jobgen()
            .current_dir(dir.path())
            .env("LANG", lang)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    // No such path: plain words in either language, never raw OS text.
    let en = run(&["lint", "nonexist"], "C.UTF-8");
    assert!(en.contains("no such file or folder"), "{en}");
    let ko = run(&["lint", "nonexist", "--lang", "ko"], "C.UTF-8");
    assert!(ko.contains("그런 파일이나 폴더가 없습니다"), "{ko}");
    let ko = run(&["check", "nonexist", "--lang", "ko"], "C.UTF-8");
    assert!(ko.contains("없습니다"), "{ko}");
    let en = run(&["check", "nonexist", "--lang", "en"], "ko_KR.UTF-8");
    assert!(
        en.contains("does not exist") && en.contains("0 folder(s) checked"),
        "{en}"
    );
    let ko = run(
        &["templates", "export", "t", "job.yaml", "--lang", "ko"],
        "C.UTF-8",
    );
    assert!(ko.contains("썼습니다"), "{ko}");
    let en = run(&["adopt", "nonexist"], "C.UTF-8");
    assert!(en.contains("nonexist: no such file or folder"), "{en}");
    // Konkani is not Korean.
    let en = run(&["lint", "nonexist"], "kok_IN.UTF-8");
    assert!(en.contains("no such file or folder"), "{en}");
    // `lang:` in the team config makes `jobgen config` Korean.
    std::fs::write(dir.path().join(".jobgen.yaml"), "lang: ko\n").unwrap();
    let ko = run(&["config", "restore-db"], "C.UTF-8");
    assert!(
        ko.contains("(정하지 않음)") && ko.contains("명령줄"),
        "{ko}"
    );
}

#[test]
fn the_readme_follows_lang_else_the_locale_and_keeps_it() {
    let dir = TempDir::new().unwrap();
    let new = |name: &str, locale: &str, extra: &[&str]| {
        jobgen()
            .current_dir(dir.path())
            .env("LANG", locale)
            .args(["new", name, "--no-input", "--pattern", "cron"])
            .args(["--schedule", "30 9 * * 1"])
            .args(extra)
            .args(["--", "sh", "-c", "echo run"])
            .assert()
            .success();
        std::fs::read_to_string(dir.path().join(name).join("README.md")).unwrap()
    };
    // A Korean locale and no `lang`: a Korean README, its schedule in words.
    let ko = new("nightly-ko-db", "ko_KR.UTF-8", &[]);
    assert!(
        ko.contains("| 스케줄 | `30 9 * * 1` (09:30에, 월요일에, 컨트롤러 시간대 기준)"),
        "{ko}"
    );
    // The default description is in the README's language too.
    assert!(ko.contains("\ndb 대상 nightly-ko\n"), "{ko}");
    // `lang` wins over the locale, either way.
    let en = new("nightly-en-db", "ko_KR.UTF-8", &["--lang", "en"]);
    assert!(en.contains("At 09:30, on Monday"), "{en}");
    let ko2 = new("nightly-ko2-db", "C.UTF-8", &["--lang", "ko"]);
    assert!(ko2.contains("09:30에, 월요일에"), "{ko2}");
    // Recorded with the folder: CI's C locale finds it current.
    jobgen()
        .current_dir(dir.path())
        .env("LANG", "C.UTF-8")
        .args(["check", "."])
        .assert()
        .success();
}
