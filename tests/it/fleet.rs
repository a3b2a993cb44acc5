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
