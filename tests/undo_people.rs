//! Undo gives the same book back with its people: a deleted account comes back with every
//! person (under their own ids), their e-mail addresses and phone numbers, their part in
//! the account's decision moments, whom each contact was with and whose leaving opened a
//! trigger; so does an account merged into another, and one archived.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod refusals;
    pub mod sql;
}

use common::book::Book;
use common::sql::tables;
use rusqlite::Connection;

impl Book {
    /// Every row of every table but the journal's, as text.
    fn records(&self) -> Vec<String> {
        let conn = Connection::open(&self.db).unwrap();
        let mut rows = Vec::new();
        for table in tables(&conn).into_iter().filter(|t| t != "undo_journal") {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
            let n = stmt.column_count();
            let mut q = stmt.query([]).unwrap();
            while let Some(r) = q.next().unwrap() {
                let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                rows.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        rows.sort();
        rows
    }

    /// What a user sees of Acme: the export, the card, `why` and the agenda.
    fn seen(&self) -> Vec<String> {
        vec![
            self.ok(&["export", "customers", "--format", "json"]),
            self.ok(&["show", "acme"]),
            self.ok(&["why", "acme"]),
            self.ok(&["due"]),
            self.ok(&["person", "list", "acme", "--json"]),
        ]
    }

    /// Acme BV with three people of two phones each (Acme BV, the main contact; Anna de
    /// Boer; Jan Smit), a moment Anna decides and Jan signs, a contact with each, and Piet,
    /// who left, with the trigger his leaving opened.
    fn acme_with_people() -> Book {
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
            "edit",
            "1",
            "--phone",
            "020 123 4567",
            "--phone",
            "06 1111 2222",
        ]);
        for (name, mobile, office) in [
            ("Anna de Boer", "+31 6 1234 5678", "020 123 4599"),
            ("Jan Smit", "06 8765 4321", "020 123 4588"),
        ] {
            let first = name.split(' ').next().unwrap().to_lowercase();
            let email = format!("{first}@acme.nl");
            book.ok(&[
                "person",
                "add",
                "acme",
                name,
                "--email",
                &email,
                "--phone",
                mobile,
                "--phone-label",
                "mobile",
                "--phone",
                office,
            ]);
        }
        book.ok(&["person", "add", "acme", "Piet Bakker", "--phone", "06 5555 6666"]);
        book.ok(&[
            "moment",
            "add",
            "acme",
            "Board approves budget",
            "@2026-12-10",
            "--decides",
            "anna",
            "--signs",
            "jan",
            "--with",
            "acme bv",
        ]);
        book.ok(&["log", "acme", "call anna 2 days ago: terms"]);
        book.ok(&["log", "acme", "visit jan yesterday: demo >> send the quote @fri"]);
        book.ok(&["log", "acme", "call piet 3 days ago: handover"]);
        book.ok(&["log", "acme", "email: the price list"]);
        book.ok(&["person", "left", "4", "--on", "yesterday", "--to", "Globex"]);
        book
    }
}

#[test]
fn undoing_a_customer_delete_brings_back_every_person_and_what_names_them() {
    let book = Book::acme_with_people();
    let (records, seen) = (book.records(), book.seen());
    assert!(
        records
            .iter()
            .any(|r| r.starts_with("triggers:") && r.ends_with("| Integer(4)")),
        "Piet's leaving opened a trigger naming him: {records:#?}"
    );

    book.ok(&["delete", "customer", "acme", "--yes"]);
    assert_eq!(
        book.ok(&["undo"]),
        "Undone: deleted Acme BV and their 4 contacts, 1 follow-up, 1 decision moment and 1 trigger (Mon 23 Nov 09:00)\n"
    );

    assert_eq!(book.seen(), seen, "the user sees Acme as before the delete");
    assert_eq!(book.records(), records, "every row is back with its own id");
}

