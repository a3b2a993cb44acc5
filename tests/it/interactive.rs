//! One run through a pseudo-terminal: the questions, their preselected
//! defaults and flags, the summary, the confirmation, the written folder.

use assert_fs::TempDir;
use rexpect::session::{PtySession, spawn_command};

/// `cmd` in a pseudo-terminal: a dumb terminal, no user config, the
/// locale `lang`.
fn in_pty(mut cmd: std::process::Command, lang: &str) -> PtySession {
    cmd.env("TERM", "dumb")
        .env("HOME", crate::harness::empty_home())
        .env_remove("XDG_CONFIG_HOME")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    spawn_command(cmd, Some(20_000)).expect("spawns in a pty")
}

/// `jobgen new ARGS -o DIR` in a pseudo-terminal, in English.
fn spawn(args: &[&str], dir: &std::path::Path) -> PtySession {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"));
    cmd.arg("new").args(args).arg("-o").arg(dir);
    in_pty(cmd, "C.UTF-8")
}

#[test]
fn asks_for_missing_answers_and_confirms_before_writing() {
    let dir = TempDir::new().unwrap();
    let mut p = spawn(
        &["cloud-sql-restore-ojeomneo", "--image", "busybox:1.37"],
        dir.path(),
    );
    // NAME gives purpose and target: not asked, shown in the summary.
    p.exp_string("Environment (--env)").unwrap();
    p.send_line("prod").unwrap();
    p.exp_string("Pattern (--pattern)").unwrap();
    p.send_line("").unwrap(); // one-off, preselected
    p.exp_string("Namespace (--namespace)").unwrap();
    p.send_line("").unwrap(); // operations, derived from the purpose
    p.exp_string("Command, run with sh -c").unwrap();
    p.send_line("pg_restore --version").unwrap();
    p.exp_string("Description, one line (--description)")
        .unwrap();
    p.send_line("Restore last night's dump").unwrap();
    p.exp_string("Environment variables, KEY=VALUE").unwrap();
    p.send_line("MODE=full, nope").unwrap(); // checked like --env-var
    p.exp_string("`nope` is not KEY=VALUE").unwrap();
    p.send_line("MODE=full, TARGET_DB=ojeomneo").unwrap();
    p.exp_string("Secrets, KEY=REMOTE_KEY").unwrap();
    p.send_line("DB_PASSWORD=ojeomneo-db-password").unwrap();
    p.exp_string("(--gcp-service-account)").unwrap();
    p.send_line("restore@ojeomneo-prod.iam.gserviceaccount.com")
        .unwrap();
    p.exp_string("Keep the finished job for (--ttl)").unwrap();
    p.send("\x1b[B").unwrap(); // down to "critical: 86400"
    p.send_line("").unwrap();
    p.exp_string("Retries (--backoff-limit)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Resources (--size)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Alerts (--monitoring)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("besides DNS").unwrap();
    p.send_line("https, nowhere").unwrap(); // the same validator as --egress
    p.exp_string("`nowhere` must be one of").unwrap();
    p.send_line("https, 10.20.0.0/16:5432").unwrap();
    p.exp_string("cloud-sql-restore-ojeomneo/").unwrap(); // the folder
    p.exp_string("README.md, service-account.yaml, configmap.yaml")
        .unwrap();
    p.exp_string("purpose/target cloud-sql-restore / ojeomneo (label `database`)")
        .unwrap();
    p.exp_string("description    Restore last night's dump")
        .unwrap();
    p.exp_string("namespace      operations").unwrap();
    p.exp_string("command        sh -c 'pg_restore --version'")
        .unwrap();
    p.exp_string("env vars       MODE=full, TARGET_DB=ojeomneo")
        .unwrap();
    p.exp_string("secrets        DB_PASSWORD from ClusterSecretStore gcp-secret-manager")
        .unwrap();
    p.exp_string("egress         DNS, port 443, 10.20.0.0/16:5432")
        .unwrap();
    p.exp_string("Write these files?").unwrap();
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    let folder = dir.path().join("cloud-sql-restore-ojeomneo");
    let job = std::fs::read_to_string(folder.join("job.yaml")).unwrap();
    assert!(job.contains("- \"pg_restore --version\""), "{job}");
    let cm = std::fs::read_to_string(folder.join("configmap.yaml")).unwrap();
    assert!(
        cm.contains("MODE: full") && cm.contains("TARGET_DB: ojeomneo"),
        "{cm}"
    );
    let es = std::fs::read_to_string(folder.join("external-secret.yaml")).unwrap();
    assert!(es.contains("key: ojeomneo-db-password"), "{es}");
    assert!(job.contains("env: prod"), "{job}");
    assert!(job.contains("ttlSecondsAfterFinished: 86400"), "{job}");
    assert!(job.contains("namespace: operations"), "{job}");
    let sa = std::fs::read_to_string(folder.join("service-account.yaml")).unwrap();
    assert!(
        sa.contains(
            "iam.gke.io/gcp-service-account: \"restore@ojeomneo-prod.iam.gserviceaccount.com\""
        ),
        "{sa}"
    );
    let np = std::fs::read_to_string(
        dir.path()
            .join("cloud-sql-restore-ojeomneo/network-policy.yaml"),
    )
    .unwrap();
    assert!(
        np.contains("cidr: \"10.20.0.0/16\"")
            && np.contains("port: 5432")
            && np.contains("port: 443"),
        "{np}"
    );
}

#[test]
fn a_bad_answer_is_asked_again_with_the_validators_message() {
    let dir = TempDir::new().unwrap();
    let mut p = spawn(
        &[
            "a-b",
            "--pattern",
            "cron",
            "--env",
            "dev",
            "--namespace",
            "default",
            "--ttl",
            "1",
            "--backoff-limit",
            "1",
            "--size",
            "light",
            "--image",
            "busybox:1.37",
        ],
        dir.path(),
    );
    p.exp_string("Schedule").unwrap();
    p.send_line("TZ=UTC 0 3 * * *").unwrap();
    p.exp_string("timeZone").unwrap();
    p.send_line("0 3 * * *").unwrap();
    p.exp_string("Time zone the schedule is read in (--time-zone)")
        .unwrap();
    p.send_line("").unwrap(); // the controller's zone, preselected in English
    for skipped in [
        "Command",
        "Description",
        "Environment variables",
        "Secrets",
        "(--gcp-service-account)",
    ] {
        p.exp_string(skipped).unwrap();
        p.send_line("").unwrap();
    }
    p.exp_string("Alerts (--monitoring)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("besides DNS").unwrap();
    p.send_line("").unwrap();
    // A CronJob gets no TTL: the summary shows the retries alone.
    let summary = p.exp_string("egress         DNS only").unwrap();
    assert!(summary.contains("backoff        1 retries"), "{summary}");
    assert!(!summary.contains("ttl /"), "{summary}");
    p.exp_string("Write these files?").unwrap();
    p.send_line("n").unwrap();
    // Declining is no error: said plainly, with the documented exit code.
    let before = p.exp_string("cancelled; nothing was written").unwrap();
    assert!(!before.trim_end().ends_with("error:"), "{before:?}");
    p.exp_eof().unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn config_defaults_are_preselected_and_the_prompt_wins() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        "env: staging\nnamespaces:\n  one-off: data-ops\nttl: 5400\n",
    )
    .unwrap();
    let mut p = spawn(
        &[
            "a-b",
            "--pattern",
            "one-off",
            "--image",
            "busybox:1.37",
            "--backoff-limit",
            "1",
            "--size",
            "light",
        ],
        dir.path(),
    );
    p.exp_string("Environment (--env)").unwrap();
    p.exp_string("staging").unwrap(); // the team's default, preselected
    p.send_line("qa").unwrap(); // the prompt answer beats the team config
    p.exp_string("Namespace (--namespace)").unwrap();
    p.exp_string("data-ops").unwrap();
    p.send_line("").unwrap();
    for skipped in [
        "Command",
        "Description",
        "Environment variables",
        "Secrets",
        "(--gcp-service-account)",
    ] {
        p.exp_string(skipped).unwrap();
        p.send_line("").unwrap();
    }
    p.exp_string("Keep the finished job for (--ttl)").unwrap();
    p.exp_string("from your config: 5400").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Alerts (--monitoring)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("besides DNS").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Write these files?").unwrap();
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    let job = std::fs::read_to_string(dir.path().join("a-b/job.yaml")).unwrap();
    assert!(job.contains("env: qa"), "{job}");
    assert!(job.contains("namespace: data-ops"), "{job}");
    assert!(job.contains("ttlSecondsAfterFinished: 5400"), "{job}");
}

#[test]
fn ctrl_c_at_a_prompt_restores_the_cursor_and_writes_nothing() {
    // At a text question, and at a choice (after answering one).
    for answered in [0, 1] {
        let dir = TempDir::new().unwrap();
        let mut p = spawn(&["cloud-sql-restore-ojeomneo"], dir.path());
        p.exp_string("Environment (--env)").unwrap();
        for _ in 0..answered {
            p.send_line("").unwrap();
        }
        if answered > 0 {
            p.exp_string("Pattern (--pattern)").unwrap();
        }
        p.send_control('c').unwrap();
        p.exp_string("\x1b[?25h").unwrap();
        p.exp_string("cancelled; nothing was written").unwrap();
        p.exp_eof().unwrap();
        let status = format!("{:?}", p.process().wait().unwrap());
        assert!(
            status.contains("Exited") && status.contains("130"),
            "{status}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn sigint_from_outside_at_a_prompt_is_a_clean_cancel() {
    let dir = TempDir::new().unwrap();
    let mut p = spawn(&["cloud-sql-restore-ojeomneo"], dir.path());
    p.exp_string("Environment (--env)").unwrap();
    p.process_mut()
        .signal(nix::sys::signal::Signal::SIGINT)
        .unwrap();
    p.exp_string("\x1b[?25h").unwrap();
    p.exp_string("cancelled; nothing was written").unwrap();
    p.exp_eof().unwrap();
    let status = format!("{:?}", p.process().wait().unwrap());
    assert!(
        status.contains("Exited") && status.contains("130"),
        "{status}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_cron_job_is_not_asked_for_a_ttl_it_would_not_use() {
    let dir = TempDir::new().unwrap();
    let mut p = spawn(
        &["backup-db", "--pattern", "cron", "--schedule", "0 2 * * *"],
        dir.path(),
    );
    for question in [
        "Environment (--env)",
        "Time zone the schedule is read in (--time-zone)",
        "Namespace (--namespace)",
        "Image, with a pinned tag (--image)",
        "Command, run with sh -c",
        "Description, one line (--description)",
        "Environment variables, KEY=VALUE",
        "Secrets, KEY=REMOTE_KEY",
        "(--gcp-service-account)",
    ] {
        p.exp_string(question).unwrap();
        p.send_line("").unwrap();
    }
    // Straight from the secrets to the retries: no TTL question.
    let (between, _) = p.exp_regex("Retries \\(--backoff-limit\\)").unwrap();
    assert!(!between.contains("--ttl"), "{between}");
    p.send_line("").unwrap();
    p.exp_string("Resources (--size)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Alerts (--monitoring)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("besides DNS").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Write these files?").unwrap();
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    let job = std::fs::read_to_string(dir.path().join("backup-db/job.yaml")).unwrap();
    assert!(job.contains("kind: CronJob") && !job.contains("ttlSecondsAfterFinished"));
}

#[test]
fn questions_a_flag_answered_are_not_asked() {
    let dir = TempDir::new().unwrap();
    // No flag says "no alerts": a values file answers it.
    let values = dir.path().join("answers.yaml");
    std::fs::write(&values, "monitoring: false\n").unwrap();
    let mut args: Vec<&str> = ALL_BUILT_IN.to_vec();
    args.extend([
        "--values",
        values.to_str().unwrap(),
        "--",
        "sh",
        "-c",
        "echo run",
    ]);
    let mut p = spawn(&args, dir.path());
    // Everything answered: straight to the summary.
    let (before, _) = p.exp_regex("Write these files\\?").unwrap();
    for question in [
        "Command,",
        "Description,",
        "Environment variables",
        "Secrets,",
        "Purpose",
    ] {
        assert!(!before.contains(question), "{question} asked: {before}");
    }
    p.send_line("n").unwrap();
    p.exp_eof().unwrap();
    // A NAME without `-` gives no target: purpose and target are asked.
    let mut p = spawn(&["pi", "--env", "dev"], dir.path());
    p.exp_string("Purpose, e.g. cloud-sql-restore (--purpose)")
        .unwrap();
    p.send_line("compute").unwrap();
    p.exp_string("Target, e.g. ojeomneo (--target)").unwrap();
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}

/// rexpect reads the terminal byte by byte as Latin-1: a Korean string is
/// expected as its UTF-8 bytes.
fn bytes(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// The same flow in Korean, from the locale alone: questions, the
/// summary, the confirmation and the report (flag names stay as they are).
#[test]
fn a_korean_locale_speaks_korean() {
    let dir = TempDir::new().unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"));
    cmd.args([
        "new",
        "restore-db",
        "--image",
        "busybox:1.37",
        "--size",
        "light",
    ])
    .arg("-o")
    .arg(dir.path());
    let mut p = in_pty(cmd, "ko_KR.UTF-8");
    p.exp_string(&bytes("환경 (--env)")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("패턴 (--pattern)")).unwrap();
    p.exp_string(&bytes("one-off: 한 번 실행하는 Job")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("네임스페이스 (--namespace)")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("명령, sh -c로 실행")).unwrap();
    p.send_line("echo run").unwrap();
    p.exp_string(&bytes("설명, 한 줄 (--description)")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("환경 변수, KEY=VALUE")).unwrap();
    p.send_line("MODE").unwrap();
    p.exp_string(&bytes("`MODE`는 KEY=VALUE 형식이 아닙니다"))
        .unwrap();
    p.send_line("MODE=full").unwrap();
    p.exp_string(&bytes("시크릿, KEY=REMOTE_KEY")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("Workload Identity용 GCP 서비스 계정"))
        .unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("끝난 Job 보관 시간 (--ttl)")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("재시도 (--backoff-limit)")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("알림 (--monitoring)")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("DNS 말고 Job이 연결할 곳")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("목적/대상")).unwrap();
    p.exp_string("restore / db").unwrap();
    p.exp_string(&bytes("gcp-secret-manager에서 `restore-db`의 모든 키"))
        .unwrap();
    p.exp_string(&bytes("이그레스")).unwrap();
    p.exp_string(&bytes("DNS만")).unwrap();
    p.exp_string(&bytes("이 파일들을 쓸까요?")).unwrap();
    p.send_line("y").unwrap();
    p.exp_string(&bytes("restore-db/에 썼습니다")).unwrap();
    p.exp_string(&bytes("다음:")).unwrap();
    p.exp_eof().unwrap();
    assert!(dir.path().join("restore-db/job.yaml").is_file());
}

/// On a narrow terminal a question too long for one line is printed above
/// a prompt that fits (the flag alone), so dialoguer's one-line redraw
/// never leaves half of a wrapped prompt on the screen.
#[test]
fn a_narrow_terminal_gets_prompts_that_fit() {
    let dir = TempDir::new().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("jobgen");
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty cols 50 rows 24; exec '{}' new restore-db --env dev --pattern one-off --namespace operations --image busybox:1.37 --description d --ttl 60 --backoff-limit 1 --size light --no-configmap --no-external-secret -o '{}' -- sh -c run",
            bin.display(),
            dir.path().display()
        ));
    let mut p = in_pty(cmd, "C.UTF-8");
    p.exp_string("(--gcp-service-account)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("(--monitoring)").unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes(
        "What the job connects to, besides DNS: https, cloud-sql, CIDR:PORT… comma-separated, empty for nothing (--egress)\r\n",
    ))
    .unwrap();
    let (prompt, _) = p.exp_regex("\\(--egress\\)").unwrap();
    assert!(
        !prompt.contains("DNS"),
        "the prompt line itself is short: {prompt:?}"
    );
    p.send_line("https").unwrap();
    p.exp_string("Write these files?").unwrap();
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert!(dir.path().join("restore-db/network-policy.yaml").is_file());
}

/// What a terminal `cols` wide shows after `output`: its rows, with the few
/// controls the prompt writes (CR, LF, cursor up/down/left/right, erase
/// line and below; colours and cursor visibility are ignored). A wide
/// character (Hangul) takes two cells.
fn screen(output: &str, cols: usize) -> Vec<String> {
    let mut rows: Vec<Vec<char>> = vec![Vec::new()];
    let (mut r, mut c) = (0usize, 0usize);
    let mut chars = output.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => c = 0,
            '\n' => r += 1,
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                let mut params = String::new();
                let mut last = ' ';
                for x in chars.by_ref() {
                    if x.is_ascii_alphabetic() {
                        last = x;
                        break;
                    }
                    params.push(x);
                }
                let n: usize = params.trim_start_matches('?').parse().unwrap_or(1);
                match last {
                    'A' => r = r.saturating_sub(n),
                    'B' => r += n,
                    'C' => c += n,
                    'D' => c = c.saturating_sub(n),
                    'K' => {
                        if let Some(row) = rows.get_mut(r) {
                            row.clear();
                        }
                    }
                    'J' => rows.truncate(r + 1),
                    _ => {}
                }
            }
            ch if ch.is_control() => {}
            ch => {
                let w = jobgen::i18n::width(&ch.to_string()).max(1);
                if c + w > cols {
                    r += 1;
                    c = 0;
                }
                while rows.len() <= r {
                    rows.push(Vec::new());
                }
                let row = &mut rows[r];
                while row.len() < c + w {
                    row.push(' ');
                }
                row[c] = ch;
                if w == 2 {
                    row[c + 1] = '\0';
                }
                c += w;
            }
        }
        while rows.len() <= r {
            rows.push(Vec::new());
        }
    }
    rows.iter()
        .map(|row| {
            row.iter()
                .filter(|c| **c != '\0')
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn a_long_answer_leaves_no_half_erased_prompt_at_80_columns() {
    let long = "REPORT_BUCKET=gs://analytics-reports-bucket-for-the-nightly-run, \
                REPORT_PREFIX=daily/summary/v2, REPORT_FORMAT=parquet";
    for locale in ["C.UTF-8", "ko_KR.UTF-8"] {
        let dir = TempDir::new().unwrap();
        let bin = assert_cmd::cargo::cargo_bin("jobgen");
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg("stty cols 80 rows 40; exec \"$0\" \"$@\"")
            .arg(&bin)
            .args(["new", "report-db", "-o"])
            .arg(dir.path())
            .args(["--env", "dev", "--pattern", "one-off", "-n", "default"])
            .args(["--image", "busybox:1.37", "--description", "nightly report"])
            .args([
                "--no-external-secret",
                "--no-network-policy",
                "--no-service-account",
            ])
            .args(["--ttl", "3600", "--backoff-limit", "3", "--size", "light"])
            .args(["--", "sh", "-c", "echo run"]);
        let mut p = in_pty(cmd, locale);
        // rexpect reads bytes as characters: ASCII needles, and the
        // transcript turned back into UTF-8 at the end.
        let mut bytes = p.exp_string("(--env-var)").unwrap() + "(--env-var)";
        p.send_line(long).unwrap();
        bytes += &(p.exp_string("(--monitoring)").unwrap() + "(--monitoring)");
        p.send_line("").unwrap();
        bytes += &(p.exp_string("(y/n)").unwrap() + "(y/n)");
        p.send_line("n").unwrap();
        bytes += &p.exp_eof().unwrap();
        let utf8: Vec<u8> = bytes.chars().map(|c| c as u32 as u8).collect();
        let rows = screen(&String::from_utf8_lossy(&utf8), 80);
        let asking: Vec<&String> = rows
            .iter()
            .filter(|r| r.contains("(--env-var) ›"))
            .collect();
        assert!(
            asking.is_empty(),
            "{locale}: a prompt line was left: {asking:?}\n{rows:#?}"
        );
        let answered: Vec<&String> = rows
            .iter()
            .filter(|r| r.starts_with('✔') && r.contains("· REPORT_BUCKET="))
            .collect();
        assert_eq!(answered.len(), 1, "{locale}: {rows:#?}");
        assert!(
            rows.iter().any(|r| r.contains("REPORT_FORMAT=parquet")),
            "{locale}: the answer is shown whole: {rows:#?}"
        );
    }
}

/// A Korean team's cron job: the time zone question preselects Seoul (a
/// job that runs at 02:00 means 02:00 in Seoul), and alerts are one choice.
#[test]
fn a_cron_job_is_asked_its_time_zone_and_alerts() {
    let dir = TempDir::new().unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"));
    cmd.args([
        "new",
        "nightly-backup-db",
        "--pattern",
        "cron",
        "--schedule",
        "0 2 * * *",
    ])
    .args([
        "--env",
        "prod",
        "-n",
        "operations",
        "--image",
        "busybox:1.37",
    ])
    .args([
        "--description",
        "d",
        "--no-external-secret",
        "--no-configmap",
    ])
    .args([
        "--backoff-limit",
        "2",
        "--size",
        "light",
        "--egress",
        "https",
    ])
    .arg("-o")
    .arg(dir.path())
    .args(["--", "sh", "-c", "echo run"]);
    let mut p = in_pty(cmd, "ko_KR.UTF-8");
    p.exp_string("(--time-zone)").unwrap();
    p.exp_string("Asia/Seoul").unwrap();
    p.send_line("").unwrap(); // Seoul, preselected in Korean
    p.exp_string("(--gcp-service-account)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("(--monitoring)").unwrap();
    p.send("\x1b[B").unwrap(); // down to the alerts
    p.send_line("").unwrap();
    let summary = p.exp_string("(y/n)").unwrap();
    assert!(summary.contains("0 2 * * * (Asia/Seoul)"), "{summary}");
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    let folder = dir.path().join("nightly-backup-db");
    let job = std::fs::read_to_string(folder.join("job.yaml")).unwrap();
    assert!(job.contains("timeZone: Asia/Seoul"), "{job}");
    assert!(folder.join("prometheus-rule.yaml").is_file());
    let sa = std::fs::read_to_string(folder.join("service-account.yaml")).unwrap();
    assert!(
        !sa.contains("gcp-service-account"),
        "Enter: no identity: {sa}"
    );
}

/// Every built-in answer given by a flag but alerts (which no flag turns
/// off): that and the team's own questions are asked.
const ALL_BUILT_IN: &[&str] = &[
    "restore-db",
    "--env",
    "dev",
    "--pattern",
    "one-off",
    "--namespace",
    "operations",
    "--image",
    "busybox:1.37",
    "--description",
    "Restore",
    "--env-var",
    "MODE=full",
    "--secret",
    "PW=pw",
    "--ttl",
    "60",
    "--backoff-limit",
    "1",
    "--size",
    "light",
    "--egress",
    "https",
    "--gcp-service-account",
    "restore@ojeomneo-prod.iam.gserviceaccount.com",
];

/// A team config with a question of each kind the prompt shows
/// differently: a choice (a select, the default preselected), a text with
/// a pattern (checked, asked again), an integer whose `when` does not hold
/// (not asked), a list, a boolean (a select).
const TEAM_CONFIG: &str = r#"questions:
  owner:
    help: Who is paged when this job fails
    help-ko: 이 잡이 실패하면 호출되는 담당자
    type: choice
    choices: [data, platform, payments]
    default: platform
  runbook:
    help: Runbook URL
    help-ko: 런북 URL
    pattern: '^https://\S+$'
    required: true
  max-rows:
    type: integer
    when: pattern == "parallel"
  tables:
    help: Tables the job touches
    help-ko: 잡이 다루는 테이블
    type: list
  dry-run:
    help: Only report
    help-ko: 보고만 하기
    type: boolean
"#;

/// The built-in answers and the output folder (before the command).
fn team_args(dir: &std::path::Path) -> Vec<String> {
    let mut args: Vec<String> = ALL_BUILT_IN.iter().map(|a| a.to_string()).collect();
    args.extend(["-o".into(), dir.display().to_string()]);
    args.extend(["--", "sh", "-c", "echo run"].map(String::from));
    args
}

fn recorded_vars(dir: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("restore-db/.jobgen-answers")).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["vars"].clone()
}

#[test]
fn the_teams_questions_are_asked_after_the_built_in_ones() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join(".jobgen.yaml"), TEAM_CONFIG).unwrap();
    // Only -d runbook is given: the rest of the team's questions are asked.
    let mut args = team_args(dir.path());
    args.splice(1..1, ["-d".to_string(), "dry-run=false".to_string()]);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"));
    cmd.arg("new").args(&args);
    let mut p = in_pty(cmd, "C.UTF-8");
    p.exp_string("Alerts (--monitoring)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Who is paged when this job fails (-d owner)")
        .unwrap();
    p.exp_string("platform").unwrap();
    p.send_line("").unwrap(); // the config's default, preselected
    p.exp_string("Runbook URL (-d runbook)").unwrap();
    p.send_line("http://wiki").unwrap();
    p.exp_string("must match the pattern").unwrap();
    p.send_line("https://wiki.example/restore").unwrap();
    p.exp_string("Tables the job touches (-d tables)").unwrap();
    p.send_line("users, orders").unwrap();
    let before = p.exp_string("Write these files?").unwrap();
    // Not asked: max-rows (`when` does not hold), dry-run (given).
    assert!(!before.contains("max-rows"), "{before}");
    assert!(!before.contains("Only report"), "{before}");
    assert!(
        before.contains(
            "team answers   dry-run=false, owner=platform, runbook=https://wiki.example/restore, tables=[\"users\",\"orders\"]"
        ),
        "{before}"
    );
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(
        recorded_vars(dir.path()),
        serde_json::json!({"owner": "platform", "runbook": "https://wiki.example/restore",
                           "tables": ["users", "orders"], "dry-run": false})
    );
}

