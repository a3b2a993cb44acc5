//! The only code that talks to a terminal. `answers::questions::ask` drives a
//! `Prompter`; the dialoguer one is used at a real terminal, tests can use
//! their own.

use crate::i18n::Msg;
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

/// The label to prompt with on a terminal `columns` wide. A label that
/// would wrap (with room for the default and the answer) is printed on
/// lines of its own first, and the prompt keeps only its flag, so the
/// prompt line never wraps: dialoguer redraws one line, and a wrapped
/// prompt would be left half-erased on a narrow terminal.
pub fn fit(label: &str, default: &str, columns: usize) -> (Option<String>, String) {
    let room = columns.saturating_sub(crate::i18n::width(default) + 8);
    if crate::i18n::width(label) <= room {
        return (None, label.to_string());
    }
    let short = match label.rfind(" (") {
        Some(at) if label.ends_with(')') => label[at + 1..].to_string(),
        _ => "›".to_string(),
    };
    (Some(label.to_string()), short)
}

/// The rows a text `width` columns wide takes on a terminal `columns`
/// wide (at least one).
pub fn rows(width: usize, columns: usize) -> usize {
    width.div_ceil(columns.max(1)).max(1)
}

/// Terminal width (80 when unknown).
fn columns() -> usize {
    let (_, cols) = console::Term::stderr().size();
    match cols {
        0 => 80,
        c => c as usize,
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
        use dialoguer::theme::Theme;
        let (above, label) = fit(label, default, columns());
        if let Some(text) = above {
            eprintln!("{text}");
        }
        let term = console::Term::stderr();
        let io = |e: std::io::Error| failed(dialoguer::Error::IO(e));
        // Lines of error messages shown so far, cleared once answered.
        let mut errors = 0;
        loop {
            let mut input = Input::<String>::with_theme(&self.theme)
                .with_prompt(&label)
                .allow_empty(true)
                .report(false);
            if !default.is_empty() {
                input = input.default(default.to_string());
            }
            let answer = input.interact_text_on(&term).map_err(failed)?;
            // dialoguer clears only the line the cursor is on: the rows an
            // answer wrapped onto above it are cleared here.
            let mut prompt = String::new();
            let shown = (!default.is_empty()).then_some(default);
            let _ = self.theme.format_input_prompt(&mut prompt, &label, shown);
            let typed = match answer == default {
                true => "",
                false => answer.as_str(),
            };
            let used = console::measure_text_width(&format!("{prompt}{typed}"));
            term.clear_last_lines(rows(used, columns()) - 1)
                .map_err(io)?;
            match check(&answer) {
                Ok(()) => {
                    term.clear_last_lines(errors).map_err(io)?;
                    let mut done = String::new();
                    let _ = self
                        .theme
                        .format_input_prompt_selection(&mut done, &label, &answer);
                    term.write_line(&done).map_err(io)?;
                    return Ok(answer);
                }
                Err(why) => {
                    let mut line = String::new();
                    let _ = self.theme.format_error(&mut line, &why);
                    term.write_line(&line).map_err(io)?;
                    errors += rows(console::measure_text_width(&line), columns());
                }
            }
        }
    }

    fn select(&mut self, label: &str, items: &[&str], default: usize) -> Result<usize, Error> {
        let (above, label) = fit(label, "", columns());
        if let Some(text) = above {
            eprintln!("{text}");
        }
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
            .with_prompt(crate::i18n::t(Msg::S_CONFIRM))
            .default(true)
            .interact()
            .map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_that_would_wrap_goes_above_a_short_prompt() {
        let long = "What the job connects to, besides DNS: https, cloud-sql, CIDR:PORT… comma-separated, empty for nothing (--egress)";
        assert_eq!(fit(long, "", 200), (None, long.to_string()));
        assert_eq!(
            fit(long, "", 60),
            (Some(long.to_string()), "(--egress)".into())
        );
        assert_eq!(
            fit("Environment (--env)", "dev", 40),
            (None, "Environment (--env)".into())
        );
        // Korean takes two columns a letter.
        let ko = "환경 변수, KEY=VALUE를 쉼표로 구분; Enter는 없음 (--env-var)";
        assert_eq!(fit(ko, "", 50).1, "(--env-var)");
        assert_eq!(
            fit("no flag at all, and far too long for this", "", 20).1,
            "›"
        );
    }
}
