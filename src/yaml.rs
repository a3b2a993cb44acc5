//! YAML with places: a node tree whose every value knows its line, column
//! and bytes, for config files (`layers`) and manifests (`lint`, `update`,
//! `adopt`).
//!
//! Two readers build the same tree. The quick one walks granit-parser's
//! events (the parser serde-saphyr itself runs on) and takes the plain
//! documents jobgen and its users write: no tags, anchors, aliases, merge
//! keys, duplicate keys or scalars whose type needs more than a glance.
//! Anything else, and every error, goes to serde-saphyr, which reads it
//! (and words its errors). Going through serde and its span wrappers cost
//! twice the parse itself, and `check` and `update` parse every folder of
//! a repository (tests keep both readers equal).

mod quick;
mod serde_reader;

/// Where a value stands in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    line: u64,
    column: u64,
    byte_offset: usize,
    byte_len: usize,
}

impl Place {
    /// The line, from 1 (0: unknown).
    pub fn line(&self) -> u64 {
        self.line
    }
    /// The column, from 1, in characters.
    pub fn column(&self) -> u64 {
        self.column
    }
    /// The value's first byte in the text.
    pub fn byte_offset(&self) -> usize {
        self.byte_offset
    }
    /// The value's length in bytes (quotes included).
    pub fn byte_len(&self) -> usize {
        self.byte_len
    }
}

/// A value and where it stands.
#[derive(Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub referenced: Place,
}

/// The text of a key or scalar: kept inline up to 23 bytes (most keys and
/// values of a manifest), so a tree costs an allocation per long text
/// only, not one per text.
pub type Text = smol_str::SmolStr;

/// A YAML node with the text of its scalars as written.
#[derive(Debug, PartialEq)]
pub enum Node {
    /// A scalar; `typed` when YAML read it as a number, boolean or null,
    /// whose text is then taken from the source as written.
    Scalar { text: Text, typed: bool },
    /// A sequence.
    Seq(Vec<Spanned<Node>>),
    /// A mapping, in file order.
    Map(Vec<(Spanned<Text>, Spanned<Node>)>),
}

impl Node {
    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Spanned<Node>> {
        self.entries()
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v)
    }

    /// The value at a path of mapping keys.
    pub fn at(&self, path: &[&str]) -> Option<&Spanned<Node>> {
        let (first, rest) = path.split_first()?;
        let node = self.get(first)?;
        if rest.is_empty() {
            Some(node)
        } else {
            node.value.at(rest)
        }
    }

    /// A scalar's text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A string scalar's text (not a number, boolean or null).
    pub fn string(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, typed: false } => Some(text),
            _ => None,
        }
    }

    /// True for the boolean `true`.
    pub fn is_true(&self) -> bool {
        matches!(self, Node::Scalar { text, typed: true } if text == "true")
    }

    /// True for the boolean `false`.
    pub fn is_false(&self) -> bool {
        matches!(self, Node::Scalar { text, typed: true } if text == "false")
    }

    /// An integer scalar.
    pub fn int(&self) -> Option<i64> {
        match self {
            Node::Scalar { text, typed: true } => text.parse().ok(),
            _ => None,
        }
    }

    /// A sequence's items (empty for anything else).
    pub fn items(&self) -> &[Spanned<Node>] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    /// A mapping's entries (empty for anything else).
    pub fn entries(&self) -> &[(Spanned<Text>, Spanned<Node>)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    /// True for null or an empty document.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, typed: true } if text.is_empty())
    }
}

/// A parse error's line, column and first line of message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

/// Parses one document.
pub fn parse(text: &str) -> Result<Spanned<Node>, ParseError> {
    // (An empty document is left to serde-saphyr, whose answer for one
    // differs with how it is empty.)
    if let Some(mut docs) = quick::documents(text)
        && docs.len() == 1
        && !docs[0].value.is_null()
    {
        return Ok(docs.remove(0));
    }
    serde_reader::parse(text)
}

/// Parses every document of a stream, skipping empty ones.
pub fn parse_all(text: &str) -> Result<Vec<Spanned<Node>>, ParseError> {
    let docs = match quick::documents(text) {
        Some(docs) => docs,
        None => serde_reader::parse_all(text)?,
    };
    Ok(docs.into_iter().filter(|d| !d.value.is_null()).collect())
}

