//! Team customisation end to end: config layers and their precedence,
//! config and values file errors with file:line:col, per-file templates,
//! export/list/context, the Korean README, provenance and replay, schema.

use assert_fs::TempDir;
use assert_fs::prelude::*;
use predicates::prelude::*;
use serde_json::Value;

use crate::harness::{documents, find, jobgen, read_folder, stdout_of};

fn env_label(job: &Value) -> String {
    job["metadata"]["labels"]["env"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn layers_take_precedence_in_order() {
    let home = TempDir::new().unwrap();
    home.child("xdg/jobgen/config.yaml")
        .write_str("env: from-user\nttl: 100\n")
        .unwrap();
    let repo = TempDir::new().unwrap();
    repo.child(".jobgen.yaml")
        .write_str("env: from-team\nbackoff-limit: 1\n")
        .unwrap();
    repo.child("config.yaml")
        .write_str("env: from-config\n")
        .unwrap();
    repo.child("values.yaml")
        .write_str("env: from-values\n")
        .unwrap();
    let sub = repo.child("jobs/deep");
    sub.create_dir_all().unwrap();
    let run = |args: &[&str]| {
        let stdout = stdout_of(
            jobgen()
                .env("XDG_CONFIG_HOME", home.child("xdg").path())
                .current_dir(sub.path())
                .args(["new", "a-b", "--no-input", "--stdout"])
                .args(args),
        );
        find(&documents(&stdout), "Job").clone()
    };
    let cfg = repo.child("config.yaml");
    let values = repo.child("values.yaml");
    let cfg = cfg.path().to_str().unwrap();
    let values = values.path().to_str().unwrap();
    // The team config is found by walking up from the output folder.
    let job = run(&[]);
    assert_eq!(env_label(&job), "from-team");
    assert_eq!(
        job["spec"]["ttlSecondsAfterFinished"], 100,
        "user config applies where the team's is silent"
    );
    assert_eq!(job["spec"]["backoffLimit"], 1);
    assert_eq!(env_label(&run(&["--config", cfg])), "from-config");
    assert_eq!(
        env_label(&run(&["--config", cfg, "--values", values])),
        "from-values"
    );
    assert_eq!(
        env_label(&run(&[
            "--config",
            cfg,
            "--values",
            values,
            "--env",
            "from-flag"
        ])),
        "from-flag"
    );
    // Without the team config, the user config shows through.
    std::fs::remove_file(repo.child(".jobgen.yaml").path()).unwrap();
    assert_eq!(env_label(&run(&[])), "from-user");
}

#[test]
fn the_user_config_falls_back_to_home_dot_config() {
    let home = TempDir::new().unwrap();
    home.child(".config/jobgen/config.yaml")
        .write_str("env: from-home\n")
        .unwrap();
    let dir = TempDir::new().unwrap();
    let out = jobgen()
        .env("HOME", home.path())
        .env_remove("XDG_CONFIG_HOME")
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--stdout"])
        .output()
        .unwrap();
    let job = find(&documents(&String::from_utf8(out.stdout).unwrap()), "Job").clone();
    assert_eq!(env_label(&job), "from-home");
}

#[test]
fn config_sets_any_default() {
    let dir = TempDir::new().unwrap();
    dir.child(".jobgen.yaml")
        .write_str(
            "image-registry: gcr.io/team\nimage: tools/runner:1.0\nnamespaces:\n  one-off: data-ops\n\
             sizes:\n  light:\n    cpu-limit: '1'\nlabels:\n  team: data\nannotations:\n  example.com/owner: data\n\
             target-label: component\nsecret-store: team-store\nsecret-store-kind: SecretStore\n\
             files:\n  configmap: false\nrun-as-user: 20000\n",
        )
        .unwrap();
    let stdout =
        stdout_of(
            jobgen()
                .current_dir(dir.path())
                .args(["new", "a-b", "--no-input", "--stdout"]),
        );
    let docs = documents(&stdout);
    let job = find(&docs, "Job");
    assert_eq!(job["metadata"]["namespace"], "data-ops");
    assert_eq!(job["metadata"]["labels"]["component"], "b");
    assert_eq!(job["metadata"]["labels"]["team"], "data");
    assert_eq!(job["metadata"]["annotations"]["example.com/owner"], "data");
    let pod = &job["spec"]["template"]["spec"];
    assert_eq!(
        pod["containers"][0]["image"],
        "gcr.io/team/tools/runner:1.0"
    );
    assert_eq!(pod["containers"][0]["resources"]["limits"]["cpu"], "1");
    assert_eq!(pod["securityContext"]["runAsUser"], 20000);
    assert!(docs.iter().all(|d| d["kind"] != "ConfigMap"));
    let es = find(&docs, "ExternalSecret");
    assert_eq!(
        es["spec"]["secretStoreRef"],
        serde_json::json!({"name": "team-store", "kind": "SecretStore"})
    );
    assert_eq!(es["metadata"]["labels"]["team"], "data");
}

#[test]
fn config_file_mistakes_name_file_line_and_column_and_write_nothing() {
    let dir = TempDir::new().unwrap();
    dir.child("values.yaml")
        .write_str("env: prod\nbackof-limit: 3\ncommand: echo hi\nsizes:\n  huge: {}\n")
        .unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--values", "values.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr
            .contains("values.yaml:2:1: unknown key `backof-limit` (did you mean `backoff-limit`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("values.yaml:3:10: `command` must be a list of strings"),
        "{stderr}"
    );
    assert!(
        stderr.contains("values.yaml:5:3: unknown key `sizes.huge`"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"));
    assert_eq!(read_folder(dir.path()).len(), 1, "only values.yaml");
}

#[test]
fn broken_yaml_names_the_place() {
    let dir = TempDir::new().unwrap();
    dir.child(".jobgen.yaml").write_str("env: [prod\n").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(".jobgen.yaml:"));
}

#[test]
fn values_files_go_through_the_same_validator_as_flags() {
    let dir = TempDir::new().unwrap();
    dir.child("v.yaml")
        .write_str("name: a-b\nttl: 1h\nenv-vars:\n  1BAD: x\nschedule: '0 2 * * *'\n")
        .unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "--no-input", "--values", "v.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("v.yaml:2:6: ttl \"1h\": must be a whole number"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "v.yaml:4:9: env-vars \"x\": key `1BAD` must be an environment variable name"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("v.yaml:5:11: schedule \"0 2 * * *\": only applies to --pattern cron"),
        "{stderr}"
    );
    // The same mistake as a flag gets the same reason.
    let flag = jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--ttl", "1h"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&flag.stderr).contains("--ttl \"1h\": must be a whole number"));
}

