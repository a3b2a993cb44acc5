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
    // The language is what comes before the territory, codeset or
    // modifier: `ko`, `ko_KR.UTF-8`, `ko-KR`; not `kok_IN` (Konkani).
    let language = |l: &str| {
        l.split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_string()
    };
    match locale {
        Some(l) if language(&l) == "ko" => Ui::Ko,
        _ => Ui::En,
    }
}

/// A language that was asked for (`--lang`, `lang:`) sets the interface's;
/// none leaves it as it is.
pub fn speak(lang: Option<&str>) {
    match lang {
        Some("ko") => set(Ui::Ko),
        Some(_) => set(Ui::En),
        None => {}
    }
}

/// One message: its name, English, Korean.
pub struct Entry {
    pub id: &'static str,
    pub en: &'static str,
    pub ko: &'static str,
}

/// The catalogue: `Msg`, one variant per message, so a message that is
/// not in the catalogue does not compile, and `ENTRIES`, the texts in the
/// same order.
macro_rules! catalogue {
    ($($name:ident => $en:expr, $ko:expr;)*) => {
        /// A message of the catalogue.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($name,)*
        }

        /// Every message's texts, in `Msg`'s order.
        pub const ENTRIES: &[Entry] = &[$(Entry { id: stringify!($name), en: $en, ko: $ko },)*];
    };
}

