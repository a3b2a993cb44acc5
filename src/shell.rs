//! Shell quoting, for commands shown to people (README, summary, config).

/// A word as a POSIX shell reads it back: bare when it holds nothing the
/// shell treats specially, else single-quoted.
pub fn shell_word(s: &str) -> String {
    let bare = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./:=@%+,-".contains(&b));
    if bare {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
