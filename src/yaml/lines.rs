//! The line reader: block YAML read line by line, for the documents jobgen
//! renders and most hand-written manifests look like: block mappings and
//! sequences (indented or not, `- key: value` items), plain, quoted and
//! literal (`|`, `|-`) scalars, empty `[]` and `{}`, comments and `---`
//! between documents. Anything else (flow collections with content, folded
//! or kept block scalars, tags, anchors, aliases, merge keys, complex
//! keys, multi-line plain or quoted scalars, tabs, control characters,
//! directives, a scalar document) gives None, and the event reader (then
//! serde-saphyr) reads the text instead. Where it answers, the tree and
//! every place are the ones serde-saphyr gives (tests keep them equal).

use super::quick::plain;
use super::{Node, Place, Spanned, Text};

/// serde-saphyr's limits: past them the other readers decide.
const MAX_DEPTH: usize = 64;
const MAX_KEYS: usize = 64;

/// One line: where it starts, its number, its indent and its text after
/// the indent without trailing spaces or newline.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    number: u64,
    indent: usize,
    text: &'a str,
    /// It ended in spaces (trimmed from `text`).
    trailing_space: bool,
}

impl Line<'_> {
    /// Blank or only a comment.
    fn empty(&self) -> bool {
        self.text.is_empty() || self.text.starts_with('#')
    }

    /// A `---` or `...` line, which ends the document.
    fn marker(&self) -> bool {
        self.indent == 0 && (self.text.starts_with("---") || self.text.starts_with("..."))
    }
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    /// The text's last line ends in a newline.
    ends_in_newline: bool,
    /// The next line to read.
    at: usize,
    depth: usize,
}

/// The documents of `text`, or None when another reader must read it.
/// Documents with no content are left out (serde-saphyr reads them as
/// null, which every caller skips).
pub fn documents(text: &str) -> Option<Vec<Spanned<Node>>> {
    if !plain_characters(text) {
        return None;
    }
    let mut reader = Reader {
        lines: line_table(text),
        ends_in_newline: text.ends_with('\n'),
        at: 0,
        depth: 0,
    };
    let mut docs = Vec::new();
    loop {
        reader.skip_empty();
        let Some(line) = reader.peek() else { break };
        match (line.indent, line.text) {
            (0, "---") => {
                reader.at += 1;
                continue;
            }
            (0, t) if t.starts_with('%') || t.starts_with("---") || t.starts_with("...") => {
                return None;
            }
            _ => {}
        }
        docs.push(reader.block(line)?);
        reader.skip_empty();
        if reader
            .peek()
            .is_some_and(|l| !(l.indent == 0 && l.text == "---"))
        {
            return None;
        }
    }
    Some(docs)
}

/// The lines of `text` as `split_inclusive('\n')` cuts them, each with its
/// indent (spaces) and its text without the indent, trailing spaces or
/// newline. One pass, eight bytes at a time for the newline.
fn line_table(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 24 + 1);
    let mut start = 0;
    while start < bytes.len() {
        let end = newline(bytes, start);
        let indent = bytes[start..end].iter().take_while(|&&b| b == b' ').count();
        let mut last = end;
        while last > start + indent && bytes[last - 1] == b' ' {
            last -= 1;
        }
        lines.push(Line {
            start,
            number: lines.len() as u64 + 1,
            indent,
            // Spaces and the newline are ASCII: both ends are boundaries.
            text: &text[start + indent..last],
            trailing_space: last < end,
        });
        start = end + 1;
    }
    lines
}

/// The index of the first newline in `bytes` from `from`, or the length.
fn newline(bytes: &[u8], from: usize) -> usize {
    find_byte(bytes, from, b'\n').unwrap_or(bytes.len())
}

