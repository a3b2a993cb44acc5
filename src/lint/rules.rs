//! The lint rules: the seed conventions, Kubernetes rules and Pod Security
//! "restricted", over the parsed objects of one job folder. Each finding
//! carries its rule id, the file and line, and a fix hint. An object can
//! switch a rule off for itself with the annotation
//! `lint.jobgen.dev/<rule-id>: <reason>`; the reason is required.

use serde_saphyr::Spanned;

use crate::answers::scalars as v;
use crate::lint::catalog::{Finding, rule_by_id};
use crate::yaml::{self, Node};

/// Prefix of the per-object suppression annotation.
pub const SUPPRESS_PREFIX: &str = "lint.jobgen.dev/";

/// One parsed object and where it is.
struct Object<'a> {
    file: &'a str,
    doc: &'a Spanned<Node>,
    kind: &'a str,
    name: &'a str,
}

impl Object<'_> {
    fn label(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }

    fn node(&self) -> &Node {
        &self.doc.value
    }

    fn at(&self, path: &[&str]) -> Option<&Spanned<Node>> {
        self.node().at(path)
    }

    /// The reason this object gives for switching `rule` off, if any.
    fn suppressed(&self, rule: &str) -> bool {
        let key = format!("{SUPPRESS_PREFIX}{rule}");
        self.at(&["metadata", "annotations", &key])
            .and_then(|n| n.value.text())
            .is_some_and(|r| !r.trim().is_empty())
    }
}

/// Collects findings, applying per-object suppression.
struct Sink<'a> {
    label: &'a str,
    findings: Vec<Finding>,
}

impl Sink<'_> {
    fn file(&mut self, id: &'static str, file: &str, line: u64, message: String, hint: &str) {
        let rule = rule_by_id(id).expect("known rule");
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            file: format!("{}/{file}", self.label),
            line,
            object: None,
            message,
            hint: hint.to_string(),
        });
    }

    fn object(&mut self, id: &'static str, o: &Object, line: u64, message: String, hint: &str) {
        if o.suppressed(id) {
            return;
        }
        let rule = rule_by_id(id).expect("known rule");
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            file: format!("{}/{}", self.label, o.file),
            line,
            object: Some(o.label()),
            message,
            hint: hint.to_string(),
        });
    }
}

fn line<T>(n: &Spanned<T>) -> u64 {
    n.referenced.line()
}

/// Checks one folder's files (name, contents).
pub fn check_folder(label: &str, files: &[(String, String)], target_label: &str) -> Vec<Finding> {
    let mut sink = Sink {
        label,
        findings: Vec::new(),
    };
    if !files.iter().any(|(n, _)| n == "README.md") {
        sink.file(
            "folder-readme",
            "README.md",
            0,
            "the folder has no README.md".into(),
            "every job folder explains how to run, watch and delete it; `jobgen new` writes one",
        );
    }
    for (name, text) in files {
        if let Some(at) = crate::conflict::first_marker(text) {
            sink.file(
                "conflict-markers",
                name,
                at,
                "a conflict marker is left in the file".into(),
                "keep the side you want between <<<<<<< and >>>>>>>, delete the markers, then run `jobgen check`",
            );
        }
    }
    let mut parsed: Vec<(&str, Vec<Spanned<Node>>)> = Vec::new();
    for (name, text) in files.iter().filter(|(n, _)| n != "README.md") {
        match yaml::parse_all(text) {
            Ok(docs) => parsed.push((name, docs)),
            Err(e) => sink.file(
                "yaml-invalid",
                name,
                e.line,
                format!("does not parse: {}", e.message),
                "fix the YAML syntax",
            ),
        }
    }
    let mut objects = Vec::new();
    for (file, docs) in &parsed {
        for doc in docs {
            let kind = doc.value.get("kind").and_then(|k| k.value.string());
            let api = doc.value.get("apiVersion").and_then(|k| k.value.string());
            match (kind, api) {
                (Some(kind), Some(_)) => {
                    let name = doc.value.at(&["metadata", "name"]).and_then(|n| n.value.text()).unwrap_or("");
                    objects.push(Object { file, doc, kind, name });
                }
                _ => sink.file(
                    "folder-non-object",
                    file,
                    line(doc),
                    "this document has no apiVersion and kind, so `kubectl apply -f DIR/` fails on it".into(),
                    "move non-Kubernetes files out of the job folder, or give them another extension",
                ),
            }
        }
    }
    for o in &objects {
        suppressions(&mut sink, o);
        api_versions(&mut sink, o);
        if o.kind == "ConfigMap" {
            configmap_secrets(&mut sink, o);
        }
        if o.kind == "Job" || o.kind == "CronJob" {
            job(&mut sink, o, target_label, &objects);
        }
    }
    namespaces(&mut sink, &objects);
    duplicates(&mut sink, &objects);
    sink.findings
}

