//! Closing follow-ups as a contact is logged, so "sent the proposal" does not leave "send
//! proposal" overdue: the quick-log line's `!done` and `!ID` on the command line (one
//! transaction with the contact, one undo for both, a bad id refused with nothing saved).

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;
use serde_json::Value;

/// Acme with two follow-ups (1 "send proposal", overdue; 2 "send contract"), Beta with one
/// (3 "call back").
fn book() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Acme"]);
    book.ok(&["add", "Beta"]);
    book.run_at(
        "2026-11-16T09:00:00Z",
        &["log", "Acme", "call: renewal >> send proposal @fri"],
    )
    .assert()
    .success();
    book.ok(&["log", "Acme", "call: terms >> send contract @mon"]);
    book.ok(&["log", "Beta", "call: hello >> call back @tue"]);
    book
}

impl Book {
    /// The ids of the follow-ups `due` lists.
    fn due_follow_ups(&self) -> Vec<i64> {
        let due = self.json(&["due"]);
        due.as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n["follow_up_id"].as_i64())
            .collect()
    }

    /// The customer's open follow-ups, by id.
    fn open_of(&self, customer: &str) -> Vec<i64> {
        let shown = self.json(&["show", customer]);
        shown["follow_ups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_i64().unwrap())
            .collect()
    }

    fn contacts_of(&self, customer: &str) -> usize {
        self.json(&["show", customer])["interactions"]
            .as_array()
            .unwrap()
            .len()
    }
}

#[test]
fn a_logged_line_with_an_id_closes_that_follow_up_and_says_so() {
    let book = book();
    assert_eq!(book.due_follow_ups(), vec![1]);
    assert_eq!(
        book.ok(&["log", "Acme", "email: sent the proposal !1"]),
        "Logged email with Acme · closed “send proposal”\n"
    );
    assert_eq!(book.due_follow_ups(), Vec::<i64>::new(), "no longer overdue");
    assert_eq!(book.open_of("Acme"), vec![2]);
    assert_eq!(book.contacts_of("Acme"), 3);
}

#[test]
fn done_closes_every_open_follow_up_of_the_customer_but_not_the_one_it_plans() {
    let book = book();
    let logged = book.json(&["log", "Acme", "visit: all settled !done >> send the invoice @fri"]);
    let closed: Vec<(i64, bool)> = logged["closed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_i64().unwrap(), f["done"].as_bool().unwrap()))
        .collect();
    assert_eq!(closed, vec![(1, true), (2, true)]);
    assert_eq!(logged["follow_up"]["text"], "send the invoice");
    assert_eq!(book.open_of("Acme"), vec![4]);
    assert_eq!(book.open_of("Beta"), vec![3], "another customer's stay open");
}

#[test]
fn one_undo_takes_back_the_contact_and_reopens_what_it_closed() {
    let book = book();
    book.ok(&["log", "Acme", "call: sent both !1 !2"]);
    assert_eq!(book.open_of("Acme"), Vec::<i64>::new());
    let listed = book.ok(&["undo", "--list"]);
    assert!(
        listed.contains("logged a call with Acme and closed “send proposal” and “send contract”"),
        "{listed}"
    );
    book.ok(&["undo"]);
    assert_eq!(book.open_of("Acme"), vec![1, 2]);
    assert_eq!(book.contacts_of("Acme"), 2);
    assert_eq!(book.due_follow_ups(), vec![1]);
}

#[test]
fn undo_refuses_while_a_closed_follow_up_was_reopened_since() {
    let book = book();
    book.ok(&["log", "Acme", "call: sent it !1"]);
    // Reopened by hand: the contact's undo would now reopen what someone else decided.
    rusqlite::Connection::open(&book.db)
        .unwrap()
        .execute("UPDATE follow_ups SET done_at = NULL WHERE id = 1", [])
        .unwrap();
    book.refuses(
        &["undo"],
        "the follow-up it closed, “send proposal”, was reopened since",
    );
    assert_eq!(book.contacts_of("Acme"), 3, "nothing changed");
}

#[test]
fn an_id_that_is_not_an_open_follow_up_of_the_customer_saves_nothing() {
    let book = book();
    let before = book.json(&["show", "Acme"]);
    book.refuses(
        &["log", "Acme", "call: called back !3"],
        "follow-up 3 “call back” is Beta's, not Acme's",
    );
    let err = book.refused(&["log", "Acme", "call: sent it !99"]);
    assert!(err.starts_with("touchbase: there is no follow-up 99"), "{err}");
    assert!(
        err.contains("  call: sent it !99\n                ^^^\nNothing was saved."),
        "the marker is marked: {err}"
    );
    book.ok(&["done", "2"]);
    book.refuses(
        &["log", "Acme", "call: sent it !1 !2 >> call again @fri"],
        "follow-up 2 “send contract” was already done on 2026-11-23 — drop '!2'",
    );
    let after = book.json(&["show", "Acme"]);
    assert_eq!(after["interactions"], before["interactions"]);
    assert_eq!(book.open_of("Acme"), vec![1], "1 was not closed half-way");
    assert_eq!(book.open_of("Beta"), vec![3]);
}

#[test]
fn done_with_nothing_open_is_refused() {
    let book = book();
    book.ok(&["log", "Beta", "call: done !done"]);
    book.refuses(
        &["log", "Beta", "call: again !done"],
        "Beta has no open follow-up for '!done' to close — drop '!done'",
    );
    assert_eq!(book.contacts_of("Beta"), 2);
}

#[test]
fn a_line_without_a_marker_closes_nothing() {
    let book = book();
    let logged: Value = book.json(&["log", "Acme", "call: great news! they signed"]);
    assert_eq!(logged["closed"], serde_json::json!([]));
    assert_eq!(logged["interaction"]["note"], "great news! they signed");
    assert_eq!(book.open_of("Acme"), vec![1, 2]);
}
