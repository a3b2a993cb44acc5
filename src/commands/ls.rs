//! `jobgen ls`: every job folder under the paths at a glance, jobgen-made
//! or hand-written: its job, schedule and next start, owner, alerts,
//! templates version and state (what `check` would say). `--schedule-map`
//! draws when the CronJobs start; `--format backstage` prints catalog
//! entities.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Value as Json, json};

use crate::answers::sources::Inputs;
use crate::cli::{LsArgs, LsFormat, LsSort};
use crate::error::Error;
use crate::fleet::{self, Row, State};
use crate::render::record::ANSWERS_FILE;
use crate::{pool, style, update};

pub fn run(args: &LsArgs) -> Result<u8, Error> {
    let paths = match args.paths.is_empty() {
        true => vec![PathBuf::from(".")],
        false => args.paths.clone(),
    };
    let mut found: Vec<Result<PathBuf, (PathBuf, String)>> = Vec::new();
    for p in &paths {
        // A path that is not there is a usage error (exit 2), as for lint.
        if !p.exists() {
            let e = std::io::Error::from(std::io::ErrorKind::NotFound);
            return Err(Error::Unreadable {
                path: p.clone(),
                why: crate::error::plain_io(&e),
            });
        }
        let walked = crate::lint::job_folders(p);
        found.extend(walked.found.into_iter().map(Ok));
        found.extend(
            walked
                .unreadable
                .into_iter()
                .map(|(d, e)| Err((d, crate::error::plain_io(&e)))),
        );
    }
    let inputs = Inputs {
        config: args.config.clone(),
        offline: args.offline || crate::render::repo::offline_env(),
        ..Inputs::default()
    };
    let now = fleet::now();
    let mut rows: Vec<Row> = Vec::with_capacity(found.len());
    pool::ordered(&found, |f| row(f, &inputs, now), |_, r| rows.push(r));
    match args.sort {
        LsSort::Name => rows.sort_by(|a, b| name(a).cmp(name(b)).then(a.folder.cmp(&b.folder))),
        LsSort::NextRun => {
            rows.sort_by_key(|r| (r.next_run.is_none(), r.next_run.map(|t| t.timestamp())))
        }
        LsSort::State => rows.sort_by_key(|r| r.state),
        LsSort::Folder => {}
    }
    let failed = rows.iter().any(|r| r.state == State::Error);
    let text = match (args.schedule_map, args.format) {
        (true, LsFormat::Svg) => crate::fleet::map::svg(&rows, map_zone(args, &rows)),
        (true, LsFormat::Json) => crate::fleet::map::json(&rows, map_zone(args, &rows)),
        (true, _) => crate::fleet::map::text(&rows, map_zone(args, &rows)),
        (false, LsFormat::Json) => json_rows(&rows),
        (false, LsFormat::Backstage) => {
            crate::fleet::backstage::entities(&rows, args.link_base.as_deref())
        }
        (false, LsFormat::Svg) => {
            return Err(Error::Invalid(vec![crate::error::InvalidAnswer {
                flag: "--format".into(),
                value: Some("svg".into()),
                why: "is the schedule map's format: use it with --schedule-map".into(),
            }]));
        }
        (false, LsFormat::Text) => text_rows(&rows),
    };
    style::print_stdout(text.as_bytes())?;
    Ok(if failed { 2 } else { 0 })
}

/// The zone the map is drawn in: `--time-zone`, else the zone most
/// CronJobs use (UTC when none sets one).
fn map_zone(args: &LsArgs, rows: &[Row]) -> Tz {
    if let Some(z) = args.time_zone.as_deref().and_then(|z| z.parse().ok()) {
        return z;
    }
    let mut zones: Vec<(&str, usize)> = Vec::new();
    for z in rows
        .iter()
        .filter_map(|r| r.job.as_ref()?.time_zone.as_deref())
    {
        match zones.iter_mut().find(|(n, _)| *n == z) {
            Some((_, c)) => *c += 1,
            None => zones.push((z, 1)),
        }
    }
    zones.sort_by_key(|(n, c)| (std::cmp::Reverse(*c), *n));
    fleet::zone(zones.first().map(|(z, _)| *z))
}

fn name(r: &Row) -> &str {
    r.job.as_ref().map_or("", |j| j.name.as_str())
}

