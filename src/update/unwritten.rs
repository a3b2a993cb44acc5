//! What an adopted folder never had. `adopt` records, in `.jobgen-answers`
//! under `jobgen-unwritten`, each field and object jobgen renders that the
//! hand-written folder did not have (`job.yaml: Job/x spec.backoffLimit`).
//! `update` keeps them absent while the team's templates and defaults
//! render them as before; once the team changes one, a field follows the
//! team (it is written, with no conflict: the user never wrote it), and an
//! object stays absent. A field the user deletes later is not on the list,
//! so deleting it stays the user's edit.

use serde_json::Value as Json;

use super::merge::{self, Objects, Tree};

/// The key of `.jobgen-answers` holding the list.
pub const KEY: &str = "jobgen-unwritten";

/// One field or object (path `(whole object)`) of one file the folder never had.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unwritten {
    pub file: String,
    /// `Kind/name` of the folder's object (jobgen's, for a whole object).
    pub object: String,
    /// The field path as reports print it.
    pub path: String,
}

impl std::fmt::Display for Unwritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} {}", self.file, self.object, self.path)
    }
}

impl Unwritten {
    /// Reads the form `Display` writes; None for anything else.
    pub fn parse(s: &str) -> Option<Unwritten> {
        let (file, rest) = s.split_once(": ")?;
        let (object, path) = rest.split_once(' ')?;
        Some(Unwritten {
            file: file.into(),
            object: object.into(),
            path: path.into(),
        })
    }

    pub fn whole_object(&self) -> bool {
        self.path == merge::Path::default().to_string()
    }
}

/// The paths of `object` in `file` the folder never had.
fn paths_of(list: &[Unwritten], file: &str, object: &str) -> Vec<String> {
    list.iter()
        .filter(|u| u.file == file && u.object == object)
        .map(|u| u.path.clone())
        .collect()
}

/// What of `list` is in `file`, as the merge takes it: object and path.
pub fn in_file(list: &[Unwritten], file: &str) -> Vec<(String, String)> {
    list.iter()
        .filter(|u| u.file == file)
        .map(|u| (u.object.clone(), u.path.clone()))
        .collect()
}

/// The list recorded in a `.jobgen-answers` text (empty when there is none,
/// or the text is not the JSON jobgen writes).
pub fn read(answers: &str) -> Vec<Unwritten> {
    let Ok(Json::Object(root)) = serde_json::from_str::<Json>(answers) else {
        return Vec::new();
    };
    let Some(Json::Array(items)) = root.get(KEY) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(Json::as_str)
        .filter_map(Unwritten::parse)
        .collect()
}

/// `answers` (jobgen's JSON) with `list` recorded, sorted; no key when the
/// list is empty.
pub fn record(answers: &str, list: &[Unwritten]) -> String {
    if list.is_empty() && !answers.contains(KEY) {
        return answers.to_string();
    }
    let Ok(Json::Object(mut root)) = serde_json::from_str::<Json>(answers) else {
        return answers.to_string();
    };
    root.remove(KEY);
    if !list.is_empty() {
        let mut sorted = list.to_vec();
        sorted.sort();
        sorted.dedup();
        let items = sorted.iter().map(|u| Json::String(u.to_string())).collect();
        root.insert(KEY.into(), Json::Array(items));
    }
    let mut text = serde_json::to_string_pretty(&root).expect("JSON values serialize");
    text.push('\n');
    text
}

/// What of `list` (one file's) the folder still lacks after a merge: each
/// field of today's render the merged object does not have, inside a listed
/// field, and each listed object still absent.
pub fn remaining(
    list: &[Unwritten],
    file: &str,
    ours: &[Tree],
    theirs: &[Tree],
    merged: &Objects,
) -> Vec<Unwritten> {
    let mine: Vec<&Unwritten> = list.iter().filter(|u| u.file == file).collect();
    let mut out = Vec::new();
    for (i, obj) in merged.objects.iter().enumerate() {
        let (Some(o), Some(t)) = (merged.from_ours[i], merged.from_theirs[i]) else {
            continue;
        };
        let object = merge::label(&ours[o]);
        let paths = paths_of(list, file, &object);
        if paths.is_empty() {
            continue;
        }
        let mut render = theirs[t].clone();
        merge::same_container_name(obj, &mut render);
        let mut lacks = Vec::new();
        merge::changes(
            Some(obj),
            Some(&render),
            &object,
            &merge::Path::default(),
            &mut lacks,
        );
        out.extend(
            lacks
                .into_iter()
                .filter(|c| c.from.is_none() && merge::covered(&paths, &c.path.to_string()))
                .map(|c| Unwritten {
                    file: file.into(),
                    object: object.clone(),
                    path: c.path.to_string(),
                }),
        );
    }
    let present: Vec<String> = merged.objects.iter().map(merge::label).collect();
    out.extend(
        mine.into_iter()
            .filter(|u| u.whole_object() && !present.contains(&u.object))
            .cloned(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(path: &str) -> Unwritten {
        Unwritten {
            file: "job.yaml".into(),
            object: "Job/x".into(),
            path: path.into(),
        }
    }

    #[test]
    fn entries_read_back_as_written() {
        for path in [
            "spec.backoffLimit",
            "(whole object)",
            "metadata.annotations",
        ] {
            assert_eq!(Unwritten::parse(&u(path).to_string()), Some(u(path)));
        }
        let answers = "{\n  \"name\": \"x\"\n}\n";
        let text = record(answers, &[u("spec.b"), u("spec.a")]);
        assert_eq!(read(&text), [u("spec.a"), u("spec.b")]);
        assert_eq!(record(&text, &[]), answers);
    }

    #[test]
    fn a_field_covers_what_is_inside_it_and_nothing_beside_it() {
        let covers = |u: &str, path: &str| merge::covered(&[u.to_string()], path);
        let sc = "spec.template.spec.securityContext";
        assert!(covers(sc, "spec.template.spec.securityContext"));
        assert!(covers(sc, "spec.template.spec.securityContext.runAsUser"));
        assert!(!covers(sc, "spec.template.spec.securityContextX"));
        assert!(covers("spec.containers[job]", "spec.containers[job].image"));
        assert!(!covers("spec.containers[job]", "spec.containers[job2]"));
        assert!(covers("(whole object)", "(whole object)"));
        assert!(!covers("(whole object)", "spec.x"));
    }
}
