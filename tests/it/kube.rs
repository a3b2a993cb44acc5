//! Every generated document parses into the typed Kubernetes structs
//! (k8s-openapi) with no ignored field and no wrong type, custom resources
//! pass their CRD schema, and the pod meets Pod Security "restricted".

use k8s_openapi::api::batch::v1::{CronJob, Job, JobSpec};
use k8s_openapi::api::core::v1::{ConfigMap, PodSpec, ServiceAccount};
use k8s_openapi::api::networking::v1::NetworkPolicy;
use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::crd;
use crate::harness::{documents, stream};

/// Deserialises `doc` as `T`, failing on any field `T` does not know.
pub fn strict<T: DeserializeOwned>(doc: &Value) -> T {
    let mut ignored = Vec::new();
    let t = serde_ignored::deserialize(doc.clone(), |path| ignored.push(path.to_string()))
        .unwrap_or_else(|e| panic!("{} does not parse as its type: {e}\n{doc:#}", doc["kind"]));
    assert!(
        ignored.is_empty(),
        "{} has fields Kubernetes does not know: {ignored:?}",
        doc["kind"]
    );
    t
}

/// The CRD schemas, parsed once for all tests (the SecretStore one is large).
static SCHEMAS: std::sync::LazyLock<(Value, Value, Value)> = std::sync::LazyLock::new(|| {
    (
        crd::schema(
            include_str!("../data/external-secrets.io_externalsecrets.yaml"),
            "v1",
        ),
        crd::schema(
            include_str!("../data/external-secrets.io_secretstores.yaml"),
            "v1",
        ),
        crd::schema(
            include_str!("../data/monitoring.coreos.com_prometheusrules.yaml"),
            "v1",
        ),
    )
});

/// Checks every document of a stream strictly and returns the Job spec.
pub fn check_stream(yaml: &str) -> JobSpec {
    let (es_schema, store_schema, rule_schema) = &*SCHEMAS;
    let mut job_spec = None;
    for doc in documents(yaml) {
        match doc["kind"].as_str().expect("every document has a kind") {
            "Job" => job_spec = strict::<Job>(&doc).spec,
            "CronJob" => {
                let cron: CronJob = strict(&doc);
                job_spec = cron.spec.expect("spec").job_template.spec;
            }
            "ServiceAccount" => drop(strict::<ServiceAccount>(&doc)),
            "Role" => drop(strict::<Role>(&doc)),
            "RoleBinding" => drop(strict::<RoleBinding>(&doc)),
            "ConfigMap" => drop(strict::<ConfigMap>(&doc)),
            "NetworkPolicy" => drop(strict::<NetworkPolicy>(&doc)),
            "SecretStore" => {
                assert_eq!(doc["apiVersion"], "external-secrets.io/v1");
                let errors = crd::check(store_schema, &doc);
                assert!(
                    errors.is_empty(),
                    "SecretStore does not match its CRD: {errors:?}"
                );
            }
            "PrometheusRule" => {
                assert_eq!(doc["apiVersion"], "monitoring.coreos.com/v1");
                let errors = crd::check(rule_schema, &doc);
                assert!(
                    errors.is_empty(),
                    "PrometheusRule does not match its CRD: {errors:?}"
                );
            }
            "ExternalSecret" => {
                assert_eq!(doc["apiVersion"], "external-secrets.io/v1");
                let errors = crd::check(es_schema, &doc);
                assert!(
                    errors.is_empty(),
                    "ExternalSecret does not match its CRD: {errors:?}"
                );
            }
            other => panic!("unexpected kind {other}"),
        }
    }
    let spec = job_spec.expect("a Job or CronJob");
    assert_restricted(spec.template.spec.as_ref().expect("pod spec"));
    spec
}

