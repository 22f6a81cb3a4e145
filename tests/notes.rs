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
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use touchbase::domain::quicklog;
use touchbase::store::{NewCustomer, Record};
use touchbase::tui::action::CardList;
use touchbase::tui::app::Overlay;
use touchbase::tui::customer::{CustomerView, Selected};

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

impl Session {
    /// Acme with `n` calls, one a day back from Sunday 22 November ("call 1" the newest),
    /// and the card open on its timeline.
    fn acme_with_calls(n: i64) -> Session {
        let mut s = Session::new(|store| {
            let new = NewCustomer {
                name: "Acme".into(),
                ..NewCustomer::default()
            };
            let acme = store.add_customer(&new, at("2026-06-01T09:00:00Z")).unwrap().id;
            for i in 1..=n {
                let when = at("2026-11-22T10:00:00Z") - chrono::Duration::days(i - 1);
                let line = quicklog::parse(&format!("call: call {i}"), when.naive_utc()).unwrap();
                store.log_contact(acme, &line, when).unwrap();
            }
            acme
        });
        s.keys("2");
        s.press(KeyCode::Enter);
        s.keys("]"); // no follow-ups, no moments: the timeline
        assert_eq!(s.card().focus, Some(CardList::Timeline));
        s
    }

    fn card(&self) -> &CustomerView {
        self.app.customer.as_ref().expect("a card")
    }

    /// The note of the contact selected on the card.
    fn selected_note(&self) -> String {
        match self.card().selected() {
            Some(Selected::Contact(c)) => c.note.clone(),
            other => panic!("no contact selected: {other:?}"),
        }
    }

    /// Draws a frame at 80×24, as the terminal does after each key.
    fn draw(&mut self) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        self.app.resize(touchbase::tui::ui::list_height(24)).unwrap();
        terminal.draw(|f| touchbase::tui::draw(f, &self.app)).unwrap();
        terminal
    }
}

#[test]
fn j_past_the_first_page_reads_on_to_the_oldest_contact() {
    let mut f = Session::acme_with_calls(120);
    assert_eq!((f.card().timeline.len(), f.card().timeline_total), (50, 120));
    for _ in 0..55 {
        f.keys("j");
    }
    assert_eq!(f.selected_note(), "call 56");
    assert!(f.card().timeline.len() > 56, "the next page is read");
    f.press(KeyCode::End);
    assert_eq!(f.selected_note(), "call 120", "End: the oldest contact");
    assert_eq!(f.card().timeline.len(), 120);
    f.keys("j");
    assert_eq!(f.selected_note(), "call 120");
    f.press(KeyCode::Home);
    assert_eq!(f.selected_note(), "call 1");

    // A page is what the timeline shows at 80×24; the window follows the selection.
    let screen = f.draw();
    let page = f.card().page();
    assert!((3..20).contains(&page), "{page}");
    assert!(screen_text(&screen).contains(" 1 of 120 "));
    f.press(KeyCode::PageDown);
    f.press(KeyCode::PageDown);
    assert_eq!(f.selected_note(), format!("call {}", 2 * page + 1));
    let screen = screen_text(&f.draw());
    assert!(
        screen.contains(&format!("call      call {} ", 2 * page + 1)),
        "{screen}"
    );
    assert!(screen.contains(&format!(" {} of 120 ", 2 * page + 1)), "{screen}");
}

