//! The seed conventions' tables as data (docs/conventions.md).
//!
//! Every default jobgen applies lives here, so the README's defaults table and
//! the code cannot drift apart silently: tests compare the two.

pub use crate::choices::{Pattern, Size};

/// The longest name Kubernetes takes for a Job (a DNS label).
pub const NAME_MAX: usize = 63;
/// The CronJob controller names each run NAME-<11 digits>, so a CronJob's
/// name must leave room for them.
pub const CRONJOB_SUFFIX: usize = 11;
/// The longest CronJob name.
pub const CRONJOB_NAME_MAX: usize = NAME_MAX - CRONJOB_SUFFIX;

/// Why a CronJob's name is shorter, for messages.
pub fn cronjob_name_note() -> String {
    format!("a CronJob's controller appends {CRONJOB_SUFFIX} characters to name its Jobs")
}

impl Size {
    /// `[cpu request, memory request, cpu limit, memory limit]` of the tier.
    ///
    /// Limits for medium and heavy are ours (the seed gives only requests):
    /// memory at 2x the request as in the light tier, which keeps OOM kills
    /// rare without hiding leaks; cpu at 5x (medium) and 4x (heavy), close
    /// to light's 5x but rounded so a heavy job bursts to 2 cores, not 2.5.
    pub fn resources(self) -> [&'static str; 4] {
        match self {
            Size::Light => ["100m", "256Mi", "500m", "512Mi"],
            Size::Medium => ["200m", "512Mi", "1", "1Gi"],
            Size::Heavy => ["500m", "1Gi", "2", "2Gi"],
        }
    }
}

/// A named preset offered by the prompt.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Short name shown in the prompt (in the interface's language).
    pub name: crate::i18n::Msg,
    /// The value it stands for.
    pub value: u32,
}

/// ttlSecondsAfterFinished presets; the first is the default.
pub const TTL_PRESETS: [Preset; 3] = [
    Preset {
        name: crate::i18n::Msg::P_GENERAL,
        value: 3600,
    },
    Preset {
        name: crate::i18n::Msg::P_CRITICAL,
        value: 86400,
    },
    Preset {
        name: crate::i18n::Msg::P_DEBUGGING,
        value: 7200,
    },
];

/// backoffLimit presets; the first is the default (the seed's one-off value).
pub const BACKOFF_PRESETS: [Preset; 3] = [
    Preset {
        name: crate::i18n::Msg::P_NETWORK,
        value: 3,
    },
    Preset {
        name: crate::i18n::Msg::P_IDEMPOTENT,
        value: 2,
    },
    Preset {
        name: crate::i18n::Msg::P_NO_RETRY,
        value: 0,
    },
];

/// Default environment label.
pub const ENV: &str = "dev";
/// Default pattern.
pub const PATTERN: Pattern = Pattern::OneOff;
/// Default image: small, pinned, and obviously a placeholder to replace.
pub const IMAGE: &str = "busybox:1.37";

/// Labels the templates write themselves besides the conventions' four:
/// the instance label the NetworkPolicy selects pods by, Azure's workload
/// identity switch and Kueue's queue. An answer may not set them.
pub const OWN_LABELS: [&str; 3] = [
    "app.kubernetes.io/instance",
    "azure.workload.identity/use",
    "kueue.x-k8s.io/queue-name",
];

/// Annotations the templates write themselves: the description, the Argo
/// CD waves and hook (`gitops: argocd`) and Flux's force (`gitops: flux`).
/// An answer may not set them (the object would hold the key twice).
pub const OWN_ANNOTATIONS: [&str; 5] = [
    "kubernetes.io/description",
    "argocd.argoproj.io/sync-wave",
    "argocd.argoproj.io/hook",
    "argocd.argoproj.io/hook-delete-policy",
    "kustomize.toolkit.fluxcd.io/force",
];

/// True for the placeholder's repository under any registry or tag
/// (`busybox:1.37`, `docker.io/library/busybox`, a team registry's
/// `REGISTRY/busybox:1.37`): with no command it exits 0 having done nothing.
pub fn is_placeholder_image(image: &str) -> bool {
    let without_digest = image.split('@').next().unwrap_or(image);
    // A tag is after the last `:` that follows the last `/` (a registry
    // may have a port: `host:5000/busybox`).
    let last_slash = without_digest.rfind('/').map_or(0, |i| i + 1);
    let repository = match without_digest[last_slash..].rfind(':') {
        Some(i) => &without_digest[..last_slash + i],
        None => without_digest,
    };
    repository.rsplit('/').next() == Some("busybox")
}
/// Default restartPolicy (keeps failed pods for their logs).
pub const RESTART_POLICY: &str = "Never";
/// Default activeDeadlineSeconds: one hour, so a stuck job ends.
pub const ACTIVE_DEADLINE: u32 = 3600;
/// Default size tier.
pub const SIZE: Size = Size::Light;
/// Default CronJob schedule: every day at 02:00.
pub const SCHEDULE: &str = "0 2 * * *";
/// CronJob: successful and failed runs kept.
pub const HISTORY_LIMIT: u32 = 3;
/// CronJob concurrencyPolicy: a run never overlaps the previous one.
pub const CONCURRENCY_POLICY: &str = "Forbid";
/// With monitoring, the least ttlSecondsAfterFinished: the failure alert's
/// `for: 1m` plus scrape and evaluation intervals, with room to spare, so the
/// failed Job and its metrics outlive the alert.
pub const MIN_TTL_WITH_ALERTS: u32 = 600;

