//! `jobgen config` / `jobgen new --explain`: every resolved answer and the
//! layer it came from. `jobgen schema`: every answer as JSON Schema, built
//! from the same field table the validator uses.

use crate::answers::fields::{Key, key};
use crate::i18n::{Msg, t};
use serde_json::{Map, Value as Json, json};

use crate::answers;
use crate::answers::fields::{self, FIELDS, Kind, Schema};
use crate::answers::layers::{Layers, Source, Value};
use crate::render::shell_word;

/// One row per answer (and per map entry): key, value, where it came from.
pub fn table(given: &Layers) -> String {
    let mut filled = given.clone();
    answers::fill_defaults(&mut filled);
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for field in FIELDS {
        match filled.get(field.key) {
            None => rows.push((field.key.into(), t(Msg::X_NOT_SET).into(), String::new())),
            Some(g) => match &g.value {
                Value::Text(t) => {
                    rows.push((field.key.into(), format!("{t:?}"), g.source.to_string()))
                }
                Value::List(l) => {
                    let words: Vec<String> = l.iter().map(|w| shell_word(w)).collect();
                    rows.push((field.key.into(), words.join(" "), g.source.to_string()));
                }
                Value::Map(m) => {
                    for e in m {
                        let value = e
                            .value
                            .as_deref()
                            .map(|v| format!("{v:?}"))
                            .unwrap_or_else(|| t(Msg::X_NO_EQUALS).into());
                        rows.push((
                            format!("{}.{}", field.key, e.key),
                            value,
                            e.source.to_string(),
                        ));
                    }
                }
            },
        }
    }
    rows.extend(team_rows(&filled));
    let key_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .min(48);
    let mut out = String::new();
    for (k, v, s) in rows {
        let row = format!("{k:<key_width$}  {v:<value_width$}  {s}");
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// One row per team question (its answer, or not set, or not asked
/// because its `when` does not hold), and per recorded answer no question
/// declares any more.
fn team_rows(filled: &Layers) -> Vec<(String, String, String)> {
    use crate::answers::team;
    let shown = |v: &Value| match v {
        Value::Text(s) => format!("{s:?}"),
        Value::List(l) => format!("{l:?}"),
        Value::Map(_) => String::new(),
    };
    let mut rows = Vec::new();
    for q in filled.questions() {
        let key = format!("vars.{}", q.name);
        let row = match (filled.var(&q.name), team::applies(q, filled)) {
            (_, Ok(false)) => (
                t(Msg::X_NOT_SET).to_string(),
                format!("when {}", q.when.as_deref().unwrap_or_default()),
            ),
            (Some(g), _) => (shown(&g.value), g.source.to_string()),
            (None, _) => (t(Msg::X_NOT_SET).to_string(), q.declared.to_string()),
        };
        rows.push((key, row.0, row.1));
    }
    for (name, g) in filled.retired() {
        rows.push((
            format!("vars.{name}"),
            shown(&g.value),
            t(Msg::X_RETIRED).to_string(),
        ));
    }
    rows
}

/// The JSON Schema of config and values files; `questions` are the team
/// questions of the config in effect, under `vars`.
pub fn schema_with(questions: &[crate::answers::question::Question]) -> Json {
    let mut s = schema();
    let props = &mut s["properties"];
    props["questions"] = json!({
        "type": "object",
        "description": "the team's own questions, asked after the built-in ones and seen by templates as vars.NAME (config files only)",
        "propertyNames": {"pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
        "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "help": {"type": "string"},
                "help-ko": {"type": "string"},
                "type": {"enum": crate::answers::question::Type::NAMES},
                "choices": {"type": "array", "items": {"type": "string"}},
                "default": {},
                "pattern": {"type": "string", "description": "a regular expression (Rust regex syntax) every value must match"},
                "required": {"type": "boolean"},
                "min": {"type": "integer"},
                "max": {"type": "integer"},
                "when": {"type": "string", "description": "a Tera expression over the built-in answers, e.g. pattern == \"parallel\""},
            },
        },
    });
    let vars: Map<String, Json> = questions
        .iter()
        .map(|q| (q.name.clone(), crate::answers::question::schema(q)))
        .collect();
    props["vars"] = json!({
        "type": "object",
        "description": "answers to the team's own questions (-d KEY=VALUE)",
        "additionalProperties": false,
        "properties": vars,
    });
    s
}

/// The JSON Schema of config and values files, built-in keys only.
fn schema() -> Json {
    let defaults = builtin_defaults();
    let mut root = Map::new();
    root.insert(
        "jobgen-version".into(),
        json!({"type": "string", "description": "written by jobgen into recorded answers; ignored when read"}),
    );
    root.insert(
        crate::answers::layers::RECORDED_DEFAULTS.into(),
        json!({"type": "array", "items": {"type": "string"}, "description": "written by jobgen into recorded answers: the keys whose values were defaults, which `jobgen update` works out again"}),
    );
    for field in FIELDS {
        let mut s = match field.kind {
            Kind::Text => scalar(field.schema),
            Kind::Bool => json!({"type": "boolean"}),
            Kind::List => json!({"type": "array", "items": {"type": "string"}}),
            Kind::Map => {
                let mut m = json!({"type": "object", "additionalProperties": scalar(field.schema)});
                if matches!(field.key, key::ENV_VARS | key::SECRETS) {
                    m["propertyNames"] = json!({"pattern": fields::ENV_KEY});
                }
                m
            }
        };
        s["description"] = Json::String(describe(field));
        if let Some(d) = defaults.get(&field.key) {
            s["default"] = match (field.kind, field.schema) {
                (Kind::Bool, _) => Json::Bool(d == "true"),
                (_, Schema::Integer(..)) => d
                    .parse::<u64>()
                    .map(Json::from)
                    .unwrap_or(Json::String(d.clone())),
                _ => Json::String(d.clone()),
            };
        }
        insert(&mut root, &field.key, s);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "jobgen config and values file",
        "description": "Keys of jobgen config files (user config, .jobgen.yaml, --config) and values files (--values). Config files set defaults; a values file sets answers.",
        "type": "object",
        "additionalProperties": false,
        "properties": root,
    })
}

