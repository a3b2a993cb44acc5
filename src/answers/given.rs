//! A value as it arrives, and where it came from: the file layer, the
//! flag, the prompt, a default.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::{Msg, f as tf, t};

/// Which file layer a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileLayer {
    /// `$XDG_CONFIG_HOME/jobgen/config.yaml` or `~/.config/jobgen/config.yaml`.
    User,
    /// `.jobgen.yaml`, found by walking up from the output folder.
    Team,
    /// `--config FILE`.
    Config,
    /// `--values FILE`.
    Values,
}

impl fmt::Display for FileLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileLayer::User => t(Msg::SRC_USER),
            FileLayer::Team => t(Msg::SRC_TEAM),
            FileLayer::Config => "--config",
            FileLayer::Values => "--values",
        })
    }
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// jobgen's own default (the conventions).
    BuiltIn,
    /// Worked out from other answers; says from what.
    Derived(String),
    /// A config or values file, at a line and column.
    File {
        layer: FileLayer,
        path: PathBuf,
        line: u64,
        column: u64,
    },
    /// A command-line flag or argument.
    Flag,
    /// An answer typed at the prompt.
    Prompt,
    /// The README's language, from the interface's Korean locale when no
    /// `lang` was given: an answer, recorded with the folder.
    Locale,
}

impl Source {
    /// True for values the user gave for this job (not defaults): the
    /// prompt does not ask for these again.
    pub fn is_answer(&self) -> bool {
        matches!(
            self,
            Source::Flag
                | Source::Prompt
                | Source::Locale
                | Source::File {
                    layer: FileLayer::Values,
                    ..
                }
        )
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn => f.write_str(t(Msg::SRC_BUILTIN)),
            Source::Derived(from) => f.write_str(&tf(Msg::SRC_DERIVED, &[("from", from)])),
            Source::File {
                layer,
                path,
                line,
                column,
            } => {
                write!(f, "{layer} {}:{line}:{column}", path.display())
            }
            Source::Flag => f.write_str(t(Msg::SRC_FLAG)),
            Source::Prompt => f.write_str(t(Msg::SRC_PROMPT)),
            Source::Locale => f.write_str(t(Msg::SRC_LOCALE)),
        }
    }
}

/// One entry of a map answer (env var, secret, label…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// None when a `--env-var`-style flag had no `=`.
    pub value: Option<String>,
    pub source: Source,
}

/// A value of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    Map(Vec<Entry>),
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub value: Value,
    pub source: Source,
}
