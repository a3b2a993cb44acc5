//! Three-way merge of Kubernetes objects, per object and per field path.
//!
//! base = what the recorded answers rendered when the folder was made,
//! ours = the folder as the user edited it, theirs = today's render. A
//! field only one side changed takes that side's value; both changing it
//! differently is a conflict. Objects pair by (API group, kind, name) and,
//! failing that, by kind within the file (a renamed object); lists of named
//! items (containers, env, volumes, alert rules…) merge by name.

use std::fmt;

use crate::yaml::{Node, Text};

/// A YAML value without places, compared by content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tree {
    /// A scalar as YAML read it; `typed` for numbers, booleans and null.
    Scalar {
        text: Text,
        typed: bool,
    },
    Seq(Vec<Tree>),
    /// Entries in file order.
    Map(Vec<(Text, Tree)>),
}

impl From<&Node> for Tree {
    fn from(n: &Node) -> Tree {
        match n {
            Node::Scalar { text, typed } => Tree::Scalar {
                text: text.clone(),
                typed: *typed,
            },
            Node::Seq(items) => Tree::Seq(items.iter().map(|i| Tree::from(&i.value)).collect()),
            Node::Map(entries) => Tree::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.clone(), Tree::from(&v.value)))
                    .collect(),
            ),
        }
    }
}

impl Tree {
    /// Equal as YAML means it: the same content, mapping keys in any order.
    pub fn same(&self, other: &Tree) -> bool {
        match (self, other) {
            (Tree::Map(a), Tree::Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.iter().any(|(x, y)| x == k && v.same(y)))
            }
            (Tree::Seq(a), Tree::Seq(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
            }
            (a, b) => a == b,
        }
    }

    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Tree> {
        match self {
            Tree::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A string scalar's text.
    pub fn str(&self) -> Option<&str> {
        match self {
            Tree::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value as JSON, for reports.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Tree::Scalar { text, typed: true } if text.is_empty() => J::Null,
            Tree::Scalar { text, typed: true } => {
                serde_json::from_str(text).unwrap_or_else(|_| J::String(text.to_string()))
            }
            Tree::Scalar { text, .. } => J::String(text.to_string()),
            Tree::Seq(items) => J::Array(items.iter().map(Tree::to_json).collect()),
            Tree::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    /// A list item found by its name (or alert, record, mountPath).
    Named(String),
    Index(usize),
}

/// Where a field is: `spec.template.spec.containers[name=job].image`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Step>);

impl Path {
    fn with(&self, s: Step) -> Path {
        let mut p = self.0.clone();
        p.push(s);
        Path(p)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(whole object)");
        }
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Named(n) => write!(f, "[{n}]")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Both sides changed a field differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Index of the object among the merged file's objects.
    pub object: usize,
    /// `Kind/name` of the object.
    pub label: String,
    pub path: Path,
    pub base: Option<Tree>,
    pub ours: Option<Tree>,
    pub theirs: Option<Tree>,
}

/// A conflict's path and its base, ours and theirs values.
pub type RawConflict = (Path, Option<Tree>, Option<Tree>, Option<Tree>);

/// How conflicts are settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// Keep the user's value (and report the conflict).
    Ours,
    /// Take the template's value.
    Theirs,
}

/// True when `path` is one of `paths` or inside one (a field's path
/// covers the fields under it; `(whole object)` covers only itself).
pub fn covered(paths: &[String], path: &str) -> bool {
    let whole = Path::default().to_string();
    paths.iter().any(|p| {
        path == p
            || (*p != whole
                && path
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '['])))
    })
}

/// How one object merges: which side a conflict takes, and the fields the
/// folder never had (`unwritten`): where the template changes one of
/// those, the template's value is taken with no conflict.
#[derive(Debug, Clone, Copy)]
pub struct How<'a> {
    pub prefer: Prefer,
    pub unwritten: &'a [String],
}

impl How<'_> {
    /// Settles conflicts by `prefer`; the folder had every field.
    pub fn prefer(prefer: Prefer) -> How<'static> {
        How {
            prefer,
            unwritten: &[],
        }
    }
}

