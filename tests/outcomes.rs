//! How a decision moment went and how a trigger was resolved, in words, through the real
//! binary: `moment close ID OUTCOME --note`, `trigger resolve ID --note`, their edits, and
//! what `show`, `--json`, `search` and `undo` make of them.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;

/// Acme BV with the board's approval ahead (its id) and a competitor's offer (its id).
fn acme() -> (Book, String, String) {
    let book = Book::empty();
    book.ok(&["add", "Acme BV", "--company", "Acme"]);
    let m = book.json(&["moment", "add", "acme", "Board approves budget", "@2026-11-30"]);
    let t = book.json(&["trigger", "add", "acme", "influential", "Rival offered 10% off"]);
    (book, m["id"].to_string(), t["id"].to_string())
}

/// The kinds and ids `search` finds for `words`.
fn found(book: &Book, words: &str) -> Vec<(String, i64)> {
    book.json(&["search", words])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["kind"].as_str().unwrap().to_string(), h["id"].as_i64().unwrap()))
        .collect()
}

#[test]
fn a_moment_closes_with_how_it_went_which_show_and_search_find_and_undo_takes_back() {
    let (book, id, _) = acme();
    let said = book.ok(&[
        "moment",
        "close",
        &id,
        "lost",
        "--note",
        "lost on price to Heller",
    ]);
    assert_eq!(
        said,
        "Closed “Board approves budget” as lost: lost on price to Heller\n"
    );
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["moments"][0]["status"], "lost");
    assert_eq!(card["moments"][0]["outcome_note"], "lost on price to Heller");
    let shown = book.ok(&["show", "acme"]);
    assert!(shown.contains("how it went: lost on price to Heller"), "{shown}");
    let moment: i64 = id.parse().unwrap();
    assert_eq!(found(&book, "heller"), [("moment".to_string(), moment)]);
    let hits = book.ok(&["search", "heller"]);
    assert!(hits.contains("lost on price to «Heller»"), "{hits}");

    // Closing it again is refused and changes nothing, its note included.
    book.refuses(
        &["moment", "close", &id, "won", "--note", "signed after all"],
        "already closed as lost — nothing changed",
    );
    assert_eq!(
        book.json(&["show", "acme"])["moments"][0]["outcome_note"],
        "lost on price to Heller"
    );
    assert!(found(&book, "signed").is_empty());

    let undone = book.ok(&["undo"]);
    assert!(
        undone.starts_with("Undone: closed “Board approves budget” as lost for Acme BV"),
        "{undone}"
    );
    let m = &book.json(&["show", "acme"])["moments"][0];
    assert_eq!(
        (&m["status"], &m["outcome_note"]),
        (&"upcoming".into(), &"".into())
    );
    assert!(found(&book, "heller").is_empty(), "undone: not found any more");
}

#[test]
fn the_outcome_is_an_argument_or_outcome_and_the_note_may_be_left_out() {
    let (book, id, _) = acme();
    let m = book.json(&["moment", "close", &id, "--outcome", "won"]);
    assert_eq!((&m["status"], &m["outcome_note"]), (&"won".into(), &"".into()));
    assert_eq!(
        book.ok(&["show", "acme"]).matches("how it went").count(),
        0,
        "no note, no line"
    );
    let other = book.json(&["moment", "add", "acme", "Pilot review", "@2026-12-10"]);
    let other = other["id"].to_string();
    // Both, or neither: a usage error (exit 2), nothing closed.
    book.run(&["moment", "close", &other, "won", "--outcome", "lost"])
        .assert()
        .code(2);
    book.run(&["moment", "close", &other]).assert().code(2);
    book.refuses(
        &["moment", "close", &other, "upcoming", "--note", "x"],
        "unknown outcome 'upcoming' — use won, lost or passed",
    );
    let long = "x".repeat(20_001);
    book.refuses(
        &["moment", "close", &other, "passed", "--note", &long],
        "the outcome note is longer than 20000 characters",
    );
    assert_eq!(book.json(&["show", "acme"])["moments"][1]["status"], "upcoming");
}

#[test]
fn a_trigger_resolves_with_how_which_show_and_search_find_and_undo_takes_back() {
    let (book, _, id) = acme();
    let said = book.ok(&["trigger", "resolve", &id, "--note", "sent a counter-offer at -5%"]);
    assert_eq!(
        said,
        "Resolved the influential trigger “Rival offered 10% off”: sent a counter-offer at -5%\n"
    );
    let t = &book.json(&["show", "acme"])["triggers"][0];
    assert_eq!(t["resolution_note"], "sent a counter-offer at -5%");
    assert!(t["resolved_at"].is_string());
    let shown = book.ok(&["show", "acme"]);
    assert!(
        shown.contains("Rival offered 10% off  resolved today: sent a counter-offer at -5%"),
        "{shown}"
    );
    let trigger: i64 = id.parse().unwrap();
    assert_eq!(found(&book, "counter offer"), [("trigger".to_string(), trigger)]);

    book.refuses(
        &["trigger", "resolve", &id, "--note", "again"],
        "already resolved on 2026-11-23 — nothing changed",
    );
    assert_eq!(
        book.json(&["show", "acme"])["triggers"][0]["resolution_note"],
        "sent a counter-offer at -5%"
    );
    book.ok(&["undo"]);
    let t = &book.json(&["show", "acme"])["triggers"][0];
    assert_eq!(
        (&t["resolved_at"], &t["resolution_note"]),
        (&serde_json::Value::Null, &"".into())
    );
    assert!(found(&book, "counter").is_empty());
    // Without a note, as before.
    let t = book.json(&["trigger", "resolve", &id]);
    assert_eq!(t["resolution_note"], "");
}

#[test]
fn both_notes_are_edited_by_id_and_an_empty_one_clears_it() {
    let (book, moment, trigger) = acme();
    book.ok(&["moment", "close", &moment, "lost", "--note", "lost on price"]);
    book.ok(&["trigger", "resolve", &trigger]);
    let m = book.json(&[
        "edit",
        "moment",
        &moment,
        "--outcome-note",
        "lost to Heller on price",
    ]);
    assert_eq!(
        (&m["outcome_note"], &m["status"]),
        (&"lost to Heller on price".into(), &"lost".into())
    );
    let said = book.ok(&[
        "edit",
        "trigger",
        &trigger,
        "--resolution-note",
        "matched their price",
    ]);
    assert_eq!(
        said,
        "Edited the influential trigger “Rival offered 10% off” of Acme BV: resolution note\n"
    );
    assert_eq!(found(&book, "heller").len(), 1);
    assert_eq!(found(&book, "matched").len(), 1);
    let m = book.json(&["edit", "moment", &moment, "--outcome-note", ""]);
    assert_eq!(m["outcome_note"], "");
    assert!(found(&book, "heller").is_empty());
    book.ok(&["undo"]);
    assert_eq!(found(&book, "heller").len(), 1, "undo puts the note back");
    let help = book.ok(&["edit", "trigger", "--help"]);
    assert!(help.contains("--resolution-note"), "{help}");
}
