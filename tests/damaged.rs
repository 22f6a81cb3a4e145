//! A damaged or hand-edited book, as the real binary meets it: every read command still
//! works and says once which values it could not use, and `check` finds what is wrong and
//! `--repair` fixes what can be fixed. The damage is written with raw SQL, as a user with
//! the sqlite3 shell would.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod demo;
    pub mod json;
    pub mod sql;
}

use std::fs;

use common::book::Book;
use common::clock::NOW;
use common::sql::tables;
use rusqlite::Connection;
use serde_json::Value;

/// Every command that only reads the book.
const READERS: &[&[&str]] = &[
    &["list"],
    &["list", "--json"],
    &["due"],
    &["due", "--json"],
    &["show", "1"],
    &["why", "1"],
    &["export", "customers", "--format", "csv"],
    &["export", "customers", "--format", "json"],
    &["export", "customers", "--format", "vcard"],
    &["export", "week"],
];

impl Book {
    /// A copy of `clean`, to damage.
    fn copy_of(clean: &Book) -> Book {
        let book = Book::empty();
        fs::copy(&clean.db, &book.db).unwrap();
        book
    }

    /// Edits the file by hand, past the schema's CHECK constraints as an old or foreign
    /// writer could.
    fn damage(&self, sql: &str) {
        let conn = Connection::open(&self.db).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF; {sql}"
        ))
        .unwrap();
    }

    fn value(&self, sql: &str) -> rusqlite::types::Value {
        let conn = Connection::open(&self.db).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Runs `args`, which must succeed; returns stdout and stderr.
    fn succeeds(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args).output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        (stdout, stderr)
    }

    /// Runs `args`, which must fail; returns stdout and stderr.
    fn fails(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args).output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
        assert!(!out.status.success(), "{args:?} succeeded: {stdout}");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        (stdout, stderr)
    }

    /// How many rows each table of the schema holds, by table name.
    fn row_counts(&self) -> Vec<(String, i64)> {
        let conn = Connection::open(&self.db).unwrap();
        tables(&conn)
            .into_iter()
            .map(|t| {
                let n = conn
                    .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap();
                (t, n)
            })
            .collect()
    }
}

/// One bad value each, and the words the warning about it must hold.
const DAMAGE: &[(&str, &str)] = &[
    (
        "UPDATE customers SET cadence_days = -5 WHERE id = 1",
        "customer 1: cadence_days = -5 is not a cadence (1 to 3650 days) — shown as 30d (the default)",
    ),
    (
        "UPDATE customers SET cadence_days = 'often' WHERE id = 1",
        "customer 1: cadence_days = 'often' is not a cadence",
    ),
    (
        "UPDATE customers SET name = X'FF00FE' WHERE id = 1",
        "customer 1: name = X'FF00FE' is bytes, not text",
    ),
    (
        "UPDATE customers SET satisfaction = -3 WHERE id = 1",
        "customer 1: satisfaction = -3 is not a satisfaction (1 to 5) — shown as unknown",
    ),
    (
        "UPDATE interactions SET satisfaction = -3 WHERE id = 1",
        "contact 1: satisfaction = -3 is not a satisfaction (1 to 5) — shown as unknown",
    ),
    (
        "UPDATE customers SET value_cents = 'lots' WHERE id = 1",
        "customer 1: value_cents = 'lots' is not an amount in cents — shown as 0",
    ),
    (
        "UPDATE customers SET gives = -1 WHERE id = 1",
        "customer 1: gives = -1 is not a count — shown as 0",
    ),
    (
        "UPDATE customers SET created_at = 'last spring' WHERE id = 1",
        "customer 1: created_at = 'last spring' is not a time",
    ),
    (
        "UPDATE customers SET last_contact_at = 99999999999999 WHERE id = 1",
        "customer 1: last_contact_at = 99999999999999 is not a time — shown as unknown",
    ),
    (
        "UPDATE interactions SET at = 'last tuesday' WHERE id = 1",
        "contact 1: at = 'last tuesday' is not a time",
    ),
    (
        "UPDATE interactions SET kind = 'telegram' WHERE id = 1",
        "contact 1: kind = 'telegram' is not a kind of contact",
    ),
    (
        "UPDATE follow_ups SET due = 'someday' WHERE id = 3",
        "follow-up 3: due = 'someday' is not a date (YYYY-MM-DD)",
    ),
    (
        "UPDATE customers SET last_order_on = 'soon' WHERE id = 1",
        "customer 1: last_order_on = 'soon' is not a date (YYYY-MM-DD) — shown as unknown",
    ),
    // NULL where the schema allows it but a reader would not expect it.
    (
        "UPDATE customers SET satisfaction_at = NULL, satisfaction = 9 WHERE id = 1",
        "customer 1: satisfaction = 9 is not a satisfaction",
    ),
    (
        "UPDATE customers SET tags = 'vip' || char(27) || '[31m logistics' WHERE id = 1",
        "customer 1: tags = 'vip\\u{1b}[31m logistics' holds characters a tag may not hold — shown as #logistics #vip31m",
    ),
];

