//! What a user types or configures, read strictly through the real binary: config numbers
//! out of range, amounts in the forms people write them, and text past the size limits.
//! Bad input is an error that names it, exits non-zero and changes nothing; never a panic.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// Monday 23 November 2026, 09:00 UTC.
const NOW: &str = "2026-11-23T09:00:00Z";

struct Book {
    dir: TempDir,
    db: PathBuf,
}

impl Book {
    fn empty() -> Book {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("touchbase.db");
        Book { dir, db }
    }

    fn with_acme() -> Book {
        let book = Book::empty();
        book.ok(&["add", "Acme BV", "--company", "Acme"]);
        book
    }

    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("touchbase").unwrap();
        cmd.env("TOUCHBASE_NOW", NOW)
            .env("TZ", "UTC")
            .env("TOUCHBASE_CONFIG", "/nonexistent/touchbase-config.toml")
            .env_remove("TOUCHBASE_DB")
            .arg("--db")
            .arg(&self.db)
            .args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self
            .run(args)
            .arg("--json")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    /// Runs `args` expecting a refusal: a message (not a panic), exit 1.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args).assert().code(1).get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        err
    }

    fn config(&self, text: &str) -> PathBuf {
        let path = self.dir.path().join("config.toml");
        fs::write(&path, text).unwrap();
        path
    }
}

#[test]
fn config_numbers_out_of_range_name_the_file_line_and_range() {
    let cases = [
        (
            "[nudge]\npreparation_days = 99999999999\n",
            "line 2: preparation_days = 99999999999 is out of range — use 0 to 365",
        ),
        (
            "[nudge]\ncomplaint_days = -99999999999\n",
            "line 2: complaint_days = -99999999999 is out of range — use 0 to 365",
        ),
        (
            "[nudge]\n\nloyalty_days = 9223372036854775807\n",
            "line 3: loyalty_days = 9223372036854775807 is out of range — use 0 to 3650",
        ),
        (
            "[nudge]\nlimit = -1\n",
            "line 2: limit = -1 is out of range — use 1 to 10000",
        ),
        (
            "[week]\nlimit = 0\n",
            "line 2: limit = 0 is out of range — use 1 to 10000",
        ),
        (
            "[nudge.weights]\nvalue = nan\n",
            "line 2: value = nan is out of range — use 0 to 10",
        ),
        (
            "[nudge.weights]\nmoment_ahead = inf\n",
            "line 2: moment_ahead = inf is out of range — use 0 to 1000",
        ),
    ];
    for (text, says) in cases {
        let book = Book::empty();
        let config = book.config(text);
        for args in [
            &["due"][..],
            &["list"],
            &["export", "week"],
            &["order", "acme", "10"],
        ] {
            let out = book
                .run(args)
                .env("TOUCHBASE_CONFIG", &config)
                .assert()
                .code(1)
                .get_output()
                .stderr
                .clone();
            let err = String::from_utf8(out).unwrap();
            let file = format!("the config '{}' is not valid: {says}", config.display());
            assert!(err.contains(&file), "{args:?} with {text:?}:\n{err}");
            assert!(!book.db.exists(), "a bad config leaves no new database behind");
        }
    }
}

#[test]
fn config_numbers_at_the_ends_of_their_ranges_work() {
    let book = Book::with_acme();
    book.ok(&["moment", "add", "acme", "Board decides", "2026-11-30"]);
    book.ok(&["trigger", "add", "acme", "reactional", "late delivery"]);
    book.ok(&["log", "acme", "visit: very happy =5"]);
    for ends in [
        "[nudge]\npreparation_days = 365\ncomplaint_days = 365\nloyalty_days = 3650\nlimit = 10000\n[week]\nlimit = 10000\n",
        "[nudge]\npreparation_days = 0\ncomplaint_days = 0\nloyalty_days = 0\nlimit = 1\n[week]\nlimit = 1\n[nudge.weights]\nvalue = 10\nmoment_ahead = 1000\n",
    ] {
        let config = book.config(ends);
        for args in [&["due"][..], &["list"], &["export", "week"], &["why", "acme"]] {
            book.run(args).env("TOUCHBASE_CONFIG", &config).assert().success();
        }
    }
}

#[test]
fn amounts_in_the_forms_people_type_are_recorded_to_the_cent() {
    let book = Book::with_acme();
    let forms = [
        ("1250.50", 125_050),
        ("1250,50", 125_050),
        ("1.250,50", 125_050),
        ("1,250.50", 125_050),
        ("1250", 125_000),
        ("€ 300", 30_000),
        ("EUR 300", 30_000),
        ("300 EUR", 30_000),
        ("€300", 30_000),
        ("1 250,50", 125_050),
        ("1\u{a0}250,50", 125_050),
    ];
    let mut total = 0;
    for (typed, cents) in forms {
        let order = book.json(&["order", "acme", typed]);
        assert_eq!(order["amount_cents"], cents, "{typed}");
        total += cents;
    }
    assert_eq!(book.json(&["show", "acme"])["lifetime_value_cents"], total);
}

#[test]
fn amounts_in_any_other_form_are_refused_and_nothing_is_recorded() {
    let book = Book::with_acme();
    for (typed, says) in [
        (
            "1.2.3",
            "amount '1.2.3' is not a number — type it like 1250.50, 1250,50, 1.250,50, 1,250.50 or € 1250 (thousands in groups of three, at most two decimals)",
        ),
        ("1,2,3,4", "amount '1,2,3,4' is not a number"),
        ("1..5", "amount '1..5' is not a number"),
        ("0.001", "amount '0.001' has more than two decimals"),
        ("0", "amount '0' is zero"),
        ("0,00", "amount '0,00' is zero"),
        ("-5", "amount '-5' is negative"),
        (
            "1000000000.01",
            "amount '1000000000.01' is more than 1,000,000,000.00",
        ),
        ("99999999999999999999", "is more than 1,000,000,000.00"),
    ] {
        let err = book.refused(&["order", "acme", typed]);
        assert!(err.contains(says), "{typed}: {err}");
    }
    assert_eq!(book.json(&["show", "acme"])["lifetime_value_cents"], 0);
}

#[test]
fn many_orders_at_the_bound_add_up_without_overflow() {
    let book = Book::with_acme();
    for _ in 0..30 {
        book.ok(&["order", "acme", "1.000.000.000,00"]);
    }
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["lifetime_value_cents"], 3_000_000_000_000_i64);
    assert!(book.ok(&["show", "acme"]).contains("30,000,000,000"));
    book.ok(&["list"]);
    book.ok(&["due"]);
    book.ok(&["list", "--sort", "value"]);
}

#[test]
fn a_hand_edited_book_whose_orders_pass_i64_max_still_sums_and_prints() {
    let book = Book::with_acme();
    book.ok(&["order", "acme", "10"]);
    {
        let conn = rusqlite::Connection::open(&book.db).unwrap();
        conn.execute("UPDATE orders SET amount_cents = 9223372036854775000", [])
            .unwrap();
    }
    // The second order makes the sum pass i64::MAX: SQLite's sum() would fail the write.
    book.ok(&["order", "acme", "1.000.000.000"]);
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["lifetime_value_cents"], i64::MAX);
    for args in [
        &["show", "acme"][..],
        &["list"],
        &["due"],
        &["list", "--sort", "value"],
    ] {
        let out = book.run(args).assert().success().get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(!err.contains("overflow"), "{args:?}: {err}");
    }
}
