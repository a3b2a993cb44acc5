//! The only code that talks to a terminal. `answers::questions::ask` drives a
//! `Prompter`; the dialoguer one is used at a real terminal, tests can use
//! their own.

use std::io::IsTerminal;

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};

use crate::error::Error;

/// What the question flow needs from a terminal.
pub trait Prompter {
    /// Asks for text, preselected with `default`; `check` is the same
    /// validator flags go through, so a bad answer is asked again.
    fn input(
        &mut self,
        label: &str,
        default: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error>;
    /// Asks to choose one of `items`, preselected with `default`; returns its index.
    fn select(&mut self, label: &str, items: &[&str], default: usize) -> Result<usize, Error>;
    /// Shows `summary` and asks whether to go on.
    fn confirm(&mut self, summary: &str) -> Result<bool, Error>;
}

/// True when prompting is possible: stdin and stderr are terminals.
pub fn interactive_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Prompts on stderr with dialoguer, leaving stdout for machine output.
pub struct Terminal {
    theme: ColorfulTheme,
}

impl Terminal {
    /// A prompter on the process's terminal.
    pub fn new() -> Terminal {
        Terminal {
            theme: ColorfulTheme::default(),
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

/// A prompt that failed; Ctrl-C (read as a key in raw mode) is a cancel.
/// Either way the cursor the prompt hid is shown again.
fn failed(e: dialoguer::Error) -> Error {
    crate::interrupt::show_cursor();
    let dialoguer::Error::IO(io) = &e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        eprintln!();
        return Error::Declined;
    }
    Error::Prompt(e.to_string())
}

impl Prompter for Terminal {
    fn input(
        &mut self,
        label: &str,
        default: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error> {
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(label)
            .allow_empty(true);
        if !default.is_empty() {
            input = input.default(default.to_string());
        }
        input
            .validate_with(|s: &String| check(s))
            .interact_text()
            .map_err(failed)
    }

    fn select(&mut self, label: &str, items: &[&str], default: usize) -> Result<usize, Error> {
        Select::with_theme(&self.theme)
            .with_prompt(label)
            .items(items)
            .default(default)
            .interact()
            .map_err(failed)
    }

    fn confirm(&mut self, summary: &str) -> Result<bool, Error> {
        eprint!("\n{summary}\n");
        Confirm::with_theme(&self.theme)
            .with_prompt(crate::i18n::t("s.confirm"))
            .default(true)
            .interact()
            .map_err(failed)
    }
}
