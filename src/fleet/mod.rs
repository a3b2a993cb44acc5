//! The fleet: what a job folder's manifests say about its job (name,
//! pattern, namespace, schedule, time zone), and when a CronJob starts, in
//! its own time zone, read as the rest of jobgen reads schedules
//! (`answers::cron`, robfig/cron's rules). A start time that does not exist
//! (the hour skipped when daylight saving begins) is skipped; one that
//! happens twice (the hour repeated when it ends) starts once, the first
//! time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::answers::cron;
use crate::yaml::{Node, Spanned};

pub mod backstage;
pub mod map;

/// What `ls` says of one folder.
#[derive(Debug, Clone)]
pub struct Row {
    pub folder: String,
    pub job: Option<Job>,
    /// The schedule in words.
    pub words: Option<String>,
    pub next_run: Option<DateTime<Tz>>,
    pub owner: Option<String>,
    pub alerts: bool,
    pub templates: Option<String>,
    pub state: State,
    /// Why, for an error.
    pub reason: Option<String>,
    /// The README's language, for the words.
    pub description: Option<String>,
}

/// A folder's state, as `check` would find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Error,
    Conflict,
    Outdated,
    HandWritten,
    Current,
}

impl State {
    /// The state in the interface's language, for the table.
    pub fn shown(self) -> &'static str {
        use crate::i18n::{Msg, t};
        t(match self {
            State::Current => Msg::LS_CURRENT,
            State::Outdated => Msg::LS_OUTDATED,
            State::Conflict => Msg::LS_CONFLICT,
            State::HandWritten => Msg::LS_HAND,
            State::Error => Msg::LS_ERROR,
        })
    }

    /// The state as JSON and annotations spell it (stable, English).
    pub fn as_str(self) -> &'static str {
        match self {
            State::Current => "current",
            State::Outdated => "out of date",
            State::Conflict => "conflict",
            State::HandWritten => "hand-written",
            State::Error => "error",
        }
    }
}

/// A folder's job, as its manifests say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub name: String,
    /// `one-off`, `cron` or `parallel`.
    pub pattern: &'static str,
    pub namespace: String,
    /// The CronJob's schedule as written.
    pub schedule: Option<String>,
    pub time_zone: Option<String>,
    /// The file and line of the schedule (else of the object).
    pub file: String,
    pub line: u64,
    /// The `team` and `env` labels, if the object has them.
    pub team: Option<String>,
    pub env: Option<String>,
}

/// The first Job or CronJob among a folder's YAML files.
pub fn job_of(files: &[(String, String)]) -> Option<Job> {
    for (name, text) in files {
        if !(name.ends_with(".yaml") || name.ends_with(".yml")) || !text.contains("Job") {
            continue;
        }
        let Ok(docs) = crate::yaml::parse_all(text) else {
            continue;
        };
        for doc in docs.iter().flat_map(items) {
            if let Some(job) = job_in(name, doc) {
                return Some(job);
            }
        }
    }
    None
}

/// A document, or the items of a List.
fn items(doc: &Spanned<Node>) -> Vec<&Spanned<Node>> {
    match doc.value.get("kind").and_then(|k| k.value.string()) {
        Some("List") => doc
            .value
            .get("items")
            .map(|i| i.value.items().iter().collect())
            .unwrap_or_default(),
        _ => vec![doc],
    }
}

fn job_in(file: &str, doc: &Spanned<Node>) -> Option<Job> {
    let text = |path: &[&str]| {
        doc.value
            .at(path)
            .and_then(|n| n.value.string())
            .map(str::to_string)
    };
    let kind = text(&["kind"])?;
    let api = text(&["apiVersion"]).unwrap_or_default();
    if !api.starts_with("batch/") || !matches!(kind.as_str(), "Job" | "CronJob") {
        return None;
    }
    let spec = match kind.as_str() {
        "CronJob" => vec!["spec", "jobTemplate", "spec"],
        _ => vec!["spec"],
    };
    let count = |k: &str| {
        let mut path = spec.clone();
        path.push(k);
        doc.value.at(&path).and_then(|n| n.value.int())
    };
    let pattern = match kind.as_str() {
        "CronJob" => "cron",
        _ if count("parallelism").unwrap_or(1) > 1 || count("completions").unwrap_or(1) > 1 => {
            "parallel"
        }
        _ => "one-off",
    };
    let schedule = doc.value.at(&["spec", "schedule"]);
    Some(Job {
        name: text(&["metadata", "name"]).unwrap_or_default(),
        pattern,
        namespace: text(&["metadata", "namespace"]).unwrap_or_else(|| "default".into()),
        schedule: schedule.and_then(|s| s.value.string()).map(str::to_string),
        time_zone: text(&["spec", "timeZone"]),
        file: file.to_string(),
        line: schedule.unwrap_or(doc).referenced.line(),
        team: text(&["metadata", "labels", "team"]),
        env: text(&["metadata", "labels", "env"]),
    })
}