#[test]
fn values_file_text_is_kept_as_written() {
    let dir = TempDir::new().unwrap();
    dir.child("v.yaml")
        .write_str("description: 'yes'\nenv-vars:\n  OCTAL: 0777\n  NO: no\n  TILDE: ~\n  FLOAT: 1.50\n  TEMPLATE: '{{ x }}'\n")
        .unwrap();
    let stdout = stdout_of(jobgen().current_dir(dir.path()).args([
        "new",
        "a-b",
        "--no-input",
        "--stdout",
        "--values",
        "v.yaml",
    ]));
    let docs = documents(&stdout);
    let data = &find(&docs, "ConfigMap")["data"];
    assert_eq!(
        data,
        &serde_json::json!({"OCTAL": "0777", "NO": "no", "TILDE": "~", "FLOAT": "1.50", "TEMPLATE": "{{ x }}"})
    );
    assert_eq!(
        find(&docs, "Job")["metadata"]["annotations"]["kubernetes.io/description"],
        "yes"
    );
}

#[test]
fn explain_and_config_show_every_answer_and_its_layer() {
    let dir = TempDir::new().unwrap();
    dir.child(".jobgen.yaml").write_str("env: prod\n").unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--explain", "--ttl", "60"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let row = |key: &str| {
        table
            .lines()
            .find(|l| l.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("{key}: {table}"))
            .to_string()
    };
    assert!(
        row("env").contains("\"prod\"") && row("env").contains(".jobgen.yaml:1:6"),
        "{}",
        row("env")
    );
    assert!(row("ttl").contains("command line"));
    assert!(row("purpose").contains("derived from NAME"));
    assert!(row("backoff-limit").contains("built-in default"));
    assert_eq!(read_folder(dir.path()).len(), 1, "--explain writes nothing");
    // `jobgen config` needs no NAME.
    jobgen()
        .current_dir(dir.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("name "))
        .stdout(predicate::str::contains("(not set)"));
    jobgen()
        .current_dir(dir.path())
        .args(["config", "--ttl", "x"])
        .assert()
        .code(3);
}

