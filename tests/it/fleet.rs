//! The fleet: schedules spread with `H`, every job at a glance (`ls`),
//! the schedule map and crowded minutes.

use assert_fs::TempDir;
use predicates::prelude::*;

use crate::harness::jobgen;

fn schedule_of(dir: &std::path::Path, folder: &str) -> String {
    let job = std::fs::read_to_string(dir.join(folder).join("job.yaml")).unwrap();
    job.lines()
        .find_map(|l| l.trim().strip_prefix("schedule: "))
        .unwrap()
        .trim_matches('"')
        .to_string()
}

#[test]
fn h_picks_a_minute_per_job_that_stays_on_every_run_and_update() {
    let dir = TempDir::new().unwrap();
    let new = |name: &str, out: &str| {
        jobgen()
            .current_dir(dir.path())
            .args(["new", name, "--no-input", "-q", "--pattern", "cron"])
            .args(["--schedule", "H 2 * * *", "-o", out])
            .assert()
            .success();
    };
    new("restore-db", "one");
    new("restore-db", "two");
    new("backup-db", "one");
    let first = schedule_of(dir.path(), "one/restore-db");
    assert_eq!(first, schedule_of(&dir.path().join("two"), "restore-db"));
    assert_ne!(first, schedule_of(&dir.path().join("one"), "backup-db"));
    assert!(
        first.ends_with(" 2 * * *") && !first.contains('H'),
        "{first}"
    );
    // The H form is what is recorded; an update keeps the job's minute.
    let answers =
        std::fs::read_to_string(dir.path().join("one/restore-db/.jobgen-answers")).unwrap();
    assert!(answers.contains("\"schedule\": \"H 2 * * *\""), "{answers}");
    jobgen()
        .current_dir(dir.path().join("one"))
        .args(["update", "restore-db"])
        .assert()
        .success();
    assert_eq!(schedule_of(&dir.path().join("one"), "restore-db"), first);
    let readme = std::fs::read_to_string(dir.path().join("one/restore-db/README.md")).unwrap();
    assert!(
        readme.contains("picked from `H 2 * * *` by a hash"),
        "{readme}"
    );
    // A range outside the field is refused, naming it; nothing written.
    jobgen()
        .current_dir(dir.path())
        .args(["new", "other-db", "--no-input", "--pattern", "cron"])
        .args(["--schedule", "H(0-5) H(20-30) * * *"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "--schedule \"H(0-5) H(20-30) * * *\": has an invalid hour field `H(20-30)`: 30 is outside 0-23",
        ));
    assert!(!dir.path().join("other-db").exists());
}

