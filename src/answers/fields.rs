//! Every answer and setting jobgen knows, defined once: its key (the name in
//! config and values files; the flag is `--key` unless noted), its kind, its
//! help, the schema published by `jobgen schema`, and the validator every
//! input path goes through.

use crate::answers::scalars as v;
use crate::choices::{
    ConcurrencyPolicy, Dns, Gitops, Lang, LintProfile, Pattern, Provider, ResourcesCheck,
    RestartPolicy, Size, StoreKind,
};

/// A field's key, as config and values files spell it (`files.configmap`).
/// Only the constants of [`key`] (one per field) and [`Key::of`] make one,
/// so a misspelt key is a compile error, not a silent `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(&'static str);

impl Key {
    /// The spelling.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The key a file or a composed name spells, if a field has it.
    pub fn of(s: &str) -> Option<Key> {
        field(s).map(|f| f.key)
    }

    /// The field of this key.
    pub fn field(self) -> &'static Field {
        FIELDS
            .iter()
            .find(|f| f.key == self)
            .expect("every key constant has its field (test: every_key_has_its_field)")
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl From<Key> for String {
    fn from(k: Key) -> String {
        k.0.to_string()
    }
}

impl PartialEq<Key> for String {
    fn eq(&self, other: &Key) -> bool {
        self == other.0
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// One constant per field key.
pub mod key {
    use crate::answers::fields::Key;

    macro_rules! keys {
        ($($name:ident = $text:literal),+ $(,)?) => {
            $(pub const $name: Key = Key($text);)+
            /// Every key constant.
            pub const ALL: &[Key] = &[$($name),+];
        };
    }

    keys! {
        NAME = "name",
        PURPOSE = "purpose",
        TARGET = "target",
        ENV = "env",
        PATTERN = "pattern",
        NAMESPACE = "namespace",
        IMAGE = "image",
        DESCRIPTION = "description",
        COMMAND = "command",
        SCHEDULE = "schedule",
        PARALLELISM = "parallelism",
        COMPLETIONS = "completions",
        TTL = "ttl",
        BACKOFF_LIMIT = "backoff-limit",
        RESTART_POLICY = "restart-policy",
        ACTIVE_DEADLINE = "active-deadline",
        SIZE = "size",
        CPU_REQUEST = "cpu-request",
        CPU_LIMIT = "cpu-limit",
        MEMORY_REQUEST = "memory-request",
        MEMORY_LIMIT = "memory-limit",
        RUN_AS_USER = "run-as-user",
        ENV_VARS = "env-vars",
        SECRETS = "secrets",
        SECRET_STORE = "secret-store",
        SECRET_STORE_KIND = "secret-store-kind",
        GCP_SERVICE_ACCOUNT = "gcp-service-account",
        AWS_ROLE_ARN = "aws-role-arn",
        PROVIDER = "provider",
        AZURE_CLIENT_ID = "azure-client-id",
        CREATE_SECRET_STORE = "create-secret-store",
        GCP_PROJECT = "gcp-project",
        AWS_REGION = "aws-region",
        AZURE_VAULT_URL = "azure-vault-url",
        RBAC = "rbac",
        FILES_README = "files.readme",
        FILES_SERVICE_ACCOUNT = "files.service-account",
        FILES_EXTERNAL_SECRET = "files.external-secret",
        FILES_CONFIGMAP = "files.configmap",
        FILES_NETWORK_POLICY = "files.network-policy",
        NAMESPACES_ONE_OFF = "namespaces.one-off",
        NAMESPACES_CRON = "namespaces.cron",
        NAMESPACES_PARALLEL = "namespaces.parallel",
        IMAGE_REGISTRY = "image-registry",
        SIZES_LIGHT_CPU_REQUEST = "sizes.light.cpu-request",
        SIZES_LIGHT_MEMORY_REQUEST = "sizes.light.memory-request",
        SIZES_LIGHT_CPU_LIMIT = "sizes.light.cpu-limit",
        SIZES_LIGHT_MEMORY_LIMIT = "sizes.light.memory-limit",
        SIZES_MEDIUM_CPU_REQUEST = "sizes.medium.cpu-request",
        SIZES_MEDIUM_MEMORY_REQUEST = "sizes.medium.memory-request",
        SIZES_MEDIUM_CPU_LIMIT = "sizes.medium.cpu-limit",
        SIZES_MEDIUM_MEMORY_LIMIT = "sizes.medium.memory-limit",
        SIZES_HEAVY_CPU_REQUEST = "sizes.heavy.cpu-request",
        SIZES_HEAVY_MEMORY_REQUEST = "sizes.heavy.memory-request",
        SIZES_HEAVY_CPU_LIMIT = "sizes.heavy.cpu-limit",
        SIZES_HEAVY_MEMORY_LIMIT = "sizes.heavy.memory-limit",
        LABELS = "labels",
        ANNOTATIONS = "annotations",
        DNS = "dns",
        TARGET_LABEL = "target-label",
        CHECKOV_SKIPS = "checkov-skips",
        GITOPS = "gitops",
        TEMPLATES = "templates",
        LANG = "lang",
        TIME_ZONE = "time-zone",
        CONCURRENCY_POLICY = "concurrency-policy",
        STARTING_DEADLINE = "starting-deadline",
        SUCCESSFUL_JOBS_HISTORY = "successful-jobs-history",
        FAILED_JOBS_HISTORY = "failed-jobs-history",
        BACKOFF_LIMIT_PER_INDEX = "backoff-limit-per-index",
        MAX_FAILED_INDEXES = "max-failed-indexes",
        FAIL_ON_EXIT_CODE = "fail-on-exit-code",
        SUSPEND = "suspend",
        QUEUE = "queue",
        KUBE_VERSION = "kube-version",
        MONITORING = "monitoring",
        ALERT_AFTER = "alert-after",
        TEAM = "team",
        EGRESS = "egress",
        LINT_DISABLE = "lint.disable",
        LINT_PROFILE = "lint.profile",
        LINT_RESOURCES = "lint.resources",
        LINT_EXTERNAL = "lint.external",
    }
}

/// The shape of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One text value (numbers and booleans in files are taken as their text).
    Text,
    /// A list of text values (the command).
    List,
    /// A map of text keys to text values (env vars, secrets, labels…).
    Map,
    /// true or false.
    Bool,
}

/// JSON Schema facts about a text value, published by `jobgen schema`.
#[derive(Debug, Clone, Copy)]
pub enum Schema {
    /// Any string, optionally matching a pattern.
    String(Option<&'static str>),
    /// An integer within bounds.
    Integer(u64, u64),
    /// One of fixed strings.
    Enum(&'static [&'static str]),
}

/// One answer or setting.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Key in config and values files; dots nest (`files.configmap`).
    pub key: Key,
    /// The command-line spelling, or "" when only files set it.
    pub flag: &'static str,
    /// Its shape.
    pub kind: Kind,
    /// What it means (help, schema description, `jobgen config`).
    pub help: &'static str,
    /// Schema of a text value, or of a map's values.
    pub schema: Schema,
    /// The validator for a text value, or a map's values.
    pub check: fn(&str) -> Result<(), String>,
    /// The validator for a map's keys.
    pub check_key: fn(&str) -> Result<(), String>,
}

/// Pattern of a DNS-1123 label (names, namespaces, purpose, target).
pub const DNS_LABEL: &str = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
/// Pattern of a label value (non-empty, as jobgen requires).
pub const LABEL_VALUE: &str = "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";
/// Pattern of an environment variable key usable as a ConfigMap key.
pub const ENV_KEY: &str = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";
/// Pattern of a Kubernetes quantity.
pub const QUANTITY: &str =
    r"^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([numkMGTPE]|[KMGTPE]i|[eE][-+]?[0-9]+)?$";
fn ok(_: &str) -> Result<(), String> {
    Ok(())
}

const fn text(
    key: Key,
    flag: &'static str,
    help: &'static str,
    schema: Schema,
    check: fn(&str) -> Result<(), String>,
) -> Field {
    Field {
        key,
        flag,
        kind: Kind::Text,
        help,
        schema,
        check,
        check_key: ok,
    }
}

const fn map(
    key: Key,
    flag: &'static str,
    help: &'static str,
    check_key: fn(&str) -> Result<(), String>,
    schema: Schema,
    check: fn(&str) -> Result<(), String>,
) -> Field {
    Field {
        key,
        flag,
        kind: Kind::Map,
        help,
        schema,
        check,
        check_key,
    }
}

const fn flag_bool(key: Key, flag: &'static str, help: &'static str) -> Field {
    Field {
        key,
        flag,
        kind: Kind::Bool,
        help,
        schema: Schema::Enum(&["true", "false"]),
        check: |s| v::boolean(s).map(drop),
        check_key: ok,
    }
}

const STR: Schema = Schema::String(None);
const SECONDS: Schema = Schema::Integer(0, v::INT32_MAX);

/// Every field, in the order `jobgen config` lists them.
pub const FIELDS: &[Field] = &[
    text(
        key::NAME,
        "NAME",
        "job name, [purpose]-[target]-[detail]",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::PURPOSE,
        "--purpose",
        "purpose of the job, the `app` label",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::TARGET,
        "--target",
        "what the job works on, the target label",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::ENV,
        "--env",
        "environment, the `env` label",
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    ),
    text(
        key::PATTERN,
        "--pattern",
        "job pattern",
        Schema::Enum(Pattern::NAMES),
        ok,
    ),
    text(
        key::NAMESPACE,
        "--namespace",
        "namespace of every object",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::IMAGE,
        "--image",
        "container image with a pinned tag or digest",
        STR,
        |s| v::image(s).map(drop),
    ),
    text(
        key::DESCRIPTION,
        "--description",
        "one-line description, kept byte for byte",
        STR,
        |s| v::free_text(s).map(drop),
    ),
    Field {
        key: key::COMMAND,
        flag: "-- COMMAND",
        kind: Kind::List,
        help: "container command and arguments",
        schema: STR,
        check: |s| v::free_text(s).map(drop),
        check_key: ok,
    },
    text(
        key::SCHEDULE,
        "--schedule",
        "CronJob schedule (cron pattern)",
        STR,
        |s| v::schedule(s).map(drop),
    ),
    text(
        key::PARALLELISM,
        "--parallelism",
        "pods at once (parallel pattern)",
        Schema::Integer(1, v::MAX_COUNT),
        ok,
    ),
    text(
        key::COMPLETIONS,
        "--completions",
        "completions wanted (parallel pattern)",
        Schema::Integer(1, v::MAX_COUNT),
        ok,
    ),
    text(key::TTL, "--ttl", "ttlSecondsAfterFinished", SECONDS, |s| {
        v::number(s, 0, v::INT32_MAX).map(drop)
    }),
    text(
        key::BACKOFF_LIMIT,
        "--backoff-limit",
        "backoffLimit",
        SECONDS,
        ok,
    ),
    text(
        key::RESTART_POLICY,
        "--restart-policy",
        "pod restartPolicy",
        Schema::Enum(RestartPolicy::NAMES),
        ok,
    ),
    text(
        key::ACTIVE_DEADLINE,
        "--active-deadline",
        "activeDeadlineSeconds",
        Schema::Integer(1, v::INT32_MAX),
        ok,
    ),
    text(
        key::SIZE,
        "--size",
        "resource tier",
        Schema::Enum(Size::NAMES),
        ok,
    ),
    text(
        key::CPU_REQUEST,
        "--cpu-request",
        "CPU request, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::CPU_LIMIT,
        "--cpu-limit",
        "CPU limit, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::MEMORY_REQUEST,
        "--memory-request",
        "memory request, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::MEMORY_LIMIT,
        "--memory-limit",
        "memory limit, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::RUN_AS_USER,
        "--run-as-user",
        "UID and GID the pod runs as",
        Schema::Integer(10000, v::INT32_MAX),
        |s| {
            v::number(s, 10000, v::INT32_MAX)
                .map(drop)
                .map_err(|why| format!("{why} (a high UID keeps clear of users on the node)"))
        },
    ),
    map(
        key::ENV_VARS,
        "--env-var",
        "non-secret environment variables for the ConfigMap",
        |s| v::env_key(s).map(drop),
        STR,
        |s| v::free_text(s).map(drop),
    ),
    map(
        key::SECRETS,
        "--secret",
        "secret environment variables: KEY to the provider's secret name",
        |s| v::env_key(s).map(drop),
        STR,
        |s| v::remote_key(s).map(drop),
    ),
    text(
        key::SECRET_STORE,
        "--secret-store",
        "secret store the ExternalSecret reads through",
        STR,
        |s| v::dns_subdomain(s).map(drop),
    ),
    text(
        key::SECRET_STORE_KIND,
        "--secret-store-kind",
        "kind of that secret store",
        Schema::Enum(StoreKind::NAMES),
        ok,
    ),
    text(
        key::GCP_SERVICE_ACCOUNT,
        "--gcp-service-account",
        "GCP service account for GKE Workload Identity",
        STR,
        |s| v::gcp_service_account(s).map(drop),
    ),
    text(
        key::AWS_ROLE_ARN,
        "--aws-role-arn",
        "AWS IAM role for EKS IRSA",
        STR,
        |s| v::aws_role_arn(s).map(drop),
    ),
    text(
        key::PROVIDER,
        "--provider",
        "cloud of the identity and the secret store",
        Schema::Enum(Provider::NAMES),
        ok,
    ),
    text(
        key::AZURE_CLIENT_ID,
        "--azure-client-id",
        "Azure Workload Identity client id (annotates the ServiceAccount, labels the pod)",
        STR,
        |s| v::uuid(s).map(drop),
    ),
    flag_bool(
        key::CREATE_SECRET_STORE,
        "--create-secret-store",
        "also write the SecretStore into external-secret.yaml",
    ),
    text(
        key::GCP_PROJECT,
        "--gcp-project",
        "GCP project of Secret Manager (with --create-secret-store)",
        STR,
        |s| v::gcp_project(s).map(drop),
    ),
    text(
        key::AWS_REGION,
        "--aws-region",
        "AWS region of Secrets Manager (with --create-secret-store)",
        STR,
        |s| v::aws_region(s).map(drop),
    ),
    text(
        key::AZURE_VAULT_URL,
        "--azure-vault-url",
        "Azure Key Vault URL (with --create-secret-store)",
        STR,
        |s| v::azure_vault_url(s).map(drop),
    ),
    Field {
        key: key::RBAC,
        flag: "--rbac",
        kind: Kind::List,
        help: "Role rules, RESOURCE[.GROUP]:VERB[,VERB]; the pod then mounts its API token",
        schema: Schema::String(None),
        check: |s| v::rbac_rule(s).map(drop),
        check_key: ok,
    },
    flag_bool(key::FILES_README, "--readme", "produce README.md"),
    flag_bool(
        key::FILES_SERVICE_ACCOUNT,
        "--no-service-account",
        "produce service-account.yaml",
    ),
    flag_bool(
        key::FILES_EXTERNAL_SECRET,
        "--no-external-secret",
        "produce external-secret.yaml",
    ),
    flag_bool(
        key::FILES_CONFIGMAP,
        "--no-configmap",
        "produce configmap.yaml",
    ),
    flag_bool(
        key::FILES_NETWORK_POLICY,
        "--no-network-policy",
        "produce network-policy.yaml",
    ),
    text(
        key::NAMESPACES_ONE_OFF,
        "",
        "default namespace of one-off jobs",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::NAMESPACES_CRON,
        "",
        "default namespace of cron jobs",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::NAMESPACES_PARALLEL,
        "",
        "default namespace of parallel jobs",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::IMAGE_REGISTRY,
        "",
        "registry prefixed to images given without one",
        STR,
        |s| v::registry(s).map(drop),
    ),
    text(
        key::SIZES_LIGHT_CPU_REQUEST,
        "",
        "light tier CPU request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_LIGHT_MEMORY_REQUEST,
        "",
        "light tier memory request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_LIGHT_CPU_LIMIT,
        "",
        "light tier CPU limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_LIGHT_MEMORY_LIMIT,
        "",
        "light tier memory limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_MEDIUM_CPU_REQUEST,
        "",
        "medium tier CPU request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_MEDIUM_MEMORY_REQUEST,
        "",
        "medium tier memory request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_MEDIUM_CPU_LIMIT,
        "",
        "medium tier CPU limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_MEDIUM_MEMORY_LIMIT,
        "",
        "medium tier memory limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_HEAVY_CPU_REQUEST,
        "",
        "heavy tier CPU request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_HEAVY_MEMORY_REQUEST,
        "",
        "heavy tier memory request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_HEAVY_CPU_LIMIT,
        "",
        "heavy tier CPU limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        key::SIZES_HEAVY_MEMORY_LIMIT,
        "",
        "heavy tier memory limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    map(
        key::LABELS,
        "",
        "extra labels on every object and the pod",
        |s| v::qualified_name(s).map(drop),
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    ),
    map(
        key::ANNOTATIONS,
        "",
        "extra annotations on every object",
        |s| v::qualified_name(s).map(drop),
        STR,
        |s| v::free_text(s).map(drop),
    ),
    text(
        key::DNS,
        "",
        "cluster DNS the NetworkPolicy allows: kube-dns pods (kube-dns), plus NodeLocal DNSCache at 169.254.20.10 (node-local-dns) or GKE Cloud DNS at 169.254.169.254 (gke-cloud-dns)",
        Schema::Enum(Dns::NAMES),
        ok,
    ),
    text(
        key::GITOPS,
        "--gitops",
        "how the team deploys: kubectl, argocd (the Job is a Sync hook) or flux (force-recreated, no TTL), so a one-off Job never runs again by accident",
        Schema::Enum(Gitops::NAMES),
        ok,
    ),
    flag_bool(
        key::CHECKOV_SKIPS,
        "",
        "write checkov.io/skip annotations on the job for the checks the conventions answer by design (an image pinned by tag, secrets as environment variables)",
    ),
    text(
        key::TARGET_LABEL,
        "--target-label",
        "label key that carries the target",
        STR,
        |s| v::qualified_name(s).map(drop),
    ),
    text(
        key::TEMPLATES,
        "--templates",
        "folder of team templates overriding built-ins per file",
        STR,
        |s| {
            if s.is_empty() {
                Err("must not be empty".into())
            } else {
                Ok(())
            }
        },
    ),
    text(
        key::LANG,
        "--lang",
        "language of the generated README",
        Schema::Enum(Lang::NAMES),
        ok,
    ),
    text(
        key::TIME_ZONE,
        "--time-zone",
        "CronJob timeZone (IANA name); without it the controller's zone",
        STR,
        |s| v::time_zone(s).map(drop),
    ),
    text(
        key::CONCURRENCY_POLICY,
        "--concurrency-policy",
        "CronJob concurrencyPolicy",
        Schema::Enum(ConcurrencyPolicy::NAMES),
        ok,
    ),
    text(
        key::STARTING_DEADLINE,
        "--starting-deadline",
        "CronJob startingDeadlineSeconds: how late a missed run may still start",
        Schema::Integer(1, v::INT32_MAX),
        ok,
    ),
    text(
        key::SUCCESSFUL_JOBS_HISTORY,
        "--successful-jobs-history",
        "CronJob successfulJobsHistoryLimit",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    ),
    text(
        key::FAILED_JOBS_HISTORY,
        "--failed-jobs-history",
        "CronJob failedJobsHistoryLimit",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    ),
    text(
        key::BACKOFF_LIMIT_PER_INDEX,
        "--backoff-limit-per-index",
        "parallel: retries per index (Kubernetes 1.29+, GA 1.33)",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    ),
    text(
        key::MAX_FAILED_INDEXES,
        "--max-failed-indexes",
        "parallel: failed indexes before the whole job fails (needs --backoff-limit-per-index)",
        Schema::Integer(0, v::MAX_COUNT),
        ok,
    ),
    Field {
        key: key::FAIL_ON_EXIT_CODE,
        flag: "--fail-on-exit-code",
        kind: Kind::List,
        help: "exit codes that fail the job at once, without retries (podFailurePolicy; restartPolicy Never)",
        schema: Schema::Integer(1, 255),
        check: ok,
        check_key: ok,
    },
    flag_bool(
        key::SUSPEND,
        "--suspend",
        "create the Job (or CronJob) suspended",
    ),
    text(
        key::QUEUE,
        "--queue",
        "Kueue LocalQueue (label kueue.x-k8s.io/queue-name)",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        key::KUBE_VERSION,
        "--kube-version",
        "Kubernetes version to target; newer fields are refused",
        STR,
        |s| v::kube_version(s).map(drop),
    ),
    flag_bool(
        key::MONITORING,
        "--monitoring",
        "produce prometheus-rule.yaml: alerts on failure, long runs and missed CronJob runs",
    ),
    text(
        key::ALERT_AFTER,
        "--alert-after",
        "seconds a run may take before the long-running alert fires (default: 3/4 of activeDeadlineSeconds)",
        Schema::Integer(60, v::INT32_MAX),
        ok,
    ),
    text(
        key::TEAM,
        "--team",
        "team label on alerts, for routing (default: the `team` label, else the purpose)",
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    ),
    Field {
        key: key::EGRESS,
        flag: "--egress",
        kind: Kind::List,
        help: "allowed egress: https, postgres, cloud-sql, mysql, redis, mongodb, CIDR[:PORT] or PORT (DNS is always allowed)",
        schema: Schema::String(None),
        check: |s| v::egress(s).map(drop),
        check_key: ok,
    },
    Field {
        key: key::LINT_DISABLE,
        flag: "",
        kind: Kind::List,
        help: "lint rule ids switched off for this team (`jobgen lint --rules`)",
        schema: Schema::String(None),
        check: |s| match crate::lint::catalog::rule_by_id(s) {
            Some(_) => Ok(()),
            None => Err("is not a lint rule; `jobgen lint --rules` lists them".into()),
        },
        check_key: ok,
    },
    text(
        key::LINT_PROFILE,
        "",
        "which rules `jobgen lint` applies: conventions (all) or kubernetes (Kubernetes correctness, Pod Security and references only)",
        Schema::Enum(LintProfile::NAMES),
        ok,
    ),
    text(
        key::LINT_RESOURCES,
        "",
        "what resources-missing asks of each container: requests-and-limits, or requests",
        Schema::Enum(ResourcesCheck::NAMES),
        ok,
    ),
    Field {
        key: key::LINT_EXTERNAL,
        flag: "",
        kind: Kind::List,
        help: "objects the job folders use but do not define, as Kind/name (ConfigMap, Secret, ServiceAccount, SecretStore or ClusterSecretStore; a name may end in *)",
        schema: Schema::String(None),
        check: crate::lint::catalog::check_external,
        check_key: ok,
    },
];

/// The answers that give a job its identity: fixed once the folder is
/// written (recorded as answers, never as defaults), so a team config added
/// or changed later never moves a job (`jobgen update` changes them only
/// when a flag says so).
pub const IDENTITY: [Key; 5] = [
    key::NAME,
    key::PURPOSE,
    key::TARGET,
    key::NAMESPACE,
    key::ENV,
];

/// The pattern a field applies to, for fields only one pattern uses.
pub fn only_for(k: Key) -> Option<&'static str> {
    match k {
        key::SCHEDULE
        | key::TIME_ZONE
        | key::CONCURRENCY_POLICY
        | key::STARTING_DEADLINE
        | key::SUCCESSFUL_JOBS_HISTORY
        | key::FAILED_JOBS_HISTORY => Some("cron"),
        key::PARALLELISM
        | key::COMPLETIONS
        | key::BACKOFF_LIMIT_PER_INDEX
        | key::MAX_FAILED_INDEXES => Some("parallel"),
        _ => None,
    }
}

