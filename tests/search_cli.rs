//! `touchbase search WORDS… [--limit N] [--json]` on the command line: one line per hit,
//! best first, found words between «» in a pipe; JSON with the marks as character
//! offsets; "No notes match" and exit 0 when nothing does; only punctuation is refused
//! (exit 1) and FTS operators are plain words, never an SQL error.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod demo;
}

use common::book::Book;
use predicates::prelude::*;

fn acme() -> Book {
    let book = Book::empty();
    book.ok(&[
        "add",
        "Thomas Kühne",
        "--company",
        "Kühne Bau",
        "--notes",
        "Decides with the CFO",
    ]);
    book.ok(&[
        "log",
        "kuhne",
        "call: sent the quote >> call back about the quote @fri",
    ]);
    book.ok(&["log", "kuhne", "complaint: delivery 5 days late"]);
    book
}

#[test]
fn each_hit_is_a_line_with_the_found_words_marked() {
    let book = acme();
    let out = book.ok(&["search", "QUOT"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines
            .iter()
            .all(|l| l.contains("Kühne Bau") && l.contains("«quote»")),
        "{out}"
    );
    assert!(out.contains("follow-up 1") && out.contains("contact 1"), "{out}");
    assert!(book.ok(&["search", "cfo"]).contains("notes 1"));
    let out = book.ok(&["search", "late", "delivery"]);
    assert!(out.contains("«delivery» 5 days «late»"), "{out}");
    assert!(out.contains("trigger 1"), "a complaint's trigger too: {out}");
    assert_eq!(book.ok(&["search", "quote", "--limit", "1"]).lines().count(), 1);
}

#[test]
fn json_gives_the_hits_with_their_marks() {
    let book = acme();
    let out = book.ok(&["search", "kühne", "--json"]);
    assert_eq!(out.trim(), "[]", "names are not notes");
    let out = book.ok(&["search", "sent", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hit = &hits[0];
    assert_eq!(hit["customer"], "Kühne Bau");
    assert_eq!(hit["kind"], "contact");
    assert_eq!(hit["id"], 1);
    assert_eq!(hit["snippet"], "sent the quote");
    assert_eq!(hit["marks"], serde_json::json!([[0, 4]]));
    assert_eq!(hit["date"], "2026-11-23");
    assert!(hit["at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn nothing_found_says_so_and_succeeds() {
    let book = acme();
    book.run(&["search", "forklift"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("No notes match \"forklift\""));
}

#[test]
fn punctuation_alone_is_refused_and_operators_are_words() {
    let book = acme();
    for typed in ["\"", "*", "--", "\"\"", "( )"] {
        book.run(&["search", "--", typed])
            .assert()
            .failure()
            .stderr(predicate::str::contains("has no words to search for"))
            .stderr(
                predicate::str::contains("SQL")
                    .not()
                    .and(predicate::str::contains("fts5").not()),
            );
    }
    for typed in [
        "NEAR", "OR", "quote*", "\"quote", "-quote", "NOT", "AND", "quote:",
    ] {
        book.run(&["search", "--", typed])
            .assert()
            .success()
            .stderr(predicate::str::is_empty());
    }
    assert!(
        book.ok(&["search", "--", "\"sent", "the*"])
            .contains("«sent» «the» quote")
    );
    book.run(&["search", "x", "--limit", "0"]).assert().failure();
}

#[test]
fn archived_customers_are_left_out() {
    let book = acme();
    book.ok(&["archive", "kuhne"]);
    book.run(&["search", "quote"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No notes match"));
}

#[test]
fn the_demo_book_is_searchable() {
    let book = Book::demo();
    let out = book.ok(&["search", "quote"]);
    assert!(out.lines().count() > 3, "{out}");
    assert!(out.contains("«quote»"), "{out}");
}