/// The same object (API group, kind, namespace, name) defined twice.
fn duplicates(sink: &mut Sink, objects: &[Object]) {
    let id = |o: &Object| {
        let api = o
            .at(&["apiVersion"])
            .and_then(|a| a.value.text())
            .unwrap_or("");
        let group = api.rsplit_once('/').map_or("", |(g, _)| g).to_string();
        let ns = o
            .at(&["metadata", "namespace"])
            .and_then(|n| n.value.text())
            .unwrap_or("")
            .to_string();
        (group, o.kind.to_string(), ns, o.name.to_string())
    };
    for (i, o) in objects.iter().enumerate() {
        if o.name.is_empty() {
            continue;
        }
        if let Some(first) = objects[..i].iter().find(|p| id(p) == id(o)) {
            sink.object(
                "object-duplicate",
                o,
                line(o.doc),
                format!(
                    "{} is defined again; the first is in {} line {}",
                    o.label(),
                    first.file,
                    line(first.doc)
                ),
                "keep one definition: delete or merge the other (jobgen update pairs objects by identity across files)",
            );
        }
    }
}

fn suppressions(sink: &mut Sink, o: &Object) {
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
                format!("`{}` names no lint rule", key.value),
                "`jobgen lint --rules` lists the rule ids",
            );
        } else if reason.is_empty() {
            sink.object("lint-suppression", o, line(key), format!("`{}` gives no reason", key.value), "say why the rule does not apply, e.g. `lint.jobgen.dev/ttl-missing: \"kept for audit\"`");
        }
    }
}

fn api_versions(sink: &mut Sink, o: &Object) {
    let Some(api) = o.at(&["apiVersion"]) else {
        return;
    };
    let version = api.value.text().unwrap_or("");
    let replacement = match (o.kind, version) {
        ("CronJob", "batch/v1beta1") => "batch/v1",
        ("Job", "batch/v1beta1") => "batch/v1",
        ("ExternalSecret", "external-secrets.io/v1beta1" | "external-secrets.io/v1alpha1") => {
            "external-secrets.io/v1"
        }
        (
            "SecretStore" | "ClusterSecretStore",
            "external-secrets.io/v1beta1" | "external-secrets.io/v1alpha1",
        ) => "external-secrets.io/v1",
        ("Role" | "RoleBinding", "rbac.authorization.k8s.io/v1beta1") => {
            "rbac.authorization.k8s.io/v1"
        }
        ("NetworkPolicy", "extensions/v1beta1") => "networking.k8s.io/v1",
        _ => return,
    };
    sink.object(
        "api-deprecated",
        o,
        line(api),
        format!("{} {version} is no longer served", o.kind),
        &format!("use apiVersion: {replacement}"),
    );
}

