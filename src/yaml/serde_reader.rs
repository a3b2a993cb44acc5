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
    let message = e
        .to_string()
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .to_string();
    ParseError {
        line,
        column,
        message,
    }
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
