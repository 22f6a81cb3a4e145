//! `touchbase undo` on the command line: the book's undo journal, newest entry first,
//! whichever process or front end wrote it; refusals exit 1 and change nothing.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
    pub mod sql;
}

use common::book::Book;
use common::sql::tables;
use rusqlite::Connection;
use serde_json::json;

/// A book with Acme, added through the CLI (so on the journal).
fn acme() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Acme"]);
    book
}

impl Book {
    fn sql(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }

    /// Every row of every table but the journal's, as text.
    fn records(&self) -> Vec<String> {
        let conn = self.sql();
        let mut rows = Vec::new();
        for table in tables(&conn).into_iter().filter(|t| t != "undo_journal") {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
                .unwrap();
            let n = stmt.column_count();
            let mut q = stmt.query([]).unwrap();
            while let Some(r) = q.next().unwrap() {
                let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                rows.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        rows
    }

    /// What `undo --list` says, line by line.
    fn listed(&self) -> Vec<String> {
        self.ok(&["undo", "--list"]).lines().map(str::to_string).collect()
    }
}

#[test]
fn undo_takes_back_the_last_log_and_says_what_it_undid() {
    let book = acme();
    book.ok(&["log", "Acme", "call: pricing >> send the quote @fri #vip"]);

    assert_eq!(
        book.ok(&["undo"]),
        "Undone: logged a call with Acme (Mon 23 Nov 09:00)\n"
    );
    let shown = book.json(&["show", "Acme"]);
    assert_eq!(shown["interactions"], json!([]));
    assert_eq!(shown["follow_ups"], json!([]));
    assert_eq!(shown["tags"], json!([]));
    assert_eq!(shown["last_contact"], json!(null));

    // After a restart, as any later process: the one before.
    assert_eq!(book.ok(&["undo"]), "Undone: added Acme (Mon 23 Nov 09:00)\n");
    assert_eq!(book.json(&["list"]), json!([]));
    assert_eq!(book.ok(&["undo"]), "Nothing to undo.\n");
}

#[test]
fn undo_on_an_empty_journal_says_there_is_nothing_to_undo() {
    let book = Book::empty();
    assert_eq!(book.ok(&["undo"]), "Nothing to undo.\n");
    assert_eq!(book.json(&["undo"]), json!({ "undone": null }));
    assert_eq!(
        book.ok(&["undo", "--list"]),
        "Nothing to undo: the journal is empty.\n"
    );
    assert_eq!(book.json(&["undo", "--list"]), json!([]));
}

#[test]
fn undo_refuses_when_another_process_changed_the_record_and_changes_nothing() {
    let book = acme();
    book.ok(&["log", "Acme", "call: pricing >> send the quote @fri"]);
    // Another program edits the follow-up the log created, past the journal.
    book.sql()
        .execute("UPDATE follow_ups SET text = 'send the quote today'", [])
        .unwrap();
    let before = book.records();

    let err = book.refused(&["undo"]);
    assert_eq!(
        err,
        "touchbase: can't undo: logged a call with Acme (Mon 23 Nov 09:00) — its follow-up \
         “send the quote” was changed since, so nothing was changed. It stays on the journal \
         as one that can't be undone: `touchbase undo` again takes back “added Acme” (Mon 23 \
         Nov 09:00)\n"
    );
    assert_eq!(book.records(), before, "a refused undo changed the book");
    assert_eq!(
        book.listed(),
        [
            "Mon 23 Nov 09:00  cli  logged a call with Acme — can't be undone: its follow-up \
             “send the quote” was changed since",
            "Mon 23 Nov 09:00  cli  added Acme",
        ]
    );
    // Passed over from now on: the add, which the log and the edit built on, is next.
    book.refuses(
        &["undo"],
        "can't undo: added Acme (Mon 23 Nov 09:00) — 1 contact and 1 follow-up were added since",
    );
    assert_eq!(book.records(), before);
    assert_eq!(book.ok(&["undo"]), "Nothing to undo.\n");
}

#[test]
fn undo_list_json_shows_the_newest_entries_first() {
    let book = acme();
    book.ok(&["give", "Acme", "christmas hamper"]);
    book.ok(&["undo"]);
    book.run_at("2026-11-23T10:30:00Z", &["order", "Acme", "1250.50"])
        .assert()
        .success();

    assert_eq!(
        book.json(&["undo", "--list"]),
        json!([
            {
                "id": 3, "at": "2026-11-23T10:30:00Z", "by": "cli",
                "said": "recorded an order of EUR 1,250.50 from Acme",
                "undone_at": null, "refused": null
            },
            {
                "id": 2, "at": "2026-11-23T09:00:00Z", "by": "cli",
                "said": "recorded a give for Acme: “christmas hamper”",
                "undone_at": "2026-11-23T09:00:00Z", "refused": null
            },
            {
                "id": 1, "at": "2026-11-23T09:00:00Z", "by": "cli", "said": "added Acme",
                "undone_at": null, "refused": null
            },
        ])
    );
    assert_eq!(
        book.json(&["undo"])["undone"]["said"],
        "recorded an order of EUR 1,250.50 from Acme"
    );
}

#[test]
fn every_write_of_the_command_line_is_undone_newest_first() {
    let book = acme();
    for args in [
        &["log", "Acme", "call: pricing >> send the quote @fri"][..],
        &["snooze", "1", "2026-12-04"],
        &["done", "1"],
        &["moment", "add", "Acme", "Board approves budget", "@2026-12-10"],
        &["moment", "close", "1", "--outcome", "won"],
        &["trigger", "add", "Acme", "reactional", "late delivery"],
        &["trigger", "resolve", "1"],
        &["give", "Acme", "hamper"],
        &["ask", "Acme", "referral"],
        &["order", "Acme", "500"],
        &["archive", "Acme"],
        &["unarchive", "Acme"],
    ] {
        book.ok(args);
    }
    // Archiving twice changes nothing, so it has nothing to undo.
    book.ok(&["unarchive", "Acme"]);
    let said: Vec<String> = book
        .json(&["undo", "--list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["said"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        said,
        [
            "brought Acme back from the archive",
            "archived Acme",
            "recorded an order of EUR 500.00 from Acme",
            "recorded an ask of Acme: “referral”",
            "recorded a give for Acme: “hamper”",
            "resolved the reactional trigger of Acme",
            "opened a reactional trigger for Acme",
            "closed “Board approves budget” as won for Acme",
            "planned “Board approves budget” for Acme",
            "marked “send the quote” done for Acme",
            "snoozed “send the quote” for Acme from Fri 27 Nov 2026 to Fri 4 Dec 2026",
            "logged a call with Acme",
            "added Acme",
        ]
    );
    for s in &said {
        assert_eq!(book.ok(&["undo"]), format!("Undone: {s} (Mon 23 Nov 09:00)\n"));
    }
    assert_eq!(book.ok(&["undo"]), "Nothing to undo.\n");
    let left: Vec<String> = book.records();
    assert!(left.is_empty(), "{left:#?}");
}

#[test]
fn a_refused_action_puts_nothing_on_the_journal() {
    let book = acme();
    book.refuses(&["log", "Acme", "bogus: hello"], "unknown kind");
    book.refuses(&["done", "99"], "no follow-up with id 99");
    book.refuses(&["order", "Acme", "-5"], "");
    assert_eq!(book.listed(), ["Mon 23 Nov 09:00  cli  added Acme"]);
}

#[test]
fn an_entry_another_touchbase_wrote_is_refused_not_misread() {
    let book = acme();
    book.sql()
        .execute(
            "INSERT INTO undo_journal (at, by, said, change)
             VALUES (1795424400, 'tui', 'merged Acme into Acme BV', '{\"change\":\"merged\",\"keep\":1}')",
            [],
        )
        .unwrap();
    let before = book.records();
    book.refuses(
        &["undo"],
        "can't undo: merged Acme into Acme BV (Mon 23 Nov 09:00) — this entry was written by a newer or older touchbase",
    );
    assert_eq!(book.records(), before);
    assert_eq!(book.ok(&["undo"]), "Undone: added Acme (Mon 23 Nov 09:00)\n");
}

#[test]
fn edits_deletes_and_merges_of_the_command_line_are_undone_newest_first() {
    let book = acme();
    book.ok(&["log", "Acme", "call: pricing =4"]);
    book.ok(&["order", "Acme", "500"]);
    book.ok(&["add", "Acme Logistics", "--email", "ops@acme.test"]);
    let before = book.records();
    for args in [
        &[
            "edit",
            "contact",
            "1",
            "--note",
            "pricing, agreed",
            "--satisfaction",
            "5",
        ][..],
        &["delete", "order", "1"],
        &["edit", "customer", "Acme", "--phone", "010 123"],
        &["merge", "Acme", "Acme Logistics"],
    ] {
        book.ok(args);
    }
    let said: Vec<String> = book
        .json(&["undo", "--list"])
        .as_array()
        .unwrap()
        .iter()
        .take(4)
        .map(|e| e["said"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        said,
        [
            "merged Acme Logistics into Acme",
            "edited Acme",
            "deleted the order of EUR 500.00 for Acme",
            "edited the call of Mon 23 Nov with Acme: note and satisfaction",
        ]
    );
    for s in &said {
        assert_eq!(book.ok(&["undo"]), format!("Undone: {s} (Mon 23 Nov 09:00)\n"));
    }
    assert_eq!(
        book.records(),
        before,
        "the book is as it was before the four actions"
    );
}
