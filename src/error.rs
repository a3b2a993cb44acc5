//! Errors are data: each variant carries what the user needs to fix it, and
//! one `Display` turns it into a single message. Exit codes live here too.

use crate::i18n::{Msg, f as tf};
use std::fmt;
use std::path::PathBuf;

/// An answer that failed validation, or one that is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidAnswer {
    /// The flag that sets it (`--ttl`), or `NAME` for the positional argument.
    pub flag: String,
    /// The value as given; None when the answer is missing.
    pub value: Option<String>,
    /// Why it is wrong, or how to supply it.
    pub why: String,
}

impl fmt::Display for InvalidAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{} {}: {}", self.flag, quote(v), self.why),
            None => f.write_str(&crate::i18n::f(
                Msg::E_MISSING,
                &[("flag", &self.flag), ("why", &self.why)],
            )),
        }
    }
}

/// Quotes a value for a message, escaping newlines and quotes so the message stays one line.
fn quote(v: &str) -> String {
    format!("{v:?}")
}

/// A structural problem in a config or values file (unknown key, wrong
/// shape, broken YAML), with its place and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The file.
    pub path: PathBuf,
    /// 1-based line and column; 0 when unknown.
    pub line: u64,
    pub column: u64,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )?;
        if !self.hint.is_empty() {
            write!(f, " ({})", self.hint)?;
        }
        Ok(())
    }
}

/// Everything that can go wrong, with the context to say so once.
#[derive(Debug)]
pub enum Error {
    /// One or more answers are invalid or missing; all are reported together.
    Invalid(Vec<InvalidAnswer>),
    /// A config or values file is malformed; all problems together.
    Config(Vec<ConfigProblem>),
    /// The target folder exists and `--force` was not given.
    TargetExists(PathBuf),
    /// The target exists and is not a folder (nor a symlink to one): even
    /// `--force` does not replace it.
    NotAFolder(PathBuf),
    /// A file jobgen would write exists and `--force` was not given.
    FileExists(PathBuf),
    /// `new --force` would overwrite generated files edited by hand, and
    /// `--discard-edits` was not given.
    EditsWouldBeLost { path: PathBuf, files: Vec<String> },
    /// A file-system operation failed.
    Io {
        /// What jobgen was doing ("create", "write", "rename" …).
        action: &'static str,
        /// The path it was doing it to.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Writing a job folder failed part way; its temporary copy was
    /// removed, so nothing was written.
    NotWritten {
        /// The job folder.
        target: PathBuf,
        /// Why (the temporary folder is not named: it no longer exists).
        why: String,
    },
    /// A template failed to parse or render.
    Template {
        /// The template file name (e.g. `job.yaml.tera`).
        file: String,
        /// Where the template came from (`built-in`, or a path).
        origin: String,
        /// Tera's report, with line and column.
        report: String,
    },
    /// What jobgen rendered fails lint (a team template, usually); the
    /// findings were printed.
    Lint {
        /// How many errors.
        errors: usize,
    },
    /// The terminal prompt failed or was cancelled.
    Prompt(String),
    /// The user declined the confirmation; nothing was written.
    Declined,
    /// A folder `update`/`check` was pointed at holds no recorded answers.
    NotGenerated {
        /// The folder.
        path: PathBuf,
        /// The file a jobgen folder holds (`.jobgen-answers`).
        marker: &'static str,
    },
    /// An input file cannot be used (e.g. a YAML file jobgen must merge
    /// into does not parse).
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// `update` found conflicts and was not told how to settle them.
    Conflicts(usize),
    /// An error already printed; only its exit code is left to give.
    Reported(Box<Error>),
}

/// Process exit codes, documented in the README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Usage error (unknown flag, missing flag value): clap's code.
    pub const USAGE: u8 = 2;
    /// One or more answers are invalid or missing.
    pub const INVALID: u8 = 3;
    /// The target folder exists and `--force` was not given.
    pub const EXISTS: u8 = 4;
    /// Reading or writing files failed.
    pub const IO: u8 = 5;
    /// A template is broken.
    pub const TEMPLATE: u8 = 6;
    /// `jobgen lint` found errors.
    pub const FINDINGS: u8 = 1;
    /// What `jobgen new` rendered fails lint.
    pub const LINT: u8 = 7;
    /// `jobgen update` found conflicts and wrote nothing.
    pub const CONFLICTS: u8 = 8;
    /// The prompt was cancelled or declined.
    pub const CANCELLED: u8 = 130;
}

