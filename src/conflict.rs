//! Conflict markers (`<<<<<<< ours` … `>>>>>>> theirs`, as `jobgen update
//! --conflicts markers` and git write them) left in a file.

/// The 1-based line of the first conflict marker in `text` that a closing
/// marker follows, if any. A lone `=======` (a Markdown heading underline)
/// is not a marker.
pub fn first_marker(text: &str) -> Option<u64> {
    let marker = |line: &str, sign: &str| {
        let line = line.trim_end_matches(['\r', '\n']);
        line.strip_prefix(sign)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    // Most texts hold no marker, and generated YAML seldom a `<`: a search
    // for the byte (memchr) before the lines, not a search for the string
    // (its two-way searcher took a twentieth of `new`'s lint-on-render).
    let mut rest = text;
    loop {
        let at = rest.find('<')?;
        if rest[at..].starts_with("<<<<<<<") {
            break;
        }
        rest = &rest[at + 1..];
    }
    let mut open = None;
    for (i, line) in text.lines().enumerate() {
        if open.is_none() && marker(line, "<<<<<<<") {
            open = Some(i as u64 + 1);
        } else if open.is_some() && marker(line, ">>>>>>>") {
            return open;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_and_look_alikes_are_not() {
        assert_eq!(
            first_marker("a\n<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n"),
            Some(2)
        );
        assert_eq!(
            first_marker("x\r\n<<<<<<<\r\n=======\r\n>>>>>>>\r\n"),
            Some(2)
        );
        assert_eq!(first_marker("Title\n=======\ntext\n"), None);
        assert_eq!(first_marker("<<<<<<<<<< not a marker\n>>>>>>> x\n"), None);
        assert_eq!(first_marker("<<<<<<< ours\nnever closed\n"), None);
        // `<` before the marker, and runs of `<` too short to be one.
        assert_eq!(
            first_marker("if a < b\nx <<<<<< y\n<<<<<<< ours\n=======\n>>>>>>> theirs\n"),
            Some(3)
        );
        assert_eq!(first_marker("a <\n<<<<<<"), None);
    }
}
