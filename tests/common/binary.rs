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
        // Never the developer's desktop or certificates: a test that wants a session bus
        // or a private CA starts its own and says so.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("SSL_CERT_FILE")
}

/// The binary in that environment, without arguments.
pub fn touchbase() -> Command {
    let mut cmd = Command::new(bin());
    hermetic(&mut cmd);
    cmd
}
