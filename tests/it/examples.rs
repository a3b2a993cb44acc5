//! The folders under examples/ are what jobgen generates today: this test
//! regenerates each and fails on any drift. Run with UPDATE_EXAMPLES=1 to
//! rewrite them after an intended change, then review the diff.

use std::path::Path;

use assert_fs::TempDir;

use crate::harness::{jobgen, read_folder};
use crate::kube::check_stream;

/// Each example: its folder name and the arguments that make it. Keep in
/// step with examples/README.md.
pub const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "schema-migrate-ojeomneo",
        &[
            "--env",
            "prod",
            "--gitops",
            "argocd",
            "--target-label",
            "database",
            "--description",
            "Migrate the ojeomneo database schema once per release, as an Argo CD Sync hook",
            "--image",
            "ghcr.io/ojeomneo/migrate:3.1.0",
            "--secret",
            "DATABASE_URL=ojeomneo-db-url",
            "--backoff-limit",
            "0",
            "--egress",
            "cloud-sql",
            "--",
            "migrate",
            "up",
        ],
    ),
    (
        "search-reindex-ojeomneo",
        &[
            "--env",
            "prod",
            "--gitops",
            "flux",
            "--namespace",
            "search",
            "--pattern",
            "parallel",
            "--parallelism",
            "4",
            "--completions",
            "8",
            "--description",
            "Rebuild the ojeomneo search index in 8 shards, applied by Flux",
            "--image",
            "ghcr.io/ojeomneo/reindex:1.4.0",
            "--egress",
            "https",
            "--",
            "reindex",
            "--shard",
            "$(JOB_COMPLETION_INDEX)",
        ],
    ),
    (
        "cloud-sql-restore-ojeomneo",
        &[
            "--env",
            "prod",
            "--pattern",
            "one-off",
            "--description",
            "Restore the ojeomneo Cloud SQL database from a SQL dump in Cloud Storage",
            "--image",
            "gcr.io/google.com/cloudsdktool/google-cloud-cli:499.0.0-slim",
            "--gcp-service-account",
            "cloud-sql-restore@ojeomneo-prod.iam.gserviceaccount.com",
            "--env-var",
            "PROJECT=ojeomneo-prod",
            "--env-var",
            "INSTANCE=ojeomneo-db",
            "--env-var",
            "DATABASE=ojeomneo",
            "--env-var",
            "DUMP_URI=gs://ojeomneo-db-backups/ojeomneo-latest.sql.gz",
            "--env-var",
            "CLOUDSDK_CONFIG=/tmp/gcloud",
            "--secret",
            "SLACK_WEBHOOK_URL=ojeomneo-ops-slack-webhook",
            "--ttl",
            "86400",
            "--backoff-limit",
            "0",
            "--active-deadline",
            "7200",
            "--egress",
            "https",
            "--",
            "/bin/sh",
            "-c",
            "gcloud sql import sql \"$INSTANCE\" \"$DUMP_URI\" --database=\"$DATABASE\" --project=\"$PROJECT\" --quiet && curl -fsS -X POST -H 'Content-Type: application/json' -d '{\"text\":\"ojeomneo restore finished\"}' \"$SLACK_WEBHOOK_URL\"",
        ],
    ),
    (
        "nightly-backup-ojeomneo",
        &[
            "--env",
            "prod",
            "--pattern",
            "cron",
            "--schedule",
            "0 2 * * *",
            "--description",
            "Export the ojeomneo database to Cloud Storage every night",
            "--image",
            "gcr.io/google.com/cloudsdktool/google-cloud-cli:499.0.0-slim",
            "--gcp-service-account",
            "nightly-backup@ojeomneo-prod.iam.gserviceaccount.com",
            "--env-var",
            "PROJECT=ojeomneo-prod",
            "--env-var",
            "INSTANCE=ojeomneo-db",
            "--env-var",
            "DATABASE=ojeomneo",
            "--env-var",
            "BUCKET=ojeomneo-db-backups",
            "--env-var",
            "CLOUDSDK_CONFIG=/tmp/gcloud",
            "--no-external-secret",
            "--backoff-limit",
            "2",
            "--egress",
            "https",
            "--time-zone",
            "Asia/Seoul",
            "--monitoring",
            "--team",
            "data-platform",
            "--",
            "/bin/sh",
            "-c",
            "gcloud sql export sql \"$INSTANCE\" \"gs://$BUCKET/ojeomneo-$(date +%F).sql.gz\" --database=\"$DATABASE\" --project=\"$PROJECT\" --quiet",
        ],
    ),
    (
        "image-resize-batch",
        &[
            "--env",
            "prod",
            "--pattern",
            "parallel",
            "--target-label",
            "workload",
            "--parallelism",
            "5",
            "--completions",
            "10",
            "--description",
            "Resize the product image backlog in 10 shards, 5 at a time",
            "--image",
            "ghcr.io/ojeomneo/image-resizer:2.3.1",
            "--aws-role-arn",
            "arn:aws:iam::123456789012:role/image-resize-batch",
            "--size",
            "medium",
            "--namespace",
            "batch",
            "--egress",
            "https",
            "--env-var",
            "SOURCE_BUCKET=ojeomneo-images-original",
            "--env-var",
            "TARGET_BUCKET=ojeomneo-images-resized",
            "--env-var",
            "SHARDS=10",
            "--secret",
            "CDN_PURGE_TOKEN=image-resize/cdn-purge-token",
            "--",
            "resize",
            "--shard",
            "$(JOB_COMPLETION_INDEX)",
            "--shards",
            "$(SHARDS)",
        ],
    ),
];

