//! The recorded answers and base as pretty JSON, byte for byte what
//! `serde_json::to_string_pretty` writes, without its per-byte escaping
//! loop: the base holds every generated file (about 10 KB of text), and
//! escaping it through serde_json was a twentieth of a written `new`
//! (README, Speed). Strings are scanned eight bytes at a time for the
//! bytes JSON must escape (`"`, `\` and controls below 0x20).

use serde_json::Value as Json;

/// `value` as `serde_json::to_string_pretty` writes it (two-space indent);
/// the tests compare it with serde_json's.
#[cfg(test)]
pub fn pretty(value: &Json) -> String {
    let mut out = String::with_capacity(256);
    write_value(&mut out, value, 0);
    out
}

/// An object of string values, in the order given, as [`pretty`] writes
/// `Json::Object` of `Json::String`s: without building the object.
pub fn pretty_strings<'a>(entries: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> String {
    // Sized once: the texts, their quotes and separators, and room for
    // escapes (a newline every few dozen bytes), instead of growing a
    // 10 KiB base by doubling (README, Speed).
    let texts: usize = entries.clone().map(|(k, v)| k.len() + v.len() + 8).sum();
    let mut out = String::with_capacity(texts + texts / 8 + 4);
    object(&mut out, entries, 0, |out, value: &str, _| {
        string(out, value)
    });
    out
}

pub(super) fn write_value(out: &mut String, value: &Json, level: usize) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&n.to_string()),
        Json::String(s) => string(out, s),
        Json::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, level + 1);
                write_value(out, item, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push(']');
        }
        Json::Object(map) => object(out, map.iter(), level, write_value),
    }
}

/// An object of `entries` at nesting `level`, each value written by
/// `item`, as `serde_json::to_string_pretty` writes one.
pub(super) fn object<K: AsRef<str>, T>(
    out: &mut String,
    entries: impl Iterator<Item = (K, T)>,
    level: usize,
    item: fn(&mut String, T, usize),
) {
    out.push('{');
    let mut any = false;
    for (key, value) in entries {
        out.push_str(if any { ",\n" } else { "\n" });
        any = true;
        indent(out, level + 1);
        string(out, key.as_ref());
        out.push_str(": ");
        item(out, value, level + 1);
    }
    if any {
        out.push('\n');
        indent(out, level);
    }
    out.push('}');
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// The bytes of `word` (little-endian) that must be escaped: below 0x20,
/// `"` or `\`, each marked by its high bit. The lowest mark is exact (the
/// classic "has a byte less than n" test; a borrow only carries upwards
/// from a true match); marks above it may be false. Bytes of 0x80 and
/// above never match.
fn escape_marks(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGHS;
    let control = below(word, 0x20);
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash
}

fn must_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// `s` as a JSON string, escaped as serde_json escapes it.
fn string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            let marks = escape_marks(u64::from_le_bytes(chunk));
            if marks == 0 {
                i += 8;
                continue;
            }
            i += marks.trailing_zeros() as usize / 8;
        } else if !must_escape(bytes[i]) {
            i += 1;
            continue;
        }
        // bytes[i] is escaped; it is ASCII, so both ends are boundaries.
        out.push_str(&s[start..i]);
        let b = bytes[i];
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_ascii_byte_is_escaped_as_serde_json_escapes_it() {
        for b in 0u8..=0x7f {
            // At every offset within and across an eight-byte word.
            for pad in 0..10 {
                let s = format!("{}{}{}", "a".repeat(pad), char::from(b), "ü".repeat(pad));
                let mut ours = String::new();
                string(&mut ours, &s);
                assert_eq!(ours, serde_json::to_string(&s).unwrap(), "byte {b:#04x}");
            }
        }
    }

    /// A xorshift generator: repeatable pseudo-random words.
    fn words(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    #[test]
    fn the_lowest_word_mark_is_the_first_byte_to_escape() {
        let mut next = words(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            let state = next();
            // Bias some bytes towards the interesting values.
            let word = state & !(state >> 3 & 0x6060_6060_6060_6060);
            let first = word.to_le_bytes().iter().position(|&b| must_escape(b));
            let marks = escape_marks(word);
            let marked = (marks != 0).then(|| marks.trailing_zeros() as usize / 8);
            assert_eq!(marked, first, "{word:#018x}");
        }
    }

    fn random_value(next: &mut impl FnMut() -> u64, depth: u32) -> Json {
        const PIECES: [&str; 12] = [
            "plain",
            "\"",
            "\\",
            "\n",
            "\t",
            "\u{1}",
            "\u{1f}",
            "\u{7f}",
            "한국어",
            "🙂",
            " ",
            "",
        ];
        let text = |next: &mut dyn FnMut() -> u64| -> String {
            (0..next() % 24)
                .map(|_| PIECES[(next() % 12) as usize])
                .collect()
        };
        match next() % if depth == 0 { 5 } else { 7 } {
            0 => Json::Null,
            1 => Json::Bool(next().is_multiple_of(2)),
            2 => json!(next() % 100_000),
            3 => json!(-((next() % 1000) as i64)),
            4 => Json::String(text(next)),
            5 => Json::Array(
                (0..next() % 4)
                    .map(|_| random_value(next, depth - 1))
                    .collect(),
            ),
            _ => Json::Object(
                (0..next() % 4)
                    .map(|_| (text(next), random_value(next, depth - 1)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn pretty_is_serde_jsons_pretty_on_random_values() {
        let mut next = words(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let value = random_value(&mut next, 3);
            assert_eq!(
                pretty(&value),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
        for empty in [json!({}), json!([]), json!({"a": {}, "b": []})] {
            assert_eq!(
                pretty(&empty),
                serde_json::to_string_pretty(&empty).unwrap()
            );
        }
    }

    #[test]
    fn an_object_of_strings_is_written_as_pretty_writes_it() {
        let entries = [
            ("README.md", "# a\n\"b\" \\ c\t\u{1}"),
            ("job.yaml", "x: 1\n"),
        ];
        let object: serde_json::Map<String, Json> = entries
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
        assert_eq!(
            pretty_strings(entries.iter().copied()),
            serde_json::to_string_pretty(&Json::Object(object)).unwrap()
        );
        assert_eq!(pretty_strings(std::iter::empty()), "{}");
    }
}
