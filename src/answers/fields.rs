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
        TEMPLATES_REF = "templates-ref",
        TEMPLATES_COMMIT = "templates-commit",
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
        LINT_SCHEDULE_CROWDED = "lint.schedule-crowded",
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

/// The section of `jobgen new --help` a flag is listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Answers,
    Pattern,
    JobSettings,
    Monitoring,
    Secrets,
    Files,
    Customisation,
}

impl Heading {
    /// The heading as help shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Heading::Answers => "Answers",
            Heading::Pattern => "Pattern",
            Heading::JobSettings => "Job settings",
            Heading::Monitoring => "Monitoring",
            Heading::Secrets => "Configuration and secrets",
            Heading::Files => "Files",
            Heading::Customisation => "Customisation",
        }
    }
}

/// One answer or setting: the one declaration its flag (`cli::fields`),
/// file key, schema, prompt check and validation come from.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Key in config and values files; dots nest (`files.configmap`).
    pub key: Key,
    /// The command-line spelling, or "" when only files set it. A
    /// `--no-X` switch also gets a hidden `--X` that turns it back on.
    pub flag: &'static str,
    /// Its shape.
    pub kind: Kind,
    /// What it means (`--help`, schema description, hints).
    pub help: &'static str,
    /// Where `--help` lists the flag, and the name of its value.
    pub heading: Heading,
    pub value_name: &'static str,
    /// A one-letter flag besides the long one (`-n`).
    pub short: Option<char>,
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
        heading: Heading::Answers,
        value_name: "",
        short: None,
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
        heading: Heading::Answers,
        value_name: "",
        short: None,
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
        heading: Heading::Answers,
        value_name: "",
        short: None,
    }
}

impl Field {
    /// Where `--help` lists the flag, and its value's name.
    const fn cli(mut self, heading: Heading, value_name: &'static str) -> Field {
        self.heading = heading;
        self.value_name = value_name;
        self
    }

