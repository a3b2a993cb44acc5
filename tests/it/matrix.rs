//! Proof across the option space: every combination that matters is
//! generated in-process and every document is checked strictly (typed
//! Kubernetes structs with unknown-field detection, the ExternalSecret CRD)
//! and linted clean. Combinations the validator refuses must be refused.

use std::path::Path;

use jobgen::answers::layers::{Entry, Layers, Source, Value};
use jobgen::error::Error;
use jobgen::lint;

use crate::kube::check_stream;

/// One combination.
#[derive(Debug)]
struct Combo {
    pattern: &'static str,
    provider: &'static str,
    /// Bits: 1 service-account, 2 external-secret, 4 configmap, 8 network-policy.
    files: u8,
    size: &'static str,
    restart: &'static str,
    env_vars: bool,
    secrets: bool,
}

fn combos() -> Vec<Combo> {
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
    fn layers(&self) -> Layers {
        let mut l = Layers::default();
        let mut flag = |key: &'static str, value: &str| l.set_text(key, value, Source::Flag);
        flag("name", "matrix-job-x");
        flag("pattern", self.pattern);
        flag("size", self.size);
        flag("restart-policy", self.restart);
        match self.provider {
            "gcp" => flag("gcp-service-account", "job@p.iam.gserviceaccount.com"),
            "aws" => flag("aws-role-arn", "arn:aws:iam::123456789012:role/job"),
            _ => {}
        }
        let on = |bit: u8| {
            if self.files & bit != 0 {
                "true"
            } else {
                "false"
            }
        };
        flag("files.service-account", on(1));
        flag("files.external-secret", on(2));
        flag("files.configmap", on(4));
        flag("files.network-policy", on(8));
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
            "command",
            Value::List(vec!["sh".into(), "-c".into(), "echo \"$MODE\"".into()]),
            Source::Flag,
        );
        if self.env_vars {
            l.set(
                "env-vars",
                pairs(&[("MODE", "full"), ("RETRIES", "3")]),
                Source::Flag,
            );
        }
        if self.secrets && self.files & 8 != 0 {
            l.set(
                "egress",
                Value::List(vec!["cloud-sql".into(), "10.20.0.0/16:443".into()]),
                Source::Flag,
            );
        }
        if self.secrets {
            l.set(
                "secrets",
                pairs(&[("DB_PASSWORD", "db-password")]),
                Source::Flag,
            );
        }
        l
    }

    /// True when an answer needs a file this combination leaves out.
    fn refused(&self) -> bool {
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
                let yaml: Vec<&str> = files
                    .iter()
                    .filter(|f| f.is_yaml())
                    .map(|f| f.contents.as_str())
                    .collect();
                check_stream(&yaml.join("---\n"));
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
