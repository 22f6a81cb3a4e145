//! Undo touches only what the undone action wrote: `u` in the terminal app while the CLI
//! (the real binary) or a second store handle writes to the same file.

use assert_cmd::Command;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use touchbase::clock::Now;
use touchbase::config::Config;
use touchbase::domain::money::Cents;
use touchbase::store::{NewCustomer, Store};
use touchbase::tui::App;

/// Monday 23 November 2026, 09:00 UTC: the terminal app's clock.
const NOW: &str = "2026-11-23T09:00:00Z";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The terminal app on a book with Acme (added before this session), and the file, for the
/// CLI and for a second store handle.
struct Session {
    dir: TempDir,
    app: App,
    acme: i64,
}

impl Session {
    fn new() -> Session {
        let dir = TempDir::new().unwrap();
        let mut store = Store::open(&dir.path().join("touchbase.db")).unwrap();
        let acme = store
            .add_customer(
                &NewCustomer {
                    name: "Acme".into(),
                    ..NewCustomer::default()
                },
                at("2026-11-01T09:00:00Z"),
            )
            .unwrap()
            .id;
        let app = App::new(store, Now::parse(NOW).unwrap(), Config::default()).unwrap();
        Session { dir, app, acme }
    }

    /// Another process, as a store handle.
    fn other(&self) -> Store {
        Store::open(&self.dir.path().join("touchbase.db")).unwrap()
    }

    /// The CLI on the same file, a day after the app's clock unless `now` says otherwise.
    fn cli(&self, args: &[&str]) -> String {
        self.cli_at("2026-11-24T09:00:00Z", args)
    }

