//! Writing merged objects back into the user's YAML text. Only what changed
//! is touched: a changed scalar is replaced where it stands, a removed
//! field's lines are cut, a new field is added after its siblings, so the
//! user's comments, key order and quoting survive. Anything the splice
//! cannot place (flow style, block scalars turned into maps…) falls back to
//! re-writing the enclosing field, then the whole object; every result is
//! parsed back and compared with the merge, so a splice is never wrong.

use std::rc::Rc;

use crate::yaml::Spanned;

use crate::render::yaml_scalar;
use crate::update::merge::{Tree, item_names};
use crate::yaml::{self, Node, Text};

/// One document of a YAML file: its `---` line (if any) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub separator: Option<String>,
    pub text: String,
    /// The object it holds, if any (a chunk of comments holds none).
    pub object: Option<Tree>,
}

/// Splits a YAML stream at its `---` lines and parses each document.
pub fn chunks(text: &str) -> Result<Vec<Chunk>, yaml::ParseError> {
    let mut out = split(text);
    for c in &mut out {
        c.object = object(&c.text)?.first().cloned();
    }
    Ok(out)
}

/// A YAML stream split at its `---` lines, not parsed (no chunk holds an
/// object: see `object`).
pub fn split(text: &str) -> Vec<Chunk> {
    let mut out = vec![Chunk {
        separator: None,
        text: String::new(),
        object: None,
    }];
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" || line.starts_with("--- ") {
            out.push(Chunk {
                separator: Some(line.to_string()),
                text: String::new(),
                object: None,
            });
        } else {
            out.last_mut().expect("one chunk").text.push_str(line);
        }
    }
    out
}

/// The object of one chunk's text (none, or one: two documents in one
/// chunk are an error), shared with the memo rather than copied.
pub fn object(text: &str) -> Result<Rc<[Tree]>, yaml::ParseError> {
    let docs = crate::update::trees::objects(text)?;
    if docs.len() > 1 {
        return Err(yaml::ParseError {
            line: 0,
            column: 0,
            message: "documents must be separated by a `---` line".into(),
        });
    }
    Ok(docs)
}

/// Joins chunks back into a stream.
pub fn join(chunks: &[Chunk]) -> String {
    let mut s = String::new();
    for c in chunks {
        if let Some(sep) = &c.separator {
            if !s.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            s.push_str(sep);
        }
        s.push_str(&c.text);
    }
    s
}

/// `text` (one YAML document) changed to hold `merged`: edited in place
/// where it can be, written anew where it cannot (true: written anew).
pub fn splice(text: &str, merged: &Tree) -> (String, bool) {
    let Ok(Some(doc)) = yaml::parse_all(text).map(|mut d| d.pop()) else {
        return (rewrite(text, merged), true);
    };
    let mut s = Splicer {
        text,
        edits: Vec::new(),
    };
    if s.node(&doc, merged).is_ok()
        && let Some(out) = s.apply()
        && parses_to(&out, merged)
    {
        return (out, false);
    }
    (rewrite(text, merged), true)
}

/// The comments of `before` that `after` no longer has (a splice that had
/// to write an object anew), so the report can name each one.
pub fn lost_comments(before: &str, after: &str) -> Vec<String> {
    let mut left: Vec<&str> = comments(after).collect();
    let mut lost = Vec::new();
    for c in comments(before) {
        match left.iter().position(|x| *x == c) {
            Some(i) => {
                left.swap_remove(i);
            }
            None => lost.push(c.to_string()),
        }
    }
    lost
}

/// True when the text uses anchors, aliases or merge keys, which writing an
/// object anew expands.
pub fn has_anchors(text: &str) -> bool {
    text.lines().any(|l| {
        let code = l.split(" #").next().unwrap_or("");
        code.contains(": &")
            || code.contains(": *")
            || code.contains("- &")
            || code.contains("- *")
            || code.trim_start().starts_with("<<:")
    })
}

/// The comments of a YAML text: `#` at a line's start or after a space,
/// outside quotes.
fn comments(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let (mut single, mut double) = (false, false);
        let mut prev = ' ';
        for (i, ch) in line.char_indices() {
            match ch {
                '\'' if !double => single = !single,
                '"' if !single && prev != '\\' => double = !double,
                '#' if !single && !double && prev.is_whitespace() => {
                    return Some(line[i..].trim_end());
                }
                _ => {}
            }
            prev = ch;
        }
        None
    })
}

