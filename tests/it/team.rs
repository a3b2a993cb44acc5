//! Team questions (`questions:` in config): declared without Rust, given
//! with `-d`, `vars:` or the prompt, checked by the one validator, typed in
//! templates, listed by schema/config/`new -v`, kept by update and check.

use assert_fs::TempDir;
use assert_fs::prelude::*;
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::harness::{entries, jobgen};

/// A question of each type, and a README template that shows each answer
/// with its type (arithmetic on the integer, a test on the boolean, the
/// length of the list).
const CONFIG: &str = r#"templates: tpl
questions:
  owner:
    help: Who is paged when this job fails
    help-ko: 이 잡이 실패하면 호출되는 담당자
    type: choice
    choices: [data, platform, payments]
    default: data
  runbook:
    help: Runbook URL
    type: text
    pattern: '^https://\S+$'
    required: true
  max-rows:
    type: integer
    min: 1
    max: 1000000
    when: pattern == "parallel"
  tables:
    help: Tables the job touches
    type: list
  dry-run:
    help: Only report what would change
    type: boolean
    default: false
"#;

const README: &str = "# {{ name }}\nowner: {{ vars.owner }}\nrunbook: {{ vars.runbook }}\n\
rows: {% if vars.max_rows %}{{ vars.max_rows + 1 }}{% else %}none{% endif %}\n\
dry: {% if vars.dry_run %}yes{% else %}no{% endif %} {{ vars.dry_run }}\n\
tables: {% if vars.tables %}{{ vars.tables | length }}{% for t in vars.tables %} [{{ t }}]{% endfor %}{% else %}none{% endif %}\n";

/// A jobs repository with the team config and template.
fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    dir.child(".jobgen.yaml").write_str(CONFIG).unwrap();
    dir.child("tpl/README.md.tera").write_str(README).unwrap();
    dir
}

fn read(dir: &TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join(path)).unwrap()
}

fn recorded(dir: &TempDir, folder: &str) -> Value {
    serde_json::from_str(&read(dir, &format!("{folder}/.jobgen-answers"))).unwrap()
}

#[test]
fn templates_receive_each_type_typed_and_the_folder_records_them() {
    let dir = repo();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--pattern", "parallel"])
        .args(["-d", "runbook=https://wiki.example/restore"])
        .args(["-d", "max-rows=999", "-d", "tables=users, orders"])
        .args(["--define", "tables=payments", "-d", "dry-run=true"])
        .assert()
        .success();
    let readme = read(&dir, "restore-db/README.md");
    assert!(readme.contains("owner: data\n"), "{readme}"); // the default
    assert!(readme.contains("runbook: https://wiki.example/restore\n"));
    assert!(readme.contains("rows: 1000\n"), "an integer: {readme}");
    assert!(readme.contains("dry: yes true\n"), "a boolean: {readme}");
    assert!(
        readme.contains("tables: 3 [users] [orders] [payments]\n"),
        "a list, items split at commas and -d repeated: {readme}"
    );
    let vars = &recorded(&dir, "restore-db")["vars"];
    assert_eq!(
        *vars,
        json!({"owner": "data", "runbook": "https://wiki.example/restore", "max-rows": 999,
               "tables": ["users", "orders", "payments"], "dry-run": true})
    );
    let defaults = &recorded(&dir, "restore-db")["jobgen-defaults"];
    assert!(defaults.as_array().unwrap().contains(&json!("vars.owner")));
    assert!(
        !defaults
            .as_array()
            .unwrap()
            .contains(&json!("vars.dry-run"))
    );
    // The recorded answers replay: the same folder again from them.
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db"])
        .assert()
        .success()
        .stdout(predicate::str::contains("restore-db: current"));
    // `when` does not hold for a one-off job: max-rows is none, not asked,
    // not recorded; given anyway, it is a warning.
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-x", "--no-input"])
        .args(["-d", "runbook=https://w/x", "-d", "max-rows=5"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "-d max-rows is not used: the question applies only when pattern == \"parallel\"",
        ));
    assert!(read(&dir, "restore-x/README.md").contains("rows: none\n"));
    assert!(
        recorded(&dir, "restore-x")["vars"]
            .get("max-rows")
            .is_none()
    );
}

