//! A reader that goes away (`touchbase export customers | head -1`): every command that
//! prints ends quietly, with exit 0 and nothing on stderr, however far its output got.

mod common {
    pub mod binary;
    pub mod clock;
}

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;

use common::binary::touchbase;
use tempfile::TempDir;

/// One demo book of 2,000 customers for every test: each command's output is several
/// times the 64 KiB a pipe holds, so the writer is still busy when the reader leaves.
fn big_book() -> &'static PathBuf {
    static BOOK: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    &BOOK
        .get_or_init(|| {
            let dir = TempDir::new().unwrap();
            let db = dir.path().join("touchbase.db");
            let out = touchbase()
                .arg("--db")
                .arg(&db)
                .args(["demo", "--customers", "2000"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            (dir, db)
        })
        .1
}

/// Runs `args`, reads one line of its output, closes the pipe and waits.
fn head_1(args: &[&str]) {
    let mut child = touchbase()
        .arg("--db")
        .arg(big_book())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader (and with it the pipe) is dropped here.
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(!first.is_empty(), "{args:?} printed something");
    // What `[week] limit` left out is said on stderr whether or not the reader stayed.
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.ends_with("(raise [week] limit in config.toml)"))
        .collect();
    assert!(complaints.is_empty(), "{args:?} complained: {stderr}");
    assert_eq!(status.code(), Some(0), "{args:?}: {status}; stderr: {stderr}");
}

#[test]
fn export_customers_ends_quietly_in_every_format() {
    for format in ["csv", "vcard", "json"] {
        head_1(&["export", "customers", "--format", format]);
    }
    head_1(&["export", "customers"]);
}

#[test]
fn export_week_ends_quietly_in_every_format() {
    for format in ["md", "csv", "ics", "json", "todotxt"] {
        head_1(&["export", "week", "--format", format]);
    }
}

#[test]
fn lists_end_quietly_for_people_and_for_scripts() {
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["list", "--sort", "urgency"],
        &["due", "--all"],
        &["due", "--all", "--json"],
        &["show", "1"],
        &["show", "1", "--json"],
        &["why", "1"],
    ] {
        head_1(args);
    }
}

#[test]
fn completion_scripts_and_the_manual_end_quietly() {
    for shell in ["bash", "zsh", "fish"] {
        head_1(&["completions", shell]);
    }
    head_1(&["man"]);
}
