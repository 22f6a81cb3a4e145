//! People on an account through the real binary: `person add|edit|main|left|list`, the
//! people `show` lists (text and JSON), and the refusals: a phone number with letters, a
//! second main contact (which moves main), leaving twice, an unknown person.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;

impl Book {
    /// Acme BV (company Acme) with its own e-mail and phone, and Anna de Boer (person 2).
    fn acme_with_anna() -> Book {
        let book = Book::empty();
        book.ok(&[
            "add",
            "Acme BV",
            "--company",
            "Acme",
            "--email",
            "info@acme.nl",
            "--phone",
            "020 123 4567",
        ]);
        book.ok(&[
            "person",
            "add",
            "acme",
            "Anna de Boer",
            "--role",
            "inkoper",
            "--email",
            "anna@acme.nl",
            "--phone",
            "+31 6 1234 5678",
            "--phone-label",
            "mobile",
            "--phone",
            "020 123 4599",
        ]);
        book
    }
}

#[test]
fn a_customer_s_people_are_listed_with_their_details_main_first() {
    let book = Book::acme_with_anna();
    let list = book.ok(&["person", "list", "acme"]);
    assert_eq!(
        list,
        "People at Acme BV\n\
         \x20      1  Acme BV · info@acme.nl · 020 123 4567  main\n\
         \x20      2  Anna de Boer · inkoper · anna@acme.nl · +31 6 1234 5678 (mobile) · 020 123 4599\n"
    );
    let people = book.json(&["person", "list", "acme"]);
    let anna = &people[1];
    assert_eq!(anna["name"], "Anna de Boer");
    assert_eq!(anna["main"], false);
    assert_eq!(anna["left"], serde_json::Value::Null);
    assert_eq!(anna["phones"][0]["label"], "mobile");
    assert_eq!(anna["phones"][1]["value"], "020 123 4599");
    assert_eq!(anna["emails"][0]["value"], "anna@acme.nl");
}

#[test]
fn show_lists_the_people_and_its_json_gains_them() {
    let book = Book::acme_with_anna();
    book.ok(&["person", "left", "2", "--on", "2026-10-01", "--to", "Globex"]);
    let shown = book.ok(&["show", "acme"]);
    assert!(shown.contains("\nPeople\n"), "{shown}");
    assert!(
        shown.contains("Acme BV · info@acme.nl · 020 123 4567  main"),
        "{shown}"
    );
    assert!(shown.contains("Anna de Boer · inkoper · anna@acme.nl"), "{shown}");
    assert!(shown.contains("left 2026-10-01 → Globex"), "{shown}");
    let json = book.json(&["show", "acme"]);
    assert_eq!(json["name"], "Acme BV", "the fields of before stay");
    assert_eq!(json["email"], "info@acme.nl");
    assert_eq!(json["people"].as_array().unwrap().len(), 2);
    assert_eq!(json["people"][1]["left"]["on"], "2026-10-01");
    assert_eq!(json["people"][1]["left"]["to"], "Globex");
}

#[test]
fn a_second_main_contact_moves_main_and_says_so() {
    let book = Book::acme_with_anna();
    let said = book.ok(&[
        "person",
        "add",
        "acme",
        "Jan Smit",
        "--email",
        "jan@acme.nl",
        "--main",
    ]);
    assert!(
        said.starts_with("Added Jan Smit to Acme BV; Jan Smit is the main contact now instead of Acme BV"),
        "{said}"
    );
    let people = book.json(&["person", "list", "1"]);
    let mains: Vec<_> = people
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["main"] == true)
        .collect();
    assert_eq!(mains.len(), 1);
    assert_eq!(mains[0]["name"], "Jan Smit");
    // The customer's e-mail and phone follow its main contact; its name stays its own.
    let customer = book.json(&["show", "1"]);
    assert_eq!(
        (customer["name"].as_str(), customer["email"].as_str()),
        (Some("Acme BV"), Some("jan@acme.nl"))
    );
    let said = book.ok(&["person", "main", "2"]);
    assert_eq!(said.lines().next(), Some("Anna de Boer is the main contact now"));
    let said = book.ok(&["person", "main", "2"]);
    assert!(
        said.contains("already was the main contact — nothing changed"),
        "{said}"
    );
    assert_eq!(book.json(&["show", "1"])["phone"], "+31 6 1234 5678");
}

#[test]
fn editing_a_person_replaces_what_is_given() {
    let book = Book::acme_with_anna();
    let p = book.json(&["person", "edit", "2", "--role", "CFO", "--phone", "06-87654321"]);
    assert_eq!(p["role"], "CFO");
    assert_eq!(p["phones"].as_array().unwrap().len(), 1);
    assert_eq!(p["phones"][0]["value"], "06-87654321");
    assert_eq!(p["emails"][0]["value"], "anna@acme.nl", "not given, kept");
    // The main person's edit reaches the customer.
    book.ok(&["person", "edit", "1", "--email", "sales@acme.nl"]);
    assert_eq!(book.json(&["show", "1"])["email"], "sales@acme.nl");
}

