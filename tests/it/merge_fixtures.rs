//! The merge cases of `jobgen update`, one fixture folder each
//! (tests/fixtures/update/<case>/{base,ours,theirs}.*, built by make.py).
//! Expected results are golden files reviewed by hand (rewrite them with
//! UPDATE_FIXTURES=1); every case's point is also asserted here directly.

use std::path::{Path, PathBuf};

use jobgen::update::merge::Prefer;
use jobgen::update::{FileMerge, Settle, merge_file};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/update")
}

/// The three inputs of a case and their extension.
fn inputs(case: &str) -> (String, String, String, &'static str) {
    let dir = fixtures().join(case);
    let ext = if dir.join("base.md").exists() {
        "md"
    } else {
        "yaml"
    };
    let read = |part: &str| std::fs::read_to_string(dir.join(format!("{part}.{ext}"))).unwrap();
    (read("base"), read("ours"), read("theirs"), ext)
}

fn run(case: &str, settle: Settle) -> FileMerge {
    let (b, o, t, ext) = inputs(case);
    let name = if ext == "md" { "README.md" } else { "job.yaml" };
    merge_file(name, Some(&b), Some(&o), Some(&t), settle, &[]).unwrap()
}

/// Compares with (or, with UPDATE_FIXTURES=1, writes) a golden file.
fn golden(case: &str, file: &str, actual: &str) {
    let path = fixtures().join(case).join(file);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_FIXTURES=1)", path.display()));
    assert_eq!(actual, expected, "{case}/{file} differs");
}

fn report(m: &FileMerge) -> String {
    let mut s = String::new();
    for c in &m.changes {
        s.push_str(&format!(
            "change {} {}: {} -> {}\n",
            c.object, c.path, c.from, c.to
        ));
    }
    for c in &m.conflicts {
        s.push_str(&format!(
            "conflict {} {}: base {} ours {} theirs {}\n",
            c.object, c.path, c.base, c.ours, c.theirs
        ));
    }
    s
}

/// Runs a case every way, checks the golden files, and returns the merge
/// that keeps ours on conflicts.
fn check(case: &str) -> FileMerge {
    let (_, _, _, ext) = inputs(case);
    let m = run(case, Settle::Refuse);
    golden(
        case,
        &format!("expected.{ext}"),
        m.after.as_deref().unwrap(),
    );
    golden(case, "report.txt", &report(&m));
    if !m.conflicts.is_empty() {
        let marked = run(case, Settle::Markers);
        golden(
            case,
            &format!("expected-markers.{ext}"),
            marked.after.as_deref().unwrap(),
        );
        let theirs = run(case, Settle::Prefer(Prefer::Theirs));
        golden(
            case,
            &format!("expected-theirs.{ext}"),
            theirs.after.as_deref().unwrap(),
        );
        let ours = run(case, Settle::Prefer(Prefer::Ours));
        assert_eq!(ours.after, m.after, "--prefer ours keeps ours");
    }
    if ext == "yaml" {
        jobgen::yaml::parse_all(m.after.as_deref().unwrap()).expect("the merge is YAML");
    }
    m
}

fn paths(m: &FileMerge) -> Vec<String> {
    m.changes.iter().map(|c| c.path.clone()).collect()
}

#[test]
fn a_user_edit_is_kept_byte_for_byte() {
    let m = check("user-edit-kept");
    let (_, ours, _, _) = inputs("user-edit-kept");
    assert_eq!(m.after.as_deref(), Some(ours.as_str()));
    assert!(m.changes.is_empty() && m.conflicts.is_empty());
}

#[test]
fn a_template_change_is_taken() {
    let m = check("template-change-taken");
    let after = m.after.unwrap();
    assert!(
        after.contains("  backoffLimit: 1\n  completions: 1\n"),
        "{after}"
    );
    assert_eq!(
        paths_of(&m.changes),
        ["spec.backoffLimit", "spec.completions"]
    );
}

fn paths_of(c: &[jobgen::update::FieldChange]) -> Vec<&str> {
    c.iter().map(|c| c.path.as_str()).collect()
}

#[test]
fn both_sides_changes_to_different_fields_are_both_kept() {
    let m = check("both-changed");
    let after = m.after.as_deref().unwrap();
    assert!(after.contains("# pinned: 500.0.0 breaks sql import (INC-142)\n          image: gcr.io/google.com/cloudsdktool/google-cloud-cli:498.0.0-slim\n"));
    assert!(after.contains("imagePullPolicy: IfNotPresent"));
    assert!(after.contains("ttlSecondsAfterFinished: 3600"));
    assert!(m.conflicts.is_empty());
}

