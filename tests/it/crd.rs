//! A strict checker for custom resources against their CRD's
//! openAPIV3Schema: types, required fields, enums, lengths, and, unlike the
//! API server (which prunes), unknown fields are errors. `pattern` is left
//! to the jsonschema check in .ci/run.

use serde_json::Value;

/// The served schema of `version` in a CRD file.
pub fn schema(crd_yaml: &str, version: &str) -> Value {
    let crd: Value = serde_saphyr::from_str(crd_yaml).expect("CRD parses");
    let v = crd["spec"]["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .find(|v| v["name"] == version && v["served"] == true)
        .unwrap_or_else(|| panic!("no served version {version}"));
    v["schema"]["openAPIV3Schema"].clone()
}

/// Every problem of `value` against `schema`, as `path: message`.
pub fn check(schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    walk(schema, value, "", &mut errors);
    errors
}

fn walk(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let mut fail = |msg: String| {
        errors.push(format!(
            "{}: {msg}",
            if path.is_empty() { "." } else { path }
        ))
    };
    if value.is_null() && schema["nullable"] == true {
        return;
    }
    if let Some(choices) = schema["enum"].as_array()
        && !choices.contains(value)
    {
        fail(format!("{value} is not one of {choices:?}"));
    }
    let int_or_string = schema["x-kubernetes-int-or-string"] == true;
    match schema["type"].as_str() {
        Some("object") => {
            let Some(map) = value.as_object() else {
                return fail(format!("{value} is not an object"));
            };
            for req in schema["required"].as_array().into_iter().flatten() {
                if !map.contains_key(req.as_str().unwrap()) {
                    fail(format!("missing required field {req}"));
                }
            }
            let props = schema["properties"].as_object();
            let preserve = schema["x-kubernetes-preserve-unknown-fields"] == true;
            for (key, child) in map {
                let child_path = format!("{path}.{key}");
                match (
                    props.and_then(|p| p.get(key)),
                    &schema["additionalProperties"],
                ) {
                    (Some(s), _) => walk(s, child, &child_path, errors),
                    (None, extra) if extra.is_object() => walk(extra, child, &child_path, errors),
                    // metadata and free-form objects have no properties listed.
                    (None, _) if props.is_none() || preserve => {}
                    (None, _) => errors.push(format!("{child_path}: unknown field")),
                }
            }
        }
        Some("array") => match value.as_array() {
            Some(items) => {
                if let Some(min) = schema["minItems"].as_u64()
                    && (items.len() as u64) < min
                {
                    fail(format!("fewer than {min} items"));
                }
                for (i, item) in items.iter().enumerate() {
                    walk(&schema["items"], item, &format!("{path}[{i}]"), errors);
                }
            }
            None => fail(format!("{value} is not an array")),
        },
        Some("string") => match value.as_str() {
            Some(s) => {
                let len = s.chars().count() as u64;
                if schema["minLength"].as_u64().is_some_and(|m| len < m) {
                    fail(format!("{s:?} is shorter than minLength"));
                }
                if schema["maxLength"].as_u64().is_some_and(|m| len > m) {
                    fail(format!("{s:?} is longer than maxLength"));
                }
            }
            None => fail(format!("{value} is not a string")),
        },
        Some("integer") if !value.is_i64() && !value.is_u64() => {
            fail(format!("{value} is not an integer"))
        }
        Some("boolean") if !value.is_boolean() => fail(format!("{value} is not a boolean")),
        None if int_or_string && !(value.is_string() || value.is_i64()) => {
            fail(format!("{value} is neither an integer nor a string"))
        }
        _ => {}
    }
}

#[test]
fn the_checker_catches_unknown_fields_types_and_enums() {
    let s = schema(
        include_str!("../data/external-secrets.io_externalsecrets.yaml"),
        "v1",
    );
    let good: Value = serde_json::json!({
        "apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
        "metadata": {"name": "x"},
        "spec": {"secretStoreRef": {"name": "s", "kind": "ClusterSecretStore"}, "target": {"name": "x"}}
    });
    assert_eq!(check(&s, &good), Vec::<String>::new());
    let mut bad = good.clone();
    bad["spec"]["secretStoreRef"]["kind"] = "Vault".into();
    bad["spec"]["target"]["nmae"] = "typo".into();
    bad["spec"]["refreshInterval"] = 5.into();
    let errors = check(&s, &bad);
    assert_eq!(errors.len(), 3, "{errors:?}");
}
