//! The quick reader: a node tree straight from granit-parser's events, for
//! plain documents only. It gives up (None) on anything serde-saphyr would
//! read with more care or refuse: tags, anchors, aliases, merge keys,
//! duplicate keys, `%YAML` directives, non-string keys, scalars that might
//! be floats or other spellings of numbers, nesting, sizes or counts past
//! serde-saphyr's budget, and every parse error. What it returns is what
//! serde-saphyr returns for the same text.

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::{Node, Place, Spanned, Text};

/// serde-saphyr's default budget: deeper, larger or longer streams go to
/// it, so it refuses them as before.
pub(super) const MAX_DEPTH: usize = 64;
const MAX_EVENTS: usize = 250_000;
const MAX_DOCUMENTS: usize = 1_024;
/// Mappings longer than this go to serde-saphyr for the duplicate check.
pub(super) const MAX_KEYS: usize = 64;

/// A collection being read.
enum Open {
    Seq(Place, Vec<Spanned<Node>>),
    /// Entries, and the key whose value comes next.
    Map(
        Place,
        Vec<(Spanned<Text>, Spanned<Node>)>,
        Option<Spanned<Text>>,
    ),
}

fn place(span: &Span) -> Place {
    let start = span.start.byte_offset().unwrap_or(0);
    Place {
        line: span.start.line() as u64,
        column: span.start.col() as u64 + 1,
        byte_offset: start,
        byte_len: span
            .end
            .byte_offset()
            .unwrap_or(start)
            .saturating_sub(start),
    }
}

/// YAML 1.1 booleans, as serde-saphyr reads them.
fn boolean(s: &str) -> Option<bool> {
    if s.len() > 5 {
        return None;
    }
    let is = |words: [&str; 4]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
    match () {
        _ if is(["true", "yes", "y", "on"]) => Some(true),
        _ if is(["false", "no", "n", "off"]) => Some(false),
        _ => None,
    }
}

/// A decimal integer with no sign but `-` and no leading zero, as
/// serde-saphyr prints it back; None for anything else.
fn integer(s: &str) -> Option<Text> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    match (plain, s.starts_with('-')) {
        (false, _) => None,
        (true, true) if digits == "0" => None,
        // With no leading zero, the number prints back as `s`.
        (true, true) => s.parse::<i64>().ok().map(|_| Text::new(s)),
        (true, false) => s.parse::<u64>().ok().map(|_| Text::new(s)),
    }
}

/// A plain scalar as serde-saphyr types it: text and whether it is typed.
/// None when only serde-saphyr can tell (floats, other number spellings).
pub(super) fn plain(s: &str) -> Option<(Text, bool)> {
    if matches!(s, "" | "~" | "null" | "Null" | "NULL") {
        return Some((Text::default(), true));
    }
    if let Some(b) = boolean(s) {
        return Some((Text::new_static(if b { "true" } else { "false" }), true));
    }
    let first = s.as_bytes()[0];
    if first.is_ascii_alphabetic() || first == b'_' || first == b'/' {
        // `inf`, `infinity` and `nan` are floats to Rust's parser.
        let head = s.as_bytes().get(..3);
        let float =
            head.is_some_and(|h| h.eq_ignore_ascii_case(b"inf") || h.eq_ignore_ascii_case(b"nan"));
        return match float {
            true => None,
            false => Some((Text::new(s), false)),
        };
    }
    if let Some(n) = integer(s) {
        return Some((n, true));
    }
    // A text that starts with a digit and holds a character no number
    // spelling has (`100m`, `1Gi`, `10.0.0.0/8`) is a string.
    let numeric = |b: u8| b.is_ascii_hexdigit() || b"xXoO.+-_:".contains(&b);
    match first.is_ascii_digit() && !s.bytes().all(numeric) {
        true => Some((Text::new(s), false)),
        false => None,
    }
}

/// The documents of `text`, or None when serde-saphyr must read it.
pub fn documents(text: &str) -> Option<Vec<Spanned<Node>>> {
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut events = 0;
    while let Some(item) = parser.next_event() {
        let (event, span) = item.ok()?;
        events += 1;
        if events > MAX_EVENTS || docs.len() > MAX_DOCUMENTS || open.len() > MAX_DEPTH {
            return None;
        }
        let at = place(&span);
        let wants_key = matches!(open.last(), Some(Open::Map(_, _, None)));
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(_, version) => match version {
                None => continue,
                Some(_) => return None,
            },
            Event::Scalar(value, style, 0, None) if wants_key => {
                let key = match style {
                    ScalarStyle::Plain => match plain(&value)? {
                        (text, false) if text != "<<" => text,
                        _ => return None,
                    },
                    _ => Text::new(&value),
                };
                let Some(Open::Map(_, entries, next)) = open.last_mut() else {
                    return None;
                };
                if entries.len() >= MAX_KEYS || entries.iter().any(|(k, _)| k.value == key) {
                    return None;
                }
                *next = Some(Spanned {
                    value: key,
                    referenced: at,
                });
                continue;
            }
            Event::Scalar(value, style, 0, None) => {
                let (text, typed) = match style {
                    ScalarStyle::Plain => plain(&value)?,
                    _ => (Text::new(&value), false),
                };
                Spanned {
                    value: Node::Scalar { text, typed },
                    referenced: at,
                }
            }
            Event::SequenceStart(_, 0, None) if !wants_key => {
                open.push(Open::Seq(at, Vec::new()));
                continue;
            }
            Event::MappingStart(_, 0, None) if !wants_key => {
                open.push(Open::Map(at, Vec::new(), None));
                continue;
            }
            Event::SequenceEnd => match open.pop()? {
                Open::Seq(at, items) => Spanned {
                    value: Node::Seq(items),
                    referenced: at,
                },
                Open::Map(..) => return None,
            },
            Event::MappingEnd => match open.pop()? {
                Open::Map(at, entries, None) => Spanned {
                    value: Node::Map(entries),
                    referenced: at,
                },
                _ => return None,
            },
            // Tags, anchors, aliases, complex keys.
            _ => return None,
        };
        match open.last_mut() {
            None => docs.push(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => entries.push((key.take()?, node)),
        }
    }
    Some(docs)
}
