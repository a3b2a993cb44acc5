//! CronJob schedules as Kubernetes reads them (robfig/cron v3, the parser
//! the CronJob controller uses): the fields as sets of values, when a day
//! runs, whether the schedule ever runs, and the longest gap between two
//! runs, worked out from the sets instead of walking run after run.

use crate::i18n::{Msg, f, t};

/// A parsed schedule: each field as a bit set (bit n = value n), and
/// whether day-of-month or day-of-week was written as `*` or `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    minutes: u64,
    hours: u64,
    days: u64,
    months: u64,
    weekdays: u64,
    any_day: bool,
    any_weekday: bool,
}

/// The schedule macros Kubernetes knows, as five fields.
const MACROS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

/// A macro's five fields (`@daily` → `0 0 * * *`); None for anything else.
pub fn macro_fields(text: &str) -> Option<&'static str> {
    MACROS.iter().find(|(m, _)| *m == text).map(|(_, f)| *f)
}

/// Reads a schedule: five fields (minute hour day-of-month month
/// day-of-week, with `*`, `?`, ranges, steps, lists and three-letter
/// names), or a macro such as `@daily`. A `TZ=`/`CRON_TZ=` prefix is
/// refused: Kubernetes rejects it; the CronJob `timeZone` field is the
/// way to set a zone. Errors are the message after the value.
pub fn parse(s: &str) -> Result<Schedule, String> {
    let text = s.trim();
    if text.starts_with("TZ=") || text.starts_with("CRON_TZ=") {
        return Err(t(Msg::V_SCHEDULE_TZ).into());
    }
    let fields = if text.starts_with('@') {
        match macro_fields(text) {
            Some(fields) => fields,
            None => {
                let names: Vec<&str> = MACROS.iter().map(|(m, _)| *m).collect();
                return Err(f(Msg::V_SCHEDULE_MACRO, &[("macros", &names.join(", "))]));
            }
        }
    } else {
        text
    };
    let fields: Vec<&str> = fields.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(f(
            Msg::V_SCHEDULE_FIELDS,
            &[("n", &fields.len().to_string())],
        ));
    }
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    let specs: [(&str, u32, u32, &[&str]); 5] = [
        ("minute", 0, 59, &[]),
        ("hour", 0, 23, &[]),
        ("day-of-month", 1, 31, &[]),
        ("month", 1, 12, MONTHS),
        ("day-of-week", 0, 6, DAYS),
    ];
    let mut sets = [(0u64, false); 5];
    for (i, (field, (what, min, max, names))) in fields.iter().zip(specs).enumerate() {
        sets[i] = field_set(field, min, max, names).map_err(|why| {
            f(
                Msg::V_SCHEDULE_FIELD,
                &[("what", what), ("field", field), ("why", &why)],
            )
        })?;
    }
    Ok(Schedule {
        minutes: sets[0].0,
        hours: sets[1].0,
        days: sets[2].0,
        months: sets[3].0,
        weekdays: sets[4].0,
        any_day: sets[2].1,
        any_weekday: sets[4].1,
    })
}

/// One field per robfig/cron v3 (it takes `?` as `*` in every field): its
/// values as a bit set, and whether it is a star (`*` or `?` with no step
/// over 1), which decides how the two day fields combine.
fn field_set(field: &str, min: u32, max: u32, names: &[&str]) -> Result<(u64, bool), String> {
    let value = |v: &str| -> Result<u32, String> {
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(v)) {
            return Ok(i as u32 + min);
        }
        let n: u32 = v.parse().map_err(|_| f(Msg::V_NOT_NUMBER, &[("v", v)]))?;
        if n < min || n > max {
            let (n, min, max) = (n.to_string(), min.to_string(), max.to_string());
            return Err(f(
                Msg::V_OUTSIDE,
                &[("n", &n), ("min", &min), ("max", &max)],
            ));
        }
        Ok(n)
    };
    let (mut bits, mut star) = (0u64, false);
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (item, None),
        };
        let is_star = range == "*" || range == "?";
        let (lo, hi) = if is_star {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (value(a)?, value(b)?)
        } else {
            let v = value(range)?;
            (v, if step.is_some() { max } else { v })
        };
        if lo > hi {
            let (lo, hi) = (lo.to_string(), hi.to_string());
            return Err(f(Msg::V_BACKWARDS, &[("lo", &lo), ("hi", &hi)]));
        }
        let step = match step {
            Some(step) => {
                let n: u32 = step
                    .parse()
                    .map_err(|_| f(Msg::V_STEP_NUMBER, &[("step", step)]))?;
                if n == 0 {
                    return Err(t(Msg::V_STEP_MIN).into());
                }
                n
            }
            None => 1,
        };
        star |= is_star && step == 1;
        bits |= (lo..=hi).step_by(step as usize).fold(0, |b, v| b | 1 << v);
    }
    Ok((bits, star))
}

