//! `jobgen update` and `jobgen check`: bring generated folders up to date
//! with today's templates (and changed answers) without losing edits.
//!
//! For each file: base = what the recorded answers rendered when the folder
//! was made (`.jobgen-base`), ours = the file as it is, theirs = today's
//! render. YAML merges per object and field (`merge`) and is written back
//! into the user's text (`splice`); other files (README.md) merge as text.

pub mod merge;
pub mod snapshot;
pub mod splice;
pub mod trees;

use crate::i18n::{f, t};
use std::path::{Path, PathBuf};

use diffy::{ConflictStyle, DiffOptions, IncompleteHunkStyle, Line, MergeOptions};
use serde_json::{Value as Json, json};

use crate::answers::sources::{self, Inputs};
use crate::error::Error;
use crate::render::RenderedFile;
use crate::render::record::{self, ANSWERS_FILE, BASE_FILE};
use crate::render::templates::OUTPUTS;
use merge::{Prefer, Tree};
use snapshot::Snapshot;
use splice::Chunk;
use trees::objects;

/// How to settle conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settle {
    /// Report them and write nothing.
    Refuse,
    /// Write git-style conflict markers.
    Markers,
    /// Take one side.
    Prefer(Prefer),
}

/// One field (or text hunk) an update changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub file: String,
    /// `Kind/name`, or empty for text files.
    pub object: String,
    pub path: String,
    pub from: Json,
    pub to: Json,
}

/// Both the user and the template changed a field differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConflict {
    pub file: String,
    pub object: String,
    pub path: String,
    pub base: Json,
    pub ours: Json,
    pub theirs: Json,
}

/// What an update does to one folder.
#[derive(Debug)]
pub struct Plan {
    pub dir: PathBuf,
    /// Every file as it is now and as the update leaves it (None: absent).
    pub files: Vec<(String, Option<String>, Option<String>)>,
    pub changes: Vec<FieldChange>,
    pub conflicts: Vec<FieldConflict>,
    /// The folder has no recorded base: today's render of its recorded
    /// answers stood in for it.
    pub no_base: bool,
    /// Files jobgen no longer generates that stay because they were edited.
    pub kept: Vec<String>,
    /// What the merge could not keep of the user's text.
    pub notes: Vec<String>,
}

impl Plan {
    /// True when writing would change a file.
    pub fn changes_files(&self) -> bool {
        self.files.iter().any(|(_, before, after)| before != after)
    }

    /// The files to write: everything present after the update.
    pub fn outputs(&self) -> Vec<RenderedFile> {
        self.files
            .iter()
            .filter_map(|(name, _, after)| {
                after.as_ref().map(|c| RenderedFile {
                    name: name.clone(),
                    contents: c.clone(),
                })
            })
            .collect()
    }

    /// Files present now that the update removes.
    pub fn removed(&self) -> Vec<String> {
        self.files
            .iter()
            .filter(|(_, before, after)| before.is_some() && after.is_none())
            .map(|(name, _, _)| name.clone())
            .collect()
    }

    /// A unified diff of every changed file but the recorded base.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for (name, before, after) in &self.files {
            if before == after || name == BASE_FILE {
                continue;
            }
            let path = self.dir.join(name).display().to_string();
            let patch = DiffOptions::new()
                .set_original_filename(format!("a/{path}"))
                .set_modified_filename(format!("b/{path}"))
                .create_patch(
                    before.as_deref().unwrap_or(""),
                    after.as_deref().unwrap_or(""),
                );
            out.push_str(&patch.to_string());
        }
        out
    }
}

/// The error for a path that holds no folder jobgen made.
pub fn not_generated(path: &Path) -> Error {
    Error::NotGenerated {
        path: path.to_path_buf(),
        marker: ANSWERS_FILE,
    }
}

/// Every folder under `paths` holding recorded answers, in order; a path
/// that is not such a folder and holds none is an error in its place (the
/// other paths are still searched).
pub fn folders(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, Error)>> {
    let mut out = Vec::new();
    for p in paths {
        let not_generated = || Err((p.clone(), not_generated(p)));
        if !p.is_dir() {
            out.push(not_generated());
            continue;
        }
        match crate::lint::folders_holding(p, ANSWERS_FILE) {
            Ok(found) if found.is_empty() => out.push(not_generated()),
            Ok(found) => out.extend(found.into_iter().map(Ok)),
            Err(e) => out.push(Err((p.clone(), e))),
        }
    }
    // The same folder named twice (`. a-db`) is worked on once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|r| match r {
        Ok(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        Err(_) => true,
    });
    out
}

