//! The full reader: serde-saphyr, for everything the quick reader leaves
//! (tags, anchors, aliases, merge keys, typed scalars of every spelling)
//! and for every error's place and wording.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Node, ParseError, Place, Spanned, Text};

type Located<T> = serde_saphyr::Spanned<T>;

/// A node as serde-saphyr reads it, with its locations.
enum Raw {
    Scalar { text: String, typed: bool },
    Seq(Vec<Located<Raw>>),
    Map(Vec<(Located<String>, Located<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        struct V;
        fn typed(text: String) -> Raw {
            Raw::Scalar { text, typed: true }
        }
        impl<'de> Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Scalar {
                    text: v.to_string(),
                    typed: false,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
                Ok(typed(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
                Ok(typed(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = s.next_element()? {
                    items.push(x);
                }
                Ok(Raw::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = m.next_entry()? {
                    entries.push(entry);
                }
                Ok(Raw::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
}

fn place(l: &serde_saphyr::Location) -> Place {
    Place {
        line: l.line(),
        column: l.column(),
        byte_offset: l.span().byte_offset().unwrap_or(0) as usize,
        byte_len: l.span().byte_len().unwrap_or(0) as usize,
    }
}

fn string(k: Located<String>) -> Spanned<Text> {
    Spanned {
        referenced: place(&k.referenced),
        value: Text::from(k.value),
    }
}

fn node(raw: Located<Raw>) -> Spanned<Node> {
    let value = match raw.value {
        Raw::Scalar { text, typed } => Node::Scalar {
            text: Text::from(text),
            typed,
        },
        Raw::Seq(items) => Node::Seq(items.into_iter().map(node).collect()),
        Raw::Map(entries) => Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (string(k), node(v)))
                .collect(),
        ),
    };
    Spanned {
        value,
        referenced: place(&raw.referenced),
    }
}

fn parse_error(e: serde_saphyr::Error) -> ParseError {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((0, 0));
    let message = plain_message(e.to_string().lines().next().unwrap_or("invalid YAML"));
    ParseError {
        line,
        column,
        message,
    }
}

/// serde-saphyr's message in plain words: without its "error: line L
/// column C:" prefix (the place is given apart) and without the names of
/// its options and limits.
fn plain_message(raw: &str) -> String {
    let mut text = raw.strip_prefix("error: ").unwrap_or(raw);
    if let Some(rest) = text.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
        && rest
            .split(": ")
            .next()
            .is_some_and(|p| p.contains(" column "))
    {
        text = after;
    }
    let number = |s: &str| -> Option<u64> {
        s.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    };
    if let Some(key) = text.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return format!("the key `{key}` appears twice in one mapping");
    }
    if let Some(what) = text.strip_prefix("budget breached: ") {
        let n = number(what).map_or(0, |n| n.saturating_sub(1));
        return match what.split([' ', '{']).next() {
            Some("Depth") => format!("nested too deep: more than {n} levels"),
            Some("Nodes") => format!("too large: more than {n} values in one document"),
            _ => "too large to read".to_string(),
        };
    }
    text.to_string()
}

/// One document.
pub fn parse(text: &str) -> Result<Spanned<Node>, ParseError> {
    serde_saphyr::from_str(text).map(node).map_err(parse_error)
}

/// Every document of a stream, empty ones included.
pub fn parse_all(text: &str) -> Result<Vec<Spanned<Node>>, ParseError> {
    let docs: Vec<Located<Raw>> = serde_saphyr::from_multiple(text).map_err(parse_error)?;
    Ok(docs.into_iter().map(node).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_no_library_internals() {
        for (text, want) in [
            ("a: 1\na: 2\n", "the key `a` appears twice in one mapping"),
            (
                "a: b: c\n",
                "mapping values are not allowed in this context",
            ),
            ("x: \"open\n", "unclosed quote"),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.message, want, "{text:?}");
            assert!(e.line > 0, "{text:?}");
        }
        let deep = format!("x: {}{}", "[".repeat(70), "]".repeat(70));
        // serde-saphyr recurses deeply in a debug build: more stack than a
        // test thread has.
        let e = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || parse(&deep).unwrap_err())
            .unwrap()
            .join()
            .unwrap();
        assert!(
            e.message.starts_with("nested too deep: more than"),
            "{}",
            e.message
        );
        assert!(!e.message.contains('{'), "{}", e.message);
        let many: String = std::iter::once("x:\n".to_string())
            .chain((0..260_000).map(|_| "  - 1\n".to_string()))
            .collect();
        let e = parse_all(&many).unwrap_err();
        assert!(
            e.message.starts_with("too large: more than"),
            "{}",
            e.message
        );
        assert_eq!(
            plain_message("error: line 3 column 7: something odd"),
            "something odd"
        );
        assert_eq!(plain_message("budget breached: Other"), "too large to read");
    }
}
