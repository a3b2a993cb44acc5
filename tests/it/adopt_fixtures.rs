//! Hand-written jobs in real styles (tests/fixtures/adopt/, each with its
//! SOURCE.md): adopted as a whole repository, current at once, then updated
//! with a team template change. The adopt report and the update's diff are
//! golden files (insta), reviewed by hand; the update must add the
//! template's change and leave every other line of the team's files as it
//! was.

use std::path::Path;

use assert_fs::TempDir;

use crate::harness::jobgen;

const FIXTURES: &str = "tests/fixtures/adopt";
/// The template change a team makes after adopting: one more annotation.
const ADDED: &str = "    example.com/template: \"v2\"";

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        match e.file_type().unwrap().is_dir() {
            true => copy_tree(&e.path(), &target),
            false => {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
}

/// Every YAML file of the folder (name, text), sorted.
fn yaml_files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| (n.clone(), std::fs::read_to_string(dir.join(&n)).unwrap()))
        .collect();
    out.sort();
    out
}

fn folders() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn real_styles_are_adopted_kept_and_updated() {
    let tmp = TempDir::new().unwrap();
    let jobs = tmp.path().join("jobs");
    copy_tree(Path::new(FIXTURES), &jobs);
    let names = folders();
    assert!(names.len() >= 10, "{names:?}");
    let before: Vec<Vec<(String, String)>> =
        names.iter().map(|n| yaml_files(&jobs.join(n))).collect();

    // Adopt the whole repository: every folder, nothing else changed.
    let out = jobgen()
        .current_dir(tmp.path())
        .args(["adopt", "jobs"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{report}");
    insta::assert_snapshot!("adopt_fixtures__report", report);
    for (name, files) in names.iter().zip(&before) {
        assert_eq!(
            &yaml_files(&jobs.join(name)),
            files,
            "{name} changed on adopt"
        );
        assert!(jobs.join(name).join(".jobgen-answers").is_file(), "{name}");
    }
    jobgen()
        .current_dir(tmp.path())
        .args(["check", "jobs"])
        .assert()
        .success();

    // The team changes its job template: check sees it, update applies it.
    jobgen()
        .current_dir(tmp.path())
        .args(["templates", "export", "templates", "job.yaml"])
        .assert()
        .success();
    let template = tmp.path().join("templates/job.yaml.tera");
    let text = std::fs::read_to_string(&template).unwrap();
    let anchor = "    kubernetes.io/description: {{ description | yaml }}\n";
    assert!(text.contains(anchor));
    std::fs::write(
        &template,
        text.replace(anchor, &format!("{anchor}{ADDED}\n")),
    )
    .unwrap();
    std::fs::write(tmp.path().join(".jobgen.yaml"), "templates: templates\n").unwrap();
    jobgen()
        .current_dir(tmp.path())
        .args(["check", "jobs"])
        .assert()
        .code(1);
    let mut diffs = String::new();
    for name in &names {
        let out = jobgen()
            .current_dir(tmp.path())
            .args(["update", "--dry-run", &format!("jobs/{name}")])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        diffs.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    insta::assert_snapshot!("adopt_fixtures__update", diffs);
    for (name, files) in names.iter().zip(&before) {
        jobgen()
            .current_dir(tmp.path())
            .args(["update", &format!("jobs/{name}")])
            .assert()
            .success();
        let after = yaml_files(&jobs.join(name));
        for ((file, old), (_, new)) in files.iter().zip(&after) {
            // The annotation (as the template quotes it, or plain where the
            // update wrote a new mapping), and its mapping where the job had none.
            let added = |l: &str| l == ADDED || l == ADDED.replace('"', "");
            let without: String = new
                .lines()
                .filter(|l| {
                    !added(l) && (*l != "  annotations:" || old.contains("\n  annotations:"))
                })
                .map(|l| format!("{l}\n"))
                .collect();
            let old_lines: String = old.lines().map(|l| format!("{l}\n")).collect();
            assert_eq!(
                without, old_lines,
                "{name}/{file}: more than the template's change"
            );
        }
        assert_eq!(
            after
                .iter()
                .filter(|(_, t)| t.contains("example.com/template:"))
                .count(),
            1,
            "{name}: the Job or CronJob takes the annotation"
        );
    }
}

/// The Job's `backoffLimit` in a folder (a CronJob's job template's, a
/// List's item's), None when it has none.
fn backoff_limit(dir: &Path) -> Option<i64> {
    let mut found = Vec::new();
    for (_, text) in yaml_files(dir) {
        for doc in crate::harness::documents(&text) {
            let objects = match doc["kind"].as_str() {
                Some("List") => doc["items"].as_array().cloned().unwrap_or_default(),
                _ => vec![doc],
            };
            for o in objects {
                let spec = match o["kind"].as_str() {
                    Some("Job") => o["spec"].clone(),
                    Some("CronJob") => o["spec"]["jobTemplate"]["spec"].clone(),
                    _ => continue,
                };
                found.push(spec["backoffLimit"].as_i64());
            }
        }
    }
    assert_eq!(found.len(), 1, "{}: one Job or CronJob", dir.display());
    found[0]
}

/// Every hand-written shape (tests/fixtures/adopt and adopt-shapes) adopted
/// at once; then the team changes a template and a default together. Each
/// folder takes both with no conflict: the default reaches every Job that
/// never set the field, a Job that set it keeps its own value, and a README
/// the folder never had stays absent.
#[test]
fn the_whole_fixture_set_takes_a_team_template_and_default_change() {
    let tmp = TempDir::new().unwrap();
    let jobs = tmp.path().join("jobs");
    copy_tree(Path::new(FIXTURES), &jobs);
    copy_tree(Path::new("tests/fixtures/adopt-shapes"), &jobs);
    std::fs::remove_file(jobs.join("README.md")).unwrap();
    let names: Vec<String> = crate::harness::entries(&jobs);
    assert!(names.len() >= 14, "{names:?}");
    let own: Vec<Option<i64>> = names.iter().map(|n| backoff_limit(&jobs.join(n))).collect();
    assert!(own.iter().any(Option::is_some) && own.iter().any(Option::is_none));
    let run = |args: &[&str]| {
        jobgen()
            .current_dir(tmp.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["adopt", "jobs"]).status.success());
    assert!(run(&["check", "jobs"]).status.success());
    // Lint finds every adopted folder, whatever its manifest is called.
    let lint = run(&["lint", "jobs", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
    assert_eq!(report["folders"], names.len(), "{report}");

    jobgen()
        .current_dir(tmp.path())
        .args(["templates", "export", "templates", "job.yaml"])
        .assert()
        .success();
    let template = tmp.path().join("templates/job.yaml.tera");
    let text = std::fs::read_to_string(&template).unwrap();
    let anchor = "    kubernetes.io/description: {{ description | yaml }}\n";
    std::fs::write(
        &template,
        text.replace(anchor, &format!("{anchor}{ADDED}\n")),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join(".jobgen.yaml"),
        "templates: templates\nbackoff-limit: 2\n",
    )
    .unwrap();
    let out = run(&["update", "jobs"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("conflict"), "{err}");
    for (name, own) in names.iter().zip(&own) {
        let dir = jobs.join(name);
        assert_eq!(
            backoff_limit(&dir),
            Some(own.unwrap_or(2)),
            "{name}: the team's default where the job never set it, its own where it did"
        );
        assert!(!dir.join("README.md").exists(), "{name}: a README appeared");
        let all: String = yaml_files(&dir).into_iter().map(|(_, t)| t).collect();
        assert!(
            all.contains("example.com/template"),
            "{name}: no template change"
        );
    }
    assert!(run(&["check", "jobs"]).status.success());
    // Nothing left to take: a second update changes no file.
    let again = run(&["update", "jobs", "--dry-run"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).trim().is_empty());
}
