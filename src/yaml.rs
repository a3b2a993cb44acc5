//! YAML with places: a node tree whose every value knows its line and
//! column, for config files (`layers`) and manifests (`lint`).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A YAML node with the text of its scalars as written.
#[derive(Debug)]
pub enum Node {
    /// A scalar; `typed` when YAML read it as a number, boolean or null,
    /// whose text is then taken from the source as written.
    Scalar { text: String, typed: bool },
    /// A sequence.
    Seq(Vec<Spanned<Node>>),
    /// A mapping, in file order.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct V;
        fn typed(text: String) -> Node {
            Node::Scalar { text, typed: true }
        }
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Scalar {
                    text: v.to_string(),
                    typed: false,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(typed(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(typed(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(typed(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = s.next_element()? {
                    items.push(x);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = m.next_entry()? {
                    entries.push(entry);
                }
                Ok(Node::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
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
    pub fn entries(&self) -> &[(Spanned<String>, Spanned<Node>)] {
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

/// Parses one document.
pub fn parse(text: &str) -> Result<Spanned<Node>, ParseError> {
    serde_saphyr::from_str(text).map_err(parse_error)
}

/// Parses every document of a stream, skipping empty ones.
pub fn parse_all(text: &str) -> Result<Vec<Spanned<Node>>, ParseError> {
    let docs: Vec<Spanned<Node>> = serde_saphyr::from_multiple(text).map_err(parse_error)?;
    Ok(docs.into_iter().filter(|d| !d.value.is_null()).collect())
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
}
