//! One module per command: each takes its parsed arguments and does the
//! command's work; `lib.rs` only dispatches to them.

pub mod adopt;
pub mod check;
pub mod config;
pub mod lint;
pub mod new;
pub mod templates;
pub mod update;

use std::path::PathBuf;

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

/// `jobgen schema`: the JSON Schema of config and values files.
pub fn schema() -> Result<(), Error> {
    let mut text = serde_json::to_string_pretty(&explain::schema()).expect("JSON");
    text.push('\n');
    style::print_stdout(text.as_bytes())
}

/// `jobgen man`: the manual page.
pub fn man(command: Option<&str>, dir: Option<&std::path::Path>) -> Result<(), Error> {
    let pages = man_pages();
    if let Some(dir) = dir {
        return write_man_pages(dir, &pages);
    }
    let wanted = match command {
        Some(c) => format!("jobgen-{}.1", c.replace(' ', "-")),
        None => "jobgen.1".to_string(),
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, page)) => style::print_stdout(page),
        None => Err(Error::Invalid(vec![crate::error::InvalidAnswer {
            flag: "COMMAND".into(),
            value: command.map(str::to_string),
            why: format!(
                "is not a jobgen command; choose from {}",
                pages
                    .iter()
                    .filter_map(|(n, _)| n.strip_prefix("jobgen-")?.strip_suffix(".1"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }])),
    }
}

/// Every manual page: jobgen.1 and jobgen-COMMAND.1 for each command (and
/// jobgen-templates-export.1 for each of theirs), by file name: what
/// clap_mangen's `generate_to` writes, kept in memory.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    fn add(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            add(sub, pages);
        }
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        man.render(&mut page).expect("rendering into memory");
        pages.push((man.get_filename(), page));
    }
    let mut pages = Vec::new();
    add(&cli, &mut pages);
    pages.sort();
    pages
}

/// Writes the pages into an existing folder, each whole (a temporary
/// file renamed over it), and names each.
fn write_man_pages(dir: &std::path::Path, pages: &[(String, Vec<u8>)]) -> Result<(), Error> {
    if !dir.is_dir() {
        return Err(Error::NotAFolder(dir.to_path_buf()));
    }
    for (name, page) in pages {
        let path = dir.join(name);
        let temporary = dir.join(format!(".{name}.jobgen-{}", std::process::id()));
        std::fs::write(&temporary, page)
            .and_then(|()| std::fs::rename(&temporary, &path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&temporary);
                Error::io("write", &path, e)
            })?;
        crate::sayln!(
            "{}",
            crate::i18n::f(
                crate::i18n::Msg::T_WROTE,
                &[("path", &path.display().to_string())]
            )
        );
    }
    Ok(())
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
