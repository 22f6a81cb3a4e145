//! What the user parks on purpose: any nudge snoozed until a day with a reason (`touchbase
//! quiet`, `s` on a nudge row of the agenda), and a whole customer paused until a day
//! (`touchbase pause`, `P`). A parked nudge is left out of `due`, the agenda and urgency
//! until then, `why` says what is parked and why, undo takes it back, and a day that is not
//! after today is refused with nothing changed. What the store promises is in the contract
//! suite (tests/store/parking.rs).

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

use common::book::Book;
use common::keys::Keys;
use common::session::Session;
use common::store::{at, day};
use crossterm::event::KeyCode;
use serde_json::Value;
use touchbase::domain::nudge::NudgeKind;
use touchbase::domain::quicklog;
use touchbase::store::NewCustomer;
use touchbase::tui::app::Overlay;

/// Acme (added in September, never contacted: past its cadence of 30 days) with two open
/// complaints logged today, and Beta (added in September too).
fn book() -> Book {
    let book = Book::empty();
    for name in ["Acme", "Beta"] {
        book.run_at("2026-09-01T09:00:00Z", &["add", name])
            .assert()
            .success();
    }
    book.ok(&["trigger", "add", "acme", "reactional", "late delivery"]);
    book.ok(&["trigger", "add", "acme", "reactional", "wrong invoice"]);
    book
}

