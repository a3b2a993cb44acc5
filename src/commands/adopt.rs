//! `jobgen adopt`: hand-written jobs brought under jobgen.

use crate::i18n::Msg;
use std::path::PathBuf;

use crate::answers::sources as config;
use crate::cli::{self, AdoptArgs};
use crate::error::Error;
use crate::{adopt, say, style};

/// `jobgen adopt`: every folder on its own, on all cores; the first
/// error's exit code, after every folder was tried.
pub fn run(args: &AdoptArgs) -> Result<(), Error> {
    let paths = match args.paths.is_empty() {
        true => vec![PathBuf::from(".")],
        false => args.paths.clone(),
    };
    let inputs = config::Inputs::from_args(&args.answers, args.name.as_ref());
    let mut found = Vec::new();
    // A dry run moves no manifest: each is planned from its file.
    let mut moved = Vec::new();
    for path in &paths {
        match path.is_file() {
            true => {
                let single = adopt::single_file(path, args.name.as_deref(), args.dry_run);
                if let (Ok(folder), true) = (&single, args.dry_run) {
                    moved.push((folder.clone(), path.clone()));
                }
                found.push(single.map_err(|e| (path.clone(), e)));
            }
            false => found.extend(adopt::candidates(std::slice::from_ref(path))),
        }
    }
    let results = adopt::run_all(found, &inputs, args.dry_run, &moved);
    let mut first_error = None;
    if args.format == cli::Format::Json {
        style::print_stdout(adopt::report_json(&results).as_bytes())?;
    }
    for (dir, result) in results {
        match result {
            Ok(a) if args.format == cli::Format::Text => {
                let verb = if args.dry_run {
                    Msg::A_WOULD_ADOPT
                } else {
                    Msg::A_ADOPTED
                };
                if args.dry_run {
                    let mut answers = serde_json::to_string_pretty(&a.values).expect("JSON");
                    answers.push('\n');
                    style::print_stdout(format!("# {}\n{answers}", dir.display()).as_bytes())?;
                }
                say!("{}", adopt::report_text(&a, verb));
            }
            Ok(_) => {}
            Err(e) => {
                if args.format == cli::Format::Text {
                    let message = e.to_string();
                    match message.starts_with(&dir.display().to_string()) {
                        true => anstream::eprintln!("{} {message}", style::error_label()),
                        false => {
                            anstream::eprintln!(
                                "{} {}: {message}",
                                style::error_label(),
                                dir.display()
                            )
                        }
                    }
                }
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) => Err(Error::Reported(Box::new(e))),
        None => Ok(()),
    }
}