/// Plans the update of the job folder `dir` with `inputs` (changed answers;
/// empty for a plain update or a check). `unversioned` ignores the jobgen
/// version in provenance lines, as `check` does.
pub fn plan(dir: &Path, inputs: &Inputs, settle: Settle, unversioned: bool) -> Result<Plan, Error> {
    let recorded = dir.join(ANSWERS_FILE);
    if !recorded.is_file() {
        return Err(not_generated(dir));
    }
    let folder = Snapshot::read(dir)?;
    refuse_markers(dir, &folder)?;
    trees::forget();
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let layers = sources::layers(inputs, parent, Some(&recorded))?;
    let (_, theirs) = crate::render::folder(&layers, dir)?;
    let (base, no_base) = load_base(dir, &folder, inputs, parent, &recorded)?;
    let (mut base, mut theirs) = (base, theirs);
    follow_moves(&folder, &mut base, &mut theirs);
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if n != ANSWERS_FILE && n != BASE_FILE && !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    };
    base.iter().for_each(|(n, _)| add(n));
    theirs.iter().for_each(|f| add(&f.name));
    OUTPUTS
        .iter()
        .filter(|o| folder.has_file(o.file))
        .for_each(|o| add(o.file));

    let mut plan = Plan {
        dir: dir.to_path_buf(),
        files: Vec::new(),
        changes: Vec::new(),
        conflicts: Vec::new(),
        no_base,
        kept: Vec::new(),
        notes: Vec::new(),
    };
    for name in names {
        let ours = folder.text(&name)?;
        let b = base
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c.clone());
        let t = theirs
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.contents.clone());
        // Today's render is the user's file byte for byte (an unedited
        // file): nothing to merge, and no provenance lines to strip first.
        if ours.is_some() && ours == t {
            plan.files.push((name, ours.clone(), ours));
            continue;
        }
        let (b_given, t_missing) = (b.is_some(), t.is_none());
        let (b, o, t) = match unversioned {
            true => (
                b.map(strip_version),
                ours.clone().map(strip_version),
                t.map(strip_version),
            ),
            false => (b, ours.clone(), t),
        };
        // A file that does not parse is named with its folder: one of many.
        let file = merge_file(&name, b.as_deref(), o.as_deref(), t.as_deref(), settle).map_err(
            |e| match e {
                Error::Unreadable { path, why } => Error::Unreadable {
                    path: dir.join(path),
                    why,
                },
                e => e,
            },
        )?;
        plan.changes.extend(file.changes);
        plan.conflicts.extend(file.conflicts);
        plan.notes.extend(file.notes);
        let after = match unversioned {
            true if file.after == o => ours.clone(),
            _ => file.after,
        };
        if b_given && t_missing && ours.is_some() && after.is_some() {
            plan.kept.push(name.clone());
        }
        plan.files.push((name, ours, after));
    }
    for special in [ANSWERS_FILE, BASE_FILE] {
        let now = folder.text(special)?;
        let next = theirs
            .iter()
            .find(|f| f.name == special)
            .map(|f| f.contents.clone());
        plan.files.push((special.to_string(), now, next));
    }
    Ok(plan)
}

/// The folder's recorded base, or, for a folder made before jobgen recorded
/// one, today's render of its recorded answers (true: no base recorded).
fn load_base(
    dir: &Path,
    folder: &Snapshot,
    inputs: &Inputs,
    parent: &Path,
    recorded: &Path,
) -> Result<(Vec<(String, String)>, bool), Error> {
    match folder.text(BASE_FILE)? {
        Some(text) => Ok((read_base(&dir.join(BASE_FILE), &text)?, false)),
        None => {
            let layers = sources::layers(&inputs.config_only(), parent, Some(recorded))?;
            let (_, files) = crate::render::folder(&layers, dir)?;
            let files = files
                .into_iter()
                .filter(|f| f.name != ANSWERS_FILE && f.name != BASE_FILE)
                .map(|f| (f.name, f.contents))
                .collect();
            Ok((files, true))
        }
    }
}

/// Objects the user moved into another YAML file of the folder (a renamed
/// or split file): their base and template versions move with them, so
/// they merge where the user keeps them instead of coming back as a second
/// copy. Objects are matched by identity (API group, kind, name).
fn follow_moves(
    folder: &Snapshot,
    base: &mut Vec<(String, String)>,
    theirs: &mut Vec<RenderedFile>,
) {
    let users = user_yaml(folder);
    if !nothing_moves(&users, base, theirs) {
        move_to_homes(&users, base, theirs, true);
    }
}

