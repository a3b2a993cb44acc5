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