/// A scalar's text as written in the file `text` (a number or boolean
/// keeps its spelling); None for a mapping or a list.
pub fn scalar_text(text: &str, node: &Spanned<Node>) -> Option<String> {
    match &node.value {
        Node::Scalar { text, typed: false } => Some(text.to_string()),
        Node::Scalar { typed: true, .. } => {
            let (start, len) = (node.referenced.byte_offset(), node.referenced.byte_len());
            text.get(start..start + len).map(str::to_string)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_their_lines() {
        let docs = parse_all("# c\na: 1\nb:\n  c: true\n---\nd: [x, 'y']\n---\n").unwrap();
        assert_eq!(docs.len(), 2);
        let c = docs[0].value.at(&["b", "c"]).unwrap();
        assert!(c.value.is_true());
        assert_eq!(c.referenced.line(), 4);
        assert_eq!(
            docs[1].value.get("d").unwrap().value.items()[1]
                .value
                .string(),
            Some("y")
        );
        assert_eq!(docs[1].referenced.line(), 6);
        assert!(parse_all("a: [1").is_err());
    }

    /// The quick reader's documents, checked against serde-saphyr's: the
    /// same tree, the same places. True when the quick reader took it.
    fn agree(text: &str) -> bool {
        let Some(mut quick) = quick::documents(text) else {
            return false;
        };
        let mut full = serde_reader::parse_all(text).unwrap_or_else(|e| {
            panic!("the quick reader took what serde-saphyr refuses ({e:?}):\n{text}")
        });
        if let [one] = quick.as_slice()
            && !one.value.is_null()
        {
            assert_eq!(Some(one), serde_reader::parse(text).ok().as_ref(), "{text}");
        }
        quick.retain(|d| !d.value.is_null());
        full.retain(|d| !d.value.is_null());
        assert_eq!(quick, full, "{text}");
        true
    }

    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                || path.file_name().is_some_and(|n| n == ".jobgen-answers")
            {
                out.push(path);
            }
        }
    }

    #[test]
    fn both_readers_agree_on_every_yaml_file_of_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("examples"), &mut files);
        yaml_files(&root.join("tests/fixtures"), &mut files);
        let mut taken = 0;
        // (Fixtures that are not UTF-8 are refused before any reader.)
        let texts: Vec<String> = files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect();
        for text in &texts {
            taken += usize::from(agree(text));
        }
        // Most files are plain: the quick reader must take them, or it
        // gains nothing.
        assert!(
            taken * 10 >= texts.len() * 9,
            "the quick reader took {taken} of {} files",
            texts.len()
        );
        let job =
            std::fs::read_to_string(root.join("examples/cloud-sql-restore-ojeomneo/job.yaml"))
                .unwrap();
        assert!(agree(&job), "a generated job.yaml is plain");
    }

    #[test]
    fn scalars_are_typed_as_serde_saphyr_types_them() {
        for (text, taken) in [
            ("a: 100m", true),
            ("a: 1Gi", true),
            ("a: 10.0.0.0/8", true),
            ("a: -5", true),
            ("a: 18446744073709551615", true),
            ("a: 18446744073709551616", false),
            ("a: 0", true),
            ("a: -0", false),
            ("a: 007", false),
            ("a: 0x1F", false),
            ("a: 1e3", false),
            ("a: 1.5", false),
            ("a: .inf", false),
            ("a: Infinity", false),
            ("a: nan", false),
            ("a: yes", true),
            ("a: Off", true),
            ("a: y", true),
            ("a: ~", true),
            ("a: Null", true),
            ("a:", true),
            ("a: 'yes'", true),
            ("a: \"1\"", true),
            ("a: |\n  x\n", true),
            ("a: !!str 1", false),
            ("a: &x 1\nb: *x", false),
            ("<<: {a: 1}", false),
            ("a: 1\na: 2", false),
            ("1: a", false),
            ("true: a", false),
            ("'1': a", true),
            ("%YAML 1.2\n---\na: 1", false),
            ("[a, {b: c}, [d]]", true),
            ("? [a]\n: b", false),
            ("a: [1", false),
            ("a: |\n  x\n# c\nb: 1\n", true),
            ("a: |-\n  x\n\n  # kept\n\n# c\n  # c\nb: 1", true),
            ("- |\n  x\n-  y\n", true),
            ("a: |\n  x\n   \nb: 1\n", true),
            ("a: |\n\n  x\n", true),
            ("a: >\n  x\n", true),
            ("a: |2\n   x\n", true),
        ] {
            assert_eq!(agree(text), taken, "{text}");
        }
    }

    /// A generated job.yaml with a few characters changed: wherever the
    /// quick reader still answers, serde-saphyr must read the same.
    fn mutated_job() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let job = include_str!("../examples/nightly-backup-ojeomneo/job.yaml");
        let edit = (
            0..job.len(),
            0..3u8,
            proptest::sample::select(vec![
                " ",
                ":",
                "-",
                "#",
                "'",
                "\"",
                "|",
                "\n",
                "[",
                "{",
                "a",
                "1",
                "  ",
                "- ",
                ": ",
                "é",
                "한글",
                "\u{1F600}",
            ]),
        );
        proptest::collection::vec(edit, 1..4).prop_map(move |edits| {
            let mut text = job.to_string();
            for (at, kind, with) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                match kind {
                    0 => text.insert_str(at, with),
                    1 if at < text.len() => {
                        let end = (at + 1..=text.len())
                            .find(|&i| text.is_char_boundary(i))
                            .unwrap();
                        text.replace_range(at..end, "");
                    }
                    _ => {
                        let end = (at + 1..=text.len())
                            .find(|&i| text.is_char_boundary(i))
                            .unwrap_or(at);
                        text.replace_range(at..end, with);
                    }
                }
            }
            text
        })
    }

    #[test]
    fn damaged_manifests_are_often_still_read_by_the_quick_reader() {
        // Else the test below would prove little.
        use proptest::strategy::{Strategy, ValueTree};
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = mutated_job();
        let taken = (0..400)
            .filter(|_| agree(&strategy.new_tree(&mut runner).unwrap().current()))
            .count();
        assert!(taken >= 100, "the quick reader took {taken} of 400");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 300, ..Default::default() })]
        #[test]
        fn no_text_makes_a_reader_panic(text in "[ a-z0-9:#'\"|>\\-\\[\\]{}\n\t\r\u{e9}\u{2028}]{0,60}") {
            let _ = parse_all(&text);
            let _ = parse(&text);
            let _ = quick::documents(&text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 300, ..Default::default() })]
        #[test]
        fn the_quick_reader_agrees_on_damaged_manifests(doc in mutated_job()) {
            agree(&doc);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 400, ..Default::default() })]
        #[test]
        fn both_readers_agree_on_random_documents(doc in random_yaml()) {
            agree(&doc);
        }
    }

    /// Block and flow YAML from scalars that are easy to mistype.
    fn random_yaml() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let scalar = proptest::sample::select(vec![
            "x",
            "100m",
            "1Gi",
            "0",
            "-1",
            "42",
            "007",
            "0x1F",
            "1e3",
            "1.5",
            ".inf",
            "-.inf",
            "nan",
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "~",
            "null",
            "",
            "'q'",
            "\"d\"",
            "a b",
            "10.0.0.0/8",
            "2026-01-01",
            "+1",
            "_x",
            "/bin/sh",
            "inf",
            "12:30",
            "1_000",
            "\"multi\\nline\"",
            "'it''s'",
            "한글",
            "-0",
            "18446744073709551616",
            "|\n  one\n  two",
            "|-\n  x\n\n  y",
            "|\n  # not a comment\n    deeper",
            "x # comment",
            "'a' # c",
            "[]",
            "{}",
            "a:b",
            "\"\\u00e9\\t\"",
            "key: value",
        ]);
        let key = proptest::sample::select(vec![
            "a", "b", "c", "name", "'q'", "1", "yes", "x y", "이름", "é",
        ]);
        let leaf = scalar.prop_map(|s| s.to_string());
        let tree = leaf.prop_recursive(4, 24, 4, move |inner| {
            prop_oneof![
                (
                    proptest::collection::vec(inner.clone(), 0..4),
                    any::<bool>()
                )
                    .prop_map(|(items, compact)| {
                        // A nested mapping on the dash's line (`- a: 1`) or below it.
                        let lines: Vec<String> = items
                            .iter()
                            .map(|i| match i.strip_prefix('\n') {
                                Some(block) if compact && !block.starts_with('-') => {
                                    format!("- {}", block.replace('\n', "\n  "))
                                }
                                _ => format!("- {}", i.replace('\n', "\n  ")),
                            })
                            .collect();
                        match lines.is_empty() {
                            true => "[]".to_string(),
                            false => format!("\n{}", lines.join("\n")),
                        }
                    }),
                (
                    proptest::collection::vec((key.clone(), inner), 0..4),
                    any::<bool>()
                )
                    .prop_map(|(entries, loose)| {
                        // Sequences under a key not indented, comments and blank lines between.
                        let lines: Vec<String> = entries
                            .iter()
                            .map(|(k, v)| match v.strip_prefix("\n-") {
                                Some(_) if loose => format!("# note\n\n{k}:{v}"),
                                _ => format!("{k}: {}", v.replace('\n', "\n  ")),
                            })
                            .collect();
                        match lines.is_empty() {
                            true => "{}".to_string(),
                            false => format!("\n{}", lines.join("\n")),
                        }
                    }),
            ]
        });
        proptest::collection::vec(tree, 1..3).prop_map(|docs| {
            docs.iter()
                .map(|d| format!("k: {}\n", d.replace('\n', "\n  ")))
                .collect::<Vec<_>>()
                .join("---\n")
        })
    }
}
