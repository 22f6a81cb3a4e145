//! `touchbase completions SHELL` and `touchbase man [DIR]`: generated from the command
//! line's own definitions, so every command is in them, and neither touches a book.

mod common {
    pub mod binary;
    pub mod clock;
}

use common::binary::touchbase;
use tempfile::TempDir;

fn stdout_of(args: &[&str], db: &std::path::Path) -> String {
    let out = touchbase().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_know_every_command_and_its_flags_for_each_shell() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("touchbase.db");
    let bash = stdout_of(&["completions", "bash"], &db);
    assert!(
        bash.contains("complete -F _touchbase"),
        "a bash completion function"
    );
    for word in ["log", "due", "snooze", "export", "--json", "--dry-run"] {
        assert!(bash.contains(word), "bash completes {word}");
    }
    assert!(stdout_of(&["completions", "zsh"], &db).starts_with("#compdef touchbase"));
    assert!(stdout_of(&["completions", "fish"], &db).contains("complete -c touchbase"));
    assert!(!db.exists(), "printing a script creates no book");
}

#[test]
fn an_unknown_shell_is_refused_with_the_shells_there_are() {
    let out = touchbase().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("'tcsh'") && said.contains("bash") && said.contains("fish"),
        "{said}"
    );
}

#[test]
fn the_manual_prints_one_page_or_writes_one_for_every_command() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("touchbase.db");
    let page = stdout_of(&["man"], &db);
    assert!(page.contains(".TH touchbase 1"), "a man(1) page");
    assert!(
        page.contains("touchbase\\-log(1)"),
        "it names the page of each command"
    );

    let pages = dir.path().join("man1");
    let said = stdout_of(&["man", pages.to_str().unwrap()], &db);
    assert!(
        said.starts_with("Wrote ") && said.contains("manual pages"),
        "{said}"
    );
    for name in [
        "touchbase.1",
        "touchbase-log.1",
        "touchbase-edit-customer.1",
        "touchbase-export-week.1",
    ] {
        let text = std::fs::read_to_string(pages.join(name)).unwrap_or_else(|_| panic!("{name} written"));
        assert!(text.contains(".SH SYNOPSIS"), "{name} has a synopsis");
    }
    let log = std::fs::read_to_string(pages.join("touchbase-log.1")).unwrap();
    assert!(
        log.contains("touchbase log"),
        "the synopsis is the command as typed"
    );
    assert!(!db.exists(), "writing the manual creates no book");
}
