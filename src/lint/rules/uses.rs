//! What a pod takes from other objects by name: ConfigMaps and Secrets
//! (envFrom, env valueFrom, configMap/secret volumes and projected volume
//! sources), image pull Secrets and its ServiceAccount. Each must be an
//! object of the folder, one the team declared external (`lint.external`),
//! or one every namespace has; a key asked for must be one the object has.
//! A reference marked `optional: true` may miss: the pod starts without it.

use crate::i18n::{Msg, f, t};
use crate::yaml::Spanned;

use crate::lint::rules::object::{Object, Sink, line};
use crate::yaml::Node;

/// One object a pod uses by name.
pub(crate) struct Use<'a> {
    /// ConfigMap or Secret.
    pub(crate) kind: &'static str,
    pub(crate) name: &'a str,
    /// The key asked for, when only one key is used.
    pub(crate) key: Option<&'a str>,
    /// Where the pod names it, for the message (`env DB_HOST`).
    pub(crate) via: String,
    pub(crate) at: u64,
}

/// The keys an object of the folder provides; `None`: not known from the
/// manifest (an ExternalSecret with dataFrom or a template).
struct Provided<'a> {
    kind: &'static str,
    name: &'a str,
    keys: Option<Vec<&'a str>>,
}

fn keys_of<'a>(o: &'a Object<'a>, fields: &[&str]) -> Vec<&'a str> {
    fields
        .iter()
        .filter_map(|f| o.doc.value.get(f))
        .flat_map(|m| m.value.entries().iter().map(|(k, _)| k.value.as_str()))
        .collect()
}

/// The ConfigMaps and Secrets the folder makes, with their keys.
fn provided<'a>(objects: &'a [Object<'a>]) -> Vec<Provided<'a>> {
    objects
        .iter()
        .filter_map(|o| match o.kind {
            "ConfigMap" => Some(Provided {
                kind: "ConfigMap",
                name: o.name,
                keys: Some(keys_of(o, &["data", "binaryData"])),
            }),
            "Secret" => Some(Provided {
                kind: "Secret",
                name: o.name,
                keys: Some(keys_of(o, &["data", "stringData"])),
            }),
            "ExternalSecret" => {
                let spec = o.at(&["spec"]).map(|s| &s.value);
                let get = |k: &str| spec.and_then(|s| s.get(k));
                let open = get("dataFrom").is_some()
                    || spec.and_then(|s| s.at(&["target", "template"])).is_some();
                let keys = get("data")
                    .map(|d| d.value.items())
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|d| d.value.get("secretKey").and_then(|k| k.value.text()))
                    .collect();
                Some(Provided {
                    kind: "Secret",
                    name: spec
                        .and_then(|s| s.at(&["target", "name"]))
                        .and_then(|n| n.value.text())
                        .unwrap_or(o.name),
                    keys: (!open).then_some(keys),
                })
            }
            _ => None,
        })
        .collect()
}

fn items<'a>(n: &'a Node, k: &str) -> &'a [Spanned<Node>] {
    n.get(k).map(|x| x.value.items()).unwrap_or(&[])
}

fn text<'a>(n: &'a Node, k: &str) -> Option<&'a str> {
    n.get(k).and_then(|x| x.value.text())
}

fn optional(n: &Node) -> bool {
    n.get("optional").is_some_and(|o| o.value.is_true())
}

