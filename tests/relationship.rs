//! Decision moments, switching triggers, give/take, value and satisfaction through the
//! real binary, and the nudges and `why` they lead to as the clock moves.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;
use common::clock::NOW;
use predicates::prelude::*;

impl Book {
    /// Acme BV (company Acme), in touch every 60 days.
    fn acme() -> Book {
        let book = Book::empty();
        book.ok(&["add", "Acme BV", "--company", "Acme", "--cadence", "60d"]);
        book
    }

    /// The reasons of the nudges of `kind` that `due` gives at `now`, in its order.
    fn reasons_at(&self, now: &str, kind: &str) -> Vec<String> {
        self.json_at(now, &["due"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == kind)
            .map(|n| n["reason"].as_str().unwrap().to_string())
            .collect()
    }

    /// Whether `due` at `now` has a nudge of `kind`.
    fn nudges_at(&self, now: &str, kind: &str) -> bool {
        !self.reasons_at(now, kind).is_empty()
    }
}

#[test]
fn a_decision_moment_nudges_three_days_ahead_until_something_is_logged() {
    let book = Book::acme();
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
        !book.nudges_at("2026-11-26T09:00:00Z", "moment_ahead"),
        "4 days ahead"
    );
    let reasons = book.reasons_at("2026-11-27T09:00:00Z", "moment_ahead");
    assert_eq!(
        reasons.first().expect("3 days ahead"),
        "“Board approves budget” in 3 days; nothing logged since you planned it"
    );
    // Logging a contact after planning answers it.
    book.ok_at(
        "2026-11-27T10:00:00Z",
        &["log", "acme", "call: prepared the board meeting"],
    );
    assert!(!book.nudges_at("2026-11-28T09:00:00Z", "moment_ahead"));

    let id = m["id"].as_i64().unwrap().to_string();
    book.ok(&["moment", "close", &id, "--outcome", "won"]);
    book.refuses(
        &["moment", "close", &id, "--outcome", "lost"],
        "already closed as won",
    );
    book.refuses(
        &["moment", "close", &id, "--outcome", "maybe"],
        "unknown outcome 'maybe'",
    );
    book.refuses(&["moment", "add", "acme", "X", "@someday"], "'@someday'");
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["moments"][0]["status"], "won");
}

#[test]
fn a_moment_in_the_past_is_refused_unless_it_says_how_it_went() {
    let book = Book::acme();
    book.refuses(
        &["moment", "add", "acme", "Board approves budget", "@2026-11-01"],
        "'@2026-11-01' is before today",
    );
    assert_eq!(book.json(&["show", "acme"])["moments"], serde_json::json!([]));
    book.refuses(
        &[
            "moment",
            "add",
            "acme",
            "Board",
            "@2026-11-01",
            "--outcome",
            "upcoming",
        ],
        "unknown outcome 'upcoming'",
    );
    let m = book.json(&[
        "moment",
        "add",
        "acme",
        "Board approves budget",
        "@2026-11-01",
        "--outcome",
        "won",
    ]);
    assert_eq!(m["status"], "won");
    assert_eq!(m["expected"], "2026-11-01");
    assert!(m["closed_at"].is_string());
    // Already behind us and closed: nothing to ask about.
    assert!(!book.nudges_at(NOW, "moment_passed"));
    // Undoing it takes the whole moment back.
    book.ok(&["undo"]);
    assert_eq!(book.json(&["show", "acme"])["moments"], serde_json::json!([]));
}

