//! What a generated folder needs to work on a real cluster beyond schema
//! validity: the token endpoints of its cloud identity and the cluster DNS in
//! its NetworkPolicy, the conventions' own commands in its README, an honest
//! word when the job would do nothing, and time zones the CronJob
//! controller accepts.

use assert_fs::TempDir;
use predicates::prelude::*;
use serde_json::Value;

use crate::harness::{documents, find, jobgen, stdout_of, stream};
use crate::kube::check_stream;

/// The NetworkPolicy's egress rules as (cidr or "*", TCP ports) pairs,
/// DNS (port 53) left out.
fn egress(yaml: &str) -> Vec<(String, Vec<i64>)> {
    let docs = documents(yaml);
    let np = find(&docs, "NetworkPolicy");
    np["spec"]["egress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let cidr = r["to"][0]["ipBlock"]["cidr"]
                .as_str()
                .unwrap_or("*")
                .to_string();
            let ports = r["ports"]
                .as_array()
                .map(|ps| ps.iter().filter_map(|p| p["port"].as_i64()).collect())
                .unwrap_or_default();
            (cidr, ports)
        })
        .filter(|(_, ports): &(String, Vec<i64>)| ports != &[53, 53])
        .collect()
}

fn rule(cidr: &str, port: i64) -> (String, Vec<i64>) {
    (cidr.to_string(), vec![port])
}

#[test]
fn each_cloud_identity_reaches_its_token_endpoint() {
    let gcp = stream(&[
        "restore-db",
        "--gcp-service-account",
        "job@p-1.iam.gserviceaccount.com",
    ]);
    check_stream(&gcp);
    assert_eq!(
        egress(&gcp),
        [
            rule("169.254.169.254/32", 80),
            rule("169.254.169.252/32", 988)
        ]
    );
    let aws = stream(&[
        "restore-db",
        "--aws-role-arn",
        "arn:aws:iam::123456789012:role/job",
    ]);
    check_stream(&aws);
    assert_eq!(egress(&aws), [rule("*", 443)]);
    let azure = stream(&[
        "restore-db",
        "--azure-client-id",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
    ]);
    check_stream(&azure);
    assert_eq!(egress(&azure), [rule("*", 443)]);
    // HTTPS already allowed: not twice.
    let aws = stream(&[
        "restore-db",
        "--aws-role-arn",
        "arn:aws:iam::123456789012:role/job",
        "--egress",
        "https",
    ]);
    assert_eq!(egress(&aws), [rule("*", 443)]);
    // No identity, no extra egress.
    assert!(egress(&stream(&["restore-db"])).is_empty());
    // The README names each one.
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "--gcp-service-account",
            "job@p-1.iam.gserviceaccount.com",
        ])
        .assert()
        .success();
    let readme = std::fs::read_to_string(dir.path().join("restore-db/README.md")).unwrap();
    assert!(
        readme.contains("`169.254.169.254/32` on TCP 80 (GKE metadata server"),
        "{readme}"
    );
    assert!(
        readme.contains("roles/iam.workloadIdentityUser"),
        "{readme}"
    );
    assert!(readme.contains("serviceAccount:PROJECT_ID.svc.id.goog[operations/restore-db]"));
}

#[test]
fn lint_flags_an_identity_its_own_policy_cuts_off() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args([
            "new",
            "restore-db",
            "--no-input",
            "--aws-role-arn",
            "arn:aws:iam::123456789012:role/job",
            "--",
            "true",
        ])
        .assert()
        .success();
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db"])
        .assert()
        .success();
    let np = dir.path().join("restore-db/network-policy.yaml");
    let text = std::fs::read_to_string(&np).unwrap();
    let cut = text.replace(
        "    - ports:\n        - protocol: TCP\n          port: 443\n",
        "",
    );
    assert_ne!(cut, text);
    std::fs::write(&np, cut).unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("[identity-egress]"))
        .stdout(predicate::str::contains("AWS STS over HTTPS"));
}