/// The keys that name a list item, in the order they are tried.
const ITEM_KEYS: [&str; 4] = ["name", "alert", "record", "mountPath"];

/// The name of a list item, if it has one.
fn item_name(t: &Tree) -> Option<&str> {
    ITEM_KEYS.iter().find_map(|k| t.get(k).and_then(Tree::str))
}

/// The names of every item when all items are named, uniquely.
pub fn item_names(items: &[Tree]) -> Option<Vec<&str>> {
    let names: Vec<&str> = items.iter().map(item_name).collect::<Option<_>>()?;
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (sorted.len() == names.len()).then_some(names)
}

/// Merges one value. `None` is an absent field. Conflicts are recorded and
/// settled by `prefer`.
pub fn merge_value(
    base: Option<&Tree>,
    ours: Option<&Tree>,
    theirs: Option<&Tree>,
    path: &Path,
    how: How,
    conflicts: &mut Vec<RawConflict>,
) -> Option<Tree> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    match (ours, theirs) {
        // A mapping ours never had or removed, which the template changed:
        // its keys merge one by one as if ours were empty, so keys the
        // template adds arrive, keys ours dropped stay dropped, and only a
        // key the template changed that ours dropped is a conflict.
        // (Only a mapping under a key: a whole object or a list item ours
        // deleted is never brought back in part.)
        (None, Some(Tree::Map(_)))
            if matches!(base, Some(Tree::Map(_)))
                && matches!(path.0.last(), Some(Step::Key(_))) =>
        {
            let empty = Tree::Map(Vec::new());
            merge_value(base, Some(&empty), theirs, path, how, conflicts).filter(|m| *m != empty)
        }
        (Some(Tree::Map(o)), Some(Tree::Map(t))) => {
            let b: &[(Text, Tree)] = match base {
                Some(Tree::Map(b)) => b,
                _ => &[],
            };
            let find = |list: &'_ [(Text, Tree)], key: &str| -> Option<Tree> {
                list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
            };
            // Ours' order; a key only theirs has goes after the key it
            // follows there.
            let mut keys: Vec<&Text> = o.iter().map(|(k, _)| k).collect();
            let mut after: Option<usize> = None;
            for (k, _) in t {
                match keys.iter().position(|x| *x == k) {
                    Some(i) => after = Some(i),
                    None => {
                        let at = after.map_or(0, |i| i + 1);
                        keys.insert(at, k);
                        after = Some(at);
                    }
                }
            }
            let mut out = Vec::new();
            for k in keys {
                let (bv, ov, tv) = (find(b, k), find(o, k), find(t, k));
                let merged = merge_value(
                    bv.as_ref(),
                    ov.as_ref(),
                    tv.as_ref(),
                    &path.with(Step::Key(k.to_string())),
                    how,
                    conflicts,
                );
                if let Some(v) = merged {
                    out.push((k.clone(), v));
                }
            }
            Some(Tree::Map(out))
        }
        (Some(Tree::Seq(o)), Some(Tree::Seq(t))) => {
            let b: &[Tree] = match base {
                Some(Tree::Seq(b)) => b,
                _ => &[],
            };
            merge_named(b, o, t, path, how, conflicts)
                .unwrap_or_else(|| conflict(base, ours, theirs, path, how, conflicts))
        }
        _ => conflict(base, ours, theirs, path, how, conflicts),
    }
}

