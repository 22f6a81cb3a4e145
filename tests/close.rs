//! Acting on follow-ups as contacts are logged, so "sent the proposal" does not leave
//! "send proposal" overdue: the quick-log line's `!done` and `!ID` on the command line (one
//! transaction with the contact, one undo for both, a bad id refused with nothing saved);
//! in the terminal app, the checklist after a log and `e` on the Agenda's follow-ups.

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
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use touchbase::store::NewCustomer;
use touchbase::tui::action::Screen;
use touchbase::tui::{App, ui};

/// Acme with two follow-ups (1 "send proposal", overdue; 2 "send contract"), Beta with one
/// (3 "call back").
fn book() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Acme"]);
    book.ok(&["add", "Beta"]);
    book.run_at(
        "2026-11-16T09:00:00Z",
        &["log", "Acme", "call: renewal >> send proposal @fri"],
    )
    .assert()
    .success();
    book.ok(&["log", "Acme", "call: terms >> send contract @mon"]);
    book.ok(&["log", "Beta", "call: hello >> call back @tue"]);
    book
}

impl Book {
    /// The ids of the follow-ups `due` lists.
    fn due_follow_ups(&self) -> Vec<i64> {
        let due = self.json(&["due"]);
        due.as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n["follow_up_id"].as_i64())
            .collect()
    }

    /// The customer's open follow-ups, by id.
    fn open_of(&self, customer: &str) -> Vec<i64> {
        let shown = self.json(&["show", customer]);
        shown["follow_ups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_i64().unwrap())
            .collect()
    }

    fn contacts_of(&self, customer: &str) -> usize {
        self.json(&["show", customer])["interactions"]
            .as_array()
            .unwrap()
            .len()
    }
}

#[test]
fn a_logged_line_with_an_id_closes_that_follow_up_and_says_so() {
    let book = book();
    assert_eq!(book.due_follow_ups(), vec![1]);
    assert_eq!(
        book.ok(&["log", "Acme", "email: sent the proposal !1"]),
        "Logged email with Acme · closed “send proposal”\n"
    );
    assert_eq!(book.due_follow_ups(), Vec::<i64>::new(), "no longer overdue");
    assert_eq!(book.open_of("Acme"), vec![2]);
    assert_eq!(book.contacts_of("Acme"), 3);
}

