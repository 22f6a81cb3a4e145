//! Notes and history you can read in the terminal app: the customer's notes edited with
//! their lines in the form, the timeline scrolled to its oldest contact, a contact's full
//! note, and the card's selection kept on its record when another process writes.

mod common {
    pub mod clock;
    pub mod keys;
    pub mod session;
    pub mod store;
}

use common::keys::Keys;
use common::session::Session;
use common::store::{at, day};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use touchbase::store::NewCustomer;
use touchbase::tui::app::Overlay;

impl Session {
    /// Acme, with nothing logged.
    fn acme() -> Session {
        Session::acme_noting("Prefers calls.")
    }

    /// Acme, whose notes are `notes`.
    fn acme_noting(notes: &str) -> Session {
        Session::new(|store| {
            let new = NewCustomer {
                name: "Acme".into(),
                notes: notes.into(),
                ..NewCustomer::default()
            };
            store.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id
        })
    }

    fn ctrl(&mut self, c: char) {
        self.app
            .on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    fn form_open(&self) -> bool {
        matches!(self.app.overlay, Some(Overlay::Form(_)))
    }
}

#[test]
fn notes_keep_their_lines_from_the_form() {
    let mut f = Session::acme();
    f.keys("a");
    f.keys("Gamma Foods");
    for _ in 0..6 {
        f.press(KeyCode::Tab);
    }
    f.keys("Ask for Jörg.");
    f.press(KeyCode::Enter);
    assert!(f.form_open(), "Enter in the notes starts a new line");
    f.keys("Closed in August.");
    f.ctrl('s');
    assert!(!f.form_open(), "Ctrl-S saves from the notes");
    let id = f.app.customer.as_ref().expect("the new card").customer.id;
    let saved = f.other().require_customer(id).unwrap();
    assert_eq!(saved.notes, "Ask for Jörg.\nClosed in August.");

    // Edited again: the lines are there, and a third one is added.
    f.keys("e");
    for _ in 0..6 {
        f.press(KeyCode::Tab);
    }
    f.press(KeyCode::Enter);
    f.keys("Invoices to Anna.");
    f.press(KeyCode::BackTab);
    f.press(KeyCode::Enter);
    assert!(!f.form_open(), "Enter saves from a one-line field");
    assert_eq!(
        f.other().require_customer(id).unwrap().notes,
        "Ask for Jörg.\nClosed in August.\nInvoices to Anna."
    );

    // A contact logged from the card leaves them as they are.
    f.submit("l", "call 2026-11-20: asked for Jörg");
    let book = f.other();
    assert_eq!(
        book.interactions(id, 1).unwrap()[0].at.date_naive(),
        day("2026-11-20")
    );
    assert_eq!(book.require_customer(id).unwrap().notes.lines().count(), 3);
}

#[test]
fn notes_left_alone_are_not_rewritten() {
    let mut f = Session::acme_noting("one\r\ntwo  ");
    f.keys("2");
    f.press(KeyCode::Enter);
    f.keys("e");
    f.press(KeyCode::Tab);
    f.keys(" BV");
    f.press(KeyCode::Enter);
    let saved = f.other().require_customer(f.acme).unwrap();
    assert_eq!(
        (saved.company.as_str(), saved.notes.as_str()),
        ("BV", "one\r\ntwo  ")
    );
}
