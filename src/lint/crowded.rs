//! `schedule-crowded`: a repository-wide rule. CronJobs of one namespace
//! that start in the same minute hit the same database, registry and
//! autoscaler at once; more than `lint.schedule-crowded` (default 3) of
//! them is a warning on each, naming the others and suggesting `H`.
//! The starts are counted over 31 days from 2026-01-01 (every day of the
//! month and of the week), in each CronJob's own time zone, so the finding
//! does not change with the day lint runs.

use chrono::{TimeZone, Utc};

use super::catalog::{Finding, Severity};
use crate::fleet::{self, Job};
use crate::i18n::{Msg, f, t};

/// The rule's id.
pub const RULE: &str = "schedule-crowded";

/// How many may start together before it is a finding.
pub const DEFAULT: usize = 3;

/// A CronJob found while linting, and its folder's limit.
pub struct Cron {
    pub folder: String,
    pub job: Job,
    pub most: usize,
}

/// The findings: one per CronJob of each crowded group, the group named
/// once per distinct set of jobs.
pub fn findings(crons: &[Cron]) -> Vec<Finding> {
    let from = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let mut by_minute: std::collections::BTreeMap<(&str, i64), Vec<usize>> = Default::default();
    for (i, c) in crons.iter().enumerate() {
        let Some(s) = &c.job.schedule else { continue };
        let zone = fleet::zone(c.job.time_zone.as_deref());
        for start in fleet::starts(s, zone, from, 31) {
            by_minute
                .entry((c.job.namespace.as_str(), start.timestamp() / 60))
                .or_default()
                .push(i);
        }
    }
    let mut groups: Vec<(Vec<usize>, i64)> = Vec::new();
    for ((_, minute), jobs) in by_minute {
        let most = jobs.iter().map(|i| crons[*i].most).min().unwrap_or(DEFAULT);
        if jobs.len() > most && !groups.iter().any(|(g, _)| *g == jobs) {
            groups.push((jobs, minute));
        }
    }
    let mut out = Vec::new();
    for (jobs, minute) in groups {
        let when = Utc
            .timestamp_opt(minute * 60, 0)
            .single()
            .map(|t| t.format("%H:%M UTC").to_string())
            .unwrap_or_default();
        let names: Vec<&str> = jobs.iter().map(|i| crons[*i].job.name.as_str()).collect();
        for i in &jobs {
            let c = &crons[*i];
            out.push(Finding {
                rule: RULE,
                severity: Severity::Warning,
                file: format!("{}/{}", c.folder, c.job.file),
                line: c.job.line,
                object: Some(format!("CronJob/{}", c.job.name)),
                message: f(
                    Msg::L_CROWDED,
                    &[
                        ("n", &jobs.len().to_string()),
                        ("namespace", &c.job.namespace),
                        ("when", &when),
                        ("jobs", &names.join(", ")),
                    ],
                ),
                hint: t(Msg::L_CROWDED_HINT).to_string(),
            });
        }
    }
    out.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    out.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
    out
}
