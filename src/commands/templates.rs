//! `jobgen templates list|context|export`.

use crate::i18n::Msg;
use std::path::Path;

use crate::answers;
use crate::answers::fields::key;
use crate::answers::sources as config;
use crate::cli::NewArgs;
use crate::error::{Error, InvalidAnswer};
use crate::render::{self, templates};
use crate::{i18n, sayln, style};

/// `jobgen templates list`.
pub fn list(args: &NewArgs) -> Result<(), Error> {
    let (mut layers, _) = config::from_args(args)?;
    answers::fill_defaults(&mut layers);
    let lang = layers.text(key::LANG).unwrap_or("en").to_string();
    let team = layers.templates_dir();
    let mut out = String::new();
    for l in templates::list(team.as_deref(), &lang)? {
        let state = if l.on { "" } else { "  (switched off)" };
        out.push_str(&format!("{:<22} {}{state}\n", l.output, l.origin));
    }
    style::print_stdout(out.as_bytes())
}

/// `jobgen templates context`.
pub fn context(args: &NewArgs) -> Result<(), Error> {
    let (layers, _) = config::from_args(args)?;
    let answers = answers::validate(&layers)?;
    let mut text = serde_json::to_string_pretty(&render::context(&answers)).expect("JSON");
    text.push('\n');
    style::print_stdout(text.as_bytes())
}

/// `jobgen templates export`: the chosen built-ins (all by default) and the
/// variables reference; a file already there is kept (and named) unless
/// `--force`.
pub fn export(dir: &Path, wanted: &[String], force: bool) -> Result<(), Error> {
    let all: Vec<(&str, &str)> = templates::builtins().collect();
    let mut chosen: Vec<(&str, &str)> = Vec::new();
    let mut unknown = Vec::new();
    for w in wanted {
        let file = if w.ends_with(".tera") {
            w.clone()
        } else {
            format!("{w}.tera")
        };
        match all.iter().find(|(n, _)| *n == file) {
            Some(t) => chosen.push(*t),
            None => unknown.push(InvalidAnswer {
                flag: "FILE".into(),
                value: Some(w.clone()),
                why: format!(
                    "is not a built-in template; choose from {}",
                    all.iter().map(|t| t.0).collect::<Vec<_>>().join(", ")
                ),
            }),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::Invalid(unknown));
    }
    if wanted.is_empty() {
        chosen = all;
    }
    // The variables templates see go with any template exported.
    chosen.push(("README.md", templates::CONTEXT_DOC));
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    for (name, source) in &chosen {
        let path = dir.join(name);
        let shown = path.display().to_string();
        match write_template(&path, source, force)? {
            true => sayln!("{}", i18n::f(Msg::T_WROTE, &[("path", &shown)])),
            false => sayln!("{}", i18n::f(Msg::T_KEPT, &[("path", &shown)])),
        }
    }
    sayln!(
        "next: edit them, delete the ones you keep as built, and pass --templates {} (or set `templates:` in .jobgen.yaml)",
        dir.display()
    );
    Ok(())
}

/// Writes one exported file; false when it exists and is kept. Without
/// `force` the file is created only if absent at that moment, so a file
/// another run writes meanwhile is kept too; with it, the file is replaced
/// whole (never a FIFO or other special file: `write::one_file`).
fn write_template(path: &Path, source: &str, force: bool) -> Result<bool, Error> {
    use std::io::Write;
    if force {
        let notes = crate::write::one_file(path, source)?;
        notes.0.iter().for_each(|n| sayln!("  {n}"));
        return Ok(true);
    }
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match created {
        Ok(mut file) => file
            .write_all(source.as_bytes())
            .map(|()| true)
            .map_err(|e| Error::io("write", path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::io("write", path, e)),
    }
}