/// Every ConfigMap and Secret the pod spec `p` uses, optional ones left out.
pub(crate) fn pod_uses(p: &Node) -> Vec<Use<'_>> {
    let mut out = Vec::new();
    for c in ["initContainers", "containers"]
        .iter()
        .flat_map(|k| items(p, k))
    {
        let cname = text(&c.value, "name").unwrap_or("?");
        for from in items(&c.value, "envFrom") {
            for (field, kind) in [("configMapRef", "ConfigMap"), ("secretRef", "Secret")] {
                if let Some(r) = from.value.get(field).filter(|r| !optional(&r.value)) {
                    out.push(Use {
                        kind,
                        name: text(&r.value, "name").unwrap_or(""),
                        key: None,
                        via: format!("container {cname} envFrom {field}"),
                        at: line(r),
                    });
                }
            }
        }
        for e in items(&c.value, "env") {
            let ename = text(&e.value, "name").unwrap_or("?");
            for (field, kind) in [("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")] {
                if let Some(r) = e
                    .value
                    .at(&["valueFrom", field])
                    .filter(|r| !optional(&r.value))
                {
                    out.push(Use {
                        kind,
                        name: text(&r.value, "name").unwrap_or(""),
                        key: text(&r.value, "key"),
                        via: format!("container {cname} env {ename} {field}"),
                        at: line(r),
                    });
                }
            }
        }
    }
    for vol in items(p, "volumes") {
        let vname = text(&vol.value, "name").unwrap_or("?");
        let sources = [
            ("configMap", "ConfigMap", "name"),
            ("secret", "Secret", "secretName"),
        ];
        for (field, kind, name_field) in sources {
            if let Some(r) = vol.value.get(field) {
                volume_uses(&mut out, r, kind, name_field, format!("volume {vname}"));
            }
        }
        for s in vol
            .value
            .at(&["projected", "sources"])
            .map(|s| s.value.items())
            .unwrap_or(&[])
        {
            for (field, kind) in [("configMap", "ConfigMap"), ("secret", "Secret")] {
                if let Some(r) = s.value.get(field) {
                    let via = format!("projected volume {vname}");
                    volume_uses(&mut out, r, kind, "name", via);
                }
            }
        }
    }
    for s in items(p, "imagePullSecrets") {
        out.push(Use {
            kind: "Secret",
            name: text(&s.value, "name").unwrap_or(""),
            key: None,
            via: "imagePullSecrets".into(),
            at: line(s),
        });
    }
    out
}

/// A configMap or secret volume (or projected source): the object, and
/// each key its `items` ask for.
fn volume_uses<'a>(
    out: &mut Vec<Use<'a>>,
    r: &'a Spanned<Node>,
    kind: &'static str,
    name_field: &str,
    via: String,
) {
    if optional(&r.value) {
        return;
    }
    let name = text(&r.value, name_field).unwrap_or("");
    let keys: Vec<&Spanned<Node>> = r
        .value
        .get("items")
        .map(|i| i.value.items().iter().collect())
        .unwrap_or_default();
    if keys.is_empty() {
        out.push(Use {
            kind,
            name,
            key: None,
            via: via.clone(),
            at: line(r),
        });
    }
    for item in keys {
        out.push(Use {
            kind,
            name,
            key: text(&item.value, "key"),
            via: via.clone(),
            at: line(item),
        });
    }
}

/// The pod's ServiceAccount and where it is named: `serviceAccountName`,
/// else the deprecated `serviceAccount` (the API server copies one into the
/// other), else none (the namespace's `default`).
pub(crate) fn service_account(p: &Node) -> Option<(&str, u64)> {
    ["serviceAccountName", "serviceAccount"]
        .iter()
        .find_map(|k| p.get(k))
        .and_then(|s| s.value.text().map(|t| (t, line(s))))
}