/// Words in a ConfigMap key that mean a secret.
const SECRET_WORDS: [&str; 9] = [
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

fn looks_secret_value(v: &str) -> bool {
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

fn configmap_secrets(sink: &mut Sink, o: &Object) {
    let Some(data) = o.at(&["data"]) else { return };
    for (key, value) in data.value.entries() {
        let k = key.value.to_ascii_lowercase();
        let why = if SECRET_WORDS.iter().any(|w| k.contains(w)) {
            Some(format!("key `{}` looks like a secret", key.value))
        } else if value.value.text().is_some_and(looks_secret_value) {
            Some(format!("the value of `{}` looks like a secret", key.value))
        } else {
            None
        };
        if let Some(message) = why {
            sink.object("configmap-secret", o, line(key), message, "ConfigMaps are not secret: move it to the ExternalSecret (`--secret KEY=REMOTE_KEY`)");
        }
    }
}

fn has_labels(
    sink: &mut Sink,
    o: &Object,
    meta: Option<&Spanned<Node>>,
    fallback: u64,
    wanted: &[&str],
    what: &str,
) {
    let labels = meta.and_then(|m| m.value.get("labels"));
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|k| labels.and_then(|l| l.value.get(k)).is_none())
        .collect();
    if !missing.is_empty() {
        let at = labels.or(meta).map(line).unwrap_or(fallback);
        sink.object(
            "labels-missing",
            o,
            at,
            format!("{what} lacks the label(s) {}", missing.join(", ")),
            "set app, version, env and the target label, as `jobgen new` does",
        );
    }
}

fn job(sink: &mut Sink, o: &Object, target_label: &str, objects: &[Object]) {
    let cron = o.kind == "CronJob";
    let top = line(o.doc);
    job_name(sink, o, top);
    let wanted = ["app", "version", "env", target_label];
    has_labels(sink, o, o.at(&["metadata"]), top, &wanted, o.kind);
    let (job_spec, job_path): (Option<&Spanned<Node>>, &[&str]) = if cron {
        (
            o.at(&["spec", "jobTemplate", "spec"]),
            &["spec", "jobTemplate", "spec"],
        )
    } else {
        (o.at(&["spec"]), &["spec"])
    };
    let spec_line = job_spec.map(line).unwrap_or(top);
    if cron {
        cron_schedule(sink, o, top);
    }
    let Some(job_spec) = job_spec else {
        sink.object(
            "restart-policy",
            o,
            top,
            format!("{} has no {}", o.kind, job_path.join(".")),
            "generate the folder with `jobgen new`",
        );
        return;
    };
    let spec = &job_spec.value;
    job_limits(sink, o, spec, spec_line);
    let template = spec.get("template");
    has_labels(
        sink,
        o,
        template.and_then(|t| t.value.get("metadata")),
        spec_line,
        &wanted,
        "the pod template",
    );
    let Some(pod) = template.and_then(|t| t.value.get("spec")) else {
        sink.object(
            "restart-policy",
            o,
            spec_line,
            "no pod template spec".into(),
            "generate the folder with `jobgen new`",
        );
        return;
    };
    pod_spec(sink, o, pod);
    references(sink, o, pod, objects);
    let pod_labels = template.and_then(|t| t.value.at(&["metadata", "labels"]));
    network_policies(sink, pod_labels, objects);
    identity_egress(sink, pod, objects);
}

/// The job name: a DNS label short enough for its kind, in the
/// conventions' [purpose]-[target]-[detail] form.
fn job_name(sink: &mut Sink, o: &Object, top: u64) {
    let cron = o.kind == "CronJob";
    let max = match cron {
        true => crate::defaults::CRONJOB_NAME_MAX,
        false => crate::defaults::NAME_MAX,
    };
    let name_line = o.at(&["metadata", "name"]).map(line).unwrap_or(top);
    if let Err(why) = v::dns_label(o.name, max) {
        let extra = match cron {
            true => format!(" ({})", crate::defaults::cronjob_name_note()),
            false => String::new(),
        };
        sink.object(
            "name-dns",
            o,
            name_line,
            format!("name `{}` {why}{extra}", o.name),
            "rename the job and its folder",
        );
    } else if crate::defaults::split_name(o.name).is_none() {
        sink.object(
            "name-format",
            o,
            name_line,
            format!("name `{}` is not [purpose]-[target]-[detail]", o.name),
            "e.g. cloud-sql-restore-ojeomneo",
        );
    }
}

/// A CronJob's schedule, as Kubernetes parses it.
fn cron_schedule(sink: &mut Sink, o: &Object, top: u64) {
    match o.at(&["spec", "schedule"]) {
        Some(s) => {
            let text = s.value.text().unwrap_or("");
            if let Err(why) = v::schedule(text) {
                sink.object(
                    "cron-schedule",
                    o,
                    line(s),
                    format!("schedule `{text}` {why}"),
                    "five fields, or @hourly/@daily/@weekly/@monthly/@yearly",
                );
            }
        }
        None => sink.object(
            "cron-schedule",
            o,
            top,
            "the CronJob has no schedule".into(),
            "set spec.schedule, e.g. \"0 2 * * *\"",
        ),
    }
}

/// TTL (not for a CronJob's jobs), retries and the deadline.
fn job_limits(sink: &mut Sink, o: &Object, spec: &Node, spec_line: u64) {
    let cron = o.kind == "CronJob";
    if !cron && spec.get("ttlSecondsAfterFinished").is_none() {
        sink.object(
            "ttl-missing",
            o,
            spec_line,
            "no ttlSecondsAfterFinished: the finished Job and its pods stay forever".into(),
            "general 3600, critical 86400, debugging 7200",
        );
    }
    if spec.get("backoffLimit").is_none() {
        sink.object(
            "backoff-limit-missing",
            o,
            spec_line,
            "no backoffLimit (Kubernetes would retry 6 times)".into(),
            "network work 3, idempotent work 2, critical work 0",
        );
    }
    if spec.get("activeDeadlineSeconds").is_none() {
        sink.object(
            "active-deadline-missing",
            o,
            spec_line,
            "no activeDeadlineSeconds: a stuck job never ends".into(),
            "set activeDeadlineSeconds, e.g. 3600",
        );
    }
}

/// A ServiceAccount with a cloud identity needs its token endpoint: the GKE
/// metadata server (169.254.169.254:80) for Workload Identity, HTTPS for
/// IRSA (AWS STS) and Azure Workload Identity (Entra ID). Checked against
/// every NetworkPolicy of the folder that restricts egress.
fn identity_egress(sink: &mut Sink, pod: &Spanned<Node>, objects: &[Object]) {
    let account = pod
        .value
        .get("serviceAccountName")
        .and_then(|s| s.value.text());
    let Some(sa) = objects
        .iter()
        .find(|o| o.kind == "ServiceAccount" && Some(o.name) == account)
    else {
        return;
    };
    let note = |key: &str| sa.at(&["metadata", "annotations", key]).is_some();
    let (needs, endpoint): (Option<[u8; 4]>, &str) = if note("iam.gke.io/gcp-service-account") {
        (
            Some([169, 254, 169, 254]),
            "the GKE metadata server 169.254.169.254 on TCP 80",
        )
    } else if note("eks.amazonaws.com/role-arn") {
        (None, "AWS STS over HTTPS (TCP 443)")
    } else if note("azure.workload.identity/client-id") {
        (None, "Microsoft Entra ID over HTTPS (TCP 443)")
    } else {
        return;
    };
    let port = if needs.is_some() { 80 } else { 443 };
    for np in objects.iter().filter(|x| x.kind == "NetworkPolicy") {
        let types = np.at(&["spec", "policyTypes"]);
        let restricts = types.is_some_and(|t| {
            t.value
                .items()
                .iter()
                .any(|i| i.value.text() == Some("Egress"))
        }) || np.at(&["spec", "egress"]).is_some();
        if !restricts {
            continue;
        }
        let rules = np
            .at(&["spec", "egress"])
            .map(|e| e.value.items())
            .unwrap_or(&[]);
        if !rules.iter().any(|r| egress_allows(&r.value, needs, port)) {
            sink.object(
                "identity-egress",
                np,
                line(np.doc),
                format!(
                    "ServiceAccount {} has a cloud identity, but this policy does not let the pod reach {endpoint}: every cloud call fails before it starts",
                    sa.name
                ),
                "regenerate with jobgen (it adds the token endpoint), or add that egress rule",
            );
        }
    }
}

/// True when one NetworkPolicy egress rule lets TCP `port` reach `ip`
/// (None: any address, as for a public endpoint).
fn egress_allows(rule: &Node, ip: Option<[u8; 4]>, port: i64) -> bool {
    let port_ok = match rule.get("ports") {
        None => true,
        Some(ports) => ports.value.items().iter().any(|p| {
            let protocol = p
                .value
                .get("protocol")
                .and_then(|x| x.value.text())
                .unwrap_or("TCP");
            let number = p
                .value
                .get("port")
                .and_then(|x| x.value.text())
                .and_then(|x| x.parse::<i64>().ok());
            let end = p
                .value
                .get("endPort")
                .and_then(|x| x.value.text())
                .and_then(|x| x.parse::<i64>().ok());
            protocol == "TCP"
                && match (number, end) {
                    (None, _) => true,
                    (Some(n), Some(e)) => (n..=e).contains(&port),
                    (Some(n), None) => n == port,
                }
        }),
    };
    let peers = rule.get("to").map(|t| t.value.items()).unwrap_or(&[]);
    let to_ok = peers.is_empty()
        || peers.iter().any(|peer| {
            let Some(cidr) = peer
                .value
                .at(&["ipBlock", "cidr"])
                .and_then(|c| c.value.text())
            else {
                return false;
            };
            match ip {
                Some(ip) => cidr_contains(cidr, ip),
                None => true,
            }
        });
    port_ok && to_ok
}

/// True when the IPv4 CIDR contains the address.
fn cidr_contains(cidr: &str, ip: [u8; 4]) -> bool {
    let Some((net, bits)) = cidr.split_once('/') else {
        return false;
    };
    let (Ok(net), Ok(bits)) = (net.parse::<std::net::Ipv4Addr>(), bits.parse::<u32>()) else {
        return false;
    };
    let mask = if bits == 0 {
        0
    } else {
        u32::MAX << (32 - bits.min(32))
    };
    u32::from(net) & mask == u32::from(std::net::Ipv4Addr::from(ip)) & mask
}

/// Every NetworkPolicy of the folder must select the job's pods: its
/// podSelector labels must all be on the pod template.
fn network_policies(sink: &mut Sink, pod_labels: Option<&Spanned<Node>>, objects: &[Object]) {
    for np in objects.iter().filter(|x| x.kind == "NetworkPolicy") {
        let Some(selector) = np.at(&["spec", "podSelector", "matchLabels"]) else {
            continue;
        };
        let missing: Vec<String> = selector
            .value
            .entries()
            .iter()
            .filter(|(k, v)| {
                pod_labels
                    .and_then(|l| l.value.get(&k.value))
                    .and_then(|x| x.value.text())
                    != v.value.text()
            })
            .map(|(k, v)| format!("{}={}", k.value, v.value.text().unwrap_or("")))
            .collect();
        if !missing.is_empty() {
            sink.object(
                "ref-network-policy",
                np,
                line(selector),
                format!(
                    "podSelector {} matches no label of the job's pod template",
                    missing.join(", ")
                ),
                "select the pods by the job's app and target labels",
            );
        }
    }
}

fn pod_spec(sink: &mut Sink, o: &Object, pod: &Spanned<Node>) {
    let p = &pod.value;
    match p.get("restartPolicy") {
        Some(r) if matches!(r.value.text(), Some("Never" | "OnFailure")) => {}
        Some(r) => sink.object(
            "restart-policy",
            o,
            line(r),
            format!(
                "restartPolicy {} is not allowed for a Job",
                r.value.text().unwrap_or("?")
            ),
            "Never (keeps failed pods for their logs) or OnFailure",
        ),
        None => sink.object(
            "restart-policy",
            o,
            line(pod),
            "no restartPolicy (the default, Always, is refused for Jobs)".into(),
            "restartPolicy: Never",
        ),
    }
    let psc = p.get("securityContext");
    let pod_field = |k: &str| psc.and_then(|s| s.value.get(k));
    for host in ["hostNetwork", "hostPID", "hostIPC"] {
        if let Some(h) = p.get(host).filter(|h| h.value.is_true()) {
            sink.object(
                "pss-host",
                o,
                line(h),
                format!("{host}: true shares the node's namespace"),
                &format!("remove {host}"),
            );
        }
    }
    for vol in p.get("volumes").map(|v| v.value.items()).unwrap_or(&[]) {
        if let Some(h) = vol.value.get("hostPath") {
            sink.object(
                "pss-host",
                o,
                line(h),
                "a hostPath volume exposes the node's files".into(),
                "use an emptyDir or a PersistentVolumeClaim",
            );
        }
    }
    if let Some(u) = pod_field("runAsUser").filter(|u| u.value.int() == Some(0)) {
        sink.object(
            "pss-run-as-root-uid",
            o,
            line(u),
            "the pod runs as UID 0 (root)".into(),
            "runAsUser: 10001",
        );
    }
    let pod_non_root = pod_field("runAsNonRoot").is_some_and(|n| n.value.is_true());
    let pod_seccomp = pod_field("seccompProfile")
        .and_then(|s| s.value.get("type"))
        .and_then(|t| t.value.text().map(str::to_string));
    if let Some(t) = pod_field("seccompProfile")
        .and_then(|s| s.value.get("type"))
        .filter(|t| !matches!(t.value.text(), Some("RuntimeDefault" | "Localhost")))
    {
        sink.object(
            "pss-seccomp",
            o,
            line(t),
            format!(
                "seccompProfile {} is not allowed",
                t.value.text().unwrap_or("?")
            ),
            "seccompProfile: {type: RuntimeDefault}",
        );
    }
    let containers = ["initContainers", "containers"]
        .iter()
        .flat_map(|k| p.get(k).map(|c| c.value.items()).unwrap_or(&[]));
    for c in containers {
        container(sink, o, c, pod_non_root, pod_seccomp.as_deref());
    }
}

fn container(
    sink: &mut Sink,
    o: &Object,
    c: &Spanned<Node>,
    pod_non_root: bool,
    pod_seccomp: Option<&str>,
) {
    let name = c
        .value
        .get("name")
        .and_then(|n| n.value.text())
        .unwrap_or("?");
    let at = line(c);
    container_image(sink, o, c, name, at);
    container_resources(sink, o, c, name, at);
    container_security(sink, o, c, name, at, (pod_non_root, pod_seccomp));
}

/// The image: pinned, and not the placeholder with nothing to run.
fn container_image(sink: &mut Sink, o: &Object, c: &Spanned<Node>, name: &str, at: u64) {
    match c.value.get("image") {
        Some(i) => {
            let image = i.value.text().unwrap_or("");
            let repository = image.split(['@', ':']).next().unwrap_or("");
            let runs_nothing = c.value.get("command").is_none() && c.value.get("args").is_none();
            if runs_nothing
                && matches!(
                    repository,
                    "busybox" | "docker.io/library/busybox" | "library/busybox"
                )
            {
                sink.object(
                    "image-placeholder",
                    o,
                    line(i),
                    format!(
                        "container {name} runs `{image}` with no command: busybox's default command exits 0 at once, so the job reports success having done nothing"
                    ),
                    "pass --image with the job's own image, or a command after `--` (e.g. -- sh -c '…')",
                );
            }
            if let Err(why) = v::image(image) {
                sink.object(
                    "image-unpinned",
                    o,
                    line(i),
                    format!("container {name}: image `{image}` {why}"),
                    "pin a version tag or a digest",
                );
            }
        }
        None => sink.object(
            "image-unpinned",
            o,
            at,
            format!("container {name} has no image"),
            "set image with a pinned tag",
        ),
    }
}

/// Requests and limits for CPU and memory.
fn container_resources(sink: &mut Sink, o: &Object, c: &Spanned<Node>, name: &str, at: u64) {
    let res = c.value.get("resources");
    let mut missing = Vec::new();
    for part in ["requests", "limits"] {
        for what in ["cpu", "memory"] {
            if res.and_then(|r| r.value.at(&[part, what])).is_none() {
                missing.push(format!("{part}.{what}"));
            }
        }
    }
    if !missing.is_empty() {
        sink.object(
            "resources-missing",
            o,
            res.map(line).unwrap_or(at),
            format!("container {name} has no {}", missing.join(", ")),
            "light: requests 100m/256Mi, limits 500m/512Mi",
        );
    }
}

/// Pod Security "restricted" for one container; `pod` is what the pod's
/// securityContext sets (runAsNonRoot, the seccomp profile type).
fn container_security(
    sink: &mut Sink,
    o: &Object,
    c: &Spanned<Node>,
    name: &str,
    at: u64,
    pod: (bool, Option<&str>),
) {
    let (pod_non_root, pod_seccomp) = pod;
    let sc = c.value.get("securityContext");
    let field = |k: &str| sc.and_then(|s| s.value.get(k));
    let sc_line = sc.map(line).unwrap_or(at);
    if let Some(u) = field("runAsUser").filter(|u| u.value.int() == Some(0)) {
        sink.object(
            "pss-run-as-root-uid",
            o,
            line(u),
            format!("container {name} runs as UID 0 (root)"),
            "runAsUser: 10001",
        );
    }
    let non_root = match field("runAsNonRoot") {
        Some(n) if n.value.is_false() => false,
        Some(n) => n.value.is_true() || pod_non_root,
        None => pod_non_root,
    };
    if !non_root {
        sink.object(
            "pss-run-as-non-root",
            o,
            sc_line,
            format!("container {name} may run as root"),
            "set runAsNonRoot: true on the pod or the container",
        );
    }
    let seccomp = field("seccompProfile")
        .and_then(|s| s.value.get("type"))
        .and_then(|t| t.value.text());
    match seccomp.or(pod_seccomp) {
        Some("RuntimeDefault" | "Localhost") => {}
        Some(other) if seccomp.is_some() => sink.object(
            "pss-seccomp",
            o,
            sc_line,
            format!("container {name}: seccompProfile {other} is not allowed"),
            "seccompProfile: {type: RuntimeDefault}",
        ),
        Some(_) => {}
        None => sink.object(
            "pss-seccomp",
            o,
            sc_line,
            format!("container {name} has no seccomp profile"),
            "seccompProfile: {type: RuntimeDefault} on the pod",
        ),
    }
    if !field("allowPrivilegeEscalation").is_some_and(|a| a.value.is_false()) {
        sink.object(
            "pss-privilege-escalation",
            o,
            sc_line,
            format!("container {name} does not set allowPrivilegeEscalation: false"),
            "allowPrivilegeEscalation: false",
        );
    }
    if let Some(p) = field("privileged").filter(|p| p.value.is_true()) {
        sink.object(
            "pss-privileged",
            o,
            line(p),
            format!("container {name} is privileged"),
            "remove privileged: true",
        );
    }
    capabilities(sink, o, name, field("capabilities"), sc_line);
}

/// Capabilities: drop ALL, add at most NET_BIND_SERVICE.
fn capabilities(
    sink: &mut Sink,
    o: &Object,
    name: &str,
    caps: Option<&Spanned<Node>>,
    sc_line: u64,
) {
    let drops_all = caps.and_then(|c| c.value.get("drop")).is_some_and(|d| {
        d.value
            .items()
            .iter()
            .any(|i| i.value.text() == Some("ALL"))
    });
    if !drops_all {
        sink.object(
            "pss-capabilities",
            o,
            caps.map(line).unwrap_or(sc_line),
            format!("container {name} does not drop ALL capabilities"),
            "capabilities: {drop: [ALL]}",
        );
    }
    for add in caps
        .and_then(|c| c.value.get("add"))
        .map(|a| a.value.items())
        .unwrap_or(&[])
    {
        if add.value.text() != Some("NET_BIND_SERVICE") {
            sink.object(
                "pss-capabilities",
                o,
                line(add),
                format!(
                    "container {name} adds capability {}",
                    add.value.text().unwrap_or("?")
                ),
                "only NET_BIND_SERVICE may be added",
            );
        }
    }
}

/// Names of the folder's objects of a kind.
fn names<'a>(objects: &'a [Object], kind: &str) -> Vec<&'a str> {
    objects
        .iter()
        .filter(|o| o.kind == kind)
        .map(|o| o.name)
        .collect()
}

