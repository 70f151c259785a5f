//! The single integration test binary.

mod common;
mod diff;
mod report;
