//! One module per command: each takes its parsed arguments and does the
//! command's work; `lib.rs` only dispatches to them.

pub mod adopt;
pub mod check;
pub mod config;
pub mod lint;
pub mod ls;
pub mod man;
pub mod new;
pub mod templates;
pub mod update;
pub mod versions;

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;
use crate::{explain, style};

/// The folders `update` and `check` work on (the current folder when none
/// is named), each found or an error in its place.
pub(crate) fn folders(dirs: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, Error)>> {
    let dirs = if dirs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        dirs.to_vec()
    };
    crate::update::folders(&dirs)
}

/// Says that `e` stopped a command whose exit code is a number (lint,
/// check), and gives that code.
pub(crate) fn failed(e: &Error) -> u8 {
    anstream::eprintln!("{} {e}", style::error_label());
    e.exit_code()
}

/// `jobgen schema`: the JSON Schema of config and values files, with the
/// team questions of the config in effect here.
pub fn schema(config: Option<PathBuf>) -> Result<(), Error> {
    let inputs = crate::answers::sources::Inputs {
        config,
        ..Default::default()
    };
    // The config files alone: the questions they declare, not the answers
    // or templates a job would take from them.
    let mut config = crate::answers::layers::Layers::default();
    for (path, layer) in crate::answers::sources::config_files(&inputs, Path::new("."), None) {
        config.merge(crate::answers::layers::load(&path, layer)?);
    }
    let schema = explain::schema_with(config.questions());
    let mut text = serde_json::to_string_pretty(&schema).expect("JSON");
    text.push('\n');
    style::print_stdout(text.as_bytes())
}

/// `jobgen completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jobgen", &mut script);
    style::print_stdout(&script)
}

/// `--lang` or `lang:` in a config layer speaks for the interface too,
/// over the locale.
pub(crate) fn speak(layers: &crate::answers::layers::Layers) {
    crate::i18n::speak(layers.text(crate::answers::fields::key::LANG));
}