/// True when a schedule uses Jenkins' hash forms (`H`).
pub fn is_hashed(schedule: &str) -> bool {
    schedule.split_whitespace().any(|f| f.contains('H'))
}

/// The range `H` picks from in each field: day-of-month stops at 28, so a
/// hashed day exists in every month (as in Jenkins).
const HASH_RANGES: [(&str, u32, u32, u32); 5] = [
    ("minute", 0, 59, 59),
    ("hour", 0, 23, 23),
    ("day-of-month", 1, 31, 28),
    ("month", 1, 12, 12),
    ("day-of-week", 0, 6, 6),
];

/// The stable hash `H` picks with: FNV-1a (64 bit) of `SEED#FIELD`, the
/// seed being `NAMESPACE/NAME` and FIELD the field's position (0 for the
/// minute … 4 for the day of the week).
pub fn hash(seed: &str, field: usize) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in format!("{seed}#{field}").bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    h
}

/// Resolves Jenkins' hash forms into a plain schedule Kubernetes reads:
/// `H` (one value of the field's range), `H(a-b)` (one value of a-b),
/// `H/n` and `H(a-b)/n` (every n from a hashed start), each picked by
/// [`hash`] of `seed`, so the same job gets the same minute on every run
/// and different jobs spread out. Other fields are kept as written.
pub fn resolve_hash(schedule: &str, seed: &str) -> Result<String, String> {
    let text = schedule.trim();
    if !is_hashed(text) || text.starts_with('@') {
        return Ok(text.to_string());
    }
    let fields: Vec<&str> = text.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(f(
            Msg::V_SCHEDULE_FIELDS,
            &[("n", &fields.len().to_string())],
        ));
    }
    let mut out = Vec::new();
    for (i, (field, (what, min, max, hash_max))) in fields.iter().zip(HASH_RANGES).enumerate() {
        let resolved = field
            .split(',')
            .map(|item| hashed_item(item, min, max, hash_max, hash(seed, i)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|why| {
                f(
                    Msg::V_SCHEDULE_FIELD,
                    &[("what", what), ("field", field), ("why", &why)],
                )
            })?;
        out.push(resolved.join(","));
    }
    Ok(out.join(" "))
}