    fn cli_at(&self, now: &str, args: &[&str]) -> String {
        let out = Command::cargo_bin("touchbase")
            .unwrap()
            .env("TOUCHBASE_NOW", now)
            .env("TZ", "UTC")
            .env("TOUCHBASE_CONFIG", "/nonexistent/touchbase-config.toml")
            .env_remove("TOUCHBASE_DB")
            .arg("--db")
            .arg(self.dir.path().join("touchbase.db"))
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn press(&mut self, code: KeyCode) {
        self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn keys(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Types `line` into the prompt `key` opens, and submits it.
    fn prompt(&mut self, key: &str, line: &str) {
        self.keys(key);
        self.keys(line);
        self.press(KeyCode::Enter);
    }

    /// The status line, and whether it is shown as an error.
    fn status(&self) -> (String, bool) {
        let s = self.app.status.as_ref().expect("a status line");
        (s.text.clone(), s.error)
    }

    /// Opens Acme's card (the only customer on the agenda's list of the book).
    fn open_acme(&mut self) {
        self.keys("2");
        self.press(KeyCode::Enter);
        assert_eq!(self.app.card.as_ref().unwrap().customer.id, self.acme);
    }
}

#[test]
fn undoing_an_added_customer_refuses_once_the_cli_has_written_for_them() {
    let mut s = Session::new();
    s.keys("a");
    s.keys("Gamma Foods");
    s.press(KeyCode::Enter);
    assert_eq!(s.status().0, "Added Gamma Foods · in touch every 30d");
    let gamma = s.app.card.as_ref().unwrap().customer.id;

    let said = [
        s.cli(&["log", "Gamma Foods", "call: first order agreed"]),
        s.cli(&["order", "Gamma Foods", "5000"]),
        s.cli(&["give", "Gamma Foods", "free samples"]),
        s.cli(&["log", "Gamma Foods", "email: sent the contract >> call back @fri"]),
    ];
    assert!(said[1].contains("5,000.00"), "{}", said[1]);

    s.keys("u");
    let (text, error) = s.status();
    assert!(error, "a refusal is not shown as a success: {text}");
    assert_eq!(
        text,
        "Can't undo adding Gamma Foods: 2 contacts, 1 follow-up, 1 give/ask and 1 order \
         were recorded for them since — nothing was changed"
    );
    let db = s.other();
    let c = db.require_customer(gamma).unwrap();
    assert_eq!(c.summary.value, Cents(500_000));
    assert_eq!(c.summary.balance.gives, 1);
    assert_eq!(db.interactions(gamma, 10).unwrap().len(), 2);
    assert_eq!(db.open_follow_ups(gamma).unwrap()[0].text, "call back");
    assert_eq!(db.orders_of(gamma, 10).unwrap().len(), 1);

    // The refused change is dropped: what refused it belongs to another process, so
    // trying again would refuse forever and hide every earlier change.
    s.keys("u");
    assert_eq!(s.status().0, "Nothing to undo in this session.");
}

#[test]
fn undoing_a_log_removes_only_the_tags_it_added() {
    let mut s = Session::new();
    s.open_acme();
    s.prompt("l", "call: renewal talk #urgent #vip =2");
    // The CLI logs an earlier contact that adds a tag of its own, and one the log added.
    s.cli_at(
        "2026-11-20T09:00:00Z",
        &["log", "Acme", "email: sent the brochure #export #urgent =4"],
    );
    let db = s.other();
    assert_eq!(
        db.require_customer(s.acme).unwrap().tags.as_slice(),
        ["export", "urgent", "vip"]
    );

    s.keys("u");
    let (text, error) = s.status();
    assert!(!error, "{text}");
    assert!(text.starts_with("Undone: Logged call with Acme"), "{text}");
    let c = db.require_customer(s.acme).unwrap();
    // `urgent` was added by this log (the CLI found it there already), `export` by the CLI.
    assert_eq!(c.tags.as_slice(), ["export"]);
    // The CLI's contact stays, and the summary is the CLI's now.
    let timeline = db.interactions(s.acme, 10).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].note, "sent the brochure");
    assert_eq!(c.last_contact_at, Some(at("2026-11-20T09:00:00Z")));
    assert_eq!(c.summary.satisfaction, Some(4));
    assert_eq!(c.summary.prev_satisfaction, None);
}

#[test]
fn undoing_a_log_refuses_when_the_cli_completed_its_follow_up() {
    let mut s = Session::new();
    s.open_acme();
    s.prompt("l", "call: pricing >> send the quote @fri");
    let id = s.other().open_follow_ups(s.acme).unwrap()[0].id;
    s.cli(&["done", &id.to_string()]);

    s.keys("u");
    let (text, error) = s.status();
    assert!(error);
    assert_eq!(
        text,
        "Can't undo the logged call: its follow-up “send the quote” was marked done since \
         — nothing was changed"
    );
    let db = s.other();
    assert_eq!(db.interactions(s.acme, 10).unwrap().len(), 1);
    assert!(db.require_follow_up(id).unwrap().done_at.is_some());
}

#[test]
fn undoing_a_complaint_refuses_when_the_cli_resolved_its_trigger() {
    let mut s = Session::new();
    s.open_acme();
    s.prompt("l", "complaint: delivery 5 days late");
    let trigger = s.other().triggers_of(s.acme).unwrap()[0].id;
    s.cli(&["trigger", "resolve", &trigger.to_string()]);

    s.keys("u");
    let (text, error) = s.status();
    assert!(error);
    assert!(
        text.ends_with("its reactional trigger was resolved since — nothing was changed"),
        "{text}"
    );
    let db = s.other();
    assert_eq!(db.interactions(s.acme, 10).unwrap().len(), 1);
    assert!(db.require_trigger(trigger).unwrap().resolved_at.is_some());
}

#[test]
fn undoing_a_snooze_refuses_when_the_cli_moved_the_follow_up_again() {
    let mut s = Session::new();
    s.open_acme();
    s.prompt("f", "send the quote @tomorrow");
    let id = s.other().open_follow_ups(s.acme).unwrap()[0].id;
    s.keys("s");
    s.keys("2026-11-27");
    s.press(KeyCode::Enter);
    assert_eq!(
        s.other().require_follow_up(id).unwrap().due,
        "2026-11-27".parse().unwrap()
    );
    s.cli(&["snooze", &id.to_string(), "2026-12-07"]);

    s.keys("u");
    let (text, error) = s.status();
    assert!(error);
    assert!(
        text.ends_with("the follow-up “send the quote” was moved to 2026-12-07 since — nothing was changed"),
        "{text}"
    );
    assert_eq!(
        s.other().require_follow_up(id).unwrap().due,
        "2026-12-07".parse().unwrap()
    );
    // Next: the follow-up's own creation, which the snooze elsewhere built on too.
    s.keys("u");
    assert!(s.status().1);
    assert!(s.other().follow_up(id).unwrap().is_some());
}

#[test]
fn undoing_a_follow_up_refuses_when_the_cli_completed_it() {
    let mut s = Session::new();
    s.open_acme();
    s.prompt("f", "send the quote @fri");
    let id = s.other().open_follow_ups(s.acme).unwrap()[0].id;
    s.cli(&["done", &id.to_string()]);

    s.keys("u");
    let (text, error) = s.status();
    assert!(error);
    assert_eq!(
        text,
        "Can't undo the follow-up “send the quote”: it was marked done since — nothing was changed"
    );
    assert!(s.other().require_follow_up(id).unwrap().done_at.is_some());
}

#[test]
fn undoing_a_moment_refuses_when_the_cli_closed_it() {
    let mut s = Session::new();
    s.open_acme();
    s.keys("m");
    s.keys("Board approves budget");
    s.press(KeyCode::Tab);
    s.keys("2026-12-10");
    s.press(KeyCode::Enter);
    let id = s.other().moments_of(s.acme).unwrap()[0].id;
    s.cli(&["moment", "close", &id.to_string(), "--outcome", "won"]);

    s.keys("u");
    let (text, error) = s.status();
    assert!(error);
    assert_eq!(
        text,
        "Can't undo the moment “Board approves budget”: it was closed as won since — nothing was changed"
    );
    assert_eq!(s.other().moments_of(s.acme).unwrap().len(), 1);
}

#[test]
fn undoing_a_trigger_refuses_when_the_cli_resolved_it() {
    let mut s = Session::new();
    s.open_acme();
    s.prompt("t", "situational: new buyer starts in January");
    let id = s.other().triggers_of(s.acme).unwrap()[0].id;
    s.cli(&["trigger", "resolve", &id.to_string()]);

    s.keys("u");
    let (text, error) = s.status();
    assert!(error);
    assert_eq!(
        text,
        "Can't undo the situational trigger: it was resolved since — nothing was changed"
    );
    assert_eq!(s.other().triggers_of(s.acme).unwrap().len(), 1);
}