/// Pod Security Standards "restricted", plus our own defaults.
fn assert_restricted(pod: &PodSpec) {
    let psc = pod.security_context.as_ref().expect("pod securityContext");
    assert_eq!(psc.run_as_non_root, Some(true));
    assert!(psc.run_as_user.expect("runAsUser") >= 10000);
    assert_eq!(
        psc.seccomp_profile.as_ref().expect("seccomp").type_,
        "RuntimeDefault"
    );
    // Explicit either way: false unless --rbac rules need the API (tested in identity.rs).
    assert!(pod.automount_service_account_token.is_some());
    assert!(matches!(
        pod.restart_policy.as_deref(),
        Some("Never" | "OnFailure")
    ));
    for c in &pod.containers {
        let sc = c
            .security_context
            .as_ref()
            .expect("container securityContext");
        assert_eq!(sc.allow_privilege_escalation, Some(false));
        assert_eq!(sc.read_only_root_filesystem, Some(true));
        let caps = sc.capabilities.as_ref().expect("capabilities");
        assert_eq!(caps.drop.as_deref(), Some(&["ALL".to_string()][..]));
        assert!(caps.add.is_none());
        let image = c.image.as_deref().expect("image");
        assert!(
            image.contains(':') && !image.ends_with(":latest"),
            "{image}"
        );
        let tmp = c
            .volume_mounts
            .as_ref()
            .expect("mounts")
            .iter()
            .find(|m| m.mount_path == "/tmp");
        let tmp = tmp.expect("/tmp is mounted");
        let vol = pod
            .volumes
            .as_ref()
            .expect("volumes")
            .iter()
            .find(|v| v.name == tmp.name)
            .expect("tmp volume");
        assert!(vol.empty_dir.is_some(), "/tmp is an emptyDir");
        let res = c.resources.as_ref().expect("resources");
        for part in [&res.requests, &res.limits] {
            let part = part.as_ref().expect("requests and limits");
            assert!(part.contains_key("cpu") && part.contains_key("memory"));
        }
    }
    assert!(pod.host_network.is_none() && pod.host_pid.is_none() && pod.host_ipc.is_none());
}

#[test]
fn one_off_defaults_are_the_seeds() {
    let spec = check_stream(&stream(&["cloud-sql-restore-ojeomneo"]));
    assert_eq!(spec.ttl_seconds_after_finished, Some(3600));
    assert_eq!(spec.backoff_limit, Some(3));
    assert_eq!(spec.active_deadline_seconds, Some(3600));
    assert_eq!(spec.parallelism, None);
    let pod = spec.template.spec.unwrap();
    assert_eq!(pod.restart_policy.as_deref(), Some("Never"));
    assert_eq!(
        pod.service_account_name.as_deref(),
        Some("cloud-sql-restore-ojeomneo")
    );
    assert_eq!(pod.automount_service_account_token, Some(false));
    let res = pod.containers[0].resources.clone().unwrap();
    let q = |m: &Option<
        std::collections::BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>,
    >,
             k: &str| { m.as_ref().unwrap()[k].0.clone() };
    assert_eq!(
        [
            q(&res.requests, "cpu"),
            q(&res.requests, "memory"),
            q(&res.limits, "cpu"),
            q(&res.limits, "memory")
        ],
        ["100m", "256Mi", "500m", "512Mi"]
    );
}

#[test]
fn cron_defaults_are_the_seeds() {
    let yaml = stream(&["nightly-backup-ojeomneo", "--pattern", "cron"]);
    let spec = check_stream(&yaml);
    assert_eq!(
        spec.ttl_seconds_after_finished, None,
        "history limits clean up a CronJob's Jobs"
    );
    let docs = documents(&yaml);
    let cron: CronJob = strict(crate::harness::find(&docs, "CronJob"));
    let cs = cron.spec.unwrap();
    assert_eq!(cs.schedule, "0 2 * * *");
    assert_eq!(cs.successful_jobs_history_limit, Some(3));
    assert!(cs.failed_jobs_history_limit.is_some());
    assert_eq!(cs.concurrency_policy.as_deref(), Some("Forbid"));
    assert!(cs.starting_deadline_seconds.is_some());
}

#[test]
fn parallel_defaults_are_the_seeds() {
    let spec = check_stream(&stream(&["image-resize-batch", "--pattern", "parallel"]));
    assert_eq!(spec.parallelism, Some(5));
    assert_eq!(spec.completions, Some(10));
    assert_eq!(spec.completion_mode.as_deref(), Some("Indexed"));
}

#[test]
fn labels_are_on_every_object_and_the_pod() {
    let yaml = stream(&["cloud-sql-restore-ojeomneo", "--env", "prod"]);
    let docs = documents(&yaml);
    assert_eq!(
        docs.len(),
        7,
        "ServiceAccount, Role, RoleBinding, ConfigMap, ExternalSecret, NetworkPolicy, Job"
    );
    let want = serde_json::json!({"app": "cloud-sql-restore", "database": "ojeomneo", "version": "v1", "env": "prod"});
    for doc in &docs {
        assert_eq!(doc["metadata"]["labels"], want, "{}", doc["kind"]);
        assert_eq!(
            doc["metadata"]["namespace"], "operations",
            "{}",
            doc["kind"]
        );
    }
    let job = crate::harness::find(&docs, "Job");
    let mut pod_labels = want.clone();
    pod_labels["app.kubernetes.io/instance"] = "cloud-sql-restore-ojeomneo".into();
    assert_eq!(
        job["spec"]["template"]["metadata"]["labels"], pod_labels,
        "the instance label lets the NetworkPolicy select exactly this job's pods"
    );
    let np = crate::harness::find(&docs, "NetworkPolicy");
    assert_eq!(
        np["spec"]["podSelector"]["matchLabels"],
        serde_json::json!({"app": "cloud-sql-restore", "database": "ojeomneo", "app.kubernetes.io/instance": "cloud-sql-restore-ojeomneo"})
    );
}