catalogue! {
    Q_PURPOSE => "Purpose, e.g. cloud-sql-restore (--purpose)", "목적, 예: cloud-sql-restore (--purpose)";
    Q_TARGET => "Target, e.g. ojeomneo (--target)", "대상, 예: ojeomneo (--target)";
    Q_ENV => "Environment (--env)", "환경 (--env)";
    Q_PATTERN => "Pattern (--pattern)", "패턴 (--pattern)";
    Q_PATTERN_ONE_OFF => "one-off: a Job that runs once", "one-off: 한 번 실행하는 Job";
    Q_PATTERN_CRON => "cron: a CronJob on a schedule", "cron: 일정에 따라 실행하는 CronJob";
    Q_PATTERN_PARALLEL => "parallel: an Indexed Job, several pods at once", "parallel: 여러 Pod를 동시에 실행하는 Indexed Job";
    Q_SCHEDULE => "Schedule, 5 cron fields or @daily (--schedule)", "일정, cron 필드 5개 또는 @daily (--schedule)";
    Q_PARALLELISM => "Pods at once (--parallelism)", "동시 실행 Pod 수 (--parallelism)";
    Q_COMPLETIONS => "Completions wanted (--completions)", "완료 목표 수 (--completions)";
    Q_NAMESPACE => "Namespace (--namespace)", "네임스페이스 (--namespace)";
    Q_NAMESPACE_OTHER => "another namespace…", "다른 네임스페이스…";
    Q_IMAGE => "Image, with a pinned tag (--image)", "이미지, 고정 태그 포함 (--image)";
    Q_COMMAND => "Command, run with sh -c; Enter for the image's own (-- COMMAND)", "명령, sh -c로 실행; Enter는 이미지 기본 명령 (-- COMMAND)";
    Q_DESCRIPTION => "Description, one line (--description)", "설명, 한 줄 (--description)";
    Q_ENV_VARS => "Environment variables, KEY=VALUE, comma-separated; Enter for none (--env-var)", "환경 변수, KEY=VALUE를 쉼표로 구분; Enter는 없음 (--env-var)";
    Q_SECRETS => "Secrets, KEY=REMOTE_KEY, comma-separated; Enter takes the whole provider secret named after the job (--secret)", "시크릿, KEY=REMOTE_KEY를 쉼표로 구분; Enter는 Job 이름의 공급자 시크릿 전체 (--secret)";
    Q_TTL => "Keep the finished job for (--ttl)", "끝난 Job 보관 시간 (--ttl)";
    Q_BACKOFF => "Retries (--backoff-limit)", "재시도 (--backoff-limit)";
    Q_SIZE => "Resources (--size)", "리소스 (--size)";
    Q_EGRESS => "What the job connects to, besides DNS: https, cloud-sql, CIDR:PORT… comma-separated, empty for nothing (--egress)", "DNS 말고 Job이 연결할 곳: https, cloud-sql, CIDR:PORT… 쉼표로 구분, 없으면 비움 (--egress)";
    Q_ANOTHER => "another value…", "다른 값…";
    Q_TIME_ZONE => "Time zone the schedule is read in (--time-zone)", "일정을 읽을 시간대 (--time-zone)";
    Q_TZ_NONE => "the controller's zone (usually UTC)", "컨트롤러 시간대 (보통 UTC)";
    Q_TZ_OTHER => "another zone…", "다른 시간대…";
    Q_GCP_SA => "GCP service account for Workload Identity; Enter for none (--gcp-service-account)", "Workload Identity용 GCP 서비스 계정; Enter는 없음 (--gcp-service-account)";
    Q_AWS_ROLE => "AWS IAM role for IRSA; Enter for none (--aws-role-arn)", "IRSA용 AWS IAM 역할; Enter는 없음 (--aws-role-arn)";
    Q_AZURE_ID => "Azure client ID for Workload Identity; Enter for none (--azure-client-id)", "Workload Identity용 Azure 클라이언트 ID; Enter는 없음 (--azure-client-id)";
    Q_MONITORING => "Alerts (--monitoring)", "알림 (--monitoring)";
    Q_MONITORING_NO => "none", "없음";
    Q_MONITORING_YES => "prometheus-rule.yaml: alerts on failure, long runs and missed runs", "prometheus-rule.yaml: 실패, 오래 걸림, 빠진 실행 알림";
    Q_FROM_CONFIG => "from your config: {value}{unit}", "설정 파일 값: {value}{unit}";
    Q_NOT_PAIR => "`{item}` is not KEY=VALUE", "`{item}`{item|은/는} KEY=VALUE 형식이 아닙니다";
    UNIT_SECONDS => " seconds", "초";
    UNIT_RETRIES => " retries", "회";
    S_FOLDER => "folder", "폴더";
    S_FILES => "files", "파일";
    S_NAME => "name", "이름";
    S_PURPOSE_TARGET => "purpose/target", "목적/대상";
    S_DESCRIPTION => "description", "설명";
    S_LABELS => "labels", "레이블";
    S_PATTERN => "pattern", "패턴";
    S_NAMESPACE => "namespace", "네임스페이스";
    S_IMAGE => "image", "이미지";
    S_COMMAND => "command", "명령";
    S_SECRETS => "secrets", "시크릿";
    S_SECRETS_ALL => "all keys of `{name}`", "`{name}`의 모든 키";
    S_SECRETS_FROM => "{what} from {kind} {store}", "{kind} {store}에서 {what}";
    S_SCHEDULE => "schedule", "일정";
    S_PARALLELISM => "parallelism", "병렬 처리";
    S_PARALLELISM_VALUE => "{pods} pods at once, {completions} completions", "동시 {pods}개 Pod, 완료 {completions}개";
    S_TTL_BACKOFF => "ttl / backoff", "ttl / 재시도";
    S_BACKOFF => "backoff", "재시도";
    S_BACKOFF_VALUE => "{retries} retries (history limits clean up its runs)", "{retries}회 (실행 기록 한도가 정리)";
    S_ENV_VARS => "env vars", "환경 변수";
    S_PURPOSE_TARGET_VALUE => "{purpose} / {target} (label `{key}`)", "{purpose} / {target} (레이블 `{key}`)";
    S_TTL_BACKOFF_VALUE => "{ttl}s / {retries} retries", "{ttl}초 / {retries}회";
    S_EGRESS => "egress", "이그레스";
    S_EGRESS_ONLY => "{dns} only", "{dns}만";
    S_RESOURCES => "resources", "리소스";
    S_TEAM => "team answers", "팀 답변";
    S_CONFIRM => "Write these files?", "이 파일들을 쓸까요?";
    R_WROTE => "wrote {folder}/", "{folder}/에 썼습니다";
    R_WOULD_WRITE => "would write {folder}/", "{folder}/에 쓸 예정";
    R_NEXT => "next:", "다음:";
    R_RUN_ONCE => "# run it once now", "# 지금 한 번 실행";
    E_LABEL => "error:", "오류:";
    W_LABEL => "warning:", "경고:";
    W_CRON_TTL => "{place} {ttl}: a cron job gets no ttlSecondsAfterFinished (its history limits clean up its runs), so it is not written", "{place} {ttl}: cron 잡에는 ttlSecondsAfterFinished를 쓰지 않습니다 (실행 기록 한도가 정리합니다). 그래서 쓰지 않습니다";
    W_FLUX_TTL => "{place} {ttl}: under Flux a Job gets no ttlSecondsAfterFinished (Flux would create it again once deleted, and run it again), so it is not written", "{place} {ttl}: Flux에서는 Job에 ttlSecondsAfterFinished를 쓰지 않습니다 (지워지면 Flux가 다시 만들어 다시 실행합니다). 그래서 쓰지 않습니다";
    W_PARALLELISM => "{place} {p} is more than completions {c}: at most {c} pods run at once", "{place} {p}{p|은/는} completions {c}보다 큽니다: 동시에 최대 {c}개 Pod만 실행됩니다";
    W_TEAM_UNUSED => "{place} is not used: the question applies only when {when}", "{place}{place|은/는} 쓰이지 않습니다: 이 질문은 {when}일 때만 적용됩니다";
    E_INVALID_ONE => "invalid answer: {answer}", "잘못된 답: {answer}";
    E_INVALID_MANY => "{n} invalid answers:", "잘못된 답 {n}개:";
    E_MISSING => "{flag} is missing: {why}", "{flag}{flag|이/가} 없습니다: {why}";
    E_NOTHING_WRITTEN => "nothing was written", "아무것도 쓰지 않았습니다";
    C_NAME_TARGET => "pass --target too, or NAME", "--target도 주거나 NAME을 주세요";
    C_NAME_PURPOSE => "pass --purpose too, or NAME", "--purpose도 주거나 NAME을 주세요";
    C_NAME_EITHER => "pass NAME (e.g. cloud-sql-restore-ojeomneo), or --purpose and --target", "NAME(예: cloud-sql-restore-ojeomneo)이나 --purpose와 --target을 주세요";
    C_NO_TARGET => "NAME {name} has no `-` to split off a target; pass --target", "NAME {name}에는 대상을 나눌 `-`가 없습니다. --target을 주세요";
    C_ONLY_FOR => "only applies to --pattern {wanted}; this job is {pattern}", "--pattern {wanted}에만 쓰입니다. 이 Job은 {pattern}입니다";
    C_TWICE => "is also set by --env-var; one variable, one source", "--env-var로도 정해져 있습니다. 변수 하나에 출처 하나만 두세요";
    C_ANNOTATIONS_SIZE => "makes the job's annotations {size} bytes; the API server refuses an object whose annotations exceed 256 KiB ({max} bytes, keys and values together, with room for jobgen's own): shorten it, or put long text in the folder's README", "Job의 어노테이션이 {size}바이트가 됩니다. API 서버는 어노테이션이 256 KiB({max}바이트, 키와 값 합계, jobgen 자체 어노테이션 포함)를 넘는 객체를 거부합니다. 줄이거나 긴 글은 폴더의 README에 두세요";
    C_CONFIGMAP_SIZE => "makes the ConfigMap's data {size} bytes; the API server refuses a ConfigMap whose data exceeds 1 MiB ({max} bytes): put large data in a file the image or a volume provides", "ConfigMap 데이터가 {size}바이트가 됩니다. API 서버는 데이터가 1 MiB({max}바이트)를 넘는 ConfigMap을 거부합니다. 큰 데이터는 이미지나 볼륨이 주는 파일에 두세요";
    C_NEEDS_FILE => "needs the file that {off} leaves out; drop one of the two", "{off}{off|이/가} 빼는 파일이 필요합니다. 둘 중 하나를 빼세요";
    C_TTL_ALERTS => "is shorter than the {min} s the failure alert needs (for: 1m plus scrape and evaluation): the failed Job and its metrics would be deleted before the alert fires; raise --ttl or drop --monitoring", "실패 알림에 필요한 {min}초보다 짧습니다 (for: 1m과 수집·평가 시간). 알림이 울리기 전에 실패한 Job과 그 메트릭이 지워집니다. --ttl을 늘리거나 --monitoring을 빼세요";
    C_ALERT_AFTER => "must be less than activeDeadlineSeconds ({deadline}), which ends the run first", "activeDeadlineSeconds({deadline})보다 작아야 합니다. 그 시간이 되면 실행이 먼저 끝납니다";
    C_OWN_LABEL => "is set by jobgen itself; choose another key", "jobgen이 직접 정하는 키입니다. 다른 키를 고르세요";
    K_DERIVED => "{key} (derived from {from})", "{key} ({from}에서 정함)";
    K_PAIR => "must be KEY=VALUE", "KEY=VALUE 형식이어야 합니다";
    K_KEY => "key `{k}` {why}", "키 `{k}`: {why}";
    K_REPEAT => "repeats the key {k}", "키 {k}{k|이/가} 되풀이됩니다";
    K_NO_DEFAULT => "it has no default", "기본값이 없습니다";
    K_NEEDS_PER_INDEX => "needs --backoff-limit-per-index", "--backoff-limit-per-index가 필요합니다";
    K_MORE_THAN_COMPLETIONS => "is more than the {n} completions", "완료 목표 {n}개보다 많습니다";
    K_NEEDS_NEVER => "needs --restart-policy Never (podFailurePolicy requires it)", "--restart-policy Never가 필요합니다 (podFailurePolicy의 요구)";
    K_SINCE => "needs Kubernetes 1.{since} or newer; --kube-version is {version}", "Kubernetes 1.{since} 이상이 필요합니다. --kube-version은 {version}입니다";
    K_ONE_CLOUD => "is a {p} identity but the provider is {provider}; a job runs on one cloud", "{p} ID인데 공급자는 {provider}입니다. Job은 한 클라우드에서 실행됩니다";
    K_STORE_CLOUD => "needs a cloud: --provider gcp, aws or azure", "클라우드가 필요합니다: --provider gcp, aws 또는 azure";
    K_STORE_FILES => "needs external-secret.yaml and service-account.yaml (the store authenticates as the job's ServiceAccount)", "external-secret.yaml과 service-account.yaml이 필요합니다 (스토어는 Job의 ServiceAccount로 인증합니다)";
    K_STORE_KIND => "writes a namespaced SecretStore; drop --secret-store-kind ClusterSecretStore", "네임스페이스의 SecretStore를 씁니다. --secret-store-kind ClusterSecretStore를 빼세요";
    K_STORE_SETTING => "needs --{setting} for the {provider} store", "{provider} 스토어에는 --{setting}{setting|이/가} 필요합니다";
    K_STORE_IDENTITY => "needs --{identity}: the store uses the job's workload identity", "--{identity}{identity|이/가} 필요합니다: 스토어는 Job의 워크로드 ID를 씁니다";
    K_ABOVE_LIMIT => "{what} request {request} is above its limit {limit}; Kubernetes refuses that", "{what} 요청 {request}{request|이/가} 제한 {limit}보다 큽니다. Kubernetes가 거부합니다";
    L_LABELS => "{what} lacks the label(s) {labels}", "{what}에 레이블 {labels}{labels|이/가} 없습니다";
    L_LABELS_HINT => "set app, version, env and the target label, as `jobgen new` does", "`jobgen new`처럼 app, version, env와 대상 레이블을 다세요";
    L_NO_SPEC => "{kind} has no {path}", "{kind}에 {path}{path|이/가} 없습니다";
    L_REGENERATE => "generate the folder with `jobgen new`", "`jobgen new`로 폴더를 만드세요";
    L_NO_TEMPLATE => "no pod template spec", "Pod 템플릿 spec이 없습니다";
    L_GENERATE_NAME => "the {kind} is named by generateName `{prefix}`, which `kubectl apply` refuses (apply needs a fixed name)", "{kind} 이름을 generateName `{prefix}`{prefix|으로/로} 정하는데, `kubectl apply`는 이를 거부합니다 (apply에는 고정 이름이 필요합니다)";
    L_GENERATE_NAME_HINT => "give it metadata.name; use generateName only with `kubectl create`", "metadata.name을 주세요. generateName은 `kubectl create`에서만 쓰세요";
    L_NAME => "name `{name}` {why}", "이름 `{name}`: {why}";
    L_NAME_HINT => "rename the job and its folder", "Job과 폴더 이름을 바꾸세요";
    L_NAME_FORMAT => "name `{name}` is not [purpose]-[target]-[detail]", "이름 `{name}`{name|은/는} [목적]-[대상]-[상세] 형식이 아닙니다";
    L_NAME_FORMAT_HINT => "e.g. cloud-sql-restore-ojeomneo", "예: cloud-sql-restore-ojeomneo";
    L_SCHEDULE => "schedule `{text}` {why}", "일정 `{text}`: {why}";
    L_SCHEDULE_HINT => "five fields, or @hourly/@daily/@weekly/@monthly/@yearly", "필드 5개, 또는 @hourly/@daily/@weekly/@monthly/@yearly";
    L_SCHEDULE_NEVER_HINT => "name a day-of-month that every month it lists has (29 February only in leap years), or add a day-of-week", "나열한 모든 달에 있는 일을 쓰거나 (2월 29일은 윤년에만), 요일을 더하세요";
    L_NO_SCHEDULE => "the CronJob has no schedule", "CronJob에 일정이 없습니다";
    L_NO_SCHEDULE_HINT => "set spec.schedule, e.g. \"0 2 * * *\"", "spec.schedule을 정하세요. 예: \"0 2 * * *\"";
    L_CRON_TTL => "ttlSecondsAfterFinished in the job template fights the CronJob's history limits over the same Jobs", "Job 템플릿의 ttlSecondsAfterFinished가 같은 Job을 두고 CronJob의 기록 한도와 다툽니다";
    L_CRON_TTL_HINT => "remove it: successfulJobsHistoryLimit and failedJobsHistoryLimit clean up a CronJob's runs", "빼세요: CronJob의 실행은 successfulJobsHistoryLimit과 failedJobsHistoryLimit이 정리합니다";
    L_TTL => "no ttlSecondsAfterFinished: the finished Job and its pods stay forever", "ttlSecondsAfterFinished가 없습니다: 끝난 Job과 Pod가 영원히 남습니다";
    L_TTL_HINT => "general 3600, critical 86400, debugging 7200", "일반 3600, 중요 86400, 디버깅 7200";
    L_BACKOFF => "no backoffLimit (Kubernetes would retry 6 times)", "backoffLimit이 없습니다 (Kubernetes는 6번 재시도합니다)";
    L_BACKOFF_HINT => "network work 3, idempotent work 2, critical work 0", "네트워크 작업 3, 멱등 작업 2, 중요 작업 0";
    L_DEADLINE => "no activeDeadlineSeconds: a stuck job never ends", "activeDeadlineSeconds가 없습니다: 멈춘 Job이 끝나지 않습니다";
    L_DEADLINE_HINT => "set activeDeadlineSeconds, e.g. 3600", "activeDeadlineSeconds를 정하세요. 예: 3600";
    L_README => "the folder has no README.md", "폴더에 README.md가 없습니다";
    L_README_HINT => "every job folder explains how to run, watch and delete it; `jobgen new` writes one", "모든 Job 폴더는 실행, 확인, 삭제 방법을 설명합니다. `jobgen new`가 하나 씁니다";
    L_MARKERS => "a conflict marker is left in the file", "파일에 충돌 표시가 남아 있습니다";
    L_MARKERS_HINT => "keep the side you want between <<<<<<< and >>>>>>>, delete the markers, then run `jobgen check`", "<<<<<<<와 >>>>>>> 사이에서 원하는 쪽을 남기고 표시를 지운 뒤 `jobgen check`를 실행하세요";
    L_PARSE => "does not parse: {why}", "파싱되지 않습니다: {why}";
    L_PARSE_HINT => "fix the YAML syntax", "YAML 문법을 고치세요";
    L_NON_OBJECT => "this document has no apiVersion and kind, so `kubectl apply -f DIR/` fails on it", "이 문서에는 apiVersion과 kind가 없어 `kubectl apply -f DIR/`가 실패합니다";
    L_NON_OBJECT_HINT => "move non-Kubernetes files out of the job folder, or give them another extension", "Kubernetes가 아닌 파일은 Job 폴더 밖으로 옮기거나 다른 확장자를 주세요";
    L_JOB_FILE_HINT => "one job folder, one Job or CronJob in job.yaml: move others into folders of their own", "Job 폴더 하나에 job.yaml의 Job이나 CronJob 하나: 나머지는 각자의 폴더로 옮기세요";
    L_JOB_FILE_NONE => "job.yaml holds no Job or CronJob", "job.yaml에 Job이나 CronJob이 없습니다";
    L_JOB_FILE_MANY => "job.yaml holds {n} Jobs/CronJobs ({jobs})", "job.yaml에 Job/CronJob이 {n}개 있습니다 ({jobs})";
    L_RESTART => "restartPolicy {policy} is not allowed for a Job", "Job에는 restartPolicy {policy}{policy|을/를} 쓸 수 없습니다";
    L_RESTART_HINT => "Never (keeps failed pods for their logs) or OnFailure", "Never(실패한 Pod의 로그를 남김) 또는 OnFailure";
    L_RESTART_NONE => "no restartPolicy (the default, Always, is refused for Jobs)", "restartPolicy가 없습니다 (기본값 Always는 Job에서 거부됩니다)";
    L_HOST => "{host}: true shares the node's namespace", "{host}: true는 노드의 네임스페이스를 공유합니다";
    L_HOST_HINT => "remove {host}", "{host}{host|을/를} 빼세요";
    L_HOST_PATH => "a hostPath volume exposes the node's files", "hostPath 볼륨은 노드의 파일을 드러냅니다";
    L_HOST_PATH_HINT => "use an emptyDir or a PersistentVolumeClaim", "emptyDir이나 PersistentVolumeClaim을 쓰세요";
    L_POD_ROOT => "the pod runs as UID 0 (root)", "Pod가 UID 0(root)으로 실행됩니다";
    L_SECCOMP => "seccompProfile {profile} is not allowed", "seccompProfile {profile}{profile|은/는} 허용되지 않습니다";
    L_PLACEHOLDER => "container {name} runs `{image}` with no command: busybox's default command exits 0 at once, so the job reports success having done nothing", "컨테이너 {name}{name|이/가} 명령 없이 `{image}`{image|을/를} 실행합니다: busybox의 기본 명령은 곧바로 0으로 끝나므로 Job은 아무것도 하지 않고 성공으로 보고됩니다";
    L_PLACEHOLDER_HINT => "pass --image with the job's own image, or a command after `--` (e.g. -- sh -c '…')", "--image로 Job의 이미지를 주거나 `--` 뒤에 명령을 주세요 (예: -- sh -c '…')";
    L_UNPINNED => "container {name}: image `{image}` {why}", "컨테이너 {name}: 이미지 `{image}`: {why}";
    L_UNPINNED_HINT => "pin a version tag or a digest", "버전 태그나 다이제스트로 고정하세요";
    L_NO_IMAGE => "container {name} has no image", "컨테이너 {name}에 이미지가 없습니다";
    L_NO_IMAGE_HINT => "set image with a pinned tag", "고정 태그로 이미지를 정하세요";
    L_RESOURCES => "container {name} has no {missing}", "컨테이너 {name}에 {missing}{missing|이/가} 없습니다";
    L_CONTAINER_ROOT => "container {name} runs as UID 0 (root)", "컨테이너 {name}{name|이/가} UID 0(root)으로 실행됩니다";
    L_NON_ROOT => "container {name} may run as root", "컨테이너 {name}{name|이/가} root로 실행될 수 있습니다";
    L_NON_ROOT_HINT => "set runAsNonRoot: true on the pod or the container", "Pod나 컨테이너에 runAsNonRoot: true를 정하세요";
    L_CONTAINER_SECCOMP => "container {name}: seccompProfile {profile} is not allowed", "컨테이너 {name}: seccompProfile {profile}{profile|은/는} 허용되지 않습니다";
    L_NO_SECCOMP => "container {name} has no seccomp profile", "컨테이너 {name}에 seccomp 프로필이 없습니다";
    L_ESCALATION => "container {name} does not set allowPrivilegeEscalation: false", "컨테이너 {name}{name|이/가} allowPrivilegeEscalation: false를 정하지 않습니다";
    L_PRIVILEGED => "container {name} is privileged", "컨테이너 {name}{name|은/는} 특권 컨테이너입니다";
    L_PRIVILEGED_HINT => "remove privileged: true", "privileged: true를 빼세요";
    L_CAPS_DROP => "container {name} does not drop ALL capabilities", "컨테이너 {name}{name|이/가} ALL capabilities를 버리지 않습니다";
    L_CAPS_ADD => "container {name} adds capability {cap}", "컨테이너 {name}{name|이/가} capability {cap}{cap|을/를} 더합니다";
    L_CAPS_ADD_HINT => "only NET_BIND_SERVICE may be added", "NET_BIND_SERVICE만 더할 수 있습니다";
    L_CM_KEY => "key `{key}` looks like a secret", "키 `{key}`{key|은/는} 시크릿처럼 보입니다";
    L_CM_VALUE => "the value of `{key}` looks like a secret", "`{key}`의 값이 시크릿처럼 보입니다";
    L_CM_HINT => "ConfigMaps are not secret: move it to the ExternalSecret (`--secret KEY=REMOTE_KEY`)", "ConfigMap은 비밀이 아닙니다: ExternalSecret으로 옮기세요 (`--secret KEY=REMOTE_KEY`)";
    L_ENV_VALUE => "container {container}: the value of env {name} looks like a secret", "컨테이너 {container}: env {name}의 값이 시크릿처럼 보입니다";
    L_ENV_LITERAL => "container {container}: env {name} holds a literal value, in plain text in the manifest", "컨테이너 {container}: env {name}에 값이 매니페스트에 평문으로 들어 있습니다";
    L_ENV_SECRET_HINT => "take it from the ExternalSecret's Secret (`--secret KEY=REMOTE_KEY`, or env valueFrom.secretKeyRef)", "ExternalSecret의 Secret에서 가져오세요 (`--secret KEY=REMOTE_KEY`, 또는 env valueFrom.secretKeyRef)";
    L_ENV_TWICE => "container {container} sets env {name} twice: only the last value is used", "컨테이너 {container}{container|이/가} env {name}{name|을/를} 두 번 정합니다: 마지막 값만 쓰입니다";
    L_ENV_TWICE_HINT => "keep one entry", "하나만 남기세요";
    L_NS_NONE => "(none: the current context's)", "(없음: 현재 컨텍스트의 것)";
    L_NS => "namespace {ns} differs from the job's {job}", "네임스페이스 {ns}{ns|이/가} Job의 {job}와 다릅니다";
    L_NS_HINT => "put every object of the folder in the job's namespace", "폴더의 모든 객체를 Job의 네임스페이스에 두세요";
    L_NS_SUBJECT => "subject namespace {ns} differs from the job's", "subject 네임스페이스 {ns}{ns|이/가} Job의 것과 다릅니다";
    L_NS_SUBJECT_HINT => "bind the ServiceAccount in the job's namespace", "Job의 네임스페이스에 있는 ServiceAccount를 바인딩하세요";
    L_DUPLICATE => "{object} is defined again; the first is in {file} line {line}", "{object}{object|이/가} 다시 정의되었습니다. 첫 정의는 {file} {line}행에 있습니다";
    L_DUPLICATE_HINT => "keep one definition: delete or merge the other (jobgen update pairs objects by identity across files)", "정의를 하나만 남기세요: 다른 것은 지우거나 합치세요 (jobgen update는 파일을 가로질러 같은 객체끼리 짝짓습니다)";
    L_SUPPRESS_RULE => "`{key}` names no lint rule", "`{key}`{key|은/는} 린트 규칙 이름이 아닙니다";
    L_SUPPRESS_RULE_HINT => "`jobgen lint --rules` lists the rule ids", "`jobgen lint --rules`가 규칙 ID를 보여 줍니다";
    L_SUPPRESS_REASON => "`{key}` gives no reason", "`{key}`에 이유가 없습니다";
    L_SUPPRESS_REASON_HINT => "say why the rule does not apply, e.g. `lint.jobgen.dev/ttl-missing: \"kept for audit\"`", "규칙이 맞지 않는 이유를 쓰세요. 예: `lint.jobgen.dev/ttl-missing: \"감사 때문에 보관\"`";
    L_REMOVED_API => "{kind} {version} is no longer served (removed in {removed})", "{kind} {version}{version|은/는} 더 이상 제공되지 않습니다 ({removed}에서 제거)";
    L_REMOVED_API_HINT => "use apiVersion: {replacement}", "apiVersion: {replacement}{replacement|을/를} 쓰세요";
    L_THE_POD => "the pod", "Pod";
    L_CONTAINER => "container {name}", "컨테이너 {name}";
    L_SYSCTL => "sysctl {name} is not in the safe set", "sysctl {name}{name|은/는} 안전한 목록에 없습니다";
    L_SYSCTL_HINT => "drop it, or set it on the node", "빼거나 노드에서 정하세요";
    L_VOLUME => "a {kind} volume is not allowed", "{kind} 볼륨은 허용되지 않습니다";
    L_VOLUME_HINT => "use configMap, secret, emptyDir, projected, csi, ephemeral or a persistentVolumeClaim", "configMap, secret, emptyDir, projected, csi, ephemeral 또는 persistentVolumeClaim을 쓰세요";
    L_HOST_PORT => "container {name} binds hostPort {port}", "컨테이너 {name}{name|이/가} hostPort {port}{port|을/를} 씁니다";
    L_HOST_PORT_HINT => "drop hostPort; reach the job through a Service if anything must", "hostPort를 빼세요. 꼭 필요하면 Service로 Job에 닿으세요";
    L_HOST_PROCESS => "{whose} is a Windows HostProcess", "{whose}{whose|은/는} Windows HostProcess입니다";
    L_HOST_PROCESS_HINT => "remove windowsOptions.hostProcess", "windowsOptions.hostProcess를 빼세요";
    L_SELINUX => "{whose}: seLinuxOptions give it SELinux type `{type}` or a user or role", "{whose}: seLinuxOptions가 SELinux 타입 `{type}`이나 사용자, 역할을 줍니다";
    L_SELINUX_HINT => "remove seLinuxOptions, or keep only a type container_t", "seLinuxOptions를 빼거나 타입 container_t만 남기세요";
    L_APPARMOR => "{whose} runs without AppArmor (Unconfined)", "{whose}{whose|이/가} AppArmor 없이(Unconfined) 실행됩니다";
    L_PROC_MOUNT => "container {name}: procMount {mount} unmasks /proc", "컨테이너 {name}: procMount {mount}{mount|은/는} /proc의 가림을 풉니다";
    L_PROC_MOUNT_HINT => "remove procMount (Default)", "procMount를 빼세요 (Default)";
    L_READ_ONLY => "container {name} can write to its root file system", "컨테이너 {name}{name|이/가} 루트 파일 시스템에 쓸 수 있습니다";
    L_READ_ONLY_HINT => "readOnlyRootFilesystem: true, and an emptyDir for what it writes (e.g. /tmp)", "readOnlyRootFilesystem: true로 하고, 쓰는 곳에는 emptyDir을 두세요 (예: /tmp)";
    L_APPARMOR_ANNOTATION => "{key} runs without AppArmor (unconfined)", "{key}{key|이/가} AppArmor 없이(unconfined) 실행됩니다";
    L_APPARMOR_ANNOTATION_HINT => "remove the annotation, or set runtime/default", "어노테이션을 빼거나 runtime/default로 정하세요";
    L_IDENTITY_EGRESS => "ServiceAccount {sa} has a cloud identity, but this policy does not let the pod reach {endpoint}: every cloud call fails before it starts", "ServiceAccount {sa}에는 클라우드 ID가 있지만, 이 정책은 Pod가 {endpoint}에 닿지 못하게 합니다: 모든 클라우드 호출이 시작 전에 실패합니다";
    L_IDENTITY_EGRESS_HINT => "regenerate with jobgen (it adds the token endpoint), or add that egress rule", "jobgen으로 다시 만들거나(토큰 엔드포인트를 더합니다) 그 이그레스 규칙을 더하세요";
    L_NP_SELECTOR => "podSelector {labels} matches no label of the job's pod template", "podSelector {labels}{labels|이/가} Job의 Pod 템플릿 레이블과 맞지 않습니다";
    L_NP_SELECTOR_HINT => "select the pods by the job's app and target labels", "Job의 app과 대상 레이블로 Pod를 고르세요";
    L_SA_UNUSED => "the folder defines ServiceAccount {sa} but the pod does not use it", "폴더에 ServiceAccount {sa}{sa|이/가} 있지만 Pod가 쓰지 않습니다";
    L_SA_UNUSED_HINT => "set serviceAccountName", "serviceAccountName을 정하세요";
    L_FOLDER_DEFINES => "the folder defines {names}", "폴더에는 {names}{names|이/가} 있습니다";
    L_STORE => "secretStoreRef names {kind} {name}, which is not in this folder ({made}) nor declared external, so the Secret is never made", "secretStoreRef가 가리키는 {kind} {name}{name|은/는} 이 폴더에 없고({made}) 외부로 선언되지도 않아, Secret이 만들어지지 않습니다";
    L_STORE_HINT => "fix the name, or declare it in .jobgen.yaml: {yaml}", "이름을 고치거나 .jobgen.yaml에 선언하세요: {yaml}";
    L_ROLE_REF => "roleRef names Role {role}, not one of this folder ({roles})", "roleRef가 가리키는 Role {role}{role|은/는} 이 폴더의 것({roles})이 아닙니다";
    L_MATCH => "make them match", "서로 맞추세요";
    L_ROLE_BINDING => "the RoleBinding does not bind ServiceAccount {sa}, which the job uses", "RoleBinding이 Job이 쓰는 ServiceAccount {sa}{sa|을/를} 바인딩하지 않습니다";
    L_ROLE_BINDING_HINT => "add it to subjects", "subjects에 더하세요";
    L_SA_DIFFER => "serviceAccountName {name} and the deprecated serviceAccount {old} differ: the pod runs as {name}", "serviceAccountName {name}{name|과/와} 지원 중단된 serviceAccount {old}{old|이/가} 다릅니다: Pod는 {name}{name|으로/로} 실행됩니다";
    L_RERUN_ARGO => "Argo CD creates this Job again once its TTL deletes it (the application goes OutOfSync and self-heal syncs it): it runs again", "TTL이 이 Job을 지우면 Argo CD가 다시 만듭니다 (애플리케이션이 OutOfSync가 되고 self-heal이 동기화): 다시 실행됩니다";
    L_RERUN_ARGO_HINT => "make it a Sync hook with hook-delete-policy: BeforeHookCreation (jobgen new --gitops argocd writes one), or drop ttlSecondsAfterFinished", "hook-delete-policy: BeforeHookCreation인 Sync 훅으로 만들거나 (jobgen new --gitops argocd가 씁니다) ttlSecondsAfterFinished를 빼세요";
    L_RERUN_FLUX => "Flux applies this Job's path again on every interval and creates it again once its TTL deletes it: it runs again", "Flux는 주기마다 이 Job의 경로를 다시 적용하므로 TTL이 지우면 다시 만듭니다: 다시 실행됩니다";
    L_RERUN_FLUX_HINT => "drop ttlSecondsAfterFinished and annotate kustomize.toolkit.fluxcd.io/force: enabled (jobgen new --gitops flux)", "ttlSecondsAfterFinished를 빼고 kustomize.toolkit.fluxcd.io/force: enabled를 다세요 (jobgen new --gitops flux)";
    L_RERUN_GENERATE => "a hook named by generateName gets a new name on every sync, so BeforeHookCreation never deletes the previous Job", "generateName으로 이름 짓는 훅은 동기화마다 새 이름을 받아 BeforeHookCreation이 이전 Job을 지우지 못합니다";
    L_RERUN_GENERATE_HINT => "give the Job a fixed metadata.name", "Job에 고정된 metadata.name을 주세요";
    L_RERUN_PRESYNC => "the PreSync hook runs before the Sync phase creates {object}, which it needs", "PreSync 훅은 필요한 {object}{object|을/를} Sync 단계가 만들기 전에 실행됩니다";
    L_RERUN_PRESYNC_HINT => "make it a Sync hook in a wave after its dependencies", "의존 리소스 다음 웨이브의 Sync 훅으로 만드세요";
    L_SA_DEPRECATED => "the pod sets the deprecated serviceAccount field ({old})", "Pod가 지원 중단된 serviceAccount 필드를 씁니다 ({old})";
    L_SA_DEPRECATED_HINT => "write serviceAccountName instead", "대신 serviceAccountName을 쓰세요";
    L_SA_DIFFER_HINT => "drop serviceAccount (deprecated), keep serviceAccountName", "serviceAccount(지원 중단)를 빼고 serviceAccountName을 남기세요";
    L_KEY_MISSING => "{via} asks {kind} {name} for the key `{key}`, which it does not have ({has})", "{via}{via|이/가} {kind} {name}에 키 `{key}`{key|을/를} 찾지만 그런 키가 없습니다 ({has})";
    L_HAS_NO_KEYS => "it has no keys", "키가 하나도 없습니다";
    L_HAS_KEYS => "it has {keys}", "있는 키: {keys}";
    L_KEY_MISSING_HINT => "use one of its keys, or add the key to it", "있는 키를 쓰거나 그 키를 더하세요";
    L_FOLDER_DEFINES_NONE => "the folder defines none", "폴더에는 하나도 없습니다";
    L_SA_MISSING => "the pod runs as ServiceAccount {sa}, which is not in this folder ({defined}) nor declared external, so the pod is refused", "Pod는 ServiceAccount {sa}{sa|으로/로} 실행되는데, 이 폴더에 없고({defined}) 외부로 선언되지도 않아 Pod가 거부됩니다";
    L_SA_MISSING_HINT => "fix the name, add the ServiceAccount, or declare it in .jobgen.yaml: {yaml}", "이름을 고치거나, ServiceAccount를 더하거나, .jobgen.yaml에 선언하세요: {yaml}";
    L_MAKES_NONE => "the folder makes no {kind}", "폴더가 만드는 {kind}{kind|이/가} 없습니다";
    L_MAKES_SECRETS => "its Secrets and ExternalSecret targets are {names}", "폴더의 Secret과 ExternalSecret 대상은 {names}입니다";
    L_MAKES => "the folder makes {names}", "폴더가 만드는 것은 {names}입니다";
    L_EFFECT_PULL => "so images are pulled without these credentials", "그래서 이미지를 이 자격 증명 없이 받습니다";
    L_EFFECT_START => "so the pod cannot start", "그래서 Pod가 시작하지 못합니다";
    L_REF_MISSING => "{via} names {kind} {name}, which is not in this folder ({made}) nor declared external, {effect}", "{via}{via|이/가} 가리키는 {kind} {name}{name|은/는} 이 폴더에 없고({made}) 외부로 선언되지도 않았습니다. {effect}";
    L_REF_MISSING_HINT => "fix the name, add the {kind} to the folder, or declare it in .jobgen.yaml: {yaml}", "이름을 고치거나, 폴더에 {kind}{kind|을/를} 더하거나, .jobgen.yaml에 선언하세요: {yaml}";
    L_HINT => "hint:", "도움말:";
    L_CHECKED => "checked {folder}: {n} finding(s)", "{folder}{folder|을/를} 검사함: 발견 {n}개";
    L_COUNTS => "{errors} error(s), {warnings} warning(s) in {folders} job folder(s)", "Job 폴더 {folders}개에서 오류 {errors}개, 경고 {warnings}개";
    L_POD_TEMPLATE => "the pod template", "Pod 템플릿";
    L_NOT_UTF8 => "is not UTF-8 (byte {at})", "UTF-8이 아닙니다 ({at}번째 바이트)";
    L_CANNOT_READ => "cannot be read: {why}", "읽을 수 없습니다: {why}";
    L_UNREADABLE => "{name} {why}, so it was not checked", "{name}: {why}. 그래서 검사하지 않았습니다";
    L_UNREADABLE_HINT => "save the file as UTF-8 text, or move it out of the job folder", "파일을 UTF-8 텍스트로 저장하거나 Job 폴더 밖으로 옮기세요";
    L_UNREADABLE_FOLDER => "the folder {folder} cannot be read ({why}), so nothing in it was checked", "{folder} 폴더를 읽을 수 없어({why}) 그 안은 검사하지 않았습니다";
    L_UNREADABLE_FOLDER_HINT => "give the user who runs lint read and search permission on the folder, or lint the folders beside it", "lint를 실행하는 사용자에게 폴더 읽기·탐색 권한을 주거나, 옆의 폴더만 검사하세요";
    LS_HEADER => "FOLDER|NAME|PATTERN|NAMESPACE|SCHEDULE|NEXT RUN|OWNER|ALERTS|TEMPLATES|STATE", "폴더|이름|패턴|네임스페이스|스케줄|다음 실행|담당|알림|템플릿|상태";
    LS_CURRENT => "current", "최신";
    LS_OUTDATED => "out of date", "업데이트 필요";
    LS_CONFLICT => "conflict", "충돌";
    LS_HAND => "hand-written", "직접 작성";
    LS_ERROR => "error", "오류";
    LS_YES => "yes", "예";
    LS_NO => "no", "아니요";
    L_CROWDED => "{n} CronJobs of namespace {namespace} start in the same minute (first at {when}): {jobs}", "네임스페이스 {namespace}의 CronJob {n}개가 같은 분에 시작합니다 (처음은 {when}): {jobs}";
    L_CROWDED_HINT => "spread them with H in the schedule (`--schedule 'H 2 * * *'` picks a minute per job from its name), or raise lint.schedule-crowded", "스케줄에 H를 써서 흩어 놓으세요 (`--schedule 'H 2 * * *'`는 잡 이름으로 분을 고릅니다). 또는 lint.schedule-crowded를 올리세요";
    A_NOT_UTF8 => "is not UTF-8 text, so its objects cannot be read: save it as UTF-8 and adopt again", "UTF-8 텍스트가 아니어서 객체를 읽을 수 없습니다. UTF-8로 저장한 뒤 다시 adopt하세요";
    W_OWNER_NOT_KEPT => "note: the owner of {path} ({owner}) could not be kept ({why}): the new copy belongs to the user who ran jobgen", "참고: {path}의 소유자({owner})를 유지하지 못했습니다({why}). 새 파일은 jobgen을 실행한 사용자의 것입니다";
    W_FOREIGN_FOLDER => "it belongs to user {owner}, and a copy made by user {me} could not be given back to them (only root may): run jobgen as its owner or as root", "사용자 {owner}의 폴더이고, 사용자 {me}{me|이/가} 만든 사본은 그 사용자에게 돌려줄 수 없습니다(root만 가능). 소유자나 root로 jobgen을 실행하세요";
    W_OLD_COPY_LEFT => "note: the old copy {path} could not be removed ({why}): remove it by hand", "참고: 이전 사본 {path}{path|을/를} 지우지 못했습니다({why}). 직접 지우세요";
    IO_NOT_FOUND => "no such file or folder", "그런 파일이나 폴더가 없습니다";
    IO_PERMISSION => "permission denied", "권한이 없습니다";
    IO_NOT_A_FOLDER => "a part of the path is not a folder", "경로의 일부가 폴더가 아닙니다";
    IO_IS_A_FOLDER => "it is a folder", "폴더입니다";
    IO_NO_SPACE => "no space left on the device", "장치에 남은 공간이 없습니다";
    IO_NOT_UTF8 => "it is not UTF-8 text", "UTF-8 텍스트가 아닙니다";
    IO_SPECIAL_REPLACED => "it is not a regular file (a FIFO, socket, device, folder or symlink is never replaced)", "일반 파일이 아닙니다(FIFO, 소켓, 장치, 폴더, 심볼릭 링크는 바꾸지 않습니다)";
    IO_SPECIAL => "it is not a regular file (a FIFO, socket or device is never read)", "일반 파일이 아닙니다(FIFO, 소켓, 장치는 읽지 않습니다)";
    U_NO_BASE => "note: {folder} has no {base} (made by an older jobgen): today's render of its recorded answers stands in for the base, so only changed answers are applied, and template changes are not seen until the next update", "참고: {folder}에는 {base}{base|이/가} 없습니다 (예전 jobgen이 만듦): 기록된 답을 오늘 렌더링한 것이 기준을 대신하므로 바뀐 답만 적용되고, 템플릿 변경은 다음 업데이트까지 보이지 않습니다";
    U_UP_TO_DATE => "{folder}: up to date", "{folder}: 최신입니다";
    U_UPDATED => "updated {folder}/", "{folder}/{folder|을/를} 업데이트했습니다";
    U_HELD => "note: {answer} stays `{kept}`, as it was when the job was written; the config and conventions now give `{config}` (to move the job: {command})", "참고: {answer}{answer|은/는} Job을 만들 때의 `{kept}`{kept|을/를} 유지합니다. 지금 설정과 규칙으로는 `{config}`입니다 (Job을 옮기려면: {command})";
    U_RETIRED => "note: vars.{name} stays recorded in {file}, unused: no team question declares it now (delete it there if it is not coming back)", "참고: vars.{name}{name|은/는} {file}에 기록된 채 쓰이지 않습니다: 이제 이 팀 질문을 선언한 설정이 없습니다 (다시 쓰지 않으면 그 파일에서 지우세요)";
    U_NO_REPO => "no templates repository", "템플릿 저장소 없음";
    U_TEMPLATES => "templates {from} -> {to}", "템플릿 {from} -> {to}";
    U_MADE_FROM => "templates {version}", "템플릿 {version}";
    U_REMOVED => "removed {folder}/{name} (jobgen no longer generates it; it was unedited)", "{folder}/{name}{name|을/를} 지웠습니다 (jobgen이 더 이상 만들지 않고, 고치지 않은 파일)";
    U_MARKERS => "{n} conflict(s) marked in the files: resolve the <<<<<<< ours / >>>>>>> theirs blocks, then run `jobgen lint {folder}`", "충돌 {n}개를 파일에 표시했습니다: <<<<<<< ours / >>>>>>> theirs 블록을 정리한 뒤 `jobgen lint {folder}`를 실행하세요";
    CH_CURRENT => "{folder}: current", "{folder}: 최신";
    CH_OUTDATED => "{folder}: an update would change {changes} field(s), {conflicts} conflict(s)", "{folder}: 업데이트하면 필드 {changes}개가 바뀌고 충돌이 {conflicts}개입니다";
    CH_COUNTS => "{checked} folder(s) checked, {n} out of date", "폴더 {checked}개를 확인했고 {n}개가 최신이 아닙니다";
    CH_COUNTS_ERRORS => "{checked} folder(s) checked, {n} out of date, {errors} could not be checked", "폴더 {checked}개를 확인했고 {n}개가 최신이 아니며, {errors}개는 확인하지 못했습니다";
    U_WOULD_REMOVE => "would remove {folder}/{name} (jobgen no longer generates it; it was unedited)", "{folder}/{name}{name|을/를} 지울 예정 (jobgen이 더 이상 만들지 않고, 고치지 않은 파일)";
    U_KEPT => "kept {folder}/{name}: jobgen no longer generates it, but it was edited by hand; delete it if it is not needed", "{folder}/{name}{name|을/를} 남겼습니다: jobgen은 더 이상 만들지 않지만 손으로 고친 파일입니다. 필요 없으면 지우세요";
    P_GENERAL => "general", "일반";
    P_CRITICAL => "critical", "중요";
    P_DEBUGGING => "debugging", "디버깅";
    P_NETWORK => "network work", "네트워크 작업";
    P_IDEMPOTENT => "idempotent work", "멱등 작업";
    P_NO_RETRY => "critical work, no retry", "중요 작업, 재시도 없음";
    X_NOT_SET => "(not set)", "(정하지 않음)";
    X_RETIRED => "recorded; no question declares it now (kept, unused)", "기록됨. 이제 이 질문을 선언한 설정이 없습니다 (보존, 사용 안 함)";
    X_NO_EQUALS => "(no `=`)", "(`=` 없음)";
    T_WROTE => "wrote {path}", "{path}{path|을/를} 썼습니다";
    T_KEPT => "kept {path}: it exists (--force replaces it)", "{path}{path|은/는} 이미 있어 그대로 둡니다 (--force로 바꿉니다)";
    U_CONFLICT => "conflict:", "충돌:";
    U_NOTE => "note:", "참고:";
    A_NO_TARGET => "the name `{name}` has no `-` and no `{label}` label: it is recorded as both purpose and target", "이름 `{name}`에는 `-`도 `{label}` 레이블도 없습니다: 목적과 대상 모두로 기록합니다";
    A_NO_NAMESPACE => "no metadata.namespace: kubectl applies it to the current context's namespace; `default` is recorded", "metadata.namespace가 없습니다: kubectl은 현재 컨텍스트의 네임스페이스에 적용합니다. `default`로 기록합니다";
    A_ARGS_ONLY => "the container has args but no command: they are kept as a hand edit (jobgen's command replaces the image's entrypoint)", "컨테이너에 args만 있고 command가 없습니다: 손으로 고친 것으로 남깁니다 (jobgen의 command는 이미지의 엔트리포인트를 바꿉니다)";
    A_REFUSED => "{key} {value} is not a jobgen answer ({why}): jobgen's default is recorded, and the folder keeps its own value as a hand edit", "{key} {value}{value|은/는} jobgen의 답이 될 수 없습니다 ({why}): jobgen 기본값을 기록하고, 폴더는 손으로 고친 것으로 제 값을 지킵니다";
    A_ADOPTED => "adopted {folder}/ ({files}); no other file changed", "{folder}/{folder|을/를} 가져왔습니다 ({files}). 다른 파일은 바꾸지 않았습니다";
    A_WOULD_ADOPT => "would adopt {folder}/ ({files}); no other file changed", "{folder}/{folder|을/를} 가져올 예정 ({files}). 다른 파일은 바꾸지 않습니다";
    A_NOTHING_KEPT => "every field is what its answers render: nothing is kept only as a hand edit", "모든 필드가 답을 렌더링한 것과 같습니다: 손으로 고친 것으로만 남는 것이 없습니다";
    A_KEPT => "kept as hand edits ({n}), which `jobgen update` leaves as they are (a field marked absent is written once the team's templates or defaults change it):", "손으로 고친 것으로 남김 ({n}개), `jobgen update`가 그대로 둡니다 (없음으로 표시된 필드는 팀의 템플릿이나 기본값이 바뀌면 씁니다):";
    A_HAND_ONLY => "{value} (jobgen does not generate it)", "{value} (jobgen은 만들지 않음)";
    A_ABSENT => "absent (jobgen would write {value})", "없음 (jobgen은 {value}{value|을/를} 씀)";
    A_DIFFERS => "{value} (jobgen: {jobgen})", "{value} (jobgen은 {jobgen})";
    E_FILE_EXISTS => "{path} already exists; pass --force to overwrite it", "{path}{path|이/가} 이미 있습니다. 덮어쓰려면 --force를 주세요";
    E_EDITS_WOULD_BE_LOST => "--force would discard the hand edits in {files} of {path}: run `jobgen update {path}` to bring it up to date keeping them, or add --discard-edits to replace them; nothing was written", "--force는 {path}의 {files}에 손으로 고친 내용을 버립니다. 고친 내용을 지키며 최신으로 만들려면 `jobgen update {path}`를 실행하고, 버리고 바꾸려면 --discard-edits를 더하세요. 아무것도 쓰지 않았습니다";
    U_DISCARDED => "discarded the hand edits in {folder}/{name} (--discard-edits)", "{folder}/{name}에 손으로 고친 내용을 버렸습니다 (--discard-edits)";
    U_WOULD_DISCARD => "would discard the hand edits in {folder}/{name} (--discard-edits)", "{folder}/{name}에 손으로 고친 내용을 버릴 예정 (--discard-edits)";
    E_RENDERS_INVALID_YAML => "it renders {file} that is not valid YAML: line {line}, column {column} of the rendered file: {why}; fix the template (`jobgen new ... --no-lint --stdout` shows what it renders)", "이 템플릿이 만든 {file}{file|이/가} 올바른 YAML이 아닙니다: 만들어진 파일의 {line}행 {column}열: {why}. 템플릿을 고치세요 (`jobgen new ... --no-lint --stdout`로 결과를 볼 수 있습니다)";
    E_TARGET_EXISTS => "{path} already exists; pass --force to replace the files jobgen generates (other files in it are kept), or choose another name or --output-dir", "{path}{path|이/가} 이미 있습니다. jobgen이 만드는 파일을 바꾸려면 --force를 주거나(다른 파일은 남습니다) 다른 이름이나 --output-dir을 고르세요";
    E_NOT_A_FOLDER => "{path} exists and is not a folder; jobgen replaces only a job folder, even with --force. Choose another name or --output-dir", "{path}{path|은/는} 폴더가 아닌 채로 있습니다. jobgen은 --force로도 Job 폴더만 바꿉니다. 다른 이름이나 --output-dir을 고르세요";
    E_IO => "cannot {action} {path}: {why}", "{path}: {action} 실패: {why}";
    E_NOT_WRITTEN => "cannot write {path}: {why}; nothing was written", "{path}{path|을/를} 쓸 수 없습니다: {why}. 아무것도 쓰지 않았습니다";
    E_TEMPLATE => "template {file} ({origin}) is broken; nothing was written", "템플릿 {file} ({origin}){origin|이/가} 잘못되었습니다. 아무것도 쓰지 않았습니다";
    E_LINT => "the generated folder fails {n} lint check(s) (see above); nothing was written. Fix the team template, or suppress a rule with a reasoned `lint.jobgen.dev/<rule>` annotation or `lint.disable` in .jobgen.yaml", "만든 폴더가 린트 검사 {n}개를 통과하지 못했습니다 (위 참고). 아무것도 쓰지 않았습니다. 팀 템플릿을 고치거나, 이유를 단 `lint.jobgen.dev/<rule>` 어노테이션이나 .jobgen.yaml의 `lint.disable`로 규칙을 끄세요";
    E_PROMPT => "prompt failed: {why}; nothing was written (pass --no-input to use flags only)", "질문에 실패했습니다: {why}. 아무것도 쓰지 않았습니다 (플래그만 쓰려면 --no-input을 주세요)";
    E_MISSING_PATH => "{path} does not exist", "{path}{path|이/가} 없습니다";
    E_CWD_GONE => "{path}: the current folder no longer exists (another jobgen run may have replaced it as a whole, or it was removed); nothing was done: run `cd \"$PWD\"` and try again", "{path}: 지금 폴더가 더 이상 없습니다 (다른 jobgen 실행이 통째로 바꿨거나 지워졌을 수 있습니다). 아무것도 하지 않았습니다: `cd \"$PWD\"`를 실행하고 다시 해 보세요";
    E_NOT_GENERATED => "{path} holds no job folder made by jobgen (no {marker} file); make one with `jobgen new`, or point at the folder that holds it", "{path}에는 jobgen이 만든 Job 폴더가 없습니다 ({marker} 파일 없음). `jobgen new`로 만들거나 그 폴더를 가리키세요";
    E_CONFLICTS => "{n} conflict(s) (see above); nothing was written. Rerun with --conflicts markers to resolve them in the files, or --prefer ours|theirs", "충돌 {n}개 (위 참고). 아무것도 쓰지 않았습니다. 파일에서 정리하려면 --conflicts markers로, 아니면 --prefer ours|theirs로 다시 실행하세요";
    U_COMMENTS_DROPPED => "{label} was written anew where the change could not be placed in your text; comments dropped: {comments}", "변경을 글에 끼워 넣을 수 없어 {label}{label|을/를} 새로 썼습니다. 빠진 주석: {comments}";
    U_IMMUTABLE => "{file}: {object}: {paths} cannot change on a Job that exists (the API server answers \"field is immutable\"): applying it takes {how}", "{file}: {object}: 있는 Job에서는 {paths}{paths|을/를} 바꿀 수 없습니다 (API 서버가 \"field is immutable\"로 거부): 적용하려면 {how}";
    U_IMMUTABLE_KUBECTL => "`kubectl replace --force -f {file}` (delete, then create), which runs the Job again", "`kubectl replace --force -f {file}` (지우고 다시 생성)이 필요하며, Job이 다시 실행됩니다";
    U_IMMUTABLE_ARGOCD => "the next sync: Argo CD deletes the hook Job (BeforeHookCreation) and runs it again", "다음 동기화가 필요합니다: Argo CD가 훅 Job을 지우고 (BeforeHookCreation) 다시 실행합니다";
    U_IMMUTABLE_FLUX => "Flux: it deletes and re-creates the Job (force annotation) on its next reconciliation, which runs it again", "Flux가 다음 조정 때 Job을 지우고 다시 만들며 (force 어노테이션), Job이 다시 실행됩니다";
    U_REWRITTEN => "{label} was written anew in block style: the change could not be placed in your text (the values are the same; layout and quoting are jobgen's)", "변경을 글에 끼워 넣을 수 없어 {label}{label|을/를} 블록 스타일로 새로 썼습니다 (값은 같고, 배치와 따옴표는 jobgen의 것입니다)";
    U_ANCHORS_EXPANDED => "{label} was written anew: its YAML anchors, aliases and merge keys (<<:) were expanded", "{label}{label|을/를} 새로 썼습니다: YAML 앵커, 별칭, 병합 키(<<:)가 풀렸습니다";
    R_CANCELLED_AFTER => "cancelled; {written} had been written before, nothing else was", "취소했습니다. {written}{written|은/는} 그 전에 썼고, 그 밖에는 아무것도 쓰지 않았습니다";
    W_INSIDE => "note: {folder} was replaced as a whole; a shell inside it still sees the old copy: run `cd \"$PWD\"` to see the new files", "참고: {folder}{folder|을/를} 통째로 바꿨습니다. 그 안의 셸은 예전 것을 봅니다: 새 파일을 보려면 `cd \"$PWD\"`를 실행하세요";
    SRC_BUILTIN => "built-in default", "기본값";
    SRC_DERIVED => "derived from {from}", "{from}에서 정함";
    SRC_FLAG => "command line", "명령줄";
    SRC_PROMPT => "prompt", "질문";
    SRC_LOCALE => "the locale (LANG)", "로캘 (LANG)";
    SRC_USER => "user config", "사용자 설정";
    SRC_TEAM => "team config", "팀 설정";
    V_EMPTY => "must not be empty", "비어 있으면 안 됩니다";
    V_TOO_LONG => "is {len} characters long; at most {max} are allowed", "{len}자입니다. 최대 {max}자까지 쓸 수 있습니다";
    V_DNS_LABEL => "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit", "DNS-1123 레이블이어야 합니다: 소문자, 숫자, '-'만 쓰고 문자나 숫자로 시작하고 끝나야 합니다";
    V_DNS_SUBDOMAIN => "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'", "DNS-1123 서브도메인이어야 합니다: 소문자, 숫자, '-', '.'만 씁니다";
    V_LABEL_TOO_LONG => "is {len} characters long; a label value allows at most 63", "{len}자입니다. 레이블 값은 최대 63자입니다";
    V_LABEL_VALUE => "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit", "레이블 값이어야 합니다: 문자, 숫자, '-', '_', '.'만 쓰고 문자나 숫자로 시작하고 끝나야 합니다";
    V_NUMBER => "must be a whole number from {min} to {max}", "{min}부터 {max}까지의 정수여야 합니다";
    V_ONE_OF => "must be one of: {choices}", "다음 중 하나여야 합니다: {choices}";
    V_IMAGE_SPACES => "must be an image reference without spaces, e.g. `registry/app:1.2.3`", "공백 없는 이미지 참조여야 합니다. 예: `registry/app:1.2.3`";
    V_IMAGE_DIGEST => "has a malformed digest; expected `@sha256:<hex>`", "다이제스트 형식이 잘못되었습니다. `@sha256:<hex>` 형식이어야 합니다";
    V_IMAGE_UNTAGGED => "has no tag; pin one, e.g. `app:1.2.3` (an untagged image means `:latest`)", "태그가 없습니다. `app:1.2.3`처럼 고정하세요 (태그 없는 이미지는 `:latest`입니다)";
    V_IMAGE_LATEST => "uses `:latest`; pin a version tag or a digest so reruns use the same image", "`:latest`를 씁니다. 다시 실행해도 같은 이미지를 쓰도록 버전 태그나 다이제스트로 고정하세요";
    V_IMAGE_TAG => "has an invalid tag: letters, digits, '_', '.' and '-', at most 128", "태그가 잘못되었습니다: 문자, 숫자, '_', '.', '-'만 쓰고 최대 128자입니다";
    V_REMOTE_KEY => "must be the provider's secret name, without spaces", "공백 없는 공급자의 시크릿 이름이어야 합니다";
    V_BOOL => "must be true or false", "true 또는 false여야 합니다";
    V_REGISTRY => "must be a registry host and optional path without scheme or trailing `/`, e.g. `europe-docker.pkg.dev/team/jobs`", "스킴과 끝의 `/` 없이 레지스트리 호스트와 선택적 경로여야 합니다. 예: `europe-docker.pkg.dev/team/jobs`";
    V_SCHEDULE_TZ => "sets a time zone with TZ=/CRON_TZ=, which Kubernetes refuses; drop the prefix (the CronJob `timeZone` field sets the zone)", "TZ=/CRON_TZ=로 시간대를 정하는데, Kubernetes는 이를 거부합니다. 접두사를 빼세요 (시간대는 CronJob의 `timeZone` 필드로 정합니다)";
    V_SCHEDULE_NEVER => "never runs: no date matches its day-of-month and month (e.g. 30 February); Kubernetes would accept the CronJob and never start a Job", "실행되지 않습니다: 일과 월에 맞는 날짜가 없습니다 (예: 2월 30일). Kubernetes는 이 CronJob을 받아들이지만 Job을 한 번도 시작하지 않습니다";
    V_STEP_MIN => "a step must be at least 1", "간격은 1 이상이어야 합니다";
    V_UUID => "must be a client id such as 00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000 같은 클라이언트 ID여야 합니다";
    V_GCP_PROJECT => "must be a GCP project id, e.g. `ojeomneo-prod`", "GCP 프로젝트 ID여야 합니다. 예: `ojeomneo-prod`";
    V_AWS_REGION => "must be an AWS region, e.g. `ap-northeast-2`", "AWS 리전이어야 합니다. 예: `ap-northeast-2`";
    V_VAULT_URL => "must be a Key Vault URL, e.g. `https://ojeomneo-kv.vault.azure.net/`", "Key Vault URL이어야 합니다. 예: `https://ojeomneo-kv.vault.azure.net/`";
    V_IAM_ARN => "must be an IAM role ARN, e.g. `arn:aws:iam::123456789012:role/restore`", "IAM 역할 ARN이어야 합니다. 예: `arn:aws:iam::123456789012:role/restore`";
    V_TZ => "is not an IANA time zone name such as `Asia/Seoul`, `Europe/Berlin` or `UTC`", "`Asia/Seoul`, `Europe/Berlin`, `UTC` 같은 IANA 시간대 이름이 아닙니다";
    V_CONTROL => "contains the control character U+{code}", "제어 문자 U+{code}가 들어 있습니다";
    V_SCHEDULE_MACRO => "is not a schedule macro Kubernetes knows; use one of {macros}", "Kubernetes가 아는 일정 매크로가 아닙니다. 다음 중 하나를 쓰세요: {macros}";
    V_SCHEDULE_FIELDS => "has {n} fields; Kubernetes wants 5: minute hour day-of-month month day-of-week, e.g. `0 2 * * *`", "필드가 {n}개입니다. Kubernetes는 분 시 일 월 요일의 5개를 씁니다. 예: `0 2 * * *`";
    V_SCHEDULE_FIELD => "has an invalid {what} field `{field}`: {why}", "{what} 필드 `{field}`{field|이/가} 잘못되었습니다: {why}";
    V_NOT_NUMBER => "`{v}` is not a number", "`{v}`{v|은/는} 숫자가 아닙니다";
    V_OUTSIDE => "{n} is outside {min}-{max}", "{n}{n|은/는} {min}-{max} 범위 밖입니다";
    V_BACKWARDS => "range {lo}-{hi} runs backwards", "범위 {lo}-{hi}{hi|이/가} 거꾸로입니다";
    V_STEP_NUMBER => "step `{step}` is not a number", "간격 `{step}`{step|은/는} 숫자가 아닙니다";
    V_HASH_FORM => "`H` takes the forms H, H(a-b), H/n and H(a-b)/n", "`H`는 H, H(a-b), H/n, H(a-b)/n 형식으로 씁니다";
    V_EGRESS => "must be one of {names}, or CIDR[:PORT] such as 10.20.0.0/16:5432, or a port", "{names} 중 하나, 10.20.0.0/16:5432 같은 CIDR[:PORT], 또는 포트여야 합니다";
    V_KUBE_VERSION => "must be a Kubernetes version from 1.{lo} to 1.{hi}, e.g. 1.33", "1.{lo}부터 1.{hi}까지의 Kubernetes 버전이어야 합니다. 예: 1.33";
    V_TZ_NEAR => "is not an IANA time zone name; did you mean `{name}`? (`Asia/Seoul`, `Europe/Berlin` and `UTC` are)", "IANA 시간대 이름이 아닙니다. `{name}`{name|을/를} 말씀하셨나요? (`Asia/Seoul`, `Europe/Berlin`, `UTC`가 그 예입니다)";
    V_RBAC => "must be RESOURCE[.GROUP]:VERB[,VERB], e.g. `configmaps:get,list` or `jobs.batch:create`; verbs: {verbs}", "RESOURCE[.GROUP]:VERB[,VERB] 형식이어야 합니다. 예: `configmaps:get,list`, `jobs.batch:create`. 동사: {verbs}";
    T_LIST => "must be a list of values (with -d: items separated by commas)", "값의 목록이어야 합니다 (-d에서는 쉼표로 구분)";
    T_ONE => "must be a single value (one -d, not a list)", "값 하나여야 합니다 (-d 하나, 목록이 아님)";
    T_INTEGER => "must be a whole number from {min} to {max}", "{min}부터 {max}까지의 정수여야 합니다";
    T_PATTERN => "must match the pattern {pattern}", "패턴 {pattern}에 맞아야 합니다";
    T_REQUIRED => "the team question `{name}` ({help}) has no answer and no default; give it with -d {name}=…", "팀 질문 `{name}` ({help})에 답도 기본값도 없습니다. -d {name}=…로 주세요";
    T_UNKNOWN => "no team question has this name; the config declares: {names}", "이 이름의 팀 질문이 없습니다. 설정에 선언된 질문: {names}";
    T_UNKNOWN_NONE => "no team question has this name; the config declares none (`questions:` in .jobgen.yaml)", "이 이름의 팀 질문이 없습니다. 설정에 선언된 질문이 없습니다 (.jobgen.yaml의 `questions:`)";
    R_CANCELLED => "cancelled; nothing was written", "취소했습니다. 아무것도 쓰지 않았습니다";
}