impl Error {
    /// The exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) | Error::Config(_) => exit::INVALID,
            Error::TargetExists(_)
            | Error::FileExists(_)
            | Error::NotAFolder(_)
            | Error::EditsWouldBeLost { .. } => exit::EXISTS,
            Error::Io { .. } | Error::NotWritten { .. } => exit::IO,
            Error::Template { .. } => exit::TEMPLATE,
            Error::Lint { .. } => exit::LINT,
            Error::Prompt(_) | Error::Declined => exit::CANCELLED,
            Error::NotGenerated { .. } | Error::Unreadable { .. } => exit::USAGE,
            Error::Conflicts(_) => exit::CONFLICTS,
            Error::Reported(e) => e.exit_code(),
        }
    }

    /// Shorthand for an I/O error with its action and path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(list) if list.len() == 1 => {
                let one = list[0].to_string();
                writeln!(
                    f,
                    "{}",
                    crate::i18n::f(Msg::E_INVALID_ONE, &[("answer", &one)])
                )?;
                f.write_str(crate::i18n::t(Msg::E_NOTHING_WRITTEN))
            }
            Error::Invalid(list) => {
                let n = list.len().to_string();
                writeln!(f, "{}", crate::i18n::f(Msg::E_INVALID_MANY, &[("n", &n)]))?;
                for a in list {
                    writeln!(f, "  {a}")?;
                }
                f.write_str(crate::i18n::t(Msg::E_NOTHING_WRITTEN))
            }
            Error::Config(list) => {
                for p in list {
                    writeln!(f, "{p}")?;
                }
                f.write_str(crate::i18n::t(Msg::E_NOTHING_WRITTEN))
            }
            Error::Reported(e) => write!(f, "{e}"),
            other => f.write_str(&other.plain()),
        }
    }
}

impl Error {
    /// The message of every error but answers, config problems and a
    /// reported error (those need more than one line or delegate).
    fn plain(&self) -> String {
        match self {
            Error::FileExists(p) => tf(Msg::E_FILE_EXISTS, &[("path", &p.display().to_string())]),
            Error::TargetExists(p) => {
                tf(Msg::E_TARGET_EXISTS, &[("path", &p.display().to_string())])
            }
            Error::NotAFolder(p) => tf(Msg::E_NOT_A_FOLDER, &[("path", &p.display().to_string())]),
            Error::EditsWouldBeLost { path, files } => tf(
                Msg::E_EDITS_WOULD_BE_LOST,
                &[
                    (
                        "path",
                        &crate::shell::shell_word(&path.display().to_string()),
                    ),
                    ("files", &files.join(", ")),
                ],
            ),
            Error::Io {
                action,
                path,
                source,
            } => tf(
                Msg::E_IO,
                &[
                    ("action", action),
                    ("path", &path.display().to_string()),
                    ("why", &plain_io(source)),
                ],
            ),
            Error::NotWritten { target, why } => tf(
                Msg::E_NOT_WRITTEN,
                &[("path", &target.display().to_string()), ("why", why)],
            ),
            Error::Template {
                file,
                origin,
                report,
            } => {
                format!(
                    "{}\n{report}",
                    tf(Msg::E_TEMPLATE, &[("file", file), ("origin", origin)])
                )
            }
            Error::Lint { errors } => tf(Msg::E_LINT, &[("n", &errors.to_string())]),
            Error::Prompt(why) => tf(Msg::E_PROMPT, &[("why", why)]),
            Error::Declined => crate::i18n::t(Msg::R_CANCELLED).to_string(),
            // The current folder was replaced or removed under a relative
            // path (by another jobgen run, say): say so, not "no job here".
            Error::NotGenerated { path, .. }
                if path.is_relative() && std::env::current_dir().is_err() =>
            {
                tf(Msg::E_CWD_GONE, &[("path", &path.display().to_string())])
            }
            Error::NotGenerated { path, .. } if !path.exists() => tf(
                Msg::E_MISSING_PATH,
                &[("path", &path.display().to_string())],
            ),
            Error::NotGenerated { path, marker } => tf(
                Msg::E_NOT_GENERATED,
                &[("path", &path.display().to_string()), ("marker", marker)],
            ),
            Error::Unreadable { path, why } => format!("{}: {why}", path.display()),
            Error::Conflicts(n) => tf(Msg::E_CONFLICTS, &[("n", &n.to_string())]),
            Error::Invalid(_) | Error::Config(_) | Error::Reported(_) => String::new(),
        }
    }
}

impl std::error::Error for Error {}

/// An operating-system error in plain words, in the interface's language
/// ("no such file or folder", not "entity not found" or "(os error 2)").
pub fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let id = match e.kind() {
        K::NotFound => Msg::IO_NOT_FOUND,
        K::PermissionDenied => Msg::IO_PERMISSION,
        K::NotADirectory => Msg::IO_NOT_A_FOLDER,
        K::IsADirectory => Msg::IO_IS_A_FOLDER,
        K::StorageFull => Msg::IO_NO_SPACE,
        K::InvalidData => Msg::IO_NOT_UTF8,
        K::InvalidInput if e.to_string().contains("never replaced") => Msg::IO_SPECIAL_REPLACED,
        K::InvalidInput if e.to_string().starts_with("not a regular file") => Msg::IO_SPECIAL,
        _ => {
            // Whatever else: the system's words without "(os error N)".
            let text = e.to_string();
            return match text.find(" (os error ") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
        }
    };
    crate::i18n::t(id).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_answers_name_flag_and_value_on_one_line_each() {
        let e = Error::Invalid(vec![
            InvalidAnswer {
                flag: "--ttl".into(),
                value: Some("abc".into()),
                why: "must be a number".into(),
            },
            InvalidAnswer {
                flag: "--description".into(),
                value: Some("a\nb".into()),
                why: "x".into(),
            },
        ]);
        let s = e.to_string();
        assert!(s.contains("--ttl \"abc\": must be a number"), "{s}");
        assert!(s.contains("--description \"a\\nb\": x"), "{s}");
        assert_eq!(e.exit_code(), exit::INVALID);
    }
}