#[test]
fn bad_input_is_refused_naming_the_value_and_nothing_changes() {
    let book = Book::acme_with_anna();
    let before = book.ok(&["person", "list", "acme"]);
    book.refuses(
        &["person", "add", "acme", "Piet", "--phone", "06 CALL ME"],
        "'06 CALL ME' is not a phone number",
    );
    book.refuses(
        &["person", "add", "acme", "Piet", "--email", "piet.acme.nl"],
        "'piet.acme.nl' is not an e-mail address",
    );
    book.refuses(&["person", "add", "acme", " "], "a person needs a name");
    book.refuses(&["person", "edit", "2", "--phone", "call me"], "'call me'");
    book.refuses(&["person", "edit", "99", "--role", "x"], "no person with id 99");
    book.refuses(&["person", "main", "99"], "no person with id 99");
    book.refuses(&["person", "add", "nobody", "Piet"], "'nobody'");
    book.ok(&["person", "left", "2", "--on", "2026-10-01"]);
    book.refuses(
        &["person", "left", "2"],
        "Anna de Boer (person 2) already left on 2026-10-01",
    );
    book.refuses(&["person", "left", "1", "--on", "someday"], "someday");
    let after = book.ok(&["person", "list", "acme"]);
    assert_eq!(after.replace("  left 2026-10-01", ""), before);
}

#[test]
fn adding_editing_making_main_and_leaving_are_undone_in_turn() {
    let book = Book::acme_with_anna();
    let start = book.ok(&["person", "list", "acme"]);
    book.ok(&["person", "edit", "2", "--role", "CFO"]);
    book.ok(&["person", "main", "2"]);
    book.ok(&["person", "left", "2", "--on", "2026-10-01", "--to", "Globex"]);
    assert!(
        book.ok(&["undo"])
            .starts_with("Undone: marked Anna de Boer as left")
    );
    assert!(
        book.ok(&["undo"])
            .starts_with("Undone: made Anna de Boer the main contact")
    );
    assert_eq!(
        book.json(&["show", "1"])["name"],
        "Acme BV",
        "the customer follows back"
    );
    assert!(book.ok(&["undo"]).starts_with("Undone: edited Anna de Boer"));
    assert_eq!(book.ok(&["person", "list", "acme"]), start);
    assert!(
        book.ok(&["undo"])
            .starts_with("Undone: added Anna de Boer to Acme BV")
    );
    let people = book.json(&["person", "list", "acme"]);
    assert_eq!(people.as_array().unwrap().len(), 1);
}

#[test]
fn an_undo_is_refused_when_the_person_changed_since() {
    let book = Book::acme_with_anna();
    book.ok(&["person", "left", "2", "--on", "2026-10-01"]);
    // Another program changes her after the mark.
    rusqlite::Connection::open(&book.db)
        .unwrap()
        .execute("UPDATE people SET notes = 'went to Globex' WHERE id = 2", [])
        .unwrap();
    book.refuses(&["undo"], "they were changed since");
    assert!(
        book.json(&["person", "list", "acme"])[1]["left"].is_object(),
        "nothing undone"
    );
}

/// `add NAME --company C` makes the account C with NAME as its main contact; a second
/// account of a company already in the book (in any case and legal form) is refused with
/// the command that adds the person to it, and a phone number with letters is refused as
/// a person's is. Nothing is written by a refusal.
#[test]
fn an_account_added_with_a_company_is_named_after_it() {
    let book = Book::empty();
    let said = book.ok(&[
        "add",
        "Anna de Boer",
        "--company",
        "Kühne Bau GmbH",
        "--email",
        "anna@kuehne.example",
    ]);
    assert_eq!(
        said.trim(),
        "Added Kühne Bau GmbH (id 1) with Anna de Boer as its main contact, in touch every 30d"
    );
    let shown = book.json(&["show", "anna"]);
    assert_eq!(shown["name"], "Kühne Bau GmbH");
    assert_eq!(shown["email"], "anna@kuehne.example");
    assert_eq!(shown["people"][0]["name"], "Anna de Boer");
    assert_eq!(shown["people"][0]["main"], true);
    assert!(
        book.ok(&["show", "kuhne bau"])
            .starts_with("Kühne Bau GmbH  (id 1)")
    );

    let before = std::fs::read(&book.db).unwrap();
    book.refuses(
        &["add", "Jan Smit", "--company", "KÜHNE BAU"],
        "KÜHNE BAU is in your book already (Kühne Bau GmbH, id 1) — add Jan Smit to it: touchbase person add 1 \"Jan Smit\"",
    );
    book.refuses(
        &["add", "Piet", "--phone", "06 PIET"],
        "'06 PIET' is not a phone number: it holds letters",
    );
    assert_eq!(std::fs::read(&book.db).unwrap(), before, "nothing written");
    // A name that is the company, shortened or in full, stays the account's own.
    assert_eq!(
        book.ok(&["add", "Globex", "--company", "Globex Corp"]).trim(),
        "Added Globex (id 2), in touch every 30d"
    );
}

/// A contact logged on an account found by a person's name, e-mail address or number is
/// with that person; by the account's own name or id, with the main contact (here the
/// person "Acme BV").
#[test]
fn a_contact_logged_by_a_person_s_name_is_with_them() {
    let book = Book::acme_with_anna();
    assert_eq!(
        book.ok(&["log", "anna", "call: terms"]).trim(),
        "Logged call with Anna de Boer at Acme BV"
    );
    assert_eq!(
        book.ok(&["log", "06 12345678", "call: again"]).trim(),
        "Logged call with Anna de Boer at Acme BV"
    );
    assert_eq!(
        book.ok(&["log", "acme", "visit: tour"]).trim(),
        "Logged visit with Acme BV"
    );
    let shown = book.json(&["show", "acme"]);
    let with: Vec<&str> = shown["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["person"].as_str().unwrap())
        .collect();
    assert_eq!(with, ["Acme BV", "Anna de Boer", "Anna de Boer"], "{shown}");
}