fn find(id: Msg) -> &'static Entry {
    &ENTRIES[id as usize]
}

/// A message with nothing inserted.
pub fn t(id: Msg) -> &'static str {
    let m = find(id);
    match ui() {
        Ui::En => m.en,
        Ui::Ko => m.ko,
    }
}

/// A message with `args` inserted (`{name}`, and in Korean `{name|을/를}`).
pub fn f(id: Msg, args: &[(&str, &str)]) -> String {
    fill(t(id), args)
}

/// [`f`] in the language `ui`, whatever the interface's is.
pub fn f_in(ui: Ui, id: Msg, args: &[(&str, &str)]) -> String {
    let m = find(id);
    fill(
        match ui {
            Ui::En => m.en,
            Ui::Ko => m.ko,
        },
        args,
    )
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
            (Some((_, value)), Some(p)) => out.push_str(&crate::ko::particle(value, p)),
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
        let mut ids: Vec<&str> = ENTRIES.iter().map(|m| m.id).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
        for m in ENTRIES {
            assert!(!m.en.is_empty() && !m.ko.is_empty(), "{}", m.id);
            assert_ne!(m.en, m.ko, "{}: not translated", m.id);
            assert_eq!(placeholders(m.en), placeholders(m.ko), "{}", m.id);
            let braces: Vec<&str> =
                m.en.split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(i, _)| i))
                    .collect();
            assert!(
                !braces.iter().any(|b| b.contains('|')),
                "{}: particles are for Korean",
                m.id
            );
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
        // The language part, not the first letters.
        for (locale, ui) in [
            ("ko", Ui::Ko),
            ("ko-KR", Ui::Ko),
            ("ko.UTF-8", Ui::Ko),
            ("kok_IN", Ui::En),
            ("kok_IN.UTF-8", Ui::En),
            ("korean", Ui::En),
        ] {
            assert_eq!(
                from_locale(env(Box::leak(Box::new([("LANG", locale)])))),
                ui,
                "{locale}"
            );
        }
    }
}