#[test]
fn values_files_answer_under_vars_with_their_place_named() {
    let dir = repo();
    dir.child("v.yaml")
        .write_str("vars:\n  runbook: https://w/x\n  owner: nobody\n  max-rows: [1]\n")
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--pattern", "parallel"])
        .args(["--values", "v.yaml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "v.yaml:3:10: vars.owner \"nobody\": must be one of: data, platform, payments",
        ))
        .stderr(predicate::str::contains(
            "v.yaml:4:13: vars.max-rows \"1\": must be a single value (one -d, not a list)",
        ))
        .stderr(predicate::str::contains("nothing was written"));
    dir.child("v.yaml")
        .write_str("vars:\n  runbook: https://w/x\n  tables: [a, b]\n")
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--values", "v.yaml"])
        .assert()
        .success();
    assert!(read(&dir, "restore-db/README.md").contains("tables: 2 [a] [b]\n"));
}

#[test]
fn every_bad_value_is_refused_at_once_naming_the_flag_and_nothing_is_written() {
    let dir = repo();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--pattern", "parallel"])
        .args(["--ttl", "soon", "-d", "owner=nobody", "-d", "runbook=http://w"])
        .args(["-d", "max-rows=0", "-d", "dry-run=maybe", "-d", "owner2=x"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("6 invalid answers"))
        .stderr(predicate::str::contains("--ttl \"soon\""))
        .stderr(predicate::str::contains(
            "-d owner \"nobody\": must be one of: data, platform, payments",
        ))
        .stderr(predicate::str::contains(
            r#"-d runbook "http://w": must match the pattern ^https://\S+$"#,
        ))
        .stderr(predicate::str::contains(
            "-d max-rows \"0\": must be a whole number from 1 to 1000000",
        ))
        .stderr(predicate::str::contains(
            "-d dry-run \"maybe\": must be true or false",
        ))
        .stderr(predicate::str::contains(
            "-d owner2 \"x\": no team question has this name; the config declares: owner, runbook, max-rows, tables, dry-run",
        ));
    assert_eq!(entries(dir.path()), [".jobgen.yaml", "tpl"]);
    // A single value given twice; a -d without `=` is a usage error.
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "-d", "runbook=https://a"])
        .args(["-d", "owner=data", "-d", "owner=platform"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "-d owner \"data,platform\": must be a single value (one -d, not a list)",
        ));
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "-d", "runbook"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected KEY=VALUE"));
    assert_eq!(entries(dir.path()), [".jobgen.yaml", "tpl"]);
}

#[test]
fn no_input_with_a_required_answer_missing_names_the_flag() {
    let dir = repo();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "-d runbook is missing: the team question `runbook` (Runbook URL) has no answer and no default; give it with -d runbook=…",
        ));
    assert_eq!(entries(dir.path()), [".jobgen.yaml", "tpl"]);
}

/// Each bad declaration, refused when the config is read (exit 3), naming
/// the file, line and question; every problem at once.
#[test]
fn bad_declarations_are_refused_when_config_is_read() {
    let dir = TempDir::new().unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "  team:\n    type: text\n",
            "question `team` reuses the built-in answer `team`",
        ),
        (
            "  files:\n    type: text\n",
            "question `files` reuses the built-in key `files`",
        ),
        (
            "  Owner:\n    type: text\n",
            "question `Owner`: a name is lowercase letters",
        ),
        (
            "  owner:\n    type: person\n",
            "question `owner`: unknown type",
        ),
        (
            "  owner:\n    helptext: x\n",
            "question `owner`: unknown key `helptext`",
        ),
        (
            "  owner:\n    type: choice\n",
            "question `owner` is a choice without `choices`",
        ),
        (
            "  owner:\n    type: choice\n    choices: [a, b]\n    default: c\n",
            "question `owner`: the default `c` must be one of: a, b",
        ),
        (
            "  n:\n    type: integer\n    max: 5\n    default: 9\n",
            "question `n`: the default `9` must be a whole number from … to 5",
        ),
        (
            "  n:\n    type: integer\n    min: 5\n    max: 1\n",
            "question `n`: `min` 5 is above `max` 1",
        ),
        (
            "  n:\n    type: text\n    min: 1\n",
            "question `n` has `min`/`max` but its type is text",
        ),
        (
            "  url:\n    pattern: '^https://'\n    default: http://x\n",
            "question `url`: the default `http://x` must match the pattern ^https://",
        ),
        (
            "  url:\n    pattern: '(unclosed'\n",
            "question `url`: `pattern` is not a regular expression",
        ),
        (
            "  b:\n    type: boolean\n    default: maybe\n",
            "question `b`: the default `maybe` must be true or false",
        ),
        (
            "  w:\n    when: pattern ==\n",
            "question `w`: `when` is not an expression",
        ),
        (
            "  r:\n    required: sometimes\n",
            "question `r`: `required` must be true or false",
        ),
    ];
    for (body, message) in cases {
        dir.child(".jobgen.yaml")
            .write_str(&format!("env: dev\nquestions:\n{body}"))
            .unwrap();
        jobgen()
            .current_dir(dir.path())
            .args(["new", "restore-db", "--no-input", "--dry-run"])
            .assert()
            .code(3)
            .stderr(predicate::str::contains(".jobgen.yaml:"))
            .stderr(predicate::str::contains(*message));
    }
    // Several at once, each with its line.
    dir.child(".jobgen.yaml")
        .write_str("questions:\n  team: {}\n  owner:\n    type: person\n")
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["config"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(".jobgen.yaml:2:3"))
        .stderr(predicate::str::contains(".jobgen.yaml:4:11"));
    // Questions belong in config, not in a job's values.
    dir.child(".jobgen.yaml").write_str("env: dev\n").unwrap();
    dir.child("v.yaml")
        .write_str("questions:\n  owner: {type: text}\n")
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--values", "v.yaml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "v.yaml:1:1: `questions` belong in a config file, not a values file",
        ));
    assert_eq!(entries(dir.path()), [".jobgen.yaml", "v.yaml"]);
}

