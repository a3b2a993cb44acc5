//! Rules over the folder as a whole: duplicated objects, suppressions,
//! removed API versions, secrets in ConfigMaps, namespaces.

use crate::i18n::{Msg, f, t};
use crate::lint::catalog::rule_by_id;
use crate::lint::rules::object::{Object, SUPPRESS_PREFIX, Sink, line};

/// The same object (API group, kind, namespace, name) defined twice.
pub(crate) fn duplicates(sink: &mut Sink, objects: &[Object]) {
    // (API group, kind, namespace, name), borrowed: worked out once per
    // object, not again for every pair.
    let ids: Vec<(&str, &str, &str, &str)> = objects
        .iter()
        .map(|o| {
            let api = o
                .at(&["apiVersion"])
                .and_then(|a| a.value.text())
                .unwrap_or("");
            let group = api.rsplit_once('/').map_or("", |(g, _)| g);
            let ns = o
                .at(&["metadata", "namespace"])
                .and_then(|n| n.value.text())
                .unwrap_or("");
            (group, o.kind, ns, o.name)
        })
        .collect();
    for (i, o) in objects.iter().enumerate() {
        if o.name.is_empty() {
            continue;
        }
        if let Some(first) = ids[..i]
            .iter()
            .position(|p| *p == ids[i])
            .map(|j| &objects[j])
        {
            sink.object(
                "object-duplicate",
                o,
                line(o.doc),
                f(
                    Msg::L_DUPLICATE,
                    &[
                        ("object", &o.label()),
                        ("file", first.file),
                        ("line", &line(first.doc).to_string()),
                    ],
                ),
                t(Msg::L_DUPLICATE_HINT),
            );
        }
    }
}

pub(crate) fn suppressions(sink: &mut Sink, o: &Object) {
    let Some(annotations) = o.at(&["metadata", "annotations"]) else {
        return;
    };
    for (key, value) in annotations.value.entries() {
        let Some(rule) = key.value.strip_prefix(SUPPRESS_PREFIX) else {
            continue;
        };
        let reason = value.value.text().unwrap_or("").trim();
        if rule_by_id(rule).is_none() {
            sink.object(
                "lint-suppression",
                o,
                line(key),
                f(Msg::L_SUPPRESS_RULE, &[("key", &key.value)]),
                t(Msg::L_SUPPRESS_RULE_HINT),
            );
        } else if reason.is_empty() {
            sink.object(
                "lint-suppression",
                o,
                line(key),
                f(Msg::L_SUPPRESS_REASON, &[("key", &key.value)]),
                t(Msg::L_SUPPRESS_REASON_HINT),
            );
        }
    }
}

