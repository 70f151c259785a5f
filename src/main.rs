//! The `reprint` binary: parses the command line, runs it, and turns the outcome into an exit
//! code: 0 clean, 1 findings over policy, 2 an error (including any file or record that could
//! not be read). A closed pipe on stdout (`reprint audit x | head`) is not an error.

mod cli;
mod output;
mod progress;

use clap::Parser;
use cli::{Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(outcome) => {
            if cli::errored() {
                ExitCode::from(2)
            } else if outcome == Outcome::Findings {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("reprint: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<reprint_core::error::Error>().is_some_and(|r| {
                matches!(r, reprint_core::error::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