/// One folder's row: its job from the manifests, and for a jobgen folder
/// the state `check` would report.
fn row(found: &Result<PathBuf, (PathBuf, String)>, inputs: &Inputs, now: DateTime<Utc>) -> Row {
    let (dir, unlisted) = match found {
        Ok(d) => (d, None),
        Err((d, why)) => (d, Some(why.clone())),
    };
    let mut row = Row {
        folder: dir.display().to_string(),
        job: None,
        words: None,
        next_run: None,
        owner: None,
        alerts: false,
        templates: None,
        state: State::Error,
        reason: unlisted,
        description: None,
    };
    if row.reason.is_some() {
        return row;
    }
    let files = match crate::lint::read_folder(dir) {
        Ok((files, _)) => files,
        Err(e) => {
            row.reason = Some(e.to_string());
            return row;
        }
    };
    row.job = fleet::job_of(&files);
    row.alerts = files
        .iter()
        .any(|(_, text)| text.contains("kind: PrometheusRule"));
    if let Some(job) = &row.job {
        row.owner = job.team.clone();
        if let Some(s) = &job.schedule {
            let lang = match crate::i18n::ui() {
                crate::i18n::Ui::Ko => "ko",
                crate::i18n::Ui::En => "en",
            };
            row.words = Some(crate::render::describe_schedule(s, lang));
            row.next_run = fleet::next_run(s, fleet::zone(job.time_zone.as_deref()), now);
        }
    }
    let Ok(answers) = crate::walk::read_text(&dir.join(ANSWERS_FILE)) else {
        row.state = State::HandWritten;
        return row;
    };
    if let Ok(root) = serde_json::from_str::<Json>(&answers) {
        let text = |v: Option<&Json>| v.and_then(Json::as_str).map(str::to_string);
        row.owner = text(root.get("vars").and_then(|v| v.get("owner")))
            .or_else(|| text(root.get("team")))
            .or(row.owner.take());
        row.description = text(root.get("description"));
    }
    let planned = crate::paths::resolve(dir)
        .and_then(|real| update::plan(&real, inputs, update::Settle::Refuse, true));
    match planned {
        Ok(plan) => {
            row.templates = plan.made_from.clone();
            row.state = match (plan.conflicts.is_empty(), plan.outdated()) {
                (false, _) => State::Conflict,
                (true, true) => State::Outdated,
                (true, false) => State::Current,
            };
        }
        // The first line says it (`nothing was written` is not news here).
        Err(e) => row.reason = e.to_string().lines().next().map(str::to_string),
    }
    row
}

/// The schedule as a short cell: `0 2 * * * Asia/Seoul`.
fn schedule_cell(r: &Row) -> String {
    let Some(job) = &r.job else {
        return String::new();
    };
    match (&job.schedule, &job.time_zone) {
        (Some(s), Some(z)) => format!("{s} ({z})"),
        (Some(s), None) => s.clone(),
        _ => "-".into(),
    }
}

fn next_cell(r: &Row) -> String {
    r.next_run
        .map(|t| t.format("%Y-%m-%d %H:%M %Z").to_string())
        .unwrap_or_else(|| "-".into())
}

fn text_rows(rows: &[Row]) -> String {
    use crate::i18n::{Msg, t};
    let header: Vec<&str> = t(Msg::LS_HEADER).split('|').collect();
    let mut table: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for r in rows {
        let job = r.job.as_ref();
        let state = match &r.reason {
            Some(why) => format!("{}: {why}", State::Error.shown()),
            None => r.state.shown().to_string(),
        };
        table.push(vec![
            r.folder.clone(),
            job.map_or("-".into(), |j| j.name.clone()),
            job.map_or("-".into(), |j| j.pattern.to_string()),
            job.map_or("-".into(), |j| j.namespace.clone()),
            schedule_cell(r),
            next_cell(r),
            r.owner.clone().unwrap_or_else(|| "-".into()),
            t(if r.alerts { Msg::LS_YES } else { Msg::LS_NO }).into(),
            r.templates.clone().unwrap_or_else(|| "-".into()),
            state,
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            table
                .iter()
                .map(|row| crate::i18n::width(&row[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in table {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - crate::i18n::width(cell) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One object per folder, stable keys (README: `jobgen ls`).
pub fn json_row(r: &Row) -> Json {
    let job = r.job.as_ref();
    json!({
        "folder": r.folder,
        "name": job.map(|j| &j.name),
        "pattern": job.map(|j| j.pattern),
        "namespace": job.map(|j| &j.namespace),
        "schedule": job.and_then(|j| j.schedule.as_ref()),
        "schedule-words": r.words,
        "time-zone": job.and_then(|j| j.time_zone.as_ref()),
        "next-run": r.next_run.map(|t| t.to_rfc3339()),
        "owner": r.owner,
        "alerts": r.alerts,
        "templates": r.templates,
        "state": match r.reason { Some(_) => "error", None => r.state.as_str() },
        "error": r.reason,
    })
}

fn json_rows(rows: &[Row]) -> String {
    let all: Vec<Json> = rows.iter().map(json_row).collect();
    let mut s = serde_json::to_string_pretty(&all).expect("JSON");
    s.push('\n');
    s
}