/// Checks every object the pod `pod` of `o` uses against the folder's.
pub(crate) fn check_uses(sink: &mut Sink, o: &Object, pod: &Spanned<Node>, objects: &[Object]) {
    let made = provided(objects);
    let field = |k: &str| {
        pod.value
            .get(k)
            .and_then(|s| s.value.text().map(|t| (t, line(s))))
    };
    match (field("serviceAccountName"), field("serviceAccount")) {
        (Some((name, _)), Some((old, at))) if name != old => sink.object(
            "ref-service-account",
            o,
            at,
            f(Msg::L_SA_DIFFER, &[("name", name), ("old", old)]),
            t(Msg::L_SA_DIFFER_HINT),
        ),
        // As kube-linter's deprecated-service-account-field: the field
        // still works (the API server copies it), but it is deprecated.
        (_, Some((old, at))) => sink.object(
            "deprecated-service-account",
            o,
            at,
            f(Msg::L_SA_DEPRECATED, &[("old", old)]),
            t(Msg::L_SA_DEPRECATED_HINT),
        ),
        _ => {}
    }
    for u in pod_uses(&pod.value) {
        let rule = match u.kind {
            "ConfigMap" => "ref-config-map",
            _ => "ref-secret",
        };
        let same_kind: Vec<&Provided> = made.iter().filter(|p| p.kind == u.kind).collect();
        match same_kind.iter().find(|p| p.name == u.name) {
            Some(found) => {
                let (Some(key), Some(keys)) = (u.key, &found.keys) else {
                    continue;
                };
                if !keys.contains(&key) {
                    sink.object(
                        rule,
                        o,
                        u.at,
                        f(
                            Msg::L_KEY_MISSING,
                            &[
                                ("via", &u.via),
                                ("kind", u.kind),
                                ("name", u.name),
                                ("key", key),
                                (
                                    "has",
                                    &match keys.is_empty() {
                                        true => t(Msg::L_HAS_NO_KEYS).to_string(),
                                        false => f(Msg::L_HAS_KEYS, &[("keys", &keys.join(", "))]),
                                    },
                                ),
                            ],
                        ),
                        t(Msg::L_KEY_MISSING_HINT),
                    );
                }
            }
            None if !sink.complete || sink.options.is_external(u.kind, u.name) => {}
            None => missing(sink, o, (u.kind, u.name, u.at), &u.via, rule, &same_kind),
        }
    }
    if let Some((sa, at)) = service_account(&pod.value)
        && sink.complete
        && !objects
            .iter()
            .any(|x| x.kind == "ServiceAccount" && x.name == sa)
        && !sink.options.is_external("ServiceAccount", sa)
    {
        let accounts: Vec<&str> = objects
            .iter()
            .filter(|x| x.kind == "ServiceAccount")
            .map(|x| x.name)
            .collect();
        let defined = match accounts.is_empty() {
            true => t(Msg::L_FOLDER_DEFINES_NONE).to_string(),
            false => f(Msg::L_FOLDER_DEFINES, &[("names", &accounts.join(", "))]),
        };
        let message = f(Msg::L_SA_MISSING, &[("sa", sa), ("defined", &defined)]);
        let yaml = format!("lint: {{external: [ServiceAccount/{sa}]}}");
        let hint = f(Msg::L_SA_MISSING_HINT, &[("yaml", &yaml)]);
        sink.object("ref-service-account", o, at, message, &hint);
    }
}

/// A ConfigMap or Secret the pod uses that the folder does not make.
fn missing(
    sink: &mut Sink,
    o: &Object,
    (kind, name, at): (&str, &str, u64),
    via: &str,
    rule: &'static str,
    same_kind: &[&Provided],
) {
    let names: Vec<&str> = same_kind.iter().map(|p| p.name).collect();
    let made = match (names.is_empty(), kind) {
        (true, _) => f(Msg::L_MAKES_NONE, &[("kind", kind)]),
        (false, "Secret") => f(Msg::L_MAKES_SECRETS, &[("names", &names.join(", "))]),
        (false, _) => f(Msg::L_MAKES, &[("names", &names.join(", "))]),
    };
    let effect = match via {
        "imagePullSecrets" => t(Msg::L_EFFECT_PULL),
        _ => t(Msg::L_EFFECT_START),
    };
    sink.object(
        rule,
        o,
        at,
        f(
            Msg::L_REF_MISSING,
            &[
                ("via", via),
                ("kind", kind),
                ("name", name),
                ("made", &made),
                ("effect", effect),
            ],
        ),
        &f(
            Msg::L_REF_MISSING_HINT,
            &[
                ("kind", kind),
                ("yaml", &format!("lint: {{external: [{kind}/{name}]}}")),
            ],
        ),
    );
}