/// Merges lists whose items are all named, item by item; None for other
/// lists (one value).
fn merge_named(
    b: &[Tree],
    o: &[Tree],
    t: &[Tree],
    path: &Path,
    how: How,
    conflicts: &mut Vec<RawConflict>,
) -> Option<Option<Tree>> {
    let (bn, on, tn) = (item_names(b)?, item_names(o)?, item_names(t)?);
    // The one container of a pod, renamed on one side: still the same
    // container (its name merges like any field).
    let one_container = bn.len() == 1
        && on.len() == 1
        && tn.len() == 1
        && (bn[0] != on[0] || bn[0] != tn[0])
        && [&b[0], &o[0], &t[0]]
            .iter()
            .all(|c| c.get("image").is_some());
    if one_container {
        let merged = merge_value(
            Some(&b[0]),
            Some(&o[0]),
            Some(&t[0]),
            &path.with(Step::Named(on[0].to_string())),
            how,
            conflicts,
        );
        return Some(Some(Tree::Seq(merged.into_iter().collect())));
    }
    let mut names: Vec<&str> = on.clone();
    for n in &tn {
        if !names.contains(n) {
            names.push(n);
        }
    }
    let pick = |list: &[Tree], ns: &[&str], n: &str| {
        ns.iter().position(|x| *x == n).map(|i| list[i].clone())
    };
    let mut out = Vec::new();
    for n in names {
        let merged = merge_value(
            pick(b, &bn, n).as_ref(),
            pick(o, &on, n).as_ref(),
            pick(t, &tn, n).as_ref(),
            &path.with(Step::Named(n.to_string())),
            how,
            conflicts,
        );
        out.extend(merged);
    }
    Some(Some(Tree::Seq(out)))
}

fn conflict(
    base: Option<&Tree>,
    ours: Option<&Tree>,
    theirs: Option<&Tree>,
    path: &Path,
    how: How,
    conflicts: &mut Vec<RawConflict>,
) -> Option<Tree> {
    // Never written by the folder: a field follows the template, an object
    // stays absent.
    if ours.is_none() && covered(how.unwritten, &path.to_string()) {
        return match path.0.is_empty() {
            true => None,
            false => theirs.cloned(),
        };
    }
    conflicts.push((path.clone(), base.cloned(), ours.cloned(), theirs.cloned()));
    match how.prefer {
        Prefer::Ours => ours.cloned(),
        Prefer::Theirs => theirs.cloned(),
    }
}

/// The items of a `List` (`kind: List`, or any `…List`, which kubectl
/// applies item by item); None for any other object.
pub fn list_items(t: &Tree) -> Option<&[Tree]> {
    let kind = t.get("kind").and_then(Tree::str)?;
    match t.get("items") {
        Some(Tree::Seq(items)) if kind.ends_with("List") => Some(items),
        _ => None,
    }
}

/// True for a Kubernetes Job or CronJob (`batch/…`), not a custom resource
/// that is also called so.
pub fn is_batch_job(t: &Tree) -> bool {
    matches!(t.get("kind").and_then(Tree::str), Some("Job" | "CronJob"))
        && t.get("apiVersion")
            .and_then(Tree::str)
            .is_some_and(|v| v.starts_with("batch/"))
}

/// The objects of a file's documents, a List's items in its place.
pub fn flatten(docs: &[Tree]) -> Vec<&Tree> {
    docs.iter()
        .flat_map(|d| match list_items(d) {
            Some(items) => items.iter().collect(),
            None => vec![d],
        })
        .collect()
}

/// A pod with one container in both: `jobgen`'s takes `ours`' container
/// name, as the merge pairs them (the name is not an answer), so
/// comparing them compares the container field by field.
pub fn same_container_name(ours: &Tree, jobgen: &mut Tree) {
    let path: &[&str] = match ours.get("kind").and_then(Tree::str) {
        Some("CronJob") => &[
            "spec",
            "jobTemplate",
            "spec",
            "template",
            "spec",
            "containers",
        ],
        _ => &["spec", "template", "spec", "containers"],
    };
    let name = match path.iter().try_fold(ours, |t, k| t.get(k)) {
        Some(Tree::Seq(c)) if c.len() == 1 => c[0].get("name").cloned(),
        _ => None,
    };
    let Some(name) = name else { return };
    let mut node = Some(jobgen);
    for k in path {
        node = node.and_then(|t| match t {
            Tree::Map(entries) => entries.iter_mut().find(|(x, _)| x == k).map(|(_, v)| v),
            _ => None,
        });
    }
    if let Some(Tree::Seq(c)) = node
        && c.len() == 1
        && let Tree::Map(entries) = &mut c[0]
        && let Some((_, v)) = entries.iter_mut().find(|(k, _)| k == "name")
    {
        *v = name;
    }
}

/// API group, kind and name.
pub type Identity = (String, String, String);

