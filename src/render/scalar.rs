//! The `yaml` filter: user text as a YAML scalar that reads back as itself.

/// Words YAML 1.1 or 1.2 would read as something other than a string.
const YAML_KEYWORDS: [&str; 11] = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
];

/// A YAML scalar that reads back as exactly `s`, as a string, in YAML 1.1
/// (Kubernetes' parser) and 1.2.
///
/// Plain when provably safe: starts with a letter, `_` or `/` (so never a
/// number, date or sexagesimal), holds only letters, digits and `_./-`, and
/// is no keyword. Otherwise a double-quoted scalar in the common subset of
/// JSON and YAML escapes, escaping also what YAML 1.1 reads as line breaks
/// (U+0085, U+2028, U+2029) and every character YAML cannot hold literally.
pub fn yaml_scalar(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '/')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-'))
        && !YAML_KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(s));
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'.. => out.push(c),
            _ => out.push_str(&format!("\\u{:04x}", c as u32)),
        }
    }
    out.push('"');
    out
}
