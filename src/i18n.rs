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
    // Errors (error.rs).
    m("e.label", "error:", "오류:"),
    m(
        "e.invalid_one",
        "invalid answer: {answer}",
        "잘못된 답: {answer}",
    ),
    m("e.invalid_many", "{n} invalid answers:", "잘못된 답 {n}개:"),
    m(
        "e.missing",
        "{flag} is missing: {why}",
        "{flag}{flag|이/가} 없습니다: {why}",
    ),
    m(
        "e.nothing_written",
        "nothing was written",
        "아무것도 쓰지 않았습니다",
    ),
    // Cross-answer checks (answers::concerns).
    m(
        "c.name_target",
        "pass --target too, or NAME",
        "--target도 주거나 NAME을 주세요",
    ),
    m(
        "c.name_purpose",
        "pass --purpose too, or NAME",
        "--purpose도 주거나 NAME을 주세요",
    ),
    m(
        "c.name_either",
        "pass NAME (e.g. cloud-sql-restore-ojeomneo), or --purpose and --target",
        "NAME(예: cloud-sql-restore-ojeomneo)이나 --purpose와 --target을 주세요",
    ),
    m(
        "c.no_target",
        "NAME {name} has no `-` to split off a target; pass --target",
        "NAME {name}에는 대상을 나눌 `-`가 없습니다. --target을 주세요",
    ),
    m(
        "c.only_for",
        "only applies to --pattern {wanted}; this job is {pattern}",
        "--pattern {wanted}에만 쓰입니다. 이 Job은 {pattern}입니다",
    ),
    m(
        "c.twice",
        "is also set by --env-var; one variable, one source",
        "--env-var로도 정해져 있습니다. 변수 하나에 출처 하나만 두세요",
    ),
    m(
        "c.configmap_size",
        "makes the ConfigMap's data {size} bytes; the API server refuses a ConfigMap whose data exceeds 1 MiB ({max} bytes): put large data in a file the image or a volume provides",
        "ConfigMap 데이터가 {size}바이트가 됩니다. API 서버는 데이터가 1 MiB({max}바이트)를 넘는 ConfigMap을 거부합니다. 큰 데이터는 이미지나 볼륨이 주는 파일에 두세요",
    ),
    m(
        "c.needs_file",
        "needs the file that {off} leaves out; drop one of the two",
        "{off}{off|이/가} 빼는 파일이 필요합니다. 둘 중 하나를 빼세요",
    ),
    m(
        "c.ttl_alerts",
        "is shorter than the {min} s the failure alert needs (for: 1m plus scrape and evaluation): the failed Job and its metrics would be deleted before the alert fires; raise --ttl or drop --monitoring",
        "실패 알림에 필요한 {min}초보다 짧습니다 (for: 1m과 수집·평가 시간). 알림이 울리기 전에 실패한 Job과 그 메트릭이 지워집니다. --ttl을 늘리거나 --monitoring을 빼세요",
    ),
    m(
        "c.alert_after",
        "must be less than activeDeadlineSeconds ({deadline}), which ends the run first",
        "activeDeadlineSeconds({deadline})보다 작아야 합니다. 그 시간이 되면 실행이 먼저 끝납니다",
    ),
    m(
        "c.own_label",
        "is set by jobgen itself; choose another key",
        "jobgen이 직접 정하는 키입니다. 다른 키를 고르세요",
    ),
    // Answer checks (answers::check).
    m(
        "k.derived",
        "{key} (derived from {from})",
        "{key} ({from}에서 정함)",
    ),
    m("k.pair", "must be KEY=VALUE", "KEY=VALUE 형식이어야 합니다"),
    m("k.key", "key `{k}` {why}", "키 `{k}`: {why}"),
    m(
        "k.repeat",
        "repeats the key {k}",
        "키 {k}{k|이/가} 되풀이됩니다",
    ),
    m("k.no_default", "it has no default", "기본값이 없습니다"),
    m(
        "k.needs_per_index",
        "needs --backoff-limit-per-index",
        "--backoff-limit-per-index가 필요합니다",
    ),
    m(
        "k.more_than_completions",
        "is more than the {n} completions",
        "완료 목표 {n}개보다 많습니다",
    ),
    m(
        "k.needs_never",
        "needs --restart-policy Never (podFailurePolicy requires it)",
        "--restart-policy Never가 필요합니다 (podFailurePolicy의 요구)",
    ),
    m(
        "k.since",
        "needs Kubernetes 1.{since} or newer; --kube-version is {version}",
        "Kubernetes 1.{since} 이상이 필요합니다. --kube-version은 {version}입니다",
    ),
    m(
        "k.one_cloud",
        "is a {p} identity but the provider is {provider}; a job runs on one cloud",
        "{p} ID인데 공급자는 {provider}입니다. Job은 한 클라우드에서 실행됩니다",
    ),
    m(
        "k.store_cloud",
        "needs a cloud: --provider gcp, aws or azure",
        "클라우드가 필요합니다: --provider gcp, aws 또는 azure",
    ),
    m(
        "k.store_files",
        "needs external-secret.yaml and service-account.yaml (the store authenticates as the job's ServiceAccount)",
        "external-secret.yaml과 service-account.yaml이 필요합니다 (스토어는 Job의 ServiceAccount로 인증합니다)",
    ),
    m(
        "k.store_kind",
        "writes a namespaced SecretStore; drop --secret-store-kind ClusterSecretStore",
        "네임스페이스의 SecretStore를 씁니다. --secret-store-kind ClusterSecretStore를 빼세요",
    ),
    m(
        "k.store_setting",
        "needs --{setting} for the {provider} store",
        "{provider} 스토어에는 --{setting}{setting|이/가} 필요합니다",
    ),
    m(
        "k.store_identity",
        "needs --{identity}: the store uses the job's workload identity",
        "--{identity}{identity|이/가} 필요합니다: 스토어는 Job의 워크로드 ID를 씁니다",
    ),
    m(
        "k.above_limit",
        "{what} request {request} is above its limit {limit}; Kubernetes refuses that",
        "{what} 요청 {request}{request|이/가} 제한 {limit}보다 큽니다. Kubernetes가 거부합니다",
    ),
    // Validators (answers::scalars).
    m("v.empty", "must not be empty", "비어 있으면 안 됩니다"),
    m(
        "v.too_long",
        "is {len} characters long; at most {max} are allowed",
        "{len}자입니다. 최대 {max}자까지 쓸 수 있습니다",
    ),
    m(
        "v.dns_label",
        "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit",
        "DNS-1123 레이블이어야 합니다: 소문자, 숫자, '-'만 쓰고 문자나 숫자로 시작하고 끝나야 합니다",
    ),
    m(
        "v.dns_subdomain",
        "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'",
        "DNS-1123 서브도메인이어야 합니다: 소문자, 숫자, '-', '.'만 씁니다",
    ),
    m(
        "v.label_too_long",
        "is {len} characters long; a label value allows at most 63",
        "{len}자입니다. 레이블 값은 최대 63자입니다",
    ),
    m(
        "v.label_value",
        "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
        "레이블 값이어야 합니다: 문자, 숫자, '-', '_', '.'만 쓰고 문자나 숫자로 시작하고 끝나야 합니다",
    ),
    m(
        "v.number",
        "must be a whole number from {min} to {max}",
        "{min}부터 {max}까지의 정수여야 합니다",
    ),
    m(
        "v.one_of",
        "must be one of: {choices}",
        "다음 중 하나여야 합니다: {choices}",
    ),
    m(
        "v.image_spaces",
        "must be an image reference without spaces, e.g. `registry/app:1.2.3`",
        "공백 없는 이미지 참조여야 합니다. 예: `registry/app:1.2.3`",
    ),
    m(
        "v.image_digest",
        "has a malformed digest; expected `@sha256:<hex>`",
        "다이제스트 형식이 잘못되었습니다. `@sha256:<hex>` 형식이어야 합니다",
    ),
    m(
        "v.image_untagged",
        "has no tag; pin one, e.g. `app:1.2.3` (an untagged image means `:latest`)",
        "태그가 없습니다. `app:1.2.3`처럼 고정하세요 (태그 없는 이미지는 `:latest`입니다)",
    ),
    m(
        "v.image_latest",
        "uses `:latest`; pin a version tag or a digest so reruns use the same image",
        "`:latest`를 씁니다. 다시 실행해도 같은 이미지를 쓰도록 버전 태그나 다이제스트로 고정하세요",
    ),
    m(
        "v.image_tag",
        "has an invalid tag: letters, digits, '_', '.' and '-', at most 128",
        "태그가 잘못되었습니다: 문자, 숫자, '_', '.', '-'만 쓰고 최대 128자입니다",
    ),
    m(
        "v.remote_key",
        "must be the provider's secret name, without spaces",
        "공백 없는 공급자의 시크릿 이름이어야 합니다",
    ),
    m(
        "v.bool",
        "must be true or false",
        "true 또는 false여야 합니다",
    ),
    m(
        "v.registry",
        "must be a registry host and optional path without scheme or trailing `/`, e.g. `europe-docker.pkg.dev/team/jobs`",
        "스킴과 끝의 `/` 없이 레지스트리 호스트와 선택적 경로여야 합니다. 예: `europe-docker.pkg.dev/team/jobs`",
    ),
    m(
        "v.schedule_tz",
        "sets a time zone with TZ=/CRON_TZ=, which Kubernetes refuses; drop the prefix (the CronJob `timeZone` field sets the zone)",
        "TZ=/CRON_TZ=로 시간대를 정하는데, Kubernetes는 이를 거부합니다. 접두사를 빼세요 (시간대는 CronJob의 `timeZone` 필드로 정합니다)",
    ),
    m(
        "v.step_min",
        "a step must be at least 1",
        "간격은 1 이상이어야 합니다",
    ),
    m(
        "v.uuid",
        "must be a client id such as 00000000-0000-0000-0000-000000000000",
        "00000000-0000-0000-0000-000000000000 같은 클라이언트 ID여야 합니다",
    ),
    m(
        "v.gcp_project",
        "must be a GCP project id, e.g. `ojeomneo-prod`",
        "GCP 프로젝트 ID여야 합니다. 예: `ojeomneo-prod`",
    ),
    m(
        "v.aws_region",
        "must be an AWS region, e.g. `ap-northeast-2`",
        "AWS 리전이어야 합니다. 예: `ap-northeast-2`",
    ),
    m(
        "v.vault_url",
        "must be a Key Vault URL, e.g. `https://ojeomneo-kv.vault.azure.net/`",
        "Key Vault URL이어야 합니다. 예: `https://ojeomneo-kv.vault.azure.net/`",
    ),
    m(
        "v.iam_arn",
        "must be an IAM role ARN, e.g. `arn:aws:iam::123456789012:role/restore`",
        "IAM 역할 ARN이어야 합니다. 예: `arn:aws:iam::123456789012:role/restore`",
    ),
    m(
        "v.tz",
        "is not an IANA time zone name such as `Asia/Seoul`, `Europe/Berlin` or `UTC`",
        "`Asia/Seoul`, `Europe/Berlin`, `UTC` 같은 IANA 시간대 이름이 아닙니다",
    ),
    m(
        "v.control",
        "contains the control character U+{code}",
        "제어 문자 U+{code}가 들어 있습니다",
    ),
    m(
        "v.schedule_macro",
        "is not a schedule macro Kubernetes knows; use one of {macros}",
        "Kubernetes가 아는 일정 매크로가 아닙니다. 다음 중 하나를 쓰세요: {macros}",
    ),
    m(
        "v.schedule_fields",
        "has {n} fields; Kubernetes wants 5: minute hour day-of-month month day-of-week, e.g. `0 2 * * *`",
        "필드가 {n}개입니다. Kubernetes는 분 시 일 월 요일의 5개를 씁니다. 예: `0 2 * * *`",
    ),
    m(
        "v.schedule_field",
        "has an invalid {what} field `{field}`: {why}",
        "{what} 필드 `{field}`{field|이/가} 잘못되었습니다: {why}",
    ),
    m(
        "v.not_number",
        "`{v}` is not a number",
        "`{v}`{v|은/는} 숫자가 아닙니다",
    ),
    m(
        "v.outside",
        "{n} is outside {min}-{max}",
        "{n}{n|은/는} {min}-{max} 범위 밖입니다",
    ),
    m(
        "v.backwards",
        "range {lo}-{hi} runs backwards",
        "범위 {lo}-{hi}{hi|이/가} 거꾸로입니다",
    ),
    m(
        "v.step_number",
        "step `{step}` is not a number",
        "간격 `{step}`{step|은/는} 숫자가 아닙니다",
    ),
    m(
        "v.egress",
        "must be one of {names}, or CIDR[:PORT] such as 10.20.0.0/16:5432, or a port",
        "{names} 중 하나, 10.20.0.0/16:5432 같은 CIDR[:PORT], 또는 포트여야 합니다",
    ),
    m(
        "v.kube_version",
        "must be a Kubernetes version from 1.{lo} to 1.{hi}, e.g. 1.33",
        "1.{lo}부터 1.{hi}까지의 Kubernetes 버전이어야 합니다. 예: 1.33",
    ),
    m(
        "v.tz_near",
        "is not an IANA time zone name; did you mean `{name}`? (`Asia/Seoul`, `Europe/Berlin` and `UTC` are)",
        "IANA 시간대 이름이 아닙니다. `{name}`{name|을/를} 말씀하셨나요? (`Asia/Seoul`, `Europe/Berlin`, `UTC`가 그 예입니다)",
    ),
    m(
        "v.rbac",
        "must be RESOURCE[.GROUP]:VERB[,VERB], e.g. `configmaps:get,list` or `jobs.batch:create`; verbs: {verbs}",
        "RESOURCE[.GROUP]:VERB[,VERB] 형식이어야 합니다. 예: `configmaps:get,list`, `jobs.batch:create`. 동사: {verbs}",
    ),
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
        // A brace that names no argument is text (`{type: RuntimeDefault}`).
        match (args.iter().find(|(k, _)| *k == name), pair) {
            (Some((_, value)), Some(p)) => out.push_str(crate::ko::particle(value, p)),
            (Some((_, value)), None) => out.push_str(value),
            (None, _) => out.push_str(&rest[open..=open + close]),
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
        assert_eq!(
            fill("{type: RuntimeDefault} {a}", &[("a", "x")]),
            "{type: RuntimeDefault} x"
        );
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