#[test]
fn schema_config_new_verbose_and_templates_context_list_them() {
    let dir = repo();
    let schema: Value = serde_json::from_str(&crate::harness::stdout_of(
        jobgen().current_dir(dir.path()).arg("schema"),
    ))
    .unwrap();
    let vars = &schema["properties"]["vars"]["properties"];
    assert_eq!(
        vars["owner"]["enum"],
        json!(["data", "platform", "payments"])
    );
    assert_eq!(vars["owner"]["default"], "data");
    assert_eq!(vars["runbook"]["pattern"], r"^https://\S+$");
    assert_eq!(vars["max-rows"]["maximum"], 1_000_000);
    assert_eq!(vars["tables"]["type"], "array");
    assert_eq!(vars["dry-run"]["type"], "boolean");
    assert!(schema["properties"]["questions"].is_object());
    // Another folder without the team config: no team answers.
    let bare = TempDir::new().unwrap();
    let schema: Value = serde_json::from_str(&crate::harness::stdout_of(
        jobgen().current_dir(bare.path()).arg("schema"),
    ))
    .unwrap();
    assert_eq!(schema["properties"]["vars"]["properties"], json!({}));

    // A required answer missing is fine for config, which shows defaults.
    crate::harness::stdout_of(jobgen().current_dir(dir.path()).arg("config"));
    let config = crate::harness::stdout_of(jobgen().current_dir(dir.path()).args([
        "config",
        "restore-db",
        "-d",
        "runbook=https://w/x",
    ]));
    let line = |key: &str| {
        config
            .lines()
            .find(|l| l.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("{key} missing: {config}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        line("vars.owner").starts_with("vars.owner \"data\" team config"),
        "{config}"
    );
    assert!(
        line("vars.owner").ends_with(".jobgen.yaml:8:14"),
        "{config}"
    );
    assert_eq!(
        line("vars.runbook"),
        "vars.runbook \"https://w/x\" command line"
    );
    assert_eq!(
        line("vars.max-rows"),
        "vars.max-rows (not set) when pattern == \"parallel\""
    );
    let verbose = jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "-v",
            "-d",
            "runbook=https://w/x",
        ])
        .output()
        .unwrap();
    assert!(verbose.status.success());
    let stderr = String::from_utf8(verbose.stderr).unwrap();
    assert!(stderr.contains("vars.runbook"), "{stderr}");
    let context: Value = serde_json::from_str(&crate::harness::stdout_of(
        jobgen().current_dir(dir.path()).args([
            "templates",
            "context",
            "x-y",
            "--pattern",
            "parallel",
            "-d",
            "runbook=https://w/x",
        ]),
    ))
    .unwrap();
    assert_eq!(
        context["vars"],
        json!({"owner": "data", "runbook": "https://w/x", "max_rows": null, "tables": null, "dry_run": false})
    );
}

