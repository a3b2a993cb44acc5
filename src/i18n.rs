//! One message catalogue for what a person reads while using jobgen, in
//! English and Korean. The interface language is `--lang`/`lang:` when
//! given, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one
//! set, starting with `ko`). A message names its inserted values as
//! `{name}`; Korean may write `{name|을/를}` to follow the value with the
//! particle its last sound takes (`ko::particle`). Flag names, rule ids,
//! file names and Kubernetes terms stay as they are in both.

use std::sync::atomic::{AtomicBool, Ordering};

/// The interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    En,
    Ko,
}

static KOREAN: AtomicBool = AtomicBool::new(false);

/// Sets the interface language for this process.
pub fn set(ui: Ui) {
    KOREAN.store(ui == Ui::Ko, Ordering::Relaxed);
}

/// The interface language.
pub fn ui() -> Ui {
    match KOREAN.load(Ordering::Relaxed) {
        true => Ui::Ko,
        false => Ui::En,
    }
}

/// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` that is set and not empty (POSIX's order).
pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Ui {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| get(k).filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l.starts_with("ko") => Ui::Ko,
        _ => Ui::En,
    }
}

/// One message: its id, English, Korean.
pub struct Msg {
    pub id: &'static str,
    pub en: &'static str,
    pub ko: &'static str,
}

const fn m(id: &'static str, en: &'static str, ko: &'static str) -> Msg {
    Msg { id, en, ko }
}

/// Every message.
pub const MESSAGES: &[Msg] = &[
    m(
        "q.purpose",
        "Purpose, e.g. cloud-sql-restore (--purpose)",
        "목적, 예: cloud-sql-restore (--purpose)",
    ),
    m(
        "q.target",
        "Target, e.g. ojeomneo (--target)",
        "대상, 예: ojeomneo (--target)",
    ),
    m("q.env", "Environment (--env)", "환경 (--env)"),
    m("q.pattern", "Pattern (--pattern)", "패턴 (--pattern)"),
    m(
        "q.pattern.one-off",
        "one-off: a Job that runs once",
        "one-off: 한 번 실행하는 Job",
    ),
    m(
        "q.pattern.cron",
        "cron: a CronJob on a schedule",
        "cron: 일정에 따라 실행하는 CronJob",
    ),
    m(
        "q.pattern.parallel",
        "parallel: an Indexed Job, several pods at once",
        "parallel: 여러 Pod를 동시에 실행하는 Indexed Job",
    ),
    m(
        "q.schedule",
        "Schedule, 5 cron fields or @daily (--schedule)",
        "일정, cron 필드 5개 또는 @daily (--schedule)",
    ),
    m(
        "q.parallelism",
        "Pods at once (--parallelism)",
        "동시 실행 Pod 수 (--parallelism)",
    ),
    m(
        "q.completions",
        "Completions wanted (--completions)",
        "완료 목표 수 (--completions)",
    ),
    m(
        "q.namespace",
        "Namespace (--namespace)",
        "네임스페이스 (--namespace)",
    ),
    m(
        "q.namespace.other",
        "another namespace…",
        "다른 네임스페이스…",
    ),
    m(
        "q.image",
        "Image, with a pinned tag (--image)",
        "이미지, 고정 태그 포함 (--image)",
    ),
    m(
        "q.command",
        "Command, run with sh -c; Enter for the image's own (-- COMMAND)",
        "명령, sh -c로 실행; Enter는 이미지 기본 명령 (-- COMMAND)",
    ),
    m(
        "q.description",
        "Description, one line (--description)",
        "설명, 한 줄 (--description)",
    ),
    m(
        "q.env_vars",
        "Environment variables, KEY=VALUE, comma-separated; Enter for none (--env-var)",
        "환경 변수, KEY=VALUE를 쉼표로 구분; Enter는 없음 (--env-var)",
    ),
    m(
        "q.secrets",
        "Secrets, KEY=REMOTE_KEY, comma-separated; Enter takes the whole provider secret named after the job (--secret)",
        "시크릿, KEY=REMOTE_KEY를 쉼표로 구분; Enter는 Job 이름의 공급자 시크릿 전체 (--secret)",
    ),
    m(
        "q.ttl",
        "Keep the finished job for (--ttl)",
        "끝난 Job 보관 시간 (--ttl)",
    ),
    m(
        "q.backoff",
        "Retries (--backoff-limit)",
        "재시도 (--backoff-limit)",
    ),
    m("q.size", "Resources (--size)", "리소스 (--size)"),
    m(
        "q.egress",
        "What the job connects to, besides DNS: https, cloud-sql, CIDR:PORT… comma-separated, empty for nothing (--egress)",
        "DNS 말고 Job이 연결할 곳: https, cloud-sql, CIDR:PORT… 쉼표로 구분, 없으면 비움 (--egress)",
    ),
    m("q.another", "another value…", "다른 값…"),
    m(
        "q.from_config",
        "from your config: {value} {unit}",
        "설정 파일 값: {value} {unit}",
    ),
    m(
        "q.not_pair",
        "`{item}` is not KEY=VALUE",
        "`{item}`{item|은/는} KEY=VALUE 형식이 아닙니다",
    ),
    m("unit.seconds", "seconds", "초"),
    m("unit.retries", "retries", "회"),
    m("s.folder", "folder", "폴더"),
    m("s.files", "files", "파일"),
    m("s.name", "name", "이름"),
    m("s.purpose_target", "purpose/target", "목적/대상"),
    m("s.description", "description", "설명"),
    m("s.labels", "labels", "레이블"),
    m("s.pattern", "pattern", "패턴"),
    m("s.namespace", "namespace", "네임스페이스"),
    m("s.image", "image", "이미지"),
    m("s.command", "command", "명령"),
    m("s.secrets", "secrets", "시크릿"),
    m(
        "s.secrets.all",
        "all keys of `{name}`",
        "`{name}`의 모든 키",
    ),
    m(
        "s.secrets.from",
        "{what} from {kind} {store}",
        "{kind} {store}에서 {what}",
    ),
    m("s.schedule", "schedule", "일정"),
    m("s.parallelism", "parallelism", "병렬 처리"),
    m(
        "s.parallelism.value",
        "{pods} pods at once, {completions} completions",
        "동시 {pods}개 Pod, 완료 {completions}개",
    ),
    m("s.ttl_backoff", "ttl / backoff", "ttl / 재시도"),
    m(
        "s.ttl_backoff.value",
        "{ttl}s / {retries} retries",
        "{ttl}초 / {retries}회",
    ),
    m("s.egress", "egress", "이그레스"),
    m("s.egress.only", "{dns} only", "{dns}만"),
    m("s.resources", "resources", "리소스"),
    m("s.confirm", "Write these files?", "이 파일들을 쓸까요?"),
    m("r.wrote", "wrote {folder}/", "{folder}/에 썼습니다"),
    m(
        "r.would_write",
        "would write {folder}/",
        "{folder}/에 쓸 예정",
    ),
    m("r.next", "next:", "다음:"),
    m("r.run_once", "# run it once now", "# 지금 한 번 실행"),
    m(
        "r.cancelled",
        "cancelled; nothing was written",
        "취소했습니다. 아무것도 쓰지 않았습니다",
    ),
];

