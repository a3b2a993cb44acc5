//! The fields of a Job the API server refuses to change once the Job
//! exists (kubernetes pkg/apis/batch/validation, ValidateJobSpecUpdate;
//! kubernetes#89657): an update that changes one is named, with what
//! applying it takes under the team's `gitops`, before `kubectl apply`
//! meets "field is immutable".

use crate::choices::Gitops;
use crate::i18n::{Msg, f};

use super::model::FieldChange;

/// Paths under a Job's spec that cannot change in place. `completions`
/// can, for an Indexed Job, together with `parallelism`.
const IMMUTABLE: [&str; 8] = [
    "spec.selector",
    "spec.template",
    "spec.completionMode",
    "spec.podFailurePolicy",
    "spec.backoffLimitPerIndex",
    "spec.successPolicy",
    "spec.managedBy",
    "spec.completions",
];

fn under(path: &str, field: &str) -> bool {
    path.strip_prefix(field)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// One note per Job whose immutable fields the update changes.
pub fn notes(changes: &[FieldChange], gitops: Gitops) -> Vec<String> {
    let mut jobs: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for c in changes.iter().filter(|c| c.object.starts_with("Job/")) {
        let elastic = c.path == "spec.completions"
            && changes
                .iter()
                .any(|d| d.object == c.object && d.path == "spec.parallelism");
        if elastic || !IMMUTABLE.iter().any(|f| under(&c.path, f)) {
            continue;
        }
        match jobs.iter_mut().find(|(_, o, _)| *o == c.object) {
            Some((_, _, paths)) => paths.push(&c.path),
            None => jobs.push((&c.file, &c.object, vec![&c.path])),
        }
    }
    jobs.into_iter()
        .map(|(file, object, paths)| {
            let how = match gitops {
                Gitops::Kubectl => f(Msg::U_IMMUTABLE_KUBECTL, &[("file", file)]),
                Gitops::Argocd => f(Msg::U_IMMUTABLE_ARGOCD, &[]),
                Gitops::Flux => f(Msg::U_IMMUTABLE_FLUX, &[]),
            };
            f(
                Msg::U_IMMUTABLE,
                &[
                    ("file", file),
                    ("object", object),
                    ("paths", &paths.join(", ")),
                    ("how", &how),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    fn change(path: &str) -> FieldChange {
        FieldChange {
            file: "job.yaml".into(),
            object: "Job/x".into(),
            path: path.into(),
            from: Json::Null,
            to: Json::Null,
        }
    }

    #[test]
    fn immutable_fields_are_named_and_mutable_ones_are_not() {
        for path in [
            "spec.template.spec.containers[x].image",
            "spec.completionMode",
            "spec.podFailurePolicy",
            "spec.backoffLimitPerIndex",
            "spec.selector",
            "spec.completions",
        ] {
            let n = notes(&[change(path)], Gitops::Kubectl);
            assert_eq!(n.len(), 1, "{path}");
            assert!(
                n[0].contains(path) && n[0].contains("kubectl replace --force"),
                "{n:?}"
            );
        }
        for path in [
            "spec.parallelism",
            "spec.suspend",
            "spec.activeDeadlineSeconds",
            "spec.backoffLimit",
            "spec.ttlSecondsAfterFinished",
            "metadata.labels.env",
            "spec.templateX",
        ] {
            assert!(notes(&[change(path)], Gitops::Kubectl).is_empty(), "{path}");
        }
        // An Indexed Job's completions change with its parallelism.
        let both = [change("spec.completions"), change("spec.parallelism")];
        assert!(notes(&both, Gitops::Kubectl).is_empty());
        // A CronJob's job template is mutable.
        let mut cron = change("spec.jobTemplate.spec.template.spec.containers[x].image");
        cron.object = "CronJob/x".into();
        assert!(notes(&[cron], Gitops::Kubectl).is_empty());
        assert!(notes(&[change("spec.template")], Gitops::Argocd)[0].contains("next sync"));
        assert!(
            notes(&[change("spec.template")], Gitops::Flux)[0].contains("deletes and re-creates")
        );
    }
}
