//! touchbase: a keyboard-driven terminal CRM for salespeople. This is the module tree and
//! [`main`], which runs the command line and turns its outcome into an exit code; the
//! binary is a thin shell around it, and `tests/` drive the same library. It does no
//! command's work itself: that is `cmd`'s, the use cases' and the store's.

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

pub mod app;
mod cli;
pub mod clock;
mod cmd;
pub mod config;
pub mod deliver;
pub mod demo;
pub mod domain;
pub mod export;
mod files;
mod human;
pub mod import;
pub mod store;
pub mod tui;

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::process::ExitCode;

use clap::Parser as _;

use crate::domain::text::sanitize_lines;

/// Runs the command line and turns the outcome into an exit code. Errors are printed to
/// stderr with their causes; output cut short by a closed pipe ends quietly.
pub fn main() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(args) => args,
        Err(e) => return clap_exit(&e),
    };
    match cmd::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.is::<tui::Signalled>() => {
            let signal = e.downcast_ref::<tui::Signalled>().map_or(0, |s| s.0);
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))
        }
        Err(e) => {
            // Messages quote what the user typed or what a file held; this one place makes
            // every echoed argument, header and cell safe for the terminal.
            let mut text = format!("touchbase: {e}");
            for cause in e.chain().skip(1) {
                let _ = write!(text, ": {cause}");
            }
            let _ = writeln!(io::stderr().lock(), "{}", sanitize_lines(&text));
            ExitCode::FAILURE
        }
    }
}

/// clap's own messages (help, a bad value, an unknown argument) as clap prints them, in
/// colour. When an argument holds a hidden character, clap would echo it raw to a terminal
/// (it strips escape sequences only from output that is not one), so the message is made
/// again without styles and printed with placeholders.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let hidden = std::env::args_os().any(|a| domain::text::has_hidden(&a.to_string_lossy()));
    let plain = hidden
        .then(|| {
            use clap::CommandFactory as _;
            cli::Args::command()
                .styles(clap::builder::Styles::plain())
                .try_get_matches()
                .err()
        })
        .flatten();
    match plain {
        None => {
            let _ = e.print();
        }
        Some(plain) => {
            let text = plain.render().ansi().to_string();
            let text = sanitize_lines(&text);
            let _ = if plain.use_stderr() {
                write!(io::stderr().lock(), "{text}")
            } else {
                write!(io::stdout().lock(), "{text}")
            };
        }
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let io = c.downcast_ref::<io::Error>().map(io::Error::kind);
        // serde_json and csv wrap the io::Error of a failed write without exposing it as a
        // source.
        let json = c
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        let csv = c.downcast_ref::<csv::Error>().and_then(|e| match e.kind() {
            csv::ErrorKind::Io(io) => Some(io.kind()),
            _ => None,
        });
        io.or(json).or(csv) == Some(io::ErrorKind::BrokenPipe)
    })
}
