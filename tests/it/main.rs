//! The single integration test binary: one module per theme, all running the built `reprint`.

mod cli;
mod common;
mod determinism;
mod diff;
mod eval;
mod fixtures;
mod report;
mod seeds;
