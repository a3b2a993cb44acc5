//! The JSON reader: a JSON document (jobgen's recorded answers are pretty
//! JSON) read straight into the tree the quick reader builds for the same
//! text, places included, without running the YAML parser over it (which
//! cost `check` and `update` 0.45 M instructions a folder). It takes plain
//! JSON only: spaces and newlines between tokens, strings whose escapes
//! are the one-letter ones, scalars the quick reader types at a glance;
//! anything else (tabs, `\u` escapes, floats, duplicate or too many keys,
//! deep nesting, any error) gives None and goes to the YAML readers, which
//! read it, or word its error, as before.

use super::quick::{self, MAX_DEPTH, MAX_KEYS};
use super::{Node, Place, Spanned, Text};

/// Longer texts go to the quick reader, which counts its events against
/// serde-saphyr's budget.
const MAX_LEN: usize = 256 * 1024;

/// The one document of `text`, or None when the YAML readers must read it.
pub fn document(text: &str) -> Option<Spanned<Node>> {
    if text.len() > MAX_LEN || !printable(text) {
        return None;
    }
    let mut r = Reader {
        text,
        at: 0,
        line: 1,
        line_start: 0,
        depth: 0,
    };
    r.space();
    let node = r.value()?;
    r.space();
    (r.at == text.len()).then_some(node)
}

/// Only newlines and characters YAML may hold as they are (its
/// `c-printable`, less tabs and carriage returns): JSON takes control and
/// other characters in a string that a YAML stream may not hold.
fn printable(text: &str) -> bool {
    let plain = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n';
    text.as_bytes().iter().all(plain)
        || text.chars().all(|c| {
            matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        })
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    line: u64,
    line_start: usize,
    depth: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Spaces and newlines (tabs and carriage returns go to the YAML
    /// readers, whose rules for them in flow context differ from JSON's).
    fn space(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' => {}
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.at + 1;
                }
                _ => return,
            }
            self.at += 1;
        }
    }

    /// The place of the `len` bytes from `start` (on the current line).
    fn place(&self, start: usize, len: usize) -> Place {
        let before = &self.text[self.line_start..start];
        let column = match before.is_ascii() {
            true => before.len(),
            false => before.chars().count(),
        };
        Place {
            line: self.line,
            column: column as u64 + 1,
            byte_offset: start,
            byte_len: len,
        }
    }

    fn value(&mut self) -> Option<Spanned<Node>> {
        match self.peek()? {
            b'{' => self.map(),
            b'[' => self.seq(),
            b'"' => {
                let start = self.at;
                let text = self.string()?;
                Some(Spanned {
                    value: Node::Scalar { text, typed: false },
                    referenced: self.place(start, self.at - start),
                })
            }
            _ => {
                let start = self.at;
                let end = self.text[start..]
                    .find([',', ']', '}', ' ', '\n'])
                    .map_or(self.text.len(), |i| start + i);
                let word = &self.text[start..end];
                // JSON's words and integers only; the quick reader types them.
                let json = matches!(word, "true" | "false" | "null")
                    || word.bytes().all(|b| b.is_ascii_digit() || b == b'-');
                if word.is_empty() || !json {
                    return None;
                }
                let (text, typed) = quick::plain(word)?;
                self.at = end;
                Some(Spanned {
                    value: Node::Scalar { text, typed },
                    referenced: self.place(start, end - start),
                })
            }
        }
    }

    /// A string from its opening quote, escapes decoded.
    fn string(&mut self) -> Option<Text> {
        let body = &self.text[self.at + 1..];
        let end = body.find(['"', '\\'])?;
        if body.as_bytes()[end] == b'"' {
            self.at += end + 2;
            return Some(Text::new(&body[..end]));
        }
        let mut out = String::new();
        let mut rest = body;
        loop {
            let i = rest.find(['"', '\\'])?;
            out.push_str(&rest[..i]);
            if rest.as_bytes()[i] == b'"' {
                rest = &rest[i + 1..];
                break;
            }
            let decoded = match rest.as_bytes().get(i + 1)? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                _ => return None,
            };
            out.push(decoded);
            rest = &rest[i + 2..];
        }
        self.at += 1 + body.len() - rest.len();
        Some(Text::from(out))
    }

    /// Steps past `{` or `[`, within the depth the quick reader allows.
    fn open(&mut self) -> Option<Place> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let at = self.place(self.at, 1);
        self.at += 1;
        self.space();
        Some(at)
    }

    /// After an item: true at the closing `close`, false after a comma.
    fn next(&mut self, close: u8) -> Option<bool> {
        self.space();
        let b = self.peek()?;
        self.at += 1;
        match b {
            b',' => {
                self.space();
                Some(false)
            }
            _ if b == close => {
                self.depth -= 1;
                Some(true)
            }
            _ => None,
        }
    }

    fn seq(&mut self) -> Option<Spanned<Node>> {
        let at = self.open()?;
        let mut items = Vec::new();
        if self.peek()? == b']' {
            self.at += 1;
            self.depth -= 1;
        } else {
            loop {
                items.push(self.value()?);
                if self.next(b']')? {
                    break;
                }
            }
        }
        Some(Spanned {
            value: Node::Seq(items),
            referenced: at,
        })
    }

    fn map(&mut self) -> Option<Spanned<Node>> {
        let at = self.open()?;
        let mut entries: Vec<(Spanned<Text>, Spanned<Node>)> = Vec::new();
        if self.peek()? == b'}' {
            self.at += 1;
            self.depth -= 1;
        } else {
            loop {
                if self.peek()? != b'"' {
                    return None;
                }
                let start = self.at;
                let key = self.string()?;
                let key_at = self.place(start, self.at - start);
                // YAML's implicit keys are at most 1,024 characters long.
                let long = self.at - start > 1024;
                if long || entries.len() >= MAX_KEYS || entries.iter().any(|(k, _)| k.value == key)
                {
                    return None;
                }
                // The colon right after the key, as JSON writers put it.
                if self.peek()? != b':' {
                    return None;
                }
                self.at += 1;
                self.space();
                let value = self.value()?;
                entries.push((
                    Spanned {
                        value: key,
                        referenced: key_at,
                    },
                    value,
                ));
                if self.next(b'}')? {
                    break;
                }
            }
        }
        Some(Spanned {
            value: Node::Map(entries),
            referenced: at,
        })
    }
}