#[test]
fn a_korean_interface_asks_the_teams_questions_in_korean() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join(".jobgen.yaml"), TEAM_CONFIG).unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"));
    cmd.arg("new").args(team_args(dir.path()));
    let mut p = in_pty(cmd, "ko_KR.UTF-8");
    p.exp_string(&bytes("알림 (--monitoring)")).unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("이 잡이 실패하면 호출되는 담당자 (-d owner)"))
        .unwrap();
    p.send("\x1b[B").unwrap(); // down from platform to payments
    p.send_line("").unwrap();
    p.exp_string(&bytes("런북 URL (-d runbook)")).unwrap();
    p.send_line("https://wiki.example/ko").unwrap();
    p.exp_string(&bytes("잡이 다루는 테이블 (-d tables)"))
        .unwrap();
    p.send_line("").unwrap();
    p.exp_string(&bytes("보고만 하기 (-d dry-run)")).unwrap();
    p.send("\x1b[B").unwrap(); // false → true
    p.send_line("").unwrap();
    p.exp_string(&bytes("팀 답변")).unwrap();
    p.exp_string(&bytes("이 파일들을 쓸까요?")).unwrap();
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(
        recorded_vars(dir.path()),
        serde_json::json!({"owner": "payments", "runbook": "https://wiki.example/ko", "dry-run": true})
    );
}

/// A required question added to the config after a folder was made: at a
/// terminal `update` asks it (naming the folder) instead of failing.
#[test]
fn update_asks_a_required_question_added_since() {
    let dir = TempDir::new().unwrap();
    crate::harness::new_in(dir.path(), &["restore-db"]);
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        "questions:\n  pager:\n    help: Pager rotation\n    required: true\n  owner:\n    default: data\n",
    )
    .unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("jobgen"));
    cmd.current_dir(dir.path()).args(["update", "restore-db"]);
    let mut p = in_pty(cmd, "C.UTF-8");
    p.exp_string("restore-db").unwrap();
    p.exp_string("Pager rotation (-d pager)").unwrap();
    p.send_line("oncall-data").unwrap();
    p.exp_string("updated restore-db/").unwrap();
    p.exp_eof().unwrap();
    let text = std::fs::read_to_string(dir.path().join("restore-db/.jobgen-answers")).unwrap();
    let recorded: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The answer typed, and the default that needed no question.
    assert_eq!(
        recorded["vars"],
        serde_json::json!({"pager": "oncall-data", "owner": "data"})
    );
}
