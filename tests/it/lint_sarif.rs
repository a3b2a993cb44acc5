//! `jobgen lint --format sarif`: SARIF 2.1.0 that says what the JSON report
//! says (same findings, files, lines, levels), with every rule's metadata,
//! and that validates against the SARIF 2.1.0 JSON Schema (fetched by
//! ci/fetch_sarif_schema.sh; required under CI).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::jobgen;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `jobgen lint PATH --format FORMAT`, run from the repository root.
fn report(path: &str, format: &str) -> (i32, String) {
    let out = jobgen()
        .current_dir(root())
        .args(["lint", path, "--format", format])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

const BAD: &str = "tests/fixtures/lint/bad";

#[test]
fn sarif_says_what_the_json_report_says() {
    let (code, sarif) = report(BAD, "sarif");
    let (json_code, json) = report(BAD, "json");
    assert_eq!(code, json_code, "same exit code");
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "jobgen");

    // Every rule of `jobgen lint --rules`, in order, with its level.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let listed = jobgen().args(["lint", "--rules"]).output().unwrap().stdout;
    let listed = String::from_utf8(listed).unwrap();
    let catalog: Vec<(&str, &str)> = listed
        .lines()
        .map(|l| {
            let mut w = l.split_whitespace();
            (w.next().unwrap(), w.next().unwrap())
        })
        .collect();
    assert_eq!(rules.len(), catalog.len());
    for (r, (id, severity)) in rules.iter().zip(&catalog) {
        assert_eq!(r["id"], *id);
        assert_eq!(r["defaultConfiguration"]["level"], *severity);
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
    }
    let pss = rules.iter().find(|r| r["id"] == "pss-host-ports").unwrap();
    assert!(
        pss["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("baseline profile: Host Ports"),
        "{pss}"
    );

    // One result per finding: rule, level, file, line and object agree.
    let results = run["results"].as_array().unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert!(results.len() > 40, "one or more per bad fixture");
    for (r, f) in results.iter().zip(findings) {
        assert_eq!(r["ruleId"], f["rule"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], f["rule"]);
        assert_eq!(r["level"], f["severity"]);
        let location = &r["locations"][0];
        let physical = &location["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], f["file"]);
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        match f["line"].as_u64().unwrap() {
            0 => assert!(physical.get("region").is_none(), "{r}"),
            line => assert_eq!(physical["region"]["startLine"], line),
        }
        if let Some(object) = f["object"].as_str() {
            assert_eq!(
                location["logicalLocations"][0]["fullyQualifiedName"],
                object
            );
        }
        let text = r["message"]["text"].as_str().unwrap();
        assert!(text.starts_with(f["message"].as_str().unwrap()), "{text}");
    }
}

#[test]
fn a_clean_run_is_an_empty_result_list() {
    let (code, sarif) = report("tests/fixtures/lint/good", "sarif");
    assert_eq!(code, 0);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
}

/// The schema and a Python with jsonschema, or None where they are missing
/// (CI must have them: .ci/run fetches both).
fn validator() -> Option<(PathBuf, PathBuf)> {
    let schema = root().join(".venv/share/sarif-2.1.0.json");
    let python = root().join(".venv/bin/python");
    if schema.is_file() && python.is_file() {
        return Some((python, schema));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the SARIF schema is missing: CI must validate it (bash ci/fetch_sarif_schema.sh after creating .venv)"
    );
    crate::harness::skipped(
        "no .venv/share/sarif-2.1.0.json (python3 -m venv .venv && .venv/bin/pip install -r ci/requirements.txt && bash ci/fetch_sarif_schema.sh)",
    );
    None
}

/// Validates `doc` against the schema: Ok, or the validator's complaint.
fn validate(python: &Path, schema: &Path, doc: &Value) -> Result<(), String> {
    let dir = assert_fs::TempDir::new().unwrap();
    let file = dir.path().join("report.sarif");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = Command::new(python)
        .args([
            "-c",
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             cls = jsonschema.validators.validator_for(schema)\n\
             cls.check_schema(schema)\n\
             errors = list(cls(schema).iter_errors(json.load(open(sys.argv[2]))))\n\
             for e in errors: print(list(e.absolute_path), e.message)\n\
             sys.exit(1 if errors else 0)",
        ])
        .arg(schema)
        .arg(&file)
        .output()
        .unwrap();
    match out.status.success() {
        true => Ok(()),
        false => Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let Some((python, schema)) = validator() else {
        return;
    };
    let (_, sarif) = report(BAD, "sarif");
    let mut doc: Value = serde_json::from_str(&sarif).unwrap();
    validate(&python, &schema, &doc).unwrap();
    let (_, clean) = report("tests/fixtures/lint/good", "sarif");
    validate(&python, &schema, &serde_json::from_str(&clean).unwrap()).unwrap();
    // The check can fail: a level SARIF does not have, a line 0 region.
    doc["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(validate(&python, &schema, &doc).is_err());
    let mut doc: Value = serde_json::from_str(&sarif).unwrap();
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(validate(&python, &schema, &doc).is_err());
}
