//! What a user types or configures, read strictly through the real binary: config numbers
//! out of range, amounts in the forms people write them, and text past the size limits.
//! Bad input is an error that names it, exits non-zero and changes nothing; never a panic.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod keys;
    pub mod refusals;
    pub mod session;
    pub mod store;
}

use std::fs;
use std::path::PathBuf;

use common::book::Book;

impl Book {
    fn with_acme() -> Book {
        let book = Book::empty();
        book.ok(&["add", "Acme BV", "--company", "Acme"]);
        book
    }

    /// Writes the config the book's commands read.
    fn config(&self, text: &str) -> PathBuf {
        let path = self.path("config.toml");
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
            let err = book.refused(args);
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
        book.config(ends);
        for args in [&["due"][..], &["list"], &["export", "week"], &["why", "acme"]] {
            book.ok(args);
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
        book.refuses(&["order", "acme", typed], says);
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

#[test]
fn text_past_its_limit_is_refused_naming_the_field_and_nothing_is_written() {
    let book = Book::with_acme();
    let (name, field, note) = ("n".repeat(201), "f".repeat(501), "x".repeat(20_001));
    let cases: [(Vec<&str>, &str); 11] = [
        (
            vec!["add", &name],
            "the name is longer than 200 characters (201 bytes) — shorten it",
        ),
        (
            vec!["add", "Beta", "--company", &name],
            "the company is longer than 200 characters",
        ),
        (
            vec!["add", "Beta", "--email", &field],
            "the e-mail address is longer than 500 characters",
        ),
        (
            vec!["add", "Beta", "--phone", &field],
            "the phone number is longer than 500 characters",
        ),
        (
            vec!["add", "Beta", "--tag", &field],
            "the tag is longer than 500 characters",
        ),
        (
            vec!["add", "Beta", "--notes", &note],
            "the notes is longer than 20000 characters",
        ),
        (
            vec!["log", "acme", &note],
            "the line is longer than 20000 characters",
        ),
        (
            vec!["moment", "add", "acme", &field, "fri"],
            "the title is longer than 500 characters",
        ),
        (
            vec!["moment", "add", "acme", "Board", "fri", "--steps", &note],
            "the steps field is longer than 20000",
        ),
        (
            vec!["trigger", "add", "acme", "reactional", &note],
            "the note is longer than 20000 characters",
        ),
        (
            vec!["give", "acme", &note],
            "the note is longer than 20000 characters",
        ),
    ];
    for (args, says) in cases {
        let err = book.refused(&args);
        assert!(err.contains(says), "{}: {err:.300}", args[0]);
        assert!(err.len() < 300, "the value is not printed back: {err:.300}");
    }
    book.refused(&["ask", "acme", &note]);
    assert_eq!(
        book.json(&["list"]).as_array().unwrap().len(),
        1,
        "no customer added"
    );
    let acme = book.json(&["show", "acme"]);
    for records in ["interactions", "moments", "triggers"] {
        assert_eq!(acme[records], serde_json::json!([]), "{records}");
    }
    assert_eq!(acme["balance"], serde_json::json!({"gives": 0, "asks": 0}));
}

#[test]
fn text_right_at_its_limit_is_kept_whole() {
    let book = Book::empty();
    let name = "é".repeat(200);
    let note = "ü".repeat(20_000 - 6);
    book.ok(&[
        "add",
        &name,
        "--email",
        &format!("{}@x.nl", "e".repeat(500 - 5)),
        "--notes",
        &"n".repeat(20_000),
    ]);
    book.ok(&["log", &name, &format!("note: {note}")]);
    let card = book.json(&["show", &name]);
    assert_eq!(card["name"], name.as_str());
    assert_eq!(card["interactions"][0]["note"], note.as_str());
}

mod tui {
    //! The same rules in the terminal app: its form and prompts refuse what the CLI does.

    use crossterm::event::KeyCode;
    use touchbase::domain::quicklog;
    use touchbase::store::NewCustomer;
    use touchbase::tui::app::Overlay;

    use crate::common::clock::NOW;
    use crate::common::keys::Keys;
    use crate::common::session::Session;
    use crate::common::store::{at, day};

    impl Session {
        /// The app on Acme's card.
        fn on_acme() -> Session {
            let mut tui = Session::new(|store| {
                let acme = NewCustomer {
                    name: "Acme".into(),
                    ..NewCustomer::default()
                };
                let acme = store.add_customer(&acme, at(NOW)).unwrap().id;
                // Something due, so the agenda opens on Acme and Enter shows their card.
                let line = quicklog::parse(
                    "call: pricing >> send the quote @2026-11-20",
                    day("2026-11-16").and_hms_opt(10, 0, 0).unwrap(),
                );
                store
                    .log_contact(acme, &line.unwrap(), at("2026-11-16T10:00:00Z"))
                    .unwrap();
                acme
            });
            tui.press(KeyCode::Enter);
            tui
        }

        /// Opens the prompt under `key`, pastes `text`, submits, and returns the error the
        /// prompt shows.
        fn prompt_error(&mut self, key: &str, text: &str) -> String {
            self.keys(key);
            let Some(Overlay::Prompt(prompt)) = &mut self.app.overlay else {
                panic!("'{key}' opened no prompt");
            };
            prompt.input.insert_str(text);
            self.press(KeyCode::Enter);
            let Some(Overlay::Prompt(prompt)) = &self.app.overlay else {
                panic!("{key} {text:.40}: the prompt closed");
            };
            let error = prompt.error.as_ref().expect("an error").0.clone();
            self.press(KeyCode::Esc);
            error
        }
    }

    #[test]
    fn the_order_prompt_reads_amounts_as_strictly_as_the_cli() {
        let mut tui = Session::on_acme();
        for (typed, says) in [
            ("1.2.3", "amount '1.2.3' is not a number — type it like 1250.50"),
            ("1,2,3,4", "amount '1,2,3,4' is not a number"),
            ("0.001", "more than two decimals"),
            ("0", "is zero"),
            ("1000000000,01", "is more than 1,000,000,000.00"),
        ] {
            let error = tui.prompt_error("$", typed);
            assert!(error.contains(says), "{typed}: {error}");
        }
        let acme = tui.other().require_customer(tui.acme).unwrap();
        assert_eq!(acme.summary.value.0, 0, "nothing recorded");
    }

    #[test]
    fn prompts_and_the_form_refuse_text_past_its_limit() {
        let mut tui = Session::on_acme();
        let note = "x".repeat(20_001);
        for (key, prefix, says) in [
            ("l", "call: ", "the line is longer than 20000 characters"),
            ("t", "reactional: ", "the note is longer than 20000 characters"),
            ("b", "give: ", "the note is longer than 20000 characters"),
            ("f", "", "the follow-up is longer than 20000 characters"),
        ] {
            let error = tui.prompt_error(key, &format!("{prefix}{note}"));
            assert!(error.contains(says), "{key}: {error:.300}");
        }
        tui.press(KeyCode::Esc);
        tui.submit("a", &"n".repeat(201));
        let Some(Overlay::Form(form)) = &tui.app.overlay else {
            panic!("the form closed");
        };
        let error = form.error.as_ref().expect("an error");
        assert!(
            error.contains("the name is longer than 200 characters"),
            "{error}"
        );
        let db = tui.other();
        assert_eq!(db.count_customers().unwrap(), 1);
        assert_eq!(
            db.interactions(tui.acme, 10).unwrap().len(),
            1,
            "only the fixture's"
        );
        assert!(db.triggers_of(tui.acme).unwrap().is_empty());
    }
}