/// One list item of a field: `H…` resolved, anything else as it is.
fn hashed_item(item: &str, min: u32, max: u32, hash_max: u32, h: u64) -> Result<String, String> {
    let Some(rest) = item.strip_prefix('H') else {
        return Ok(item.to_string());
    };
    let (range, step) = match rest.split_once('/') {
        Some((r, s)) => (r, Some(s)),
        None => (rest, None),
    };
    let (lo, hi) = match range.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => {
            let (a, b) = inner
                .split_once('-')
                .ok_or_else(|| t(Msg::V_HASH_FORM).to_string())?;
            let bound = |v: &str| -> Result<u32, String> {
                let n: u32 = v.parse().map_err(|_| f(Msg::V_NOT_NUMBER, &[("v", v)]))?;
                if n < min || n > max {
                    let (n, min, max) = (n.to_string(), min.to_string(), max.to_string());
                    return Err(f(
                        Msg::V_OUTSIDE,
                        &[("n", &n), ("min", &min), ("max", &max)],
                    ));
                }
                Ok(n)
            };
            let (a, b) = (bound(a)?, bound(b)?);
            if a > b {
                let (lo, hi) = (a.to_string(), b.to_string());
                return Err(f(Msg::V_BACKWARDS, &[("lo", &lo), ("hi", &hi)]));
            }
            (a, b)
        }
        None if range.is_empty() => (min, hash_max),
        None => return Err(t(Msg::V_HASH_FORM).into()),
    };
    match step {
        None => Ok((lo + (h % u64::from(hi - lo + 1)) as u32).to_string()),
        Some(step) => {
            let n: u32 = step
                .parse()
                .map_err(|_| f(Msg::V_STEP_NUMBER, &[("step", step)]))?;
            if n == 0 {
                return Err(t(Msg::V_STEP_MIN).into());
            }
            // A start within the first step (and the range): then every n.
            let start = lo + (h % u64::from(n.min(hi - lo + 1))) as u32;
            Ok(format!("{start}-{hi}/{n}"))
        }
    }
}

/// The first day of the cycles below: 2026-01-01, a Thursday.
const START: (i32, u32, u32, u32) = (2026, 1, 1, 4);

impl Schedule {
    /// Whether the schedule runs on this day (`weekday` 0 = Sunday): the
    /// month must match, and then, as robfig/cron decides, both day
    /// fields when either is a star, either one otherwise.
    pub fn runs_on(&self, month: u32, day: u32, weekday: u32) -> bool {
        let (dom, dow) = (self.days >> day & 1 == 1, self.weekdays >> weekday & 1 == 1);
        self.months >> month & 1 == 1
            && if self.any_day || self.any_weekday {
                dom && dow
            } else {
                dom || dow
            }
    }

    /// The days (counted from 2026-01-01) this schedule runs on over one
    /// whole cycle of its day pattern, and the cycle's length in days: a
    /// day when it runs every day, a week when only weekdays count, four
    /// years (one leap day) when only dates count, 28 years (leap days and
    /// weekdays realign) when both do. Exact between 1901 and 2099.
    fn days_in_cycle(&self) -> (impl Iterator<Item = u32> + '_, u32) {
        let every = |bits: u64, min: u32, max: u32| (min..=max).all(|v| bits >> v & 1 == 1);
        let all_months = every(self.months, 1, 12);
        let dates_count = !all_months || !every(self.days, 1, 31) || !self.any_day;
        let weekdays_count = !every(self.weekdays, 0, 6) || !self.any_weekday;
        let cycle = match (dates_count, weekdays_count) {
            (false, false) => 1,
            (false, true) => 7,
            (true, false) => 4 * 365 + 1,
            (true, true) => 28 * 365 + 7,
        };
        let mut date = START;
        let days = (0..cycle).filter(move |_| {
            let (year, month, day, weekday) = date;
            let runs = self.runs_on(month, day, weekday);
            date = if day < days_in_month(year, month) {
                (year, month, day + 1, (weekday + 1) % 7)
            } else if month < 12 {
                (year, month + 1, 1, (weekday + 1) % 7)
            } else {
                (year + 1, 1, 1, (weekday + 1) % 7)
            };
            runs
        });
        (days, cycle)
    }

    /// The times of day it starts at, as (hour, minute), earliest first.
    pub fn times(&self) -> Vec<(u32, u32)> {
        (0..24u32)
            .filter(|h| self.hours >> h & 1 == 1)
            .flat_map(|h| {
                (0..60u32)
                    .filter(|m| self.minutes >> m & 1 == 1)
                    .map(move |m| (h, m))
            })
            .collect()
    }

    /// Whether the schedule never runs: its dates do not exist (`0 0 30 2
    /// *`, `0 0 31 4,6 *`). The controller takes such a CronJob and never
    /// starts a Job.
    pub fn never_runs(&self) -> bool {
        self.days_in_cycle().0.next().is_none()
    }