#[test]
fn done_closes_every_open_follow_up_of_the_customer_but_not_the_one_it_plans() {
    let book = book();
    let logged = book.json(&["log", "Acme", "visit: all settled !done >> send the invoice @fri"]);
    let closed: Vec<(i64, bool)> = logged["closed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_i64().unwrap(), f["done"].as_bool().unwrap()))
        .collect();
    assert_eq!(closed, vec![(1, true), (2, true)]);
    assert_eq!(logged["follow_up"]["text"], "send the invoice");
    assert_eq!(book.open_of("Acme"), vec![4]);
    assert_eq!(book.open_of("Beta"), vec![3], "another customer's stay open");
}

#[test]
fn one_undo_takes_back_the_contact_and_reopens_what_it_closed() {
    let book = book();
    book.ok(&["log", "Acme", "call: sent both !1 !2"]);
    assert_eq!(book.open_of("Acme"), Vec::<i64>::new());
    let listed = book.ok(&["undo", "--list"]);
    assert!(
        listed.contains("logged a call with Acme and closed “send proposal” and “send contract”"),
        "{listed}"
    );
    book.ok(&["undo"]);
    assert_eq!(book.open_of("Acme"), vec![1, 2]);
    assert_eq!(book.contacts_of("Acme"), 2);
    assert_eq!(book.due_follow_ups(), vec![1]);
}

#[test]
fn undo_refuses_while_a_closed_follow_up_was_reopened_since() {
    let book = book();
    book.ok(&["log", "Acme", "call: sent it !1"]);
    // Reopened by hand: the contact's undo would now reopen what someone else decided.
    rusqlite::Connection::open(&book.db)
        .unwrap()
        .execute("UPDATE follow_ups SET done_at = NULL WHERE id = 1", [])
        .unwrap();
    book.refuses(
        &["undo"],
        "the follow-up it closed, “send proposal”, was reopened since",
    );
    assert_eq!(book.contacts_of("Acme"), 3, "nothing changed");
}

#[test]
fn an_id_that_is_not_an_open_follow_up_of_the_customer_saves_nothing() {
    let book = book();
    let before = book.json(&["show", "Acme"]);
    book.refuses(
        &["log", "Acme", "call: called back !3"],
        "follow-up 3 “call back” is Beta's, not Acme's",
    );
    let err = book.refused(&["log", "Acme", "call: sent it !99"]);
    assert!(err.starts_with("touchbase: there is no follow-up 99"), "{err}");
    assert!(
        err.contains("  call: sent it !99\n                ^^^\nNothing was saved."),
        "the marker is marked: {err}"
    );
    book.ok(&["done", "2"]);
    book.refuses(
        &["log", "Acme", "call: sent it !1 !2 >> call again @fri"],
        "follow-up 2 “send contract” was already done on 2026-11-23 — drop '!2'",
    );
    let after = book.json(&["show", "Acme"]);
    assert_eq!(after["interactions"], before["interactions"]);
    assert_eq!(book.open_of("Acme"), vec![1], "1 was not closed half-way");
    assert_eq!(book.open_of("Beta"), vec![3]);
}

#[test]
fn done_with_nothing_open_is_refused() {
    let book = book();
    book.ok(&["log", "Beta", "call: done !done"]);
    book.refuses(
        &["log", "Beta", "call: again !done"],
        "Beta has no open follow-up for '!done' to close — drop '!done'",
    );
    assert_eq!(book.contacts_of("Beta"), 2);
}

#[test]
fn a_line_without_a_marker_closes_nothing() {
    let book = book();
    let logged: Value = book.json(&["log", "Acme", "call: great news! they signed"]);
    assert_eq!(logged["closed"], serde_json::json!([]));
    assert_eq!(logged["interaction"]["note"], "great news! they signed");
    assert_eq!(book.open_of("Acme"), vec![1, 2]);
}

impl Session {
    /// Acme with three open follow-ups ("send proposal" overdue, "send contract", "book
    /// the demo"), Beta with one; the agenda opens on Acme's overdue one.
    fn acme_with_follow_ups() -> Session {
        Session::new(|store| {
            let t = at("2026-11-10T09:00:00Z");
            let mut add = |name: &str| {
                let new = NewCustomer {
                    name: name.into(),
                    ..NewCustomer::default()
                };
                store.add_customer(&new, t).unwrap().id
            };
            let acme = add("Acme");
            let beta = add("Beta");
            for (text, due) in [
                ("send proposal", "2026-11-20"),
                ("send contract", "2026-11-27"),
                ("book the demo", "2026-12-04"),
            ] {
                store.add_follow_up(acme, text, day(due), t).unwrap();
            }
            store
                .add_follow_up(beta, "call back", day("2026-11-30"), t)
                .unwrap();
            acme
        })
    }

    fn status(&self) -> &str {
        &self.app.status.as_ref().expect("a status line").text
    }

    /// Acme's open follow-ups, as another process reads them.
    fn open(&self) -> Vec<String> {
        let book = self.other();
        book.open_follow_ups(self.acme)
            .unwrap()
            .into_iter()
            .map(|f| format!("{} {}", f.due, f.text))
            .collect()
    }
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    app.resize(ui::list_height(24)).unwrap();
    terminal.draw(|f| touchbase::tui::draw(f, app)).unwrap();
    terminal
}

#[test]
fn e_on_the_agenda_edits_the_follow_up_and_the_agenda_shows_the_change() {
    let mut s = Session::acme_with_follow_ups();
    assert_eq!(s.app.agenda.due.overdue, 1);
    s.keys("e");
    s.press(KeyCode::Tab);
    // Ctrl-U empties the due day.
    s.app.on_key(crossterm::event::KeyEvent::new(
        KeyCode::Char('u'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    s.submit("", "2026-11-25");
    assert!(
        s.status().starts_with("Edited the follow-up “send proposal”"),
        "{}",
        s.status()
    );
    assert_eq!(s.app.agenda.due.overdue, 0, "no longer overdue on the agenda");
    assert_eq!(s.open()[0], "2026-11-25 send proposal");
    s.keys("u");
    assert_eq!(s.app.agenda.due.overdue, 1);
}

#[test]
fn after_a_log_the_checklist_closes_the_checked_follow_up_in_one_undo() {
    let mut s = Session::acme_with_follow_ups();
    s.submit("l", "email: sent the proposal >> call about it @mon");
    assert_eq!(
        s.status(),
        "Logged email with Acme · follow-up “call about it” Mon 30 Nov"
    );
    insta::assert_snapshot!("checklist_80x24", draw(&mut s.app).backend());
    // Space checks the first, j moves on, Space twice leaves the second as it was.
    s.keys(" j  ");
    s.press(KeyCode::Enter);
    assert_eq!(s.status(), "Done: “send proposal” — u undoes");
    assert!(s.app.overlay.is_none());
    assert_eq!(
        s.open(),
        [
            "2026-11-27 send contract",
            "2026-11-30 call about it",
            "2026-12-04 book the demo"
        ]
    );
    assert_eq!(s.app.agenda.due.overdue, 0);
    s.keys("u");
    assert!(
        s.status()
            .starts_with("Undone: marked “send proposal” done for Acme"),
        "{}",
        s.status()
    );
    assert_eq!(s.open().len(), 4, "one undo reopens it; the contact stays");
    assert_eq!(s.other().interactions(s.acme, 10).unwrap().len(), 1);
}

#[test]
fn esc_keeps_every_follow_up_open_and_a_marker_needs_no_checklist() {
    let mut s = Session::acme_with_follow_ups();
    s.submit("l", "call: no answer");
    s.keys(" ");
    s.press(KeyCode::Esc);
    assert!(s.app.overlay.is_none());
    assert_eq!(s.open().len(), 3, "nothing closed");
    assert_eq!(s.status(), "Logged call with Acme");
    // `!done` closed them all: nothing is left to offer.
    s.submit("l", "visit: settled everything !done");
    assert!(s.app.overlay.is_none());
    assert_eq!(s.status(), "Logged visit with Acme · closed 3 follow-ups");
    assert!(s.open().is_empty());
    s.keys("u");
    assert_eq!(s.open().len(), 3);
    assert_eq!(s.app.screen, Screen::Agenda);
}

#[test]
fn a_bad_id_in_the_log_prompt_is_marked_and_nothing_is_saved() {
    let mut s = Session::acme_with_follow_ups();
    s.submit("l", "call: called back !4");
    assert!(s.app.status.is_none());
    assert_eq!(s.other().interactions(s.acme, 10).unwrap().len(), 0);
    let text: String = draw(&mut s.app)
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        text.contains("follow-up 4 “call back” is Beta's, not Acme's"),
        "{text}"
    );
}

#[test]
fn e_on_a_week_row_edits_its_follow_up() {
    let mut s = Session::acme_with_follow_ups();
    s.keys("4");
    // The first row: "send proposal", carried in overdue.
    s.keys("e");
    s.submit("", " today");
    assert!(
        s.status()
            .starts_with("Edited the follow-up “send proposal today”"),
        "{}",
        s.status()
    );
    assert_eq!(s.open()[0], "2026-11-20 send proposal today");
    assert_eq!(s.app.screen, Screen::Week);
}