impl Field {
    /// Checks a text value (or a list item, or a map value): the field's own
    /// validator first (it may explain more), then what its schema says
    /// (integer bounds, allowed values), so the schema `jobgen schema`
    /// publishes and the validator cannot disagree.
    pub fn validate(&self, s: &str) -> Result<(), String> {
        (self.check)(s)?;
        match self.schema {
            Schema::Integer(min, max) => v::number(s, min, max).map(drop),
            Schema::Enum(values) => v::one_of(s, values).map(drop),
            Schema::String(_) => Ok(()),
        }
    }
}

/// The field with this key.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_its_field() {
        let mut from_table: Vec<Key> = FIELDS.iter().map(|f| f.key).collect();
        let mut constants: Vec<Key> = key::ALL.to_vec();
        from_table.sort();
        constants.sort();
        assert_eq!(from_table, constants, "one constant per field, no more");
        for k in key::ALL {
            assert_eq!(k.field().key, *k);
            assert_eq!(Key::of(k.as_str()), Some(*k));
        }
        assert_eq!(Key::of("no-such-key"), None);
        // Composed keys (size tiers, namespaces per pattern) are fields too.
        for size in crate::choices::Size::NAMES {
            for part in ["cpu-request", "memory-request", "cpu-limit", "memory-limit"] {
                assert!(Key::of(&format!("sizes.{size}.{part}")).is_some());
            }
        }
        for pattern in crate::choices::Pattern::NAMES {
            assert!(Key::of(&format!("namespaces.{pattern}")).is_some());
        }
    }

    /// Regression: a refactor once pasted validator code into help texts.
    #[test]
    fn help_texts_are_prose() {
        for f in FIELDS {
            assert!(
                !f.help.contains("|s|") && !f.help.contains("map(drop)"),
                "{}: {}",
                f.key,
                f.help
            );
        }
    }

    #[test]
    fn the_schema_bounds_are_the_validators() {
        let ttl = field("ttl").unwrap();
        assert!(ttl.validate("0").is_ok() && ttl.validate("-1").is_err());
        let uid = field("run-as-user").unwrap();
        assert!(
            uid.validate("0").unwrap_err().contains("high UID"),
            "the field's own message wins"
        );
        assert!(field("pattern").unwrap().validate("batch").is_err());
        assert!(field("fail-on-exit-code").unwrap().validate("256").is_err());
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = FIELDS.iter().map(|f| f.key).collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
    }
}
