//! Proof across the option space: every combination that matters is
//! generated in-process and every document is checked strictly (typed
//! Kubernetes structs with unknown-field detection, the ExternalSecret CRD)
//! and linted clean. Combinations the validator refuses must be refused.

use jobgen::answers::fields::{Key, key};
use std::path::Path;

use jobgen::answers::layers::{Entry, Layers, Source, Value};
use jobgen::error::Error;
use jobgen::lint;

use crate::kube::check_stream;

/// One combination.
#[derive(Debug)]
pub(crate) struct Combo {
    pattern: &'static str,
    provider: &'static str,
    /// Bits: 1 service-account, 2 external-secret, 4 configmap, 8 network-policy.
    files: u8,
    size: &'static str,
    restart: &'static str,
    env_vars: bool,
    secrets: bool,
}

pub(crate) fn combos() -> Vec<Combo> {
    let mut out = Vec::new();
    for pattern in ["one-off", "cron", "parallel"] {
        for provider in ["gcp", "aws", "none"] {
            for files in 0..16u8 {
                for size in ["light", "medium", "heavy"] {
                    for restart in ["Never", "OnFailure"] {
                        for (env_vars, secrets) in
                            [(false, false), (true, false), (false, true), (true, true)]
                        {
                            out.push(Combo {
                                pattern,
                                provider,
                                files,
                                size,
                                restart,
                                env_vars,
                                secrets,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

impl Combo {
    pub(crate) fn layers(&self) -> Layers {
        let mut l = Layers::default();
        let mut flag = |key: Key, value: &str| l.set_text(key, value, Source::Flag);
        flag(key::NAME, "matrix-job-x");
        flag(key::PATTERN, self.pattern);
        flag(key::SIZE, self.size);
        flag(key::RESTART_POLICY, self.restart);
        match self.provider {
            "gcp" => flag(key::GCP_SERVICE_ACCOUNT, "job@p.iam.gserviceaccount.com"),
            "aws" => flag(key::AWS_ROLE_ARN, "arn:aws:iam::123456789012:role/job"),
            _ => {}
        }
        let on = |bit: u8| {
            if self.files & bit != 0 {
                "true"
            } else {
                "false"
            }
        };
        flag(key::FILES_SERVICE_ACCOUNT, on(1));
        flag(key::FILES_EXTERNAL_SECRET, on(2));
        flag(key::FILES_CONFIGMAP, on(4));
        flag(key::FILES_NETWORK_POLICY, on(8));
        let pairs = |items: &[(&str, &str)]| {
            let entries = items
                .iter()
                .map(|(k, v)| Entry {
                    key: k.to_string(),
                    value: Some(v.to_string()),
                    source: Source::Flag,
                })
                .collect();
            Value::Map(entries)
        };
        // A command, as CI's matrix passes: without one the placeholder
        // image does nothing, which lint rightly warns about.
        l.set(
            key::COMMAND,
            Value::List(vec!["sh".into(), "-c".into(), "echo \"$MODE\"".into()]),
            Source::Flag,
        );
        if self.env_vars {
            l.set(
                key::ENV_VARS,
                pairs(&[("MODE", "full"), ("RETRIES", "3")]),
                Source::Flag,
            );
        }
        if self.secrets && self.files & 8 != 0 {
            l.set(
                key::EGRESS,
                Value::List(vec!["cloud-sql".into(), "10.20.0.0/16:443".into()]),
                Source::Flag,
            );
        }
        if self.secrets {
            l.set(
                key::SECRETS,
                pairs(&[("DB_PASSWORD", "db-password")]),
                Source::Flag,
            );
        }
        l
    }

    /// True when an answer needs a file this combination leaves out.
    pub(crate) fn refused(&self) -> bool {
        (self.env_vars && self.files & 4 == 0)
            || (self.secrets && self.files & 2 == 0)
            || (self.provider != "none" && self.files & 1 == 0)
    }
}

#[test]
fn every_combination_is_valid_secure_and_lint_clean() {
    let all = combos();
    assert_eq!(all.len(), 3 * 3 * 16 * 3 * 2 * 4);
    let settings = lint::Settings {
        target_label: "database".into(),
        ..Default::default()
    };
    let mut rendered = 0;
    for c in &all {
        match (
            jobgen::render::folder(&c.layers(), Path::new("matrix-job-x")),
            c.refused(),
        ) {
            (Err(Error::Invalid(_)), true) => {}
            (Err(e), _) => panic!("{c:?}: {e}"),
            (Ok(_), true) => panic!("{c:?}: rendered although a needed file is off"),
            (Ok((_, files)), false) => {
                check_yaml_files(&files);
                let contents: Vec<(String, String)> = files
                    .iter()
                    .filter(|f| f.is_yaml() || f.name == "README.md")
                    .map(|f| (f.name.clone(), f.contents.clone()))
                    .collect();
                let findings = lint::lint_files("matrix-job-x", &contents, &settings);
                assert!(findings.is_empty(), "{c:?}: {findings:#?}");
                rendered += 1;
            }
        }
    }
    assert!(rendered > 1000, "{rendered} rendered");
}

/// Answers on top of a combination, so every branch of every built-in
/// template runs: (key, list-or-text values).
const VARIANTS: &[&[(Key, &[&str])]] = &[
    &[],
    &[(key::LANG, &["ko"]), (key::MONITORING, &["true"])],
    &[
        (key::MONITORING, &["true"]),
        (key::LABELS, &["tier=batch", "owner=data"]),
        (key::ANNOTATIONS, &["example.com/ticket=OPS-12"]),
        (key::QUEUE, &["batch-queue"]),
        (key::SUSPEND, &["true"]),
        (key::TIME_ZONE, &["Asia/Seoul"]),
        (key::DNS, &["node-local-dns"]),
    ],
    &[
        (key::LANG, &["ko"]),
        (key::DNS, &["gke-cloud-dns"]),
        (key::RBAC, &["configmaps:get,list"]),
        (key::FAIL_ON_EXIT_CODE, &["3", "42"]),
        (key::BACKOFF_LIMIT_PER_INDEX, &["1"]),
        (key::MAX_FAILED_INDEXES, &["2"]),
        (
            key::IMAGE,
            &["postgres@sha256:0000000000000000000000000000000000000000000000000000000000000000"],
        ),
    ],
    &[
        (key::CREATE_SECRET_STORE, &["true"]),
        (key::SECRET_STORE_KIND, &["SecretStore"]),
        (key::GCP_PROJECT, &["my-project"]),
        (key::AWS_REGION, &["ap-northeast-2"]),
        (key::MONITORING, &["true"]),
        (key::LANG, &["ko"]),
    ],
    &[
        (key::PROVIDER, &["azure"]),
        (
            key::AZURE_CLIENT_ID,
            &["00000000-0000-0000-0000-000000000000"],
        ),
        (key::AZURE_VAULT_URL, &["https://vault.vault.azure.net"]),
        (key::CREATE_SECRET_STORE, &["true"]),
    ],
];

const LISTS: [Key; 4] = [
    key::LABELS,
    key::ANNOTATIONS,
    key::RBAC,
    key::FAIL_ON_EXIT_CODE,
];

/// Every variant on top of a share of the combinations renders strictly
/// valid objects: the variants reach every branch of every built-in
/// template (Korean, monitoring, the identity providers, the job controls).
#[test]
fn every_template_branch_renders_valid_objects() {
    let mut rendered = [0; VARIANTS.len()];
    for c in combos().iter().filter(|c| !c.refused()).step_by(5) {
        for (i, variant) in VARIANTS.iter().enumerate() {
            let mut l = c.layers();
            for (k, values) in variant.iter() {
                match LISTS.contains(k) {
                    true => l.set(
                        *k,
                        Value::List(values.iter().map(|v| v.to_string()).collect()),
                        Source::Flag,
                    ),
                    false => l.set_text(*k, values[0], Source::Flag),
                }
            }
            // Some extras do not fit every combination (a time zone
            // without a schedule, indexes without the parallel pattern).
            let Ok((_, files)) = jobgen::render::folder(&l, Path::new("matrix-job-x")) else {
                continue;
            };
            check_yaml_files(&files);
            rendered[i] += 1;
        }
    }
    // Every variant fits a good share of the combinations.
    assert!(rendered.iter().all(|n| *n >= 20), "{rendered:?}");
}

/// Every YAML file of a render, as one stream, typed strictly.
fn check_yaml_files(files: &[jobgen::render::RenderedFile]) {
    let yaml: Vec<&str> = files
        .iter()
        .filter(|f| f.is_yaml())
        .map(|f| f.contents.as_str())
        .collect();
    check_stream(&yaml.join("---\n"));
}
