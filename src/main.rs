//! The `reprint` binary: parses the command line, runs it, and turns the outcome into an exit
//! code: 0 clean, 1 findings over policy, 2 an error (including any file or record that could
//! not be read, and output that could not be written, help and version included). A closed
//! pipe on stdout (`reprint audit x | head`) is not an error.

mod cli;
mod output;
mod progress;

use clap::Parser;
use cli::{Cli, Outcome};
use reprint_report::safe;
use std::io::Write;
use std::process::ExitCode;

/// The audit allocates per line and per paragraph on every thread; mimalloc's per-thread heaps
/// serve that faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
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
            progress::to_stderr(&format!("reprint: {}", safe::lines(&message(&e))));
            ExitCode::from(2)
        }
    }
}

/// Prints clap's help, version or usage error and says how to exit. clap's own `exit` ignores
/// a failed write, so `reprint --help > /dev/full` would exit 0 with the help lost: here a
/// failed write (other than a closed pipe) is reported and exits 2.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let printed = e.print().and_then(|()| std::io::stdout().flush());
    match printed {
        Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
            progress::to_stderr(&format!("reprint: writing to standard output: {io}"));
            ExitCode::from(2)
        }
        _ => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)),
    }
}

/// The error and its causes, `: `-separated, leaving out a cause whose text the message
/// already holds (an I/O error wrapped with its path would otherwise be said twice).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<reprint_core::error::Error>().is_some_and(|r| {
                matches!(r, reprint_core::error::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