/// The Kubernetes version jobgen targets unless told otherwise.
pub const KUBE_VERSION: &str = "1.33";
/// Oldest and newest Kubernetes minor versions jobgen can target.
pub const KUBE_MINORS: (u32, u32) = (25, 37);
/// CronJob: how late a missed run may still start, in seconds.
pub const STARTING_DEADLINE: u32 = 300;
/// Parallel: pods at once.
pub const PARALLELISM: u32 = 5;
/// Parallel: successful completions wanted.
pub const COMPLETIONS: u32 = 10;
/// The `version` label.
pub const VERSION_LABEL: &str = "v1";
/// The label key that carries the target (the seed's `database`).
pub const TARGET_LABEL: &str = "database";
/// The non-root UID and GID the pod runs as (at least 10000, clear of host users).
pub const RUN_AS_USER: u32 = 10001;
/// Default secret store the ExternalSecret reads through.
pub const SECRET_STORE: &str = "gcp-secret-manager";
/// The store name used when an AWS role is given and no store is named.
pub const SECRET_STORE_AWS: &str = "aws-secrets-manager";
/// The store name with the Azure provider.
pub const SECRET_STORE_AZURE: &str = "azure-key-vault";
/// The store name without a cloud provider.
pub const SECRET_STORE_NONE: &str = "secret-store";
/// Default secret store kind.
pub const SECRET_STORE_KIND: &str = "ClusterSecretStore";

/// The three namespaces the conventions name, in prompt order.
pub const NAMESPACES: [&str; 3] = ["default", "operations", "migrations"];

/// Words in a purpose that mark operational work (namespace `operations`).
const OPERATIONAL_WORDS: [&str; 12] = [
    "restore", "backup", "cleanup", "clean", "sync", "purge", "prune", "rotate", "archive", "dump",
    "snapshot", "vacuum",
];

/// The namespace the conventions give a purpose: `migrations` for migration
/// work, `operations` for operational work, else `default`.
pub fn namespace_for(purpose: &str) -> &'static str {
    let words: Vec<&str> = purpose.split('-').collect();
    if words.iter().any(|w| w.starts_with("migrat")) {
        "migrations"
    } else if words.iter().any(|w| OPERATIONAL_WORDS.contains(w)) {
        "operations"
    } else {
        "default"
    }
}

/// Splits a job name into purpose and target: the last segment is the
/// target, the rest the purpose (`cloud-sql-restore-ojeomneo` gives
/// `cloud-sql-restore` and `ojeomneo`). None for a one-segment name.
pub fn split_name(name: &str) -> Option<(&str, &str)> {
    let (purpose, target) = name.rsplit_once('-')?;
    if purpose.is_empty() || target.is_empty() {
        return None;
    }
    Some((purpose, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_is_known_under_any_registry_and_tag() {
        for image in [
            "busybox:1.37",
            "busybox",
            "docker.io/library/busybox:1.37",
            "europe-docker.pkg.dev/ojeomneo/jobs/busybox:1.37",
            "registry.local:5000/busybox:1.37",
            "busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        ] {
            assert!(is_placeholder_image(image), "{image}");
        }
        for image in [
            "postgres:16.4",
            "busybox-tools:1.0",
            "registry.local:5000/mybusybox:1",
            "busybox.io/postgres:16",
            "registry.local:5000/busybox-x",
        ] {
            assert!(!is_placeholder_image(image), "{image}");
        }
    }

    #[test]
    fn namespace_follows_the_kind_of_work() {
        for (purpose, ns) in [
            ("cloud-sql-restore", "operations"),
            ("nightly-backup", "operations"),
            ("log-cleanup", "operations"),
            ("data-migration", "migrations"),
            ("migrate-users", "migrations"),
            ("image-resize", "default"),
            ("restorer", "default"),
        ] {
            assert_eq!(namespace_for(purpose), ns, "{purpose}");
        }
    }

    #[test]
    fn name_splits_at_the_last_dash() {
        assert_eq!(
            split_name("cloud-sql-restore-ojeomneo"),
            Some(("cloud-sql-restore", "ojeomneo"))
        );
        assert_eq!(
            split_name("data-migration-v2"),
            Some(("data-migration", "v2"))
        );
        assert_eq!(split_name("backup"), None);
        assert_eq!(split_name("backup-"), None);
    }

    #[test]
    fn patterns_and_sizes_round_trip_their_names() {
        for &n in Pattern::NAMES {
            assert_eq!(Pattern::parse(n).unwrap().as_str(), n);
        }
        for n in Size::NAMES {
            assert!(Size::parse(n).is_some());
        }
        assert_eq!(Pattern::parse("cronjob"), None);
    }
}
