//! touchbase: a keyboard-driven terminal CRM for salespeople. The binary is a thin shell
//! around [`main`]; `tests/` drive the same library.

#![warn(clippy::pedantic)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
// Row counts, cents and days convert between integer types at the SQLite boundary; the
// values involved are far from the limits, and a checked conversion at every site would
// hide the code.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]
// Nothing here is a general-purpose library: marking every getter `#[must_use]` would be
// noise.
#![allow(clippy::must_use_candidate)]
// Prose names like SQLite and TOUCHBASE_NOW read better without backticks.
#![allow(clippy::doc_markdown)]
// Errors are documented once, on the error types, not on every function returning them.
#![allow(clippy::missing_errors_doc)]

pub mod agenda;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod human;
pub mod import;
pub mod store;
pub mod tui;
pub mod week;

use std::io::{self, Write as _};
use std::process::ExitCode;

use clap::Parser as _;

/// Runs the command line and turns the outcome into an exit code. Errors are printed to
/// stderr with their causes; output cut short by a closed pipe ends quietly.
pub fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cmd::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = io::stderr().lock();
            let _ = write!(err, "touchbase: {e}");
            for cause in e.chain().skip(1) {
                let _ = write!(err, ": {cause}");
            }
            let _ = writeln!(err);
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let io = c.downcast_ref::<io::Error>().map(io::Error::kind);
        // serde_json wraps the io::Error of a failed write without exposing it as a source.
        let json = c
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(io::ErrorKind::BrokenPipe)
    })
}