fn describe(field: &fields::Field) -> String {
    match field.flag {
        "" => format!("{} (files only)", field.help),
        flag => format!("{} ({flag})", field.help),
    }
}

fn scalar(schema: Schema) -> Json {
    match schema {
        Schema::String(None) => json!({"type": "string"}),
        Schema::String(Some(p)) => json!({"type": "string", "pattern": p}),
        Schema::Integer(min, max) => json!({"type": "integer", "minimum": min, "maximum": max}),
        Schema::Enum(values) => json!({"type": "string", "enum": values}),
    }
}

/// A nested object schema from dotted keys.
fn insert(props: &mut Map<String, Json>, key: &str, schema: Json) {
    match key.split_once('.') {
        None => {
            props.insert(key.into(), schema);
        }
        Some((head, rest)) => {
            let child = props.entry(head).or_insert_with(|| object(Map::new()));
            if let Some(Json::Object(inner)) = child.get_mut("properties") {
                insert(inner, rest, schema);
            }
        }
    }
}

fn object(props: Map<String, Json>) -> Json {
    json!({"type": "object", "additionalProperties": false, "properties": props})
}

/// Built-in defaults that do not depend on other answers.
fn builtin_defaults() -> std::collections::BTreeMap<Key, String> {
    let mut l = Layers::default();
    answers::fill_defaults(&mut l);
    FIELDS
        .iter()
        .filter(|f| l.source(f.key) == Some(&Source::BuiltIn))
        .filter_map(|f| Some((f.key, l.text(f.key)?.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_lists_every_field_nested_with_defaults() {
        let s = schema();
        let p = &s["properties"];
        assert_eq!(p["pattern"]["enum"], json!(["one-off", "cron", "parallel"]));
        assert_eq!(p["pattern"]["default"], "one-off");
        assert_eq!(p["ttl"]["default"], 3600);
        assert_eq!(p["ttl"]["type"], "integer");
        assert_eq!(p["files"]["properties"]["configmap"]["type"], "boolean");
        assert_eq!(
            p["sizes"]["properties"]["heavy"]["properties"]["cpu-limit"]["default"],
            "2"
        );
        assert_eq!(p["env-vars"]["type"], "object");
        assert_eq!(s["additionalProperties"], false);
        assert!(
            p["namespace"].get("default").is_none(),
            "derived, so no static default"
        );
    }
}
