//! References everywhere: every ConfigMap, Secret and ServiceAccount a pod
//! names (env valueFrom, envFrom, volumes, projected sources,
//! imagePullSecrets, both ServiceAccount fields) is the folder's, declared
//! external in team config, or one every namespace has; keys asked for
//! exist; literal env values that look secret are flagged.

use assert_fs::TempDir;

use crate::harness::new_in;
use crate::lint_scope::{edit_job, finding, found, lint, lint_refused, rules_of};

/// restore-db with a ConfigMap key MODE and an ExternalSecret key
/// DB_PASSWORD, so keys can be checked.
fn keyed() -> TempDir {
    let dir = TempDir::new().unwrap();
    new_in(
        dir.path(),
        &[
            "restore-db",
            "--env-var",
            "MODE=full",
            "--secret",
            "DB_PASSWORD=db-password",
            "--",
            "sh",
            "-c",
            "echo run",
        ],
    );
    dir
}

const PULL: &str = "          imagePullPolicy: Always\n";

/// Adds `env` entries to the container.
fn add_env(dir: &TempDir, entries: &str) {
    edit_job(dir, PULL, &format!("{PULL}          env:\n{entries}"));
}

fn messages(report: &serde_json::Value, rule: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn env_value_from_keys_are_followed() {
    let dir = keyed();
    add_env(
        &dir,
        "            - name: MODE\n              valueFrom:\n                configMapKeyRef: {name: restore-db-config, key: MODE}\n            - name: PW\n              valueFrom:\n                secretKeyRef: {name: restore-db-secrets, key: DB_PASSWORD}\n",
    );
    let (code, report) = lint(&dir);
    assert_eq!(code, 0, "keys the folder has: {report:#}");

    let dir = keyed();
    add_env(
        &dir,
        "            - name: MODE\n              valueFrom:\n                configMapKeyRef: {name: restore-db-config, key: LEVEL}\n            - name: PW\n              valueFrom:\n                secretKeyRef: {name: restore-db-secrets, key: API_TOKEN}\n            - name: HOST\n              valueFrom:\n                configMapKeyRef: {name: shared-settings, key: HOST}\n            - name: OPT\n              valueFrom:\n                secretKeyRef: {name: maybe-there, key: X, optional: true}\n",
    );
    let (code, report) = lint(&dir);
    assert_eq!(code, 1);
    let cm = messages(&report, "ref-config-map");
    assert_eq!(cm.len(), 2, "{cm:?}");
    assert!(
        cm[0].contains("env MODE configMapKeyRef asks ConfigMap restore-db-config for the key `LEVEL`, which it does not have (it has MODE)"),
        "{cm:?}"
    );
    assert!(
        cm[1].contains(
            "env HOST configMapKeyRef names ConfigMap shared-settings, which is not in this folder"
        ),
        "{cm:?}"
    );
    let secret = messages(&report, "ref-secret");
    assert_eq!(secret.len(), 1, "the optional one may miss: {secret:?}");
    assert!(
        secret[0].contains("asks Secret restore-db-secrets for the key `API_TOKEN`, which it does not have (it has DB_PASSWORD)"),
        "{secret:?}"
    );
}

#[test]
fn volumes_projected_sources_and_pull_secrets_are_followed() {
    let dir = keyed();
    edit_job(
        &dir,
        "      volumes:\n",
        "      imagePullSecrets:\n        - name: registry-creds\n      volumes:\n        - name: settings\n          configMap:\n            name: restore-db-config\n            items:\n              - {key: LEVEL, path: level}\n        - name: certs\n          secret:\n            secretName: tls-certs\n        - name: bundle\n          projected:\n            sources:\n              - configMap: {name: extra-config}\n              - secret: {name: restore-db-secrets, items: [{key: DB_PASSWORD, path: pw}]}\n              - configMap: {name: kube-root-ca.crt}\n",
    );
    let (code, report) = lint(&dir);
    assert_eq!(code, 1);
    let cm = messages(&report, "ref-config-map");
    assert!(
        cm.iter()
            .any(|m| m
                .contains("volume settings asks ConfigMap restore-db-config for the key `LEVEL`")),
        "{cm:?}"
    );
    assert!(
        cm.iter()
            .any(|m| m.contains("projected volume bundle names ConfigMap extra-config")),
        "{cm:?}"
    );
    assert_eq!(
        cm.len(),
        2,
        "kube-root-ca.crt is in every namespace: {cm:?}"
    );
    let secret = messages(&report, "ref-secret");
    assert!(
        secret
            .iter()
            .any(|m| m.contains("volume certs names Secret tls-certs")),
        "{secret:?}"
    );
    assert!(
        secret.iter().any(|m| m
            .contains("imagePullSecrets names Secret registry-creds, which is not in this folder")
            && m.contains("images are pulled without these credentials")),
        "{secret:?}"
    );
    assert_eq!(secret.len(), 2, "{secret:?}");
    let f = finding(&report, "ref-secret");
    assert!(
        f["hint"]
            .as_str()
            .unwrap()
            .contains("lint: {external: [Secret/"),
        "{f}"
    );

    // Declared external in team config: no longer findings.
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        "lint:\n  external:\n    - Secret/tls-certs\n    - Secret/registry-*\n    - ConfigMap/extra-config\n",
    )
    .unwrap();
    let (_, report) = lint(&dir);
    assert_eq!(messages(&report, "ref-secret"), Vec::<String>::new());
    assert_eq!(
        messages(&report, "ref-config-map").len(),
        1,
        "the key is still missing"
    );
}

