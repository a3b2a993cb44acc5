//! The lint vocabulary: every rule (id, severity, summary), a finding, and
//! how bad it is. A leaf: the answers' `lint.disable` check and the rules
//! themselves both read it.

use serde::Serialize;

/// How bad a finding is: errors fail `jobgen lint` (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `pss-run-as-non-root`.
    pub rule: &'static str,
    pub severity: Severity,
    /// The file, as given on the command line plus the path inside.
    pub file: String,
    /// 1-based line; 0 when the finding is about a missing file.
    pub line: u64,
    /// The object, as `Kind/name`, when the finding is about one.
    pub object: Option<String>,
    pub message: String,
    pub hint: String,
}

/// The rules of the team conventions (docs/conventions.md)
/// rather than of Kubernetes itself: left out by `--profile kubernetes`.
pub const CONVENTION_RULES: [&str; 10] = [
    "folder-readme",
    "job-file",
    "name-format",
    "labels-missing",
    "ttl-missing",
    "backoff-limit-missing",
    "active-deadline-missing",
    "resources-missing",
    "image-placeholder",
    "read-only-root-filesystem",
];

/// Rule options a team sets (`lint.resources`, `lint.external`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `resources-missing` asks for requests only, not limits.
    pub requests_only: bool,
    /// Objects outside the folders that pods may use, as `Kind/name`
    /// (a name ending in `*` is a prefix).
    pub external: Vec<String>,
    /// How the team deploys (`gitops`): `job-reruns` is an error under a
    /// GitOps controller, a warning under kubectl.
    pub gitops: crate::choices::Gitops,
}

impl Options {
    /// True when `kind`/`name` is declared external, or is an object every
    /// namespace has: the `default` ServiceAccount and the
    /// `kube-root-ca.crt` ConfigMap (published in every namespace since
    /// Kubernetes 1.21).
    pub fn is_external(&self, kind: &str, name: &str) -> bool {
        let builtin = matches!(
            (kind, name),
            ("ServiceAccount", "default") | ("ConfigMap", "kube-root-ca.crt")
        );
        builtin
            || self.external.iter().any(|e| {
                e.split_once('/').is_some_and(|(k, n)| {
                    k == kind
                        && match n.strip_suffix('*') {
                            Some(prefix) => name.starts_with(prefix),
                            None => n == name,
                        }
                })
            })
    }
}

/// The kinds an entry of `lint.external` may name: those a pod or an
/// ExternalSecret refers to by name.
pub const EXTERNAL_KINDS: [&str; 5] = [
    "ConfigMap",
    "Secret",
    "ServiceAccount",
    "SecretStore",
    "ClusterSecretStore",
];

/// Checks one `lint.external` entry: `Kind/name`, the kind one of
/// [`EXTERNAL_KINDS`], the name an object name, optionally ending in `*`.
pub fn check_external(entry: &str) -> Result<(), String> {
    let Some((kind, name)) = entry.split_once('/') else {
        return Err("is not Kind/name (e.g. Secret/shared-db)".into());
    };
    if !EXTERNAL_KINDS.contains(&kind) {
        return Err(format!(
            "names the kind `{kind}`; lint.external takes {}",
            EXTERNAL_KINDS.join(", ")
        ));
    }
    let stem = name.strip_suffix('*').unwrap_or(name);
    let valid = (!stem.is_empty() || name == "*")
        && stem.len() <= 253
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !valid {
        return Err(format!(
            "has the name `{name}`, which is no object name (lowercase letters, digits, - and ., optionally ending in *)"
        ));
    }
    Ok(())
}

/// A rule: id, severity, one-line summary.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The Pod Security Standards profile and control it checks, if any
    /// (kubernetes.io/docs/concepts/security/pod-security-standards).
    pub pss: Option<(&'static str, &'static str)>,
}

const fn rule(id: &'static str, severity: Severity, summary: &'static str) -> Rule {
    Rule {
        id,
        severity,
        summary,
        pss: None,
    }
}

/// A Pod Security Standards control: always an error.
const fn pss(
    id: &'static str,
    profile: &'static str,
    control: &'static str,
    summary: &'static str,
) -> Rule {
    Rule {
        id,
        severity: Severity::Error,
        summary,
        pss: Some((profile, control)),
    }
}