#[test]
fn schema_covers_every_key_files_accept() {
    let out = jobgen().arg("schema").output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys = |v: &Value, prefix: &str| -> Vec<String> {
        fn walk(v: &Value, prefix: &str, out: &mut Vec<String>) {
            for (k, s) in v["properties"].as_object().unwrap() {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                if s.get("properties").is_some() {
                    walk(s, &key, out)
                } else {
                    out.push(key)
                }
            }
        }
        let mut out = Vec::new();
        walk(v, prefix, &mut out);
        out
    };
    let mut from_schema = keys(&schema, "");
    from_schema.sort();
    let mut from_table: Vec<String> = jobgen::answers::fields::FIELDS
        .iter()
        .map(|f| f.key.to_string())
        .collect();
    from_table.push("jobgen-version".into());
    from_table.push("jobgen-defaults".into());
    // The team's questions, and their answers (none declared here).
    from_table.push("questions".into());
    from_table.sort();
    assert_eq!(from_schema, from_table);
    assert_eq!(
        schema["properties"]["vars"]["properties"],
        serde_json::json!({})
    );
    // Every key the schema lists is accepted by the loader.
    let dir = TempDir::new().unwrap();
    dir.child("v.yaml").write_str("files:\n  configmap: true\nsizes:\n  heavy:\n    cpu-limit: '3'\nnamespaces:\n  cron: x\n").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "a-b",
            "--no-input",
            "--dry-run",
            "--values",
            "v.yaml",
        ])
        .assert()
        .success();
}

#[test]
fn a_team_template_replaces_one_file_and_the_rest_stay_built_in() {
    let dir = TempDir::new().unwrap();
    dir.child("tpl/configmap.yaml.tera")
        .write_str("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ config_map_name }}\n  namespace: {{ namespace }}\ndata:\n  TEAM: \"yes\"\n")
        .unwrap();
    dir.child("tpl/runbook.md.tera")
        .write_str("Runbook for {{ name }} in {{ namespace }}\n")
        .unwrap();
    dir.child("tpl/external-secret.yaml.off")
        .write_str("")
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--templates", "tpl"])
        .assert()
        .success()
        .stderr(predicate::str::contains("runbook.md"));
    let files = read_folder(&dir.path().join("a-b"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            ".jobgen-answers",
            ".jobgen-base",
            "README.md",
            "configmap.yaml",
            "job.yaml",
            "network-policy.yaml",
            "runbook.md",
            "service-account.yaml"
        ]
    );
    let get = |n: &str| files.iter().find(|(f, _)| f == n).unwrap().1.clone();
    assert!(get("configmap.yaml").contains("TEAM: \"yes\""));
    assert!(get("runbook.md").starts_with("Runbook for a-b in default"));
    assert!(
        get("job.yaml").contains("kubernetes.io/description"),
        "built-in job.yaml"
    );
    assert!(
        !get("job.yaml").contains("secretRef"),
        "external-secret.yaml is switched off, so the pod does not reference it"
    );
    // Switched off by the team, so a secret has nowhere to go.
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "c-d",
            "--no-input",
            "--templates",
            "tpl",
            "--secret",
            "A=b",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("external-secret.yaml.off"));
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "list", "--templates", "tpl"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"configmap.yaml +\S*tpl/configmap.yaml.tera").unwrap())
        .stdout(predicate::str::is_match(r"job.yaml +built-in").unwrap())
        .stdout(
            predicate::str::is_match(r"external-secret.yaml +built-in +\(switched off\)").unwrap(),
        )
        .stdout(predicate::str::is_match(r"runbook.md +\S*tpl/runbook.md.tera").unwrap());
}