/// Runs `jobgen ARGS` in `dir` at a fixed now; (exit code, stdout).
fn at_now(dir: &std::path::Path, now: &str, args: &[&str]) -> (i32, String) {
    let out = jobgen()
        .current_dir(dir)
        .env("JOBGEN_NOW", now)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn new_in(dir: &std::path::Path, args: &[&str]) {
    jobgen()
        .current_dir(dir)
        .args(["new", "--no-input", "-q"])
        .args(args)
        .args(["--", "sh", "-c", "echo run"])
        .assert()
        .success();
}

#[test]
fn ls_shows_every_state() {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    new_in(p, &["restore-db"]);
    new_in(
        p,
        &[
            "backup-db",
            "--pattern",
            "cron",
            "--time-zone",
            "Asia/Seoul",
            "--monitoring",
        ],
    );
    new_in(p, &["resize-images", "--pattern", "parallel"]);
    new_in(p, &["sync-db"]);
    new_in(p, &["broken-db"]);
    // Out of date: the team's default TTL changed since.
    std::fs::write(p.join(".jobgen.yaml"), "ttl: 7200\n").unwrap();
    // In conflict: sync-db's TTL edited by hand to another value.
    let job = p.join("sync-db/job.yaml");
    let text = std::fs::read_to_string(&job).unwrap();
    std::fs::write(
        &job,
        text.replace(
            "ttlSecondsAfterFinished: 3600",
            "ttlSecondsAfterFinished: 60",
        ),
    )
    .unwrap();
    // Hand-written: kubectl's own Job, never adopted.
    std::fs::create_dir(p.join("hand")).unwrap();
    std::fs::write(
        p.join("hand/job.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hand\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: hand\n        image: busybox:1.37\n",
    )
    .unwrap();
    // An error: answers that do not parse.
    std::fs::write(p.join("broken-db/.jobgen-answers"), "{not json\n").unwrap();
    let (code, out) = at_now(p, "2026-12-07T00:00:00Z", &["ls", "--format", "json"]);
    assert_eq!(code, 2, "a folder could not be read: {out}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let by_name = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name}: {out}"))
            .clone()
    };
    let states: Vec<(&str, &str)> = [
        ("restore-db", "out of date"),
        ("resize-images", "out of date"),
        ("backup-db", "current"),
        ("sync-db", "conflict"),
        ("hand", "hand-written"),
        ("broken-db", "error"),
    ]
    .to_vec();
    for (name, state) in states {
        assert_eq!(by_name(name)["state"], state, "{name}: {out}");
    }
    assert!(
        by_name("broken-db")["error"]
            .as_str()
            .unwrap()
            .contains(".jobgen-answers")
    );
    let backup = by_name("backup-db");
    assert_eq!(backup["pattern"], "cron");
    assert_eq!(backup["schedule"], "0 2 * * *");
    assert_eq!(backup["time-zone"], "Asia/Seoul");
    assert_eq!(backup["next-run"], "2026-12-08T02:00:00+09:00");
    assert_eq!(backup["alerts"], true);
    assert_eq!(backup["owner"], "backup");
    assert_eq!(by_name("resize-images")["pattern"], "parallel");
    assert_eq!(by_name("hand")["owner"], serde_json::Value::Null);
    // Text, sorted by state: problems first.
    let (_, text) = at_now(p, "2026-12-07T00:00:00Z", &["ls", "--sort", "state"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("FOLDER") && lines[0].ends_with("STATE"),
        "{text}"
    );
    assert!(
        lines[1].contains("broken-db") && lines[1].contains("error: "),
        "{text}"
    );
    assert!(
        lines[2].contains("sync-db") && lines[2].ends_with("conflict"),
        "{text}"
    );
    assert!(
        text.contains("0 2 * * * (Asia/Seoul)  2026-12-08 02:00 KST"),
        "{text}"
    );
    // In Korean: the headers and states (JSON keeps its English words).
    let (_, ko) = at_now(p, "2026-12-07T00:00:00Z", &["ls", "--lang", "ko"]);
    assert!(ko.starts_with("폴더 "), "{ko}");
    let backup = ko.lines().find(|l| l.contains("backup-db")).unwrap();
    assert!(
        backup.contains(" 예 ") && backup.ends_with("최신"),
        "{backup}"
    );
    jobgen()
        .args(["ls", "/nowhere/at/all"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nowhere/at/all: no such file or folder",
        ));
}

/// When a schedule's field matches `v`: `*`, `*/n`, `a-b`, `a-b/n`,
/// lists: a reading written apart from jobgen's, for the next-run check.
fn matches(field: &str, v: u32) -> bool {
    field.split(',').any(|item| {
        let (range, step) = item
            .split_once('/')
            .map_or((item, 1), |(r, s)| (r, s.parse().unwrap()));
        let (lo, hi) = match range {
            "*" => (0, 99),
            r => match r.split_once('-') {
                Some((a, b)) => (a.parse().unwrap(), b.parse().unwrap()),
                None => (r.parse().unwrap(), r.parse().unwrap()),
            },
        };
        v >= lo && v <= hi && (v - lo).is_multiple_of(step)
    })
}

/// The next start, by walking the minutes one by one in the zone.
fn walk_next(schedule: &str, zone: &str, now: &str) -> String {
    use chrono::{Datelike, Timelike};
    let tz: chrono_tz::Tz = zone.parse().unwrap();
    let f: Vec<&str> = schedule.split_whitespace().collect();
    let mut t = chrono::DateTime::parse_from_rfc3339(now)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut seen = std::collections::HashSet::new();
    loop {
        t += chrono::Duration::minutes(1);
        let l = t.with_timezone(&tz);
        let fits = matches(f[0], l.minute())
            && matches(f[1], l.hour())
            && matches(f[2], l.day())
            && matches(f[3], l.month())
            && matches(f[4], l.weekday().num_days_from_sunday());
        // A local time the clock shows twice starts once, the first time.
        if fits && seen.insert(l.naive_local()) {
            return l.to_rfc3339();
        }
    }
}

#[test]
fn next_runs_agree_with_walking_the_clock() {
    let dir = TempDir::new().unwrap();
    let cases = [
        ("0 2 * * *", "Asia/Seoul"),
        ("30 9 * * 1-5", "Europe/Berlin"),
        ("15 */6 * * *", "America/New_York"),
        ("0 0 1 * *", "UTC"),
        ("30 2 * * *", "Europe/Berlin"),
        ("45 1 * * 0", "America/New_York"),
    ];
    for (i, (schedule, zone)) in cases.iter().enumerate() {
        new_in(
            dir.path(),
            &[
                &format!("job{i}-db"),
                "--pattern",
                "cron",
                "--schedule",
                schedule,
                "--time-zone",
                zone,
            ],
        );
    }
    // Just before Berlin's clocks spring forward (2026-03-29) and New York's
    // fall back (2026-11-01): the missing hour is skipped, the repeated
    // one starts once.
    for now in [
        "2026-03-28T23:00:00Z",
        "2026-10-31T12:00:00Z",
        "2026-12-07T00:00:00Z",
    ] {
        let (_, out) = at_now(dir.path(), now, &["ls", "--format", "json"]);
        let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
        for (i, (schedule, zone)) in cases.iter().enumerate() {
            let row = rows
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["name"] == format!("job{i}-db"))
                .unwrap();
            assert_eq!(
                row["next-run"].as_str().unwrap(),
                walk_next(schedule, zone, now),
                "{schedule} in {zone} after {now}"
            );
        }
    }
}