use Severity::{Error as E, Warning as W};

/// Every rule, documented in the README.
pub const RULES: &[Rule] = &[
    rule("yaml-invalid", E, "a YAML or JSON file does not parse"),
    rule(
        "file-unreadable",
        E,
        "a YAML, JSON or README file cannot be read or is not UTF-8",
    ),
    rule(
        "identity-egress",
        E,
        "the job's cloud identity cannot reach its token endpoint through the folder's NetworkPolicy",
    ),
    rule(
        "object-duplicate",
        E,
        "two documents of the folder define the same object (kubectl apply keeps only the last)",
    ),
    rule(
        "conflict-markers",
        E,
        "a file still holds conflict markers (<<<<<<< … >>>>>>>) from an update or a git merge",
    ),
    rule("folder-readme", E, "the folder has no README.md"),
    rule(
        "job-file",
        E,
        "job.yaml does not hold exactly one Job or CronJob",
    ),
    rule(
        "folder-non-object",
        E,
        "a YAML/JSON document is not a Kubernetes object (breaks kubectl apply -f DIR/)",
    ),
    rule(
        "name-dns",
        E,
        "the job name is not a DNS-1123 label of at most 63 characters (52 for a CronJob)",
    ),
    rule(
        "name-format",
        W,
        "the job name does not follow [purpose]-[target]-[detail]",
    ),
    rule(
        "labels-missing",
        E,
        "app, version, env or the target label is missing on the job or its pod template",
    ),
    rule("ttl-missing", E, "a Job has no ttlSecondsAfterFinished"),
    rule(
        "cron-ttl",
        W,
        "a CronJob's job template sets ttlSecondsAfterFinished, which fights its history limits",
    ),
    rule("backoff-limit-missing", E, "no backoffLimit"),
    rule("active-deadline-missing", E, "no activeDeadlineSeconds"),
    rule(
        "restart-policy",
        E,
        "restartPolicy is not Never or OnFailure",
    ),
    rule(
        "resources-missing",
        E,
        "a container lacks cpu or memory requests or limits",
    ),
    rule(
        "image-placeholder",
        W,
        "a container runs the placeholder image (busybox) with no command: the job exits 0 having done nothing",
    ),
    rule("image-unpinned", E, "an image has no tag or uses :latest"),
    pss(
        "pss-host-process",
        "baseline",
        "HostProcess",
        "a Windows HostProcess pod or container",
    ),
    pss(
        "pss-host",
        "baseline",
        "Host Namespaces, HostPath Volumes",
        "hostNetwork, hostPID, hostIPC or a hostPath volume",
    ),
    pss(
        "pss-privileged",
        "baseline",
        "Privileged Containers",
        "a container is privileged",
    ),
    pss(
        "pss-capabilities",
        "restricted",
        "Capabilities",
        "capabilities do not drop ALL, or add more than NET_BIND_SERVICE",
    ),
    pss(
        "pss-host-ports",
        "baseline",
        "Host Ports",
        "a container port uses a hostPort",
    ),
    pss(
        "pss-apparmor",
        "baseline",
        "AppArmor",
        "an AppArmor profile is Unconfined",
    ),
    pss(
        "pss-selinux",
        "baseline",
        "SELinux",
        "seLinuxOptions set a user, a role or a type other than container_t, container_init_t, container_kvm_t, container_engine_t",
    ),
    pss(
        "pss-proc-mount",
        "baseline",
        "/proc Mount Type",
        "procMount is not Default",
    ),
    pss(
        "pss-seccomp",
        "restricted",
        "Seccomp",
        "no seccomp profile RuntimeDefault or Localhost",
    ),
    pss(
        "pss-sysctls",
        "baseline",
        "Sysctls",
        "a sysctl outside the safe set",
    ),
    pss(
        "pss-volume-types",
        "restricted",
        "Volume Types",
        "a volume other than configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret",
    ),
    pss(
        "pss-privilege-escalation",
        "restricted",
        "Privilege Escalation",
        "allowPrivilegeEscalation is not false",
    ),
    pss(
        "pss-run-as-non-root",
        "restricted",
        "Running as Non-root",
        "runAsNonRoot is not true for every container",
    ),
    pss(
        "pss-run-as-root-uid",
        "restricted",
        "Running as Non-root user",
        "runAsUser is 0",
    ),
    rule(
        "read-only-root-filesystem",
        E,
        "a container's root file system is writable (the conventions: readOnlyRootFilesystem: true, writes go to an emptyDir)",
    ),
    rule(
        "ref-service-account",
        E,
        "the pod's ServiceAccount (serviceAccountName or the deprecated serviceAccount) is not the folder's, nor declared external; or the folder's ServiceAccount goes unused",
    ),
    rule(
        "job-reruns",
        E,
        "a one-off or parallel Job will run again by accident under the team's gitops: a TTL Argo CD or Flux undoes, generateName with BeforeHookCreation, a PreSync hook before its dependencies (a warning under kubectl)",
    ),
    rule(
        "deprecated-service-account",
        W,
        "the pod sets the deprecated serviceAccount field (serviceAccountName replaces it)",
    ),
    rule(
        "schedule-crowded",
        W,
        "more CronJobs of one namespace than lint.schedule-crowded (default 3) start in the same minute, across the folders linted together",
    ),
    rule(
        "ref-config-map",
        E,
        "a ConfigMap the pod uses (envFrom, env valueFrom, volume, projected volume) is not in the folder nor declared external, or lacks the key asked for",
    ),
    rule(
        "ref-secret",
        E,
        "a Secret the pod uses (envFrom, env valueFrom, volume, projected volume, imagePullSecrets) is not made by the folder (Secret, ExternalSecret target) nor declared external, or lacks the key asked for",
    ),
    rule(
        "ref-secret-store",
        E,
        "an ExternalSecret names a store of a kind the folder defines, but not one of them nor a declared external one",
    ),
    rule(
        "ref-role-binding",
        E,
        "the RoleBinding does not bind the job's ServiceAccount to the folder's Role",
    ),
    rule(
        "ref-network-policy",
        E,
        "a NetworkPolicy selects none of the job's pods",
    ),
    rule(
        "namespace-mismatch",
        E,
        "objects of the folder are in different namespaces",
    ),
    rule(
        "api-deprecated",
        E,
        "an apiVersion that is no longer served",
    ),
    rule(
        "configmap-secret",
        W,
        "a ConfigMap key or value looks like a secret",
    ),
    rule(
        "env-duplicate",
        W,
        "a container sets the same env variable twice (the last one wins)",
    ),
    rule(
        "env-secret",
        W,
        "a container's literal env value looks like a secret",
    ),
    rule(
        "cron-schedule",
        E,
        "a CronJob schedule Kubernetes would refuse",
    ),
    rule(
        "lint-suppression",
        E,
        "a lint.jobgen.dev annotation without a reason or for an unknown rule",
    ),
];