/// What identifies an object: API group (not version, so a version bump
/// merges as a field change), kind and name.
pub fn identity(t: &Tree) -> Identity {
    let api = t.get("apiVersion").and_then(Tree::str).unwrap_or("");
    let group = api.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
    let kind = t.get("kind").and_then(Tree::str).unwrap_or("");
    let name = t
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Tree::str)
        .unwrap_or("");
    (group.into(), kind.into(), name.into())
}

/// `Kind/name` of an object.
pub fn label(t: &Tree) -> String {
    let (_, kind, name) = identity(t);
    format!("{kind}/{name}")
}

/// Pairs the objects of two versions of a file: by identity, then leftovers
/// by (group, kind) in order (a renamed object). Returns, for each object of
/// `a`, the index of its partner in `b`.
pub fn pair(a: &[Tree], b: &[Tree]) -> Vec<Option<usize>> {
    let ids_b: Vec<_> = b.iter().map(identity).collect();
    let mut taken = vec![false; b.len()];
    let mut out: Vec<Option<usize>> = a
        .iter()
        .map(|x| {
            let id = identity(x);
            let i = ids_b.iter().position(|y| *y == id)?;
            (!taken[i]).then(|| {
                taken[i] = true;
                i
            })
        })
        .collect();
    for (i, x) in a.iter().enumerate() {
        if out[i].is_some() {
            continue;
        }
        let (g, k, _) = identity(x);
        if let Some(j) = (0..b.len()).find(|&j| !taken[j] && ids_b[j].0 == g && ids_b[j].1 == k) {
            taken[j] = true;
            out[i] = Some(j);
        }
    }
    out
}

/// The merge of one file's objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objects {
    /// The merged objects; index `i` came from `ours[from_ours[i]]` when
    /// set, and merged today's render `theirs[from_theirs[i]]` when set.
    pub objects: Vec<Tree>,
    pub from_ours: Vec<Option<usize>>,
    pub from_theirs: Vec<Option<usize>>,
    pub conflicts: Vec<Conflict>,
}

/// What one file's merge knows beyond the three sides.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub prefer: Prefer,
    /// Take today's render of every object it has (`update
    /// --discard-edits`): hand edits to them are dropped, objects jobgen
    /// does not render are kept.
    pub discard: bool,
    /// What the folder never had in this file: object label and path.
    pub unwritten: &'a [(String, String)],
}

impl Rules<'_> {
    /// Settles conflicts by `prefer`, nothing else.
    pub fn prefer(prefer: Prefer) -> Rules<'static> {
        Rules {
            prefer,
            discard: false,
            unwritten: &[],
        }
    }
}

/// Merges the objects of one file: ours' order, then objects only theirs has.
pub fn merge_objects(base: &[Tree], ours: &[Tree], theirs: &[Tree], rules: Rules) -> Objects {
    let ours_in_base = pair(ours, base);
    let ours_in_theirs = pair(ours, theirs);
    let base_in_theirs = pair(base, theirs);
    let mut out = Objects {
        objects: Vec::new(),
        from_ours: Vec::new(),
        from_theirs: Vec::new(),
        conflicts: Vec::new(),
    };
    let mut theirs_used = vec![false; theirs.len()];
    let mut base_used = vec![false; base.len()];
    let push = |out: &mut Objects,
                b: Option<&Tree>,
                o: Option<&Tree>,
                t: Option<usize>,
                from: Option<usize>| {
        let t_tree = t.map(|t| &theirs[t]);
        // Discarding edits: today's render wherever it has the object.
        let b = match rules.discard {
            true if t.is_some() => o,
            true => None,
            false => b,
        };
        let shown_before = o.or(t_tree).or(b).map(label).unwrap_or_default();
        let unwritten: Vec<String> = rules
            .unwritten
            .iter()
            .filter(|(object, _)| *object == shown_before)
            .map(|(_, path)| path.clone())
            .collect();
        let how = How {
            prefer: rules.prefer,
            unwritten: &unwritten,
        };
        let mut raw = Vec::new();
        let merged = merge_value(b, o, t_tree, &Path::default(), how, &mut raw);
        let index = out.objects.len();
        let shown = merged.as_ref().map(label).unwrap_or(shown_before);
        out.conflicts
            .extend(raw.into_iter().map(|(path, base, ours, theirs)| Conflict {
                object: index,
                label: shown.clone(),
                path,
                base,
                ours,
                theirs,
            }));
        if let Some(m) = merged {
            out.objects.push(m);
            out.from_ours.push(from);
            out.from_theirs.push(t);
        }
    };
    for (i, o) in ours.iter().enumerate() {
        let b = ours_in_base[i];
        // Theirs: paired with ours directly, or through the base object.
        let t = ours_in_theirs[i].or_else(|| b.and_then(|b| base_in_theirs[b]));
        let t = t.filter(|&t| !theirs_used[t]);
        if let Some(b) = b {
            base_used[b] = true;
        }
        if let Some(t) = t {
            theirs_used[t] = true;
        }
        push(&mut out, b.map(|b| &base[b]), Some(o), t, Some(i));
    }
    // Objects the user deleted: gone unless the template changed them.
    for (j, b) in base.iter().enumerate() {
        if base_used[j] {
            continue;
        }
        let t = base_in_theirs[j].filter(|&t| !theirs_used[t]);
        if let Some(t) = t {
            theirs_used[t] = true;
        }
        push(&mut out, Some(b), None, t, None);
    }
    let unused: Vec<usize> = (0..theirs.len()).filter(|&t| !theirs_used[t]).collect();
    for t in unused {
        push(&mut out, None, None, Some(t), None);
    }
    out
}

