//! The terminal app left open while another process writes the book (the command line, a
//! second app): the change shows after the loop's next look, without a key, and what the
//! user had selected or was typing stays. And records get the time of the action, not the
//! time the app started.

mod common {
    pub mod binary;
    pub mod clock;
    pub mod keys;
    pub mod session;
    pub mod store;
}

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use common::binary::touchbase;
use common::keys::Keys;
use common::session::Session;
use common::store::{at, day, file};
use crossterm::event::KeyCode;
use touchbase::clock::{Now, Zone};
use touchbase::domain::quicklog;
use touchbase::store::{Book, NewCustomer};
use touchbase::tui::action::Screen;
use touchbase::tui::app::Overlay;

/// Overdue follow-ups, most overdue first: Acme's "send the quote" and "call back",
/// Beta's "send the slides", Acme's "check the invoice"; their ids in that order.
fn four_follow_ups() -> (Session, [i64; 4]) {
    let mut ids = Vec::new();
    let session = Session::new(|store| {
        let add = |store: &mut dyn Book, name: &str| {
            let new = NewCustomer {
                name: name.into(),
                ..NewCustomer::default()
            };
            store.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id
        };
        let acme = add(store, "Acme");
        let beta = add(store, "Beta");
        for (who, line) in [
            (acme, "call: pricing >> send the quote @2026-11-18"),
            (acme, "email: asked >> call back @2026-11-19"),
            (beta, "visit: demo >> send the slides @2026-11-20"),
            (acme, "note: invoice sent >> check the invoice @2026-11-21"),
        ] {
            let when = at("2026-11-16T10:00:00Z");
            let line = quicklog::parse(line, when.naive_utc()).unwrap();
            let logged = store.log_contact(who, &line, when).unwrap();
            ids.push(logged.follow_up_id.unwrap());
        }
        acme
    });
    (session, [ids[0], ids[1], ids[2], ids[3]])
}