/// The team example: examples/team/.jobgen.yaml and templates/ (one
/// built-in overridden, one extra output), and the folder they produce in
/// examples/team/jobs/.
pub const TEAM_EXAMPLE: (&str, &[&str]) = (
    "warehouse-sync-orders",
    &[
        "--description",
        "Copy yesterday's orders from ojeomneo into the warehouse",
        "--image",
        "warehouse-sync:2.1.0",
        "--secret",
        "WAREHOUSE_TOKEN=warehouse-sync/token",
        "--",
        "warehouse-sync",
        "--table",
        "orders",
        "--since",
        "yesterday",
    ],
);

fn examples_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
}

#[test]
fn examples_are_what_jobgen_generates_today() {
    let update = std::env::var_os("UPDATE_EXAMPLES").is_some();
    for (name, args) in EXAMPLES {
        let out = if update {
            examples_dir().to_path_buf()
        } else {
            TempDir::new().unwrap().into_persistent().to_path_buf()
        };
        let mut cmd = jobgen();
        cmd.arg("new")
            .arg(name)
            .arg("--no-input")
            .arg("-o")
            .arg(&out);
        if update {
            cmd.arg("--force");
        }
        cmd.args(*args).assert().success();
        let fresh = read_folder(&out.join(name));
        let checked_in = read_folder(&examples_dir().join(name));
        if !update {
            std::fs::remove_dir_all(&out).unwrap();
        }
        assert_eq!(
            fresh.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            checked_in.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            "examples/{name}: file list drifted; rerun with UPDATE_EXAMPLES=1"
        );
        for ((file, new), (_, old)) in fresh.iter().zip(&checked_in) {
            assert_eq!(
                new, old,
                "examples/{name}/{file} drifted; rerun with UPDATE_EXAMPLES=1 and review"
            );
        }
    }
}

/// Copies a folder tree (the team config and templates) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

#[test]
fn the_team_example_is_what_its_config_and_templates_generate() {
    let team = examples_dir().join("team");
    let (name, args) = TEAM_EXAMPLE;
    let update = std::env::var_os("UPDATE_EXAMPLES").is_some();
    let work = TempDir::new().unwrap();
    let root = if update {
        team.clone()
    } else {
        // The team config is found by walking up from the output folder.
        std::fs::copy(team.join(".jobgen.yaml"), work.path().join(".jobgen.yaml")).unwrap();
        copy_tree(&team.join("templates"), &work.path().join("templates"));
        work.path().to_path_buf()
    };
    let mut cmd = jobgen();
    cmd.args(["new", name, "--no-input", "-o"])
        .arg(root.join("jobs"));
    if update {
        cmd.arg("--force");
    }
    cmd.args(args).assert().success();
    let fresh = read_folder(&root.join("jobs").join(name));
    let checked_in = read_folder(&team.join("jobs").join(name));
    assert_eq!(
        fresh, checked_in,
        "examples/team/jobs/{name} drifted; rerun with UPDATE_EXAMPLES=1 and review"
    );
    let names: Vec<&str> = fresh.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"RUNBOOK.md"),
        "the extra output is there: {names:?}"
    );
    let readme = &fresh.iter().find(|(n, _)| n == "README.md").unwrap().1;
    assert!(
        readme.contains("Owned by the data platform team"),
        "the README override is used"
    );
    let job = &fresh.iter().find(|(n, _)| n == "job.yaml").unwrap().1;
    assert!(
        job.contains("kubernetes.io/description"),
        "job.yaml stays built-in"
    );
    let yaml: Vec<&str> = fresh
        .iter()
        .filter(|(n, _)| n.ends_with(".yaml"))
        .map(|(_, c)| c.as_str())
        .collect();
    check_stream(&yaml.join("---\n"));
}

#[test]
fn examples_are_strictly_valid() {
    for (name, _) in EXAMPLES {
        let yaml: Vec<String> = read_folder(&examples_dir().join(name))
            .into_iter()
            .filter(|(f, _)| f.ends_with(".yaml"))
            .map(|(_, c)| c)
            .collect();
        check_stream(&yaml.join("---\n"));
    }
}

/// examples/README.md shows the commands that make each example; running
/// them must give the checked-in folders byte for byte.
#[test]
fn the_commands_in_examples_readme_make_the_examples() {
    let readme = std::fs::read_to_string(examples_dir().join("README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```sh\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert_eq!(
        blocks.len(),
        2,
        "one block for the three examples, one for the team example"
    );
    let work = TempDir::new().unwrap();
    // The team example finds its .jobgen.yaml by walking up from its output folder.
    std::fs::create_dir_all(work.path().join("team")).unwrap();
    std::fs::copy(
        examples_dir().join("team/.jobgen.yaml"),
        work.path().join("team/.jobgen.yaml"),
    )
    .unwrap();
    copy_tree(
        &examples_dir().join("team/templates"),
        &work.path().join("team/templates"),
    );
    let bin = assert_cmd::cargo::cargo_bin("jobgen");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for block in blocks {
        let script = block
            .replace(
                "-o examples/team/jobs",
                &format!("-o {}/team/jobs", work.path().display()),
            )
            .replace("-o examples ", &format!("-o {} ", work.path().display()));
        let out = std::process::Command::new("bash")
            .args(["-euo", "pipefail", "-c", &script])
            .env("PATH", &path)
            .env("HOME", crate::harness::empty_home())
            .env_remove("XDG_CONFIG_HOME")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{script}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for (name, _) in EXAMPLES {
        assert_eq!(
            read_folder(&work.path().join(name)),
            read_folder(&examples_dir().join(name)),
            "examples/{name}"
        );
    }
    let team = TEAM_EXAMPLE.0;
    assert_eq!(
        read_folder(&work.path().join("team/jobs").join(team)),
        read_folder(&examples_dir().join("team/jobs").join(team)),
        "examples/team/jobs/{team}"
    );
}
