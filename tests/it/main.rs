//! The single integration test binary.

mod common;

mod atomic;
mod bad_input;
mod clean;
mod pathological;
mod properties;
