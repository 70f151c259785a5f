//! The single integration test binary: one module per theme, all running the built `reprint`.

mod cli;
mod common;
mod determinism;
mod eval;
mod fixtures;
mod seeds;
