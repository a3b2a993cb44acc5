//! The built-in templates, embedded in the binary with include_dir so it is
//! self-contained. Each output file has one template named after it plus
//! `.tera`; the team customisation issue overlays these per file.

use include_dir::{Dir, include_dir};

use crate::answers::Files;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Output files in the order they are written and streamed: dependencies
/// (identity, configuration, secrets) before the job that uses them.
pub const OUTPUTS: [&str; 5] = [
    "README.md",
    "service-account.yaml",
    "configmap.yaml",
    "external-secret.yaml",
    "job.yaml",
];

/// Where a template came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in jobgen.
    BuiltIn,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::BuiltIn => write!(f, "built-in"),
        }
    }
}

/// One template: the file it renders, its source and origin.
#[derive(Debug, Clone)]
pub struct Template {
    /// The output file name, e.g. `job.yaml`.
    pub output: &'static str,
    /// The template file name, e.g. `job.yaml.tera`.
    pub file: String,
    /// Tera source.
    pub source: &'static str,
    /// Where it came from.
    pub origin: Origin,
}

/// The templates for the files these answers produce, and only those.
pub fn for_files(files: Files) -> Vec<Template> {
    OUTPUTS
        .iter()
        .filter(|out| match **out {
            "service-account.yaml" => files.service_account,
            "configmap.yaml" => files.configmap,
            "external-secret.yaml" => files.external_secret,
            _ => true,
        })
        .map(|out| builtin(out))
        .collect()
}

/// The built-in template for an output file.
fn builtin(output: &'static str) -> Template {
    let file = format!("{output}.tera");
    let source = BUILTIN
        .get_file(&file)
        .and_then(|f| f.contents_utf8())
        .unwrap_or_else(|| panic!("built-in template {file} is embedded"));
    Template {
        output,
        file,
        source,
        origin: Origin::BuiltIn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_has_an_embedded_template() {
        let all = Files {
            service_account: true,
            external_secret: true,
            configmap: true,
        };
        assert_eq!(for_files(all).len(), OUTPUTS.len());
        let none = Files {
            service_account: false,
            external_secret: false,
            configmap: false,
        };
        let names: Vec<_> = for_files(none).iter().map(|t| t.output).collect();
        assert_eq!(names, ["README.md", "job.yaml"]);
    }
}
