//! Decision moments, switching triggers, give/take, value and satisfaction through the
//! real binary, and the nudges and `why` they lead to as the clock moves.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-11-23T09:00:00Z";

struct Book {
    _dir: TempDir,
    db: std::path::PathBuf,
}

impl Book {
    fn new() -> Book {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("touchbase.db");
        let book = Book { _dir: dir, db };
        book.ok(&["add", "Acme BV", "--company", "Acme", "--cadence", "60d"]);
        book
    }

    fn run_at(&self, now: &str, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("touchbase").unwrap();
        cmd.env("TOUCHBASE_NOW", now)
            .env("TZ", "UTC")
            .env_remove("TOUCHBASE_TZ")
            .env("TOUCHBASE_CONFIG", "/nonexistent/config.toml")
            .env_remove("TOUCHBASE_DB")
            .arg("--db")
            .arg(&self.db)
            .args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self
            .run_at(NOW, args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn json_at(&self, now: &str, args: &[&str]) -> Value {
        let out = self
            .run_at(now, args)
            .arg("--json")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        self.json_at(NOW, args)
    }

    fn kinds_at(&self, now: &str) -> Vec<String> {
        self.json_at(now, &["due"])
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap().to_string())
            .collect()
    }
}

#[test]
fn a_decision_moment_nudges_three_days_ahead_until_something_is_logged() {
    let book = Book::new();
    let m = book.json(&[
        "moment",
        "add",
        "acme",
        "Board approves budget",
        "@2026-11-30",
        "--concerns",
        "price",
        "--steps",
        "CFO compares quotes",
        "--response",
        "bring the TCO sheet",
    ]);
    assert_eq!(m["status"], "upcoming");
    assert_eq!(m["expected"], "2026-11-30");
    assert!(
        !book
            .kinds_at("2026-11-26T09:00:00Z")
            .contains(&"moment_ahead".to_string()),
        "4 days ahead"
    );
    let due = book.json_at("2026-11-27T09:00:00Z", &["due"]);
    let n = due
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "moment_ahead")
        .expect("3 days ahead");
    assert_eq!(
        n["reason"],
        "“Board approves budget” in 3 days; nothing logged since you planned it"
    );
    // Logging a contact after planning answers it.
    book.run_at(
        "2026-11-27T10:00:00Z",
        &["log", "acme", "call: prepared the board meeting"],
    )
    .assert()
    .success();
    assert!(
        !book
            .kinds_at("2026-11-28T09:00:00Z")
            .contains(&"moment_ahead".to_string())
    );

