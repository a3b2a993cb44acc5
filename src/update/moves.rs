//! Objects the user moved into another YAML file of the folder: their base
//! and template versions follow them, so they merge where the user keeps
//! them.

use crate::render::RenderedFile;

use super::merging::header;
use super::snapshot::Snapshot;
use super::trees::{self, objects};
use super::{merge, splice};

/// Objects the user moved into another YAML file of the folder (a renamed
/// or split file): their base and template versions move with them, so
/// they merge where the user keeps them instead of coming back as a second
/// copy. Objects are matched by identity (API group, kind, name).
pub(super) fn follow_moves(
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
                    let all = merge::flatten(&objs);
                    home.extend(all.iter().map(|o| (merge::identity(o), *name)));
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
            .is_some_and(|objs| {
                merge::flatten(&objs)
                    .iter()
                    .any(|o| merge::identity(o) == *id)
            });
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