/// One field an update changes in the user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub label: String,
    pub path: Path,
    pub from: Option<Tree>,
    pub to: Option<Tree>,
}

/// The fields that differ between `old` and `new`, as leaf changes (named
/// list items compared by name).
pub fn changes(
    old: Option<&Tree>,
    new: Option<&Tree>,
    label: &str,
    path: &Path,
    out: &mut Vec<Change>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (Some(Tree::Map(a)), Some(Tree::Map(b))) => {
            let mut keys: Vec<&Text> = a.iter().map(|(k, _)| k).collect();
            keys.extend(
                b.iter()
                    .map(|(k, _)| k)
                    .filter(|k| !a.iter().any(|(x, _)| x == *k)),
            );
            for k in keys {
                changes(
                    old.and_then(|t| t.get(k)),
                    new.and_then(|t| t.get(k)),
                    label,
                    &path.with(Step::Key(k.to_string())),
                    out,
                );
            }
        }
        (Some(Tree::Seq(a)), Some(Tree::Seq(b))) => match (item_names(a), item_names(b)) {
            (Some(an), Some(bn)) => {
                let mut names = an.clone();
                names.extend(bn.iter().filter(|n| !an.contains(n)));
                for n in names {
                    let x = an.iter().position(|y| *y == n).map(|i| &a[i]);
                    let y = bn.iter().position(|y| *y == n).map(|i| &b[i]);
                    changes(x, y, label, &path.with(Step::Named(n.to_string())), out);
                }
            }
            _ => out.push(leaf(old, new, label, path)),
        },
        _ => out.push(leaf(old, new, label, path)),
    }
}

