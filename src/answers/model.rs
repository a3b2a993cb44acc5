//! The checked answers: what rendering sees, and what they imply (the
//! egress a cloud identity needs). Plain data; `answers::validate` makes it.

use serde::Serialize;

use crate::answers::fields::{Key, key};
use crate::answers::scalars as v;
use crate::choices::{
    ConcurrencyPolicy, Dns, Gitops, Lang, Pattern, Provider, RestartPolicy, Size, StoreKind,
};

/// Which optional files to produce.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Files {
    pub readme: bool,
    pub service_account: bool,
    pub external_secret: bool,
    pub configmap: bool,
    pub network_policy: bool,
}

impl Files {
    /// The answer of one `files.*` key (true for any other key).
    pub fn enabled(&self, k: Key) -> bool {
        match k {
            key::FILES_README => self.readme,
            key::FILES_SERVICE_ACCOUNT => self.service_account,
            key::FILES_EXTERNAL_SECRET => self.external_secret,
            key::FILES_CONFIGMAP => self.configmap,
            key::FILES_NETWORK_POLICY => self.network_policy,
            _ => true,
        }
    }
}

/// Container resources, as Kubernetes quantities.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Resources {
    pub cpu_request: String,
    pub memory_request: String,
    pub cpu_limit: String,
    pub memory_limit: String,
}

/// A key and a value (env var, secret, label, annotation).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Pair {
    pub key: String,
    pub value: String,
}

/// Egress a job's cloud identity needs to get its tokens, which the
/// NetworkPolicy adds on its own (README: Cloud identity and egress).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IdentityEgress {
    /// Destination network, or None for anywhere.
    pub cidr: Option<&'static str>,
    pub port: u32,
    /// What is there, for the YAML comment, README and summary.
    pub why: &'static str,
}

impl Answers {
    /// The token endpoints of the configured cloud identity that the
    /// NetworkPolicy must let the pod reach (none without an identity or a
    /// NetworkPolicy; HTTPS only when `--egress` does not already allow it).
    pub fn identity_egress(&self) -> Vec<IdentityEgress> {
        if !self.files.network_policy || !self.files.service_account {
            return Vec::new();
        }
        let https_open = self
            .egress
            .iter()
            .any(|e| e.cidr.is_none() && e.port.is_none_or(|p| p == 443));
        let https = |why| IdentityEgress {
            cidr: None,
            port: 443,
            why,
        };
        if self.gcp_service_account.is_some() {
            vec![
                IdentityEgress {
                    cidr: Some("169.254.169.254/32"),
                    port: 80,
                    why: "GKE metadata server: Workload Identity tokens, GKE Dataplane V2 and current GKE",
                },
                IdentityEgress {
                    cidr: Some("169.254.169.252/32"),
                    port: 988,
                    why: "GKE metadata server on clusters without Dataplane V2",
                },
            ]
        } else if self.aws_role_arn.is_some() && !https_open {
            vec![https("AWS STS: IRSA exchanges the pod's token over HTTPS")]
        } else if self.azure_client_id.is_some() && !https_open {
            vec![https(
                "Microsoft Entra ID: Azure Workload Identity exchanges the pod's token over HTTPS",
            )]
        } else {
            Vec::new()
        }
    }
}

/// The most a ConfigMap's (or Secret's) data may hold: keys and values
/// together (kubernetes.io/docs/concepts/configuration/configmap).
pub const CONFIGMAP_MAX_BYTES: usize = 1024 * 1024;

/// The most an object's annotations may hold, keys and values together
/// (`TotalAnnotationSizeLimitB` in Kubernetes' apimachinery,
/// pkg/api/validation/objectmeta.go).
pub const ANNOTATIONS_MAX_BYTES: usize = 256 * 1024;

/// The most one object may take: etcd's default request size limit, 1.5 MiB
/// (etcd.io/docs/v3.5/dev-guide/limit/#request-size-limit).
pub const OBJECT_MAX_BYTES: usize = 1536 * 1024;