/// True when `text` is one document holding exactly `tree`.
fn parses_to(text: &str, tree: &Tree) -> bool {
    matches!(yaml::parse_all(text).as_deref(), Ok([d]) if Tree::from(&d.value).same(tree))
}

/// The document written anew from the tree, after the text's leading comments.
fn rewrite(text: &str, merged: &Tree) -> String {
    let mut out: String = text
        .split_inclusive('\n')
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .collect();
    out.push_str(&emit_doc(merged));
    out
}

/// A tree as a block-style YAML document, ending in a newline.
pub fn emit_doc(t: &Tree) -> String {
    let lines = match inline(t) {
        Some(s) => vec![s],
        None => block(t, 0),
    };
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

/// A value in flow style on one line: `{a: 1, b: [x, y]}`.
fn flow(t: &Tree) -> String {
    match t {
        Tree::Map(entries) if !entries.is_empty() => {
            let pairs: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", yaml_scalar(k), flow(v)))
                .collect();
            format!("{{{}}}", pairs.join(", "))
        }
        Tree::Seq(items) if !items.is_empty() => {
            let items: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        _ => inline(t).unwrap_or_default(),
    }
}

/// A scalar or empty collection on one line; None for anything else.
fn inline(t: &Tree) -> Option<String> {
    match t {
        Tree::Scalar { text, typed: true } if text.is_empty() => Some("null".into()),
        Tree::Scalar { text, typed: true } => Some(text.to_string()),
        Tree::Scalar { text, .. } => Some(yaml_scalar(text)),
        Tree::Map(e) if e.is_empty() => Some("{}".into()),
        Tree::Seq(i) if i.is_empty() => Some("[]".into()),
        _ => None,
    }
}

/// The lines of a non-empty collection, indented by `indent`.
fn block(t: &Tree, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut lines = Vec::new();
    match t {
        Tree::Map(entries) => {
            for (k, v) in entries {
                lines.extend(entry(k, v, indent));
            }
        }
        Tree::Seq(items) => {
            for item in items {
                match (inline(item), item) {
                    (Some(s), _) => lines.push(format!("{pad}- {s}")),
                    (None, Tree::Map(_)) => {
                        let mut inner = block(item, indent + 2);
                        inner[0] = format!("{pad}- {}", inner[0].trim_start());
                        lines.extend(inner);
                    }
                    (None, _) => {
                        lines.push(format!("{pad}-"));
                        lines.extend(block(item, indent + 2));
                    }
                }
            }
        }
        Tree::Scalar { .. } => lines.extend(inline(t).map(|s| format!("{pad}{s}"))),
    }
    lines
}

/// The lines of `key: value` at `indent`.
fn entry(key: &str, value: &Tree, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let key = yaml_scalar(key);
    match inline(value) {
        Some(s) => vec![format!("{pad}{key}: {s}")],
        None => {
            let mut lines = vec![format!("{pad}{key}:")];
            lines.extend(block(value, indent + 2));
            lines
        }
    }
}

/// A scalar written in the style of the one it replaces (`old`, as written):
/// plain stays plain where YAML reads it back the same, quoted stays quoted.
fn styled_like(old: &str, t: &Tree) -> Option<String> {
    let Tree::Scalar { text, typed: false } = t else {
        return inline(t);
    };
    let safe = yaml_scalar(text);
    Some(match old.as_bytes().first() {
        Some(b'"') if !safe.starts_with('"') => format!("\"{text}\""),
        Some(b'"' | b'\'') => safe,
        _ if reads_back_plain(text) => text.to_string(),
        _ => safe,
    })
}

/// True when `text` can be written plain: what the `yaml` filter writes
/// plain, and Kubernetes quantities such as `2Gi` or `500m` (a string in
/// YAML 1.1 and 1.2 alike), as long as YAML reads it back the same.
fn reads_back_plain(text: &str) -> bool {
    // A quantity with a unit suffix (one grammar: `scalars::quantity`).
    let quantity = text.ends_with(|c: char| c.is_ascii_alphabetic())
        && crate::answers::scalars::quantity(text).is_ok();
    (quantity || yaml_scalar(text) == text)
        && matches!(
            yaml::parse(&format!("k: {text}")).map(|d| d.value.get("k").and_then(|v| v.value.string().map(str::to_string))),
            Ok(Some(s)) if s == text
        )
}

/// Lines as one string whose first line starts where the replaced text did.
fn placed(lines: &[String], indent: usize) -> String {
    let mut s = lines.join("\n");
    s.drain(..indent.min(s.len()));
    s
}

/// The edit plan for one document.
struct Splicer<'a> {
    text: &'a str,
    /// (start, end, replacement) byte ranges of `text`.
    edits: Vec<(usize, usize, String)>,
}

/// The splice cannot place this change here; the caller rewrites more.
struct Unplaced;

fn start(n: &Spanned<Node>) -> usize {
    n.referenced.byte_offset()
}

impl Splicer<'_> {
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The position of the newline ending the line of `at` (or the end).
    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    fn column(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    /// True when only spaces stand between the line's start and `at`.
    fn starts_line(&self, at: usize) -> bool {
        self.text[self.line_start(at)..at].trim().is_empty()
    }

    fn is_flow(&self, n: &Spanned<Node>) -> bool {
        matches!(self.text.as_bytes().get(start(n)), Some(b'{' | b'['))
    }

    /// The byte after the end of a node's text.
    fn end(&self, n: &Spanned<Node>) -> usize {
        let at = start(n);
        if self.is_flow(n) {
            return matching_bracket(self.text, at);
        }
        match &n.value {
            Node::Scalar { .. } => {
                let len = n.referenced.byte_len();
                let s = &self.text[at..(at + len).min(self.text.len())];
                at + s.trim_end().len()
            }
            Node::Map(entries) => entries.last().map_or(at, |(k, v)| self.entry_end(k, v)),
            Node::Seq(items) => items.last().map_or(at, |i| self.end(i)),
        }
    }

    fn entry_end(&self, k: &Spanned<Text>, v: &Spanned<Node>) -> usize {
        let key_end = start_of(k) + k.referenced.byte_len() + 1;
        let value_end = self.end(v);
        key_end.max(value_end)
    }

    /// Runs a nested plan; when it cannot place its change, the edits it
    /// made are dropped, as the caller rewrites the whole field.
    fn within(
        &mut self,
        plan: impl FnOnce(&mut Self) -> Result<(), Unplaced>,
    ) -> Result<(), Unplaced> {
        let before = self.edits.len();
        let result = plan(self);
        if result.is_err() {
            self.edits.truncate(before);
        }
        result
    }

    /// Plans the edits that turn node `o` into `m`.
    fn node(&mut self, o: &Spanned<Node>, m: &Tree) -> Result<(), Unplaced> {
        if Tree::from(&o.value) == *m {
            return Ok(());
        }
        match (&o.value, m) {
            (Node::Map(entries), Tree::Map(want)) if !entries.is_empty() && !self.is_flow(o) => {
                self.map(entries, want)
            }
            (Node::Map(entries), Tree::Map(want)) if !entries.is_empty() => {
                self.flow_map(entries, want)
            }
            // A flow list of the same length: item by item, in its style.
            (Node::Seq(items), Tree::Seq(want))
                if self.is_flow(o) && !items.is_empty() && items.len() == want.len() =>
            {
                for (item, w) in items.iter().zip(want) {
                    if self.within(|s| s.node(item, w)).is_err() {
                        self.edits.push((start(item), self.end(item), flow(w)));
                    }
                }
                Ok(())
            }
            (Node::Seq(items), Tree::Seq(want)) if !items.is_empty() && !self.is_flow(o) => {
                self.seq(items, want)
            }
            (Node::Scalar { .. }, _) => {
                let at = start(o);
                let end = self.end(o);
                let Some(new) = styled_like(&self.text[at..end.max(at)], m) else {
                    return Err(Unplaced);
                };
                let before = self.text[..at].trim_end();
                let plain_place =
                    before.ends_with(':') || before.ends_with("- ") || before.ends_with('-');
                let block_indicator = before.ends_with("|-") || before.ends_with(">-");
                if end <= at || self.text[at..end].contains('\n') || !plain_place || block_indicator
                {
                    return Err(Unplaced);
                }
                self.edits.push((at, end, new));
                Ok(())
            }
            _ => Err(Unplaced),
        }
    }

    fn map(
        &mut self,
        entries: &[(Spanned<Text>, Spanned<Node>)],
        want: &[(Text, Tree)],
    ) -> Result<(), Unplaced> {
        let indent = self.column(start_of(&entries[0].0));
        let mut last_kept = None;
        for (k, v) in entries {
            let key_at = start_of(k);
            match want.iter().find(|(x, _)| *x == k.value) {
                None => {
                    if !self.starts_line(key_at) {
                        return Err(Unplaced);
                    }
                    let from = self.line_start(key_at);
                    let to = (self.line_end(self.entry_end(k, v)) + 1).min(self.text.len());
                    self.edits.push((from, to, String::new()));
                }
                Some((_, mv)) => {
                    last_kept = Some(self.entry_end(k, v));
                    if self.within(|s| s.node(v, mv)).is_err() {
                        let lines = entry(&k.value, mv, self.column(key_at));
                        let col = self.column(key_at);
                        self.edits
                            .push((key_at, self.entry_end(k, v), placed(&lines, col)));
                    }
                }
            }
        }
        // New keys go after the key they follow in the merge (or before
        // the first key), so the template's order is kept where it can be.
        let mut anchor: Option<usize> = None;
        let mut inserts: Vec<(usize, String)> = Vec::new();
        for (k, v) in want {
            match entries.iter().find(|(x, _)| x.value == *k) {
                Some((x, xv)) => anchor = Some(self.entry_end(x, xv)),
                None => {
                    let lines = entry(k, v, indent).join("\n");
                    let (at, text) = match anchor {
                        Some(end) => (self.line_end(end), format!("\n{lines}")),
                        None => {
                            let first = start_of(&entries[0].0);
                            if !self.starts_line(first) || last_kept.is_none() {
                                return Err(Unplaced);
                            }
                            (self.line_start(first), format!("{lines}\n"))
                        }
                    };
                    match inserts.iter_mut().find(|(p, _)| *p == at) {
                        Some((_, t)) => t.push_str(&text),
                        None => inserts.push((at, text)),
                    }
                }
            }
        }
        self.edits
            .extend(inserts.into_iter().map(|(at, t)| (at, at, t)));
        Ok(())
    }

    /// A flow mapping (`{a: 1, b: 2}`, or JSON) edited in its own style:
    /// values changed in place (or written anew in flow style), keys
    /// dropped with their comma, new keys after the key they follow in the
    /// merge, on a line of their own where the keys are one to a line.
    fn flow_map(
        &mut self,
        entries: &[(Spanned<Text>, Spanned<Node>)],
        want: &[(Text, Tree)],
    ) -> Result<(), Unplaced> {
        let first = start_of(&entries[0].0);
        let json = self.text.as_bytes().get(first) == Some(&b'"');
        let write = |t: &Tree| match json {
            true => serde_json::to_string(&t.to_json()).expect("JSON values serialize"),
            false => flow(t),
        };
        for (i, (k, v)) in entries.iter().enumerate() {
            match want.iter().find(|(x, _)| *x == k.value) {
                None => {
                    let (from, to) = match (entries.get(i + 1), i.checked_sub(1)) {
                        (Some((next, _)), _) => (start_of(k), start_of(next)),
                        (None, Some(p)) => (
                            self.entry_end(&entries[p].0, &entries[p].1),
                            self.entry_end(k, v),
                        ),
                        (None, None) => return Err(Unplaced),
                    };
                    self.edits.push((from, to, String::new()));
                }
                Some((_, mv)) => {
                    if self.within(|s| s.node(v, mv)).is_err() {
                        self.edits.push((start(v), self.end(v), write(mv)));
                    }
                }
            }
        }
        // Between two keys: ", " on one line, ",\n" and the indent on many.
        let gap = match self.starts_line(first) {
            true => format!(",\n{}", " ".repeat(self.column(first))),
            false => ", ".to_string(),
        };
        let mut anchor: Option<usize> = None;
        for (k, v) in want {
            match entries.iter().find(|(x, _)| x.value == *k) {
                Some((x, xv)) => anchor = Some(self.entry_end(x, xv)),
                None => {
                    let key = match json {
                        true => serde_json::to_string(k.as_str()).expect("a string serializes"),
                        false => yaml_scalar(k),
                    };
                    let pair = format!("{key}: {}", write(v));
                    let (at, text) = match anchor {
                        Some(end) => (end, format!("{gap}{pair}")),
                        None => (first, format!("{pair}{gap}")),
                    };
                    self.edits.push((at, at, text));
                }
            }
        }
        Ok(())
    }

    /// Where the `-` of a list item is.
    fn dash(&self, item: &Spanned<Node>) -> Result<usize, Unplaced> {
        let before = self.text[..start(item)].trim_end_matches(' ');
        match before.strip_suffix('-') {
            Some(rest) => Ok(rest.len()),
            None => Err(Unplaced),
        }
    }

    fn seq(&mut self, items: &[Spanned<Node>], want: &[Tree]) -> Result<(), Unplaced> {
        let have: Vec<Tree> = items.iter().map(|i| Tree::from(&i.value)).collect();
        // For each item, its place in `want`; kept items must be the first
        // ones of `want`, in order, and the rest of `want` is new.
        let pairs: Vec<Option<usize>> = match (item_names(&have), item_names(want)) {
            (Some(hn), Some(wn)) => hn.iter().map(|n| wn.iter().position(|w| w == n)).collect(),
            _ if have.len() <= want.len() => (0..have.len()).map(Some).collect(),
            _ => return Err(Unplaced),
        };
        let kept: Vec<usize> = pairs.iter().flatten().copied().collect();
        if kept.iter().enumerate().any(|(i, w)| i != *w) {
            return Err(Unplaced);
        }
        let dash_col = self.column(self.dash(&items[0])?);
        let mut last_kept = None;
        for (item, w) in items.iter().zip(pairs) {
            let dash = self.dash(item)?;
            match w {
                None => {
                    if !self.starts_line(dash) {
                        return Err(Unplaced);
                    }
                    let from = self.line_start(dash);
                    let to = (self.line_end(self.end(item)) + 1).min(self.text.len());
                    self.edits.push((from, to, String::new()));
                }
                Some(w) => {
                    last_kept = Some(self.end(item));
                    if self.within(|s| s.node(item, &want[w])).is_err() {
                        let col = self.column(start(item));
                        let text = match (inline(&want[w]), &want[w]) {
                            (Some(s), _) => s,
                            (None, Tree::Map(_)) => placed(&block(&want[w], col), col),
                            _ => return Err(Unplaced),
                        };
                        self.edits.push((start(item), self.end(item), text));
                    }
                }
            }
        }
        let new_items = &want[kept.len()..];
        if !new_items.is_empty() {
            let Some(after) = last_kept else {
                return Err(Unplaced);
            };
            let at = self.line_end(after);
            let mut s = String::new();
            for l in block(&Tree::Seq(new_items.to_vec()), dash_col) {
                s.push('\n');
                s.push_str(&l);
            }
            self.edits.push((at, at, s));
        }
        Ok(())
    }

    /// The text with every edit made; None when edits overlap.
    fn apply(&self) -> Option<String> {
        // From the end of the text backwards, so earlier offsets stay
        // right. Inserts at one place go in the order they were planned (a
        // nested field's before its parent's next sibling): the later
        // planned is applied first, as each insert lands before the last.
        let mut edits: Vec<(usize, &(usize, usize, String))> =
            self.edits.iter().enumerate().collect();
        edits.sort_by(|(i, a), (j, b)| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(j.cmp(i)));
        let mut out = self.text.to_string();
        let mut limit = usize::MAX;
        for (_, (from, to, with)) in edits {
            if *to > limit {
                return None;
            }
            out.replace_range(*from..*to, with);
            limit = *from;
        }
        Some(out)
    }
}

fn start_of(k: &Spanned<Text>) -> usize {
    k.referenced.byte_offset()
}

/// The byte after the bracket closing the one at `at`, skipping quoted text.
fn matching_bracket(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(yaml: &str) -> Tree {
        Tree::from(&yaml::parse(yaml).unwrap().value)
    }

    #[test]
    fn a_changed_scalar_is_replaced_in_place_keeping_comments_and_quoting() {
        let text = "# head\na: 1 # one\nb:\n  c: \"x\"  # keep\n  d: [1, 2]\n  e: plain\n";
        let (out, _) = splice(text, &tree("a: 1\nb: {c: why, d: [1, 2], e: 2Gi}\n"));
        assert_eq!(
            out,
            "# head\na: 1 # one\nb:\n  c: \"why\"  # keep\n  d: [1, 2]\n  e: 2Gi\n"
        );
        // Plain text YAML 1.1 or 1.2 would read as something else gets quoted.
        for (value, written) in [
            ("\"yes\"", "\"yes\""),
            ("\"on\"", "\"on\""),
            ("\"12:30\"", "\"12:30\""),
            ("\"1e3\"", "\"1e3\""),
            ("\"2026-11-27\"", "\"2026-11-27\""),
            ("\"500m\"", "500m"),
            ("\"1.5Gi\"", "1.5Gi"),
        ] {
            let (out, _) = splice("e: plain\n", &tree(&format!("e: {value}\n")));
            assert_eq!(out, format!("e: {written}\n"), "{value}");
        }
    }

    #[test]
    fn fields_are_added_after_their_siblings_and_removed_with_their_lines() {
        let text = "a: 1\nb:\n  c: 1\n  # note\n  d:\n    e: 2\nz: 0\n";
        let (out, _) = splice(text, &tree("a: 1\nb: {c: 1, f: {g: [1, x]}}\nz: 0\n"));
        // New fields go after the last kept one; comments stay where they were.
        assert_eq!(
            out,
            "a: 1\nb:\n  c: 1\n  f:\n    g:\n      - 1\n      - x\n  # note\nz: 0\n"
        );
    }

    #[test]
    fn flow_mappings_and_json_keep_their_style() {
        let text = "{a: 1, b: 'x', c: [1, 2]}\n";
        let (out, anew) = splice(text, &tree("{a: 2, c: [1, 3], d: {e: f}}\n"));
        assert_eq!(out, "{a: 2, c: [1, 3], d: {e: f}}\n");
        assert!(!anew);
        let json = "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": \"x\"\n  }\n}\n";
        let (out, anew) = splice(json, &tree("{a: 1, n: 5, b: {c: yy, d: [z]}}\n"));
        assert_eq!(
            out,
            "{\n  \"a\": 1,\n  \"n\": 5,\n  \"b\": {\n    \"c\": \"yy\",\n    \"d\": [\"z\"]\n  }\n}\n"
        );
        assert!(!anew);
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
    }

    #[test]
    fn named_list_items_are_added_removed_and_edited() {
        let text = "l:\n  - name: a\n    v: 1\n  - name: b # bee\n    v: 2\n";
        let (out, _) = splice(text, &tree("l: [{name: b, v: 3}, {name: c, v: 4}]\n"));
        assert_eq!(
            out,
            "l:\n  - name: b # bee\n    v: 3\n  - name: c\n    v: 4\n"
        );
    }

    #[test]
    fn fields_added_at_two_depths_at_one_place_keep_their_order() {
        let text = "a:\n  b:\n    c: 1\nz: 1 # zz\n";
        let (out, _) = splice(text, &tree("a: {b: {c: 1, d: 2}, e: 3}\nz: 1\n"));
        assert_eq!(out, "a:\n  b:\n    c: 1\n    d: 2\n  e: 3\nz: 1 # zz\n");
    }

    #[test]
    fn a_field_that_cannot_be_spliced_is_rewritten_alone() {
        // Removing the first key of a list item cannot be cut by lines: the
        // item is written anew, and the rest of the document is untouched.
        let text = "l:\n  - name: x\n    v: 1\nz: 1 # zz\n";
        let (out, _) = splice(text, &tree("l: [{v: 2}]\nz: 1\n"));
        assert_eq!(out, "l:\n  - v: 2\nz: 1 # zz\n");
    }

    #[test]
    fn what_cannot_be_spliced_is_rewritten_and_still_right() {
        let text = "# c\na: {b: 1}\ns: |\n  x\n";
        let want = tree("a: {b: 2, c: [1]}\ns: \"y: z\"\n");
        let (out, _) = splice(text, &want);
        assert!(parses_to(&out, &want), "{out}");
        assert!(out.starts_with("# c\n"), "{out}");
    }

    #[test]
    fn comments_a_rewrite_drops_are_named() {
        let before = "# head\na: &x 1 # why one\nb: *x\nc: \"# not a comment\"\n";
        assert!(has_anchors(before));
        assert!(!has_anchors("a: 1 # &x\n"));
        assert_eq!(
            lost_comments(before, "# head\na: 1\nb: 1\nc: \"# not a comment\"\n"),
            ["# why one"]
        );
        assert!(lost_comments(before, before).is_empty());
    }

    #[test]
    fn streams_split_and_join_unchanged() {
        let text = "# h\na: 1\n---\nb: 2\n---\n# only a comment\n";
        let c = chunks(text).unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[1].object, Some(tree("b: 2")));
        assert_eq!(c[2].object, None);
        assert_eq!(join(&c), text);
    }
}