/// The index of the first byte `b` in `bytes` from `from`, eight bytes at
/// a time.
fn find_byte(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8) {
        let marks = equal_bytes(word_of(word), b);
        if marks != 0 {
            return Some(i + marks.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&x| x == b).map(|p| i + p)
}

/// No tab, carriage return, control character (but the newline), byte
/// order mark or line separator anywhere (each asks for YAML's finer
/// rules). The bytes eight at a time; the characters only for a text that
/// is not all ASCII.
fn plain_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    let bad_word = |w: u64| (bytes_below(w, 0x20) & !equal_bytes(w, b'\n')) | equal_bytes(w, 0x7f);
    words.map(word_of).all(|w| bad_word(w) == 0)
        && tail.iter().all(|&b| !bad_byte(b))
        && (text.is_ascii()
            || !text.chars().any(|c| {
                (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
            }))
}

/// A byte that is neither a newline nor printable ASCII nor part of a
/// UTF-8 sequence (those are checked as characters).
fn bad_byte(b: u8) -> bool {
    !(b == b'\n' || (0x20..0x7f).contains(&b) || b >= 0x80)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes as one word, the first byte lowest.
fn word_of(bytes: &[u8]) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(bytes);
    u64::from_le_bytes(w)
}

/// The high bit of each byte of `w` that equals `b` (exact for every
/// byte: no borrow runs from one byte into the next).
fn equal_bytes(w: u64, b: u8) -> u64 {
    let x = w ^ (ONES * u64::from(b));
    !(((x & !HIGHS) + !HIGHS) | x) & HIGHS
}

/// The high bit of each byte of `w` below `n` (at most 0x80; exact for
/// every byte).
fn bytes_below(w: u64, n: u8) -> u64 {
    !(((w & !HIGHS) + ONES * u64::from(0x80 - n)) | w) & HIGHS
}

/// The place of what starts at byte `column` of `line` (indent included).
fn place(line: &Line, column: usize, byte_len: usize) -> Place {
    let prefix = &line.text[..column - line.indent];
    Place {
        line: line.number,
        column: (line.indent + prefix.chars().count() + 1) as u64,
        byte_offset: line.start + column,
        byte_len,
    }
}

/// The text after byte `skip` of `text` and its spaces: where it starts
/// and what it is.
fn after(text: &str, skip: usize) -> (usize, &str) {
    let rest = &text[skip..];
    let trimmed = rest.trim_start_matches(' ');
    (skip + rest.len() - trimmed.len(), trimmed)
}

/// Nothing, or a comment (the text after spaces, or a line's end).
fn nothing(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with('#')
}

/// A `- ` item (or a lone `-`).
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.at).copied()
    }

    fn skip_empty(&mut self) {
        while self.peek().is_some_and(|l| l.empty()) {
            self.at += 1;
        }
    }

    /// True when the next content line is indented more than `indent`.
    fn deeper(&mut self, indent: usize) -> bool {
        self.skip_empty();
        self.peek().is_some_and(|l| l.indent > indent)
    }

    /// The block collection starting at `line` (the next content line).
    fn block(&mut self, line: Line<'a>) -> Option<Spanned<Node>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let node = match is_item(line.text) {
            true => self.sequence(line, false),
            false => self.mapping(line),
        };
        self.depth -= 1;
        node
    }

    /// A block sequence at `first`'s indent; `indentless` when it is the
    /// value of a mapping key at the key's own indent (its place is then
    /// its first item's).
    fn sequence(&mut self, first: Line<'a>, indentless: bool) -> Option<Spanned<Node>> {
        let indent = first.indent;
        let mut items = Vec::new();
        let mut at = place(&first, indent, 0);
        while let Some(line) = self
            .peek()
            .filter(|l| l.indent == indent && is_item(l.text) && !l.marker())
        {
            let (skip, rest) = after(line.text, 1);
            let column = indent + skip;
            if indentless && items.is_empty() {
                if nothing(rest) {
                    return None;
                }
                at = place(&line, column, 0);
            }
            let item = if nothing(rest) {
                self.at += 1;
                match self.deeper(indent) {
                    true => {
                        let next = self.peek()?;
                        self.block(next)?
                    }
                    false => return None,
                }
            } else if is_item(rest) {
                return None;
            } else if entry(rest).is_some() {
                // `- key: value`: a mapping whose indent is its first key's.
                self.lines[self.at] = Line {
                    indent: column,
                    text: &line.text[skip..],
                    ..line
                };
                let next = self.peek()?;
                self.block(next)?
            } else {
                self.at += 1;
                let value = self.scalar(&line, column, rest)?;
                if self.deeper(indent) {
                    return None;
                }
                value
            };
            items.push(item);
            self.skip_empty();
        }
        if self.peek().is_some_and(|l| l.indent > indent) {
            return None;
        }
        Some(Spanned {
            value: Node::Seq(items),
            referenced: at,
        })
    }

    /// A block mapping at `first`'s indent.
    fn mapping(&mut self, first: Line<'a>) -> Option<Spanned<Node>> {
        let indent = first.indent;
        let at = place(&first, indent, 0);
        let mut entries: Vec<(Spanned<Text>, Spanned<Node>)> = Vec::new();
        while let Some(line) = self.peek().filter(|l| l.indent == indent && !l.marker()) {
            let (key_text, colon) = entry(line.text)?;
            self.at += 1;
            let key = Spanned {
                value: key_text,
                referenced: place(&line, indent, key_len(line.text, colon)),
            };
            if entries.len() >= MAX_KEYS || entries.iter().any(|(k, _)| k.value == key.value) {
                return None;
            }
            let (skip, rest) = after(line.text, colon + 1);
            let value = if nothing(rest) {
                self.skip_empty();
                match self.peek() {
                    Some(next) if next.indent > indent => self.block(next)?,
                    Some(next) if next.indent == indent && is_item(next.text) => {
                        self.depth += 1;
                        let seq = self.sequence(next, true);
                        self.depth -= 1;
                        seq?
                    }
                    _ => Spanned {
                        value: Node::Scalar {
                            text: Text::default(),
                            typed: true,
                        },
                        referenced: place(&line, indent + colon, 0),
                    },
                }
            } else {
                let value = self.scalar(&line, indent + skip, rest)?;
                if self.deeper(indent) {
                    return None;
                }
                value
            };
            entries.push((key, value));
            self.skip_empty();
        }
        if self.peek().is_some_and(|l| l.indent > indent) {
            return None;
        }
        Some(Spanned {
            value: Node::Map(entries),
            referenced: at,
        })
    }

    /// A value from byte `column` of `line` (the rest of it is `rest`): a
    /// scalar, an empty flow collection, or a literal block scalar whose
    /// lines follow.
    fn scalar(&mut self, line: &Line<'a>, column: usize, rest: &str) -> Option<Spanned<Node>> {
        let (node, len) = match rest.as_bytes()[0] {
            b'"' | b'\'' => {
                let (text, len) = quoted(rest)?;
                if !nothing(rest[len..].trim_start_matches(' ')) || rest[len..].starts_with('#') {
                    return None;
                }
                (Node::Scalar { text, typed: false }, len)
            }
            b'[' | b'{' => {
                let node = match rest.as_bytes()[0] {
                    b'[' => Node::Seq(Vec::new()),
                    _ => Node::Map(Vec::new()),
                };
                let close = if rest.starts_with('[') { "[]" } else { "{}" };
                let tail = rest.strip_prefix(close)?;
                if !(tail.is_empty() || tail.starts_with(" #")) {
                    return None;
                }
                (node, 1)
            }
            b'|' => return self.literal(line, rest),
            _ => {
                let text = plain_end(rest)?;
                let (value, typed) = plain(text)?;
                (Node::Scalar { text: value, typed }, text.len())
            }
        };
        Some(Spanned {
            value: node,
            referenced: place(line, column, len),
        })
    }

    /// A literal block scalar (`|` or `|-`, the rest of `line`); its lines
    /// follow, indented past `line`'s. Its place is its first content line.
    fn literal(&mut self, line: &Line<'a>, rest: &str) -> Option<Spanned<Node>> {
        let strip = match rest {
            "|" => false,
            "|-" => true,
            _ => return None,
        };
        let mut content_indent = None;
        let mut text = String::new();
        let (mut blank, mut last) = (0, None);
        let mut i = self.at;
        while let Some(l) = self.lines.get(i) {
            if l.text.is_empty() {
                // A line of spaces may be content or not: the other readers decide.
                if l.indent > 0 {
                    return None;
                }
                blank += 1;
                i += 1;
                continue;
            }
            let indent = *content_indent.get_or_insert(l.indent);
            if l.indent < indent || indent <= line.indent {
                break;
            }
            if l.trailing_space {
                return None;
            }
            for _ in 0..blank {
                text.push('\n');
            }
            blank = 0;
            text.push_str(&" ".repeat(l.indent - indent));
            text.push_str(l.text);
            text.push('\n');
            last = Some(i);
            i += 1;
        }
        let last = last?;
        // Blank lines before the first content line: the other readers.
        let first = self.lines[self.at];
        if first.text.is_empty() {
            return None;
        }
        if strip {
            text.pop();
        }
        self.at = last + 1;
        // From the first content character to the next token: the first
        // character of the next line that holds one (or the text's end).
        let end = self.lines[last + 1..]
            .iter()
            .find(|l| !l.text.is_empty())
            .map_or_else(
                || {
                    let l = self.lines[self.lines.len() - 1];
                    l.start + l.indent + l.text.len() + usize::from(self.ends_in_newline)
                },
                |next| next.start + next.indent,
            );
        let start = first.start + first.indent;
        Some(Spanned {
            value: Node::Scalar {
                text: Text::from(text),
                typed: false,
            },
            referenced: place(&first, first.indent, end - start),
        })
    }
}

