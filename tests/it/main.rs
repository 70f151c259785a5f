//! The single integration test binary: one module per theme, all running the built `reprint`.

mod check;
mod cli;
mod common;
mod determinism;
mod diff;
mod eval;
mod fixtures;
mod index;
mod report;
mod seeds;