#[test]
fn the_schedule_map_counts_starts_per_weekday_and_hour() {
    let dir = TempDir::new().unwrap();
    new_in(
        dir.path(),
        &["nightly-a-db", "--pattern", "cron", "--time-zone", "UTC"],
    );
    new_in(
        dir.path(),
        &["nightly-b-db", "--pattern", "cron", "--time-zone", "UTC"],
    );
    new_in(
        dir.path(),
        &[
            "hourly-db",
            "--pattern",
            "cron",
            "--schedule",
            "0 * * * *",
            "--time-zone",
            "UTC",
        ],
    );
    new_in(
        dir.path(),
        &[
            "weekly-db",
            "--pattern",
            "cron",
            "--schedule",
            "30 9 * * 3",
            "--time-zone",
            "Asia/Seoul",
        ],
    );
    new_in(dir.path(), &["restore-db"]);
    // Monday 2026-12-07 00:00 UTC: one whole week.
    let now = "2026-12-07T00:00:00Z";
    let (_, out) = at_now(
        dir.path(),
        now,
        &[
            "ls",
            "--schedule-map",
            "--format",
            "json",
            "--time-zone",
            "UTC",
        ],
    );
    let map: serde_json::Value = serde_json::from_str(&out).unwrap();
    let starts = map["starts"].as_array().unwrap();
    for (d, day) in starts.iter().enumerate() {
        for h in 0..24 {
            let nightly = if h == 2 { 2 } else { 0 };
            // Wednesday 09:30 in Seoul is 00:30 UTC.
            let weekly = u64::from(d == 2 && h == 0);
            assert_eq!(day[h], 1 + nightly + weekly, "day {d} hour {h}");
        }
    }
    assert_eq!(map["busiest"][0]["hour"], 2);
    assert_eq!(map["busiest"][0]["starts"], 3);
    let (_, text) = at_now(
        dir.path(),
        now,
        &["ls", "--schedule-map", "--time-zone", "UTC"],
    );
    assert!(
        text.contains("\n· 0  ▒ 1  ▓ 2  █ 3 starts an hour\n"),
        "{text}"
    );
    let monday = text.lines().find(|l| l.starts_with("Mon")).unwrap();
    assert!(monday.starts_with("Mon  ▒▒ ▒▒ ██ ▒▒"), "{monday}");
    assert!(
        monday.ends_with(" 26"),
        "24 hourly and 2 nightly starts: {monday}"
    );
    assert!(
        text.contains("busiest: Mon 02:00 (3), Tue 02:00 (3), Wed 02:00 (3)"),
        "{text}"
    );
    let (_, svg) = at_now(
        dir.path(),
        now,
        &["ls", "--schedule-map", "--format", "svg"],
    );
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert_eq!(svg.matches("<rect ").count(), 7 * 24);
    assert!(
        svg.contains("<title>Mon 02:00: 3 start(s)</title>"),
        "{svg}"
    );
}

/// The Python and schemas of ci/fetch_backstage_schema.sh, or None where
/// they are missing (CI must have them).
fn backstage_schemas() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (python, schemas) = (
        root.join(".venv/bin/python"),
        root.join(".venv/share/backstage"),
    );
    if python.is_file() && schemas.join("Component.v1alpha1.json").is_file() {
        return Some((python, schemas));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the Backstage schemas are missing: CI must validate the entities (bash ci/fetch_backstage_schema.sh)"
    );
    crate::harness::skipped(
        "no .venv/share/backstage (bash ci/fetch_backstage_schema.sh after creating .venv)",
    );
    None
}

