//! A book in a temporary directory of its own, run through the binary as a user or a
//! script runs it, from that directory. Its config is `config.toml` beside it, absent
//! until a test writes one. Knows nothing of the library: what a test reads back, it
//! reads as the binary prints it.

use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

use super::binary::touchbase;
use super::clock::NOW;

pub struct Book {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Book {
    /// No book yet, only the place for one: the first command that writes creates it.
    pub fn empty() -> Book {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("touchbase.db");
        Book { dir, db }
    }

    /// `touchbase --db BOOK ARGS…` at `NOW`, not run yet.
    pub fn run(&self, args: &[&str]) -> Command {
        self.run_at(NOW, args)
    }

    /// `run`, with the clock at `now`.
    pub fn run_at(&self, now: &str, args: &[&str]) -> Command {
        let mut cmd = touchbase();
        cmd.env("TOUCHBASE_NOW", now)
            .env("TOUCHBASE_CONFIG", self.path("config.toml"))
            .current_dir(self.dir.path())
            .arg("--db")
            .arg(&self.db)
            .args(args);
        Command::from_std(cmd)
    }

    /// Runs `args`, which must succeed; returns what it printed.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_at(NOW, args)
    }

    /// `ok`, with the clock at `now`.
    pub fn ok_at(&self, now: &str, args: &[&str]) -> String {
        // `run`'s command with the clock set again: the later setting wins.
        let out = self
            .run(args)
            .env("TOUCHBASE_NOW", now)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    /// A file in the book's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}