/// `due --all --json`'s (customer, kind) pairs.
fn due(book: &Book, now: &str) -> Vec<(String, String)> {
    let all = book.json_at(now, &["due", "--all"]);
    all.as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["customer"].as_str().unwrap().to_string(),
                n["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn nudged(book: &Book, customer: &str, kind: &str) -> bool {
    due(book, common::clock::NOW)
        .iter()
        .any(|(c, k)| c == customer && k == kind)
}

#[test]
fn a_snoozed_nudge_leaves_due_and_urgency_until_its_day_and_why_says_why() {
    let book = book();
    assert!(nudged(&book, "Beta", "cadence_exceeded"));
    let before = book.json(&["why", "beta"])["total"].as_f64().unwrap();
    assert!(before > 0.0);

    let said = book.ok(&[
        "quiet",
        "beta",
        "cadence",
        "2026-12-07",
        "champion",
        "on",
        "leave",
    ]);
    assert!(
        said.contains("Snoozed the cadence nudge for Beta until Mon 7 Dec (champion on leave)"),
        "{said}"
    );
    assert!(!nudged(&book, "Beta", "cadence_exceeded"), "out of due");
    let why = book.json(&["why", "beta"]);
    assert_eq!(why["total"], 0.0, "out of the urgency");
    assert_eq!(why["snoozed"][0]["kind"], "cadence_exceeded");
    assert_eq!(why["snoozed"][0]["until"], "2026-12-07");
    assert_eq!(why["snoozed"][0]["reason"], "champion on leave");
    let text = book.ok(&["why", "beta"]);
    assert!(
        text.contains("snoozed  cadence_exceeded      until Mon 7 Dec: champion on leave"),
        "{text}"
    );
    // On its day it nudges again.
    let back = due(&book, "2026-12-07T09:00:00Z");
    assert!(back.contains(&("Beta".into(), "cadence_exceeded".into())));

    let undone = book.ok(&["undo"]);
    assert!(
        undone.contains("Undone: snoozed the cadence nudge for Beta until Mon 7 Dec 2026"),
        "{undone}"
    );
    assert!(nudged(&book, "Beta", "cadence_exceeded"), "back after undo");
    assert_eq!(book.json(&["why", "beta"])["snoozed"], Value::Array(vec![]));
}

#[test]
fn one_of_two_complaints_is_snoozed_by_its_id_and_the_other_still_nudges() {
    let book = book();
    let show = book.json(&["show", "acme"]);
    let ids: Vec<i64> = show["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    // `due --json` names the trigger each complaint's nudge is about.
    let mut nudging: Vec<i64> = book
        .json(&["due", "--all"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "complaint_open")
        .map(|n| n["trigger_id"].as_i64().unwrap())
        .collect();
    nudging.sort_unstable();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(nudging, sorted);
    let err = book.refused(&["quiet", "acme", "complaint", "+1w"]);
    assert!(
        err.contains("which one?") && err.contains(&format!("complaint:{}", ids[0])),
        "{err}"
    );

    let json = book.json(&["quiet", "acme", &format!("complaint:{}", ids[0]), "+1w"]);
    assert_eq!(
        (json["kind"].as_str(), json["subject_id"].as_i64()),
        (Some("complaint_open"), Some(ids[0]))
    );
    let complaints: Vec<_> = book.json(&["why", "acme"])["terms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "complaint_open")
        .map(|t| t["reason"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(complaints.len(), 1, "{complaints:?}");
    assert!(complaints[0].contains("wrong invoice") || complaints[0].contains("late delivery"));
    // A kind Acme has no nudge of now names nothing to snooze.
    book.refuses(
        &["quiet", "acme", "passed", "+1w"],
        "Acme has no passed nudge now",
    );
}

#[test]
fn a_day_not_after_today_or_an_unknown_kind_is_refused_and_nothing_changes() {
    let book = book();
    let journal = || book.json(&["undo", "--list"]).as_array().unwrap().len();
    let entries = journal();
    book.refuses(
        &["quiet", "beta", "cadence", "today"],
        "'today' is not after today — snooze to a later day",
    );
    book.refuses(
        &["quiet", "beta", "cadence", "2026-11-01", "too", "late"],
        "is not after today",
    );
    book.refuses(
        &["quiet", "beta", "cadense", "+1w"],
        "'cadense' is not a kind of nudge — use one of: cadence, moment, passed, complaint",
    );
    book.refuses(
        &["quiet", "beta", "cadence", "someday"],
        "'someday' is not a date I understand",
    );
    book.refuses(
        &["quiet", "beta", "overdue", "+1w"],
        "a follow-up is snoozed on its own",
    );
    book.refuses(
        &["pause", "beta", "yesterday"],
        "is not after today — pause until a later day",
    );
    book.refuses(&["pause", "beta", "--off"], "Beta is not paused");
    assert_eq!(journal(), entries, "nothing on the journal");
    assert!(nudged(&book, "Beta", "cadence_exceeded"), "nothing snoozed");
    assert_eq!(book.json(&["why", "beta"])["paused"], Value::Null);
}

#[test]
fn a_paused_customer_s_cadence_does_not_count_until_the_day_and_pause_off_ends_it() {
    let book = book();
    let said = book.ok(&["pause", "beta", "2027-01-04", "on", "sabbatical"]);
    assert!(
        said.contains("Paused Beta until Mon 4 Jan 2027 (on sabbatical)"),
        "{said}"
    );
    assert!(!nudged(&book, "Beta", "cadence_exceeded"));
    assert!(nudged(&book, "Acme", "cadence_exceeded"), "only Beta");
    let list = book.ok(&["list"]);
    let beta = list.lines().find(|l| l.contains("Beta")).unwrap();
    assert!(beta.contains("paused 4 Jan") && !beta.contains('!'), "{beta}");
    let json = book.json(&["list"]);
    let beta = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Beta")
        .unwrap();
    assert_eq!(
        (beta["paused_until"].as_str(), beta["paused_reason"].as_str()),
        (Some("2027-01-04"), Some("on sabbatical"))
    );
    let why = book.ok(&["why", "beta"]);
    assert!(
        why.contains("paused until Mon 4 Jan 2027: on sabbatical"),
        "{why}"
    );
    // The week ahead leaves Beta's cadence out too.
    let week = book.ok(&["export", "week", "--format", "md"]);
    assert!(!week.contains("Beta"), "{week}");
    // On its day the cadence counts again.
    assert!(due(&book, "2027-01-04T09:00:00Z").contains(&("Beta".into(), "cadence_exceeded".into())));

    book.ok(&["pause", "beta", "--off"]);
    assert!(nudged(&book, "Beta", "cadence_exceeded"));
    let undone = book.ok(&["undo"]);
    assert!(undone.contains("Undone: ended the pause of Beta"), "{undone}");
    assert!(!nudged(&book, "Beta", "cadence_exceeded"), "paused again");
    book.ok(&["undo"]);
    assert!(nudged(&book, "Beta", "cadence_exceeded"), "never paused");
}

/// Acme and Beta, both added in September and never contacted: each has a cadence nudge.
fn session() -> Session {
    Session::new(|store| {
        let add = |store: &mut dyn touchbase::store::Book, name: &str| {
            let new = NewCustomer {
                name: name.into(),
                ..NewCustomer::default()
            };
            store.add_customer(&new, at("2026-09-01T09:00:00Z")).unwrap().id
        };
        let acme = add(store, "Acme");
        add(store, "Beta");
        let when = at("2026-11-20T10:00:00Z");
        let line = quicklog::parse("complaint: late delivery", when.naive_utc()).unwrap();
        store.log_contact(acme, &line, when).unwrap();
        acme
    })
}

impl Session {
    /// The agenda's rows as (customer, kind).
    fn agenda(&self) -> Vec<(String, NudgeKind)> {
        self.app
            .agenda
            .due
            .nudges
            .iter()
            .map(|n| (n.customer.clone(), n.kind))
            .collect()
    }

    /// Selects the agenda's row of `customer`'s nudge of `kind`.
    fn select(&mut self, customer: &str, kind: NudgeKind) {
        let at = self
            .agenda()
            .iter()
            .position(|(c, k)| c == customer && *k == kind)
            .unwrap_or_else(|| panic!("{customer} {kind} on the agenda: {:?}", self.agenda()));
        self.keys("g");
        for _ in 0..at {
            self.keys("j");
        }
    }

    fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}

#[test]
fn s_on_a_nudge_row_asks_until_when_and_the_row_leaves_the_agenda() {
    let mut s = session();
    let complaint = ("Acme".to_string(), NudgeKind::ComplaintOpen);
    assert!(s.agenda().contains(&complaint));
    s.select("Acme", NudgeKind::ComplaintOpen);
    s.keys("s");
    let Some(Overlay::Prompt(prompt)) = &s.app.overlay else {
        panic!("no prompt");
    };
    assert_eq!(prompt.label(), "Snooze Acme's complaint nudge › ");
    // A day gone by stays on the prompt, refused; nothing is saved.
    s.keys("yesterday");
    s.press(KeyCode::Enter);
    let Some(Overlay::Prompt(prompt)) = &s.app.overlay else {
        panic!("the prompt closed on a refusal");
    };
    assert!(prompt.error.as_ref().unwrap().0.contains("is not after today"));
    assert!(s.agenda().contains(&complaint));
    for _ in 0.."yesterday".len() {
        s.press(KeyCode::Backspace);
    }
    s.keys("+2w waiting for the carrier");
    s.press(KeyCode::Enter);
    assert!(s.app.overlay.is_none());
    assert!(
        s.status()
            .starts_with("Snoozed the complaint nudge for Acme until Mon 7 Dec (waiting for the carrier)"),
        "{}",
        s.status()
    );
    assert!(!s.agenda().contains(&complaint), "gone: {:?}", s.agenda());
    // The card's why says what is snoozed.
    s.keys("2/acme");
    s.press(KeyCode::Enter);
    s.press(KeyCode::Enter);
    let card = s.app.customer.as_ref().expect("the card");
    assert_eq!(card.customer.id, s.acme);
    assert_eq!(card.snoozed.len(), 1);
    assert!(card.why.iter().all(|n| n.kind != NudgeKind::ComplaintOpen));
    s.keys("1u");
    assert!(s.agenda().contains(&complaint), "back after u");
}

#[test]
fn p_pauses_the_customer_of_the_row_and_p_again_ends_it() {
    let mut s = session();
    let cadence = ("Beta".to_string(), NudgeKind::CadenceExceeded);
    s.select("Beta", NudgeKind::CadenceExceeded);
    s.submit("P", "+1m on sabbatical");
    assert!(
        s.status()
            .starts_with("Paused Beta until Wed 23 Dec (on sabbatical)"),
        "{}",
        s.status()
    );
    assert!(!s.agenda().contains(&cadence));
    let beta = s.other().customers_named("Beta", 1).unwrap().exact[0].clone();
    assert_eq!(
        beta.paused.map(|p| (p.until, p.reason)),
        Some((day("2026-12-23"), "on sabbatical".into()))
    );

    // On the card, P again ends the pause.
    s.keys("2");
    s.keys("/beta");
    s.press(KeyCode::Enter);
    s.press(KeyCode::Enter);
    s.keys("P");
    assert!(
        s.status().starts_with("Ended the pause of Beta"),
        "{}",
        s.status()
    );
    assert!(s.agenda().contains(&cadence));
    s.keys("u");
    assert!(!s.agenda().contains(&cadence), "paused again by undo");
}

#[test]
fn a_deleted_or_merged_customer_comes_back_by_undo_with_their_pause() {
    let book = book();
    book.ok(&["pause", "beta", "2027-01-04", "on", "sabbatical"]);
    book.ok(&["delete", "customer", "beta", "--yes"]);
    book.ok(&["undo"]);
    let why = book.json(&["why", "beta"]);
    assert_eq!(why["paused"]["until"], "2027-01-04", "{why}");
    assert_eq!(why["paused"]["reason"], "on sabbatical");

    book.ok(&["merge", "acme", "beta"]);
    book.ok(&["undo"]);
    assert_eq!(book.json(&["why", "beta"])["paused"]["until"], "2027-01-04");
    assert!(!nudged(&book, "Beta", "cadence_exceeded"));
}

#[test]
fn s_on_a_trigger_selected_on_the_card_snoozes_its_nudge() {
    use touchbase::tui::action::CardList;
    let mut s = session();
    s.keys("2/acme");
    s.press(KeyCode::Enter);
    s.press(KeyCode::Enter);
    for _ in 0..8 {
        if s.app.customer.as_ref().unwrap().focus == Some(CardList::Triggers) {
            break;
        }
        s.keys("]");
    }
    assert_eq!(s.app.customer.as_ref().unwrap().focus, Some(CardList::Triggers));
    s.submit("s", "+1w the carrier answers monday");
    assert!(
        s.status().starts_with(
            "Snoozed the complaint nudge for Acme until Mon 30 Nov (the carrier answers monday)"
        ),
        "{}",
        s.status()
    );
    let card = s.app.customer.as_ref().unwrap();
    assert!(card.why.iter().all(|n| n.kind != NudgeKind::ComplaintOpen));
    assert_eq!(card.snoozed.len(), 1);
    // Snoozed already, it has no nudge to snooze.
    s.keys("s");
    assert!(s.app.overlay.is_none());
    assert_eq!(s.status(), "Select a follow-up or a nudge to snooze.");
}
