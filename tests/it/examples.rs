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