/// The zone a CronJob runs in: its `timeZone`, else the controller's,
/// taken as UTC (kube-controller-manager's usual zone).
pub fn zone(time_zone: Option<&str>) -> Tz {
    time_zone.and_then(|z| z.parse().ok()).unwrap_or(Tz::UTC)
}

/// A schedule as `answers::cron` reads it (a macro as its fields).
fn read(schedule: &str) -> Option<cron::Schedule> {
    let text = cron::macro_fields(schedule.trim()).unwrap_or(schedule);
    cron::parse(text).ok()
}

/// The starts of a day in `zone`, in UTC, earliest first.
fn day_starts(s: &cron::Schedule, date: NaiveDate, zone: Tz) -> Vec<DateTime<Utc>> {
    let weekday = date.weekday().num_days_from_sunday();
    if !s.runs_on(date.month(), date.day(), weekday) {
        return Vec::new();
    }
    s.times()
        .into_iter()
        .filter_map(|(h, m)| date.and_hms_opt(h, m, 0))
        .filter_map(|local| zone.from_local_datetime(&local).earliest())
        .map(|t| t.with_timezone(&Utc))
        .collect()
}

/// Every start of the schedule from `from` (included) for `days` days.
pub fn starts(schedule: &str, zone: Tz, from: DateTime<Utc>, days: u32) -> Vec<DateTime<Utc>> {
    let Some(s) = read(schedule) else {
        return Vec::new();
    };
    let end = from + Duration::days(i64::from(days));
    let first = from.with_timezone(&zone).date_naive();
    // One day either side: a zone's day is not UTC's.
    (0..=i64::from(days) + 1)
        .filter_map(|d| first.checked_add_signed(Duration::days(d)))
        .flat_map(|date| day_starts(&s, date, zone))
        .filter(|t| *t >= from && *t < end)
        .collect()
}

/// The next start after `now`, in the schedule's zone; None when it never
/// runs (looked for over the schedule's whole cycle, 28 years).
pub fn next_run(schedule: &str, zone: Tz, now: DateTime<Utc>) -> Option<DateTime<Tz>> {
    let s = read(schedule)?;
    let today = now.with_timezone(&zone).date_naive();
    (0..=28 * 366)
        .filter_map(|d| today.checked_add_signed(Duration::days(d)))
        .flat_map(|date| day_starts(&s, date, zone))
        .find(|t| *t > now)
        .map(|t| t.with_timezone(&zone))
}

/// Now, or the time `JOBGEN_NOW` gives (RFC 3339), for reports that must
/// not change between two runs (tests, documentation).
pub fn now() -> DateTime<Utc> {
    std::env::var("JOBGEN_NOW")
        .ok()
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| {
            let since = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            Utc.timestamp_opt(since.as_secs() as i64, 0)
                .single()
                .unwrap_or_default()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_job_is_read_from_its_manifest() {
        let files = vec![(
            "job.yaml".to_string(),
            "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: ops\n  labels: {team: data}\nspec:\n  schedule: \"0 2 * * *\"\n  timeZone: Asia/Seoul\n  jobTemplate:\n    spec:\n      template: {}\n".to_string(),
        )];
        let job = job_of(&files).unwrap();
        assert_eq!(
            (job.name.as_str(), job.pattern, job.namespace.as_str()),
            ("nightly", "cron", "ops")
        );
        assert_eq!(job.schedule.as_deref(), Some("0 2 * * *"));
        assert_eq!(job.time_zone.as_deref(), Some("Asia/Seoul"));
        assert_eq!((job.line, job.team.as_deref()), (8, Some("data")));
    }

    #[test]
    fn daylight_saving_skips_the_missing_hour_and_starts_once_in_the_repeated_one() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 2026-03-29: 02:00 becomes 03:00 in Berlin; 02:30 does not exist.
        let next = next_run("30 2 * * *", berlin, at("2026-03-28T12:00:00Z")).unwrap();
        assert_eq!(next.to_rfc3339(), "2026-03-30T02:30:00+02:00");
        // 2026-10-25: 02:30 happens twice; the job starts the first time.
        let runs = starts("30 2 * * *", berlin, at("2026-10-24T12:00:00Z"), 1);
        assert_eq!(runs, [at("2026-10-25T00:30:00Z")]);
    }
}
