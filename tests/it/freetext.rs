//! Property: any free text (description, ConfigMap values, command words)
//! either fails validation with a message naming the flag, or comes out of
//! the generated YAML byte for byte. Nothing panics.

use jobgen::answers::fields::key;
use std::path::Path;

use jobgen::answers::layers::{Entry, Layers, Source, Value};
use jobgen::error::Error;
use proptest::prelude::*;

use crate::harness::{documents, find};

/// Pieces YAML, Tera, JSON and shells treat specially.
const PIECES: &[&str] = &[
    "yes",
    "no",
    "on",
    "off",
    "null",
    "~",
    "true",
    "0777",
    "1e3",
    "0x1F",
    "12:30",
    "2026-11-27",
    ".inf",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#",
    ": ",
    ":",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "'",
    "\"",
    "\\",
    "- ",
    "? ",
    "&a",
    "*a",
    "!t",
    "!!str",
    "|",
    ">",
    "%",
    "@",
    "`",
    ",",
    "[",
    "]",
    "{",
    "}",
    "---",
    "...",
    "<b>",
    "&amp;",
    "$(X)",
    "${X}",
    "한글",
    "🚀",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
    "\u{85}",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "é",
    "\u{10ffff}",
];

fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..8).prop_map(|p| p.concat()),
        (
            prop::collection::vec(prop::sample::select(PIECES), 0..4),
            any::<String>()
        )
            .prop_map(|(p, s)| format!("{}{s}", p.concat())),
    ]
}

fn answers(text: &str) -> Layers {
    let mut l = Layers::default();
    l.set_text(key::NAME, "free-text-x", Source::Flag);
    l.set_text(key::DESCRIPTION, text, Source::Flag);
    l.set(
        key::COMMAND,
        Value::List(vec!["sh".into(), "-c".into(), text.into()]),
        Source::Flag,
    );
    let entry = Entry {
        key: "VALUE".into(),
        value: Some(text.into()),
        source: Source::Flag,
    };
    l.set(key::ENV_VARS, Value::Map(vec![entry]), Source::Flag);
    l
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn free_text_round_trips_or_is_refused_clearly(text in tricky()) {
        match jobgen::render::folder(&answers(&text), Path::new("free-text-x")) {
            Err(Error::Invalid(list)) => {
                for e in &list {
                    prop_assert!(["--description", "COMMAND", "--env-var", "-- COMMAND"].contains(&e.flag.as_str()), "{e}");
                    prop_assert!(e.why.contains("control character"), "{e}");
                }
                prop_assert!(text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
            }
            Err(e) => prop_assert!(false, "unexpected error: {e}"),
            Ok((_, files)) => {
                let yaml: Vec<&str> = files.iter().filter(|f| f.is_yaml()).map(|f| f.contents.as_str()).collect();
                let docs = documents(&yaml.join("---\n"));
                let job = find(&docs, "Job");
                prop_assert_eq!(job["metadata"]["annotations"]["kubernetes.io/description"].as_str(), Some(text.as_str()));
                prop_assert_eq!(job["spec"]["template"]["spec"]["containers"][0]["command"][2].as_str(), Some(text.as_str()));
                prop_assert_eq!(find(&docs, "ConfigMap")["data"]["VALUE"].as_str(), Some(text.as_str()));
                let readme = &files.iter().find(|f| f.name == "README.md").unwrap().contents;
                prop_assert!(readme.contains(&text), "the README carries the description as given");
            }
        }
    }
}