/// Every answer resolved and validated: the only input rendering sees.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Answers {
    pub name: String,
    pub purpose: String,
    pub target: String,
    pub env: String,
    pub pattern: Pattern,
    pub namespace: String,
    pub image: String,
    pub description: String,
    pub command: Vec<String>,
    pub schedule: Option<String>,
    /// The schedule as given, when it uses `H` (`schedule` is then what it
    /// resolved to for this job).
    pub schedule_hashed: Option<String>,
    pub parallelism: Option<u32>,
    pub completions: Option<u32>,
    pub ttl: u32,
    pub backoff_limit: u32,
    pub restart_policy: RestartPolicy,
    pub active_deadline: u32,
    pub size: Size,
    pub resources: Resources,
    pub run_as_user: u32,
    pub env_vars: Vec<Pair>,
    pub secrets: Vec<Pair>,
    pub secret_store: String,
    pub secret_store_kind: StoreKind,
    pub gcp_service_account: Option<String>,
    pub aws_role_arn: Option<String>,
    pub azure_client_id: Option<String>,
    /// gcp, aws, azure or none.
    pub provider: Provider,
    /// Write the SecretStore too, with its provider settings.
    pub create_secret_store: bool,
    pub gcp_project: Option<String>,
    pub aws_region: Option<String>,
    pub azure_vault_url: Option<String>,
    /// Role rules; empty means the Role grants nothing.
    pub rbac: Vec<v::RbacRule>,
    /// automountServiceAccountToken of the pod: only when RBAC rules need the API.
    pub automount_token: bool,
    pub files: Files,
    /// Allowed egress besides cluster DNS.
    pub egress: Vec<v::Egress>,
    /// CronJob settings (set for every pattern; used by cron).
    pub time_zone: Option<String>,
    pub concurrency_policy: ConcurrencyPolicy,
    pub starting_deadline: u32,
    pub successful_jobs_history: u32,
    pub failed_jobs_history: u32,
    /// Parallel: per-index retries and failed-index budget.
    pub backoff_limit_per_index: Option<u32>,
    pub max_failed_indexes: Option<u32>,
    /// podFailurePolicy: on for restartPolicy Never where the target supports it.
    pub pod_failure_policy: bool,
    /// Exit codes that fail the job at once.
    pub fail_on_exit_codes: Vec<u32>,
    pub suspend: bool,
    /// Kueue LocalQueue.
    pub queue: Option<String>,
    /// Target Kubernetes version, e.g. "1.33".
    pub kube_version: String,
    /// Produce prometheus-rule.yaml.
    pub monitoring: bool,
    /// Seconds before the long-running alert fires.
    pub alert_after: u32,
    /// The `team` label on alerts.
    pub team: String,
    /// Every label of every object: app, the target label, version, env, then the team's.
    pub labels: Vec<Pair>,
    /// The team's extra annotations.
    pub annotations: Vec<Pair>,
    pub target_label: String,
    /// Write the checkov.io/skip annotations (a team choice, on by default).
    pub checkov_skips: bool,
    /// How the team deploys (`crate::choices::Gitops::NAMES`).
    pub gitops: Gitops,
    /// The cluster DNS the NetworkPolicy allows (`crate::choices::Dns::NAMES`).
    pub dns: Dns,
    pub lang: Lang,
    /// The team templates folder, if any.
    #[serde(skip)]
    pub templates: Option<String>,
    /// The version of the templates repository, if the templates come from
    /// one (`v1.4.0 (0123abc)`): named in the provenance lines.
    pub template_version: Option<String>,
    /// The team's own answers (`questions:` in config), typed, by their
    /// template name; none when unanswered or not applicable.
    pub vars: std::collections::BTreeMap<String, serde_json::Value>,
}

impl Answers {
    /// The pattern as the enum.
    pub fn pattern(&self) -> Pattern {
        self.pattern
    }
}