fn leaf(old: Option<&Tree>, new: Option<&Tree>, label: &str, path: &Path) -> Change {
    Change {
        label: label.into(),
        path: path.clone(),
        from: old.cloned(),
        to: new.cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(yaml: &str) -> Tree {
        Tree::from(&crate::yaml::parse(yaml).unwrap().value)
    }

    fn merge(b: &str, o: &str, t: &str) -> (Option<Tree>, Vec<String>) {
        let mut raw = Vec::new();
        let m = merge_value(
            Some(&tree(b)),
            Some(&tree(o)),
            Some(&tree(t)),
            &Path::default(),
            How::prefer(Prefer::Ours),
            &mut raw,
        );
        (m, raw.iter().map(|c| c.0.to_string()).collect())
    }

    #[test]
    fn a_mapping_ours_lacks_takes_only_the_keys_the_template_adds() {
        let base = "meta:\n  labels: {a: b}\n  annotations: {d: old}\n";
        let theirs = "meta:\n  labels: {a: b}\n  annotations: {d: old, new: v2}\n";
        let (m, c) = merge(base, "meta:\n  labels: {a: b}\n", theirs);
        assert_eq!(
            m,
            Some(tree("meta:\n  labels: {a: b}\n  annotations: {new: v2}\n"))
        );
        assert!(c.is_empty());
        // Nothing new: it stays absent.
        let (m, c) = merge(base, "meta:\n  labels: {a: b}\n", base);
        assert_eq!(m, Some(tree("meta:\n  labels: {a: b}\n")));
        assert!(c.is_empty());
        // A key ours dropped that the template changed: a conflict.
        let changed = "meta:\n  labels: {a: b}\n  annotations: {d: changed}\n";
        let (_, c) = merge(base, "meta:\n  labels: {a: b}\n", changed);
        assert_eq!(c, ["meta.annotations.d"]);
        // A list item ours deleted is not brought back in part: a conflict.
        let base = "c: [{name: a, image: x}, {name: b, image: y}]\n";
        let theirs = "c: [{name: a, image: x}, {name: b, image: z}]\n";
        let (m, c) = merge(base, "c: [{name: a, image: x}]\n", theirs);
        assert_eq!(c, ["c[b]"]);
        assert_eq!(m, Some(tree("c: [{name: a, image: x}]\n")));
    }

    #[test]
    fn each_side_keeps_its_own_changes() {
        let (m, c) = merge("a: 1\nb: 1\n", "a: 2\nb: 1\n", "a: 1\nb: 3\n");
        assert_eq!(m, Some(tree("a: 2\nb: 3\n")));
        assert!(c.is_empty());
    }

    #[test]
    fn both_changing_a_field_is_a_conflict_at_its_path() {
        let (m, c) = merge("a: {b: 1}\n", "a: {b: 2}\n", "a: {b: 3}\n");
        assert_eq!(m, Some(tree("a: {b: 2}\n")));
        assert_eq!(c, ["a.b"]);
    }

    #[test]
    fn named_items_merge_by_name_and_unnamed_lists_are_one_value() {
        let b = "l: [{name: x, v: 1}, {name: y, v: 1}]\n";
        let o = "l: [{name: y, v: 1}, {name: x, v: 2}]\n";
        let t = "l: [{name: x, v: 1}, {name: y, v: 3}, {name: z}]\n";
        let (m, c) = merge(b, o, t);
        assert_eq!(
            m,
            Some(tree("l: [{name: y, v: 3}, {name: x, v: 2}, {name: z}]\n"))
        );
        assert!(c.is_empty());
        let (_, c) = merge("l: [1, 2]\n", "l: [1, 3]\n", "l: [1, 4]\n");
        assert_eq!(c, ["l"]);
    }

    #[test]
    fn the_one_container_renamed_on_one_side_is_still_one_container() {
        let b = "c: [{name: job, image: a, pull: Always}]\n";
        let o = "c: [{name: mine, image: a, pull: Always}]\n";
        let t = "c: [{name: job, image: a, pull: IfNotPresent}]\n";
        for prefer in [Prefer::Ours, Prefer::Theirs] {
            let mut raw = Vec::new();
            let m = merge_value(
                Some(&tree(b)),
                Some(&tree(o)),
                Some(&tree(t)),
                &Path::default(),
                How::prefer(prefer),
                &mut raw,
            );
            assert_eq!(
                m,
                Some(tree("c: [{name: mine, image: a, pull: IfNotPresent}]\n"))
            );
            assert!(raw.is_empty());
        }
        // Two named items that are not containers still merge by name.
        // (A deleted on one side and changed on the other: a conflict.)
        let (m, c) = merge(
            "e: [{name: A, v: 1}]\n",
            "e: [{name: B, v: 1}]\n",
            "e: [{name: A, v: 2}]\n",
        );
        assert_eq!(m, Some(tree("e: [{name: B, v: 1}]\n")));
        assert_eq!(c.len(), 1, "{c:?}");
    }

    #[test]
    fn paths_name_list_items() {
        let p = Path(vec![
            Step::Key("spec".into()),
            Step::Key("containers".into()),
            Step::Named("job".into()),
            Step::Key("image".into()),
        ]);
        assert_eq!(p.to_string(), "spec.containers[job].image");
    }
}