#[test]
fn undoing_a_merge_gives_both_accounts_their_people_back() {
    let book = Book::acme_with_people();
    book.ok(&["add", "Globex", "--email", "info@globex.test"]);
    book.ok(&[
        "person",
        "add",
        "globex",
        "Greta Globex",
        "--phone",
        "030 111 2222",
        "--phone",
        "06 3333 4444",
    ]);
    book.ok(&["log", "globex", "call greta: intro"]);
    let (records, seen) = (book.records(), book.seen());
    let globex = book.ok(&["show", "globex"]);

    book.ok(&["merge", "acme", "globex"]);
    assert_eq!(
        book.ok(&["undo"]),
        "Undone: merged Globex into Acme BV (Mon 23 Nov 09:00)\n"
    );

    assert_eq!(book.seen(), seen);
    assert_eq!(book.ok(&["show", "globex"]), globex);
    assert_eq!(book.records(), records);
}

#[test]
fn undoing_an_archive_keeps_the_account_s_people() {
    let book = Book::acme_with_people();
    let (records, seen) = (book.records(), book.seen());
    book.ok(&["archive", "acme"]);
    book.ok(&["undo"]);
    assert_eq!(book.seen(), seen);
    let updated = |rows: &[String]| -> Vec<String> {
        // Archiving and its undo touch the customer's updated_at, nothing else.
        rows.iter()
            .filter(|r| !r.starts_with("customers:"))
            .cloned()
            .collect()
    };
    assert_eq!(updated(&book.records()), updated(&records));
}

impl Book {
    /// The newest entry of the journal as one whose undo was refused: `undo` passes it
    /// by and reaches the one before, with what that entry did still in the book.
    fn refused_newest(&self) {
        Connection::open(&self.db)
            .unwrap()
            .execute(
                "UPDATE undo_journal SET refused = 'it was changed since' WHERE id = (SELECT max(id) FROM undo_journal)",
                [],
            )
            .unwrap();
    }
}

/// A merge's undo that would leave a record naming someone of the other account, or the
/// kept account without its main contact, is refused and changes nothing.
#[test]
fn a_merge_whose_people_were_built_on_since_is_not_undone() {
    let merged = |then: &[&str]| {
        let book = Book::acme_with_people();
        book.ok(&["add", "Globex", "--email", "info@globex.test"]);
        book.ok(&["person", "add", "globex", "Greta Globex"]);
        book.ok(&["merge", "acme", "globex"]);
        book.ok(then);
        book.refused_newest();
        book
    };
    let book = merged(&["log", "acme", "call greta: after the merge"]);
    let before = book.records();
    book.refuses(
        &["undo"],
        "can't undo: merged Globex into Acme BV (Mon 23 Nov 09:00) — Greta Globex was named in a contact with Acme BV since",
    );
    assert_eq!(book.records(), before, "a refused undo changes nothing");

    let book = merged(&[
        "moment",
        "add",
        "acme",
        "Pilot",
        "@2026-12-20",
        "--decides",
        "greta",
    ]);
    book.refuses(
        &["undo"],
        "Greta Globex was named in a decision moment of Acme BV since",
    );

    // Greta is person 6: Acme's four, then Globex's own and Greta.
    let book = merged(&["person", "main", "6"]);
    book.refuses(&["undo"], "Greta Globex was made Acme BV's main contact since");
}

/// A deleted account's person whose id was given to someone added since is not put back
/// over them: the undo is refused and nothing changes.
#[test]
fn a_delete_whose_person_ids_were_taken_since_is_not_undone() {
    let book = Book::acme_with_people();
    book.ok(&["add", "Beta"]);
    book.ok(&["person", "add", "beta", "Bea Bakker"]);
    book.ok(&["delete", "customer", "beta", "--yes"]);
    // Beta's people were 5 and 6; the next person added takes 5 again.
    book.ok(&["person", "add", "acme", "Karin Klein"]);
    book.refused_newest();
    let before = book.records();
    book.refuses(
        &["undo"],
        "can't undo: deleted Beta (Mon 23 Nov 09:00) — the id of their person 5 (Beta) was given to a new one since",
    );
    assert_eq!(book.records(), before);
}