#[test]
fn a_team_template_sees_the_schedules_longest_gap_without_monitoring() {
    // jobgen finds the gap only when something uses it: the built-in
    // alerts, or a team template that names it.
    let dir = TempDir::new().unwrap();
    dir.child("tpl/gap.md.tera")
        .write_str("{{ name }} waits at most {{ schedule_interval }} s\n")
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--templates", "tpl"])
        .args(["--pattern", "cron", "--schedule", "0 9 * * MON-FRI"])
        .assert()
        .success();
    let gap = std::fs::read_to_string(dir.path().join("a-b/gap.md")).unwrap();
    assert_eq!(gap, "a-b waits at most 259200 s\n");
}

#[test]
fn a_team_template_sees_the_schedule_in_words_in_the_stream_too() {
    // The schedule is put in words only for templates that name it (the
    // built-in README does): a team YAML template that names it gets it
    // with --stdout, where no README is rendered.
    let dir = TempDir::new().unwrap();
    dir.child("tpl/configmap.yaml.tera")
        .write_str("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ config_map_name }}\n  namespace: {{ namespace }}\ndata:\n  WHEN: \"{{ schedule_description }}\"\n")
        .unwrap();
    let stream =
        stream_with_team_templates(&dir, &["--pattern", "cron", "--schedule", "0 2 * * *"]);
    assert!(stream.contains("WHEN: \"At 02:00\""), "{stream}");
}

/// `new a-b --stdout` in `dir` with the team templates of `dir/tpl`.
fn stream_with_team_templates(dir: &TempDir, extra: &[&str]) -> String {
    stdout_of(
        jobgen()
            .current_dir(dir.path())
            .args(["new", "a-b", "--no-input", "--stdout", "--templates", "tpl"])
            .args(extra),
    )
}

#[test]
fn stdout_renders_only_the_yaml_it_prints() {
    // The stream holds YAML alone: a README template is not rendered for
    // it (so not even a broken one stops it); written, the folder needs it.
    let dir = TempDir::new().unwrap();
    dir.child("tpl/README.md.tera")
        .write_str("# {{ name }}\n{{ no_such_variable }}\n")
        .unwrap();
    let stream = stream_with_team_templates(&dir, &[]);
    assert!(stream.contains("kind: Job"), "{stream}");
    assert!(!stream.contains("# a-b\n"), "{stream}");
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--templates", "tpl"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("README.md.tera"));
    dir.child("a-b").assert(predicate::path::missing());
}

#[test]
fn required_files_cannot_be_switched_off() {
    let dir = TempDir::new().unwrap();
    dir.child("tpl/job.yaml.off").write_str("").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--templates", "tpl"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("job.yaml is required"));
}

#[test]
fn broken_team_templates_name_file_origin_line_and_column_and_write_nothing() {
    for (source, expected) in [
        (
            "apiVersion: v1\nkind: ConfigMap\n{% if x %}\n",
            "configmap.yaml.tera",
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ no_such_variable }}\n",
            ":4:",
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ name | no_such_filter }}\n",
            "no_such_filter",
        ),
    ] {
        let dir = TempDir::new().unwrap();
        dir.child("tpl/configmap.yaml.tera")
            .write_str(source)
            .unwrap();
        let out = jobgen()
            .current_dir(dir.path())
            .args(["new", "a-b", "--no-input", "--templates", "tpl"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(6), "{stderr}");
        assert!(
            stderr.contains("template configmap.yaml.tera ("),
            "{stderr}"
        );
        assert!(
            stderr.contains("tpl/configmap.yaml.tera) is broken"),
            "origin: {stderr}"
        );
        assert!(stderr.contains(expected), "{expected}: {stderr}");
        assert!(!dir.path().join("a-b").exists(), "nothing written");
    }
}

