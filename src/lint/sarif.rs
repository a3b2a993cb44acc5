//! The SARIF 2.1.0 report (`jobgen lint --format sarif`), for GitHub code
//! scanning and other tools that show findings inline: one run, the whole
//! rule catalog as the driver's rules, one result per finding with its
//! file and line. Schema: docs.oasis-open.org/sarif/sarif/v2.1.0.

use serde_json::{Value, json};

use crate::lint::catalog::{RULES, Rule};
use crate::lint::{Finding, Severity};

/// The `$schema` SARIF producers name (SchemaStore's copy of OASIS' schema).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log for these findings.
pub fn sarif(findings: &[Finding]) -> String {
    let results: Vec<Value> = findings.iter().map(result).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "jobgen",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": RULES.iter().map(descriptor).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("JSON");
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A rule's metadata: id, a PascalCase name, its summary, default level,
/// and tags (Pod Security rules carry `security` and their control).
fn descriptor(r: &Rule) -> Value {
    let name: String =
        r.id.split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect();
    let (full, tags) = match r.pss {
        Some((profile, control)) => (
            format!(
                "{} (Pod Security Standards, {profile} profile: {control})",
                r.summary
            ),
            vec!["security", "kubernetes", "pod-security"],
        ),
        None if crate::lint::catalog::CONVENTION_RULES.contains(&r.id) => {
            (r.summary.to_string(), vec!["conventions"])
        }
        None => (r.summary.to_string(), vec!["kubernetes"]),
    };
    json!({
        "id": r.id,
        "name": name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": full},
        "help": {"text": format!("{full}. Switch it off for a team with `lint: {{disable: [{id}]}}` in .jobgen.yaml, or for one object with the annotation `lint.jobgen.dev/{id}: <reason>`.", id = r.id)},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"tags": tags},
    })
}

fn result(f: &Finding) -> Value {
    let index = RULES.iter().position(|r| r.id == f.rule);
    let mut physical = json!({"artifactLocation": artifact(&f.file)});
    if f.line > 0 {
        physical["region"] = json!({"startLine": f.line});
    }
    let mut location = json!({"physicalLocation": physical});
    if let Some(o) = &f.object {
        location["logicalLocations"] = json!([{"fullyQualifiedName": o, "kind": "resource"}]);
    }
    let text = match f.hint.is_empty() {
        true => f.message.clone(),
        false => format!("{} (hint: {})", f.message, f.hint),
    };
    json!({
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [location],
    })
}

/// A file as a SARIF artifact location: a relative path stays relative to
/// the folder lint ran in (`%SRCROOT%`, the repository root for code
/// scanning); an absolute one becomes a `file://` URI. Both percent-encoded.
fn artifact(path: &str) -> Value {
    let path = path.strip_prefix("./").unwrap_or(path);
    match path.strip_prefix('/') {
        Some(abs) => json!({"uri": format!("file:///{}", encode(abs))}),
        None => json!({"uri": encode(path), "uriBaseId": "%SRCROOT%"}),
    }
}

/// Percent-encodes all but unreserved characters and `/` (RFC 3986).
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(
            artifact("./jobs/a b/job.yaml"),
            json!({"uri": "jobs/a%20b/job.yaml", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact("/srv/jobs/잡/job.yaml"),
            json!({"uri": "file:///srv/jobs/%EC%9E%A1/job.yaml"})
        );
    }

    #[test]
    fn names_are_pascal_case() {
        let r = crate::lint::catalog::rule_by_id("pss-run-as-non-root").unwrap();
        assert_eq!(descriptor(r)["name"], "PssRunAsNonRoot");
        assert_eq!(descriptor(r)["properties"]["tags"][2], "pod-security");
    }
}
