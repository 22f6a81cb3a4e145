//! Logging with whom, through the real binary: the quick-log prefix names one of the
//! account's people (`call anna yesterday:`), a name that fits no one or several is
//! refused listing the people and saves nothing, a line without a name is with the main
//! contact, and `show` (text and JSON) says whom each contact was with and each person's
//! last contact. Undo, an edit and a delete undone keep whom a contact was with.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;
use serde_json::Value;

impl Book {
    /// Acme BV (company Acme, main contact 1 "Acme BV"), Anna de Boer (2), Jan Smit (3),
    /// Jan de Vries (4, who left).
    fn acme_with_people() -> Book {
        let book = Book::empty();
        book.ok(&["add", "Acme BV", "--company", "Acme"]);
        for name in ["Anna de Boer", "Jan Smit", "Jan de Vries"] {
            book.ok(&["person", "add", "acme", name]);
        }
        book.ok(&["person", "left", "4", "--on", "2026-10-01"]);
        book
    }

    /// The contacts `show --json` lists, newest first.
    fn contacts(&self) -> Vec<Value> {
        self.json(&["show", "acme"])["interactions"]
            .as_array()
            .unwrap()
            .clone()
    }
}

#[test]
fn a_line_names_whom_the_contact_was_with() {
    let book = Book::acme_with_people();
    assert_eq!(
        book.ok(&["log", "acme", "call anna yesterday: discussed terms"]),
        "Logged call with Anna de Boer at Acme BV on Sun 22 Nov 09:00\n"
    );
    let contacts = book.contacts();
    assert_eq!(contacts[0]["note"], "discussed terms");
    assert_eq!(contacts[0]["person_id"], 2);
    assert_eq!(contacts[0]["person"], "Anna de Boer");
    let show = book.ok(&["show", "acme"]);
    assert!(show.contains("call      with Anna · discussed terms"), "{show}");
    assert!(show.contains("Anna de Boer · last 22 Nov"), "{show}");
}

#[test]
fn a_full_name_the_start_of_its_words_any_case_and_no_accents_find_the_person() {
    let book = Book::acme_with_people();
    book.ok(&["person", "add", "acme", "Jörg Kühne"]);
    for (line, id) in [
        ("visit jan smit: tour", 3),
        ("visit JAN DE -2d: farewell", 4),
        ("email joerg: x", 1),
        ("email kuhne: sent it", 5),
        ("meeting Jörg mon 14:30: board", 5),
    ] {
        if id == 1 {
            // "joerg" is no way to write "Jörg": folded it is "jorg".
            book.refuses(&["log", "acme", line], "no one called 'joerg' at Acme");
            continue;
        }
        let logged = book.json(&["log", "acme", line]);
        assert_eq!(logged["interaction"]["person_id"], id, "{line}");
    }
}