/// The user's YAML files: name and text.
fn user_yaml(folder: &Snapshot) -> Vec<(&str, &str)> {
    folder
        .texts()
        .filter_map(|(name, text)| Some((name.to_str().filter(|n| is_yaml(n))?, text)))
        .collect()
}

/// True when the user has a file `name` whose text is `text`'s past their
/// leading comment lines: the same text holds the same objects, each of
/// them where the user keeps it.
fn at_home(users: &[(&str, &str)], name: &str, text: &str) -> bool {
    users
        .iter()
        .any(|(n, t)| *n == name && trees::body(t) == trees::body(text))
}

/// `follow_moves` the long way. Each object stays when the user's file of
/// its own file's name holds it (only that file is parsed); only an object
/// that is not there has every file parsed to find where it went. With
/// `skip_at_home`, files `at_home` are not even parsed (the tests compare
/// it with parsing them).
fn move_to_homes(
    users: &[(&str, &str)],
    base: &mut Vec<(String, String)>,
    theirs: &mut Vec<RenderedFile>,
    skip_at_home: bool,
) {
    // Where each object is in the user's files, and the objects of the
    // base: worked out the first time an object is not at home.
    let everywhere = std::cell::OnceCell::new();
    let everywhere = || {
        everywhere.get_or_init(|| {
            let mut home: Vec<(merge::Identity, &str)> = Vec::new();
            for (name, text) in users {
                if let Ok(objs) = objects(text) {
                    home.extend(objs.iter().map(|o| (merge::identity(o), *name)));
                }
            }
            let mut in_base: Vec<merge::Identity> = Vec::new();
            for (_, text) in base.iter().filter(|(n, _)| is_yaml(n)) {
                if let Ok(objs) = objects(header(text).1) {
                    in_base.extend(objs.iter().map(merge::identity));
                }
            }
            (home, in_base)
        })
    };
    let home_of = |id: &merge::Identity, from: &str| -> Option<String> {
        let stays = users
            .iter()
            .find(|(n, _)| *n == from)
            .and_then(|(_, text)| objects(text).ok())
            .is_some_and(|objs| objs.iter().any(|o| merge::identity(o) == *id));
        if stays {
            return None;
        }
        let (home, in_base) = everywhere();
        if let Some((_, f)) = home.iter().find(|(i, _)| i == id) {
            return Some(f.to_string());
        }
        // Renamed: the one object of its kind the user has under a name the
        // base does not know (an adopted folder's ServiceAccount).
        let renamed: Vec<&(merge::Identity, &str)> = home
            .iter()
            .filter(|(i, _)| i.0 == id.0 && i.1 == id.1 && !in_base.contains(i))
            .collect();
        match renamed.as_slice() {
            [(_, f)] if *f != from => Some(f.to_string()),
            _ => None,
        }
    };
    let skip = |name: &str, text: &str| skip_at_home && at_home(users, name, text);
    let mut side: Vec<(String, String)> = base.clone();
    move_objects(&mut side, &home_of, &skip);
    let mut other: Vec<(String, String)> = theirs
        .iter()
        .map(|f| (f.name.clone(), f.contents.clone()))
        .collect();
    move_objects(&mut other, &home_of, &skip);
    *base = side;
    *theirs = other
        .into_iter()
        .map(|(name, contents)| RenderedFile { name, contents })
        .collect();
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// True when no object can have moved: every YAML file of the base and of
/// today's render is `at_home` (an unedited folder: most folders `check`
/// meets). Comparing the texts costs nothing next to parsing them.
fn nothing_moves(
    users: &[(&str, &str)],
    base: &[(String, String)],
    theirs: &[RenderedFile],
) -> bool {
    let sides = base.iter().map(|(n, t)| (n.as_str(), t.as_str()));
    let theirs = theirs
        .iter()
        .map(|f| (f.name.as_str(), f.contents.as_str()));
    sides
        .chain(theirs)
        .filter(|(name, _)| is_yaml(name))
        .all(|(name, text)| at_home(users, name, text))
}

/// Moves each YAML document of `files` whose object lives in another file
/// (`home_of`) to the end of that file's text (added if missing).
fn move_objects(
    files: &mut Vec<(String, String)>,
    home_of: &dyn Fn(&merge::Identity, &str) -> Option<String>,
    skip: &dyn Fn(&str, &str) -> bool,
) {
    let mut moved: Vec<(String, String)> = Vec::new();
    for (name, text) in files.iter_mut() {
        if !is_yaml(name) || skip(name, text) {
            continue;
        }
        let (head, body) = header(text);
        // The objects only looked at: shared with the memo, not copied.
        let chunks = splice::split(body);
        let Ok(objects) = chunks
            .iter()
            .map(|c| splice::object(&c.text))
            .collect::<Result<Vec<_>, _>>()
        else {
            continue;
        };
        let mut kept = Vec::new();
        let mut changed = false;
        for (c, object) in chunks.into_iter().zip(objects) {
            match object
                .first()
                .and_then(|o| home_of(&merge::identity(o), name))
            {
                Some(to) => {
                    moved.push((to, c.text.clone()));
                    changed = true;
                }
                None => kept.push(c),
            }
        }
        if changed {
            if let Some(first) = kept.first_mut() {
                first.separator = None;
            }
            *text = format!("{head}{}", splice::join(&kept));
        }
    }
    for (to, doc) in moved {
        match files.iter_mut().find(|(n, _)| *n == to) {
            Some((_, text)) => {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str("---\n");
                text.push_str(&doc);
            }
            None => files.push((to, doc)),
        }
    }
}

/// The recorded base; every name in it must be a plain file name of the
/// folder (a damaged or tampered base could name `../x` or `/etc/x`).
fn read_base(path: &Path, text: &str) -> Result<Vec<(String, String)>, Error> {
    let base = record::read_base(text).ok_or_else(|| Error::Unreadable {
        path: path.to_path_buf(),
        why: "is not the JSON map of file names to contents jobgen writes".into(),
    })?;
    if let Some((bad, _)) = base.iter().find(|(n, _)| !record::plain_file_name(n)) {
        return Err(Error::Unreadable {
            path: path.to_path_buf(),
            why: format!(
                "is damaged: it names {bad:?}, which is not a file of this folder. Restore it from version control, or delete it (update then takes today's render of the recorded answers as the base)"
            ),
        });
    }
    Ok(base)
}

/// Refuses a folder with a conflict marker left in any of its files.
fn refuse_markers(dir: &Path, folder: &Snapshot) -> Result<(), Error> {
    for (name, text) in folder.texts() {
        if let Some(line) = crate::conflict::first_marker(text) {
            return Err(Error::Unreadable {
                path: dir.join(name),
                why: format!(
                    "has a conflict marker at line {line}: resolve the conflict markers in {} first",
                    name.to_string_lossy()
                ),
            });
        }
    }
    Ok(())
}

/// The provenance lines without the jobgen version, so a new release alone
/// is not a change.
fn strip_version(text: String) -> String {
    let marker = record::PROVENANCE;
    if !text.contains(marker) {
        return text;
    }
    // From each marker to the line's first `;` goes (to its end, newline
    // included, when it has none); the rest is copied as it is.
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(marker) {
        let (kept, after) = rest.split_at(i + marker.len());
        let line = after.find('\n').map_or(after.len(), |j| j + 1);
        out.push_str(kept);
        out.push_str(after[..line].find(';').map_or("", |j| &after[j..line]));
        rest = &after[line..];
    }
    out.push_str(rest);
    out
}

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
}