    /// The longest time between two consecutive runs, in seconds. Every
    /// day that runs has the same run times (minute and hour do not depend
    /// on the day), so the gap is either between two run times of a day,
    /// or from a day's last run to the first run of the next day that
    /// runs. In the schedule's own clock: a daylight-saving change in the
    /// CronJob's time zone can add an hour. None when it never runs.
    pub fn longest_gap(&self) -> Option<u64> {
        let times: Vec<u64> = (0..24u64)
            .filter(|h| self.hours >> h & 1 == 1)
            .flat_map(|h| {
                (0..60u64)
                    .filter(|m| self.minutes >> m & 1 == 1)
                    .map(move |m| h * 3600 + m * 60)
            })
            .collect();
        let (first, last) = (*times.first()?, *times.last()?);
        let within_a_day = times.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        let (runs, cycle) = self.days_in_cycle();
        let runs: Vec<u32> = runs.collect();
        let wrap = u64::from(runs.first()? + cycle - runs.last()?);
        let days = runs
            .windows(2)
            .map(|w| u64::from(w[1] - w[0]))
            .max()
            .unwrap_or(0)
            .max(wrap);
        Some(within_a_day.max(days * 86_400 - (last - first)))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_forms_resolve_the_same_every_time_and_differ_between_jobs() {
        let a = resolve_hash("H 2 * * *", "data/restore-db").unwrap();
        assert_eq!(a, resolve_hash("H 2 * * *", "data/restore-db").unwrap());
        let b = resolve_hash("H 2 * * *", "data/backup-db").unwrap();
        assert_ne!(a, b, "two jobs, two minutes");
        // Each form, within its range.
        let r = resolve_hash("H H(0-5) * * *", "x/y").unwrap();
        let f: Vec<u32> = r.split(' ').take(2).map(|v| v.parse().unwrap()).collect();
        assert!(f[0] < 60 && f[1] <= 5, "{r}");
        let r = resolve_hash("H/15 * * * *", "x/y").unwrap();
        let start: u32 = r.split('-').next().unwrap().parse().unwrap();
        assert!(start < 15 && r.ends_with("-59/15 * * * *"), "{r}");
        let r = resolve_hash("H(0-29) * H * *", "x/y").unwrap();
        let f: Vec<u32> = r.split(' ').map(|v| v.parse().unwrap_or(0)).collect();
        assert!(f[0] <= 29 && (1..=28).contains(&f[2]), "{r}");
        assert!(parse(&r).is_ok());
        // Plain schedules and macros pass through.
        assert_eq!(resolve_hash("0 2 * * *", "x/y").unwrap(), "0 2 * * *");
        assert_eq!(resolve_hash("@daily", "x/y").unwrap(), "@daily");
    }

    #[test]
    fn hashed_minutes_spread_over_the_hour() {
        let minutes: std::collections::HashSet<String> = (0..100)
            .map(|i| resolve_hash("H * * * *", &format!("batch/job-{i}")).unwrap())
            .collect();
        // 100 draws over 60 minutes cover about 49 of them.
        assert!(minutes.len() >= 40, "{} minutes", minutes.len());
    }

    #[test]
    fn hash_ranges_outside_the_field_are_refused_naming_it() {
        let err = resolve_hash("H(0-99) * * * *", "x/y").unwrap_err();
        assert!(
            err.contains("minute field `H(0-99)`") && err.contains("99 is outside 0-59"),
            "{err}"
        );
        let err = resolve_hash("0 H(20-25) * * *", "x/y").unwrap_err();
        assert!(err.contains("hour field"), "{err}");
        assert!(resolve_hash("H(5) * * * *", "x/y").is_err());
        assert!(resolve_hash("H(9-3) * * * *", "x/y").is_err());
        assert!(resolve_hash("H/0 * * * *", "x/y").is_err());
    }

    fn gap(s: &str) -> Option<u64> {
        parse(s).unwrap().longest_gap()
    }

    #[test]
    fn gaps_are_worked_out_from_the_fields() {
        const DAY: u64 = 86_400;
        assert_eq!(gap("0 2 * * *"), Some(DAY));
        assert_eq!(gap("*/15 * * * *"), Some(900));
        assert_eq!(gap("@hourly"), Some(3_600));
        assert_eq!(gap("0 9 * * MON-FRI"), Some(3 * DAY));
        assert_eq!(gap("@monthly"), Some(31 * DAY));
        assert_eq!(
            gap("@yearly"),
            Some(366 * DAY),
            "2027-01-01 to 2028-01-01 spans Feb 29"
        );
        // Every minute of the 1st: a month from the last to the next.
        assert_eq!(gap("* * 1 * *"), Some(31 * DAY - (23 * 3600 + 59 * 60)));
        assert_eq!(gap("0 0 29 2 *"), Some((4 * 365 + 1) * DAY));
        assert_eq!(gap("0 9-17 * * *"), Some(DAY - 8 * 3600));
        // robfig: a star in either day field means both must match ...
        assert_eq!(gap("0 0 * * MON"), Some(7 * DAY));
        // ... and with neither a star, either one does: the 1st to the 7th
        // and every Monday.
        assert_eq!(gap("0 9 1-7 * MON"), Some(7 * DAY));
        // `*/2` is not a star (robfig drops it with a step over 1): odd days
        // or Sundays.
        assert_eq!(gap("0 0 */2 * 0"), Some(2 * DAY));
        // A step of 1 keeps the star: only Sundays.
        assert_eq!(gap("0 0 */1 * 0"), Some(7 * DAY));
    }

    #[test]
    fn schedules_whose_dates_do_not_exist_never_run() {
        for never in ["0 0 30 2 *", "0 0 31 2,4,6,9,11 *", "* * 30,31 2 *"] {
            assert!(parse(never).unwrap().never_runs(), "{never}");
            assert_eq!(gap(never), None, "{never}");
        }
        for runs in ["0 0 29 2 *", "0 0 31 * *", "0 0 30 2 MON", "@yearly"] {
            assert!(!parse(runs).unwrap().never_runs(), "{runs}");
        }
    }

    #[test]
    fn the_gap_is_what_walking_every_run_finds() {
        // croner's runs over a whole cycle, on schedules where croner and
        // robfig agree (no `*/N` day-of-month beside a day-of-week).
        let minutes = ["0", "5,35", "*/20"];
        let hours = ["2", "9-17/4", "0,12"];
        let doms = ["*", "1", "15", "29", "31", "1-7", "10-20/5"];
        let months = ["*", "2", "1,7", "*/3", "11"];
        let dows = ["*", "MON-FRI", "0", "6", "2,4"];
        let mut n = 0;
        for (i, dom) in doms.iter().enumerate() {
            for (j, month) in months.iter().enumerate() {
                for (k, dow) in dows.iter().enumerate() {
                    let schedule = format!(
                        "{} {} {dom} {month} {dow}",
                        minutes[(i + j + k) % 3],
                        hours[(i * 2 + k) % 3]
                    );
                    let parsed = parse(&schedule).unwrap();
                    let (_, cycle) = parsed.days_in_cycle();
                    assert_eq!(parsed.longest_gap(), walked(&schedule, cycle), "{schedule}");
                    n += 1;
                }
            }
        }
        assert_eq!(n, 175);
    }

    /// The longest gap between croner's runs from 2026-01-01 over `days`
    /// days and into the next cycle.
    fn walked(schedule: &str, days: u32) -> Option<u64> {
        let cron = croner::parser::CronParser::builder()
            .seconds(croner::parser::Seconds::Disallowed)
            .build()
            .parse(schedule)
            .ok()?;
        let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)?.and_hms_opt(0, 0, 0)?;
        let end = start + chrono::Duration::days(i64::from(days));
        let mut previous = cron.find_next_occurrence(&start, true).ok()?;
        let mut longest = 0;
        while previous <= end {
            let next = cron.find_next_occurrence(&previous, false).ok()?;
            longest = longest.max((next - previous).num_seconds() as u64);
            previous = next;
        }
        Some(longest)
    }
}