#[test]
fn a_complaint_opens_a_trigger_that_nudges_from_the_day_it_arrives() {
    let book = Book::acme();
    let logged = book.json(&["log", "acme", "complaint: late delivery"]);
    let trigger = logged["trigger_id"]
        .as_i64()
        .expect("a complaint opens a trigger");
    let due = book.json(&["due"]);
    assert_eq!(due[0]["kind"], "complaint_open", "the most urgent: {due}");
    assert_eq!(
        due[0]["reason"],
        "complaint “late delivery” arrived today — side with them: resolve it and tell them"
    );
    assert_eq!(due[0]["score"], 27.0);
    assert_eq!(
        book.reasons_at("2026-11-25T09:00:00Z", "complaint_open"),
        ["complaint “late delivery” arrived 2 days ago — side with them: resolve it and tell them"]
    );
    let reasons = book.reasons_at("2026-11-27T09:00:00Z", "complaint_open");
    assert_eq!(
        reasons.first().expect("4 days"),
        "complaint “late delivery” open for 4 days — resolve it and tell them"
    );
    book.ok(&["trigger", "resolve", &trigger.to_string()]);
    assert!(!book.nudges_at("2026-11-27T09:00:00Z", "complaint_open"));
    book.refuses(&["trigger", "resolve", &trigger.to_string()], "already resolved");
}

#[test]
fn a_moment_gone_by_while_open_asks_how_it_went_until_closed() {
    let book = Book::acme();
    let m = book.json(&["moment", "add", "acme", "Board approves budget", "@2026-11-25"]);
    let id = m["id"].as_i64().unwrap().to_string();
    assert!(
        !book.nudges_at("2026-11-25T09:00:00Z", "moment_passed"),
        "its day"
    );
    let later = "2026-11-26T09:00:00Z";
    assert_eq!(
        book.reasons_at(later, "moment_passed"),
        ["how did “Board approves budget” go (Wed 25 Nov)? — close it"]
    );
    // `why` explains it as a term of the urgency.
    let why = book.json_at(later, &["why", "acme"]);
    assert!(
        why["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["kind"] == "moment_passed"),
        "{why}"
    );
    // A contact does not answer it; closing does.
    book.ok_at(later, &["log", "acme", "call: asked about the board"]);
    assert!(book.nudges_at(later, "moment_passed"));
    book.ok_at(later, &["moment", "close", &id, "--outcome", "lost"]);
    assert!(!book.nudges_at(later, "moment_passed"));
}

#[test]
fn a_competitors_offer_nudges_until_a_contact_logged_after_it() {
    let book = Book::acme();
    book.ok(&["log", "acme", "call: hello"]);
    book.ok_at(
        "2026-11-24T09:00:00Z",
        &["trigger", "add", "acme", "influential", "Rival offered 10% off"],
    );
    assert_eq!(
        book.reasons_at("2026-11-26T09:00:00Z", "influence_unanswered"),
        ["“Rival offered 10% off” noted 2 days ago and no contact since — answer it before they switch"]
    );
    // A contact logged later, but dated before the offer, does not answer it.
    book.ok_at(
        "2026-11-26T09:00:00Z",
        &["log", "acme", "email 2026-11-23: sent the price list"],
    );
    assert!(book.nudges_at("2026-11-26T09:00:00Z", "influence_unanswered"));
    book.ok_at(
        "2026-11-26T10:00:00Z",
        &["log", "acme", "call: matched the offer"],
    );
    assert!(!book.nudges_at("2026-11-26T11:00:00Z", "influence_unanswered"));
}

#[test]
fn a_changed_situation_nudges_until_a_contact() {
    let book = Book::acme();
    book.ok(&["log", "acme", "call: hello"]);
    book.ok_at(
        "2026-11-24T09:00:00Z",
        &["trigger", "add", "acme", "situational", "new purchasing manager"],
    );
    assert!(book.nudges_at("2026-11-25T09:00:00Z", "situation_unanswered"));
    book.ok_at(
        "2026-11-25T10:00:00Z",
        &["log", "acme", "call: introduced myself to the new manager"],
    );
    assert!(!book.nudges_at("2026-11-26T09:00:00Z", "situation_unanswered"));
    book.refuses(
        &["trigger", "add", "acme", "rumour", "x"],
        "unknown trigger kind 'rumour' — use situational, reactional or influential",
    );
}

#[test]
fn a_triggers_age_reads_the_same_on_the_agenda_and_in_show() {
    let book = Book::acme();
    book.ok_at(
        "2026-11-16T17:00:00Z",
        &["log", "acme", "complaint: late delivery"],
    );
    let reasons = book.reasons_at(NOW, "complaint_open");
    assert_eq!(
        reasons,
        ["complaint “late delivery” open for 7 days — resolve it and tell them"]
    );
    book.run(&["show", "acme"])
        .assert()
        .success()
        .stdout(predicate::str::contains("opened 7d ago"));
}

#[test]
fn gifts_and_asks_keep_the_balance_and_nudge_when_taking_too_much() {
    let book = Book::acme();
    book.ok(&["log", "acme", "gift: christmas hamper"]);
    book.ok(&["ask", "acme", "asked for a referral"]);
    assert!(!book.nudges_at(NOW, "taking_too_much"), "one give, one ask");
    book.ok(&["ask", "acme", "price increase 4%"]);
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["balance"], serde_json::json!({"gives": 1, "asks": 2}));
    assert!(book.nudges_at(NOW, "taking_too_much"));
    book.ok(&["give", "acme", "free training day"]);
    assert!(!book.nudges_at(NOW, "taking_too_much"));
}

