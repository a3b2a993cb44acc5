//! What the rules work on: one parsed object and where it is, and the sink
//! that collects findings (honouring per-object suppressions).

use crate::yaml::Spanned;

use crate::lint::catalog::{Finding, Options, rule_by_id};
use crate::yaml::Node;

/// Prefix of the per-object suppression annotation.
pub const SUPPRESS_PREFIX: &str = "lint.jobgen.dev/";

/// One parsed object and where it is.
pub(crate) struct Object<'a> {
    pub(crate) file: &'a str,
    pub(crate) doc: &'a Spanned<Node>,
    pub(crate) kind: &'a str,
    pub(crate) name: &'a str,
}

impl Object<'_> {
    /// `Kind/name`; `Kind/prefix*` for an object named by generateName.
    pub(crate) fn label(&self) -> String {
        match self.generate_name().filter(|_| self.name.is_empty()) {
            Some(prefix) => format!("{}/{prefix}*", self.kind),
            None => format!("{}/{}", self.kind, self.name),
        }
    }

    /// `metadata.generateName`, if set.
    pub(crate) fn generate_name(&self) -> Option<&str> {
        self.at(&["metadata", "generateName"])
            .and_then(|g| g.value.text())
    }

    /// True for a Kubernetes Job or CronJob (API group `batch`), not a
    /// custom resource of another group that is also called Job or CronJob
    /// (kubebuilder's tutorial CronJob, say).
    pub(crate) fn is_batch_job(&self) -> bool {
        matches!(self.kind, "Job" | "CronJob")
            && self
                .at(&["apiVersion"])
                .and_then(|v| v.value.text())
                .is_some_and(|v| v.starts_with("batch/"))
    }

    pub(crate) fn node(&self) -> &Node {
        &self.doc.value
    }

    pub(crate) fn at(&self, path: &[&str]) -> Option<&Spanned<Node>> {
        self.node().at(path)
    }

    /// The reason this object gives for switching `rule` off, if any.
    pub(crate) fn suppressed(&self, rule: &str) -> bool {
        let key = format!("{SUPPRESS_PREFIX}{rule}");
        self.at(&["metadata", "annotations", &key])
            .and_then(|n| n.value.text())
            .is_some_and(|r| !r.trim().is_empty())
    }
}

/// Collects findings, applying per-object suppression.
pub(crate) struct Sink<'a> {
    pub(crate) label: &'a str,
    pub(crate) findings: Vec<Finding>,
    pub(crate) options: &'a Options,
    /// Every file of the folder parsed: an object missing from the folder is
    /// really missing, not in a file that failed to parse.
    pub(crate) complete: bool,
}

impl Sink<'_> {
    pub(crate) fn file(
        &mut self,
        id: &'static str,
        file: &str,
        line: u64,
        message: String,
        hint: &str,
    ) {
        let rule = rule_by_id(id).expect("known rule");
        self.findings.push(Finding {
            rule: rule.id,
            severity: self.severity(rule),
            file: format!("{}/{file}", self.label),
            line,
            object: None,
            message,
            hint: hint.to_string(),
        });
    }

    /// A rule's severity here: `job-reruns` is an error under a GitOps
    /// controller, which re-runs the Job on its own, and a warning under
    /// kubectl, where it takes a person's apply.
    fn severity(&self, rule: &crate::lint::catalog::Rule) -> crate::lint::catalog::Severity {
        match (rule.id, self.options.gitops) {
            ("job-reruns", crate::choices::Gitops::Kubectl) => {
                crate::lint::catalog::Severity::Warning
            }
            _ => rule.severity,
        }
    }

    pub(crate) fn object(
        &mut self,
        id: &'static str,
        o: &Object,
        line: u64,
        message: String,
        hint: &str,
    ) {
        if o.suppressed(id) {
            return;
        }
        let rule = rule_by_id(id).expect("known rule");
        let message = match rule.pss {
            Some((profile, control)) => {
                format!("{message} (Pod Security {profile}: {control})")
            }
            None => message,
        };
        self.findings.push(Finding {
            rule: rule.id,
            severity: self.severity(rule),
            file: format!("{}/{}", self.label, o.file),
            line,
            object: Some(o.label()),
            message,
            hint: hint.to_string(),
        });
    }
}

pub(crate) fn line<T>(n: &Spanned<T>) -> u64 {
    n.referenced.line()
}

/// Names of the folder's objects of a kind.
pub(crate) fn names<'a>(objects: &'a [Object], kind: &str) -> Vec<&'a str> {
    objects
        .iter()
        .filter(|o| o.kind == kind)
        .map(|o| o.name)
        .collect()
}