#[test]
fn update_follows_questions_added_and_removed() {
    let dir = repo();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "-d",
            "runbook=https://w/x",
        ])
        .assert()
        .success();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-other",
            "--no-input",
            "-d",
            "runbook=https://w/y",
        ])
        .assert()
        .success();
    // Added with a default: update records it and renders with it.
    let mut config = CONFIG.to_string();
    config.push_str("  cost-center:\n    default: cc-100\n");
    dir.child(".jobgen.yaml").write_str(&config).unwrap();
    dir.child("tpl/README.md.tera")
        .write_str(&format!("{README}cost: {{{{ vars.cost_center }}}}\n"))
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--no-input"])
        .assert()
        .success();
    assert!(read(&dir, "restore-db/README.md").contains("cost: cc-100\n"));
    assert_eq!(
        recorded(&dir, "restore-db")["vars"]["cost-center"],
        "cc-100"
    );
    // Added without a default and required: --no-input fails for that
    // folder, naming the flag; -d answers it for one folder.
    config.push_str("  pager:\n    required: true\n");
    dir.child(".jobgen.yaml").write_str(&config).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "--no-input"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("-d pager is missing"))
        .stderr(predicate::str::contains("give it with -d pager=…"));
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "-d", "pager=oncall-data"])
        .assert()
        .success();
    assert_eq!(recorded(&dir, "restore-db")["vars"]["pager"], "oncall-data");
    // `update DIR -d owner=platform` changes that folder's answer only.
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "-d", "owner=platform"])
        .assert()
        .success();
    assert!(read(&dir, "restore-db/README.md").contains("owner: platform\n"));
    assert_eq!(recorded(&dir, "restore-db")["vars"]["owner"], "platform");
    assert!(read(&dir, "restore-other/README.md").contains("owner: data\n"));
    // Removed from config: the answer stays recorded, unused, and check
    // says so (the folder is current).
    let config = config.replace("  pager:\n    required: true\n", "");
    dir.child(".jobgen.yaml").write_str(&config).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["check", "restore-db"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "note: vars.pager stays recorded in .jobgen-answers, unused: no team question declares it now",
        ));
    let json: Value = serde_json::from_str(&crate::harness::stdout_of(
        jobgen()
            .current_dir(dir.path())
            .args(["check", "restore-db", "--format", "json"]),
    ))
    .unwrap();
    assert_eq!(json["results"][0]["retired"], json!(["vars.pager"]));
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db"])
        .assert()
        .success();
    assert_eq!(recorded(&dir, "restore-db")["vars"]["pager"], "oncall-data");
    // A default changed in config is worked out again; an answer stays.
    let config = config.replace("default: cc-100", "default: cc-200");
    dir.child(".jobgen.yaml").write_str(&config).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["update", "restore-db", "restore-other"])
        .assert()
        .success();
    assert!(read(&dir, "restore-db/README.md").contains("cost: cc-200\n"));
    assert!(read(&dir, "restore-db/README.md").contains("owner: platform\n"));
}

#[test]
fn adopt_takes_team_answers_with_define() {
    let dir = repo();
    dir.child("legacy/job.yaml")
        .write_str(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: restore-db\n  namespace: operations\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: restore\n        image: busybox:1.37\n",
        )
        .unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["adopt", "legacy"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("-d runbook is missing"));
    jobgen()
        .current_dir(dir.path())
        .args([
            "adopt",
            "legacy",
            "-d",
            "runbook=https://w/legacy",
            "-d",
            "owner=payments",
        ])
        .assert()
        .success();
    let vars = &recorded(&dir, "legacy")["vars"];
    assert_eq!(vars["runbook"], "https://w/legacy");
    assert_eq!(vars["owner"], "payments");
}

/// The README's example, run as written: its config, its template and the
/// errors its transcript shows, line for line.
#[test]
fn the_readme_example_runs_as_shown() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("### Your team's own questions")
        .nth(1)
        .unwrap();
    let blocks: Vec<&str> = section.split("```").collect();
    let config = blocks[1].strip_prefix("yaml\n").unwrap();
    let template = blocks[3].trim_start_matches('\n');
    let transcript = blocks[5];
    let dir = TempDir::new().unwrap();
    dir.child(".jobgen.yaml").write_str(config).unwrap();
    dir.child("templates/README.md.tera")
        .write_str(template)
        .unwrap();
    let mut commands = transcript.split("$ jobgen ").skip(1);
    // The first command succeeds and the template sees the answers.
    let first = commands.next().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(first.lines().next().unwrap().split_whitespace())
        .assert()
        .success();
    let written = read(&dir, "cloud-sql-restore-ojeomneo/README.md");
    assert!(
        written.contains("Paged on failure: **data** · runbook: https://wiki.example/restore"),
        "{written}"
    );
    std::fs::remove_dir_all(dir.path().join("cloud-sql-restore-ojeomneo")).unwrap();
    for run in commands {
        let (line, expected) = run.split_once('\n').unwrap();
        let out = jobgen()
            .current_dir(dir.path())
            .args(line.split_whitespace())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{line}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), expected, "{line}");
    }
}