#[test]
fn without_a_name_the_contact_is_with_the_main_contact() {
    let book = Book::acme_with_people();
    book.ok(&["log", "acme", "call: plain"]);
    book.ok(&["log", "acme", "talked about the renewal"]);
    for c in book.contacts() {
        assert_eq!(c["person_id"], 1, "{c}");
        assert_eq!(c["person"], "Acme BV", "{c}");
    }
    let show = book.ok(&["show", "acme"]);
    // (The trigger Jan de Vries's leaving opened says "with the successor": not a contact.)
    assert!(
        !show
            .lines()
            .any(|l| (l.contains("plain") || l.contains("renewal")) && l.contains("with ")),
        "the main contact goes without saying: {show}"
    );
    // After a new main contact, the old contacts stay with whom they were.
    book.ok(&["person", "main", "2"]);
    book.ok(&["log", "acme", "call: with the new main"]);
    let ids: Vec<i64> = book
        .contacts()
        .iter()
        .map(|c| c["person_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2, 1, 1]);
}

#[test]
fn a_name_that_fits_no_one_lists_the_people_there_and_saves_nothing() {
    let book = Book::acme_with_people();
    let err = book.refused(&["log", "acme", "call ana yesterday: x"]);
    assert_eq!(
        err,
        "touchbase: no one called 'ana' at Acme BV — Acme BV, Anna de Boer, Jan Smit, Jan de Vries (left)\n\
         \x20 call ana yesterday: x\n\
         \x20      ^^^\n\
         Nothing was saved.\n"
    );
    // Without a time the words may have meant one: both are said.
    book.refuses(
        &["log", "acme", "call ana: x"],
        "no one called 'ana' at Acme BV — Acme BV, Anna de Boer, Jan Smit, Jan de Vries (left); \
         and 'ana' is not a time — say when it happened",
    );
    assert!(book.contacts().is_empty());
}

#[test]
fn a_name_that_fits_several_lists_those() {
    let book = Book::acme_with_people();
    book.refuses(
        &["log", "acme", "visit a: x"],
        "'a' is more than one at Acme BV — Acme BV, Anna de Boer; type more of the name",
    );
    assert!(book.contacts().is_empty());
    // Among equals, who is still there wins over who left: "jan" is Jan Smit, and Jan de
    // Vries, who left, is named in full.
    book.ok(&["log", "acme", "visit jan: x"]);
    assert_eq!(book.contacts()[0]["person"], "Jan Smit");
    book.ok(&["log", "acme", "call jan de vries: goodbye"]);
    assert_eq!(book.contacts()[0]["person"], "Jan de Vries");
}

#[test]
fn words_that_are_neither_a_time_nor_a_person_say_how_to_keep_them_in_the_note() {
    let book = Book::acme_with_people();
    assert_eq!(
        book.refused(&["log", "acme", "call 3 times: no answer"]),
        "touchbase: '3 times' is not a time — say when it happened (yesterday, mon, 3 days ago, 2026-11-30, 14:30), \
         or write 'call: 3 times: …' to keep the words in the note; \
         nor is '3 times' anyone at Acme BV — Acme BV, Anna de Boer, Jan Smit, Jan de Vries (left)\n\
         \x20 call 3 times: no answer\n\
         \x20      ^^^^^^^\n\
         Nothing was saved.\n"
    );
    book.refuses(&["log", "acme", "call mon 25:00: x"], "'25:00' is not a time");
    book.refuses(
        &["log", "acme", "call anna tomorrow: x"],
        "the contact's time 'tomorrow' is in the future",
    );
    assert!(book.contacts().is_empty());
}

#[test]
fn lines_that_named_no_one_read_as_they_always_did() {
    let book = Book::acme_with_people();
    for (line, note) in [
        ("call: anna yesterday: x", "anna yesterday: x"),
        (
            "Discussed pricing with Jan: agreed",
            "Discussed pricing with Jan: agreed",
        ),
        (
            "call with the whole team about it: fine",
            "call with the whole team about it: fine",
        ),
        ("call today: x", "x"),
    ] {
        book.ok(&["log", "acme", line]);
        let c = &book.contacts()[0];
        assert_eq!(c["note"], note, "{line}");
        assert_eq!(c["person_id"], 1, "{line}");
    }
}

#[test]
fn someone_who_left_can_be_named_for_the_goodbye() {
    let book = Book::acme_with_people();
    book.ok(&["log", "acme", "call jan de vries: farewell"]);
    assert_eq!(book.contacts()[0]["person"], "Jan de Vries");
}

#[test]
fn log_json_says_whom_it_was_with() {
    let book = Book::acme_with_people();
    let logged = book.json(&["log", "acme", "meeting anna: terms"]);
    assert_eq!(logged["interaction"]["person_id"], 2);
    assert_eq!(logged["interaction"]["person"], "Anna de Boer");
    let plain = book.json(&["log", "acme", "call: hi"]);
    assert_eq!(plain["interaction"]["person_id"], 1);
    assert_eq!(plain["interaction"]["person"], "Acme BV");
}

#[test]
fn undo_edit_and_a_delete_undone_keep_whom_it_was_with() {
    let book = Book::acme_with_people();
    book.ok(&["log", "acme", "call anna yesterday: discussed terms"]);
    let id = book.contacts()[0]["id"].as_i64().unwrap().to_string();
    book.ok(&["edit", "contact", &id, "--note", "discussed the terms"]);
    assert_eq!(book.contacts()[0]["person_id"], 2);
    book.ok(&["undo"]);
    assert_eq!(book.contacts()[0]["note"], "discussed terms");
    assert_eq!(book.contacts()[0]["person_id"], 2);
    book.ok(&["delete", "contact", &id]);
    assert!(book.contacts().is_empty());
    book.ok(&["undo"]);
    assert_eq!(book.contacts()[0]["person_id"], 2);
    let undone = book.ok(&["undo"]);
    assert!(
        undone.contains("logged a call with Anna de Boer at Acme"),
        "{undone}"
    );
    assert!(book.contacts().is_empty());
}

#[test]
fn the_card_gives_each_persons_last_contact() {
    let book = Book::acme_with_people();
    book.ok(&["log", "acme", "call anna 3 days ago: a"]);
    book.ok(&["log", "acme", "call anna yesterday: b"]);
    book.ok(&["log", "acme", "note anna: internal, no contact"]);
    book.ok(&["log", "acme", "visit jan smit 2026-11-02: c"]);
    let show = book.ok(&["show", "acme"]);
    let people: Vec<&str> = show
        .lines()
        .skip_while(|l| *l != "People")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(
        people,
        [
            "       1  Acme BV  main",
            "       2  Anna de Boer · last 22 Nov",
            "       3  Jan Smit · last 2 Nov",
            "       4  Jan de Vries  left 2026-10-01",
        ]
    );
}

#[test]
fn an_edit_says_whom_a_contact_was_with_and_undo_takes_it_back() {
    let book = Book::acme_with_people();
    book.ok(&["log", "acme", "call anna yesterday: terms"]);
    let id = book.contacts()[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        book.ok(&["edit", "contact", &id, "--with", "jan smit"]),
        "Edited the call of Sun 22 Nov with Acme BV: person\n"
    );
    assert_eq!(book.contacts()[0]["person"], "Jan Smit");
    book.ok(&["undo"]);
    assert_eq!(book.contacts()[0]["person"], "Anna de Boer");
    book.refuses(
        &["edit", "contact", &id, "--with", "ana"],
        "no one called 'ana' at Acme BV — Acme BV, Anna de Boer, Jan Smit, Jan de Vries (left)",
    );
    book.refuses(
        &["edit", "contact", &id, "--with", "a"],
        "'a' is more than one at Acme",
    );
    assert_eq!(book.contacts()[0]["person"], "Anna de Boer", "nothing changed");
}
