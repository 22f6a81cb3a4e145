//! The touchbase binary as a child process, hermetic: the clock fixed at `NOW`, UTC, no
//! user config, and neither a book nor a zone taken from the caller's environment. Knows
//! nothing of books or of the library.

use std::path::PathBuf;
use std::process::Command;

use super::clock::NOW;

/// The binary cargo built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_touchbase"))
}

/// Gives `cmd` (the binary, or a shell that starts it) the environment every run gets.
/// What a test varies it sets afterwards: a later `env` wins.
pub fn hermetic(cmd: &mut Command) -> &mut Command {
    cmd.env("TOUCHBASE_NOW", NOW)
        .env("TZ", "UTC")
        .env_remove("TOUCHBASE_TZ")
        .env("TOUCHBASE_CONFIG", "/nonexistent/touchbase-config.toml")
        .env_remove("TOUCHBASE_DB")
}

/// The binary in that environment, without arguments.
pub fn touchbase() -> Command {
    let mut cmd = Command::new(bin());
    hermetic(&mut cmd);
    cmd
}