#[test]
fn both_service_account_fields_are_read() {
    // The deprecated field: the pod uses the folder's ServiceAccount.
    let dir = keyed();
    edit_job(
        &dir,
        "      serviceAccountName: restore-db\n",
        "      serviceAccount: restore-db\n",
    );
    let (code, report) = lint(&dir);
    assert_eq!(code, 0, "{report:#}");
    // Both fields, differing: Kubernetes takes serviceAccountName.
    edit_job(
        &dir,
        "      serviceAccount: restore-db\n",
        "      serviceAccount: old-runner\n      serviceAccountName: restore-db\n",
    );
    let (code, report) = lint(&dir);
    assert_eq!(code, 1);
    let f = finding(&report, "ref-service-account");
    assert!(
        f["message"].as_str().unwrap().contains(
            "serviceAccountName restore-db and the deprecated serviceAccount old-runner differ"
        ),
        "{f}"
    );

    // A ServiceAccount outside the folder, undeclared: an error; declared: fine.
    let dir = keyed();
    std::fs::remove_file(dir.path().join("restore-db/service-account.yaml")).unwrap();
    edit_job(
        &dir,
        "      serviceAccountName: restore-db\n",
        "      serviceAccountName: shared-runner\n",
    );
    let (code, report) = lint(&dir);
    assert_eq!(code, 1);
    let f = finding(&report, "ref-service-account");
    assert!(
        f["message"].as_str().unwrap().contains(
            "ServiceAccount shared-runner, which is not in this folder (the folder defines none)"
        ),
        "{f}"
    );
    std::fs::write(
        dir.path().join(".jobgen.yaml"),
        "lint:\n  external: [ServiceAccount/shared-runner]\n",
    )
    .unwrap();
    let (_, report) = lint(&dir);
    assert!(
        !rules_of(&report).contains(&"ref-service-account".to_string()),
        "{report:#}"
    );
}

#[test]
fn other_workloads_references_are_followed_too() {
    let dir = keyed();
    std::fs::write(
        dir.path().join("restore-db/extra.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: operations\nspec:\n  containers:\n    - name: shell\n      image: busybox:1.37\n      envFrom:\n        - secretRef: {name: forgotten}\n",
    )
    .unwrap();
    let (_, report) = lint(&dir);
    assert!(
        found(&report).contains(&("ref-secret".into(), "Pod/debug".into())),
        "{report:#}"
    );
}

#[test]
fn a_store_the_folder_does_not_define_is_flagged_only_when_it_defines_others() {
    let dir = keyed();
    let es = dir.path().join("restore-db/external-secret.yaml");
    let text = std::fs::read_to_string(&es).unwrap();
    std::fs::write(
        &es,
        text.replace("kind: ClusterSecretStore", "kind: SecretStore"),
    )
    .unwrap();
    // No SecretStore in the folder: the namespace's shared store, unseen.
    let (code, report) = lint(&dir);
    assert_eq!(code, 0, "{report:#}");
    std::fs::write(
        dir.path().join("restore-db/store.yaml"),
        "apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: team-store\n  namespace: operations\nspec:\n  provider:\n    gcpsm: {projectID: p}\n",
    )
    .unwrap();
    let (code, report) = lint(&dir);
    assert_eq!(code, 1);
    let f = finding(&report, "ref-secret-store");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("secretStoreRef names SecretStore gcp-secret-manager, which is not in this folder (the folder defines team-store)"),
        "{f}"
    );
}

#[test]
fn secret_looking_literal_env_values_are_flagged() {
    let dir = keyed();
    add_env(
        &dir,
        "            - name: DB_PASSWORD\n              value: hunter2\n            - name: LOG_LEVEL\n              value: debug\n            - name: PASSWORD_FILE\n              value: /secrets/pw\n            - name: DSN\n              value: postgres://app:pw@db:5432/app\n",
    );
    let (code, report) = lint(&dir);
    assert_eq!(code, 0, "warnings only: {report:#}");
    let env = messages(&report, "env-secret");
    assert_eq!(env.len(), 2, "{env:?}");
    assert!(
        env[0].contains("env DB_PASSWORD holds a literal value"),
        "{env:?}"
    );
    assert!(
        env[1].contains("the value of env DSN looks like a secret"),
        "{env:?}"
    );
}

#[test]
fn a_wrong_external_entry_is_refused() {
    let dir = keyed();
    let err = lint_refused(&dir, "lint:\n  external: [Deployment/web]\n");
    assert!(
        err.contains("`lint.external` entry `Deployment/web` names the kind `Deployment`"),
        "{err}"
    );
}