impl Session {
    /// `touchbase ARGS…` on this book, as a second terminal runs it; must succeed.
    fn cli(&self, args: &[&str]) {
        let out = touchbase()
            .arg("--db")
            .arg(file(self.dir.path()))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// The follow-ups the agenda lists, in order.
    fn agenda_follow_ups(&self) -> Vec<i64> {
        self.app
            .agenda
            .due
            .nudges
            .iter()
            .filter_map(|n| n.follow_up_id)
            .collect()
    }

    /// The follow-up selected on the agenda.
    fn selected_follow_up(&self) -> Option<i64> {
        self.app.agenda.selected_nudge()?.follow_up_id
    }
}

#[test]
fn a_follow_up_done_on_the_command_line_leaves_the_agenda_at_the_next_look() {
    let (mut f, [quote, call_back, slides, invoice]) = four_follow_ups();
    assert_eq!(f.agenda_follow_ups(), [quote, call_back, slides, invoice]);
    assert!(!f.app.look_for_changes(), "nothing changed yet");

    f.cli(&["done", &quote.to_string()]);
    assert_eq!(
        f.agenda_follow_ups(),
        [quote, call_back, slides, invoice],
        "not before the look"
    );
    assert!(
        f.app.look_for_changes(),
        "the look sees the other process's change"
    );
    assert_eq!(
        f.agenda_follow_ups(),
        [call_back, slides, invoice],
        "and the screen shows it"
    );
    assert!(!f.app.look_for_changes(), "once");
    assert!(f.app.status.is_none(), "quietly: {:?}", f.app.status);
}

#[test]
fn the_app_s_own_changes_are_not_read_again_as_changes_from_elsewhere() {
    let (mut f, [quote, ..]) = four_follow_ups();
    // The filter and the ranking prepared on handles of their own, as in the terminal.
    f.app.prepare_in_background();
    f.keys("d");
    assert!(f.app.status.as_ref().unwrap().text.starts_with("Done"));
    f.keys("2/acm");
    f.press(KeyCode::Esc);
    f.keys("o");
    assert!(!f.agenda_follow_ups().contains(&quote));
    for _ in 0..3 {
        assert!(
            !f.app.look_for_changes(),
            "its own write and its background reads"
        );
    }
}

#[test]
fn the_selection_stays_on_its_follow_up_when_one_above_it_goes() {
    let (mut f, [quote, call_back, slides, _]) = four_follow_ups();
    f.keys("j");
    assert_eq!(f.selected_follow_up(), Some(call_back));

    f.cli(&["done", &quote.to_string()]);
    assert!(f.app.look_for_changes());
    assert_eq!(
        f.selected_follow_up(),
        Some(call_back),
        "the same follow-up, one line up"
    );

    // When the selected one itself goes, its neighbour takes its place.
    f.cli(&["done", &call_back.to_string()]);
    assert!(f.app.look_for_changes());
    assert_eq!(f.selected_follow_up(), Some(slides));
}

#[test]
fn the_open_card_stays_and_shows_what_changed() {
    let (mut f, [quote, ..]) = four_follow_ups();
    f.press(KeyCode::Enter); // Acme's card: the quote, call back, the invoice
    f.cli(&["done", &quote.to_string()]);
    f.cli(&["log", "Acme", "visit: signed the contract =5"]);
    assert!(f.app.look_for_changes());
    assert_eq!(f.app.screen, Screen::Customer);
    let card = f.app.customer.as_ref().unwrap();
    assert_eq!(card.customer.name, "Acme");
    assert_eq!(card.timeline[0].note, "signed the contract");
    let open: Vec<i64> = card.follow_ups.iter().map(|x| x.id).collect();
    assert!(!open.contains(&quote), "{open:?}");
}

#[test]
fn a_line_being_typed_stays_while_the_screen_behind_it_changes() {
    let (mut f, [quote, ..]) = four_follow_ups();
    f.keys("l");
    f.keys("call: half a li");
    f.cli(&["done", &quote.to_string()]);
    assert!(f.app.look_for_changes());
    let Some(Overlay::Prompt(prompt)) = &f.app.overlay else {
        panic!("the prompt was closed");
    };
    assert_eq!(prompt.text(), "call: half a li");
    f.keys("ne");
    f.press(KeyCode::Enter);
    let status = &f.app.status.as_ref().unwrap().text;
    assert!(status.starts_with("Logged call with Acme"), "{status}");

    // And the filter as typed.
    f.keys("2/bet");
    f.cli(&["add", "Bettina"]);
    assert!(f.app.look_for_changes());
    let view = f.app.customers.as_ref().unwrap();
    let filter = view.filter.as_ref().unwrap();
    assert_eq!(filter.query, "bet");
    assert!(view.typing, "keys still go to the filter");
    assert_eq!(filter.count(), 2, "the customer added elsewhere is found too");
}

#[test]
fn a_customer_removed_elsewhere_takes_the_card_back_to_the_list() {
    let (mut f, _) = four_follow_ups();
    f.submit("a", "Gamma Foods");
    assert_eq!(f.app.screen, Screen::Customer);
    f.cli(&["undo"]);
    assert!(f.app.look_for_changes());
    assert_eq!(f.app.screen, Screen::Customers);
    assert!(f.app.customer.is_none());
}

#[test]
fn each_action_records_the_time_it_was_taken() {
    let (mut f, [quote, ..]) = four_follow_ups();
    let clock = Arc::new(Mutex::new(at("2026-11-23T14:05:12Z")));
    let reads = Arc::clone(&clock);
    f.app
        .set_clock(move || Now::at(*reads.lock().unwrap(), Zone::UTC));
    let set = |to: &str| *clock.lock().unwrap() = at(to);

    f.press(KeyCode::Enter); // Acme's card
    f.submit("l", "call: first >> send the contract @today");
    set("2026-11-23T14:07:30Z");
    f.submit("l", "email: second");
    set("2026-11-23T16:45:00Z");
    f.keys("d"); // the card's first open follow-up: "send the quote"

    let db = f.other();
    let times: Vec<(String, DateTime<Utc>)> = db
        .interactions(f.acme, 2)
        .unwrap()
        .into_iter()
        .map(|i| (i.note, i.at))
        .collect();
    assert_eq!(
        times,
        [
            ("second".to_string(), at("2026-11-23T14:07:30Z")),
            ("first".to_string(), at("2026-11-23T14:05:12Z")),
        ]
    );
    let acme = db.require_customer(f.acme).unwrap();
    assert_eq!(acme.last_contact_at, Some(at("2026-11-23T14:07:30Z")));
    let done = db.follow_up(quote).unwrap().unwrap();
    assert_eq!(
        (done.due, done.done_at),
        (day("2026-11-18"), Some(at("2026-11-23T16:45:00Z"))),
        "the card's first follow-up, done when `d` was pressed"
    );
    let status = &f.app.status.as_ref().unwrap().text;
    assert!(status.starts_with("Done"), "{status}");
    assert_eq!(
        f.app.now.utc,
        at("2026-11-23T16:45:00Z"),
        "the screen reads the same time"
    );
}