fn validate_backstage(stream: &str) -> Result<(), String> {
    let Some((python, schemas)) = backstage_schemas() else {
        return Ok(());
    };
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("catalog-info.yaml");
    std::fs::write(&file, stream).unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ci/validate_backstage.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(schemas)
        .arg(&file)
        .output()
        .unwrap();
    match out.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&out.stdout).into_owned()),
    }
}

#[test]
fn backstage_entities_are_valid_catalog_components() {
    let dir = TempDir::new().unwrap();
    new_in(dir.path(), &["restore-db", "--env", "prod"]);
    new_in(
        dir.path(),
        &[
            "backup-db",
            "--pattern",
            "cron",
            "--time-zone",
            "Asia/Seoul",
        ],
    );
    std::fs::create_dir(dir.path().join("hand")).unwrap();
    std::fs::write(
        dir.path().join("hand/job.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hand\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: hand\n        image: busybox:1.37\n",
    )
    .unwrap();
    let (code, stream) = at_now(
        dir.path(),
        "2026-12-07T00:00:00Z",
        &[
            "ls",
            "--format",
            "backstage",
            "--link-base",
            "https://git.example.com/org/jobs/blob/main",
        ],
    );
    assert_eq!(code, 0);
    let entities: Vec<serde_json::Value> = stream
        .split("---\n")
        .filter(|d| !d.trim().is_empty())
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    assert_eq!(entities.len(), 3);
    let restore = entities
        .iter()
        .find(|e| e["metadata"]["name"] == "restore-db")
        .unwrap();
    assert_eq!(restore["kind"], "Component");
    assert_eq!(restore["spec"]["type"], "job");
    assert_eq!(restore["spec"]["lifecycle"], "production", "env prod");
    assert_eq!(restore["spec"]["owner"], "restore");
    assert_eq!(
        restore["metadata"]["links"][0]["url"],
        "https://git.example.com/org/jobs/blob/main/restore-db/README.md"
    );
    let backup = entities
        .iter()
        .find(|e| e["metadata"]["name"] == "backup-db")
        .unwrap();
    assert_eq!(
        backup["metadata"]["annotations"]["jobgen/schedule"],
        "0 2 * * *"
    );
    assert_eq!(backup["spec"]["lifecycle"], "experimental");
    validate_backstage(&stream).unwrap_or_else(|e| panic!("{e}\n{stream}"));
    // The check can fail: an entity without lifecycle and owner is refused.
    let planted = "---\n{\"apiVersion\": \"backstage.io/v1alpha1\", \"kind\": \"Component\", \"metadata\": {\"name\": \"x\"}, \"spec\": {\"type\": \"job\"}}\n";
    if backstage_schemas().is_some() {
        let err = validate_backstage(planted).unwrap_err();
        assert!(err.contains("'owner' is a required property"), "{err}");
    }
}

/// The README's table of `H` forms, as jobgen resolves them today.
#[test]
fn the_readme_h_table_is_what_jobgen_picks() {
    let readme = include_str!("../../README.md");
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `H")).collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    for row in rows {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (written, picked) = (cells[1].trim_matches('`'), cells[3].trim_matches('`'));
        let out = crate::harness::stream(&[
            "nightly-backup-ojeomneo",
            "--pattern",
            "cron",
            "-n",
            "operations",
            "--schedule",
            written,
        ]);
        assert!(
            out.contains(&format!("schedule: \"{picked}\"")),
            "{written} -> {picked}"
        );
    }
}

/// `lint.schedule-crowded: N` moves the line: the four CronJobs of the bad
/// fixture are fine when four may start together; a limit under one is a
/// config mistake.
#[test]
fn the_crowded_limit_comes_from_team_config() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint/bad/schedule-crowded");
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.yaml");
    for (limit, warnings) in [("3", 4), ("4", 0)] {
        std::fs::write(&config, format!("lint:\n  schedule-crowded: {limit}\n")).unwrap();
        let out = jobgen()
            .args(["lint", "--format", "json", "--config"])
            .arg(&config)
            .arg(&fixture)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            report["findings"].as_array().unwrap().len(),
            warnings,
            "{limit}: {report}"
        );
    }
    std::fs::write(&config, "lint:\n  schedule-crowded: 0\n").unwrap();
    jobgen()
        .args(["lint", "--config"])
        .arg(&config)
        .arg(&fixture)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`lint.schedule-crowded: 0` must be a whole number from 1",
        ));
}
