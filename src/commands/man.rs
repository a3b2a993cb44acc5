//! `jobgen man`: the manual pages, one per command, rendered by clap_mangen.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, InvalidAnswer};
use crate::i18n::{self, Msg};
use crate::{sayln, style};

/// `jobgen man [COMMAND] [--dir DIR]`: one page on stdout, or every page into DIR.
pub fn run(command: Option<&str>, dir: Option<&Path>) -> Result<(), Error> {
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
        None => Err(Error::Invalid(vec![InvalidAnswer {
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
fn write_man_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> Result<(), Error> {
    if !dir.is_dir() {
        return Err(Error::NotAFolder(dir.to_path_buf()));
    }
    for (name, page) in pages {
        let path = dir.join(name);
        let text = String::from_utf8_lossy(page);
        let notes = crate::write::one_file(&path, &text)?;
        sayln!(
            "{}",
            i18n::f(Msg::T_WROTE, &[("path", &path.display().to_string())])
        );
        notes.0.iter().for_each(|n| sayln!("  {n}"));
    }
    Ok(())
}