#[test]
fn every_option_still_gives_strict_valid_objects() {
    let cases: &[&[&str]] = &[
        &[
            "a-b",
            "--pattern",
            "cron",
            "--schedule",
            "@hourly",
            "--restart-policy",
            "OnFailure",
            "--size",
            "heavy",
        ],
        &[
            "a-b",
            "--pattern",
            "parallel",
            "--parallelism",
            "3",
            "--completions",
            "7",
            "--size",
            "medium",
        ],
        &[
            "a-b",
            "--no-service-account",
            "--no-configmap",
            "--no-external-secret",
        ],
        &[
            "a-b",
            "--secret",
            "DB_PASSWORD=db-pass",
            "--secret",
            "API_TOKEN=api/token",
            "--env-var",
            "MODE=full",
        ],
        &[
            "a-b",
            "--gcp-service-account",
            "x@p.iam.gserviceaccount.com",
            "--secret-store",
            "gcp",
            "--secret-store-kind",
            "SecretStore",
        ],
        &[
            "a-b",
            "--aws-role-arn",
            "arn:aws:iam::123456789012:role/x",
            "--cpu-request",
            "250m",
            "--memory-limit",
            "2Gi",
        ],
        &[
            "a-b",
            "--image",
            "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "--",
            "sh",
            "-c",
            "echo \"$HOME\"",
        ],
    ];
    for args in cases {
        check_stream(&stream(args));
    }
}

#[test]
fn cloud_identity_annotates_the_service_account() {
    let docs = documents(&stream(&[
        "a-b",
        "--gcp-service-account",
        "x@p.iam.gserviceaccount.com",
    ]));
    let sa: ServiceAccount = strict(crate::harness::find(&docs, "ServiceAccount"));
    assert_eq!(
        sa.metadata.annotations.unwrap()["iam.gke.io/gcp-service-account"],
        "x@p.iam.gserviceaccount.com"
    );
    assert_eq!(sa.automount_service_account_token, Some(false));
    let docs = documents(&stream(&[
        "a-b",
        "--aws-role-arn",
        "arn:aws:iam::123456789012:role/x",
    ]));
    let sa: ServiceAccount = strict(crate::harness::find(&docs, "ServiceAccount"));
    assert_eq!(
        sa.metadata.annotations.unwrap()["eks.amazonaws.com/role-arn"],
        "arn:aws:iam::123456789012:role/x"
    );
    let es = crate::harness::find(&docs, "ExternalSecret");
    assert_eq!(es["spec"]["secretStoreRef"]["name"], "aws-secrets-manager");
}

#[test]
fn the_role_grants_nothing_and_the_binding_binds_the_job_account() {
    let docs = documents(&stream(&["a-b"]));
    let role: Role = strict(crate::harness::find(&docs, "Role"));
    assert_eq!(role.rules, Some(vec![]));
    let rb: RoleBinding = strict(crate::harness::find(&docs, "RoleBinding"));
    assert_eq!(rb.role_ref.name, "a-b");
    let subject = &rb.subjects.unwrap()[0];
    assert_eq!(
        (
            subject.kind.as_str(),
            subject.name.as_str(),
            subject.namespace.as_deref()
        ),
        ("ServiceAccount", "a-b", Some("default"))
    );
}

#[test]
fn secrets_reach_the_pod_as_environment_variables_never_files() {
    let yaml = stream(&[
        "a-b",
        "--secret",
        "DB_PASSWORD=db-pass",
        "--env-var",
        "MODE=full",
    ]);
    let spec = check_stream(&yaml);
    let pod = spec.template.spec.unwrap();
    let env_from = pod.containers[0].env_from.clone().unwrap();
    assert_eq!(
        env_from[0].config_map_ref.as_ref().unwrap().name,
        "a-b-config"
    );
    assert_eq!(env_from[1].secret_ref.as_ref().unwrap().name, "a-b-secrets");
    assert!(pod.volumes.unwrap().iter().all(|v| v.secret.is_none()));
    let docs = documents(&yaml);
    let es = crate::harness::find(&docs, "ExternalSecret");
    assert_eq!(es["spec"]["target"]["name"], "a-b-secrets");
    assert_eq!(es["spec"]["data"][0]["secretKey"], "DB_PASSWORD");
    assert_eq!(es["spec"]["data"][0]["remoteRef"]["key"], "db-pass");
    let cm: ConfigMap = strict(crate::harness::find(&docs, "ConfigMap"));
    assert_eq!(cm.data.unwrap()["MODE"], "full");
}