#[test]
fn cluster_dns_follows_the_team_setting() {
    let dir = TempDir::new().unwrap();
    for (dns, cidr) in [
        ("node-local-dns", "169.254.20.10/32"),
        ("gke-cloud-dns", "169.254.169.254/32"),
    ] {
        std::fs::write(dir.path().join(".jobgen.yaml"), format!("dns: {dns}\n")).unwrap();
        let yaml = stdout_of(jobgen().current_dir(dir.path()).args([
            "new",
            "restore-db",
            "--no-input",
            "--stdout",
        ]));
        check_stream(&yaml);
        let docs = documents(&yaml);
        let rules = find(&docs, "NetworkPolicy")["spec"]["egress"]
            .as_array()
            .unwrap()
            .clone();
        // kube-dns stays; the other resolver is added, on UDP and TCP 53.
        assert_eq!(
            rules[0]["to"][0]["podSelector"]["matchLabels"]["k8s-app"],
            "kube-dns"
        );
        assert_eq!(rules[1]["to"][0]["ipBlock"]["cidr"], cidr, "{dns}");
        let ports: Vec<(&str, i64)> = rules[1]["ports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["protocol"].as_str().unwrap(), p["port"].as_i64().unwrap()))
            .collect();
        assert_eq!(ports, [("UDP", 53), ("TCP", 53)]);
    }
    std::fs::write(dir.path().join(".jobgen.yaml"), "dns: coredns\n").unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input", "--stdout"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("coredns"));
    // The default works on a stock cluster: kube-dns only.
    let rules = egress_all(&stream(&["restore-db"]));
    assert_eq!(rules.len(), 1);
}

fn egress_all(yaml: &str) -> Vec<Value> {
    let docs = documents(yaml);
    find(&docs, "NetworkPolicy")["spec"]["egress"]
        .as_array()
        .unwrap()
        .clone()
}

/// The conventions' deploy and check commands, as they give them.
fn seed_commands(name: &str, cron: bool) -> Vec<String> {
    let run = if cron { "<job-name>" } else { name };
    vec![
        format!("kubectl apply -f {name}/"),
        "kubectl get jobs".into(),
        format!("kubectl describe job {run}"),
        format!("kubectl get pods -l job-name={run}"),
        format!("kubectl logs job/{run}"),
        "kubectl logs -f <pod-name>".into(),
        format!("kubectl delete job {run}"),
    ]
}

#[test]
fn every_readme_carries_the_conventions_commands() {
    let dir = TempDir::new().unwrap();
    for (lang, pattern) in [
        ("en", "one-off"),
        ("en", "cron"),
        ("en", "parallel"),
        ("ko", "one-off"),
        ("ko", "cron"),
    ] {
        let name = format!("{pattern}-{lang}-db");
        jobgen()
            .current_dir(dir.path())
            .args([
                "new",
                &name,
                "--no-input",
                "--pattern",
                pattern,
                "--lang",
                lang,
            ])
            .assert()
            .success();
        let readme = std::fs::read_to_string(dir.path().join(&name).join("README.md")).unwrap();
        for cmd in seed_commands(&name, pattern == "cron") {
            assert!(
                readme.lines().any(|l| l.starts_with(&cmd)),
                "{lang} {pattern}: `{cmd}` missing:\n{readme}"
            );
        }
        // Never the broad app/target selector, which matches other jobs.
        assert!(!readme.contains("-l app="), "{readme}");
    }
}

#[test]
fn a_job_that_would_do_nothing_says_so_everywhere() {
    let dir = TempDir::new().unwrap();
    jobgen()
        .current_dir(dir.path())
        .args(["new", "restore-db", "--no-input"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[image-placeholder]"));
    let readme = std::fs::read_to_string(dir.path().join("restore-db/README.md")).unwrap();
    assert!(readme.contains("This job does nothing yet."), "{readme}");
    jobgen()
        .current_dir(dir.path())
        .args(["lint", "restore-db"])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[image-placeholder]"));
    // With a command (or its own image) none of that.
    for extra in [
        &["--", "sh", "-c", "echo"][..],
        &["--image", "ghcr.io/acme/restore:1.2"],
    ] {
        let out = jobgen()
            .current_dir(dir.path())
            .args(["new", "backup-db", "--no-input", "--force"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(!String::from_utf8_lossy(&out.stderr).contains("image-placeholder"));
        let readme = std::fs::read_to_string(dir.path().join("backup-db/README.md")).unwrap();
        assert!(!readme.contains("does nothing yet"), "{extra:?}");
    }
}

/// `jobgen new backup-db --pattern cron --time-zone ZONE --dry-run`.
fn cron_in(zone: &str) -> assert_cmd::assert::Assert {
    jobgen()
        .args([
            "new",
            "backup-db",
            "--no-input",
            "--dry-run",
            "--pattern",
            "cron",
        ])
        .args(["--time-zone", zone])
        .assert()
}

#[test]
fn time_zones_are_checked_against_the_iana_database() {
    for (zone, hint) in [
        ("Asia/Narnia", "is not an IANA time zone name"),
        ("Europe/Berln", "did you mean `Europe/Berlin`?"),
        ("Local", "is not an IANA time zone name"),
    ] {
        cron_in(zone)
            .code(3)
            .stderr(predicate::str::contains(format!("--time-zone \"{zone}\"")))
            .stderr(predicate::str::contains(hint));
    }
    for zone in ["Asia/Seoul", "US/Pacific", "Etc/UTC"] {
        cron_in(zone).success();
    }
}

#[test]
fn korean_particles_fit_the_words_they_follow() {
    let dir = TempDir::new().unwrap();
    for args in [
        &["restore-db"][..],
        &["backup-db", "--no-external-secret", "--no-configmap"],
    ] {
        jobgen()
            .current_dir(dir.path())
            .args(["new", "--no-input", "--lang", "ko"])
            .args(args)
            .assert()
            .success();
        let readme = std::fs::read_to_string(dir.path().join(args[0]).join("README.md")).unwrap();
        // "DNS" and "…-secrets" end in a vowel sound (에스): 로, not 으로.
        assert!(!readme.contains("DNS으로"), "{readme}");
        assert!(!readme.contains("secrets`으로"), "{readme}");
    }
    let readme = std::fs::read_to_string(dir.path().join("backup-db/README.md")).unwrap();
    assert!(readme.contains("클러스터 DNS로만"), "{readme}");
    let readme = std::fs::read_to_string(dir.path().join("restore-db/README.md")).unwrap();
    assert!(
        readme.contains("`restore-db-secrets` Secret으로"),
        "{readme}"
    );
}
