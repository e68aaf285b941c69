//! The `clausier` binary: parse arguments, run, map to an exit code (0 clean, 1 findings,
//! 2 usage/configuration/I-O error). A closed pipe is not an error.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match clausier::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match clausier::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::from(0);
                }
            }
            eprintln!("error: {e:#}");
            ExitCode::from(clausier::cli::EXIT_ERROR)
        }
    }
}