/// Secrets the folder makes: ExternalSecret targets and Secrets.
fn secret_names<'a>(objects: &'a [Object]) -> Vec<&'a str> {
    objects
        .iter()
        .filter_map(|o| match o.kind {
            "ExternalSecret" => Some(
                o.at(&["spec", "target", "name"])
                    .and_then(|n| n.value.text())
                    .unwrap_or(o.name),
            ),
            "Secret" => Some(o.name),
            _ => None,
        })
        .collect()
}

/// References from the pod to the folder's objects. A reference to an object
/// the folder does not define at all (none of that kind) is allowed: it may
/// live elsewhere; one that misses while the folder defines others is drift.
fn references(sink: &mut Sink, o: &Object, pod: &Spanned<Node>, objects: &[Object]) {
    let p = &pod.value;
    let accounts = names(objects, "ServiceAccount");
    let sa = p
        .get("serviceAccountName")
        .and_then(|s| s.value.text().map(|t| (t, line(s))));
    if let Some((sa_name, at)) = sa
        && !accounts.is_empty()
        && !accounts.contains(&sa_name)
    {
        sink.object(
            "ref-service-account",
            o,
            at,
            format!(
                "serviceAccountName {sa_name} is not a ServiceAccount of this folder ({})",
                accounts.join(", ")
            ),
            "make them match",
        );
    }
    if sa.is_none() && !accounts.is_empty() {
        sink.object(
            "ref-service-account",
            o,
            line(pod),
            format!(
                "the folder defines ServiceAccount {} but the pod does not use it",
                accounts.join(", ")
            ),
            "set serviceAccountName",
        );
    }
    env_from(sink, o, p, objects);
    role_bindings(sink, sa.map(|(n, _)| n), objects);
}