#[test]
fn enter_on_a_contact_opens_its_full_note_and_esc_closes_it() {
    let mut f = Session::acme_with_calls(3);
    let long = (1..=40)
        .map(|i| format!("point {i} of the meeting."))
        .collect::<Vec<_>>()
        .join("\n");
    // A note of many lines, as an import or the command line may write one.
    let mut meeting = quicklog::parse("meeting: x", at(common::clock::NOW).naive_utc()).unwrap();
    meeting.note = long;
    f.other()
        .log_contact(f.acme, &meeting, at("2026-11-23T08:00:00Z"))
        .unwrap();
    assert!(f.app.look_for_changes());
    f.press(KeyCode::Home);
    f.press(KeyCode::Enter);
    let Some(Overlay::Note(note)) = &f.app.overlay else {
        panic!("no note open");
    };
    assert!(note.contact.note.starts_with("point 1 of the meeting.\npoint 2"));
    let screen = screen_text(&f.draw());
    assert!(screen.contains("point 1 of the meeting."), "{screen}");
    assert!(!screen.contains("point 40 of"), "{screen}");
    f.press(KeyCode::End);
    let screen = screen_text(&f.draw());
    assert!(screen.contains("point 40 of the meeting."), "{screen}");
    f.keys("k");
    let Some(Overlay::Note(note)) = &f.app.overlay else {
        panic!("the note closed");
    };
    assert!(note.scroll > 0);
    f.press(KeyCode::Esc);
    assert!(f.app.overlay.is_none());
    assert_eq!(f.card().focus, Some(CardList::Timeline), "the card as it was");
}

#[test]
fn the_selection_stays_on_its_contact_when_one_is_logged_above_it_elsewhere() {
    let mut f = Session::acme_with_calls(80);
    f.keys("jj");
    assert_eq!(f.selected_note(), "call 3");
    let newest = quicklog::parse("call: call 0", at(common::clock::NOW).naive_utc()).unwrap();
    f.other()
        .log_contact(f.acme, &newest, at("2026-11-23T08:00:00Z"))
        .unwrap();
    assert!(f.app.look_for_changes());
    assert_eq!(f.selected_note(), "call 3", "the same contact, a row down");
    assert_eq!(f.card().timeline[0].note, "call 0");

    // Beyond the first page too: as much is read again as was read, and the one added.
    for _ in 0..60 {
        f.keys("j");
    }
    assert_eq!(f.selected_note(), "call 63");
    let older = quicklog::parse("call: call 0b", at(common::clock::NOW).naive_utc()).unwrap();
    f.other()
        .log_contact(f.acme, &older, at("2026-11-23T08:30:00Z"))
        .unwrap();
    assert!(f.app.look_for_changes());
    assert_eq!(f.selected_note(), "call 63");
    assert_eq!(f.card().timeline_total, 82);

    // When the contact itself goes, the one that took its place, the nearest.
    let id = match f.card().selected() {
        Some(Selected::Contact(c)) => c.id,
        _ => unreachable!(),
    };
    f.other().delete_record(Record::Contact(id)).unwrap();
    assert!(f.app.look_for_changes());
    assert_eq!(f.selected_note(), "call 64");
}

#[test]
fn the_selected_follow_up_stays_when_one_due_sooner_is_added_elsewhere() {
    let mut f = Session::acme_with_calls(1);
    for (text, due) in [("send the quote", "2026-11-25"), ("call back", "2026-11-27")] {
        let line = quicklog::parse(
            &format!("note: x >> {text} @{due}"),
            at(common::clock::NOW).naive_utc(),
        )
        .unwrap();
        f.other()
            .log_contact(f.acme, &line, at(common::clock::NOW))
            .unwrap();
    }
    assert!(f.app.look_for_changes());
    f.keys("[[");
    f.keys("]"); // the follow-ups
    assert_eq!(f.card().focus, Some(CardList::FollowUps));
    f.keys("j");
    let selected = |f: &Session| f.card().selected_follow_up().map(|x| x.text.clone());
    assert_eq!(selected(&f).as_deref(), Some("call back"));
    let sooner = quicklog::parse(
        "note: y >> ring the buyer @2026-11-24",
        at(common::clock::NOW).naive_utc(),
    )
    .unwrap();
    f.other()
        .log_contact(f.acme, &sooner, at(common::clock::NOW))
        .unwrap();
    assert!(f.app.look_for_changes());
    assert_eq!(
        selected(&f).as_deref(),
        Some("call back"),
        "by its id, not its place"
    );
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            text.push_str(buf[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}