fn find(id: &str) -> &'static Msg {
    MESSAGES
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no message `{id}` in the catalogue"))
}

/// A message with nothing inserted.
pub fn t(id: &str) -> &'static str {
    let m = find(id);
    match ui() {
        Ui::En => m.en,
        Ui::Ko => m.ko,
    }
}

/// A message with `args` inserted (`{name}`, and in Korean `{name|을/를}`).
pub fn f(id: &str, args: &[(&str, &str)]) -> String {
    fill(t(id), args)
}

fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = &rest[open + 1..open + close];
        let (name, pair) = match inside.split_once('|') {
            Some((n, p)) => (n, Some(p)),
            None => (inside, None),
        };
        let value = args
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, v)| *v);
        match pair {
            Some(p) => out.push_str(crate::ko::particle(value, p)),
            None => out.push_str(value),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The display width of text in a terminal: Hangul takes two columns.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}' | '\u{AC00}'..='\u{D7A3}' | '\u{3130}'..='\u{318F}' => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a message inserts, sorted, particles aside.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(inside, _)| inside))
            .map(|inside| inside.split('|').next().unwrap_or(inside))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_message_has_both_languages_and_the_same_placeholders() {
        let mut ids: Vec<&str> = MESSAGES.iter().map(|m| m.id).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
        for m in MESSAGES {
            assert!(!m.en.is_empty() && !m.ko.is_empty(), "{}", m.id);
            assert_ne!(m.en, m.ko, "{}: not translated", m.id);
            assert_eq!(placeholders(m.en), placeholders(m.ko), "{}", m.id);
            assert!(!m.en.contains('|'), "{}: particles are for Korean", m.id);
        }
    }

    #[test]
    fn values_and_particles_are_inserted() {
        assert_eq!(
            fill("`{item}`{item|은/는} KEY=VALUE", &[("item", "MODE")]),
            "`MODE`는 KEY=VALUE"
        );
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
    }

    #[test]
    fn the_locale_picks_korean() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(x, _)| *x == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_locale(env(&[("LANG", "ko_KR.UTF-8")])), Ui::Ko);
        assert_eq!(
            from_locale(env(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "C")])),
            Ui::En
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "ko_KR")])),
            Ui::Ko
        );
        assert_eq!(from_locale(env(&[])), Ui::En);
    }
}
