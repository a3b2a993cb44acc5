//! One file's three-way merge: YAML per object and field (the value trees
//! merge in `merge`, and are written back into the user's text by
//! `splice`), any other file line by line.

use diffy::{ConflictStyle, DiffOptions, IncompleteHunkStyle, Line, MergeOptions};
use serde_json::{Value as Json, json};

use std::path::PathBuf;

use crate::error::Error;
use crate::i18n::{Msg, f};
use crate::render::record;

use super::merge::{self, Prefer, Tree};
use super::model::{FieldChange, FieldConflict, Settle};
use super::splice::{self, Chunk};
use super::trees::objects;
use super::unwritten::{self, Unwritten};

/// One file's merge.
#[derive(Debug)]
pub struct FileMerge {
    /// The file after the update; None: absent.
    pub after: Option<String>,
    /// What the update changes in the user's file.
    pub changes: Vec<FieldChange>,
    pub conflicts: Vec<FieldConflict>,
    /// What the merge could not keep of the user's text (comments dropped,
    /// anchors expanded), for the report.
    pub notes: Vec<String>,
    /// What of the file the folder still never had (`unwritten`).
    pub unwritten: Vec<Unwritten>,
}

impl FileMerge {
    /// The file as `after`, nothing changed, noted or left unwritten yet.
    fn plain(after: Option<String>) -> FileMerge {
        FileMerge {
            after,
            changes: Vec::new(),
            conflicts: Vec::new(),
            notes: Vec::new(),
            unwritten: Vec::new(),
        }
    }
}

/// Merges one file of the folder: YAML (`.yaml`, `.yml`) per object and
/// field, anything else line by line. None is an absent file. `unwritten`
/// is what the folder never had (of any file).
pub fn merge_file(
    name: &str,
    base: Option<&str>,
    ours: Option<&str>,
    theirs: Option<&str>,
    settle: Settle,
    unwritten: &[Unwritten],
) -> Result<FileMerge, Error> {
    // Today's render is the user's file: nothing to merge, whatever the base.
    if let (Some(o), Some(t)) = (ours, theirs)
        && o == t
    {
        return Ok(FileMerge::plain(Some(o.to_string())));
    }
    // A file the user keeps with CRLF line endings is merged as LF and
    // written back with CRLF, so lines the update adds end like the rest.
    if let Some(o) = ours.filter(|o| mostly_crlf(o)) {
        let lf = o.replace("\r\n", "\n");
        let mut m = merge_file(name, base, Some(&lf), theirs, settle, unwritten)?;
        m.after = m.after.map(|a| match a == lf {
            true => o.to_string(),
            false => a.replace('\n', "\r\n"),
        });
        return Ok(m);
    }
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        merge_yaml(name, base, ours, theirs, settle, unwritten)
    } else {
        Ok(merge_text(name, base, ours, theirs, settle))
    }
}

/// True when most lines of `text` end in CRLF.
fn mostly_crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    crlf > 0 && crlf * 2 >= text.matches('\n').count()
}

/// The merge of a file one side has and another lacks; `same` compares
/// contents as the file's kind does.
fn presence(
    name: &str,
    base: Option<&str>,
    ours: Option<&str>,
    theirs: Option<&str>,
    settle: Settle,
    same: impl Fn(&str, &str) -> bool,
) -> Option<FileMerge> {
    let whole = |from: Option<&str>, to: Option<&str>| FieldChange {
        file: name.into(),
        object: String::new(),
        path: "(whole file)".into(),
        from: from.map_or(Json::Null, |_| json!("present")),
        to: to.map_or(Json::Null, |_| json!("present")),
    };
    let result = |after: Option<&str>, conflict: bool| {
        let mut m = FileMerge::plain(after.map(str::to_string));
        if ours != after {
            m.changes.push(whole(ours, after));
        }
        if conflict {
            let says = |x: Option<&str>| json!(if x.is_some() { "present" } else { "absent" });
            m.conflicts.push(FieldConflict {
                file: name.into(),
                object: String::new(),
                path: "(whole file)".into(),
                base: says(base),
                ours: says(ours),
                theirs: says(theirs),
            });
        }
        m
    };
    let marked = |o: Option<&str>, t: Option<&str>| {
        format!(
            "<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
            o.map(ended).unwrap_or_default(),
            t.map(ended).unwrap_or_default()
        )
    };
    match (base, ours, theirs) {
        (_, Some(_), Some(_)) => None,
        (_, None, None) => Some(result(None, false)),
        (None, None, Some(t)) => Some(result(Some(t), false)),
        (None, Some(o), None) => Some(result(Some(o), false)),
        (Some(b), None, Some(t)) if same(b, t) => Some(result(None, false)),
        (Some(b), Some(o), None) if same(b, o) => Some(result(None, false)),
        // Edited, and jobgen no longer makes it: kept (the plan reports it).
        (Some(_), Some(o), None) => Some(result(Some(o), false)),
        (Some(_), None, t) if settle == Settle::Discard => Some(result(t, false)),
        (Some(_), o, t) => Some(match settle {
            Settle::Prefer(Prefer::Theirs) => result(t, true),
            Settle::Markers => {
                let text = marked(o, t);
                result(Some(&text), true)
            }
            _ => result(o, true),
        }),
    }
}