#[test]
fn orders_add_up_to_lifetime_value_in_cents() {
    let book = Book::acme();
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
        book.refuses(&["order", "acme", bad], says);
    }
    book.refuses(&["order", "acme", "10", "@2027-01-01"], "in the future");
    book.refuses(&["order", "999", "10"], "no customer with id 999");
    assert_eq!(
        book.json(&["show", "acme"])["lifetime_value_cents"],
        126_300,
        "nothing changed"
    );
}

#[test]
fn satisfaction_five_then_three_is_a_drop_and_five_without_gifts_asks_for_a_reward() {
    let book = Book::acme();
    book.ok(&["log", "acme", "visit: site tour =5"]);
    assert!(
        !book.nudges_at("2027-06-01T09:00:00Z", "loyalty_unrewarded"),
        "one =5 is no history"
    );
    book.ok_at("2026-11-23T10:00:00Z", &["log", "acme", "call: all good =5"]);
    assert!(
        !book.nudges_at(NOW, "loyalty_unrewarded"),
        "a customer added today is not loyal yet"
    );
    assert!(
        book.reasons_at("2027-06-01T09:00:00Z", "loyalty_unrewarded")
            .iter()
            .any(|r| r == "very satisfied (5) and never given anything — reward their loyalty")
    );
    book.ok_at("2026-11-24T09:00:00Z", &["log", "acme", "call: pricing =3"]);
    let card = book.json(&["show", "acme"]);
    assert_eq!(
        (
            card["satisfaction"].as_i64(),
            card["previous_satisfaction"].as_i64()
        ),
        (Some(3), Some(5))
    );
    assert!(
        book.reasons_at("2026-11-25T09:00:00Z", "satisfaction_drop")
            .iter()
            .any(|r| r == "satisfaction dropped from 5 to 3 (Tue 24 Nov) — ask what changed")
    );
    // A note is not a contact; a call is, and answers the drop.
    book.ok_at(
        "2026-11-25T10:00:00Z",
        &["log", "acme", "note: ask about the delays"],
    );
    assert!(book.nudges_at("2026-11-26T09:00:00Z", "satisfaction_drop"));
    book.ok_at(
        "2026-11-26T10:00:00Z",
        &["log", "acme", "call: it was the late deliveries"],
    );
    assert!(!book.nudges_at("2026-11-27T09:00:00Z", "satisfaction_drop"));
}

#[test]
fn why_explains_the_urgency_term_by_term_and_the_terms_add_up() {
    let book = Book::acme();
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
    let book = Book::acme();
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
    let book = Book::acme();
    std::fs::write(book.path("config.toml"), "[nudge]\npreparation_days = \"soon\"\n").unwrap();
    book.run(&["due"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("config.toml").and(predicate::str::contains("preparation_days")));
}
