//! The Pod Security Standards controls beyond the common ones in `pod`:
//! HostProcess, host ports, AppArmor, SELinux, /proc mount, sysctls and
//! volume types (kubernetes.io/docs/concepts/security/pod-security-standards),
//! and the conventions' read-only root file system. Each reads one security
//! context (the pod's or a container's) or the pod spec.

use crate::i18n::{Msg, f, t};
use crate::yaml::Spanned;

use crate::lint::rules::object::{Object, Sink, line};
use crate::yaml::Node;

/// Sysctls the baseline profile allows.
const SAFE_SYSCTLS: [&str; 10] = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];

/// SELinux types the baseline profile allows (and none at all).
const SELINUX_TYPES: [&str; 4] = [
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

/// Volume types the restricted profile allows (hostPath is `pss-host`).
const VOLUME_TYPES: [&str; 8] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/// The pod-level controls: sysctls, volumes, and the pod security context.
pub(crate) fn pod(sink: &mut Sink, o: &Object, p: &Node) {
    let psc = p.get("securityContext");
    if let Some(sc) = psc {
        context(sink, o, t(Msg::L_THE_POD), sc);
    }
    let sysctls = psc
        .and_then(|s| s.value.get("sysctls"))
        .map(|s| s.value.items())
        .unwrap_or(&[]);
    for s in sysctls {
        let name = s
            .value
            .get("name")
            .and_then(|n| n.value.text())
            .unwrap_or("");
        if !SAFE_SYSCTLS.contains(&name) {
            sink.object(
                "pss-sysctls",
                o,
                line(s),
                f(Msg::L_SYSCTL, &[("name", name)]),
                t(Msg::L_SYSCTL_HINT),
            );
        }
    }
    for vol in p.get("volumes").map(|v| v.value.items()).unwrap_or(&[]) {
        let kind = vol
            .value
            .entries()
            .iter()
            .map(|(k, _)| k.value.as_str())
            .find(|k| *k != "name");
        if let Some(kind) = kind
            && kind != "hostPath"
            && !VOLUME_TYPES.contains(&kind)
        {
            sink.object(
                "pss-volume-types",
                o,
                line(vol),
                f(Msg::L_VOLUME, &[("kind", kind)]),
                t(Msg::L_VOLUME_HINT),
            );
        }
    }
    apparmor_annotations(sink, o);
}

/// A container's controls: its ports, its security context.
pub(crate) fn container(sink: &mut Sink, o: &Object, c: &Spanned<Node>, name: &str) {
    for port in c.value.get("ports").map(|p| p.value.items()).unwrap_or(&[]) {
        if let Some(h) = port
            .value
            .get("hostPort")
            .filter(|h| h.value.int().unwrap_or(0) != 0)
        {
            sink.object(
                "pss-host-ports",
                o,
                line(h),
                f(
                    Msg::L_HOST_PORT,
                    &[
                        ("name", name),
                        ("port", &h.value.int().unwrap_or(0).to_string()),
                    ],
                ),
                t(Msg::L_HOST_PORT_HINT),
            );
        }
    }
    let sc = c.value.get("securityContext");
    if let Some(sc) = sc {
        context(sink, o, &f(Msg::L_CONTAINER, &[("name", name)]), sc);
        if let Some(p) = sc
            .value
            .get("procMount")
            .filter(|p| p.value.text() != Some("Default"))
        {
            sink.object(
                "pss-proc-mount",
                o,
                line(p),
                f(
                    Msg::L_PROC_MOUNT,
                    &[("name", name), ("mount", p.value.text().unwrap_or("?"))],
                ),
                t(Msg::L_PROC_MOUNT_HINT),
            );
        }
    }
    let read_only = sc
        .and_then(|s| s.value.get("readOnlyRootFilesystem"))
        .is_some_and(|r| r.value.is_true());
    if !read_only {
        sink.object(
            "read-only-root-filesystem",
            o,
            sc.map_or(line(c), line),
            f(Msg::L_READ_ONLY, &[("name", name)]),
            t(Msg::L_READ_ONLY_HINT),
        );
    }
}

/// HostProcess, SELinux and AppArmor in one security context.
fn context(sink: &mut Sink, o: &Object, whose: &str, sc: &Spanned<Node>) {
    if let Some(h) = sc
        .value
        .at(&["windowsOptions", "hostProcess"])
        .filter(|h| h.value.is_true())
    {
        sink.object(
            "pss-host-process",
            o,
            line(h),
            f(Msg::L_HOST_PROCESS, &[("whose", whose)]),
            t(Msg::L_HOST_PROCESS_HINT),
        );
    }
    if let Some(se) = sc.value.get("seLinuxOptions") {
        let ty = se
            .value
            .get("type")
            .and_then(|t| t.value.text())
            .unwrap_or("");
        let user_or_role = se.value.get("user").is_some() || se.value.get("role").is_some();
        if user_or_role || !(ty.is_empty() || SELINUX_TYPES.contains(&ty)) {
            sink.object(
                "pss-selinux",
                o,
                line(se),
                f(Msg::L_SELINUX, &[("whose", whose), ("type", ty)]),
                t(Msg::L_SELINUX_HINT),
            );
        }
    }
    if let Some(t) = sc
        .value
        .at(&["appArmorProfile", "type"])
        .filter(|t| t.value.text() == Some("Unconfined"))
    {
        sink.object(
            "pss-apparmor",
            o,
            line(t),
            f(Msg::L_APPARMOR, &[("whose", whose)]),
            "appArmorProfile: {type: RuntimeDefault}",
        );
    }
}

/// The AppArmor annotations of the object or its pod template.
fn apparmor_annotations(sink: &mut Sink, o: &Object) {
    for path in [
        &["metadata", "annotations"][..],
        &["spec", "template", "metadata", "annotations"],
        &[
            "spec",
            "jobTemplate",
            "spec",
            "template",
            "metadata",
            "annotations",
        ],
    ] {
        let Some(notes) = o.at(path) else {
            continue;
        };
        for (k, v) in notes.value.entries() {
            if k.value
                .starts_with("container.apparmor.security.beta.kubernetes.io/")
                && v.value.text() == Some("unconfined")
            {
                sink.object(
                    "pss-apparmor",
                    o,
                    line(v),
                    f(Msg::L_APPARMOR_ANNOTATION, &[("key", &k.value)]),
                    t(Msg::L_APPARMOR_ANNOTATION_HINT),
                );
            }
        }
    }
}
