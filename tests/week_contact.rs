//! The week export names the person to contact for each item and carries their phone and
//! e-mail, through the real binary: a decision moment's champion, the main contact for a
//! customer to touch base with, and that name beside the phone in every format for reading.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
}

use common::book::Book;
use serde_json::Value;

impl Book {
    /// Acme (main contact Jan de Vries) with Anna de Boer, who champions the board's
    /// decision on Wednesday; Globex (Sophie Martin), whose 14-day cadence runs out this
    /// week.
    fn week_with_people() -> Book {
        let book = Book::empty();
        book.ok(&[
            "add",
            "Jan de Vries",
            "--company",
            "Acme",
            "--email",
            "jan@acme.nl",
            "--phone",
            "+31 20 555 0101",
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
            "06 1234 5678",
        ]);
        book.ok(&[
            "moment",
            "add",
            "acme",
            "Board approves the budget",
            "@2026-11-25",
            "--champion",
            "anna",
        ]);
        book.ok(&[
            "add",
            "Sophie Martin",
            "--company",
            "Globex",
            "--email",
            "sophie@globex.fr",
            "--phone",
            "+33 1 55 55 01 01",
            "--cadence",
            "14d",
        ]);
        book.ok_at("2026-11-12T10:00:00Z", &["log", "globex", "call: catalogue"]);
        book
    }

    fn item(&self, kind: &str) -> Value {
        let plan: Value = serde_json::from_str(&self.ok(&["export", "week", "--format", "json"])).unwrap();
        plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} item in {plan:#}"))
            .clone()
    }
}

#[test]
fn a_moment_s_item_carries_its_champion_and_a_cadence_item_the_main_contact() {
    let book = Book::week_with_people();
    let moment = book.item("moment");
    assert_eq!(moment["customer"], "Acme");
    assert_eq!(moment["contact"], "Anna de Boer");
    assert_eq!(moment["email"], "anna@acme.nl");
    assert_eq!(moment["phone"], "06 1234 5678");
    assert!(moment["contact_id"].is_i64(), "{moment}");

    let touch = book.item("touch_base");
    assert_eq!(touch["customer"], "Globex");
    assert_eq!(touch["contact"], "Sophie Martin");
    assert_eq!(touch["email"], "sophie@globex.fr");
    assert_eq!(touch["phone"], "+33 1 55 55 01 01");
}

#[test]
fn the_formats_for_reading_name_the_contact_beside_the_phone() {
    let book = Book::week_with_people();
    let md = book.ok(&["export", "week", "--format", "md"]);
    assert!(
        md.contains("· Anna de Boer · 06 1234 5678 · anna@acme.nl"),
        "{md}"
    );
    // The account is its company; the person to contact is named beside their number.
    assert!(md.contains("**Globex**: Touch base"), "{md}");
    assert!(md.contains("· Sophie Martin · +33 1 55 55 01 01"), "{md}");
    let todo = book.ok(&["export", "week", "--format", "todotxt"]);
    assert!(
        todo.contains("contact:Anna_de_Boer phone:0612345678 email:anna@acme.nl"),
        "{todo}"
    );
    let ics = book
        .ok(&["export", "week", "--format", "ics"])
        .replace("\r\n ", "");
    assert!(
        ics.contains("Contact: Anna de Boer\\nPhone: 06 1234 5678"),
        "{ics}"
    );
    let csv = book.ok(&["export", "week", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",key,contact"), "{csv}");
    assert!(csv.contains(",Anna de Boer\r\n"), "{csv}");
}

/// When the main contact leaves, the nudge to build the relationship with a successor
/// names the one still there who was last in touch, not the leaver.
#[test]
fn a_leaver_s_nudge_names_the_other_one_last_in_touch() {
    let book = Book::empty();
    book.ok(&[
        "add",
        "Jan de Vries",
        "--company",
        "Acme",
        "--email",
        "jan@acme.nl",
    ]);
    book.ok(&[
        "person",
        "add",
        "acme",
        "Anna de Boer",
        "--email",
        "anna@acme.nl",
        "--phone",
        "06 1234 5678",
    ]);
    book.ok(&["person", "add", "acme", "Piet Bakker", "--email", "piet@acme.nl"]);
    book.ok_at("2026-11-02T09:00:00Z", &["log", "acme", "call piet: intro"]);
    book.ok_at("2026-11-10T09:00:00Z", &["log", "acme", "call anna: pricing"]);
    book.ok_at(
        "2026-11-13T09:00:00Z",
        &["person", "left", "1", "--on", "2026-11-12"],
    );
    let nudge = book.item("nudge");
    assert_eq!(nudge["nudge"], "situation_unanswered", "{nudge}");
    assert_eq!(nudge["contact"], "Anna de Boer");
    assert_eq!(nudge["phone"], "06 1234 5678");
    assert_eq!(nudge["email"], "anna@acme.nl");
}