    /// A one-letter flag too.
    const fn short(mut self, c: char) -> Field {
        self.short = Some(c);
        self
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
        "Purpose of the job, the `app` label (e.g. cloud-sql-restore)",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    )
    .cli(Heading::Answers, "PURPOSE"),
    text(
        key::TARGET,
        "--target",
        "What the job works on, the target label's value (e.g. ojeomneo)",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    )
    .cli(Heading::Answers, "TARGET"),
    text(
        key::ENV,
        "--env",
        "Environment, the `env` label (e.g. prod, dev) [default: dev]",
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    )
    .cli(Heading::Answers, "ENV"),
    text(
        key::PATTERN,
        "--pattern",
        "Job pattern [default: one-off]",
        Schema::Enum(Pattern::NAMES),
        ok,
    )
    .cli(Heading::Answers, "PATTERN"),
    text(
        key::NAMESPACE,
        "--namespace",
        "Namespace [default: migrations for migration work, operations for restore/backup/cleanup/sync work, else default]",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    )
    .cli(Heading::Answers, "NAMESPACE")
    .short('n'),
    text(
        key::IMAGE,
        "--image",
        "Container image with a pinned tag or digest (never :latest) [default: busybox:1.37]",
        STR,
        |s| v::image(s).map(drop),
    )
    .cli(Heading::Answers, "IMAGE"),
    text(
        key::DESCRIPTION,
        "--description",
        "One-line description, kept byte for byte (annotation and README)",
        STR,
        |s| v::free_text(s).map(drop),
    )
    .cli(Heading::Answers, "DESCRIPTION"),
    Field {
        key: key::COMMAND,
        flag: "-- COMMAND",
        kind: Kind::List,
        help: "container command and arguments",
        schema: STR,
        check: |s| v::free_text(s).map(drop),
        check_key: ok,
        heading: Heading::Answers,
        value_name: "",
        short: None,
    },
    text(
        key::SCHEDULE,
        "--schedule",
        "CronJob schedule, 5 fields or @hourly/@daily/@weekly/@monthly/@yearly [default: \"0 2 * * *\"]",
        STR,
        |s| v::schedule(s).map(drop),
    )
    .cli(Heading::Pattern, "SCHEDULE"),
    text(
        key::PARALLELISM,
        "--parallelism",
        "Parallel: pods running at once [default: 5]",
        Schema::Integer(1, v::MAX_COUNT),
        ok,
    )
    .cli(Heading::Pattern, "PARALLELISM"),
    text(
        key::COMPLETIONS,
        "--completions",
        "Parallel: successful completions wanted (Indexed) [default: 10]",
        Schema::Integer(1, v::MAX_COUNT),
        ok,
    )
    .cli(Heading::Pattern, "COMPLETIONS"),
    text(key::TTL, "--ttl", "ttlSecondsAfterFinished: general 3600, critical 86400, debugging 7200 [default: 3600]", SECONDS, |s| {
        v::number(s, 0, v::INT32_MAX).map(drop)
    })
    .cli(Heading::JobSettings, "SECONDS"),
    text(
        key::BACKOFF_LIMIT,
        "--backoff-limit",
        "backoffLimit: network work 3, idempotent work 2, critical work 0 [default: 3]",
        SECONDS,
        ok,
    )
    .cli(Heading::JobSettings, "N"),
    text(
        key::RESTART_POLICY,
        "--restart-policy",
        "Pod restartPolicy [default: Never]",
        Schema::Enum(RestartPolicy::NAMES),
        ok,
    )
    .cli(Heading::JobSettings, "RESTART_POLICY"),
    text(
        key::ACTIVE_DEADLINE,
        "--active-deadline",
        "activeDeadlineSeconds, so a stuck job ends [default: 3600]",
        Schema::Integer(1, v::INT32_MAX),
        ok,
    )
    .cli(Heading::JobSettings, "SECONDS"),
    text(
        key::SIZE,
        "--size",
        "Resource tier: light 100m/256Mi, medium 200m/512Mi, heavy 500m/1Gi requests [default: light]",
        Schema::Enum(Size::NAMES),
        ok,
    )
    .cli(Heading::JobSettings, "SIZE"),
    text(
        key::CPU_REQUEST,
        "--cpu-request",
        "CPU request, overriding the size tier (e.g. 250m)",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    )
    .cli(Heading::JobSettings, "QUANTITY"),
    text(
        key::CPU_LIMIT,
        "--cpu-limit",
        "CPU limit, overriding the size tier (e.g. 1)",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    )
    .cli(Heading::JobSettings, "QUANTITY"),
    text(
        key::MEMORY_REQUEST,
        "--memory-request",
        "Memory request, overriding the size tier (e.g. 384Mi)",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    )
    .cli(Heading::JobSettings, "QUANTITY"),
    text(
        key::MEMORY_LIMIT,
        "--memory-limit",
        "Memory limit, overriding the size tier (e.g. 768Mi)",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    )
    .cli(Heading::JobSettings, "QUANTITY"),
    text(
        key::RUN_AS_USER,
        "--run-as-user",
        "UID and GID the pod runs as, 10000 or more [default: 10001]",
        Schema::Integer(10000, v::INT32_MAX),
        |s| {
            v::number(s, 10000, v::INT32_MAX)
                .map(drop)
                .map_err(|why| format!("{why} (a high UID keeps clear of users on the node)"))
        },
    )
    .cli(Heading::JobSettings, "UID"),
    map(
        key::ENV_VARS,
        "--env-var",
        "Non-secret environment variable for the ConfigMap (repeatable)",
        |s| v::env_key(s).map(drop),
        STR,
        |s| v::free_text(s).map(drop),
    )
    .cli(Heading::Secrets, "KEY=VALUE"),
    map(
        key::SECRETS,
        "--secret",
        "Secret environment variable pulled by the ExternalSecret from the provider's secret REMOTE_KEY (repeatable) [default: every property of the provider secret named like the job]",
        |s| v::env_key(s).map(drop),
        STR,
        |s| v::remote_key(s).map(drop),
    )
    .cli(Heading::Secrets, "KEY=REMOTE_KEY"),
    text(
        key::SECRET_STORE,
        "--secret-store",
        "Secret store the ExternalSecret reads through [default: gcp-secret-manager, or aws-secrets-manager with --aws-role-arn]",
        STR,
        |s| v::dns_subdomain(s).map(drop),
    )
    .cli(Heading::Secrets, "NAME"),
    text(
        key::SECRET_STORE_KIND,
        "--secret-store-kind",
        "Kind of that secret store [default: ClusterSecretStore]",
        Schema::Enum(StoreKind::NAMES),
        ok,
    )
    .cli(Heading::Secrets, "SECRET_STORE_KIND"),
    text(
        key::GCP_SERVICE_ACCOUNT,
        "--gcp-service-account",
        "GCP service account for GKE Workload Identity (annotates the ServiceAccount)",
        STR,
        |s| v::gcp_service_account(s).map(drop),
    )
    .cli(Heading::Secrets, "EMAIL"),
    text(
        key::AWS_ROLE_ARN,
        "--aws-role-arn",
        "AWS IAM role for EKS IRSA (annotates the ServiceAccount)",
        STR,
        |s| v::aws_role_arn(s).map(drop),
    )
    .cli(Heading::Secrets, "ARN"),
    text(
        key::PROVIDER,
        "--provider",
        "Cloud of the identity and the secret store [default: the cloud of the identity given, else gcp]",
        Schema::Enum(Provider::NAMES),
        ok,
    )
    .cli(Heading::Secrets, "PROVIDER"),
    text(
        key::AZURE_CLIENT_ID,
        "--azure-client-id",
        "Azure Workload Identity client id (annotates the ServiceAccount, labels the pod)",
        STR,
        |s| v::uuid(s).map(drop),
    )
    .cli(Heading::Secrets, "UUID"),
    flag_bool(
        key::CREATE_SECRET_STORE,
        "--create-secret-store",
        "Also write a SecretStore for the provider into external-secret.yaml, authenticating with the job's workload identity",
    )
    .cli(Heading::Secrets, "CREATE_SECRET_STORE"),
    text(
        key::GCP_PROJECT,
        "--gcp-project",
        "GCP project of Secret Manager (with --create-secret-store)",
        STR,
        |s| v::gcp_project(s).map(drop),
    )
    .cli(Heading::Secrets, "PROJECT"),
    text(
        key::AWS_REGION,
        "--aws-region",
        "AWS region of Secrets Manager (with --create-secret-store)",
        STR,
        |s| v::aws_region(s).map(drop),
    )
    .cli(Heading::Secrets, "REGION"),
    text(
        key::AZURE_VAULT_URL,
        "--azure-vault-url",
        "Azure Key Vault URL (with --create-secret-store)",
        STR,
        |s| v::azure_vault_url(s).map(drop),
    )
    .cli(Heading::Secrets, "URL"),
    Field {
        key: key::RBAC,
        flag: "--rbac",
        kind: Kind::List,
        help: "Role rule, RESOURCE[.GROUP]:VERB[,VERB] (repeatable), e.g. configmaps:get,list. Without it the Role grants nothing and the pod mounts no API token",
        schema: Schema::String(None),
        check: |s| v::rbac_rule(s).map(drop),
        check_key: ok,
        heading: Heading::Answers,
        value_name: "",
        short: None,
    }
    .cli(Heading::Secrets, "RULE"),
    flag_bool(key::FILES_README, "--readme", "Write README.md where the answers leave it out (a folder adopted without one)")
    .cli(Heading::Files, "README"),
    flag_bool(
        key::FILES_SERVICE_ACCOUNT,
        "--no-service-account",
        "Leave out service-account.yaml (the pod then uses the namespace's default account; `--service-account` writes it again)",
    )
    .cli(Heading::Files, "NO_SERVICE_ACCOUNT"),
    flag_bool(
        key::FILES_EXTERNAL_SECRET,
        "--no-external-secret",
        "Leave out external-secret.yaml (`--external-secret` writes it again)",
    )
    .cli(Heading::Files, "NO_EXTERNAL_SECRET"),
    flag_bool(
        key::FILES_CONFIGMAP,
        "--no-configmap",
        "Leave out configmap.yaml (`--configmap` writes it again)",
    )
    .cli(Heading::Files, "NO_CONFIGMAP"),
    flag_bool(
        key::FILES_NETWORK_POLICY,
        "--no-network-policy",
        "Leave out network-policy.yaml (`--network-policy` writes it again)",
    )
    .cli(Heading::Files, "NO_NETWORK_POLICY"),
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
        "How the team deploys the folder: kubectl, argocd or flux [default: kubectl]",
        Schema::Enum(Gitops::NAMES),
        ok,
    )
    .cli(Heading::Answers, "GITOPS"),
    flag_bool(
        key::CHECKOV_SKIPS,
        "",
        "write checkov.io/skip annotations on the job for the checks the conventions answer by design (an image pinned by tag, secrets as environment variables)",
    ),
    text(
        key::TARGET_LABEL,
        "--target-label",
        "The label key the target goes under, where the target is not a database (e.g. bucket, dataset) [default: database]",
        STR,
        |s| v::qualified_name(s).map(drop),
    )
    .cli(Heading::Answers, "KEY"),
    text(
        key::TEMPLATES,
        "--templates",
        "Team templates: a folder (a file named like a built-in, job.yaml.tera, replaces it, other *.tera files are extra outputs, NAME.off switches an optional output off), or a git repository as git+URL[@REF][#PATH]",
        STR,
        |s| {
            if s.is_empty() {
                Err("must not be empty".into())
            } else {
                Ok(())
            }
        },
    )
    .cli(Heading::Customisation, "DIR|git+URL"),
    text(
        key::TEMPLATES_REF,
        "--templates-ref",
        "The tag, branch or commit of the templates repository to use instead of the one config names (update: move only these folders to it)",
        STR,
        |s| v::free_text(s).map(drop),
    )
    .cli(Heading::Customisation, "REF"),
    text(
        key::TEMPLATES_COMMIT,
        "",
        "written by jobgen into recorded answers: the commit of the templates repository the folder was made from",
        STR,
        |s| v::free_text(s).map(drop),
    ),
    text(
        key::LANG,
        "--lang",
        "Language of the generated README [default: en]",
        Schema::Enum(Lang::NAMES),
        ok,
    )
    .cli(Heading::Customisation, "LANG"),
    text(
        key::TIME_ZONE,
        "--time-zone",
        "CronJob time zone, an IANA name such as Asia/Seoul (Kubernetes 1.27+) [default: the controller's zone]",
        STR,
        |s| v::time_zone(s).map(drop),
    )
    .cli(Heading::Pattern, "ZONE"),
    text(
        key::CONCURRENCY_POLICY,
        "--concurrency-policy",
        "CronJob concurrencyPolicy [default: Forbid]",
        Schema::Enum(ConcurrencyPolicy::NAMES),
        ok,
    )
    .cli(Heading::Pattern, "CONCURRENCY_POLICY"),
    text(
        key::STARTING_DEADLINE,
        "--starting-deadline",
        "CronJob startingDeadlineSeconds [default: 300]",
        Schema::Integer(1, v::INT32_MAX),
        ok,
    )
    .cli(Heading::Pattern, "SECONDS"),
    text(
        key::SUCCESSFUL_JOBS_HISTORY,
        "--successful-jobs-history",
        "CronJob successfulJobsHistoryLimit [default: 3]",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    )
    .cli(Heading::Pattern, "N"),
    text(
        key::FAILED_JOBS_HISTORY,
        "--failed-jobs-history",
        "CronJob failedJobsHistoryLimit [default: 3]",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    )
    .cli(Heading::Pattern, "N"),
    text(
        key::BACKOFF_LIMIT_PER_INDEX,
        "--backoff-limit-per-index",
        "Parallel: retries per index (Kubernetes 1.29+, GA in 1.33)",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    )
    .cli(Heading::Pattern, "N"),
    text(
        key::MAX_FAILED_INDEXES,
        "--max-failed-indexes",
        "Parallel: failed indexes before the whole job fails (with --backoff-limit-per-index)",
        Schema::Integer(0, v::MAX_COUNT),
        ok,
    )
    .cli(Heading::Pattern, "N"),
    Field {
        key: key::FAIL_ON_EXIT_CODE,
        flag: "--fail-on-exit-code",
        kind: Kind::List,
        help: "Exit code that fails the job at once, without retries (repeatable; podFailurePolicy, restartPolicy Never). Pod disruptions such as node drains never count against backoffLimit",
        schema: Schema::Integer(1, 255),
        check: ok,
        check_key: ok,
        heading: Heading::Answers,
        value_name: "",
        short: None,
    }
    .cli(Heading::JobSettings, "CODE"),
    flag_bool(
        key::SUSPEND,
        "--suspend",
        "Create the Job (or CronJob) suspended; resume with `kubectl patch`",
    )
    .cli(Heading::JobSettings, "SUSPEND"),
    text(
        key::QUEUE,
        "--queue",
        "Kueue LocalQueue to submit the job to (label kueue.x-k8s.io/queue-name)",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    )
    .cli(Heading::JobSettings, "NAME"),
    text(
        key::KUBE_VERSION,
        "--kube-version",
        "Kubernetes version to target; fields it lacks are refused [default: 1.33]",
        STR,
        |s| v::kube_version(s).map(drop),
    )
    .cli(Heading::JobSettings, "1.N"),
    flag_bool(
        key::MONITORING,
        "--monitoring",
        "Also write prometheus-rule.yaml: alerts when the job fails, runs too long, or (cron) misses its successful runs",
    )
    .cli(Heading::Monitoring, "MONITORING"),
    text(
        key::ALERT_AFTER,
        "--alert-after",
        "Seconds a run may take before the long-running alert fires [default: 3/4 of --active-deadline]",
        Schema::Integer(60, v::INT32_MAX),
        ok,
    )
    .cli(Heading::Monitoring, "SECONDS"),
    text(
        key::TEAM,
        "--team",
        "`team` label on the alerts, for routing [default: the team label, else the purpose]",
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    )
    .cli(Heading::Monitoring, "TEAM"),
    Field {
        key: key::EGRESS,
        flag: "--egress",
        kind: Kind::List,
        help: "Egress the NetworkPolicy allows besides cluster DNS (repeatable): https, postgres, cloud-sql, mysql, redis, mongodb (that TCP port anywhere), CIDR, CIDR:PORT, or PORT [default: DNS only]",
        schema: Schema::String(None),
        check: |s| v::egress(s).map(drop),
        check_key: ok,
        heading: Heading::Answers,
        value_name: "",
        short: None,
    }
    .cli(Heading::Secrets, "DEST"),
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
        heading: Heading::Answers,
        value_name: "",
        short: None,
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
        heading: Heading::Answers,
        value_name: "",
        short: None,
    },
    text(
        key::LINT_SCHEDULE_CROWDED,
        "",
        "how many CronJobs of one namespace may start in the same minute before schedule-crowded warns (default 3)",
        Schema::Integer(1, 10_000),
        ok,
    ),
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
