//! Finding an account by its people through the real binary: a CUSTOMER argument that is
//! a person's name, e-mail address or phone number (typed with or without spaces, `+31`
//! or `0`), the candidates an ambiguous one lists (saying which person matched, and who
//! left), and what a number or address that no one has says.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;

/// Acme BV (1) with Anna de Boer, and Globex (2) with Anna Jansen.
fn two_annas() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Acme BV", "--company", "Acme", "--email", "info@acme.nl"]);
    book.ok(&[
        "person",
        "add",
        "acme",
        "Anna de Boer",
        "--email",
        "Anna@Acme.nl",
        "--phone",
        "+31 6 1234 5678",
    ]);
    book.ok(&["add", "Globex"]);
    book.ok(&[
        "person",
        "add",
        "globex",
        "Anna Jansen",
        "--phone",
        "06 9876 5432",
    ]);
    book
}

fn shown_name(book: &Book, who: &str) -> String {
    book.json(&["show", who])["name"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_person_s_name_finds_their_account() {
    let book = two_annas();
    let shown = book.ok(&["show", "anna de boer"]);
    assert!(shown.starts_with("Acme BV — Acme  (id 1)"), "{shown}");
    assert_eq!(shown_name(&book, "boer"), "Acme BV");
    assert_eq!(
        shown_name(&book, "anna jan"),
        "Globex",
        "all words, of one person's name"
    );
    assert_eq!(shown_name(&book, "1"), "Acme BV", "an id is still an id");
}

#[test]
fn a_person_s_e_mail_address_finds_their_account_whatever_its_case() {
    let book = two_annas();
    assert_eq!(shown_name(&book, "anna@acme.nl"), "Acme BV");
    let logged = book.ok(&["log", "ANNA@ACME.NL", "call: talked terms"]);
    assert!(logged.contains("Acme BV"), "{logged}");
    let shown = book.ok(&["show", "acme"]);
    assert!(shown.contains("talked terms"), "{shown}");
    assert_eq!(
        shown_name(&book, "info@acme.nl"),
        "Acme BV",
        "the account's own address"
    );
}

#[test]
fn a_phone_number_finds_its_account_however_it_is_typed() {
    let book = two_annas();
    for typed in [
        "06 1234 5678",
        "+31612345678",
        "0031 6 12345678",
        "06-12345678",
        "(06) 1234.5678",
    ] {
        assert_eq!(shown_name(&book, typed), "Acme BV", "{typed}");
    }
    assert_eq!(
        shown_name(&book, "0698765432"),
        "Globex",
        "a plain number that is no id"
    );
    assert_eq!(shown_name(&book, "+31 6 9876 5432"), "Globex");
}

#[test]
fn a_first_name_at_two_accounts_lists_both_saying_who_matched() {
    let book = two_annas();
    let err = book.refused(&["show", "anna"]);
    assert!(err.contains("'anna' matches more than one customer"), "{err}");
    assert!(err.contains("     1  Acme BV (Acme; Anna de Boer)\n"), "{err}");
    assert!(err.contains("     2  Globex (Anna Jansen)\n"), "{err}");
    // Nothing was logged to either.
    book.refused(&["log", "anna", "call: x"]);
    assert!(
        book.ok(&["show", "1"]).contains("no contact yet"),
        "nothing logged"
    );
    assert!(
        book.ok(&["show", "2"]).contains("no contact yet"),
        "nothing logged"
    );
}

#[test]
fn a_person_who_left_still_finds_the_account_and_is_listed_as_left() {
    let book = two_annas();
    book.ok(&["person", "left", "2", "--on", "2026-10-01", "--to", "Initech"]);
    assert_eq!(shown_name(&book, "anna de boer"), "Acme BV");
    assert_eq!(shown_name(&book, "+31612345678"), "Acme BV");
    let err = book.refused(&["show", "anna"]);
    assert!(err.contains("Acme BV (Acme; Anna de Boer, left)"), "{err}");
}

#[test]
fn a_number_or_address_no_one_has_says_so() {
    let book = two_annas();
    book.refuses(
        &["show", "06 5555 0000"],
        "no one at any customer has the phone number '06 5555 0000'",
    );
    book.refuses(
        &["show", "nobody@acme.nl"],
        "no one at any customer has the e-mail address 'nobody@acme.nl'",
    );
    book.refuses(&["show", "77"], "no customer with id 77");
}

#[test]
fn one_number_at_two_accounts_lists_both_with_the_person() {
    let book = two_annas();
    book.ok(&["add", "Initech"]);
    book.ok(&["person", "add", "initech", "Bob Lee", "--phone", "0612345678"]);
    let err = book.refused(&["show", "06 1234 5678"]);
    assert!(err.contains("     1  Acme BV (Acme; Anna de Boer)\n"), "{err}");
    assert!(err.contains("     3  Initech (Bob Lee)"), "{err}");
}
