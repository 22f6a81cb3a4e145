//! The real binary, as a user or a script runs it, on temporary databases.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod demo;
    pub mod json;
    pub mod refusals;
}

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use common::binary;
use common::book::Book;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

impl Book {
    fn add(&self, name: &str) -> i64 {
        self.json(&["add", name, "--company", &format!("{name} BV")])["id"]
            .as_i64()
            .unwrap()
    }
}

/// The binary without a book of its own.
fn touchbase() -> Command {
    Command::from_std(binary::touchbase())
}

fn bytes(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

#[test]
fn help_explains_every_command() {
    touchbase()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains_all(&[
            "add",
            "log",
            "list",
            "due",
            "show",
            "done",
            "snooze",
            "demo",
            "TOUCHBASE_DB",
        ]));
    for cmd in ["add", "log", "list", "due", "show", "done", "snooze", "demo"] {
        touchbase()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

fn contains_all(words: &[&'static str]) -> impl Predicate<str> {
    predicate::function(move |s: &str| words.iter().all(|w| s.contains(w)))
}

#[test]
fn add_then_list_shows_the_customer_as_json() {
    let book = Book::empty();
    let created = book.json(&[
        "add",
        "Acme BV",
        "--company",
        "Acme",
        "--email",
        "jan@acme.nl",
        "--cadence",
        "2w",
        "--tag",
        "VIP",
    ]);
    assert_eq!(created["name"], "Acme BV");
    assert_eq!(created["cadence_days"], 14);
    assert_eq!(created["tags"], serde_json::json!(["vip"]));
    assert_eq!(created["last_contact"], Value::Null);

    let list = book.json(&["list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let keys: Vec<&str> = list[0].as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "id",
        "name",
        "company",
        "email",
        "phone",
        "tags",
        "cadence_days",
        "last_contact",
        "next_follow_up",
    ] {
        assert!(keys.contains(&key), "list --json lacks {key}: {keys:?}");
    }
}

#[test]
fn a_logged_call_with_a_follow_up_shows_on_the_card() {
    let book = Book::empty();
    let id = book.add("Acme");
    book.run(&[
        "log",
        "acme",
        "call: discussed renewal >> send proposal @fri =4 #renewal",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("Logged call with Acme").and(predicate::str::contains("send proposal")));

    let card = book.json(&["show", &id.to_string()]);
    assert_eq!(card["last_contact"], "2026-11-23T09:00:00Z");
    assert_eq!(card["next_follow_up"], "2026-11-27");
    assert_eq!(card["interactions"][0]["kind"], "call");
    assert_eq!(card["interactions"][0]["note"], "discussed renewal");
    assert_eq!(card["interactions"][0]["satisfaction"], 4);
    assert_eq!(card["follow_ups"][0]["text"], "send proposal");
    assert_eq!(card["follow_ups"][0]["done"], false);
    assert_eq!(card["tags"], serde_json::json!(["renewal"]));
}

#[test]
fn a_line_that_does_not_parse_is_marked_and_saves_nothing() {
    let book = Book::empty();
    book.add("Acme");
    let before = book.json(&["show", "acme"]);
    book.run(&["log", "acme", "bogus: hello"])
        .assert()
        .failure()
        .stderr(contains_all(&[
            "unknown kind 'bogus'",
            "call, email",
            "^^^^^",
            "Nothing was saved",
        ]));
    book.refuses(&["log", "acme", "call: hello =9"], "=9");
    book.refuses(
        &["log", "acme", "call: hello @someday"],
        "'@someday' is not a date",
    );
    assert_eq!(book.json(&["show", "acme"]), before);
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let book = Book::empty();
    book.add("Acme");
    book.add("Acme Logistics");
    book.add("Acme Foods");
    // An exact name wins over the longer names it starts.
    book.run(&["show", "ACME"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Acme — Acme BV"));
    book.run(&["show", "acme "]).assert().success();
    book.run(&["log", "acme l", "call: hi"]).assert().success();
    book.run(&["log", "acme f", "call: hi"]).assert().success();
    book.run(&["show", "ac"])
        .assert()
        .failure()
        .stderr(contains_all(&[
            "'ac' matches more than one customer",
            "Acme Logistics",
            "Acme Foods",
        ]));
    book.refuses(&["show", "zeta"], "no customer is called 'zeta'");
    book.refuses(&["show", "999"], "no customer with id 999");
}

#[test]
fn a_customer_is_found_by_any_word_of_the_name_or_company_ignoring_accents() {
    let book = Book::demo();
    let shows = |typed: &str, first_line: &str| {
        book.run(&["show", typed])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(first_line));
    };
    shows("kuhne", "Kühne Maschinenbau GmbH  (id");
    shows("KÜHNE", "Kühne Maschinenbau GmbH  (id");
    shows("maschinenbau", "Kühne Maschinenbau GmbH  (id");
    shows("jansen", "Jansen Verpakkingen BV  (id");
    // A person's name finds their account.
    shows("thomas kuhne", "Kühne Maschinenbau GmbH  (id");
    book.run(&["log", "verpakkingen", "call: hi"]).assert().success();
    book.run(&["show", "thomas"])
        .assert()
        .code(1)
        .stderr(contains_all(&[
            "'thomas' matches more than one customer — use more of the name, or the id:",
            "Kühne Maschinenbau GmbH (Thomas Kühne)",
            "Lambert Distribution SA (Thomas Piron)",
        ]));
    // Archived: found the same way, by `show` and `unarchive`.
    book.ok(&["archive", "kuhne"]);
    book.run(&["show", "kuhne"])
        .assert()
        .success()
        .stdout(contains_all(&["Thomas Kühne", "archived"]));
    book.ok(&["unarchive", "kühne"]);
}

#[test]
fn a_malformed_e_mail_address_is_refused_and_nothing_is_written() {
    let book = Book::empty();
    book.add("Acme");
    let before = bytes(&book.db);
    for bad in ["zoe@@example", "zoe", "zoe@", "zoe @example.com", "@example.com"] {
        book.refuses(
            &["add", "Zoe", "--email", bad],
            &format!("'{bad}' is not an e-mail address"),
        );
    }
    assert_eq!(bytes(&book.db), before, "the book is unchanged");
    book.ok(&["add", "Zoe", "--email", "zoe@example.com"]);
    book.ok(&["add", "Иван", "--email", "иван@пример.рф"]);
}

#[test]
fn merge_moves_a_duplicate_into_the_customer_kept() {
    let book = Book::empty();
    book.add("Acme");
    book.ok(&[
        "add",
        "ACME B.V.",
        "--email",
        "info@acme.example",
        "--tag",
        "renewal",
    ]);
    book.ok(&["log", "acme b.v.", "call: pricing >> send the quote @fri"]);
    book.ok(&["order", "2", "1200"]);
    book.refuses(&["merge", "acme", "1"], "Acme cannot be merged with themselves");
    let said = book.ok(&["merge", "1", "acme b.v."]);
    assert_eq!(
        said,
        "Merged ACME B.V. into Acme: moves 1 contact, 1 follow-up and 1 order, fills in the e-mail, adds #renewal; “ACME B.V.” still finds Acme\n"
    );
    book.refuses(&["show", "2"], "no customer with id 2");
    let shown = book.json(&["show", "acme b.v."]);
    assert_eq!(shown["id"], 1, "the old name finds the one kept");
    assert_eq!(shown["email"], "info@acme.example");
    assert_eq!(shown["also_known_as"], serde_json::json!(["ACME B.V."]));
    assert_eq!(shown["interactions"].as_array().unwrap().len(), 1);
    assert_eq!(shown["lifetime_value_cents"], 120_000);
    book.run(&["show", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("also known as ACME B.V.\n"));

    book.ok(&["add", "Beta"]);
    book.ok(&["add", "Beta Foods", "--phone", "010"]);
    let merged = book.json(&["merge", "beta", "beta foods"]);
    assert_eq!(merged["name"], "Beta");
    assert_eq!(merged["phone"], "010");
    assert_eq!(merged["merged"]["name"], "Beta Foods");
    assert_eq!(merged["merged"]["filled"], serde_json::json!(["phone"]));
    assert_eq!(merged["merged"]["moved"]["contacts"], 0);
    book.ok(&["add", "Gamma"]);
    book.ok(&["archive", "gamma"]);
    book.refuses(
        &["merge", "beta", "gamma"],
        "Gamma is archived — bring them back from the archive first",
    );
    book.refuses(&["merge", "beta", "zeta"], "no customer is called 'zeta'");
}

#[test]
fn list_puts_never_contacted_first_then_the_oldest_contact() {
    let book = Book::empty();
    for name in ["Recent", "Never", "Old"] {
        book.add(name);
    }
    book.run_at("2026-09-01T10:00:00Z", &["log", "old", "call: hi"])
        .assert()
        .success();
    book.run(&["log", "recent", "call: hi"]).assert().success();
    let names = |args: &[&str]| -> Vec<String> {
        book.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&["list"]), ["Never", "Old", "Recent"]);
    assert_eq!(names(&["list", "--sort", "name"]), ["Never", "Old", "Recent"]);
    book.run(&["list"])
        .assert()
        .success()
        .stdout(contains_all(&["never", "2mo ago !", "today"]));
}

#[test]
fn due_gives_each_nudge_a_reason_highest_score_first() {
    let book = Book::empty();
    book.add("Acme");
    book.add("Beta");
    book.run_at(
        "2026-11-16T10:00:00Z",
        &["log", "acme", "call: pricing >> send the quote @2026-11-18"],
    )
    .assert()
    .success();
    book.run(&["log", "beta", "call: intro >> call back @today"])
        .assert()
        .success();

    let due = book.json(&["due"]);
    let due = due.as_array().unwrap();
    assert_eq!(due[0]["kind"], "follow_up_overdue");
    assert_eq!(due[0]["customer"], "Acme");
    assert_eq!(
        due[0]["reason"],
        "“send the quote” is 5 days overdue (due Wed 18 Nov)"
    );
    assert!(due[0]["follow_up_id"].is_i64());
    assert_eq!(due[1]["kind"], "follow_up_today");
    let scores: Vec<f64> = due.iter().map(|n| n["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    book.run(&["due"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Acme — “send the quote” is 5 days overdue",
        ));
    // A month later, Beta's cadence (30 days) has run out too.
    let later = book.json_at("2027-01-10T09:00:00Z", &["due"]);
    assert!(
        later
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "cadence_exceeded" && n["customer"] == "Beta")
    );
}

#[test]
fn done_and_snooze_change_the_follow_up() {
    let book = Book::empty();
    book.add("Acme");
    let logged = book.json(&["log", "acme", "call: hi >> send quote @today"]);
    let id = logged["follow_up"]["id"].as_i64().unwrap().to_string();
    let snoozed = book.json(&["snooze", &id, "next week"]);
    assert_eq!(snoozed["due"], "2026-11-30");
    book.refuses(&["snooze", &id, "yesterday-ish"], "'yesterday-ish'");
    book.refuses(&["snooze", &id, "today"], "not after today");
    book.run(&["done", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Done: “send quote” for Acme"));
    book.refuses(&["done", &id], "already done");
    book.refuses(&["done", "9999"], "no follow-up with id 9999");
    assert_eq!(book.json(&["show", "acme"])["follow_ups"], serde_json::json!([]));
}

#[test]
fn a_snooze_to_a_named_day_before_its_date_says_it_moved_earlier() {
    let book = Book::empty();
    book.add("Acme");
    let logged = book.json(&["log", "acme", "call: hi >> send quote @2026-12-08"]);
    let id = logged["follow_up"]["id"].as_i64().unwrap().to_string();
    book.run(&["snooze", &id, "fri"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Moved earlier: “send quote” for Acme until",
        ));
    book.run(&["snooze", &id, "+3d"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Snoozed “send quote”"));
    assert_eq!(
        book.json(&["show", "acme"])["follow_ups"][0]["due"],
        "2026-11-30",
        "+3d is 3 days on from its date, Fri 27 Nov"
    );
}

#[test]
fn a_moment_planned_in_the_same_second_as_the_call_before_it_still_nudges_to_prepare() {
    let book = Book::empty();
    book.add("Acme");
    book.ok(&["log", "acme", "call: they decide on the budget thursday"]);
    book.ok(&["moment", "add", "acme", "Budget decision", "@thu"]);
    let due = book.json(&["due"]);
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "moment_ahead" && n["customer"] == "Acme"),
        "{due}"
    );
}

#[test]
fn dates_worked_out_land_on_a_workday_and_named_days_are_kept() {
    const FRIDAY: &str = "2026-11-27T09:00:00Z";
    let book = Book::empty();
    book.add("Acme");
    let due = |line: &str| {
        let out = book
            .run_at(FRIDAY, &["log", "acme", line, "--json"])
            .assert()
            .success();
        let logged: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        logged["follow_up"]["due"].as_str().unwrap().to_string()
    };
    assert_eq!(
        due("call: hi >> send quote"),
        "2026-11-30",
        "tomorrow is Saturday"
    );
    assert_eq!(due("call: hi >> send quote @+1d"), "2026-11-30");
    assert_eq!(due("call: hi >> send quote @+1w"), "2026-12-04", "a Friday stays");
    assert_eq!(
        due("call: hi >> send quote @sat"),
        "2026-11-28",
        "named: as given"
    );
    assert_eq!(due("call: hi >> send quote @2026-11-29"), "2026-11-29");
    let id = book.json(&["show", "acme"])["follow_ups"][0]["id"].to_string();
    let snoozed = book
        .run_at(FRIDAY, &["snooze", &id, "+2d", "--json"])
        .assert()
        .success();
    let snoozed: serde_json::Value = serde_json::from_slice(&snoozed.get_output().stdout).unwrap();
    assert_eq!(
        snoozed["due"], "2026-11-30",
        "the first follow-up (Sat 28 Nov) + 2 days"
    );

    let planned = book
        .run_at(
            FRIDAY,
            &["moment", "add", "acme", "Board meets", "@+1d", "--json"],
        )
        .assert()
        .success();
    let planned: serde_json::Value = serde_json::from_slice(&planned.get_output().stdout).unwrap();
    assert_eq!(planned["expected"], "2026-11-30", "{planned}");

    std::fs::write(
        book.path("config.toml"),
        "[week]\nworkdays = [\"mon\", \"sat\"]\n",
    )
    .unwrap();
    assert_eq!(
        due("call: hi >> send quote"),
        "2026-11-28",
        "Saturday is a workday now"
    );
    std::fs::write(book.path("config.toml"), "[week]\nworkdays = []\n").unwrap();
    book.run_at(FRIDAY, &["due"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("workdays").and(predicate::str::contains("at least one")));
}

#[test]
fn every_command_works_on_an_empty_database() {
    let book = Book::empty();
    book.run(&["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No customers yet"));
    book.run(&["due"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing is due"));
    assert_eq!(book.json(&["list"]), serde_json::json!([]));
    assert_eq!(book.json(&["due"]), serde_json::json!([]));
    book.run(&["show", "x"]).assert().failure();
}

#[test]
fn the_demo_book_is_full_and_due_has_work() {
    let book = Book::demo();
    let list = book.json(&["list"]);
    assert!(list.as_array().unwrap().len() >= 30);
    let due = book.json(&["due"]);
    let kinds: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    for kind in ["follow_up_overdue", "follow_up_today", "cadence_exceeded"] {
        assert!(kinds.contains(&kind), "demo due lacks {kind}: {kinds:?}");
    }
    book.refuses(&["demo"], "already holds");
}

#[test]
fn a_newer_database_is_refused_unchanged() {
    let book = Book::empty();
    {
        let conn = rusqlite::Connection::open(&book.db).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 42;")
            .unwrap();
    }
    let before = bytes(&book.db);
    book.refuses(
        &["list"],
        &format!(
            "written by a newer touchbase (schema 42, this build knows {})",
            touchbase::store::LATEST_VERSION
        ),
    );
    book.run(&["add", "Acme"]).assert().failure();
    assert_eq!(bytes(&book.db), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_unchanged() {
    let book = Book::empty();
    fs::write(&book.db, "name,company\nAcme,Acme BV\n").unwrap();
    let before = bytes(&book.db);
    book.refuses(&["list"], "is not a touchbase database");
    assert_eq!(bytes(&book.db), before);
}

#[test]
fn a_data_directory_that_cannot_be_created_is_reported() {
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    touchbase()
        .arg("--db")
        .arg(blocker.join("sub/touchbase.db"))
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot create the data directory"));
}

#[test]
fn a_command_that_fails_on_a_new_machine_leaves_no_database_behind() {
    let book = Book::empty();
    for args in [
        &["export", "week", "--week", "2026-W99"][..],
        &["log", "nobody", "call: hello"],
        &["done", "42"],
        &["moment", "close", "7", "won"],
    ] {
        book.run(args).assert().failure();
        assert!(!book.db.exists(), "{args:?} left a database behind");
    }
    // An empty book the user made stays, whatever fails next.
    book.run(&["list"]).assert().success();
    book.run(&["done", "42"]).assert().failure();
    assert!(book.db.exists(), "an existing database is never removed");
}

#[test]
fn bad_arguments_are_explained() {
    let book = Book::empty();
    book.refuses(&["add", "Acme", "--cadence", "often"], "cadence 'often'");
    book.refuses(&["add", "  "], "the name is empty");
    book.refuses(&["add", "Acme", "--tag", "two words"], "tag 'two words'");
    book.run_at("last tuesday", &["list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("TOUCHBASE_NOW='last tuesday'"));
    // A usage error clap catches: exit 2, not a refusal.
    book.run(&["list", "--sort", "age"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("last-contact"));
}

#[test]
fn a_bad_config_is_named_not_ignored() {
    let book = Book::empty();
    fs::write(book.path("config.toml"), "[nudge.weights]\ncadense = 3\n").unwrap();
    book.run(&["due"])
        .assert()
        .failure()
        .stderr(contains_all(&["config.toml", "cadense"]));
}

#[test]
fn the_db_can_come_from_the_environment() {
    let book = Book::empty();
    touchbase()
        .env("TOUCHBASE_DB", &book.db)
        .args(["add", "Acme"])
        .assert()
        .success();
    assert_eq!(book.json(&["list"]).as_array().unwrap().len(), 1);
}

/// Runs `args`, reads a few bytes of the output and closes the pipe, as `| head -1` does.
fn read_a_little_then_close(book: &Book, args: &[&str]) -> std::process::Output {
    let mut child = binary::touchbase()
        .arg("--db")
        .arg(&book.db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let book = Book::empty();
    book.run(&["demo", "--customers", "3000"]).assert().success();
    for args in [
        &["list"][..],
        &["list", "--json"][..],
        &["due", "--all", "--json"][..],
    ] {
        let out = read_a_little_then_close(&book, args);
        assert!(out.status.success(), "{args:?}: exit {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn control_characters_from_the_database_never_reach_the_terminal() {
    let book = Book::empty();
    book.run(&["add", "Evil\u{1b}[2JCorp"]).assert().success();
    book.run(&["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Evil␛[2JCorp").and(predicate::str::contains("\u{1b}").not()));
}

#[test]
fn backup_copies_the_book_and_never_overwrites() {
    let book = Book::empty();
    book.add("Acme");
    let copy = book.path("backup.db");
    book.run(&["backup", copy.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Backed up"));
    let restored = touchbase()
        .arg("--db")
        .arg(&copy)
        .args(["list", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let restored: Value = serde_json::from_slice(&restored).unwrap();
    assert_eq!(restored[0]["name"], "Acme");
    book.refuses(&["backup", copy.to_str().unwrap()], "already exists");
}

#[test]
fn an_influential_trigger_is_said_with_an() {
    let book = Book::empty();
    book.add("Acme");
    let said = book.ok(&["trigger", "add", "acme", "influential", "Heller offered 8% off"]);
    assert!(
        said.starts_with("Opened an influential trigger for Acme"),
        "{said}"
    );
    let said = book.ok(&["trigger", "add", "acme", "reactional", "late delivery"]);
    assert!(said.starts_with("Opened a reactional trigger for Acme"), "{said}");
    let undone = book.ok(&["undo"]);
    assert!(undone.contains("opened a reactional trigger"), "{undone}");
    let undone = book.ok(&["undo"]);
    assert!(undone.contains("opened an influential trigger"), "{undone}");
}

#[test]
fn help_tells_every_nudge_how_customer_matches_and_the_quick_log_grammar() {
    let help = |args: &[&str]| {
        let out = touchbase().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let due = help(&["due", "--help"]);
    for kind in touchbase::domain::nudge::NudgeKind::ALL {
        assert!(
            due.contains(kind.as_str()),
            "due --help leaves out {kind}:\n{due}"
        );
    }
    let main = help(&["--help"]);
    for words in ["an id", "exact name", "starts", "company", "several match"] {
        assert!(
            main.contains(words),
            "--help on CUSTOMER lacks '{words}':\n{main}"
        );
    }
    assert!(help(&["show", "--help"]).contains("words of the name or company"));
    let log = help(&["log", "--help"]);
    for kind in touchbase::domain::Kind::ALL {
        assert!(log.contains(kind.as_str()), "log --help leaves out {kind:?}");
    }
    for part in [
        ">> ",
        "@when",
        "=1..5",
        "#tag",
        "yesterday",
        "next week",
        "<CUSTOMER>",
        "<LINE>",
        "exact name",
    ] {
        assert!(log.contains(part), "log --help lacks '{part}':\n{log}");
    }
}

/// The demo book's accounts have people: Kühne's card lists three, the budget moment says
/// who decides and signs, and Weber's timeline names whom each contact was with, up to the
/// day their buyer left for another company.
#[test]
fn the_demo_card_shows_the_people_at_the_account() {
    let book = Book::demo();
    let kuehne = book.ok(&["show", "kuhne"]);
    for line in [
        "Thomas Kühne · technischer Direktor · t.kuehne@kuehne-maschinenbau.de · +49 711 2084 316 (office) · +49 171 442 9031 (mobile)",
        "Petra Albrecht · CFO · p.albrecht@kuehne-maschinenbau.de",
        "Jens Hartmann · Einkäufer",
        "who: decides Petra Albrecht & Thomas Kühne, signs Petra Albrecht, champion Thomas Kühne",
    ] {
        assert!(kuehne.contains(line), "{line}\n{kuehne}");
    }
    assert!(
        !kuehne.contains("with Petra") && !kuehne.contains("with Jens"),
        "{kuehne}"
    );
    let weber = book.ok(&["show", "weber lebensmittel"]);
    assert!(weber.contains("Ulrike Sommer · Einkaufsleiterin"), "{weber}");
    assert!(weber.contains("→ Rhenus Lebensmittel GmbH"), "{weber}");
    assert!(weber.contains("with Ulrike · "), "{weber}");
}

#[test]
fn list_json_is_in_the_order_the_list_shows() {
    let book = Book::empty();
    book.run(&["demo", "--customers", "300"]).assert().success();
    book.run(&["archive", "3"]).assert().success();
    for sort in ["last-contact", "name", "value", "urgency"] {
        let shown: Vec<i64> = book
            .ok(&["list", "--sort", sort])
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
            .collect();
        let listed: Vec<i64> = book
            .json(&["list", "--sort", sort])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(listed, shown, "{sort}");
        assert!(
            listed.len() > 250 && !listed.contains(&3),
            "{sort}: {}",
            listed.len()
        );
    }
    let archived = book.json(&["list", "--archived"]);
    assert_eq!(archived[0]["id"], 3);
}
