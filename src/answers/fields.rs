//! Every answer and setting jobgen knows, defined once: its key (the name in
//! config and values files; the flag is `--key` unless noted), its kind, its
//! help, the schema published by `jobgen schema`, and the validator every
//! input path goes through.

use crate::answers::scalars as v;
use crate::choices::{
    ConcurrencyPolicy, Dns, Lang, Pattern, Provider, RestartPolicy, Size, StoreKind,
};

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
    pub key: &'static str,
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
    key: &'static str,
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
    key: &'static str,
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

const fn flag_bool(key: &'static str, flag: &'static str, help: &'static str) -> Field {
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
        "name",
        "NAME",
        "job name, [purpose]-[target]-[detail]",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "purpose",
        "--purpose",
        "purpose of the job, the `app` label",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "target",
        "--target",
        "what the job works on, the target label",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "env",
        "--env",
        "environment, the `env` label",
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    ),
    text(
        "pattern",
        "--pattern",
        "job pattern",
        Schema::Enum(Pattern::NAMES),
        ok,
    ),
    text(
        "namespace",
        "--namespace",
        "namespace of every object",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "image",
        "--image",
        "container image with a pinned tag or digest",
        STR,
        |s| v::image(s).map(drop),
    ),
    text(
        "description",
        "--description",
        "one-line description, kept byte for byte",
        STR,
        |s| v::free_text(s).map(drop),
    ),
    Field {
        key: "command",
        flag: "-- COMMAND",
        kind: Kind::List,
        help: "container command and arguments",
        schema: STR,
        check: |s| v::free_text(s).map(drop),
        check_key: ok,
    },
    text(
        "schedule",
        "--schedule",
        "CronJob schedule (cron pattern)",
        STR,
        |s| v::schedule(s).map(drop),
    ),
    text(
        "parallelism",
        "--parallelism",
        "pods at once (parallel pattern)",
        Schema::Integer(1, v::MAX_COUNT),
        ok,
    ),
    text(
        "completions",
        "--completions",
        "completions wanted (parallel pattern)",
        Schema::Integer(1, v::MAX_COUNT),
        ok,
    ),
    text("ttl", "--ttl", "ttlSecondsAfterFinished", SECONDS, |s| {
        v::number(s, 0, v::INT32_MAX).map(drop)
    }),
    text(
        "backoff-limit",
        "--backoff-limit",
        "backoffLimit",
        SECONDS,
        ok,
    ),
    text(
        "restart-policy",
        "--restart-policy",
        "pod restartPolicy",
        Schema::Enum(RestartPolicy::NAMES),
        ok,
    ),
    text(
        "active-deadline",
        "--active-deadline",
        "activeDeadlineSeconds",
        Schema::Integer(1, v::INT32_MAX),
        ok,
    ),
    text(
        "size",
        "--size",
        "resource tier",
        Schema::Enum(Size::NAMES),
        ok,
    ),
    text(
        "cpu-request",
        "--cpu-request",
        "CPU request, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "cpu-limit",
        "--cpu-limit",
        "CPU limit, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "memory-request",
        "--memory-request",
        "memory request, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "memory-limit",
        "--memory-limit",
        "memory limit, overriding the tier",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "run-as-user",
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
        "env-vars",
        "--env-var",
        "non-secret environment variables for the ConfigMap",
        |s| v::env_key(s).map(drop),
        STR,
        |s| v::free_text(s).map(drop),
    ),
    map(
        "secrets",
        "--secret",
        "secret environment variables: KEY to the provider's secret name",
        |s| v::env_key(s).map(drop),
        STR,
        |s| v::remote_key(s).map(drop),
    ),
    text(
        "secret-store",
        "--secret-store",
        "secret store the ExternalSecret reads through",
        STR,
        |s| v::dns_subdomain(s).map(drop),
    ),
    text(
        "secret-store-kind",
        "--secret-store-kind",
        "kind of that secret store",
        Schema::Enum(StoreKind::NAMES),
        ok,
    ),
    text(
        "gcp-service-account",
        "--gcp-service-account",
        "GCP service account for GKE Workload Identity",
        STR,
        |s| v::gcp_service_account(s).map(drop),
    ),
    text(
        "aws-role-arn",
        "--aws-role-arn",
        "AWS IAM role for EKS IRSA",
        STR,
        |s| v::aws_role_arn(s).map(drop),
    ),
    text(
        "provider",
        "--provider",
        "cloud of the identity and the secret store",
        Schema::Enum(Provider::NAMES),
        ok,
    ),
    text(
        "azure-client-id",
        "--azure-client-id",
        "Azure Workload Identity client id (annotates the ServiceAccount, labels the pod)",
        STR,
        |s| v::uuid(s).map(drop),
    ),
    flag_bool(
        "create-secret-store",
        "--create-secret-store",
        "also write the SecretStore into external-secret.yaml",
    ),
    text(
        "gcp-project",
        "--gcp-project",
        "GCP project of Secret Manager (with --create-secret-store)",
        STR,
        |s| v::gcp_project(s).map(drop),
    ),
    text(
        "aws-region",
        "--aws-region",
        "AWS region of Secrets Manager (with --create-secret-store)",
        STR,
        |s| v::aws_region(s).map(drop),
    ),
    text(
        "azure-vault-url",
        "--azure-vault-url",
        "Azure Key Vault URL (with --create-secret-store)",
        STR,
        |s| v::azure_vault_url(s).map(drop),
    ),
    Field {
        key: "rbac",
        flag: "--rbac",
        kind: Kind::List,
        help: "Role rules, RESOURCE[.GROUP]:VERB[,VERB]; the pod then mounts its API token",
        schema: Schema::String(None),
        check: |s| v::rbac_rule(s).map(drop),
        check_key: ok,
    },
    flag_bool(
        "files.service-account",
        "--no-service-account",
        "produce service-account.yaml",
    ),
    flag_bool(
        "files.external-secret",
        "--no-external-secret",
        "produce external-secret.yaml",
    ),
    flag_bool(
        "files.configmap",
        "--no-configmap",
        "produce configmap.yaml",
    ),
    flag_bool(
        "files.network-policy",
        "--no-network-policy",
        "produce network-policy.yaml",
    ),
    text(
        "namespaces.one-off",
        "",
        "default namespace of one-off jobs",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "namespaces.cron",
        "",
        "default namespace of cron jobs",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "namespaces.parallel",
        "",
        "default namespace of parallel jobs",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "image-registry",
        "",
        "registry prefixed to images given without one",
        STR,
        |s| v::registry(s).map(drop),
    ),
    text(
        "sizes.light.cpu-request",
        "",
        "light tier CPU request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.light.memory-request",
        "",
        "light tier memory request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.light.cpu-limit",
        "",
        "light tier CPU limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.light.memory-limit",
        "",
        "light tier memory limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.medium.cpu-request",
        "",
        "medium tier CPU request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.medium.memory-request",
        "",
        "medium tier memory request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.medium.cpu-limit",
        "",
        "medium tier CPU limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.medium.memory-limit",
        "",
        "medium tier memory limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.heavy.cpu-request",
        "",
        "heavy tier CPU request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.heavy.memory-request",
        "",
        "heavy tier memory request",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.heavy.cpu-limit",
        "",
        "heavy tier CPU limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    text(
        "sizes.heavy.memory-limit",
        "",
        "heavy tier memory limit",
        Schema::String(Some(QUANTITY)),
        |s| v::quantity(s).map(drop),
    ),
    map(
        "labels",
        "",
        "extra labels on every object and the pod",
        |s| v::qualified_name(s).map(drop),
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    ),
    map(
        "annotations",
        "",
        "extra annotations on every object",
        |s| v::qualified_name(s).map(drop),
        STR,
        |s| v::free_text(s).map(drop),
    ),
    text(
        "dns",
        "",
        "cluster DNS the NetworkPolicy allows: kube-dns pods (kube-dns), plus NodeLocal DNSCache at 169.254.20.10 (node-local-dns) or GKE Cloud DNS at 169.254.169.254 (gke-cloud-dns)",
        Schema::Enum(Dns::NAMES),
        ok,
    ),
    text(
        "target-label",
        "",
        "label key that carries the target",
        STR,
        |s| v::qualified_name(s).map(drop),
    ),
    text(
        "templates",
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
        "lang",
        "--lang",
        "language of the generated README",
        Schema::Enum(Lang::NAMES),
        ok,
    ),
    text(
        "time-zone",
        "--time-zone",
        "CronJob timeZone (IANA name); without it the controller's zone",
        STR,
        |s| v::time_zone(s).map(drop),
    ),
    text(
        "concurrency-policy",
        "--concurrency-policy",
        "CronJob concurrencyPolicy",
        Schema::Enum(ConcurrencyPolicy::NAMES),
        ok,
    ),
    text(
        "starting-deadline",
        "--starting-deadline",
        "CronJob startingDeadlineSeconds: how late a missed run may still start",
        Schema::Integer(1, v::INT32_MAX),
        ok,
    ),
    text(
        "successful-jobs-history",
        "--successful-jobs-history",
        "CronJob successfulJobsHistoryLimit",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    ),
    text(
        "failed-jobs-history",
        "--failed-jobs-history",
        "CronJob failedJobsHistoryLimit",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    ),
    text(
        "backoff-limit-per-index",
        "--backoff-limit-per-index",
        "parallel: retries per index (Kubernetes 1.29+, GA 1.33)",
        Schema::Integer(0, v::INT32_MAX),
        ok,
    ),
    text(
        "max-failed-indexes",
        "--max-failed-indexes",
        "parallel: failed indexes before the whole job fails (needs --backoff-limit-per-index)",
        Schema::Integer(0, v::MAX_COUNT),
        ok,
    ),
    Field {
        key: "fail-on-exit-code",
        flag: "--fail-on-exit-code",
        kind: Kind::List,
        help: "exit codes that fail the job at once, without retries (podFailurePolicy; restartPolicy Never)",
        schema: Schema::Integer(1, 255),
        check: ok,
        check_key: ok,
    },
    flag_bool(
        "suspend",
        "--suspend",
        "create the Job (or CronJob) suspended",
    ),
    text(
        "queue",
        "--queue",
        "Kueue LocalQueue (label kueue.x-k8s.io/queue-name)",
        Schema::String(Some(DNS_LABEL)),
        |s| v::dns_label(s, 63).map(drop),
    ),
    text(
        "kube-version",
        "--kube-version",
        "Kubernetes version to target; newer fields are refused",
        STR,
        |s| v::kube_version(s).map(drop),
    ),
    flag_bool(
        "monitoring",
        "--monitoring",
        "produce prometheus-rule.yaml: alerts on failure, long runs and missed CronJob runs",
    ),
    text(
        "alert-after",
        "--alert-after",
        "seconds a run may take before the long-running alert fires (default: 3/4 of activeDeadlineSeconds)",
        Schema::Integer(60, v::INT32_MAX),
        ok,
    ),
    text(
        "team",
        "--team",
        "team label on alerts, for routing (default: the `team` label, else the purpose)",
        Schema::String(Some(LABEL_VALUE)),
        |s| v::label_value(s).map(drop),
    ),
    Field {
        key: "egress",
        flag: "--egress",
        kind: Kind::List,
        help: "allowed egress: https, postgres, cloud-sql, mysql, redis, mongodb, CIDR[:PORT] or PORT (DNS is always allowed)",
        schema: Schema::String(None),
        check: |s| v::egress(s).map(drop),
        check_key: ok,
    },
    Field {
        key: "lint.disable",
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
];

/// The pattern a field applies to, for fields only one pattern uses.
pub fn only_for(key: &str) -> Option<&'static str> {
    match key {
        "schedule"
        | "time-zone"
        | "concurrency-policy"
        | "starting-deadline"
        | "successful-jobs-history"
        | "failed-jobs-history" => Some("cron"),
        "parallelism" | "completions" | "backoff-limit-per-index" | "max-failed-indexes" => {
            Some("parallel")
        }
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
