//! Korean particles (조사) after inserted text: 을/를, 이/가, 은/는, 과/와,
//! 으로/로, chosen by how the text ends when read aloud. Hangul by its last
//! syllable's final consonant; digits by their Korean reading (0 영, 1 일,
//! 3 삼, 6 육, 7 칠, 8 팔 end in one); Latin text by English as Koreans
//! read it: an abbreviation (all capitals, or no vowel: db, ns) by its
//! last letter's name (L 엘, M 엠, N 엔, R 알 end in one), a word by its last letters (-ng, -l, -m,
//! -n, and the stops -b, -c, -k, -p, -t: job 잡, secret 시크릿; -s, -e,
//! -r, -d … do not: secrets 시크릿츠, restore, server, pod 파드).

/// How a word ends: no final consonant, a final ㄹ, or another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Open,
    Rieul,
    Closed,
}

fn ending(word: &str) -> Ending {
    let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some(last) = trimmed.chars().last() else {
        return Ending::Open;
    };
    if ('\u{AC00}'..='\u{D7A3}').contains(&last) {
        return match (last as u32 - 0xAC00) % 28 {
            0 => Ending::Open,
            8 => Ending::Rieul,
            _ => Ending::Closed,
        };
    }
    if let Some(d) = last.to_digit(10) {
        return match d {
            1 | 7 | 8 => Ending::Rieul,
            0 | 3 | 6 => Ending::Closed,
            _ => Ending::Open,
        };
    }
    let tail: String = trimmed
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // Read letter by letter: an all-capital abbreviation, or letters with
    // no vowel (db 디비, k8s, ns).
    let spelled = (tail.len() > 1 && tail.chars().all(|c| c.is_ascii_uppercase()))
        || !tail.chars().any(|c| "aeiouyAEIOUY".contains(c));
    let last = last.to_ascii_uppercase();
    if spelled {
        return match last {
            'L' | 'R' => Ending::Rieul,
            'M' | 'N' => Ending::Closed,
            _ => Ending::Open,
        };
    }
    let lower = tail.to_ascii_lowercase();
    if lower.ends_with("ng") {
        return Ending::Closed;
    }
    match lower.chars().last() {
        Some('l') => Ending::Rieul,
        Some('m' | 'n' | 'b' | 'c' | 'k' | 'p' | 't') => Ending::Closed,
        _ => Ending::Open,
    }
}

/// The particle of `pair` ("을/를": after a final consonant / after none)
/// that follows `word`. For 으로/로, a final ㄹ takes 로.
pub fn particle<'a>(word: &str, pair: &'a str) -> &'a str {
    let (closed, open) = pair.split_once('/').unwrap_or((pair, pair));
    match (ending(word), closed) {
        (Ending::Open, _) => open,
        (Ending::Rieul, "으로") => open,
        _ => closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_sound() {
        for (word, pair, want) in [
            ("잡", "을/를", "을"),
            ("파일", "으로/로", "로"),
            ("파일", "을/를", "을"),
            ("스토어", "이/가", "가"),
            ("DNS", "으로/로", "로"),
            ("URL", "으로/로", "로"),
            ("API", "을/를", "를"),
            ("restore-db-secrets", "으로/로", "로"),
            ("busybox:1.37", "을/를", "을"),
            ("1.29", "을/를", "를"),
            ("job@p.iam.gserviceaccount.com", "으로/로", "으로"),
            ("operations", "으로/로", "로"),
            ("kube-system", "으로/로", "으로"),
            ("`nightly-backup`", "이/가", "이"),
            ("`restore-db`", "이/가", "가"),
            ("secret", "을/를", "을"),
            ("42", "이면/면", "면"),
            ("7", "으로/로", "로"),
            ("ClusterSecretStore", "이/가", "가"),
        ] {
            assert_eq!(particle(word, pair), want, "{word} {pair}");
        }
    }
}