#[test]
fn every_read_command_works_on_a_book_with_one_bad_value() {
    let clean = Book::demo();
    for (sql, warning) in DAMAGE {
        let book = Book::copy_of(&clean);
        book.damage(sql);
        let mut warned = false;
        for args in READERS {
            let (stdout, stderr) = book.succeeds(args);
            assert!(!stdout.is_empty(), "{sql}: {args:?} printed nothing");
            let times = stderr.matches(warning).count();
            assert!(times <= 1, "{sql}: {args:?} warned {times} times:\n{stderr}");
            warned |= times == 1;
            if times == 1 {
                assert!(
                    stderr.contains("`touchbase check --repair` fixes what it can"),
                    "{sql}: {stderr}"
                );
            }
        }
        assert!(warned, "{sql}: no command said '{warning}'");
        // Everyone else is still there, exactly as before.
        let listed: Value = book.json(&["list"]);
        let listed = listed.as_array().unwrap();
        assert_eq!(listed.len(), 40, "{sql}");
        let clean_list: Value = clean.json(&["list"]);
        let others = |list: &[Value]| -> Vec<Value> {
            let mut v: Vec<Value> = list.iter().filter(|c| c["id"] != 1).cloned().collect();
            v.sort_by_key(|c| c["id"].as_i64());
            v
        };
        assert_eq!(others(listed), others(clean_list.as_array().unwrap()), "{sql}");
    }
}

#[test]
fn a_damaged_customer_is_listed_with_everything_else_intact() {
    let book = Book::demo();
    book.damage("UPDATE customers SET cadence_days = -5 WHERE id = 1");
    let list: Value = book.json(&["list"]);
    let sanne = list.as_array().unwrap().iter().find(|c| c["id"] == 1).unwrap();
    assert_eq!(sanne["name"], "Van der Berg Logistiek BV");
    assert_eq!(sanne["cadence_days"], 30, "the default stands in");
    assert_eq!(sanne["last_contact"], "2026-11-19T12:21:00Z");
    let (csv, _) = book.succeeds(&["export", "customers", "--format", "csv"]);
    assert!(
        csv.contains("Van der Berg Logistiek BV,Van der Berg Logistiek BV"),
        "{csv}"
    );
}

#[test]
fn the_warning_is_given_once_per_command_not_once_per_read() {
    let book = Book::demo();
    book.damage(
        "UPDATE customers SET cadence_days = -5 WHERE id = 1;
         UPDATE customers SET satisfaction = -3 WHERE id = 2;",
    );
    // `due` reads the same customers in several walks.
    for args in [&["due"][..], &["list"], &["export", "week"]] {
        let (_, stderr) = book.succeeds(args);
        assert_eq!(
            stderr.matches("customer 1: cadence_days").count(),
            1,
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.matches("check --repair").count(), 1, "{args:?}: {stderr}");
    }
    let (_, stderr) = book.succeeds(&["list"]);
    assert!(stderr.contains("customer 2: satisfaction = -3"), "{stderr}");
    // A clean book says nothing.
    let clean = Book::demo();
    assert_eq!(clean.succeeds(&["list"]).1, "");
}

#[test]
fn a_sound_demo_book_checks_clean() {
    let book = Book::demo();
    let (stdout, _) = book.succeeds(&["check"]);
    assert_eq!(stdout, "The book is sound: 40 customers, 668 contacts checked.\n");
    let report: Value = book.json(&["check"]);
    assert_eq!(report["sound"], true);
    assert_eq!(report["customers"], 40);
    assert_eq!(report["contacts"], 668);
    assert_eq!(report["problems"], Value::Array(vec![]));
    // Repairing a sound book changes nothing.
    let before = fs::read(&book.db).unwrap();
    book.succeeds(&["check", "--repair"]);
    assert_eq!(fs::read(&book.db).unwrap(), before);
}

