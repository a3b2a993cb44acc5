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

/// How `word` ends when read aloud; None when that is not certain (a
/// Latin word the table does not know).
fn ending(word: &str) -> Option<Ending> {
    let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some(last) = trimmed.chars().last() else {
        return Some(Ending::Open);
    };
    if ('\u{AC00}'..='\u{D7A3}').contains(&last) {
        return Some(match (last as u32 - 0xAC00) % 28 {
            0 => Ending::Open,
            8 => Ending::Rieul,
            _ => Ending::Closed,
        });
    }
    if let Some(d) = last.to_digit(10) {
        return Some(match d {
            1 | 7 | 8 => Ending::Rieul,
            0 | 3 | 6 => Ending::Closed,
            _ => Ending::Open,
        });
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
        return Some(match last {
            'L' | 'R' => Ending::Rieul,
            'M' | 'N' => Ending::Closed,
            _ => Ending::Open,
        });
    }
    // A word: its reading is certain only for the words this table knows
    // (the last word of `restore-db-backup`, of `ClusterSecretStore`).
    let word = last_word(&tail).to_ascii_lowercase();
    READINGS.iter().find(|(w, _)| *w == word).map(|(_, e)| *e)
}

/// The last word of Latin letters: after the last capital of a camelCase
/// word (`ClusterSecretStore` → `Store`), else all of it.
fn last_word(tail: &str) -> &str {
    let mixed = tail.chars().any(|c| c.is_ascii_lowercase());
    match tail.rfind(|c: char| c.is_ascii_uppercase()) {
        Some(i) if mixed && i > 0 => &tail[i..],
        _ => tail,
    }
}

/// How English words common in job names and Kubernetes end when Koreans
/// read them (잡, 시크릿, 백업 end in a consonant; 스토어, 파드, 서버 do
/// not; 파일 in ㄹ).
const READINGS: &[(&str, Ending)] = {
    use Ending::{Closed as C, Open as O, Rieul as R};
    &[
        ("account", O),
        ("annotations", O),
        ("api", O),
        ("app", C),
        ("backup", C),
        ("batch", O),
        ("bucket", C),
        ("cleanup", C),
        ("cluster", O),
        ("com", C),
        ("command", O),
        ("completions", O),
        ("config", O),
        ("count", O),
        ("cpu", O),
        ("cron", C),
        ("data", O),
        ("deadline", C),
        ("default", O),
        ("description", C),
        ("digits", O),
        ("dump", O),
        ("egress", O),
        ("email", R),
        ("export", O),
        ("file", R),
        ("image", O),
        ("import", O),
        ("index", O),
        ("job", C),
        ("key", O),
        ("kind", O),
        ("label", R),
        ("labels", O),
        ("lang", C),
        ("limit", O),
        ("mail", R),
        ("main", C),
        ("map", C),
        ("memory", O),
        ("migration", C),
        ("model", R),
        ("monitoring", C),
        ("name", O),
        ("namespace", O),
        ("network", O),
        ("operations", O),
        ("parallelism", C),
        ("password", O),
        ("pattern", C),
        ("pipeline", C),
        ("pod", O),
        ("policy", O),
        ("project", O),
        ("provider", O),
        ("purpose", O),
        ("queue", O),
        ("region", C),
        ("report", O),
        ("request", O),
        ("restore", O),
        ("rule", R),
        ("run", C),
        ("schedule", O),
        ("secret", C),
        ("secrets", O),
        ("server", O),
        ("service", O),
        ("size", O),
        ("store", O),
        ("suspend", O),
        ("sync", O),
        ("system", C),
        ("target", C),
        ("team", C),
        ("token", C),
        ("user", O),
        ("vault", O),
        ("version", C),
        ("worker", O),
    ]
};

/// The particle of `pair` ("을/를": after a final consonant / after none)
/// that follows `word`. For 으로/로, a final ㄹ takes 로.
/// Where the reading is not certain, both, as Korean software writes them
/// for unknown words: 을(를), 이(가), (으)로.
pub fn particle(word: &str, pair: &str) -> String {
    let (closed, open) = pair.split_once('/').unwrap_or((pair, pair));
    match (ending(word), closed) {
        (Some(Ending::Open), _) | (Some(Ending::Rieul), "으로") => open.to_string(),
        (Some(_), _) => closed.to_string(),
        (None, _) => match closed.strip_suffix(open) {
            Some(extra) if !extra.is_empty() => format!("({extra}){open}"),
            _ => format!("{closed}({open})"),
        },
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
            ("ojeomneo-db-password", "을/를", "를"),
            ("ojeomneo", "을/를", "을(를)"),
            ("ojeomneo", "이/가", "이(가)"),
            ("ojeomneo", "으로/로", "(으)로"),
            ("nightly-report-x", "으로/로", "로"),
            ("restore-xyzzy", "과/와", "과(와)"),
            ("42", "이면/면", "면"),
            ("7", "으로/로", "로"),
            ("ClusterSecretStore", "이/가", "가"),
        ] {
            assert_eq!(particle(word, pair), want, "{word} {pair}");
        }
    }
}
