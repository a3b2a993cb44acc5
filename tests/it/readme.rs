//! The README's promises that code can check: the two start-up commands and
//! the defaults table, which must match `src/defaults.rs`.

use jobgen::defaults::{self, Size};

const README: &str = include_str!("../../README.md");

/// The row of the defaults table whose first cell is `answer`.
fn row(answer: &str) -> &'static str {
    let table = README
        .split("## Defaults")
        .nth(1)
        .expect("a Defaults section");
    let table = table.split("\n## ").next().unwrap();
    table
        .lines()
        .find(|l| l.starts_with(&format!("| {answer} |")))
        .unwrap_or_else(|| panic!("no defaults row for {answer}"))
}

#[test]
fn the_readme_starts_with_the_run_and_test_commands() {
    let start = README
        .split("## Start here")
        .nth(1)
        .expect("a Start here section");
    let block = start.split("```").nth(1).expect("a code block");
    assert!(block.contains("cargo run --release -- new cloud-sql-restore-ojeomneo --no-input"));
    assert!(block.contains("cargo test"));
}

#[test]
fn the_readme_defaults_table_matches_the_code() {
    let checks: Vec<(&str, String)> = vec![
        ("env", format!("`{}`", defaults::ENV)),
        ("pattern", format!("`{}`", defaults::PATTERN.as_str())),
        ("image", format!("`{}`", defaults::IMAGE)),
        (
            "labels (every object and the pod template)",
            format!("`{}` = target", defaults::TARGET_LABEL),
        ),
        (
            "labels (every object and the pod template)",
            format!("`version` = `{}`", defaults::VERSION_LABEL),
        ),
        (
            "one-off",
            format!("`restartPolicy: {}`", defaults::RESTART_POLICY),
        ),
        (
            "one-off",
            format!("`backoffLimit: {}`", defaults::BACKOFF_PRESETS[0].value),
        ),
        (
            "one-off",
            format!(
                "`ttlSecondsAfterFinished: {}`",
                defaults::TTL_PRESETS[0].value
            ),
        ),
        ("cron", format!("`schedule: \"{}\"`", defaults::SCHEDULE)),
        (
            "cron",
            format!("`startingDeadlineSeconds: {}`", defaults::STARTING_DEADLINE),
        ),
        (
            "cron",
            format!("`successfulJobsHistoryLimit: {}`", defaults::HISTORY_LIMIT),
        ),
        (
            "cron",
            format!("`failedJobsHistoryLimit: {}`", defaults::HISTORY_LIMIT),
        ),
        (
            "parallel",
            format!("`parallelism: {}`", defaults::PARALLELISM),
        ),
        (
            "parallel",
            format!("`completions: {}`", defaults::COMPLETIONS),
        ),
        (
            "activeDeadlineSeconds",
            format!("`{}`", defaults::ACTIVE_DEADLINE),
        ),
        (
            "secret store",
            format!(
                "`{}` `{}`",
                defaults::SECRET_STORE_KIND,
                defaults::SECRET_STORE
            ),
        ),
        ("run as", format!("`{}`", defaults::RUN_AS_USER)),
        ("target Kubernetes", format!("`{}`", defaults::KUBE_VERSION)),
        (
            "cron",
            format!("`concurrencyPolicy: {}`", defaults::CONCURRENCY_POLICY),
        ),
    ];
    for (answer, expected) in checks {
        assert!(
            row(answer).contains(&expected),
            "README row {answer:?} lacks {expected}: {}",
            row(answer)
        );
    }
    let english = |m| jobgen::i18n::f_in(jobgen::i18n::Ui::En, m, &[]);
    for p in defaults::TTL_PRESETS {
        let name = english(p.name);
        assert!(row("TTL presets").contains(&format!("{name} `{}`", p.value)));
    }
    for p in defaults::BACKOFF_PRESETS {
        let full = english(p.name);
        let name = full.split(',').next().unwrap();
        assert!(
            row("backoffLimit presets").contains(&format!("{name} `{}`", p.value)),
            "{full}"
        );
    }
    for name in Size::NAMES {
        let r = Size::parse(name).unwrap().resources();
        let label = if Size::parse(name) == Some(defaults::SIZE) {
            format!("resources: {name} (default)")
        } else {
            format!("resources: {name}")
        };
        let want = format!(
            "requests `{}`/`{}`, limits `{}`/`{}`",
            r[0], r[1], r[2], r[3]
        );
        assert!(row(&label).contains(&want), "{label}: {want}");
    }
    for (purpose, ns) in [
        ("data-migration", "migrations"),
        ("cloud-sql-restore", "operations"),
        ("image-resize", "default"),
    ] {
        assert_eq!(defaults::namespace_for(purpose), ns);
        assert!(row("namespace").contains(&format!("`{ns}`")));
    }
}

#[test]
fn the_shipped_conventions_are_the_teams() {
    let shipped = std::fs::read_to_string("docs/conventions.ko.md").unwrap();
    assert!(shipped.contains("[목적]-[대상]-[상세]"));
    match std::fs::read_to_string("../shared/seed/jobs-conventions.md") {
        Ok(seed) => assert_eq!(
            shipped, seed,
            "docs/conventions.ko.md differs from the seed"
        ),
        Err(_) => {
            crate::harness::skipped("no ../shared/seed/jobs-conventions.md beside the repository")
        }
    }
    let summary = std::fs::read_to_string("docs/conventions.md").unwrap();
    assert!(summary.contains("(conventions.ko.md)"));
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("(docs/conventions.md)") && !readme.contains("../shared"));
}
