//! Backstage catalog entities, one per job: a `Component` of `spec.type:
//! job`. Backstage's model calls a Component "a piece of software … with a
//! distinct deployable artifact" (a job's image and manifests are that) and a
//! Resource "the infrastructure a component needs to operate at runtime"
//! (databases, buckets), which a job uses but is not. A multi-document YAML
//! stream a team can register as a catalog location.

use serde_json::{Value as Json, json};

use super::Row;

/// The folder README's link: `base` (`--link-base`, where the jobs
/// repository's files are browsed) followed by the folder, else relative.
fn readme_link(r: &Row, base: Option<&str>) -> String {
    let folder = r.folder.trim_start_matches("./").trim_end_matches('/');
    match base {
        None => format!("./{folder}/README.md"),
        Some(base) => format!("{}/{folder}/README.md", base.trim_end_matches('/')),
    }
}

/// One entity, or None for a folder whose job could not be read.
pub fn entity(r: &Row, base: Option<&str>) -> Option<Json> {
    let job = r.job.as_ref()?;
    let mut annotations = serde_json::Map::new();
    let mut note = |k: &str, v: String| {
        annotations.insert(k.to_string(), Json::String(v));
    };
    note("backstage.io/kubernetes-id", job.name.clone());
    note("backstage.io/kubernetes-namespace", job.namespace.clone());
    note("jobgen/folder", r.folder.clone());
    note("jobgen/pattern", job.pattern.to_string());
    note("jobgen/state", r.state.as_str().to_string());
    if let Some(s) = &job.schedule {
        note("jobgen/schedule", s.clone());
    }
    if let Some(z) = &job.time_zone {
        note("jobgen/time-zone", z.clone());
    }
    if let Some(w) = &r.words {
        note("jobgen/schedule-words", w.clone());
    }
    if let Some(t) = &r.templates {
        note("jobgen/template-version", t.clone());
    }
    // The `env` label says how far the job is along.
    let production = matches!(job.env.as_deref(), Some("prod" | "production"));
    let mut metadata = json!({
        "name": job.name,
        "title": job.name,
        "annotations": annotations,
        "tags": ["kubernetes-job", job.pattern],
        "links": [{"url": readme_link(r, base), "title": "README"}],
    });
    if let Some(d) = r.description.as_ref().filter(|d| !d.is_empty()) {
        metadata["description"] = Json::String(d.clone());
    }
    Some(json!({
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Component",
        "metadata": metadata,
        "spec": {
            "type": "job",
            "lifecycle": if production { "production" } else { "experimental" },
            "owner": r.owner.clone().unwrap_or_else(|| "unknown".into()),
        },
    }))
}

/// Every entity, as a YAML stream (JSON is YAML; one document each).
pub fn entities(rows: &[Row], base: Option<&str>) -> String {
    let mut out = String::new();
    for e in rows.iter().filter_map(|r| entity(r, base)) {
        out.push_str("---\n");
        out.push_str(&serde_json::to_string_pretty(&e).expect("JSON"));
        out.push('\n');
    }
    out
}