/// API versions Kubernetes no longer serves, by the version that removed
/// them and what replaces them (kubernetes.io/docs/reference/using-api/
/// deprecation-guide), for every release since jobgen's oldest (1.25), plus
/// the External Secrets Operator's (v0.17 serves only v1).
const REMOVED: &[(&str, &[&str], &str, &str)] = &[
    ("batch/v2alpha1", &["CronJob"], "1.21", "batch/v1"),
    ("batch/v1beta1", &["CronJob", "Job"], "1.25", "batch/v1"),
    (
        "extensions/v1beta1",
        &["NetworkPolicy"],
        "1.16",
        "networking.k8s.io/v1",
    ),
    (
        "extensions/v1beta1",
        &["Deployment", "DaemonSet", "ReplicaSet"],
        "1.16",
        "apps/v1",
    ),
    (
        "extensions/v1beta1",
        &["Ingress"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    (
        "apps/v1beta1",
        &["Deployment", "StatefulSet"],
        "1.16",
        "apps/v1",
    ),
    (
        "apps/v1beta2",
        &["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
        "1.16",
        "apps/v1",
    ),
    (
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    (
        "rbac.authorization.k8s.io/v1beta1",
        &["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    (
        "rbac.authorization.k8s.io/v1alpha1",
        &["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    (
        "scheduling.k8s.io/v1beta1",
        &["PriorityClass"],
        "1.22",
        "scheduling.k8s.io/v1",
    ),
    (
        "policy/v1beta1",
        &["PodDisruptionBudget"],
        "1.25",
        "policy/v1",
    ),
    (
        "policy/v1beta1",
        &["PodSecurityPolicy"],
        "1.25",
        "Pod Security Admission (no replacement object)",
    ),
    (
        "autoscaling/v2beta1",
        &["HorizontalPodAutoscaler"],
        "1.25",
        "autoscaling/v2",
    ),
    (
        "autoscaling/v2beta2",
        &["HorizontalPodAutoscaler"],
        "1.26",
        "autoscaling/v2",
    ),
    (
        "discovery.k8s.io/v1beta1",
        &["EndpointSlice"],
        "1.25",
        "discovery.k8s.io/v1",
    ),
    (
        "events.k8s.io/v1beta1",
        &["Event"],
        "1.25",
        "events.k8s.io/v1",
    ),
    (
        "node.k8s.io/v1beta1",
        &["RuntimeClass"],
        "1.25",
        "node.k8s.io/v1",
    ),
    (
        "storage.k8s.io/v1beta1",
        &["CSIStorageCapacity"],
        "1.27",
        "storage.k8s.io/v1",
    ),
    (
        "flowcontrol.apiserver.k8s.io/v1beta2",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.29",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    (
        "flowcontrol.apiserver.k8s.io/v1beta3",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.32",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    (
        "external-secrets.io/v1alpha1",
        &["ExternalSecret", "SecretStore", "ClusterSecretStore"],
        "ESO 0.17",
        "external-secrets.io/v1",
    ),
    (
        "external-secrets.io/v1beta1",
        &["ExternalSecret", "SecretStore", "ClusterSecretStore"],
        "ESO 0.17",
        "external-secrets.io/v1",
    ),
];

pub(crate) fn api_versions(sink: &mut Sink, o: &Object) {
    let Some(api) = o.at(&["apiVersion"]) else {
        return;
    };
    let version = api.value.text().unwrap_or("");
    let Some((_, _, removed, replacement)) = REMOVED
        .iter()
        .find(|(v, kinds, _, _)| *v == version && kinds.contains(&o.kind))
    else {
        return;
    };
    sink.object(
        "api-deprecated",
        o,
        line(api),
        f(
            Msg::L_REMOVED_API,
            &[("kind", o.kind), ("version", version), ("removed", removed)],
        ),
        &f(Msg::L_REMOVED_API_HINT, &[("replacement", replacement)]),
    );
}

/// Words in a ConfigMap key that mean a secret.
pub(crate) const SECRET_WORDS: [&str; 9] = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "private_key",
    "credential",
];

pub(crate) fn looks_secret_value(v: &str) -> bool {
    let aws = v.len() == 20
        && v.starts_with("AKIA")
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let jwt = v.starts_with("eyJ") && v.matches('.').count() == 2 && !v.contains(' ');
    let url_password = v.split_once("://").is_some_and(|(_, rest)| {
        rest.split('/')
            .next()
            .is_some_and(|auth| auth.contains(':') && auth.contains('@'))
    });
    v.contains("-----BEGIN")
        || aws
        || jwt
        || url_password
        || ["ghp_", "xoxb-", "xoxp-", "sk_live_"]
            .iter()
            .any(|p| v.starts_with(p))
}

pub(crate) fn configmap_secrets(sink: &mut Sink, o: &Object) {
    let Some(data) = o.at(&["data"]) else { return };
    for (key, value) in data.value.entries() {
        let k = key.value.to_ascii_lowercase();
        let why = if SECRET_WORDS.iter().any(|w| k.contains(w)) {
            Some(f(Msg::L_CM_KEY, &[("key", &key.value)]))
        } else if value.value.text().is_some_and(looks_secret_value) {
            Some(f(Msg::L_CM_VALUE, &[("key", &key.value)]))
        } else {
            None
        };
        if let Some(message) = why {
            sink.object("configmap-secret", o, line(key), message, t(Msg::L_CM_HINT));
        }
    }
}

/// An env variable set twice in one container: the later entry silently
/// wins (kube-linter's duplicate-env-var).
pub(crate) fn env_duplicates(
    sink: &mut Sink,
    o: &Object,
    c: &crate::yaml::Spanned<crate::yaml::Node>,
    container: &str,
) {
    let env = c.value.get("env").map(|e| e.value.items()).unwrap_or(&[]);
    let mut seen: Vec<&str> = Vec::new();
    for e in env {
        let Some(name) = e.value.get("name").and_then(|n| n.value.text()) else {
            continue;
        };
        if seen.contains(&name) {
            sink.object(
                "env-duplicate",
                o,
                line(e),
                f(
                    Msg::L_ENV_TWICE,
                    &[("container", container), ("name", name)],
                ),
                t(Msg::L_ENV_TWICE_HINT),
            );
        }
        seen.push(name);
    }
}

/// Endings of an env variable's name that mean its value is a secret.
const SECRET_NAME_ENDINGS: [&str; 9] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "CREDENTIALS",
    "ACCESS_KEY",
];

/// Literal `env` values of one container that look like secrets: a value
/// shaped like a key or token, or a variable named like a secret (any
/// name holding SECRET, PASSWORD or TOKEN, `DB_PASSWORD`, `API_KEY`) whose
/// value is not a path (`DB_PASSWORD_FILE=/run/secrets/db`), a URL or a
/// `$(VAR)` reference.
pub(crate) fn env_secrets(
    sink: &mut Sink,
    o: &Object,
    c: &crate::yaml::Spanned<crate::yaml::Node>,
    container: &str,
) {
    let env = c.value.get("env").map(|e| e.value.items()).unwrap_or(&[]);
    for e in env {
        let Some(value) = e.value.get("value") else {
            continue;
        };
        let text = value.value.text().unwrap_or("");
        let name = e
            .value
            .get("name")
            .and_then(|n| n.value.text())
            .unwrap_or("");
        let upper = name.to_ascii_uppercase();
        // As kube-linter's env-var-secret: a name holding SECRET, PASSWORD
        // or TOKEN anywhere (`SECRET_BLAH`), or ending like a secret.
        let secret_name = ["SECRET", "PASSWORD", "TOKEN"]
            .iter()
            .any(|w| upper.contains(w))
            || SECRET_NAME_ENDINGS.iter().any(|w| upper.ends_with(w));
        let named = secret_name
            && !text.is_empty()
            && !text.starts_with('/')
            && !text.contains("://")
            && !text.contains("$(");
        let why = if looks_secret_value(text) {
            f(
                Msg::L_ENV_VALUE,
                &[("container", container), ("name", name)],
            )
        } else if named {
            f(
                Msg::L_ENV_LITERAL,
                &[("container", container), ("name", name)],
            )
        } else {
            continue;
        };
        sink.object("env-secret", o, line(value), why, t(Msg::L_ENV_SECRET_HINT));
    }
}

/// Kinds that live in no namespace (Kubernetes' own and the custom
/// resources a job folder may carry), which the namespace rule skips.
pub(crate) const CLUSTER_SCOPED: [&str; 22] = [
    "Namespace",
    "Node",
    "PersistentVolume",
    "StorageClass",
    "VolumeAttachment",
    "CSIDriver",
    "CSINode",
    "ClusterRole",
    "ClusterRoleBinding",
    "PriorityClass",
    "RuntimeClass",
    "IngressClass",
    "CustomResourceDefinition",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "CertificateSigningRequest",
    "ClusterSecretStore",
    "ClusterExternalSecret",
    "ClusterIssuer",
];

pub(crate) fn namespaces(sink: &mut Sink, objects: &[Object]) {
    let Some(job) = objects.iter().find(|o| o.is_batch_job()) else {
        return;
    };
    let ns = |o: &Object| {
        o.at(&["metadata", "namespace"])
            .and_then(|n| n.value.text().map(str::to_string))
    };
    let job_ns = ns(job);
    for o in objects.iter().filter(|o| !CLUSTER_SCOPED.contains(&o.kind)) {
        if ns(o) != job_ns {
            let at = o
                .at(&["metadata", "namespace"])
                .map(line)
                .unwrap_or(line(o.doc));
            let show = |n: Option<String>| n.unwrap_or_else(|| t(Msg::L_NS_NONE).into());
            sink.object(
                "namespace-mismatch",
                o,
                at,
                f(
                    Msg::L_NS,
                    &[("ns", &show(ns(o))), ("job", &show(job_ns.clone()))],
                ),
                t(Msg::L_NS_HINT),
            );
        }
    }
    // RoleBinding subjects name a namespace too.
    for rb in objects.iter().filter(|o| o.kind == "RoleBinding") {
        for s in rb.at(&["subjects"]).map(|s| s.value.items()).unwrap_or(&[]) {
            if let Some(n) = s.value.get("namespace")
                && n.value.text().map(str::to_string) != job_ns
            {
                sink.object(
                    "namespace-mismatch",
                    rb,
                    line(n),
                    f(Msg::L_NS_SUBJECT, &[("ns", n.value.text().unwrap_or(""))]),
                    t(Msg::L_NS_SUBJECT_HINT),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sink(options: &crate::lint::catalog::Options) -> Sink<'_> {
        Sink {
            label: "f",
            findings: Vec::new(),
            options,
            complete: true,
        }
    }

    /// Two objects are the same object for the API server when their API
    /// group (not version), kind, namespace and name agree.
    #[test]
    fn duplicates_are_told_by_group_kind_namespace_and_name() {
        let cases = [
            ("v1", "a", "v1", "a", true),
            ("v1", "a", "v1", "b", false),
            ("apps/v1", "a", "apps/v1beta1", "a", true),
            ("apps/v1", "a", "example.com/v1", "a", false),
            ("v1", "a", "example.com/v1", "a", false),
        ];
        for (api1, ns1, api2, ns2, same) in cases {
            let docs: Vec<_> = [(api1, ns1), (api2, ns2)]
                .iter()
                .map(|(api, ns)| {
                    crate::yaml::parse(&format!(
                        "apiVersion: {api}\nkind: Thing\nmetadata:\n  name: t\n  namespace: {ns}\n"
                    ))
                    .unwrap()
                })
                .collect();
            let objects: Vec<Object> = docs
                .iter()
                .map(|doc| Object {
                    file: "x.yaml",
                    doc,
                    kind: "Thing",
                    name: "t",
                })
                .collect();
            let options = crate::lint::catalog::Options::default();
            let mut sink = sink(&options);
            duplicates(&mut sink, &objects);
            assert_eq!(
                sink.findings.len(),
                usize::from(same),
                "{api1} {ns1} / {api2} {ns2}"
            );
        }
    }

    #[test]
    fn env_secret_names_and_values() {
        let doc = crate::yaml::parse(
            "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    env:\n    - {name: DB_PASSWORD, value: hunter2}\n    - {name: GITHUB_TOKEN, value: abc}\n    - {name: TOKEN_URL, value: https://x}\n    - {name: PASSWORD_FILE, value: /secrets/pw}\n    - {name: API_TOKEN, value: \"$(FROM_SECRET)\"}\n    - {name: AUTH_HEADER, value: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln}\n    - {name: DB_PASSWORD2, value: x}\n    - {name: EMPTY_SECRET, value: \"\"}\n    - {name: SECRET_BLAH, value: plain}\n    - {name: DB_PASSWORD_FILE, value: /run/secrets/db}\n",
        )
        .unwrap();
        let options = crate::lint::catalog::Options::default();
        let mut sink = sink(&options);
        let o = Object {
            file: "job.yaml",
            doc: &doc,
            kind: "Pod",
            name: "p",
        };
        let c = &doc.value.at(&["spec", "containers"]).unwrap().value.items()[0];
        env_secrets(&mut sink, &o, c, "c");
        let flagged: Vec<&str> = sink
            .findings
            .iter()
            .map(|f| {
                f.message
                    .split("env ")
                    .nth(1)
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap()
            })
            .collect();
        // Any name holding SECRET, PASSWORD or TOKEN with a literal value,
        // as kube-linter's env-var-secret; a path, URL or $(VAR) is fine.
        assert_eq!(
            flagged,
            [
                "DB_PASSWORD",
                "GITHUB_TOKEN",
                "AUTH_HEADER",
                "DB_PASSWORD2",
                "SECRET_BLAH"
            ]
        );
    }

    #[test]
    fn secret_looking_values() {
        for s in [
            "-----BEGIN PRIVATE KEY-----",
            "AKIAABCDEFGHIJKLMNOP",
            "eyJhbGciOi.eyJzdWIi.sig",
            "postgres://u:p@db/x",
            "ghp_abc",
        ] {
            assert!(looks_secret_value(s), "{s}");
        }
        for s in [
            "info",
            "gs://bucket/x",
            "https://example.com/a:b",
            "10.0.0.1:5432",
        ] {
            assert!(!looks_secret_value(s), "{s}");
        }
    }
}
