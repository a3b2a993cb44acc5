//! References between the folder's objects: ServiceAccount, ConfigMap and
//! Secret references, RoleBindings, NetworkPolicy selectors, and the egress
//! a cloud identity needs.

use crate::i18n::{Msg, f, t};
use crate::yaml::Spanned;

use crate::lint::rules::object::{Object, Sink, line, names};
use crate::lint::rules::uses::{check_uses, service_account};
use crate::yaml::Node;

/// A ServiceAccount with a cloud identity needs its token endpoint: the GKE
/// metadata server (169.254.169.254:80) for Workload Identity, HTTPS for
/// IRSA (AWS STS) and Azure Workload Identity (Entra ID). Checked against
/// every NetworkPolicy of the folder that restricts egress.
pub(crate) fn identity_egress(sink: &mut Sink, pod: &Spanned<Node>, objects: &[Object]) {
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
                f(
                    Msg::L_IDENTITY_EGRESS,
                    &[("sa", sa.name), ("endpoint", endpoint)],
                ),
                t(Msg::L_IDENTITY_EGRESS_HINT),
            );
        }
    }
}

/// True when one NetworkPolicy egress rule lets TCP `port` reach `ip`
/// (None: any address, as for a public endpoint).
pub(crate) fn egress_allows(rule: &Node, ip: Option<[u8; 4]>, port: i64) -> bool {
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
pub(crate) fn cidr_contains(cidr: &str, ip: [u8; 4]) -> bool {
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
pub(crate) fn network_policies(
    sink: &mut Sink,
    pod_labels: Option<&Spanned<Node>>,
    objects: &[Object],
) {
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
                f(Msg::L_NP_SELECTOR, &[("labels", &missing.join(", "))]),
                t(Msg::L_NP_SELECTOR_HINT),
            );
        }
    }
}

/// The job's references: every object its pod uses (`uses`), its
/// ServiceAccount being the folder's when the folder defines one, and the
/// folder's RoleBindings binding it.
pub(crate) fn references(sink: &mut Sink, o: &Object, pod: &Spanned<Node>, objects: &[Object]) {
    check_uses(sink, o, pod, objects);
    let accounts = names(objects, "ServiceAccount");
    let sa = service_account(&pod.value);
    if sa.is_none() && !accounts.is_empty() {
        sink.object(
            "ref-service-account",
            o,
            line(pod),
            f(Msg::L_SA_UNUSED, &[("sa", &accounts.join(", "))]),
            t(Msg::L_SA_UNUSED_HINT),
        );
    }
    role_bindings(sink, sa.map(|(n, _)| n), objects);
}

/// An ExternalSecret's store, when the folder defines stores of that kind
/// (`kind: SecretStore` is the default), is one of them or declared
/// external. A folder that defines none uses a store shared by the
/// namespace or cluster (the team's `secret-store` setting), which lint
/// cannot see.
pub(crate) fn secret_stores(sink: &mut Sink, objects: &[Object]) {
    for es in objects.iter().filter(|x| x.kind == "ExternalSecret") {
        let Some(store) = es.at(&["spec", "secretStoreRef"]) else {
            continue;
        };
        let name = store
            .value
            .get("name")
            .and_then(|n| n.value.text())
            .unwrap_or("");
        let kind = store
            .value
            .get("kind")
            .and_then(|k| k.value.text())
            .unwrap_or("SecretStore");
        let defined = names(objects, kind);
        if defined.is_empty() || defined.contains(&name) || sink.options.is_external(kind, name) {
            continue;
        }
        let made = f(Msg::L_FOLDER_DEFINES, &[("names", &defined.join(", "))]);
        sink.object(
            "ref-secret-store",
            es,
            line(store),
            f(
                Msg::L_STORE,
                &[("kind", kind), ("name", name), ("made", &made)],
            ),
            &f(
                Msg::L_STORE_HINT,
                &[("yaml", &format!("lint: {{external: [{kind}/{name}]}}"))],
            ),
        );
    }
}

/// RoleBindings: their Role is the folder's, and they bind the job's
/// ServiceAccount (`sa`).
pub(crate) fn role_bindings(sink: &mut Sink, sa: Option<&str>, objects: &[Object]) {
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
                    f(
                        Msg::L_ROLE_REF,
                        &[("role", role), ("roles", &roles.join(", "))],
                    ),
                    t(Msg::L_MATCH),
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
                    f(Msg::L_ROLE_BINDING, &[("sa", sa_name)]),
                    t(Msg::L_ROLE_BINDING_HINT),
                );
            }
        }
    }
}
