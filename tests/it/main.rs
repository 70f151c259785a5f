//! The single integration test binary: one module per theme, all running the built `reprint`.

mod atomic;
mod attributes;
mod bad_input;
mod check;
mod clean;
mod cli;
mod common;
mod contracts;
mod declared;
mod determinism;
mod diff;
mod docs;
mod eval;
mod fixtures;
mod formats;
mod guarantees;
mod hostile;
mod index;
#[cfg(feature = "kernels")]
mod kernels;
mod pathological;
mod pipes;
mod properties;
mod report;
mod seeds;