fn ended(s: &str) -> String {
    if s.is_empty() || s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

/// The provenance header line of a generated YAML file, split off.
pub(super) fn header(text: &str) -> (&str, &str) {
    if text
        .strip_prefix("# ")
        .is_some_and(|t| t.starts_with(record::PROVENANCE))
    {
        let end = text.find('\n').map_or(text.len(), |i| i + 1);
        text.split_at(end)
    } else {
        ("", text)
    }
}

fn merge_yaml(
    name: &str,
    base: Option<&str>,
    ours: Option<&str>,
    theirs: Option<&str>,
    settle: Settle,
    unwritten: &[Unwritten],
) -> Result<FileMerge, Error> {
    let unparsable = |which: &str, e: crate::yaml::ParseError| Error::Unreadable {
        path: PathBuf::from(name),
        why: format!(
            "{which} is not valid YAML at line {}, column {}: {}",
            e.line, e.column, e.message
        ),
    };
    let same = |a: &str, b: &str| matches!((objects(a), objects(b)), (Ok(x), Ok(y)) if x == y);
    // A file the folder never had (each object of it) stays absent.
    let mine: Vec<Unwritten> = unwritten
        .iter()
        .filter(|u| u.file == name)
        .cloned()
        .collect();
    if ours.is_none() && !mine.is_empty() && mine.iter().all(Unwritten::whole_object) {
        let mut m = presence(name, base, ours, None, settle, same).expect("one side absent");
        m.unwritten = mine;
        return Ok(m);
    }
    if let Some(m) = presence(name, base, ours, theirs, settle, same) {
        return Ok(m);
    }
    let (ours, theirs) = (ours.unwrap_or_default(), theirs.unwrap_or_default());
    let (bh, base) = header(base.unwrap_or_default());
    let (oh, ours_body) = header(ours);
    let (th, theirs_body) = header(theirs);
    let head = if oh == bh { th } else { oh };
    let chunks = splice::chunks(ours_body).map_err(|e| unparsable("your file", e))?;
    let base = objects(base).map_err(|e| unparsable("the recorded base", e))?;
    let theirs = objects(theirs_body).map_err(|e| unparsable("the new render", e))?;
    // A List's items merge as objects of their own, and go back into it.
    let docs: Vec<Tree> = chunks.iter().filter_map(|c| c.object.clone()).collect();
    let ours: Vec<Tree> = merge::flatten(&docs).into_iter().cloned().collect();
    let rules = merge::Rules {
        prefer: match settle {
            Settle::Prefer(p) => p,
            _ => Prefer::Ours,
        },
        discard: settle == Settle::Discard,
        unwritten: &unwritten::in_file(unwritten, name),
    };
    let merged = merge::merge_objects(&base, &ours, &theirs, rules);
    let mut notes = Vec::new();
    let grouped = regroup(&docs, &merged);
    let mut text = format!("{head}{}", assemble(&chunks, &grouped, &mut notes));
    if settle == Settle::Markers && !merged.conflicts.is_empty() {
        let other = merge::merge_objects(
            &base,
            &ours,
            &theirs,
            merge::Rules {
                prefer: Prefer::Theirs,
                ..rules
            },
        );
        let mut ignored = Vec::new();
        let other = regroup(&docs, &other);
        text = markers(
            &text,
            &format!("{head}{}", assemble(&chunks, &other, &mut ignored)),
        );
    }
    // Unchanged objects keep their text, so a file nothing changed in
    // comes back byte for byte.
    Ok(FileMerge {
        after: Some(text),
        changes: field_changes(name, &ours, &merged),
        conflicts: field_conflicts(name, &merged),
        notes: notes.into_iter().map(|n| format!("{name}: {n}")).collect(),
        unwritten: unwritten::remaining(unwritten, name, &ours, &theirs, &merged),
    })
}

/// What the merge changes in the user's objects, field by field.
fn field_changes(name: &str, ours: &[Tree], merged: &merge::Objects) -> Vec<FieldChange> {
    let mut raw = Vec::new();
    for (i, obj) in merged.objects.iter().enumerate() {
        let from = merged.from_ours[i].map(|j| &ours[j]);
        merge::changes(
            from,
            Some(obj),
            &merge::label(obj),
            &merge::Path::default(),
            &mut raw,
        );
    }
    for (j, o) in ours.iter().enumerate() {
        if !merged.from_ours.contains(&Some(j)) {
            merge::changes(
                Some(o),
                None,
                &merge::label(o),
                &merge::Path::default(),
                &mut raw,
            );
        }
    }
    raw.into_iter()
        .map(|c| FieldChange {
            file: name.into(),
            object: c.label,
            path: c.path.to_string(),
            from: c.from.as_ref().map_or(Json::Null, Tree::to_json),
            to: c.to.as_ref().map_or(Json::Null, Tree::to_json),
        })
        .collect()
}

fn field_conflicts(name: &str, merged: &merge::Objects) -> Vec<FieldConflict> {
    merged
        .conflicts
        .iter()
        .map(|c| FieldConflict {
            file: name.into(),
            object: c.label.clone(),
            path: c.path.to_string(),
            base: c.base.as_ref().map_or(Json::Null, Tree::to_json),
            ours: c.ours.as_ref().map_or(Json::Null, Tree::to_json),
            theirs: c.theirs.as_ref().map_or(Json::Null, Tree::to_json),
        })
        .collect()
}

/// The merge of a file's objects (a List's items among them, flattened) as
/// one object per document of `docs`: each List holds its merged items, in
/// its order, without the dropped ones; objects the merge adds follow.
fn regroup(docs: &[Tree], merged: &merge::Objects) -> merge::Objects {
    let mut out = merge::Objects {
        objects: Vec::new(),
        from_ours: Vec::new(),
        from_theirs: Vec::new(),
        conflicts: Vec::new(),
    };
    let find = |flat: usize| merged.from_ours.iter().position(|f| *f == Some(flat));
    let mut flat = 0;
    for (d, doc) in docs.iter().enumerate() {
        let object = match merge::list_items(doc) {
            Some(items) => {
                let kept: Vec<Tree> = (flat..flat + items.len())
                    .filter_map(find)
                    .map(|i| merged.objects[i].clone())
                    .collect();
                flat += items.len();
                Some(with_items(doc, kept))
            }
            None => {
                flat += 1;
                find(flat - 1).map(|i| merged.objects[i].clone())
            }
        };
        if let Some(object) = object {
            out.objects.push(object);
            out.from_ours.push(Some(d));
            out.from_theirs.push(None);
        }
    }
    for (i, obj) in merged.objects.iter().enumerate() {
        if merged.from_ours[i].is_none() {
            out.objects.push(obj.clone());
            out.from_ours.push(None);
            out.from_theirs.push(merged.from_theirs[i]);
        }
    }
    out
}

/// A List with `items` in place of its own.
fn with_items(list: &Tree, items: Vec<Tree>) -> Tree {
    let Tree::Map(entries) = list else {
        return list.clone();
    };
    let entries = entries
        .iter()
        .map(|(k, v)| match k.as_str() {
            "items" => (k.clone(), Tree::Seq(items.clone())),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    Tree::Map(entries)
}

/// The user's chunks with the merged objects spliced in, dropped objects
/// cut, and new objects appended.
fn assemble(chunks: &[Chunk], merged: &merge::Objects, notes: &mut Vec<String>) -> String {
    let mut out: Vec<Chunk> = Vec::new();
    let mut index = 0;
    for c in chunks {
        let Some(obj) = &c.object else {
            out.push(c.clone());
            continue;
        };
        let at = merged.from_ours.iter().position(|f| *f == Some(index));
        index += 1;
        if let Some(at) = at {
            let m = &merged.objects[at];
            let text = if m == obj {
                c.text.clone()
            } else {
                let (text, anew) = splice::splice(&c.text, m);
                let lost = splice::lost_comments(&c.text, &text);
                let label = merge::label(m);
                let expanded = splice::has_anchors(&c.text) && !splice::has_anchors(&text);
                if !lost.is_empty() {
                    notes.push(f(
                        Msg::U_COMMENTS_DROPPED,
                        &[("label", &label), ("comments", &lost.join(" | "))],
                    ));
                }
                if expanded {
                    notes.push(f(Msg::U_ANCHORS_EXPANDED, &[("label", &label)]));
                }
                if anew && lost.is_empty() && !expanded {
                    notes.push(f(Msg::U_REWRITTEN, &[("label", &label)]));
                }
                text
            };
            out.push(Chunk {
                text,
                object: Some(m.clone()),
                separator: c.separator.clone(),
            });
        }
    }
    for (i, obj) in merged.objects.iter().enumerate() {
        if merged.from_ours[i].is_none() {
            let nothing_yet = out.iter().all(|c| c.object.is_none());
            out.push(Chunk {
                separator: (!nothing_yet).then(|| "---\n".to_string()),
                text: splice::emit_doc(obj),
                object: Some(obj.clone()),
            });
        }
    }
    splice::join(&out)
}

/// `ours` with every line range that differs from `theirs` shown as a
/// git-style conflict.
fn markers(ours: &str, theirs: &str) -> String {
    let context = ours.lines().count() + theirs.lines().count() + 1;
    let patch = DiffOptions::new()
        .set_context_len(context)
        .create_patch(ours, theirs);
    let Some(hunk) = patch.hunks().first() else {
        return ours.to_string();
    };
    let mut out = String::new();
    let (mut mine, mut other) = (String::new(), String::new());
    let flush = |out: &mut String, mine: &mut String, other: &mut String| {
        if !mine.is_empty() || !other.is_empty() {
            out.push_str("<<<<<<< ours\n");
            out.push_str(&ended(mine));
            out.push_str("=======\n");
            out.push_str(&ended(other));
            out.push_str(">>>>>>> theirs\n");
            mine.clear();
            other.clear();
        }
    };
    for line in hunk.lines() {
        match line {
            Line::Context(l) => {
                flush(&mut out, &mut mine, &mut other);
                out.push_str(l);
            }
            Line::Delete(l) => mine.push_str(l),
            Line::Insert(l) => other.push_str(l),
        }
    }
    flush(&mut out, &mut mine, &mut other);
    out
}

/// Text files (README.md and team extras) merge line by line.
fn merge_text(
    name: &str,
    base: Option<&str>,
    ours: Option<&str>,
    theirs: Option<&str>,
    settle: Settle,
) -> FileMerge {
    if let Some(m) = presence(name, base, ours, theirs, settle, |a, b| a == b) {
        return m;
    }
    let (ours, theirs) = (ours.unwrap_or_default(), theirs.unwrap_or_default());
    // Discarding edits: the text is today's render.
    let base = match settle {
        Settle::Discard => ours,
        _ => base.unwrap_or_default(),
    };
    let mut opts = MergeOptions::new();
    opts.set_conflict_style(ConflictStyle::Diff3)
        .set_incomplete_hunk_style(IncompleteHunkStyle::Git);
    let (after, conflicts) = match opts.merge(base, ours, theirs) {
        Ok(text) => (text, Vec::new()),
        Err(marked) => settle_text(name, &marked, settle),
    };
    let mut changes = Vec::new();
    if after != ours {
        let patch = DiffOptions::new()
            .set_context_len(0)
            .create_patch(ours, &after);
        for h in patch.hunks() {
            let pick = |want_delete: bool| -> String {
                h.lines()
                    .iter()
                    .filter_map(|l| match (l, want_delete) {
                        (Line::Delete(s), true) | (Line::Insert(s), false) => Some(*s),
                        _ => None,
                    })
                    .collect()
            };
            let r = h.old_range();
            changes.push(FieldChange {
                file: name.into(),
                object: String::new(),
                path: match r.len() {
                    0 => format!("after line {}", r.start()),
                    1 => format!("line {}", r.start()),
                    n => format!("lines {}-{}", r.start(), r.start() + n - 1),
                },
                from: lines_or_null(pick(true)),
                to: lines_or_null(pick(false)),
            });
        }
    }
    FileMerge {
        changes,
        conflicts,
        ..FileMerge::plain(Some(after))
    }
}

/// Lines of text, or null for none (a pure insertion or deletion).
fn lines_or_null(text: String) -> Json {
    if text.is_empty() {
        Json::Null
    } else {
        Json::String(text)
    }
}

/// Settles the conflicts of a diff3-marked text: one side, or merge-style
/// markers (ours and theirs, without the base).
fn settle_text(name: &str, marked: &str, settle: Settle) -> (String, Vec<FieldConflict>) {
    #[derive(PartialEq)]
    enum At {
        Text,
        Ours,
        Base,
        Theirs,
    }
    let mut at = At::Text;
    let (mut o, mut b, mut t) = (String::new(), String::new(), String::new());
    let mut out = String::new();
    let mut conflicts = Vec::new();
    let mut line_no = 0;
    for line in marked.split_inclusive('\n') {
        match (&at, line.trim_end()) {
            (At::Text, "<<<<<<< ours") => at = At::Ours,
            (At::Ours, "||||||| original") => at = At::Base,
            (At::Ours | At::Base, "=======") => at = At::Theirs,
            (At::Theirs, ">>>>>>> theirs") => {
                conflicts.push(FieldConflict {
                    file: name.into(),
                    object: String::new(),
                    path: format!("line {}", line_no + 1),
                    base: json!(b),
                    ours: json!(o),
                    theirs: json!(t),
                });
                line_no += o.lines().count();
                match settle {
                    Settle::Prefer(Prefer::Theirs) => out.push_str(&t),
                    Settle::Markers => {
                        out.push_str(&format!(
                            "<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
                            ended(&o),
                            ended(&t)
                        ));
                    }
                    _ => out.push_str(&o),
                }
                o.clear();
                b.clear();
                t.clear();
                at = At::Text;
            }
            (At::Text, _) => {
                line_no += 1;
                out.push_str(line);
            }
            (At::Ours, _) => o.push_str(line),
            (At::Base, _) => b.push_str(line),
            (At::Theirs, _) => t.push_str(line),
        }
    }
    (out, conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_written_anew_is_named_in_a_note() {
        // The only key of a flow mapping cannot be cut in place: the
        // document is written anew in block style, and the note says so.
        let m = merge_file(
            "x.yaml",
            Some("a: 1\n"),
            Some("{a: 1}\n"),
            Some("b: 2\n"),
            Settle::Refuse,
            &[],
        )
        .unwrap();
        assert_eq!(m.after.as_deref(), Some("b: 2\n"));
        assert_eq!(m.notes.len(), 1, "{:?}", m.notes);
        assert!(
            m.notes[0].contains("written anew in block style"),
            "{:?}",
            m.notes
        );
    }

    #[test]
    fn markers_wrap_only_the_lines_that_differ() {
        let m = markers("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(m, "a\n<<<<<<< ours\nb\n=======\nB\n>>>>>>> theirs\nc\n");
        assert_eq!(markers("same\n", "same\n"), "same\n");
    }

    #[test]
    fn text_conflicts_are_settled_either_way_or_marked() {
        let (b, o, t) = ("a\nx\nz\n", "a\ny\nz\n", "a\nw\nz\n");
        let m = merge_text("README.md", Some(b), Some(o), Some(t), Settle::Refuse);
        assert_eq!(m.after.as_deref(), Some(o));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].path, "line 2");
        assert_eq!(m.conflicts[0].base, json!("x\n"));
        let m = merge_text(
            "README.md",
            Some(b),
            Some(o),
            Some(t),
            Settle::Prefer(Prefer::Theirs),
        );
        assert_eq!(m.after.as_deref(), Some(t));
        let m = merge_text("README.md", Some(b), Some(o), Some(t), Settle::Markers);
        assert_eq!(
            m.after.as_deref(),
            Some("a\n<<<<<<< ours\ny\n=======\nw\n>>>>>>> theirs\nz\n")
        );
        let m = merge_text(
            "README.md",
            Some(b),
            Some("a\nx\nz\nmine\n"),
            Some("A\nx\nz\n"),
            Settle::Refuse,
        );
        assert_eq!(m.after.as_deref(), Some("A\nx\nz\nmine\n"));
        assert!(m.conflicts.is_empty());
    }
}