#[test]
fn a_summary_made_wrong_is_reported_and_repair_recomputes_it() {
    let book = Book::demo();
    let value = book.value("SELECT value_cents FROM customers WHERE id = 2");
    book.damage(
        "UPDATE customers SET value_cents = 1, gives = 7 WHERE id = 2;
         UPDATE customers SET last_contact_at = 5 WHERE id = 3;
         UPDATE follow_ups SET value_tier = 0 WHERE id = 3;",
    );
    let (stdout, stderr) = book.fails(&["check"]);
    for line in [
        "customer 2: value_cents = 1 (the lifetime value) disagrees with the records it sums up, which say 14954999 — `--repair` recomputes it",
        "customer 2: gives = 7 (the number of gives) disagrees with the records it sums up, which say 0",
        "customer 3: last_contact_at = 1970-01-01 00:00 UTC (the last contact) disagrees",
        "follow-up 3: value_tier = 0 disagrees with its customer's value tier, 3 — `--repair` recomputes it",
    ] {
        assert!(stdout.contains(line), "missing '{line}' in:\n{stdout}");
    }
    assert!(
        stderr.contains("the book has 4 problems; `touchbase check --repair` fixes 4 of them"),
        "{stderr}"
    );
    let counts = book.row_counts();
    let (stdout, _) = book.succeeds(&["check", "--repair"]);
    assert!(stdout.starts_with("Repaired 4 in one transaction:\n"), "{stdout}");
    assert!(
        stdout.contains("  customer 2: value_cents recomputed\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("The book is sound: 40 customers, 668 contacts checked.\n"),
        "{stdout}"
    );
    assert_eq!(
        book.value("SELECT value_cents FROM customers WHERE id = 2"),
        value
    );
    assert_eq!(book.row_counts(), counts, "no row was deleted");
    book.succeeds(&["check"]);
}

#[test]
fn a_name_edited_by_hand_has_stale_search_words_until_repair_rebuilds_them() {
    let book = Book::demo();
    book.damage("UPDATE customers SET name = 'Zoë Quagliarella' WHERE id = 2");
    let (stdout, _) = book.fails(&["check"]);
    assert!(
        stdout.contains(
            "customer 2: has search words that are not those of its name, company and people, so it is not found by them — `--repair` rebuilds them"
        ),
        "{stdout}"
    );
    book.fails(&["show", "quagliarella"]);
    let (stdout, _) = book.succeeds(&["check", "--repair"]);
    assert!(
        stdout.contains("  customer 2: search words recomputed\n"),
        "{stdout}"
    );
    let (shown, _) = book.succeeds(&["show", "quagliarella"]);
    assert!(shown.contains("Zoë Quagliarella"), "{shown}");
    book.succeeds(&["check"]);
}

#[test]
fn a_person_s_name_edited_by_hand_has_stale_search_words_until_repair_rebuilds_them() {
    let book = Book::demo();
    book.damage("UPDATE people SET name = 'Zoë Quagliarella' WHERE name = 'Petra Albrecht'");
    let (stdout, _) = book.fails(&["check"]);
    assert!(
        stdout.contains("customer 2: has search words that are not those of its name, company and people"),
        "{stdout}"
    );
    book.fails(&["show", "quagliarella"]);
    book.succeeds(&["check", "--repair"]);
    let (shown, _) = book.succeeds(&["show", "zoe quagliarella"]);
    assert!(shown.contains("(id 2)"), "{shown}");
    book.succeeds(&["check"]);
}

#[test]
fn repair_fixes_the_values_it_can_without_losing_anything() {
    let book = Book::demo();
    book.damage(
        "UPDATE customers SET cadence_days = -5 WHERE id = 1;
         UPDATE customers SET cadence_days = '2w' WHERE id = 2;
         UPDATE customers SET name = CAST('Pieter Bakker' AS BLOB) WHERE id = 3;
         UPDATE interactions SET satisfaction = -3 WHERE id = 1;
         UPDATE interactions SET at = '2026-11-01 10:00:00' WHERE id = 2;
         UPDATE interactions SET kind = ' Call' WHERE id = 3;
         UPDATE customers SET tags = 'vip' || char(27) || ' food' WHERE id = 4;",
    );
    let (stdout, _) = book.fails(&["check"]);
    assert!(
        stdout.contains(
            "customer 1: cadence_days = -5 is not a cadence (1 to 3650 days) — `--repair` sets it to 30"
        ),
        "{stdout}"
    );
    let counts = book.row_counts();
    let (stdout, _) = book.succeeds(&["check", "--repair"]);
    for change in [
        "customer 1: cadence_days -5 → 30",
        "customer 2: cadence_days '2w' → 14",
        "customer 3: name X'5069657465722042616B6B6572' → 'Pieter Bakker'",
        "contact 1: satisfaction -3 → NULL",
        "contact 2: at '2026-11-01 10:00:00' → 1793527200",
        "contact 3: kind ' Call' → 'call'",
        "customer 4: tags 'vip\\u{1b} food' → 'food vip'",
    ] {
        assert!(stdout.contains(change), "missing '{change}' in:\n{stdout}");
    }
    assert!(
        stdout.ends_with("The book is sound: 40 customers, 668 contacts checked.\n"),
        "{stdout}"
    );
    assert_eq!(book.row_counts(), counts);
    // Nothing is left to warn about.
    assert_eq!(book.succeeds(&["list"]).1, "");
}

#[test]
fn what_repair_cannot_recover_is_kept_and_reported() {
    let book = Book::demo();
    book.damage(
        "UPDATE interactions SET at = 'last tuesday' WHERE id = 1;
         UPDATE customers SET gives = 9 WHERE id = 5;
         UPDATE orders SET amount_cents = 0 WHERE id = 1;",
    );
    let (stdout, stderr) = book.fails(&["check", "--repair"]);
    // What could be repaired was.
    assert!(stdout.contains("customer 5: gives recomputed"), "{stdout}");
    assert!(
        stdout.contains("contact 1: at = 'last tuesday' is not a time (unix seconds, 1900 to 2199) — `--repair` cannot recover it"),
        "{stdout}"
    );
    assert!(
        stdout.contains("order 1: amount_cents = 0 is not an amount above zero"),
        "{stdout}"
    );
    assert!(stderr.contains("that --repair cannot fix"), "{stderr}");
    assert_eq!(
        book.value("SELECT at FROM interactions WHERE id = 1"),
        rusqlite::types::Value::Text("last tuesday".into())
    );
    // The damaged contact does not overwrite its customer's last contact.
    let owner = book.value("SELECT customer_id FROM interactions WHERE id = 1");
    let rusqlite::types::Value::Integer(owner) = owner else {
        panic!()
    };
    assert!(matches!(
        book.value(&format!(
            "SELECT last_contact_at FROM customers WHERE id = {owner}"
        )),
        rusqlite::types::Value::Integer(_)
    ));
    for args in READERS {
        book.succeeds(args);
    }
}

#[test]
fn check_reports_records_whose_customer_is_gone() {
    let book = Book::demo();
    book.damage(
        "INSERT INTO interactions (customer_id, at, kind, note) VALUES (999, 1795000000, 'call', 'orphan');",
    );
    let (stdout, _) = book.fails(&["check"]);
    assert!(
        stdout.contains("contact 669: refers to a customer that does not exist"),
        "{stdout}"
    );
    let report: Value = serde_json::from_str(&book.fails(&["check", "--json"]).0).unwrap();
    assert_eq!(report["sound"], false);
    assert_eq!(report["problems"][0]["table"], "interactions");
    assert_eq!(report["problems"][0]["id"], 669);
    assert_eq!(report["problems"][0]["repair"], Value::Null);
}

#[test]
fn check_json_names_each_problem_and_what_repair_does() {
    let book = Book::demo();
    book.damage("UPDATE customers SET cadence_days = -5 WHERE id = 17");
    let report: Value = serde_json::from_str(&book.fails(&["check", "--json"]).0).unwrap();
    assert_eq!(
        report["problems"],
        serde_json::json!([{
            "table": "customers",
            "id": 17,
            "column": "cadence_days",
            "found": "-5",
            "problem": "is not a cadence (1 to 3650 days)",
            "repair": "sets it to 30",
        }])
    );
    let repaired: Value = book.json(&["check", "--repair"]);
    assert_eq!(repaired["sound"], true);
    assert_eq!(
        repaired["repaired"],
        serde_json::json!(["customer 17: cadence_days -5 → 30"])
    );
}

#[test]
fn the_terminal_app_says_so_on_its_status_line() {
    use touchbase::clock::Now;
    use touchbase::config::Config;
    use touchbase::tui::App;

    let book = Book::demo();
    // Customer 10 has a follow-up due this week, so the agenda reads the row.
    book.damage("UPDATE customers SET cadence_days = -5 WHERE id = 10");
    let store = touchbase::store::open(&book.db).unwrap();
    let app = App::new(store, Now::parse(NOW).unwrap(), Config::default()).unwrap();
    let status = app.status.as_ref().expect("a notice on the status line");
    assert!(
        status
            .text
            .starts_with("customer 10: cadence_days = -5 is not a cadence"),
        "{}",
        status.text
    );
    assert!(
        status.text.ends_with("run `touchbase check --repair`"),
        "{}",
        status.text
    );
}

/// Four accounts for the people checks: Acme BV (customer 1, person 1) with Anna de Boer
/// (2) and Jan Smit (3); Solo (2, person 4) with an e-mail and a phone; Duo (3, person 5)
/// and Piet (6), who left; Trio (4, person 7) with Kim (8) and Lou (9).
fn accounts_with_people() -> Book {
    let book = Book::empty();
    book.succeeds(&[
        "add",
        "Acme BV",
        "--email",
        "info@acme.nl",
        "--phone",
        "020 123 4567",
    ]);
    book.succeeds(&[
        "person",
        "add",
        "acme",
        "Anna de Boer",
        "--phone",
        "+31 6 1234 5678",
    ]);
    book.succeeds(&["person", "add", "acme", "Jan Smit"]);
    book.succeeds(&[
        "add",
        "Solo",
        "--email",
        "solo@example.test",
        "--phone",
        "06 9999 0000",
    ]);
    book.succeeds(&["add", "Duo"]);
    book.succeeds(&["person", "add", "duo", "Piet Bakker"]);
    book.succeeds(&["person", "left", "6", "--on", "yesterday"]);
    book.succeeds(&["add", "Trio"]);
    book.succeeds(&["person", "add", "trio", "Kim"]);
    book.succeeds(&["person", "add", "trio", "Lou"]);
    book
}

#[test]
fn check_finds_people_s_details_and_accounts_out_of_step_and_repairs_what_has_one_answer() {
    let book = accounts_with_people();
    book.succeeds(&["check"]);
    book.damage(
        "UPDATE person_details SET key = 'stale' WHERE person_id = 2 AND kind = 'phone';
         INSERT INTO person_details (id, person_id, kind, value, key) VALUES (99, 999, 'phone', '06 1111', '61111');
         UPDATE customers SET email = 'old@acme.nl' WHERE id = 1;
         UPDATE customers SET phone = '' WHERE id = 2;
         DELETE FROM person_details WHERE person_id = 4 AND kind = 'email';
         UPDATE people SET main = 0 WHERE customer_id IN (3, 4);",
    );
    let (stdout, stderr) = book.fails(&["check"]);
    let detail: i64 = match book.value("SELECT id FROM person_details WHERE person_id = 2 AND kind = 'phone'")
    {
        rusqlite::types::Value::Integer(id) => id,
        other => panic!("{other:?}"),
    };
    for line in [
        format!(
            "person detail {detail}: key = 'stale' is not the key the phone '+31 6 1234 5678' is found by, so searching \
             for it misses its person — `--repair` sets it to '612345678'"
        ),
        "person detail 99: is the phone '06 1111' of person 999, who is not in the book — `--repair` cannot recover it"
            .to_string(),
        "customer 1: email = 'old@acme.nl' is not its main contact Acme BV's first e-mail, 'info@acme.nl': which is \
         right is yours to say (touchbase edit customer 1 --email …) — `--repair` cannot recover it"
            .to_string(),
        "customer 2: phone = '' is not its main contact Solo's first phone, '06 9999 0000' — `--repair` sets it to \
         '06 9999 0000'"
            .to_string(),
        "person 4: has no e-mail, while their customer 2's is 'solo@example.test' — `--repair` gives Solo \
         'solo@example.test' as their first e-mail"
            .to_string(),
        "person 5: is the only one still at customer 3, which has no main contact — `--repair` makes Duo its main contact"
            .to_string(),
        "customer 4: has 3 people still there but no main contact: choose one (touchbase person list 4, then touchbase \
         person main ID) — `--repair` cannot recover it"
            .to_string(),
    ] {
        assert!(stdout.contains(&line), "missing '{line}' in:\n{stdout}");
    }
    assert!(!stdout.contains("refers to a row"), "{stdout}");
    assert!(
        stderr.contains("the book has 7 problems; `touchbase check --repair` fixes 4 of them"),
        "{stderr}"
    );

    let (stdout, _) = book.fails(&["check", "--repair"]);
    for change in [
        format!("person detail {detail}: key 'stale' → '612345678'"),
        "customer 2: phone '' → '06 9999 0000'".to_string(),
        "person 4: email 'solo@example.test' added as their first".to_string(),
        "person 5: made the main contact".to_string(),
    ] {
        assert!(stdout.contains(&change), "missing '{change}' in:\n{stdout}");
    }
    // Found again by the number, and nothing guessed: the three without one answer stay.
    assert!(book.succeeds(&["show", "0612345678"]).0.contains("Acme BV"));
    let (stdout, _) = book.fails(&["check"]);
    assert_eq!(
        stdout.lines().filter(|l| l.contains("cannot recover it")).count(),
        3,
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.contains("`--repair`")).count(),
        3,
        "{stdout}"
    );
}