#[test]
fn export_writes_the_built_ins_and_never_overwrites_without_force() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "tpl"])
        .assert()
        .success();
    let names: Vec<String> = read_folder(&dir.path().join("tpl"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        [
            "README.ko.md.tera",
            "README.md",
            "README.md.tera",
            "configmap.yaml.tera",
            "external-secret.yaml.tera",
            "job.yaml.tera",
            "network-policy.yaml.tera",
            "prometheus-rule.yaml.tera",
            "service-account.yaml.tera"
        ]
    );
    dir.child("tpl/job.yaml.tera").write_str("edited").unwrap();
    std::fs::remove_file(dir.path().join("tpl/configmap.yaml.tera")).unwrap();
    std::fs::remove_file(dir.path().join("tpl/README.md")).unwrap();
    // The missing ones are exported, the existing ones kept and named.
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "tpl"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "kept tpl/job.yaml.tera: it exists (--force replaces it)",
        ))
        .stderr(predicate::str::contains("wrote tpl/configmap.yaml.tera"));
    dir.child("tpl/job.yaml.tera").assert("edited");
    dir.child("tpl/configmap.yaml.tera")
        .assert(predicate::str::contains("ConfigMap"));
    // One file brings the variables reference with it.
    dir.child("tpl/README.md")
        .assert(std::fs::read_to_string("templates/README.md").unwrap());
    let one = TempDir::new().unwrap();
    jobgen()
        .current_dir(one.path())
        .args(["templates", "export", "t", "job.yaml"])
        .assert()
        .success();
    assert_eq!(
        crate::harness::entries(&one.path().join("t")),
        ["README.md", "job.yaml.tera"]
    );
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "tpl", "job.yaml", "--force"])
        .assert()
        .success();
    dir.child("tpl/job.yaml.tera")
        .assert(predicate::str::contains("apiVersion: batch/v1"));
    jobgen()
        .current_dir(dir.path())
        .args(["templates", "export", "other", "nope.yaml"])
        .assert()
        .code(3);
    // Exported templates used as team templates give the built-in output.
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "-o", "builtin"])
        .assert()
        .success();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "a-b",
            "--no-input",
            "-o",
            "exported",
            "--templates",
            "tpl",
        ])
        .assert()
        .success();
    let folder = |out: &str| -> Vec<(String, String)> {
        let files = read_folder(&dir.path().join(out).join("a-b"));
        files
            .into_iter()
            .filter(|(n, _)| n != ".jobgen-answers")
            .collect()
    };
    assert_eq!(folder("builtin"), folder("exported"));
}

#[test]
fn the_context_is_json_and_every_variable_is_documented() {
    let out = jobgen()
        .args(["templates", "context", "a-b", "--pattern", "cron"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let ctx: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ctx["name"], "a-b");
    assert_eq!(ctx["schedule"], "0 2 * * *");
    let doc = include_str!("../../templates/README.md");
    let documented: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let mut keys: Vec<&str> = ctx
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    let mut documented_sorted = documented.clone();
    documented_sorted.sort();
    assert_eq!(
        documented_sorted, keys,
        "templates/README.md and the context disagree"
    );
}

#[test]
fn the_korean_readme_is_a_built_in_variant() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "a-b",
            "--no-input",
            "--lang",
            "ko",
            "--pattern",
            "cron",
        ])
        .assert()
        .success();
    let readme = std::fs::read_to_string(dir.path().join("a-b/README.md")).unwrap();
    for heading in [
        "## Job 실행",
        "## 상태 확인",
        "## 로그 확인",
        "## Job 삭제",
        "## 문제 해결",
    ] {
        assert!(readme.contains(heading), "{heading}: {readme}");
    }
    assert!(readme.contains("kubectl get cronjob a-b -n default"));
    // From config too.
    let dir = TempDir::new().unwrap();
    dir.child(".jobgen.yaml").write_str("lang: ko\n").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(dir.path().join("a-b/README.md"))
            .unwrap()
            .contains("## 문제 해결")
    );
    jobgen()
        .args(["new", "a-b", "--no-input", "--lang", "fr", "--dry-run"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("--lang \"fr\""));
}