#[test]
fn both_changing_one_field_is_a_conflict_with_its_three_values() {
    let m = check("conflict");
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.object.as_str(), c.path.as_str()),
        (
            "Job/cloud-sql-restore-ojeomneo",
            "spec.activeDeadlineSeconds"
        )
    );
    assert_eq!(
        (c.base.clone(), c.ours.clone(), c.theirs.clone()),
        (7200.into(), 14400.into(), 3600.into())
    );
    // The clean part of the template's change is still taken.
    assert!(
        m.after
            .as_deref()
            .unwrap()
            .contains("imagePullPolicy: IfNotPresent")
    );
    let marked = run("conflict", Settle::Markers).after.unwrap();
    assert!(marked.contains(
        "<<<<<<< ours\n  activeDeadlineSeconds: 14400 # imports take 3h\n=======\n  activeDeadlineSeconds: 3600 # imports take 3h\n>>>>>>> theirs\n"
    ), "{marked}");
    let theirs = run("conflict", Settle::Prefer(Prefer::Theirs))
        .after
        .unwrap();
    assert!(theirs.contains("activeDeadlineSeconds: 3600"), "{theirs}");
}

#[test]
fn named_list_items_merge_by_name() {
    let m = check("list-items-by-name");
    let after = m.after.as_deref().unwrap();
    for wanted in [
        "- name: LOG_LEVEL\n              value: debug\n",
        "- name: GOOGLE_CLOUD_QUIET\n",
        "- name: dumps\n              mountPath: /dumps\n",
        "sizeLimit: 2Gi",
        "- name: dumps\n          emptyDir: {}\n",
    ] {
        assert!(after.contains(wanted), "{wanted:?} missing from\n{after}");
    }
    assert!(m.conflicts.is_empty());
}

#[test]
fn a_field_the_template_removed_goes_and_user_edits_nearby_stay() {
    let m = check("field-removed-by-template");
    let after = m.after.as_deref().unwrap();
    assert!(!after.contains("podFailurePolicy") && !after.contains("checkov.io/skip2"));
    assert!(after.contains("go/ojeomneo-restore"));
    assert!(after.contains("checkov.io/skip1"));
}

#[test]
fn an_object_the_user_added_is_kept() {
    let m = check("user-added-object-kept");
    let after = m.after.as_deref().unwrap();
    assert!(after.contains("# Extra settings for the import script.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ojeomneo-import-tuning\n"));
    assert!(after.contains("JOB_NAME: cloud-sql-restore-ojeomneo"));
    assert_eq!(paths(&m), ["data.JOB_NAME"]);
}

#[test]
fn a_renamed_job_still_gets_the_template_change() {
    let m = check("renamed-job");
    let after = m.after.as_deref().unwrap();
    assert!(after.contains("  name: cloud-sql-restore-ojeomneo-v2\n"));
    assert!(after.contains("memory: \"1Gi\""));
    assert_eq!(m.changes.len(), 1, "{:?}", m.changes);
    assert_eq!(m.changes[0].object, "Job/cloud-sql-restore-ojeomneo-v2");
}

#[test]
fn an_object_of_another_kind_replaces_an_unedited_one() {
    let m = check("object-replaced-by-template");
    let after = m.after.as_deref().unwrap();
    assert!(
        after.contains("kind: Secret") && !after.contains("kind: ConfigMap"),
        "{after}"
    );
    assert!(m.conflicts.is_empty());
}

#[test]
fn readme_merges_as_text() {
    let m = check("readme-text");
    let after = m.after.as_deref().unwrap();
    assert!(after.contains("## Escalation\n\nPage #dba-oncall"));
    assert!(after.contains("kubectl --context prod"));
    assert!(m.conflicts.is_empty());
}

#[test]
fn readme_conflicts_use_standard_markers() {
    let m = check("readme-conflict");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "line 1");
    let marked = run("readme-conflict", Settle::Markers).after.unwrap();
    assert!(marked.starts_with(
        "<<<<<<< ours\n# ojeomneo restore (owned by DBA)\n=======\n# cloud-sql-restore-ojeomneo: restore job\n>>>>>>> theirs\n"
    ), "{marked}");
}

#[test]
fn every_case_has_a_test() {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.path()
                .is_dir()
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    cases.sort();
    let source = include_str!("merge_fixtures.rs");
    for c in cases {
        assert!(
            source.contains(&format!("check(\"{c}\")")),
            "case {c} has no test"
        );
    }
}
