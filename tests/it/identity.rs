//! Cloud identity (GKE, EKS, Azure), SecretStores written with
//! --create-secret-store, and least-privilege RBAC.

use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::api::rbac::v1::Role;

use crate::harness::{documents, find, refused_dry_run as refused, stream};
use crate::kube::{check_stream, strict};

const GSA: &str = "a-b@ojeomneo-prod.iam.gserviceaccount.com";
const ROLE: &str = "arn:aws:iam::123456789012:role/a-b";
const CLIENT: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

#[test]
fn azure_workload_identity_labels_the_pod_and_annotates_the_account() {
    let yaml = stream(&["a-b", "--azure-client-id", CLIENT]);
    let spec = check_stream(&yaml);
    let labels = spec.template.metadata.unwrap().labels.unwrap();
    assert_eq!(labels["azure.workload.identity/use"], "true");
    let docs = documents(&yaml);
    let sa: ServiceAccount = strict(find(&docs, "ServiceAccount"));
    assert_eq!(
        sa.metadata.annotations.unwrap()["azure.workload.identity/client-id"],
        CLIENT
    );
    assert_eq!(
        find(&docs, "ExternalSecret")["spec"]["secretStoreRef"]["name"],
        "azure-key-vault"
    );
}

#[test]
fn one_cloud_per_job() {
    refused(
        &["--provider", "aws", "--gcp-service-account", GSA],
        "is a gcp identity but the provider is aws",
    );
    refused(
        &["--gcp-service-account", GSA, "--aws-role-arn", ROLE],
        "a job runs on one cloud",
    );
    refused(&["--azure-client-id", "nope"], "--azure-client-id \"nope\"");
    refused(&["--provider", "ibm"], "--provider \"ibm\"");
}

#[test]
fn secret_stores_for_each_provider_match_their_crd() {
    let cases: [&[&str]; 3] = [
        &[
            "--create-secret-store",
            "--gcp-service-account",
            GSA,
            "--gcp-project",
            "ojeomneo-prod",
        ],
        &[
            "--create-secret-store",
            "--aws-role-arn",
            ROLE,
            "--aws-region",
            "ap-northeast-2",
        ],
        &[
            "--create-secret-store",
            "--azure-client-id",
            CLIENT,
            "--azure-vault-url",
            "https://ojeomneo-kv.vault.azure.net/",
        ],
    ];
    for (args, provider) in cases.iter().zip(["gcpsm", "aws", "azurekv"]) {
        let mut all = vec!["a-b"];
        all.extend_from_slice(args);
        let yaml = stream(&all);
        check_stream(&yaml); // the SecretStore against its CRD, strictly
        let docs = documents(&yaml);
        let store = find(&docs, "SecretStore");
        assert!(
            store["spec"]["provider"][provider].is_object(),
            "{provider}: {store}"
        );
        let es = find(&docs, "ExternalSecret");
        assert_eq!(es["spec"]["secretStoreRef"]["kind"], "SecretStore");
        assert_eq!(
            es["spec"]["secretStoreRef"]["name"],
            store["metadata"]["name"]
        );
    }
}

#[test]
fn a_secret_store_needs_its_settings_and_identity() {
    refused(
        &["--create-secret-store", "--gcp-service-account", GSA],
        "needs --gcp-project",
    );
    refused(
        &["--create-secret-store", "--gcp-project", "ojeomneo-prod"],
        "needs --gcp-service-account",
    );
    refused(
        &["--create-secret-store", "--provider", "none"],
        "needs a cloud",
    );
    refused(
        &[
            "--create-secret-store",
            "--gcp-service-account",
            GSA,
            "--gcp-project",
            "ojeomneo-prod",
            "--secret-store-kind",
            "ClusterSecretStore",
        ],
        "namespaced SecretStore",
    );
    refused(
        &[
            "--create-secret-store",
            "--aws-role-arn",
            ROLE,
            "--aws-region",
            "ap-northeast-2",
            "--no-external-secret",
        ],
        "needs external-secret.yaml",
    );
}

#[test]
fn the_role_grants_exactly_the_rules_asked_and_only_then_the_token_is_mounted() {
    let yaml = stream(&[
        "a-b",
        "--rbac",
        "configmaps:get,list",
        "--rbac",
        "jobs.batch:create",
    ]);
    let spec = check_stream(&yaml);
    assert_eq!(
        spec.template.spec.unwrap().automount_service_account_token,
        Some(true)
    );
    let role: Role = strict(find(&documents(&yaml), "Role"));
    let rules = role.rules.unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0].api_groups.as_deref(), Some(&["".to_string()][..]));
    assert_eq!(rules[0].verbs, ["get", "list"]);
    assert_eq!(
        rules[1].api_groups.as_deref(),
        Some(&["batch".to_string()][..])
    );
    // Without rules, no token: cloud identities use their own projected tokens.
    for args in [
        &["a-b"][..],
        &["a-b", "--aws-role-arn", ROLE][..],
        &["a-b", "--azure-client-id", CLIENT][..],
    ] {
        assert_eq!(
            check_stream(&stream(args))
                .template
                .spec
                .unwrap()
                .automount_service_account_token,
            Some(false)
        );
    }
    refused(&["--rbac", "pods:fly"], "--rbac \"pods:fly\"");
    refused(
        &["--rbac", "pods:get", "--no-service-account"],
        "needs the file that --no-service-account leaves out",
    );
}