/// The length of a key that ends before byte `colon` (quotes included).
fn key_len(text: &str, colon: usize) -> usize {
    text[..colon].trim_end_matches(' ').len()
}

/// A mapping entry's key and the byte index of its `:`. None when the line
/// is not a `key: value` the line reader takes.
fn entry(text: &str) -> Option<(Text, usize)> {
    let (key, colon) = match text.as_bytes().first()? {
        b'"' | b'\'' => {
            let (key, len) = quoted(text)?;
            (key, len)
        }
        _ => {
            let colon = plain_key_end(text)?;
            let raw = &text[..colon];
            match plain(raw)? {
                (k, false)
                    if k != "<<"
                        && pair(raw, b' ', b'#').is_none()
                        && !raw.ends_with(' ')
                        && plain_start(raw) =>
                {
                    (k, colon)
                }
                _ => return None,
            }
        }
    };
    let tail = text[colon..].strip_prefix(':')?;
    match tail.is_empty() || tail.starts_with(' ') {
        true => Some((key, colon)),
        false => None,
    }
}

/// Where a plain key ends: its first `:` followed by a space or the end.
fn plain_key_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| *b == b' '))
}

/// Where the two bytes `a` `b` first follow each other in `text` (cheaper
/// than a `str` search for the short texts of a line).
fn pair(text: &str, a: u8, b: u8) -> Option<usize> {
    text.as_bytes()
        .windows(2)
        .position(|w| w[0] == a && w[1] == b)
}

