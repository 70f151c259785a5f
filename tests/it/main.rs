//! The single integration test binary.

mod check;
mod common;
mod index;
