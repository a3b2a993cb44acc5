//! Pod Security "restricted" and the conventions for the pod and each
//! container: restart policy, host access, image, resources, security context.

use crate::i18n::{Msg, f, t};
use crate::yaml::Spanned;

use crate::answers::scalars as v;
use crate::lint::rules::object::{Object, Sink, line};
use crate::lint::rules::pss;
use crate::yaml::Node;

/// A Job's pods may only restart Never or OnFailure.
pub(crate) fn restart_policy(sink: &mut Sink, o: &Object, pod: &Spanned<Node>) {
    let p = &pod.value;
    match p.get("restartPolicy") {
        Some(r) if matches!(r.value.text(), Some("Never" | "OnFailure")) => {}
        Some(r) => sink.object(
            "restart-policy",
            o,
            line(r),
            f(Msg::L_RESTART, &[("policy", r.value.text().unwrap_or("?"))]),
            t(Msg::L_RESTART_HINT),
        ),
        None => sink.object(
            "restart-policy",
            o,
            line(pod),
            t(Msg::L_RESTART_NONE).into(),
            "restartPolicy: Never",
        ),
    }
}

/// Pod Security and the conventions for any pod: host access, volumes,
/// and each container.
pub(crate) fn pod_spec(sink: &mut Sink, o: &Object, pod: &Spanned<Node>) {
    let p = &pod.value;
    let psc = p.get("securityContext");
    let pod_field = |k: &str| psc.and_then(|s| s.value.get(k));
    for host in ["hostNetwork", "hostPID", "hostIPC"] {
        if let Some(h) = p.get(host).filter(|h| h.value.is_true()) {
            sink.object(
                "pss-host",
                o,
                line(h),
                f(Msg::L_HOST, &[("host", host)]),
                &f(Msg::L_HOST_HINT, &[("host", host)]),
            );
        }
    }
    for vol in p.get("volumes").map(|v| v.value.items()).unwrap_or(&[]) {
        if let Some(h) = vol.value.get("hostPath") {
            sink.object(
                "pss-host",
                o,
                line(h),
                t(Msg::L_HOST_PATH).into(),
                t(Msg::L_HOST_PATH_HINT),
            );
        }
    }
    if let Some(u) = pod_field("runAsUser").filter(|u| u.value.int() == Some(0)) {
        sink.object(
            "pss-run-as-root-uid",
            o,
            line(u),
            t(Msg::L_POD_ROOT).into(),
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
            f(
                Msg::L_SECCOMP,
                &[("profile", t.value.text().unwrap_or("?"))],
            ),
            "seccompProfile: {type: RuntimeDefault}",
        );
    }
    pss::pod(sink, o, p);
    let containers = ["initContainers", "containers"]
        .iter()
        .flat_map(|k| p.get(k).map(|c| c.value.items()).unwrap_or(&[]));
    for c in containers {
        container(sink, o, c, pod_non_root, pod_seccomp.as_deref());
    }
}

pub(crate) fn container(
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
    pss::container(sink, o, c, name);
    container_image(sink, o, c, name, at);
    container_resources(sink, o, c, name, at);
    container_security(sink, o, c, name, at, (pod_non_root, pod_seccomp));
    crate::lint::rules::folder::env_secrets(sink, o, c, name);
    crate::lint::rules::folder::env_duplicates(sink, o, c, name);
}

/// The image: pinned, and not the placeholder with nothing to run.
pub(crate) fn container_image(sink: &mut Sink, o: &Object, c: &Spanned<Node>, name: &str, at: u64) {
    match c.value.get("image") {
        Some(i) => {
            let image = i.value.text().unwrap_or("");
            let runs_nothing = c.value.get("command").is_none() && c.value.get("args").is_none();
            if runs_nothing && crate::defaults::is_placeholder_image(image) {
                sink.object(
                    "image-placeholder",
                    o,
                    line(i),
                    f(Msg::L_PLACEHOLDER, &[("name", name), ("image", image)]),
                    t(Msg::L_PLACEHOLDER_HINT),
                );
            }
            // A `ko://` import path is no image reference: ko builds the
            // image and writes its digest in at `ko resolve` or `ko apply`
            // (ko.build, "Deployment"), so it is pinned by construction.
            if image.starts_with("ko://") {
                return;
            }
            if let Err(why) = v::image(image) {
                sink.object(
                    "image-unpinned",
                    o,
                    line(i),
                    f(
                        Msg::L_UNPINNED,
                        &[("name", name), ("image", image), ("why", &why)],
                    ),
                    t(Msg::L_UNPINNED_HINT),
                );
            }
        }
        None => sink.object(
            "image-unpinned",
            o,
            at,
            f(Msg::L_NO_IMAGE, &[("name", name)]),
            t(Msg::L_NO_IMAGE_HINT),
        ),
    }
}

/// Requests and limits for CPU and memory.
pub(crate) fn container_resources(
    sink: &mut Sink,
    o: &Object,
    c: &Spanned<Node>,
    name: &str,
    at: u64,
) {
    let res = c.value.get("resources");
    let mut missing = Vec::new();
    let parts: &[&str] = match sink.options.requests_only {
        true => &["requests"],
        false => &["requests", "limits"],
    };
    for part in parts {
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
            f(
                Msg::L_RESOURCES,
                &[("name", name), ("missing", &missing.join(", "))],
            ),
            "light: requests 100m/256Mi, limits 500m/512Mi",
        );
    }
}

/// Pod Security "restricted" for one container; `pod` is what the pod's
/// securityContext sets (runAsNonRoot, the seccomp profile type).
pub(crate) fn container_security(
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
            f(Msg::L_CONTAINER_ROOT, &[("name", name)]),
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
            f(Msg::L_NON_ROOT, &[("name", name)]),
            t(Msg::L_NON_ROOT_HINT),
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
            f(
                Msg::L_CONTAINER_SECCOMP,
                &[("name", name), ("profile", other)],
            ),
            "seccompProfile: {type: RuntimeDefault}",
        ),
        Some(_) => {}
        None => sink.object(
            "pss-seccomp",
            o,
            sc_line,
            f(Msg::L_NO_SECCOMP, &[("name", name)]),
            "seccompProfile: {type: RuntimeDefault} on the pod",
        ),
    }
    if !field("allowPrivilegeEscalation").is_some_and(|a| a.value.is_false()) {
        sink.object(
            "pss-privilege-escalation",
            o,
            sc_line,
            f(Msg::L_ESCALATION, &[("name", name)]),
            "allowPrivilegeEscalation: false",
        );
    }
    if let Some(p) = field("privileged").filter(|p| p.value.is_true()) {
        sink.object(
            "pss-privileged",
            o,
            line(p),
            f(Msg::L_PRIVILEGED, &[("name", name)]),
            t(Msg::L_PRIVILEGED_HINT),
        );
    }
    capabilities(sink, o, name, field("capabilities"), sc_line);
}

/// Capabilities: drop ALL, add at most NET_BIND_SERVICE.
pub(crate) fn capabilities(
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
            f(Msg::L_CAPS_DROP, &[("name", name)]),
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
                f(
                    Msg::L_CAPS_ADD,
                    &[("name", name), ("cap", add.value.text().unwrap_or("?"))],
                ),
                t(Msg::L_CAPS_ADD_HINT),
            );
        }
    }
}