/// envFrom references: ConfigMaps and Secrets of the folder.
fn env_from(sink: &mut Sink, o: &Object, p: &Node, objects: &[Object]) {
    let config_maps = names(objects, "ConfigMap");
    let secrets = secret_names(objects);
    let has_es = objects
        .iter()
        .any(|x| x.kind == "ExternalSecret" || x.kind == "Secret");
    for c in ["initContainers", "containers"]
        .iter()
        .flat_map(|k| p.get(k).map(|c| c.value.items()).unwrap_or(&[]))
    {
        for from in c
            .value
            .get("envFrom")
            .map(|e| e.value.items())
            .unwrap_or(&[])
        {
            if let Some(n) = from.value.at(&["configMapRef", "name"]) {
                let name = n.value.text().unwrap_or("");
                if !config_maps.is_empty() && !config_maps.contains(&name) {
                    sink.object(
                        "ref-config-map",
                        o,
                        line(n),
                        format!(
                            "configMapRef {name} is not a ConfigMap of this folder ({})",
                            config_maps.join(", ")
                        ),
                        "make them match",
                    );
                }
            }
            if let Some(n) = from.value.at(&["secretRef", "name"]) {
                let name = n.value.text().unwrap_or("");
                if has_es && !secrets.contains(&name) {
                    sink.object(
                        "ref-secret",
                        o,
                        line(n),
                        format!(
                            "secretRef {name} is not a Secret this folder creates ({})",
                            secrets.join(", ")
                        ),
                        "match the ExternalSecret's spec.target.name",
                    );
                }
            }
        }
    }
}

