//! Decision moments name their people through the real binary: `moment add … --with
//! --decides --signs --champion`, `edit moment` replacing a part, `show` and its JSON,
//! and the refusals: a name that fits no one or several people, with nothing saved.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;
use serde_json::json;

impl Book {
    /// Acme BV (company Acme, main person 1) with Anna de Boer (2), Jan Smit (3),
    /// Janneke Kühne (4) and Piet Bakker (5), who left.
    fn acme_with_people() -> Book {
        let book = Book::empty();
        book.ok(&["add", "Acme BV", "--company", "Acme"]);
        for name in ["Anna de Boer", "Jan Smit", "Janneke Kühne", "Piet Bakker"] {
            book.ok(&["person", "add", "acme", name]);
        }
        book.ok(&["person", "left", "5", "--on", "2026-10-01"]);
        book
    }

    /// Moment `id`'s people as `show --json` gives them.
    fn people_of_moment(&self, id: i64) -> serde_json::Value {
        let shown = self.json(&["show", "acme"]);
        let moment = shown["moments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone();
        moment["people"].clone()
    }
}

#[test]
fn a_moment_is_planned_with_its_people_and_show_names_them() {
    let book = Book::acme_with_people();
    let said = book.ok(&[
        "moment",
        "add",
        "acme",
        "Board approves budget",
        "@2026-11-25",
        "--with",
        "anna,jan smit",
        "--decides",
        "KUHNE",
        "--signs",
        "an",
        "--champion",
        "piet",
    ]);
    assert_eq!(
        said,
        "Planned “Board approves budget” for Acme BV on Wed 25 Nov — decides Janneke Kühne, \
         signs Anna de Boer, champion Piet Bakker, with Anna de Boer & Jan Smit (moment 1)\n"
    );
    assert_eq!(
        book.people_of_moment(1),
        json!([
            {"id": 4, "name": "Janneke Kühne", "part": "decides"},
            {"id": 2, "name": "Anna de Boer", "part": "signs"},
            {"id": 5, "name": "Piet Bakker", "part": "champion"},
            {"id": 2, "name": "Anna de Boer", "part": "involved"},
            {"id": 3, "name": "Jan Smit", "part": "involved"},
        ])
    );
    let shown = book.ok(&["show", "acme"]);
    assert!(
        shown.contains("who: decides Janneke Kühne, signs Anna de Boer, champion Piet Bakker, with Anna de Boer & Jan Smit"),
        "{shown}"
    );
}

#[test]
fn an_edit_replaces_only_the_parts_it_names_and_undo_puts_them_back() {
    let book = Book::acme_with_people();
    book.ok(&[
        "moment",
        "add",
        "acme",
        "Board approves budget",
        "@2026-11-25",
        "--decides",
        "anna",
        "--with",
        "jan smit",
    ]);
    let said = book.ok(&["edit", "moment", "1", "--decides", "janneke"]);
    assert!(said.contains("people"), "{said}");
    assert_eq!(
        book.people_of_moment(1),
        json!([
            {"id": 4, "name": "Janneke Kühne", "part": "decides"},
            {"id": 3, "name": "Jan Smit", "part": "involved"},
        ])
    );
    let edited = book.json(&["edit", "moment", "1", "--with", ""]);
    assert_eq!(
        edited["people"],
        json!([{"id": 4, "name": "Janneke Kühne", "part": "decides"}])
    );
    book.ok(&["undo"]);
    book.ok(&["undo"]);
    assert_eq!(
        book.people_of_moment(1),
        json!([
            {"id": 2, "name": "Anna de Boer", "part": "decides"},
            {"id": 3, "name": "Jan Smit", "part": "involved"},
        ])
    );
}

#[test]
fn a_name_that_fits_no_one_or_several_is_refused_and_nothing_is_saved() {
    let book = Book::acme_with_people();
    book.refuses(
        &[
            "moment",
            "add",
            "acme",
            "Board approves budget",
            "@2026-11-25",
            "--with",
            "anna,ana",
        ],
        "no one called 'ana' at Acme BV — Acme BV, Anna de Boer, Jan Smit, Janneke Kühne, Piet Bakker (left)",
    );
    book.refuses(
        &[
            "moment",
            "add",
            "acme",
            "Board approves budget",
            "@2026-11-25",
            "--decides",
            "ja",
        ],
        "'ja' is more than one at Acme BV — Jan Smit, Janneke Kühne; type more of the name",
    );
    assert_eq!(
        book.json(&["show", "acme"])["moments"],
        json!([]),
        "no moment was planned"
    );

    book.ok(&[
        "moment",
        "add",
        "acme",
        "Board approves budget",
        "@2026-11-25",
        "--signs",
        "jan",
    ]);
    book.refuses(
        &[
            "edit",
            "moment",
            "1",
            "--title",
            "Board decides",
            "--signs",
            "nobody",
        ],
        "no one called 'nobody' at Acme",
    );
    let shown = book.json(&["show", "acme"]);
    assert_eq!(
        shown["moments"][0]["title"], "Board approves budget",
        "the title neither"
    );
    assert_eq!(
        shown["moments"][0]["people"],
        json!([{"id": 3, "name": "Jan Smit", "part": "signs"}]),
        "'jan' is Jan Smit's first name: a whole first name wins over a start"
    );
}
