//! The schedule map: when the CronJobs start over the coming week, counted
//! per weekday and hour in one time zone, as shaded blocks in the terminal,
//! as JSON, or as an SVG for a wiki.

use chrono::{Datelike, Duration, Timelike};
use chrono_tz::Tz;
use serde_json::json;

use super::{Row, now, starts, zone};

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Starts per weekday (Monday first) and hour, over the week from now.
pub fn counts(rows: &[Row], map_zone: Tz) -> [[u32; 24]; 7] {
    let from = now();
    let mut grid = [[0u32; 24]; 7];
    for job in rows.iter().filter_map(|r| r.job.as_ref()) {
        let Some(s) = &job.schedule else { continue };
        for t in starts(s, zone(job.time_zone.as_deref()), from, 7) {
            let local = t.with_timezone(&map_zone);
            let day = local.weekday().num_days_from_monday() as usize;
            grid[day][local.hour() as usize] += 1;
        }
    }
    grid
}

/// The busiest hours, most starts first: (weekday, hour, starts).
fn busiest(grid: &[[u32; 24]; 7], n: usize) -> Vec<(usize, usize, u32)> {
    let mut all: Vec<(usize, usize, u32)> = (0..7)
        .flat_map(|d| (0..24).map(move |h| (d, h)))
        .map(|(d, h)| (d, h, grid[d][h]))
        .filter(|c| c.2 > 0)
        .collect();
    all.sort_by_key(|&(d, h, c)| (std::cmp::Reverse(c), d, h));
    all.truncate(n);
    all
}

/// The shade of a count: none, then four steps up to the busiest hour.
fn shade(count: u32, max: u32) -> char {
    match count {
        0 => '·',
        c if c * 4 <= max => '░',
        c if c * 2 <= max => '▒',
        c if c * 4 <= max * 3 => '▓',
        _ => '█',
    }
}

/// Which counts each shade stands for: `· 0  ▒ 1  █ 2 starts an hour`.
fn legend(max: u32) -> String {
    let mut parts = vec!["· 0".to_string()];
    let mut start = 1;
    for c in 1..=max {
        if c == max || shade(c + 1, max) != shade(c, max) {
            let range = match start == c {
                true => c.to_string(),
                false => format!("{start}-{c}"),
            };
            parts.push(format!("{} {range}", shade(c, max)));
            start = c + 1;
        }
    }
    format!("{} starts an hour", parts.join("  "))
}

/// The map for a terminal.
pub fn text(rows: &[Row], map_zone: Tz) -> String {
    let grid = counts(rows, map_zone);
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    let from = now().with_timezone(&map_zone);
    let to = from + Duration::days(7);
    let mut out = format!(
        "CronJob starts per hour, {} to {} ({map_zone})\n\n     ",
        from.format("%Y-%m-%d %H:%M"),
        to.format("%Y-%m-%d %H:%M")
    );
    let hours: Vec<String> = (0..24).map(|h| format!("{h:02}")).collect();
    out.push_str(&hours.join(" "));
    out.push('\n');
    for (d, name) in DAYS.iter().enumerate() {
        out.push_str(&format!("{name}  "));
        for count in grid[d] {
            let c = shade(count, max);
            out.push_str(&format!("{c}{c} "));
        }
        let total: u32 = grid[d].iter().sum();
        out.push_str(&format!(" {total}\n"));
    }
    out.push_str(&format!("\n{}\n", legend(max)));
    let top = busiest(&grid, 3);
    if top.is_empty() {
        out.push_str("no CronJob starts in the coming week\n");
    } else {
        let named: Vec<String> = top
            .iter()
            .map(|(d, h, c)| format!("{} {h:02}:00 ({c})", DAYS[*d]))
            .collect();
        out.push_str(&format!("busiest: {}\n", named.join(", ")));
    }
    out
}

/// The map's numbers: starts per weekday (Monday first) and hour.
pub fn json(rows: &[Row], map_zone: Tz) -> String {
    let grid = counts(rows, map_zone);
    let top: Vec<_> = busiest(&grid, 3)
        .into_iter()
        .map(|(d, h, c)| json!({"day": DAYS[d], "hour": h, "starts": c}))
        .collect();
    let doc = json!({
        "time-zone": map_zone.name(),
        "from": now().with_timezone(&map_zone).to_rfc3339(),
        "days": DAYS,
        "starts": grid.iter().map(|d| d.to_vec()).collect::<Vec<_>>(),
        "busiest": top,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON");
    s.push('\n');
    s
}

/// The map as an SVG image: one square per hour, darker for more starts.
pub fn svg(rows: &[Row], map_zone: Tz) -> String {
    let grid = counts(rows, map_zone);
    let max = grid.iter().flatten().copied().max().unwrap_or(0).max(1);
    let (cell, left, top) = (24, 48, 40);
    let width = left + 24 * cell + 16;
    let height = top + 7 * cell + 40;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n"
    );
    s.push_str(&format!(
        "  <title>CronJob starts per hour over a week ({})</title>\n",
        map_zone.name()
    ));
    s.push_str(&format!(
        "  <text x=\"{left}\" y=\"14\">CronJob starts per hour, week from {} ({})</text>\n",
        now().with_timezone(&map_zone).format("%Y-%m-%d %H:%M"),
        map_zone.name()
    ));
    for h in 0..24 {
        let x = left + h * cell + cell / 2;
        s.push_str(&format!(
            "  <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{h:02}</text>\n",
            top - 6
        ));
    }
    for (d, name) in DAYS.iter().enumerate() {
        let y = top + d * cell;
        s.push_str(&format!(
            "  <text x=\"4\" y=\"{}\">{name}</text>\n",
            y + cell / 2 + 4
        ));
        for (h, &count) in grid[d].iter().enumerate() {
            let opacity = f64::from(count) / f64::from(max);
            s.push_str(&format!(
                "  <rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"#c0392b\" fill-opacity=\"{opacity:.2}\" stroke=\"#ddd\"><title>{name} {h:02}:00: {count} start(s)</title></rect>\n",
                left + h * cell,
                cell - 1,
                cell - 1
            ));
        }
    }
    let top_hours: Vec<String> = busiest(&grid, 3)
        .iter()
        .map(|(d, h, c)| format!("{} {h:02}:00 ({c})", DAYS[*d]))
        .collect();
    s.push_str(&format!(
        "  <text x=\"{left}\" y=\"{}\">busiest: {}</text>\n",
        top + 7 * cell + 20,
        if top_hours.is_empty() {
            "none".to_string()
        } else {
            top_hours.join(", ")
        }
    ));
    s.push_str("</svg>\n");
    s
}
