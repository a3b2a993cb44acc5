//! Planning one folder's update: today's render of its recorded answers,
//! the recorded base and the files as they are, merged file by file.

use std::path::Path;

use crate::answers::fields::key;
use crate::answers::fill_defaults;
use crate::answers::layers::{Layers, Source};
use crate::answers::sources::{self, Inputs};
use crate::error::Error;
use crate::render::record::{self, ANSWERS_FILE, BASE_FILE};
use crate::render::templates::OUTPUTS;

use super::merging::merge_file;
use super::model::{FileState, Held, Plan, Settle};
use super::moves::follow_moves;
use super::snapshot::Snapshot;
use super::trees;
use super::unwritten;

/// The error for a path that holds no folder jobgen made.
pub fn not_generated(path: &Path) -> Error {
    Error::NotGenerated {
        path: path.to_path_buf(),
        marker: ANSWERS_FILE,
    }
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
    let (answers, theirs) = crate::render::folder(&layers, dir)?;
    // Today's render that does not parse is the template's fault.
    crate::render::refuse_invalid_yaml(&theirs, &answers)?;
    let (base, no_base) = load_base(dir, &folder, inputs, parent, &recorded)?;
    let (mut base, mut theirs) = (base, theirs);
    follow_moves(&folder, &mut base, &mut theirs);
    let names = file_names(&base, &theirs, &folder);
    let never = match settle {
        Settle::Discard => Vec::new(),
        _ => unwritten::read(&folder.text(ANSWERS_FILE)?.unwrap_or_default()),
    };
    let mut still_never = Vec::new();
    let mut plan = empty_plan(dir, &folder, &layers, no_base)?;
    plan.notes = flag_warnings(inputs, &answers);
    plan.held = held(
        &layers,
        &sources::layers(&inputs.config_only(), parent, None)?,
    );
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
        let merged = merge_file(
            &name,
            b.as_deref(),
            o.as_deref(),
            t.as_deref(),
            settle,
            &never,
        );
        let file = merged.map_err(|e| match e {
            Error::Unreadable { path, why } => Error::Unreadable {
                path: dir.join(path),
                why,
            },
            e => e,
        })?;
        plan.changes.extend(file.changes);
        plan.conflicts.extend(file.conflicts);
        plan.notes.extend(file.notes);
        still_never.extend(file.unwritten);
        let after = match unversioned {
            true if file.after == o => ours.clone(),
            _ => file.after,
        };
        if b_given && t_missing && ours.is_some() && after.is_some() {
            plan.kept.push(name.clone());
        }
        plan.files.push((name, ours, after));
    }
    plan.notes
        .extend(super::immutable::notes(&plan.changes, answers.gitops));
    plan.files.extend(records(&folder, &theirs, &still_never)?);
    Ok(plan)
}

/// A plan with no file yet: what the folder's answers say beside its files
/// (team answers no question declares now, the templates version).
fn empty_plan(
    dir: &Path,
    folder: &Snapshot,
    layers: &Layers,
    no_base: bool,
) -> Result<Plan, Error> {
    let made = made_from(&folder.text(ANSWERS_FILE)?.unwrap_or_default());
    Ok(Plan {
        dir: dir.to_path_buf(),
        files: Vec::new(),
        changes: Vec::new(),
        conflicts: Vec::new(),
        no_base,
        kept: Vec::new(),
        notes: Vec::new(),
        held: Vec::new(),
        retired: layers.retired().keys().cloned().collect(),
        templates: templates_moved(made.as_ref(), layers),
        made_from: made.map(|(_, label)| label),
    })
}

/// The templates repository version the folder's recorded answers say it
/// was made from: its commit, and the version as people read it.
fn made_from(recorded: &str) -> Option<(String, String)> {
    let root: serde_json::Value = serde_json::from_str(recorded).ok()?;
    let text = |k: crate::answers::fields::Key| root.get(k.as_str()).and_then(|t| t.as_str());
    let commit = text(key::TEMPLATES_COMMIT)?;
    let reference = text(key::TEMPLATES)
        .and_then(crate::render::repo::Repo::parse)
        .and_then(|r| r.reference);
    let label = crate::render::repo::version(reference.as_deref(), commit);
    Some((commit.to_string(), label))
}

/// The version the folder was made from and the one `layers` resolved,
/// when they differ (a folder made from a repository, or moved to one).
fn templates_moved(made: Option<&(String, String)>, layers: &Layers) -> Option<(String, String)> {
    let now = layers.repo()?;
    match made {
        Some((commit, _)) if *commit == now.commit => None,
        Some((_, label)) => Some((label.clone(), now.version())),
        None => Some((
            crate::i18n::t(crate::i18n::Msg::U_NO_REPO).to_string(),
            now.version(),
        )),
    }
}

/// A flag that is valid but does nothing here (`--ttl` for a cron job),
/// as notes on the recorded answers.
fn flag_warnings(inputs: &Inputs, answers: &crate::answers::Answers) -> Vec<String> {
    crate::answers::warnings(&inputs.flags, answers)
        .into_iter()
        .map(|w| format!("{ANSWERS_FILE}: {w}"))
        .collect()
}

/// jobgen's own records, as they are and as the update writes them: the
/// answers (with what the folder still never had) and the base.
fn records(
    folder: &Snapshot,
    theirs: &[crate::render::RenderedFile],
    never: &[unwritten::Unwritten],
) -> Result<Vec<FileState>, Error> {
    let mut out = Vec::new();
    for special in [ANSWERS_FILE, BASE_FILE] {
        let now = folder.text(special)?;
        let next = theirs
            .iter()
            .find(|f| f.name == special)
            .map(|f| match special {
                ANSWERS_FILE => unwritten::record(&f.contents, never),
                _ => f.contents.clone(),
            });
        out.push((special.to_string(), now, next));
    }
    Ok(out)
}

/// The files a plan looks at, each once: the base's, today's render's and
/// the built-in outputs the folder has (jobgen's own records aside).
fn file_names(
    base: &[(String, String)],
    theirs: &[crate::render::RenderedFile],
    folder: &Snapshot,
) -> Vec<String> {
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
    names
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

/// The identity answers the job keeps (`fields::IDENTITY`) where the
/// config and conventions alone (`config`) would now give another value:
/// a namespace or env a team config added or changed after the job was
/// written. Only those two can come from config; a flag moves the job.
fn held(layers: &Layers, config: &Layers) -> Vec<Held> {
    let mut kept = layers.clone();
    fill_defaults(&mut kept);
    let mut fresh = config.clone();
    for k in [key::NAME, key::PATTERN, key::PURPOSE, key::TARGET] {
        if let Some(g) = kept.get(k) {
            fresh.set(k, g.value.clone(), g.source.clone());
        }
    }
    fill_defaults(&mut fresh);
    [key::NAMESPACE, key::ENV]
        .into_iter()
        .filter(|k| layers.source(*k) != Some(&Source::Flag))
        .filter_map(|k| {
            let (now, config) = (kept.text(k)?, fresh.text(k)?);
            (now != config).then(|| Held {
                answer: k.as_str().to_string(),
                kept: now.to_string(),
                config: config.to_string(),
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
