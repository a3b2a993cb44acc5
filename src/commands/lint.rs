//! `jobgen lint`: every job folder under the paths, one report.

use crate::i18n::Msg;
use std::path::PathBuf;

use crate::cli::{self, LintArgs};
use crate::error::exit;
use crate::{choices, i18n, lint, style};

/// `jobgen lint`: exit 0 clean, 1 errors found, 2 usage or unreadable input.
pub fn run(args: &LintArgs) -> u8 {
    if args.rules {
        return match style::print_stdout(lint::rules_table().as_bytes()) {
            Ok(()) => exit::OK,
            Err(e) => super::failed(&e),
        };
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let profile = args
        .profile
        .as_deref()
        .and_then(choices::LintProfile::parse);
    match lint::lint_paths(&paths, args.config.as_deref(), profile) {
        Ok((folders, findings)) => {
            let report = match args.format {
                cli::LintFormat::Json => lint::json(folders, &findings),
                cli::LintFormat::Sarif => lint::sarif::sarif(&findings),
                cli::LintFormat::Text => lint::text(folders, &findings),
            };
            if let Err(e) = style::print_stdout(report.as_bytes()) {
                return super::failed(&e);
            }
            if style::verbose() && args.format == cli::LintFormat::Text {
                verbose_folders(&paths, &findings);
            }
            let (errors, _) = lint::counts(&findings);
            if errors > 0 { exit::FINDINGS } else { exit::OK }
        }
        Err(e) => {
            anstream::eprintln!("{} {e}", style::error_label());
            exit::USAGE
        }
    }
}

/// `lint -v`: every folder checked, with its number of findings.
fn verbose_folders(paths: &[PathBuf], findings: &[lint::Finding]) {
    for dir in paths.iter().flat_map(|p| lint::job_folders(p).found) {
        let shown = dir.display().to_string();
        let n = findings
            .iter()
            .filter(|f| f.file.starts_with(&format!("{shown}/")))
            .count();
        anstream::eprintln!(
            "{}",
            i18n::f(Msg::L_CHECKED, &[("folder", &shown), ("n", &n.to_string())])
        );
    }
}
