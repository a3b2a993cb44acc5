//! How jobgen talks on a terminal: `--quiet` (only errors on stderr) and
//! colour for errors and findings. Colour goes through anstream, which
//! strips it when the stream is not a terminal or `NO_COLOR` is set (and
//! forces it with `CLICOLOR_FORCE`), so pipes and files get plain text.

use crate::i18n::Msg;
use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};

/// Errors and error findings.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// Warnings.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();

static QUIET: AtomicBool = AtomicBool::new(false);
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Sets `--verbose` for this process.
pub fn set_verbose(verbose: bool) {
    VERBOSE.store(verbose, Ordering::Relaxed);
}

/// True under `--verbose`: more detail where there is more.
pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// Sets `--quiet` for this process.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// True under `--quiet`: reports, notes and warnings are not printed.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// `text` in `style` (the escape codes are stripped where colour is off).
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// The `error:` that starts an error message.
pub fn error_label() -> String {
    paint(ERROR, crate::i18n::t(Msg::E_LABEL))
}

/// The `warning:` that starts a warning.
pub fn warning_label() -> String {
    paint(WARNING, crate::i18n::t(Msg::W_LABEL))
}

/// Prints to stderr unless `--quiet`: reports, notes, warnings.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        if !$crate::style::quiet() {
            anstream::eprint!($($arg)*);
        }
    };
}

/// [`say!`] with a newline.
#[macro_export]
macro_rules! sayln {
    ($($arg:tt)*) => {
        if !$crate::style::quiet() {
            anstream::eprintln!($($arg)*);
        }
    };
}

/// Writes machine output to stdout. A reader that stops early (`| head`)
/// is not an error.
pub fn print_stdout(bytes: &[u8]) -> Result<(), crate::error::Error> {
    // anstream strips colour when stdout is not a terminal or NO_COLOR is
    // set; text with no escape (YAML, JSON) has none to strip, and goes
    // straight out (stripping a `--stdout` stream cost 2 % of the run).
    use std::io::Write;
    // Flushed at once: an error at exit, when std flushes what is left,
    // would be lost, and a report that could not be written is a failure.
    let written = match bytes.contains(&0x1b) {
        true => {
            let mut out = anstream::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }
        false => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(crate::error::Error::io("write", "stdout", e))
        }
        _ => Ok(()),
    }
}