    let id = m["id"].as_i64().unwrap().to_string();
    book.ok(&["moment", "close", &id, "--outcome", "won"]);
    book.run_at(NOW, &["moment", "close", &id, "--outcome", "lost"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already closed as won"));
    book.run_at(NOW, &["moment", "close", &id, "--outcome", "maybe"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown outcome 'maybe'"));
    book.run_at(NOW, &["moment", "add", "acme", "X", "@someday"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("'@someday'"));
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["moments"][0]["status"], "won");
}

#[test]
fn a_complaint_opens_a_trigger_that_nudges_after_three_days() {
    let book = Book::new();
    let logged = book.json(&["log", "acme", "complaint: late delivery"]);
    let trigger = logged["trigger_id"]
        .as_i64()
        .expect("a complaint opens a trigger");
    assert!(
        !book
            .kinds_at("2026-11-26T09:00:00Z")
            .contains(&"complaint_open".to_string()),
        "3 days"
    );
    let due = book.json_at("2026-11-27T09:00:00Z", &["due"]);
    let n = due
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "complaint_open")
        .expect("4 days");
    assert_eq!(
        n["reason"],
        "complaint “late delivery” open for 4 days — resolve it and tell them"
    );
    book.ok(&["trigger", "resolve", &trigger.to_string()]);
    assert!(
        !book
            .kinds_at("2026-11-27T09:00:00Z")
            .contains(&"complaint_open".to_string())
    );
    book.run_at(NOW, &["trigger", "resolve", &trigger.to_string()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already resolved"));
}

#[test]
fn a_changed_situation_nudges_until_a_contact() {
    let book = Book::new();
    book.ok(&["log", "acme", "call: hello"]);
    book.run_at(
        "2026-11-24T09:00:00Z",
        &["trigger", "add", "acme", "situational", "new purchasing manager"],
    )
    .assert()
    .success();
    assert!(
        book.kinds_at("2026-11-25T09:00:00Z")
            .contains(&"situation_unanswered".to_string())
    );
    book.run_at(
        "2026-11-25T10:00:00Z",
        &["log", "acme", "call: introduced myself to the new manager"],
    )
    .assert()
    .success();
    assert!(
        !book
            .kinds_at("2026-11-26T09:00:00Z")
            .contains(&"situation_unanswered".to_string())
    );
    book.run_at(NOW, &["trigger", "add", "acme", "rumour", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "unknown trigger kind 'rumour' — use situational, reactional or influential",
        ));
}

#[test]
fn gifts_and_asks_keep_the_balance_and_nudge_when_taking_too_much() {
    let book = Book::new();
    book.ok(&["log", "acme", "gift: christmas hamper"]);
    book.ok(&["ask", "acme", "asked for a referral"]);
    assert!(
        !book.kinds_at(NOW).contains(&"taking_too_much".to_string()),
        "one give, one ask"
    );
    book.ok(&["ask", "acme", "price increase 4%"]);
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["balance"], serde_json::json!({"gives": 1, "asks": 2}));
    assert!(book.kinds_at(NOW).contains(&"taking_too_much".to_string()));
    book.ok(&["give", "acme", "free training day"]);
    assert!(!book.kinds_at(NOW).contains(&"taking_too_much".to_string()));
}

#[test]
fn orders_add_up_to_lifetime_value_in_cents() {
    let book = Book::new();
    book.ok(&["order", "acme", "1250.50", "@2026-11-20"]);
    book.ok(&["order", "acme", "12,50"]);
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["lifetime_value_cents"], 126_300);
    assert_eq!(card["last_order"], "2026-11-23");
    for (bad, says) in [
        ("abc", "'abc' is not a number"),
        ("-5", "negative"),
        ("1.2345", "more than two decimals"),
    ] {
        book.run_at(NOW, &["order", "acme", bad])
            .assert()
            .failure()
            .stderr(predicate::str::contains(says));
    }
    book.run_at(NOW, &["order", "acme", "10", "@2027-01-01"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("in the future"));
    book.run_at(NOW, &["order", "999", "10"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no customer with id 999"));
    assert_eq!(
        book.json(&["show", "acme"])["lifetime_value_cents"],
        126_300,
        "nothing changed"
    );
}

#[test]
fn satisfaction_five_then_three_is_a_drop_and_five_without_gifts_asks_for_a_reward() {
    let book = Book::new();
    book.ok(&["log", "acme", "visit: site tour =5"]);
    let due = book.json_at("2027-06-01T09:00:00Z", &["due"]);
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "loyalty_unrewarded"
                && n["reason"] == "very satisfied (5) and never given anything — reward their loyalty")
    );
    book.run_at("2026-11-24T09:00:00Z", &["log", "acme", "call: pricing =3"])
        .assert()
        .success();
    let card = book.json(&["show", "acme"]);
    assert_eq!(
        (
            card["satisfaction"].as_i64(),
            card["previous_satisfaction"].as_i64()
        ),
        (Some(3), Some(5))
    );
    let due = book.json_at("2026-11-25T09:00:00Z", &["due"]);
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "satisfaction_drop"
                && n["reason"] == "satisfaction dropped from 5 to 3 (Tue 24 Nov) — ask what changed")
    );
    // A note is not a contact; a call is, and answers the drop.
    book.run_at(
        "2026-11-25T10:00:00Z",
        &["log", "acme", "note: ask about the delays"],
    )
    .assert()
    .success();
    assert!(
        book.kinds_at("2026-11-26T09:00:00Z")
            .contains(&"satisfaction_drop".to_string())
    );
    book.run_at(
        "2026-11-26T10:00:00Z",
        &["log", "acme", "call: it was the late deliveries"],
    )
    .assert()
    .success();
    assert!(
        !book
            .kinds_at("2026-11-27T09:00:00Z")
            .contains(&"satisfaction_drop".to_string())
    );
}

#[test]
fn why_explains_the_urgency_term_by_term_and_the_terms_add_up() {
    let book = Book::new();
    book.ok(&["log", "acme", "complaint: late delivery >> call back @tomorrow"]);
    book.ok(&["ask", "acme", "referral"]);
    let why = book.json_at("2026-12-01T09:00:00Z", &["why", "acme"]);
    let terms = why["terms"].as_array().unwrap();
    let kinds: Vec<&str> = terms.iter().map(|t| t["kind"].as_str().unwrap()).collect();
    assert!(
        kinds.contains(&"complaint_open")
            && kinds.contains(&"follow_up_overdue")
            && kinds.contains(&"taking_too_much"),
        "{kinds:?}"
    );
    let sum: f64 = terms.iter().map(|t| t["score"].as_f64().unwrap()).sum();
    assert!((sum - why["total"].as_f64().unwrap()).abs() < 0.01);
    book.run_at("2026-12-01T09:00:00Z", &["why", "acme"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Acme BV — urgency").and(predicate::str::contains("complaint_open")),
        );
    // The same terms as `due` lists for this customer.
    let due = book.json_at("2026-12-01T09:00:00Z", &["due", "--all"]);
    let due_sum: f64 = due
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["score"].as_f64().unwrap())
        .sum();
    assert!((due_sum - sum).abs() < 0.01);
}

#[test]
fn value_lifts_nudges_and_list_sorts_by_value_and_urgency() {
    let book = Book::new();
    book.ok(&["add", "Beta GmbH"]);
    book.ok(&["add", "Gamma SA"]);
    book.ok(&["order", "beta", "60000"]);
    let names = |sort: &str| -> Vec<String> {
        book.json(&["list", "--sort", sort])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("value")[0], "Beta GmbH");
    // Silent for 90 days: all three past their cadence; Beta is worth most, so first.
    let later = book.json_at("2027-03-01T09:00:00Z", &["due"]);
    assert_eq!(later[0]["customer"], "Beta GmbH");
    book.ok(&["log", "gamma", "complaint: broken pallet"]);
    let urgent = book.json_at("2026-11-30T09:00:00Z", &["list", "--sort", "urgency"]);
    assert_eq!(urgent[0]["name"], "Gamma SA");
}

#[test]
fn a_bad_config_value_names_the_key_and_the_file() {
    let book = Book::new();
    let config = book.db.with_file_name("config.toml");
    std::fs::write(&config, "[nudge]\npreparation_days = \"soon\"\n").unwrap();
    book.run_at(NOW, &["due"])
        .env("TOUCHBASE_CONFIG", &config)
        .assert()
        .failure()
        .stderr(predicate::str::contains("config.toml").and(predicate::str::contains("preparation_days")));
}
