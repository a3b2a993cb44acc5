//! What a plan says to people (`update`, `check`) and to scripts (`check
//! --format json`).

use serde_json::{Value as Json, json};

use crate::i18n::{Msg, f, t};

use super::model::Plan;

/// The one-line rendering of a JSON value in reports.
pub fn shown(v: &Json) -> String {
    match v {
        Json::Null => "(absent)".into(),
        Json::String(s) if !s.contains('\n') => s.clone(),
        other => other.to_string(),
    }
}

/// True for text of more than one line (a README hunk).
fn is_lines(v: &Json) -> bool {
    v.as_str()
        .is_some_and(|t| t.trim_end_matches('\n').contains('\n') || t.ends_with('\n'))
}

/// Each line of `v` (a text, or nothing) after `sign`, indented.
fn push_lines(s: &mut String, sign: &str, v: &Json) {
    if let Some(text) = v.as_str() {
        for line in text.lines() {
            s.push_str(&format!("    {sign} {line}\n"));
        }
    }
}

/// ` Kind/name`, or nothing for a text file.
fn object_part(object: &str) -> String {
    if object.is_empty() {
        String::new()
    } else {
        format!(" {object}")
    }
}

/// The conflicts, for people.
pub fn conflicts_text(plan: &Plan) -> String {
    let mut s = String::new();
    for c in &plan.conflicts {
        let object = object_part(&c.object);
        s.push_str(&format!(
            "{} {}{object} {}\n  base:   {}\n  ours:   {}\n  theirs: {}\n",
            t(Msg::U_CONFLICT),
            plan.dir.join(&c.file).display(),
            c.path,
            shown(&c.base),
            shown(&c.ours),
            shown(&c.theirs)
        ));
    }
    s
}

/// The files kept although jobgen no longer makes them, what the merge
/// could not keep of the user's text, and the identity answers kept
/// (`held_text`), for people.
pub fn kept_text(plan: &Plan) -> String {
    let mut s: String = plan
        .kept
        .iter()
        .map(|name| {
            format!(
                "{}\n",
                f(
                    Msg::U_KEPT,
                    &[("folder", &plan.dir.display().to_string()), ("name", name)]
                )
            )
        })
        .collect();
    for n in &plan.notes {
        s.push_str(&format!("{} {}/{n}\n", t(Msg::U_NOTE), plan.dir.display()));
    }
    s.push_str(&held_text(plan));
    s
}

/// The changes, for people: a value as `from -> to`, lines of text as the
/// lines removed and added.
pub fn changes_text(plan: &Plan) -> String {
    let mut s = String::new();
    for c in &plan.changes {
        let object = object_part(&c.object);
        if is_lines(&c.from) || is_lines(&c.to) {
            s.push_str(&format!("  {}{object} {}:\n", c.file, c.path));
            push_lines(&mut s, "-", &c.from);
            push_lines(&mut s, "+", &c.to);
            continue;
        }
        s.push_str(&format!(
            "  {}{object} {}: {} -> {}\n",
            c.file,
            c.path,
            shown(&c.from),
            shown(&c.to)
        ));
    }
    s
}

/// One folder's entry of `jobgen check --format json` (stable: see the README).
pub fn check_entry(folder: &str, p: &Plan) -> Json {
    let status = match p.outdated() {
        false => "current",
        true => "outdated",
    };
    json!({
        "folder": folder,
        "status": status,
        "base-recorded": !p.no_base,
        "changes": p.changes.iter().map(|c| json!({
            "file": c.file, "object": c.object, "path": c.path,
            "from": c.from, "to": c.to,
        })).collect::<Vec<_>>(),
        "conflicts": p.conflicts.iter().map(|c| json!({
            "file": c.file, "object": c.object, "path": c.path,
            "base": c.base, "ours": c.ours, "theirs": c.theirs,
        })).collect::<Vec<_>>(),
        "held": p.held.iter().map(|h| json!({
            "answer": h.answer, "kept": h.kept, "config": h.config,
        })).collect::<Vec<_>>(),
        "retired": p.retired.iter().map(|r| format!("vars.{r}")).collect::<Vec<_>>(),
        "templates": p.templates.as_ref().map(|(from, to)| json!({"from": from, "to": to})),
        "made-from": p.made_from,
    })
}

/// The identity answers kept although the config now gives others, for
/// people: what stays, and the command that would move the job.
pub fn held_text(plan: &Plan) -> String {
    let folder = crate::shell::shell_word(&plan.dir.display().to_string());
    // The version the folder is on, and where an update would move it.
    let templates = match (&plan.templates, &plan.made_from) {
        (Some((from, to)), _) => Some(f(Msg::U_TEMPLATES, &[("from", from), ("to", to)])),
        (None, Some(v)) => Some(f(Msg::U_MADE_FROM, &[("version", v)])),
        (None, None) => None,
    }
    .map(|line| format!("  {line}\n"));
    let retired = plan.retired.iter().map(|name| {
        format!(
            "  {}\n",
            f(
                Msg::U_RETIRED,
                &[
                    ("name", name),
                    ("file", crate::render::record::ANSWERS_FILE)
                ]
            )
        )
    });
    templates
        .into_iter()
        .chain(retired)
        .chain(plan.held.iter().map(|h| {
            let command = format!(
                "jobgen update {folder} --{} {}",
                h.answer,
                crate::shell::shell_word(&h.config)
            );
            format!(
                "  {}\n",
                f(
                    Msg::U_HELD,
                    &[
                        ("answer", &h.answer),
                        ("kept", &h.kept),
                        ("config", &h.config),
                        ("command", &command),
                    ],
                )
            )
        }))
        .collect()
}