/// RoleBindings: their Role is the folder's, and they bind the job's
/// ServiceAccount (`sa`).
fn role_bindings(sink: &mut Sink, sa: Option<&str>, objects: &[Object]) {
    let roles = names(objects, "Role");
    for rb in objects.iter().filter(|x| x.kind == "RoleBinding") {
        if let Some(r) = rb.at(&["roleRef", "name"]) {
            let role = r.value.text().unwrap_or("");
            if rb.at(&["roleRef", "kind"]).and_then(|k| k.value.text()) == Some("Role")
                && !roles.is_empty()
                && !roles.contains(&role)
            {
                sink.object(
                    "ref-role-binding",
                    rb,
                    line(r),
                    format!(
                        "roleRef names Role {role}, not one of this folder ({})",
                        roles.join(", ")
                    ),
                    "make them match",
                );
            }
        }
        if let Some(sa_name) = sa {
            let subjects = rb.at(&["subjects"]).map(|s| s.value.items()).unwrap_or(&[]);
            let binds = subjects.iter().any(|s| {
                s.value.get("kind").and_then(|k| k.value.text()) == Some("ServiceAccount")
                    && s.value.get("name").and_then(|n| n.value.text()) == Some(sa_name)
            });
            if !binds {
                let at = rb.at(&["subjects"]).map(line).unwrap_or(line(rb.doc));
                sink.object(
                    "ref-role-binding",
                    rb,
                    at,
                    format!(
                        "the RoleBinding does not bind ServiceAccount {sa_name}, which the job uses"
                    ),
                    "add it to subjects",
                );
            }
        }
    }
}

fn namespaces(sink: &mut Sink, objects: &[Object]) {
    let Some(job) = objects
        .iter()
        .find(|o| o.kind == "Job" || o.kind == "CronJob")
    else {
        return;
    };
    let ns = |o: &Object| {
        o.at(&["metadata", "namespace"])
            .and_then(|n| n.value.text().map(str::to_string))
    };
    let job_ns = ns(job);
    for o in objects.iter().filter(|o| {
        !matches!(
            o.kind,
            "ClusterSecretStore" | "ClusterRole" | "ClusterRoleBinding" | "Namespace"
        )
    }) {
        if ns(o) != job_ns {
            let at = o
                .at(&["metadata", "namespace"])
                .map(line)
                .unwrap_or(line(o.doc));
            let show =
                |n: Option<String>| n.unwrap_or_else(|| "(none: the current context's)".into());
            sink.object(
                "namespace-mismatch",
                o,
                at,
                format!(
                    "namespace {} differs from the job's {}",
                    show(ns(o)),
                    show(job_ns.clone())
                ),
                "put every object of the folder in the job's namespace",
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
                    format!(
                        "subject namespace {} differs from the job's",
                        n.value.text().unwrap_or("")
                    ),
                    "bind the ServiceAccount in the job's namespace",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