/// Merges one file of the folder: YAML (`.yaml`, `.yml`) per object and
/// field, anything else line by line. None is an absent file.
pub fn merge_file(
    name: &str,
    base: Option<&str>,
    ours: Option<&str>,
    theirs: Option<&str>,
    settle: Settle,
) -> Result<FileMerge, Error> {
    // Today's render is the user's file: nothing to merge, whatever the base.
    if let (Some(o), Some(t)) = (ours, theirs)
        && o == t
    {
        return Ok(FileMerge {
            after: Some(o.to_string()),
            changes: Vec::new(),
            conflicts: Vec::new(),
            notes: Vec::new(),
        });
    }
    // A file the user keeps with CRLF line endings is merged as LF and
    // written back with CRLF, so lines the update adds end like the rest.
    if let Some(o) = ours.filter(|o| mostly_crlf(o)) {
        let lf = o.replace("\r\n", "\n");
        let mut m = merge_file(name, base, Some(&lf), theirs, settle)?;
        m.after = m.after.map(|a| match a == lf {
            true => o.to_string(),
            false => a.replace('\n', "\r\n"),
        });
        return Ok(m);
    }
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        merge_yaml(name, base, ours, theirs, settle)
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
        let mut m = FileMerge {
            after: after.map(str::to_string),
            changes: Vec::new(),
            conflicts: Vec::new(),
            notes: Vec::new(),
        };
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
fn header(text: &str) -> (&str, &str) {
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
) -> Result<FileMerge, Error> {
    let unparsable = |which: &str, e: crate::yaml::ParseError| Error::Unreadable {
        path: PathBuf::from(name),
        why: format!(
            "{which} is not valid YAML at line {}, column {}: {} (resolve any conflict markers first)",
            e.line, e.column, e.message
        ),
    };
    let same = |a: &str, b: &str| matches!((objects(a), objects(b)), (Ok(x), Ok(y)) if x == y);
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
    let ours: Vec<Tree> = chunks.iter().filter_map(|c| c.object.clone()).collect();
    let prefer = match settle {
        Settle::Prefer(p) => p,
        _ => Prefer::Ours,
    };
    let merged = merge::merge_objects(&base, &ours, &theirs, prefer);
    let mut notes = Vec::new();
    let mut text = format!("{head}{}", assemble(&chunks, &merged, &mut notes));
    if settle == Settle::Markers && !merged.conflicts.is_empty() {
        let other = merge::merge_objects(&base, &ours, &theirs, Prefer::Theirs);
        let mut ignored = Vec::new();
        text = markers(
            &text,
            &format!("{head}{}", assemble(&chunks, &other, &mut ignored)),
        );
    }
    let mut changes = Vec::new();
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
    changes.extend(raw.into_iter().map(|c| FieldChange {
        file: name.into(),
        object: c.label,
        path: c.path.to_string(),
        from: c.from.as_ref().map_or(Json::Null, Tree::to_json),
        to: c.to.as_ref().map_or(Json::Null, Tree::to_json),
    }));
    let conflicts = merged
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
        .collect();
    // Unchanged objects keep their text, so a file nothing changed in
    // comes back byte for byte.
    let after = text;
    Ok(FileMerge {
        after: Some(after),
        changes,
        conflicts,
        notes: notes.into_iter().map(|n| format!("{name}: {n}")).collect(),
    })
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
                let text = splice::splice(&c.text, m);
                let lost = splice::lost_comments(&c.text, &text);
                let label = merge::label(m);
                if !lost.is_empty() {
                    notes.push(f(
                        "u.comments_dropped",
                        &[("label", &label), ("comments", &lost.join(" | "))],
                    ));
                }
                if splice::has_anchors(&c.text) && !splice::has_anchors(&text) {
                    notes.push(f("u.anchors_expanded", &[("label", &label)]));
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
    let base = base.unwrap_or_default();
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
        after: Some(after),
        changes,
        conflicts,
        notes: Vec::new(),
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

/// The one-line rendering of a JSON value in reports.
pub fn shown(v: &Json) -> String {
    match v {
        Json::Null => "(absent)".into(),
        Json::String(s) if !s.contains('\n') => s.clone(),
        other => other.to_string(),
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
            t("u.conflict"),
            plan.dir.join(&c.file).display(),
            c.path,
            shown(&c.base),
            shown(&c.ours),
            shown(&c.theirs)
        ));
    }
    s
}

/// The files kept although jobgen no longer makes them, and what the merge
/// could not keep of the user's text, for people.
pub fn kept_text(plan: &Plan) -> String {
    let mut s: String = plan
        .kept
        .iter()
        .map(|name| {
            format!(
                "{}\n",
                f(
                    "u.kept",
                    &[("folder", &plan.dir.display().to_string()), ("name", name)]
                )
            )
        })
        .collect();
    for n in &plan.notes {
        s.push_str(&format!("{} {}/{n}\n", t("u.note"), plan.dir.display()));
    }
    s
}

/// The changes, for people.
pub fn changes_text(plan: &Plan) -> String {
    let mut s = String::new();
    for c in &plan.changes {
        let object = object_part(&c.object);
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
    let status = if p.changes.is_empty() && p.conflicts.is_empty() {
        "current"
    } else {
        "outdated"
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_wrap_only_the_lines_that_differ() {
        let m = markers("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(m, "a\n<<<<<<< ours\nb\n=======\nB\n>>>>>>> theirs\nc\n");
        assert_eq!(markers("same\n", "same\n"), "same\n");
    }

    /// The short cut of `follow_moves` is taken exactly where the long way
    /// moves nothing.
    #[test]
    fn nothing_moves_when_every_file_is_the_users_own() {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n";
        let policy =
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: a\n";
        let map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
        let headed =
            |v: &str, body: &str| format!("# Generated by jobgen {v}; to regenerate\n{body}");
        let base = vec![
            ("job.yaml".to_string(), headed("1", job)),
            ("network-policy.yaml".to_string(), headed("1", policy)),
            ("README.md".to_string(), "# a\n".to_string()),
        ];
        let theirs: Vec<RenderedFile> = [("job.yaml", job), ("network-policy.yaml", policy)]
            .into_iter()
            .map(|(name, body)| RenderedFile {
                name: name.into(),
                contents: headed("2", body),
            })
            .collect();
        let moved_policy = format!("{job}---\n{policy}");
        let edited_map = map.replace("name: a", "name: b");
        let old_header = headed("0", job);
        let edited_job = job.replace("a\n", "b\n");
        let renamed_policy = policy.replace("name: a", "name: b");
        // (user's files, short cut taken, an object moves)
        type Case<'a> = (Vec<(&'a str, &'a str)>, bool, bool);
        let cases: Vec<Case> = vec![
            (
                vec![("job.yaml", job), ("network-policy.yaml", policy)],
                true,
                false,
            ),
            // Another header, an extra file of the user's, another README.
            (
                vec![
                    ("job.yaml", &old_header),
                    ("network-policy.yaml", policy),
                    ("extra.yaml", &edited_map),
                    ("README.md", "mine\n"),
                ],
                true,
                false,
            ),
            // The policy moved into job.yaml: the long way follows it.
            (vec![("job.yaml", &moved_policy)], false, true),
            (
                vec![("job.yaml", &moved_policy), ("network-policy.yaml", "")],
                false,
                true,
            ),
            // An edit, or a file the user deleted: the long way decides.
            (
                vec![("job.yaml", &edited_job), ("network-policy.yaml", policy)],
                false,
                false,
            ),
            (vec![("job.yaml", job)], false, false),
            // An edit, and the policy in a file of another name: found
            // only by looking through every file.
            (
                vec![("job.yaml", &edited_job), ("np.yaml", policy)],
                false,
                true,
            ),
            // Renamed: the one policy the user has, under another name.
            (
                vec![("job.yaml", job), ("np.yaml", &renamed_policy)],
                false,
                true,
            ),
        ];
        for (files, short, moves) in cases {
            let dir = assert_fs::TempDir::new().unwrap();
            for (name, text) in &files {
                std::fs::write(dir.path().join(name), text).unwrap();
            }
            let folder = Snapshot::read(dir.path()).unwrap();
            let users = user_yaml(&folder);
            assert_eq!(nothing_moves(&users, &base, &theirs), short, "{files:?}");
            // Every file parsed, and files at home skipped: the same moves.
            let (mut b, mut t) = (base.clone(), theirs.clone());
            move_to_homes(&users, &mut b, &mut t, false);
            let (mut quick_b, mut quick_t) = (base.clone(), theirs.clone());
            move_to_homes(&users, &mut quick_b, &mut quick_t, true);
            assert_eq!((&quick_b, &quick_t), (&b, &t), "{files:?}");
            let moved = b != base || t != theirs;
            assert_eq!(moved, moves, "{files:?}");
            // Where the short cut is taken the long way changes nothing.
            assert!(!(short && moved), "{files:?}");
        }
    }

    #[test]
    fn versions_in_provenance_lines_are_ignored_on_request() {
        assert_eq!(
            strip_version("# Generated by jobgen 0.1.0; to regenerate x\nkind: Job\n".into()),
            "# Generated by jobgen ; to regenerate x\nkind: Job\n"
        );
        for (text, stripped) in [
            (
                "a\n# Generated by jobgen 9; x\nb\n",
                "a\n# Generated by jobgen ; x\nb\n",
            ),
            (
                "# Generated by jobgen 9 no semicolon\nb\n",
                "# Generated by jobgen b\n",
            ),
            (
                "# Generated by jobgen 9; a; Generated by jobgen 8; b",
                "# Generated by jobgen ; a; Generated by jobgen 8; b",
            ),
            (
                "x: 1 # Generated by jobgen 2; y\n# Generated by jobgen 3; z",
                "x: 1 # Generated by jobgen ; y\n# Generated by jobgen ; z",
            ),
            ("no marker\n", "no marker\n"),
        ] {
            assert_eq!(strip_version(text.into()), stripped, "{text:?}");
        }
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
