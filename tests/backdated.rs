//! Contacts logged after the fact, through the real binary: `touchbase log CUSTOMER
//! "visit yesterday: …"` records the contact at its own time, everything that follows from
//! a contact (last contact, the timeline, satisfaction, the cadence nudge) goes by that
//! time, and a time in the future, or words that are no time, are refused with nothing
//! saved. The clock is `NOW`, Monday 23 November 2026 09:00 UTC.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;
use serde_json::Value;

impl Book {
    fn add(&self, name: &str) {
        self.json(&["add", name, "--company", &format!("{name} BV")]);
    }

    /// `log acme LINE --json`, with `TOUCHBASE_TZ` set when `zone` is.
    fn log_json(&self, zone: Option<&str>, line: &str) -> Value {
        let mut cmd = self.run(&["log", "acme", line, "--json"]);
        if let Some(zone) = zone {
            cmd.env("TOUCHBASE_TZ", zone);
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }

    /// The nudge kinds `due` gives Acme.
    fn nudges_for_acme(&self) -> Vec<String> {
        let due = self.json(&["due", "--all"]);
        due.as_array()
            .unwrap()
            .iter()
            .filter(|n| n["customer"] == "Acme")
            .map(|n| n["kind"].as_str().unwrap().to_string())
            .collect()
    }
}

#[test]
fn a_contact_is_recorded_at_its_own_time_and_prints_as_written() {
    let book = Book::empty();
    book.add("Acme");
    let logged = book.log_json(None, "visit yesterday 14:30: site tour =5 >> send the offer @fri");
    assert_eq!(logged["interaction"]["at"], "2026-11-22T14:30:00Z");
    assert_eq!(logged["interaction"]["kind"], "visit");
    assert_eq!(logged["interaction"]["note"], "site tour");
    assert_eq!(logged["interaction"]["satisfaction"], 5);
    assert_eq!(
        logged["follow_up"]["due"], "2026-11-27",
        "the follow-up is due from today"
    );

    // The human line says when, for a contact that did not happen now.
    let said = book.ok(&["log", "acme", "call fri: discussed terms"]);
    assert_eq!(said.trim(), "Logged call with Acme on Fri 20 Nov 09:00");
    let said = book.ok(&["log", "acme", "note: they prefer mornings"]);
    assert_eq!(said.trim(), "Logged note with Acme");

    // The call is older than the visit: it leaves last contact alone, and the timeline
    // goes by the contacts' times, not the order they were typed in.
    let card = book.json(&["show", "acme"]);
    assert_eq!(card["last_contact"], "2026-11-22T14:30:00Z");
    let timeline: Vec<(&str, &str)> = card["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["at"].as_str().unwrap()))
        .collect();
    assert_eq!(
        timeline,
        [
            ("note", "2026-11-23T09:00:00Z"),
            ("visit", "2026-11-22T14:30:00Z"),
            ("call", "2026-11-20T09:00:00Z"),
        ]
    );

    // A logged call with a time of its own, later than the visit, moves last contact.
    let logged = book.log_json(None, "call 2026-11-23 08:15: quick check");
    assert_eq!(logged["interaction"]["at"], "2026-11-23T08:15:00Z");
    assert_eq!(
        book.json(&["show", "acme"])["last_contact"],
        "2026-11-23T08:15:00Z"
    );
}

#[test]
fn every_form_of_the_time_reads_as_the_readme_says() {
    let book = Book::empty();
    book.add("Acme");
    for (line, at) in [
        ("email 2026-11-20: sent the quote", "2026-11-20T09:00:00Z"),
        ("email 20-11-2026: sent it again", "2026-11-20T09:00:00Z"),
        ("meeting 2026-11-19 09:15: board", "2026-11-19T09:15:00Z"),
        ("call 8:30: early", "2026-11-23T08:30:00Z"),
        ("call today: now", "2026-11-23T09:00:00Z"),
        ("call mon 14:30: a week ago", "2026-11-16T14:30:00Z"),
        ("call last fri: x", "2026-11-20T09:00:00Z"),
        ("call 3 days ago: x", "2026-11-20T09:00:00Z"),
        ("call -2w: x", "2026-11-09T09:00:00Z"),
    ] {
        assert_eq!(book.log_json(None, line)["interaction"]["at"], at, "{line}");
    }
}

#[test]
fn the_time_is_read_on_the_users_wall_clock() {
    let book = Book::empty();
    book.add("Acme");
    // 14:30 an hour east of UTC is 13:30 UTC.
    let logged = book.log_json(Some("+01:00"), "visit yesterday 14:30: tour");
    assert_eq!(logged["interaction"]["at"], "2026-11-22T13:30:00Z");
    // Ten hours west, NOW is still Sunday 22 November 23:00: "yesterday" is Saturday, at
    // the same time of day.
    let logged = book.log_json(Some("-10:00"), "call yesterday: x");
    assert_eq!(logged["interaction"]["at"], "2026-11-22T09:00:00Z");
    // And 23:30 there is still in the future.
    let err = book
        .run(&["log", "acme", "call 23:30: x"])
        .env("TOUCHBASE_TZ", "-10:00")
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("the contact's time '23:30' is in the future"),
        "{err}"
    );
}

#[test]
fn a_future_or_unreadable_time_is_refused_and_nothing_is_saved() {
    let book = Book::empty();
    book.add("Acme");
    book.ok(&["log", "acme", "call: hello"]);
    let before = (book.json(&["show", "acme"]), book.json(&["due", "--all"]));

    let err = book.refused(&["log", "acme", "call tomorrow: discuss terms"]);
    assert!(
        err.starts_with(
            "touchbase: the contact's time 'tomorrow' is in the future — a contact is logged when it happened; use @tomorrow to set a follow-up\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("\n  call tomorrow: discuss terms\n       ^^^^^^^^\n"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("Nothing was saved."), "{err}");
    book.refuses(
        &["log", "acme", "visit next fri: x"],
        "use @next fri to set a follow-up",
    );
    book.refuses(
        &["log", "acme", "email 2026-12-01: x"],
        "'2026-12-01' is in the future",
    );
    book.refuses(&["log", "acme", "call 09:01: x"], "'09:01' is in the future");

    let err = book.refused(&["log", "acme", "call 3 times: no answer"]);
    assert!(err.starts_with("touchbase: '3 times' is not a time"), "{err}");
    assert!(
        err.contains("write 'call: 3 times: …' to keep the words in the note"),
        "{err}"
    );
    assert!(
        err.contains("\n  call 3 times: no answer\n       ^^^^^^^\n"),
        "{err}"
    );
    book.refuses(
        &["log", "acme", "visit gestern: Werksführung"],
        "'gestern' is not a time",
    );
    book.refuses(&["log", "acme", "call mon 25:00: x"], "'25:00' is not a time");
    book.refuses(&["log", "acme", "vist yesterday: x"], "unknown kind 'vist'");
    book.refuses(
        &["log", "acme", "call: x >> y @yesterday"],
        "before the colon: 'visit yesterday: …'",
    );

    assert_eq!(
        (book.json(&["show", "acme"]), book.json(&["due", "--all"])),
        before
    );
    // The colon right after the kind keeps the words in the note.
    let logged = book.log_json(None, "call: 3 times: no answer");
    assert_eq!(logged["interaction"]["note"], "3 times: no answer");
    assert_eq!(logged["interaction"]["at"], "2026-11-23T09:00:00Z");
}

#[test]
fn satisfaction_and_the_cadence_go_by_the_contacts_times() {
    let book = Book::empty();
    book.add("Acme");
    // Acme was last seen in September (30-day cadence): the cadence has run out.
    book.ok(&["log", "acme", "visit 2026-09-01: great =5"]);
    assert_eq!(
        book.json(&["show", "acme"])["last_contact"],
        "2026-09-01T09:00:00Z"
    );
    assert!(book.nudges_for_acme().contains(&"cadence_exceeded".to_string()));

    // Yesterday's unhappy call is the latest satisfaction, September's the one before.
    book.ok(&["log", "acme", "call yesterday: unhappy =2"]);
    // Logged later, but older than both: it changes neither.
    book.ok(&["log", "acme", "call 2026-08-01: fine =4"]);
    let card = book.json(&["show", "acme"]);
    assert_eq!(
        (
            card["satisfaction"].as_i64(),
            card["previous_satisfaction"].as_i64()
        ),
        (Some(2), Some(5))
    );
    assert_eq!(card["last_contact"], "2026-11-22T09:00:00Z");
    let nudges = book.nudges_for_acme();
    assert!(!nudges.contains(&"cadence_exceeded".to_string()), "{nudges:?}");
    // The drop is yesterday's contact, and nobody has talked to Acme since.
    assert!(nudges.contains(&"satisfaction_drop".to_string()), "{nudges:?}");
}