/// A plain scalar may start so (no indicator that would make it something
/// else).
fn plain_start(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        None => false,
        Some(b'-' | b'?' | b':') => bytes.get(1).is_some_and(|b| *b != b' '),
        Some(first) => !b",[]{}#&*!|>'\"%@`".contains(first),
    }
}

/// The plain scalar at the start of `rest` (a value), up to a comment; None
/// when it could be read another way (`a: b`, a trailing `:`).
fn plain_end(rest: &str) -> Option<&str> {
    if !plain_start(rest) {
        return None;
    }
    let text = match pair(rest, b' ', b'#') {
        Some(i) => rest[..i].trim_end_matches(' '),
        None => rest,
    };
    if pair(text, b':', b' ').is_some() || text.ends_with(':') {
        return None;
    }
    Some(text)
}

/// A quoted scalar at the start of `text`, closed on the same line: its
/// value and its length with the quotes. None for escapes past the common
/// ones.
fn quoted(text: &str) -> Option<(Text, usize)> {
    let quote = text.as_bytes()[0] as char;
    // Most quoted scalars hold no escape: their text as it stands.
    let body = &text[1..];
    let end = match quote {
        '"' => body.find(['"', '\\']),
        _ => body.find('\''),
    };
    if let Some(end) = end {
        let unescaped = match quote {
            '"' => body.as_bytes()[end] == b'"',
            _ => !body[end + 1..].starts_with('\''),
        };
        if unescaped {
            return Some((Text::new(&body[..end]), end + 2));
        }
    }
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' if quote == '\'' => match chars.peek() {
                Some((_, '\'')) => {
                    chars.next();
                    value.push('\'');
                }
                _ => return Some((Text::from(value), i + 1)),
            },
            '"' if quote == '"' => return Some((Text::from(value), i + 1)),
            '\\' if quote == '"' => {
                let (_, e) = chars.next()?;
                match e {
                    '\\' | '"' | '/' => value.push(e),
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    'u' => {
                        let hex: String = (0..4)
                            .map(|_| chars.next().map(|(_, h)| h))
                            .collect::<Option<_>>()?;
                        value.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    _ => return None,
                }
            }
            _ => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line table as `split_inclusive` and `trim_*_matches` give it
    /// (the way it was built before the one-pass table).
    fn table_by_str(text: &str) -> Vec<(usize, u64, usize, &str, bool)> {
        let mut start = 0;
        let mut out = Vec::new();
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let body = raw.strip_suffix('\n').unwrap_or(raw);
            let trimmed = body.trim_start_matches(' ');
            let t = trimmed.trim_end_matches(' ');
            out.push((
                start,
                i as u64 + 1,
                body.len() - trimmed.len(),
                t,
                t.len() < trimmed.len(),
            ));
            start += raw.len();
        }
        out
    }

    fn table(text: &str) -> Vec<(usize, u64, usize, &str, bool)> {
        line_table(text)
            .into_iter()
            .map(|l| (l.start, l.number, l.indent, l.text, l.trailing_space))
            .collect()
    }

    /// The character check the plain way: character by character.
    fn plain_by_chars(text: &str) -> bool {
        !text.chars().any(|c| {
            (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
        })
    }

    #[test]
    fn byte_marks_are_exact_for_every_byte_in_every_place() {
        for fill in [0x00u8, 0x0a, 0x1f, 0x20, 0x7f, 0x80, 0xff] {
            for place in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [fill; 8];
                    bytes[place] = b;
                    let w = u64::from_le_bytes(bytes);
                    for (i, &x) in bytes.iter().enumerate() {
                        let high = |m: u64| m >> (i * 8 + 7) & 1 == 1;
                        assert_eq!(high(equal_bytes(w, b'\n')), x == b'\n', "{bytes:?}");
                        assert_eq!(high(equal_bytes(w, 0x7f)), x == 0x7f, "{bytes:?}");
                        assert_eq!(high(bytes_below(w, 0x20)), x < 0x20, "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn byte_searches_agree_with_the_plain_way() {
        for text in [
            "",
            "#",
            "a #b",
            "key: value",
            "0123456789abcdef: #x",
            "한국어: 값 #주석",
        ] {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() + 1 {
                for b in [b':', b'#', b' ', b'x'] {
                    let plain = bytes
                        .get(from..)
                        .and_then(|r| r.iter().position(|&x| x == b).map(|p| from + p));
                    assert_eq!(find_byte(bytes, from, b), plain, "{text:?} {from} {b}");
                }
            }
        }
    }

    #[test]
    fn line_tables_of_edge_texts() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "   \n  x  \n",
            "k: v   \n  - a\n",
            "0123456789abcdef0123456789abcdef\nx",
            "é: ü  \n\n   \n",
        ] {
            assert_eq!(table(text), table_by_str(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]
        /// The one-pass table and the eight-byte character check agree
        /// with the plain ways of doing both, on texts made of what YAML
        /// lines hold and every kind of character the check refuses.
        #[test]
        fn line_table_and_character_check_agree_with_the_plain_ways(
            mut parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    " ", "  ", "\n", "a", "key", ":", "- ", "#", "é", "한", "~",
                ]),
                0..80,
            ),
            // At most one refused character, anywhere: each must be
            // found on its own, in a full word or in the tail.
            bad in proptest::option::of(proptest::sample::select(vec![
                "\t", "\r", "\u{1}", "\u{1f}", "\u{7f}", "\u{85}", "\u{feff}", "\u{2028}",
                "\u{2029}", "\u{0}",
            ])),
            at in 0usize..80,
            // Half the texts all ASCII, where only the bytes are checked.
            ascii in proptest::bool::ANY,
        ) {
            if ascii {
                parts.retain(|p| p.is_ascii());
            }
            if let Some(bad) = bad {
                parts.insert(at.min(parts.len()), bad);
            }
            let text: String = parts.concat();
            proptest::prop_assert_eq!(table(&text), table_by_str(&text));

            proptest::prop_assert_eq!(plain_characters(&text), plain_by_chars(&text), "{:?}", text);
        }
    }
}