/// The rule with this id.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_kebab_case() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        assert!(
            ids.iter()
                .all(|i| i.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len());
    }

    #[test]
    fn external_entries_match_by_kind_and_name_or_prefix() {
        let o = Options {
            requests_only: false,
            external: vec!["Secret/shared-db".into(), "ConfigMap/team-*".into()],
            gitops: Default::default(),
        };
        assert!(o.is_external("Secret", "shared-db"));
        assert!(!o.is_external("Secret", "shared-db-2"));
        assert!(!o.is_external("ConfigMap", "shared-db"));
        assert!(o.is_external("ConfigMap", "team-settings"));
        assert!(!o.is_external("ConfigMap", "other"));
        assert!(o.is_external("ServiceAccount", "default"));
        assert!(o.is_external("ConfigMap", "kube-root-ca.crt"));
        assert!(!o.is_external("Secret", "default"));
    }

    #[test]
    fn external_entries_are_checked() {
        for good in [
            "Secret/shared-db",
            "ConfigMap/team-*",
            "SecretStore/*",
            "ServiceAccount/a.b",
        ] {
            assert_eq!(check_external(good), Ok(()), "{good}");
        }
        for bad in [
            "shared-db",
            "Deployment/x",
            "Secret/",
            "Secret/Shared",
            "Secret/a b",
            "secret/x",
        ] {
            assert!(check_external(bad).is_err(), "{bad}");
        }
    }
}