#[test]
fn every_file_says_how_to_update_it_and_the_recorded_answers_replay() {
    let dir = TempDir::new().unwrap();
    let args = [
        "new",
        "a-b",
        "--no-input",
        "--env",
        "prod",
        "--pattern",
        "parallel",
        "--env-var",
        "MODE=0777",
        "--",
        "run",
        "it",
    ];
    jobgen()
        .current_dir(dir.path())
        .args(args)
        .assert()
        .success();
    let first = read_folder(&dir.path().join("a-b"));
    for (name, contents) in &first {
        if name.ends_with(".yaml") {
            assert!(contents.starts_with("# Generated by jobgen "), "{name}");
            assert!(
                contents
                    .lines()
                    .next()
                    .unwrap()
                    .contains("jobgen update a-b"),
                "{name}: the header names the command that keeps edits"
            );
        }
    }
    let readme = &first.iter().find(|(n, _)| n == "README.md").unwrap().1;
    assert!(
        readme
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .contains("Generated by jobgen")
    );
    // The answers file is no Kubernetes manifest (kubectl apply -f ignores it)
    // and is a values file that regenerates the same folder.
    let answers: Value = serde_json::from_str(
        &first
            .iter()
            .find(|(n, _)| n == ".jobgen-answers")
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(answers["env-vars"]["MODE"], "0777");
    assert_eq!(answers["ttl"], 3600);
    std::fs::remove_file(dir.path().join("a-b/job.yaml")).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "--values",
            "a-b/.jobgen-answers",
            "--force",
            "--no-input",
        ])
        .assert()
        .success();
    assert_eq!(read_folder(&dir.path().join("a-b")), first);
}

/// Regression: settings the job at hand does not use (a namespace for
/// another pattern, a tier it does not pick, lint rules) escaped validation.
#[test]
fn every_setting_in_a_file_is_validated_even_when_unused() {
    let dir = TempDir::new().unwrap();
    dir.child(".jobgen.yaml")
        .write_str("namespaces:\n  cron: Bad_NS\nsizes:\n  heavy:\n    cpu-limit: lots\nlint:\n  disable: [no-such-rule]\n")
        .unwrap();
    let out = jobgen()
        .current_dir(dir.path())
        .args(["new", "a-b", "--no-input", "--dry-run"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(".jobgen.yaml:2:9: namespaces.cron \"Bad_NS\""),
        "{stderr}"
    );
    assert!(
        stderr.contains(".jobgen.yaml:5:16: sizes.heavy.cpu-limit \"lots\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("lint.disable \"no-such-rule\": is not a lint rule"),
        "{stderr}"
    );
}

#[test]
fn the_checkov_skips_are_a_team_choice() {
    let dir = TempDir::new().unwrap();
    let job = |name: &str| {
        jobgen()
            .current_dir(dir.path())
            .args(["new", name, "--no-input", "--", "sh", "-c", "echo run"])
            .assert()
            .success();
        std::fs::read_to_string(dir.path().join(name).join("job.yaml")).unwrap()
    };
    // On by default: the two checks the conventions answer by design.
    let on = job("restore-db");
    assert!(on.contains("checkov.io/skip1: \"CKV_K8S_43="), "{on}");
    assert!(on.contains("checkov.io/skip2: \"CKV_K8S_35="), "{on}");
    std::fs::write(dir.path().join(".jobgen.yaml"), "checkov-skips: false\n").unwrap();
    let off = job("report-db");
    assert!(!off.contains("checkov.io"), "{off}");
    // Anything else is the validator's: one message naming the file and key.
    std::fs::write(dir.path().join(".jobgen.yaml"), "checkov-skips: maybe\n").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "other-db", "--no-input"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("checkov-skips"));
}
