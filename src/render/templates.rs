//! Templates per output file: the built-ins, embedded with include_dir, each
//! overridable by a team folder file of the same name; extra `*.tera` files
//! in the team folder are extra outputs; `NAME.off` switches an optional
//! built-in output off. Every template knows where it came from.

use crate::answers::fields::{Key, key};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::answers::Files;
use crate::error::Error;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

pub use crate::render::output::OUTPUTS;

/// templates/README.md: the variables templates see, exported with them.
pub const CONTEXT_DOC: &str = include_str!("../../templates/README.md");

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in jobgen.
    BuiltIn,
    /// A file in the team's templates folder.
    Team(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::BuiltIn => write!(f, "built-in"),
            Origin::Team(p) => write!(f, "{}", p.display()),
        }
    }
}

/// One template: the file it renders, its source and origin.
#[derive(Debug, Clone)]
pub struct Template {
    /// The output file name, e.g. `job.yaml`.
    pub output: String,
    /// The template file name, e.g. `job.yaml.tera`.
    pub file: String,
    /// Tera source (a built-in one is not copied).
    pub source: Cow<'static, str>,
    /// Where it came from.
    pub origin: Origin,
}

/// What a team folder does to one output, for `jobgen templates list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub output: String,
    pub origin: Origin,
    /// False when switched off by a `.off` file.
    pub on: bool,
}

/// The template file of a built-in output in a language.
pub fn builtin_name(output: &str, lang: &str) -> String {
    match (output, lang) {
        ("README.md", "ko") => "README.ko.md.tera".into(),
        // (Not `format!`: this runs for every output of every folder.)
        _ => [output, ".tera"].concat(),
    }
}

/// The built-in template file names, without reading (or checking the
/// UTF-8 of) their contents.
fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN
        .files()
        .filter_map(|f| f.path().to_str())
        .filter(|name| name.ends_with(".tera"))
}

fn builtin_source(file: &str) -> Option<&'static str> {
    BUILTIN.get_file(file).and_then(|f| f.contents_utf8())
}

/// The built-in template sources, by template file name.
pub fn builtins() -> impl Iterator<Item = (&'static str, &'static str)> {
    builtin_names().filter_map(|name| Some((name, builtin_source(name)?)))
}

/// Every output with its origin, given a team folder and language; does
/// not read template contents.
pub fn list(team: Option<&Path>, lang: &str) -> Result<Vec<Listed>, Error> {
    let team_files = team_files(team)?;
    let has = |name: &str| team_files.iter().any(|f| f == name);
    let mut out = Vec::new();
    for built_in in OUTPUTS {
        let output = built_in.file;
        let file = builtin_name(output, lang);
        let off = team_files
            .iter()
            .any(|f| f.strip_suffix(".off") == Some(output));
        if off && built_in.switch.is_none() {
            let dir = team.expect("team files come from a folder");
            return Err(Error::Template {
                file: format!("{output}.off"),
                origin: dir.display().to_string(),
                report: format!(
                    "{output} is required and cannot be switched off; remove {output}.off"
                ),
            });
        }
        let origin = match team {
            Some(dir) if has(&file) => Origin::Team(dir.join(&file)),
            _ => Origin::BuiltIn,
        };
        out.push(Listed {
            output: output.to_string(),
            origin,
            on: !off,
        });
    }
    for name in &team_files {
        if let Some(output) = name.strip_suffix(".tera")
            && !builtin_names().any(|n| n == name)
        {
            let dir = team.expect("team files come from a folder");
            if !crate::render::output::plain_file_name(output) {
                return Err(Error::Template {
                    file: name.clone(),
                    origin: dir.display().to_string(),
                    report: format!(
                        "{name} would write a file named {output:?}, which is not a file jobgen may write (empty, `.`, `..`, or jobgen's own {} / {}); rename the template",
                        crate::render::output::ANSWERS_FILE,
                        crate::render::output::BASE_FILE
                    ),
                });
            }
            out.push(Listed {
                output: output.to_string(),
                origin: Origin::Team(dir.join(name)),
                on: true,
            });
        }
    }
    Ok(out)
}

/// The answer key that turns an optional built-in output on or off.
pub fn files_key(output: &str) -> Option<Key> {
    crate::render::output::builtin(output).and_then(|o| o.switch)
}

/// Optional built-in outputs the team folder switches off with `NAME.off`,
/// as (answer key, the .off file). They become defaults of the `files.*`
/// answers, so the job never refers to a file that is not produced.
pub fn switched_off(team: &Path) -> Result<Vec<(Key, PathBuf)>, Error> {
    Ok(list(Some(team), "en")?
        .into_iter()
        .filter(|l| !l.on)
        .filter_map(|l| {
            Some((
                files_key(&l.output)?,
                team.join(format!("{}.off", l.output)),
            ))
        })
        .collect())
}

/// File names in the team folder, sorted.
fn team_files(team: Option<&Path>) -> Result<Vec<String>, Error> {
    let Some(dir) = team else {
        return Ok(Vec::new());
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io("read the templates folder", dir, e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read the templates folder", dir, e))?;
        if entry.path().is_file()
            && let Some(name) = entry.file_name().to_str()
        {
            names.push(name.to_string());
        }
    }
    names.sort();
    Ok(names)
}

/// The templates for the files these answers produce, and only those.
pub fn for_answers(
    team: Option<&Path>,
    lang: &str,
    files: Files,
    monitoring: bool,
) -> Result<Vec<Template>, Error> {
    let mut out = Vec::new();
    for listed in list(team, lang)? {
        // `.off` files already turned the matching `files.*` answer off.
        let enabled = match files_key(&listed.output) {
            Some(key::MONITORING) => monitoring,
            Some(k) => files.enabled(k),
            None => true,
        };
        if !enabled {
            continue;
        }
        let (file, source) = match &listed.origin {
            Origin::BuiltIn => {
                let file = builtin_name(&listed.output, lang);
                let source =
                    builtin_source(&file).unwrap_or_else(|| panic!("built-in {file} is embedded"));
                (file, Cow::Borrowed(source))
            }
            Origin::Team(path) => {
                let source =
                    std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
                let file = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                (file, Cow::Owned(source))
            }
        };
        out.push(Template {
            output: listed.output,
            file,
            source,
            origin: listed.origin,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_has_an_embedded_template_in_each_language() {
        let all = Files {
            readme: true,
            service_account: true,
            external_secret: true,
            configmap: true,
            network_policy: true,
        };
        for lang in ["en", "ko"] {
            assert_eq!(
                for_answers(None, lang, all, true).unwrap().len(),
                OUTPUTS.len()
            );
        }
        let none = Files {
            readme: false,
            service_account: false,
            external_secret: false,
            configmap: false,
            network_policy: false,
        };
        let names: Vec<_> = for_answers(None, "en", none, false)
            .unwrap()
            .into_iter()
            .map(|t| t.output)
            .collect();
        assert_eq!(names, ["job.yaml"]);
    }
}
