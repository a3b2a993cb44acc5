//! The jobgen command.

fn main() -> std::process::ExitCode {
    jobgen::run(std::env::args_os())
}
