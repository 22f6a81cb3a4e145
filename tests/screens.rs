//! The terminal app's screens, drawn with ratatui's TestBackend and compared as insta
//! snapshots, and sequences of keys checked against what the store holds afterwards.

mod common {
    pub mod clock;
    pub mod keys;
    pub mod store;
}

use common::clock::NOW;
use common::keys::{self, Keys};
use common::store::{at, day, new_book};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;
use touchbase::clock::Now;
use touchbase::config::Config;
use touchbase::deliver::clipboard::Host;
use touchbase::deliver::opener::{self, Opener, Spawn};
use touchbase::domain::balance::Side;
use touchbase::domain::moment::{MomentStatus, NewMoment};
use touchbase::domain::money::Cents;
use touchbase::domain::quicklog;
use touchbase::domain::{Cadence, Tags};
use touchbase::store::{Book, NewCustomer};
use touchbase::tui::App;
use touchbase::tui::ui;

struct Fixture {
    _dir: TempDir,
    app: App,
}

fn customer(store: &mut dyn Book, name: &str, company: &str, cadence: u32, tags: &[&str]) -> i64 {
    let new = NewCustomer {
        name: name.into(),
        company: company.into(),
        email: format!(
            "{}@{}.nl",
            name.split(' ').next().unwrap().to_lowercase(),
            company.split(' ').next().unwrap().to_lowercase()
        ),
        phone: "+31 20 555 0101".into(),
        tags: Tags::new(tags).unwrap(),
        cadence: Some(Cadence::from_days(cadence).unwrap()),
        notes: "Prefers calls before 10:00.".into(),
    };
    store.add_customer(&new, at("2026-06-01T09:00:00Z")).unwrap().id
}

fn log(store: &mut dyn Book, id: i64, when: &str, line: &str) {
    let now = at(when);
    let parsed = quicklog::parse(line, now.naive_utc()).unwrap();
    store.log_contact(id, &parsed, now).unwrap();
}

/// A small book: an overdue follow-up, one due today, a customer past their cadence, one
/// never contacted, and one in good standing.
fn book() -> Fixture {
    book_then(|_, _| {})
}

/// `book`, with `more` written to it before the app opens (given the book and Jan's id).
fn book_then(more: impl FnOnce(&mut dyn Book, i64)) -> Fixture {
    let (dir, mut store) = new_book();
    let acme = customer(
        &mut *store,
        "Jan de Vries",
        "Acme Logistics BV",
        14,
        &["logistics", "vip"],
    );
    let klok = customer(&mut *store, "Anna Bakker", "Brouwerij De Klok", 30, &["food"]);
    let kuhne = customer(
        &mut *store,
        "Jörg Kühne",
        "Kühne Maschinenbau GmbH",
        30,
        &["prospect"],
    );
    customer(&mut *store, "Sophie Martin", "Laiterie Martin SA", 60, &[]);
    let metaal = customer(&mut *store, "Piet Jansen", "Jansen Metaal", 90, &["renewal"]);
    log(
        &mut *store,
        acme,
        "2026-11-16T10:00:00Z",
        "call: discussed renewal >> send the revised quote @2026-11-20 =4",
    );
    log(
        &mut *store,
        klok,
        "2026-11-20T14:30:00Z",
        "visit: brewery tour, very happy =5 >> call about the spring order @2026-11-23",
    );
    log(
        &mut *store,
        kuhne,
        "2026-09-10T08:15:00Z",
        "email: sent the catalogue",
    );
    log(
        &mut *store,
        metaal,
        "2026-11-02T11:00:00Z",
        "meeting: yearly review =4",
    );
    // Jan's buying process, a complaint, value and the give/take.
    let planned = at("2026-11-10T09:00:00Z");
    for (title, expected, outcome) in [
        ("Demo for the planners", "2026-10-02", Some(MomentStatus::Won)),
        ("Board approves the 2027 budget", "2026-11-25", None),
        ("Contract signed", "2027-01-15", None),
    ] {
        let new = NewMoment {
            title: title.into(),
            expected: day(expected),
            concerns: "price increase vs. a competitor's offer".into(),
            steps: "the CFO compares three quotes".into(),
            response: "bring the TCO sheet and a reference customer".into(),
            people: Vec::new(),
        };
        let m = store.add_moment(acme, &new, planned).unwrap();
        if let Some(outcome) = outcome {
            store.close_moment(m.id, outcome, "", planned).unwrap();
        }
    }
    log(
        &mut *store,
        acme,
        "2026-11-12T10:00:00Z",
        "complaint: pallets arrived damaged",
    );
    let ordered = day("2026-10-20");
    store
        .add_order(acme, ordered, Cents(1_250_000), "EUR", planned)
        .unwrap();
    store
        .add_balance_entry(acme, Side::Ask, "asked for a referral", planned)
        .unwrap();
    store
        .add_balance_entry(acme, Side::Ask, "price increase 4%", planned)
        .unwrap();
    more(&mut *store, acme);
    Fixture {
        _dir: dir,
        app: keys::app(store),
    }
}

fn empty() -> Fixture {
    let (dir, store) = new_book();
    Fixture {
        _dir: dir,
        app: keys::app(store),
    }
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(ui::list_height(height)).unwrap();
    terminal.draw(|f| touchbase::tui::draw(f, app)).unwrap();
    terminal
}

/// Both sizes the app promises to work at.
fn snapshot_both(name: &str, app: &mut App) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24).backend());
    insta::assert_snapshot!(format!("{name}_120x40"), draw(app, 120, 40).backend());
}

#[test]
fn agenda_puts_overdue_first_then_today_then_nudges() {
    let mut f = book();
    snapshot_both("agenda", &mut f.app);
}

/// `--demo`: the top line marks the book, and the status line, when it has nothing else
/// to say, that every change goes on quit.
#[test]
fn a_demo_book_says_so_and_that_its_changes_go_on_quit() {
    let mut f = book();
    f.app.book = touchbase::tui::app::BookKind::Demo;
    snapshot_both("demo", &mut f.app);
    let screen = format!("{:?}", draw(&mut f.app, 80, 24).backend());
    assert!(screen.contains("touchbase DEMO") && screen.contains("thrown away when you quit"));
}

#[test]
fn customers_by_last_contact() {
    let mut f = book();
    f.app.keys("2");
    snapshot_both("customers", &mut f.app);
}

/// The filter finds a customer by one of their people: a name, an e-mail address, a phone
/// number typed nationally or with its country code.
#[test]
fn customers_filtered_by_their_people() {
    use touchbase::domain::person::{Detail, NewPerson};
    let fixture = || {
        book_then(|store, jan| {
            let sophie = NewPerson {
                name: "Sophie Albrecht".into(),
                role: "CFO".into(),
                emails: vec![Detail::new("s.albrecht@finanz.de")],
                phones: vec![Detail::new("+49 30 1234567")],
                ..NewPerson::default()
            };
            store
                .add_person(jan, &sophie, at("2026-06-01T09:00:00Z"))
                .unwrap();
        })
    };
    let mut f = fixture();
    f.app.keys("2/albrecht");
    insta::assert_snapshot!(
        "customers_filtered_by_a_person_80x24",
        draw(&mut f.app, 80, 24).backend()
    );
    // A person's address is searched by a word that could be one: "@finanz", not "finanz".
    for typed in ["@finanz", "finanz.de", "030 1234567", "+4930123"] {
        let mut f = fixture();
        f.app.keys("2/");
        f.app.keys(typed);
        let screen = format!("{:?}", draw(&mut f.app, 80, 24).backend());
        assert!(screen.contains("Jan de Vries"), "{typed}: {screen}");
        assert!(!screen.contains("Anna Bakker"), "{typed}: {screen}");
    }
}

#[test]
fn customers_filtered() {
    let mut f = book();
    f.app.keys("2/dklk");
    insta::assert_snapshot!("customers_filtered_80x24", draw(&mut f.app, 80, 24).backend());
}

#[test]
fn customer_card() {
    let mut f = book();
    f.app.press(KeyCode::Enter); // the overdue follow-up: Jan de Vries
    snapshot_both("card", &mut f.app);
}

/// Jan's card with the people at Acme: Jan (main), the CFO, a planner, one who left to
/// Globex, one more than a small screen shows.
#[test]
fn the_card_lists_the_people_main_first_and_who_left_dimmed() {
    let mut f = book_then(acme_four);
    f.app.press(KeyCode::Enter);
    snapshot_both("card_people", &mut f.app);
}

/// Acme's people besides Jan (the main contact): Frau Albrecht, the CFO; Anna de Boer, who
/// left to Globex; Bram Visser, a planner with a phone and no e-mail address.
fn acme_four(store: &mut dyn Book, acme: i64) {
    use touchbase::domain::person::{Detail, NewPerson};
    let now = at("2026-11-10T09:00:00Z");
    let person = |name: &str, role: &str, email: &str, phone: &str| NewPerson {
        name: name.into(),
        role: role.into(),
        emails: [email]
            .iter()
            .filter(|e| !e.is_empty())
            .map(|e| Detail::new(e))
            .collect(),
        phones: [phone]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| Detail::new(p))
            .collect(),
        ..NewPerson::default()
    };
    store
        .add_person(
            acme,
            &person("Frau Albrecht", "CFO", "albrecht@acme.nl", "+31 6 2222 3333"),
            now,
        )
        .unwrap();
    let left = store
        .add_person(acme, &person("Anna de Boer", "inkoper", "anna@acme.nl", ""), now)
        .unwrap();
    store
        .mark_left(left.id, day("2026-10-01"), "Globex", now)
        .unwrap();
    store
        .add_person(acme, &person("Bram Visser", "planner", "", "06 4444 5555"), now)
        .unwrap();
}

/// `[` on the card selects in the people list (even on a small screen, where the block is
/// one line of names until then): a line a person, the selected one marked, and a footer
/// of what works on a person — no `e` (no form for a person here) and no `x`.
#[test]
fn the_people_are_a_list_on_the_card_and_a_person_can_be_selected() {
    let mut f = book_then(acme_four);
    f.app.press(KeyCode::Enter);
    f.app.keys("[j");
    let card = f.app.customer.as_ref().unwrap();
    assert_eq!(
        card.selected_person().map(|p| p.name.as_str()),
        Some("Bram Visser")
    );
    snapshot_both("card_people_selected", &mut f.app);
    let footer = rows(&mut f.app, 80, 24)[23].clone();
    assert!(
        footer.contains("y copy") && footer.contains("O open") && footer.contains("L left"),
        "{footer}"
    );
    assert!(
        !footer.contains(" e ") && !footer.contains("x delete"),
        "{footer}"
    );
    f.app.keys("e");
    let bram = f.app.customer.as_ref().unwrap().selected_person().unwrap().id;
    assert_eq!(
        f.app.status.as_ref().unwrap().text,
        format!(
            "Bram Visser is edited on the command line: touchbase person edit {bram} --name/--role/--email/--phone/--notes"
        )
    );
    assert!(f.app.overlay.is_none(), "no form opened");
    // Esc leaves the list: the block is one line again.
    f.app.press(KeyCode::Esc);
    assert!(f.app.customer.as_ref().unwrap().selected_person().is_none());
}

/// `y e` on a selected person copies their address, not the customer's; a person without
/// a phone number is refused by name, with how to add one.
#[test]
fn y_on_a_selected_person_copies_their_address() {
    let mut f = book_then(acme_four);
    f.app.host = Host::Terminal;
    f.app.press(KeyCode::Enter);
    f.app.keys("[jj"); // Frau Albrecht
    f.app.keys("y");
    assert_eq!(
        status(&mut f.app),
        "? Copy Frau Albrecht's e-mail (albrecht@acme.nl) or phone (+31 6 2222 3333)?"
    );
    f.app.keys("e");
    assert_eq!(status(&mut f.app), "✓ Copied albrecht@acme.nl to the clipboard");
    assert_eq!(
        f.app.take_terminal_output(),
        touchbase::deliver::clipboard::osc52("albrecht@acme.nl", Host::Terminal)
    );
    f.app.keys("k"); // Bram Visser: a phone, no e-mail
    f.app.keys("ye");
    let bram = f.app.customer.as_ref().unwrap().selected_person().unwrap().id;
    let refused = f.app.status.as_ref().unwrap().text.clone();
    assert_eq!(
        refused,
        format!("Bram Visser has no e-mail address — add one: touchbase person edit {bram} --email ADDRESS")
    );
    assert_eq!(f.app.take_terminal_output(), "");
    // Unselected, y reaches the customer again.
    f.app.press(KeyCode::Esc);
    f.app.keys("ye");
    assert_eq!(
        f.app.take_terminal_output(),
        touchbase::deliver::clipboard::osc52("jan@acme.nl", Host::Terminal)
    );
}

/// `L` on a selected person asks only where they went: Enter alone marks them as left.
#[test]
fn l_on_a_selected_person_marks_them_without_asking_who() {
    let mut f = book_then(acme_four);
    f.app.press(KeyCode::Enter);
    f.app.keys("[jj"); // Frau Albrecht
    f.app.keys("L");
    let prompt = rows(&mut f.app, 80, 24)[22].clone();
    assert!(prompt.starts_with("Frau Albrecht left — to where? ›"), "{prompt}");
    f.app.press(KeyCode::Enter);
    let card = f.app.customer.as_ref().unwrap();
    let albrecht = card.people.iter().find(|p| p.name == "Frau Albrecht").unwrap();
    assert!(albrecht.left.is_some());
    assert!(f.app.overlay.is_none(), "nowhere said: nothing to follow");
    // On someone who left already, L says so and asks nothing.
    let anna = card.people.iter().position(|p| p.name == "Anna de Boer").unwrap();
    let here = card.row(touchbase::tui::action::CardList::People);
    let steps = anna as i64 - here as i64;
    let key = if steps > 0 { "j" } else { "k" };
    f.app.keys(&key.repeat(steps.unsigned_abs() as usize));
    f.app.keys("L");
    assert!(f.app.overlay.is_none());
    assert_eq!(
        f.app.status.as_ref().unwrap().text,
        "Anna de Boer left on 2026-10-01 already."
    );
}

/// Acme's people besides Jan (the main contact): the CFO, and Anna, who left.
fn acme_people(store: &mut dyn Book, acme: i64) {
    use touchbase::domain::person::NewPerson;
    let now = at("2026-11-10T09:00:00Z");
    let person = |name: &str, role: &str| NewPerson {
        name: name.into(),
        role: role.into(),
        ..NewPerson::default()
    };
    store
        .add_person(acme, &person("Frau Albrecht", "CFO"), now)
        .unwrap();
    let anna = store
        .add_person(acme, &person("Anna de Boer", "inkoper"), now)
        .unwrap();
    store.mark_left(anna.id, day("2026-10-01"), "", now).unwrap();
}

/// A name in the quick-log line that fits no one at the customer is refused in place:
/// the name marked, the people there listed, nothing logged.
#[test]
fn a_quick_log_naming_no_one_lists_the_people_there() {
    let mut f = book_then(acme_people);
    f.app.press(KeyCode::Enter); // Jan's card
    f.app.submit("l", "call ana yesterday: talked budget");
    insta::assert_snapshot!(
        "quicklog_no_such_person_80x24",
        draw(&mut f.app, 80, 24).backend()
    );
    let screen = rows(&mut f.app, 80, 24).join("\n");
    assert!(
        screen.contains(
            "no one called 'ana' at Acme Logistics BV — Jan de Vries, Frau Albrecht, Anna de\nBoer (left)"
        ),
        "{screen}"
    );
}

/// A contact with someone other than the main contact says so on the timeline, and the
/// people block gives each person's last contact.
#[test]
fn the_card_says_whom_a_contact_was_with_and_each_persons_last_contact() {
    let mut f = book_then(acme_people);
    f.app.press(KeyCode::Enter);
    f.app.submit("l", "meeting frau yesterday: budget 2027");
    let logged = rows(&mut f.app, 120, 40).join("\n");
    assert!(
        logged.contains("Logged meeting with Frau Albrecht at Acme Logistics BV on Sun 22 Nov"),
        "{logged}"
    );
    f.app.press(KeyCode::Esc); // keeps the open follow-up
    let screen = rows(&mut f.app, 120, 40).join("\n");
    assert!(screen.contains("with Frau · budget 2027"), "{screen}");
    assert!(screen.contains("Frau Albrecht · CFO · last 22 Nov"), "{screen}");
    assert!(
        screen.contains("Jan de Vries · jan@acme.nl · +31 20 555 0101 · last 16 Nov"),
        "{screen}"
    );
    insta::assert_snapshot!("card_with_whom_120x40", draw(&mut f.app, 120, 40).backend());
}

#[test]
fn a_timeline_row_selected_on_the_card() {
    let mut f = book();
    f.app.press(KeyCode::Enter);
    f.app.keys("]]]"); // past the follow-ups and the buying process: the timeline
    f.app.keys("j");
    snapshot_both("card_timeline_row", &mut f.app);
}

#[test]
fn the_customer_s_notes_are_typed_in_lines_and_wrap_on_the_card() {
    let mut f = book();
    f.app.press(KeyCode::Enter);
    f.app.keys("e");
    for _ in 0..6 {
        f.app.press(KeyCode::Tab);
    }
    f.app
        .keys(" Anna, his assistant, keeps his diary: book through her, never on a Friday.");
    f.app.press(KeyCode::Enter);
    f.app.keys("Decides with the CFO.");
    f.app.press(KeyCode::Enter);
    f.app.keys("Golf on Wednesdays.");
    insta::assert_snapshot!("notes_form_80x24", draw(&mut f.app, 80, 24).backend());
    f.app.on_key(crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    snapshot_both("card_notes", &mut f.app);
}

/// Jan's card with 40 calls more, one a day back from Sunday 1 November, the longest note
/// first: read through another handle, as the app finds them.
fn with_a_long_timeline(f: &mut Fixture) {
    f.app.press(KeyCode::Enter); // the overdue follow-up: Jan de Vries
    let id = f.app.customer.as_ref().unwrap().customer.id;
    let mut store = common::store::open(f._dir.path());
    for i in 1..=40 {
        let when = at("2026-11-01T09:00:00Z") - chrono::Duration::days(i - 1);
        let mut line = quicklog::parse(&format!("call: call {i}"), when.naive_utc()).unwrap();
        if i == 30 {
            line.note = (1..=30)
                .map(|n| {
                    format!("Point {n}: the planners want the pallets labelled per store, not per route.")
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
        store.log_contact(id, &line, when).unwrap();
    }
    assert!(f.app.look_for_changes());
    f.app.keys("]]]"); // past the follow-ups and the buying process: the timeline
}

#[test]
fn the_timeline_scrolls_to_row_30_and_says_where_it_is() {
    let mut f = book();
    with_a_long_timeline(&mut f);
    draw(&mut f.app, 80, 24);
    for _ in 0..29 {
        f.app.keys("j");
        draw(&mut f.app, 80, 24);
    }
    insta::assert_snapshot!("card_timeline_row_30_80x24", draw(&mut f.app, 80, 24).backend());
}

#[test]
fn enter_opens_the_selected_contact_s_full_note() {
    let mut f = book();
    with_a_long_timeline(&mut f);
    f.app.press(KeyCode::End);
    for _ in 0..10 {
        f.app.keys("k"); // the call with the long note: the 30th of 40, two before them
    }
    f.app.press(KeyCode::Enter);
    insta::assert_snapshot!("contact_note_80x24", draw(&mut f.app, 80, 24).backend());
    f.app.keys("jjj");
    insta::assert_snapshot!("contact_note_scrolled_80x24", draw(&mut f.app, 80, 24).backend());
}

#[test]
fn a_moment_closed_on_the_card_shows_how_it_went() {
    let mut f = book();
    f.app.press(KeyCode::Enter); // Jan de Vries
    f.app.keys("]]j"); // the buying process: the board's approval, the next moment
    f.app.keys("c");
    f.app.keys("lost");
    f.app.press(KeyCode::Enter);
    insta::assert_snapshot!(
        "card_outcome_note_asked_80x24",
        draw(&mut f.app, 80, 24).backend()
    );
    f.app.keys("lost on price to Heller");
    f.app.press(KeyCode::Enter);
    insta::assert_snapshot!("card_outcome_note_80x24", draw(&mut f.app, 80, 24).backend());
}

#[test]
fn a_contact_s_edit_form_holds_what_it_holds() {
    let mut f = book();
    f.app.press(KeyCode::Enter);
    f.app.keys("]]]e"); // the newest contact: the call of Mon 16 Nov
    insta::assert_snapshot!("contact_form_80x24", draw(&mut f.app, 80, 24).backend());
}

#[test]
fn a_delete_asks_first_in_the_footer() {
    let mut f = book();
    f.app.press(KeyCode::Enter);
    f.app.keys("]]]]]]"); // the orders
    f.app.keys("x");
    insta::assert_snapshot!("delete_order_80x24", draw(&mut f.app, 80, 24).backend());
}

/// `book`, with Frau Albrecht (the CFO) at Acme; the board's approval names who decides
/// (Jan, the main contact) and who signs when `named`.
fn book_with_albrecht(named: bool) -> Fixture {
    use touchbase::domain::moment::Part;
    use touchbase::domain::person::NewPerson;
    book_then(|store, acme| {
        let now = at("2026-11-10T09:00:00Z");
        let cfo = NewPerson {
            name: "Frau Albrecht".into(),
            role: "CFO".into(),
            ..NewPerson::default()
        };
        let albrecht = store.add_person(acme, &cfo, now).unwrap().id;
        if named {
            let jan = store.people_of(acme).unwrap()[0].id;
            let board = store.moments_of(acme).unwrap();
            let board = board.iter().find(|m| m.title.starts_with("Board")).unwrap();
            store
                .set_moment_people(board.id, &[(jan, Part::Decides), (albrecht, Part::Signs)])
                .unwrap();
        }
    })
}

#[test]
fn the_buying_process_says_who_decides_and_who_signs() {
    let mut f = book_with_albrecht(true);
    f.app.press(KeyCode::Enter); // Jan de Vries
    snapshot_both("card_moment_people", &mut f.app);
}

/// The People field of the moment form names who takes part, resolved among the
/// customer's people; a name that fits no one stays on the form, nothing planned.
#[test]
fn a_moment_planned_in_the_form_names_its_people() {
    let mut f = book_with_albrecht(false);
    f.app.press(KeyCode::Enter);
    f.app.keys("m");
    f.app.keys("Pilot starts");
    f.app.press(KeyCode::Tab);
    f.app.keys("+2w");
    for _ in 0..4 {
        f.app.press(KeyCode::Tab);
    }
    f.app.keys("decides: jan; signs: frau alb; ana");
    f.app.press(KeyCode::Enter);
    let screen = rows(&mut f.app, 80, 24).join("\n");
    assert!(
        screen.contains("no one called 'ana' at Acme Logistics BV — Jan de Vries, Frau Albrech"),
        "{screen}"
    );
    for _ in 0..3 {
        f.app.press(KeyCode::Backspace);
    }
    f.app.keys("bram");
    f.app.press(KeyCode::Enter);
    let screen = rows(&mut f.app, 80, 24).join("\n");
    assert!(screen.contains("no one called 'bram'"), "{screen}");
    for _ in 0..4 {
        f.app.press(KeyCode::Backspace);
    }
    f.app.press(KeyCode::Enter);
    let book = common::store::open(f._dir.path());
    let acme = book.customers_named("jan de vries", 1).unwrap().exact[0].id;
    let pilot = book.moments_of(acme).unwrap();
    let pilot = pilot.iter().find(|m| m.title == "Pilot starts").expect("planned");
    let who: Vec<_> = pilot
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.part.as_str()))
        .collect();
    assert_eq!(who, [("Jan de Vries", "decides"), ("Frau Albrecht", "signs")]);
}

/// The edit form of a moment holds its people in the People field's own words.
#[test]
fn a_moment_s_edit_form_holds_its_people() {
    let mut f = book_with_albrecht(true);
    f.app.press(KeyCode::Enter);
    f.app.keys("]]j"); // the buying process: the board's approval
    f.app.keys("e");
    let screen = rows(&mut f.app, 120, 40).join("\n");
    assert!(
        screen.contains("decides: Jan de Vries; signs: Frau Albrecht"),
        "{screen}"
    );
}

#[test]
fn planning_a_decision_moment_in_the_form() {
    let mut f = book();
    f.app.press(KeyCode::Enter);
    f.app.keys("m");
    f.app.keys("Pilot starts");
    f.app.press(KeyCode::Tab);
    f.app.keys("+2w");
    insta::assert_snapshot!("moment_form_80x24", draw(&mut f.app, 80, 24).backend());
}

#[test]
fn help_lists_every_binding() {
    let mut f = book();
    f.app.keys("?");
    snapshot_both("help", &mut f.app);
}

#[test]
fn help_turns_to_the_keys_of_the_card_then_of_the_filter_prompts_and_forms() {
    let mut f = book();
    f.app.keys("?");
    f.app.press(KeyCode::Tab);
    insta::assert_snapshot!("help_card_80x24", draw(&mut f.app, 80, 24).backend());
    f.app.press(KeyCode::Tab);
    insta::assert_snapshot!("help_overlays_80x24", draw(&mut f.app, 80, 24).backend());
    f.app.press(KeyCode::Tab);
    snapshot_both("help_typing", &mut f.app);
}

#[test]
fn a_quick_log_error_is_marked_in_place() {
    let mut f = book();
    f.app.submit("l", "bogus: hello");
    insta::assert_snapshot!("quicklog_error_80x24", draw(&mut f.app, 80, 24).backend());
}

/// The empty log prompt shows the line's grammar, whom the contact was with and its own
/// time included, each row within 80 columns.
#[test]
fn the_quick_log_prompt_shows_the_grammar() {
    let mut f = book();
    f.app.keys("l");
    let rows = rows(&mut f.app, 80, 24);
    assert!(
        rows.iter().any(|r| r.contains("kind [who] [when]: note")),
        "{rows:#?}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with(" who: a first name")),
        "{rows:#?}"
    );
    insta::assert_snapshot!("quicklog_prompt_80x24", draw(&mut f.app, 80, 24).backend());
}

/// A contact's time in the future is refused in place, the time marked.
#[test]
fn a_contact_in_the_future_is_marked_in_place() {
    let mut f = book();
    f.app.submit("l", "call tomorrow: discuss terms");
    let rows = rows(&mut f.app, 80, 24);
    let screen = rows.join("\n");
    assert!(
        screen.contains("the contact's time 'tomorrow' is in the future"),
        "{screen}"
    );
    let input = rows
        .iter()
        .find(|r| r.starts_with("Log for"))
        .expect("the input row");
    let marks = rows
        .iter()
        .find(|r| r.trim_start().starts_with('^'))
        .expect("the marks");
    let column = |row: &str, what: &str| row.find(what).map(|i| row[..i].chars().count());
    assert_eq!(column(marks, "^^^^^^^^ "), column(input, "tomorrow"), "{screen}");
}

#[test]
fn an_empty_book_shows_how_to_start() {
    let mut f = empty();
    snapshot_both("empty", &mut f.app);
}

#[test]
fn the_add_customer_form() {
    let mut f = book();
    f.app.keys("a");
    f.app.keys("Acme BV");
    insta::assert_snapshot!("add_form_80x24", draw(&mut f.app, 80, 24).backend());
}

/// The screen at `width` × `height`, row by row.
fn rows(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Every page of the help, row by row, at a size its popup is whole at.
fn help_pages(app: &mut App) -> Vec<Vec<String>> {
    help_pages_at(app, 120, 40)
}

fn help_pages_at(app: &mut App, width: u16, height: u16) -> Vec<Vec<String>> {
    app.keys("?");
    let mut pages = Vec::new();
    for _ in 0..touchbase::tui::help::PAGES {
        pages.push(rows(app, width, height));
        app.press(KeyCode::Tab);
    }
    pages
}

/// At the smallest size the app promises, every binding has its row on a page, its words
/// whole: none falls below the bottom or is cut at the right.
#[test]
fn help_at_80x24_has_a_whole_row_for_every_binding() {
    let mut f = book();
    let pages = help_pages_at(&mut f.app, 80, 24);
    let mut cut = Vec::new();
    for b in touchbase::tui::keymap::BINDINGS {
        let shown = pages.iter().flatten().any(|row| {
            row.find(&format!(" {} ", b.label))
                .is_some_and(|at| row[at..].contains(b.help))
        });
        if !shown {
            cut.push(format!("“{} {}” ({:?})", b.label, b.help, b.scope));
        }
    }
    assert!(cut.is_empty(), "cut or missing at 80×24: {cut:#?}");
}

#[test]
fn help_shows_every_binding_in_the_keymap() {
    let mut f = book();
    let pages = help_pages(&mut f.app);
    for b in touchbase::tui::keymap::BINDINGS {
        // The keys, then what they do, on one row of one page.
        let shown = pages.iter().flatten().any(|row| {
            row.find(&format!(" {} ", b.label))
                .is_some_and(|at| row[at..].contains(b.help))
        });
        assert!(shown, "help lacks “{} {}” ({:?})", b.label, b.help, b.scope);
    }
    assert_eq!(
        rows(&mut f.app, 120, 40),
        pages[0],
        "Tab came back to the first page"
    );
}

#[test]
fn the_footer_shows_the_keys_of_what_has_them() {
    let mut f = book();
    let footer = |app: &mut App| rows(app, 80, 24)[23].trim_end().to_string();
    assert_eq!(
        footer(&mut f.app),
        " Enter open  l log  d done  s snooze  f follow-up  u undo  ? keys  q quit"
    );
    f.app.keys("s");
    assert_eq!(
        footer(&mut f.app),
        " Enter save  Esc cancel  Tab tomorrow / +3d / +1w"
    );
    f.app.press(KeyCode::Esc);
    f.app.keys("l");
    assert_eq!(footer(&mut f.app), " Enter save  Esc cancel");
    f.app.press(KeyCode::Esc);
    f.app.keys("?");
    // At 80×24 the help covers the footer.
    assert_eq!(
        rows(&mut f.app, 120, 40)[39].trim_end(),
        " Esc close  Tab next page"
    );
}

#[test]
fn the_week_as_it_will_be_exported() {
    let mut f = book();
    f.app.keys("4");
    snapshot_both("week", &mut f.app);
}

/// Everything on an 80×24 screen, row after row.
fn screen_text(app: &mut App) -> String {
    let terminal = draw(app, 80, 24);
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn control_characters_in_the_book_are_drawn_as_placeholders() {
    let (_dir, mut store) = new_book();
    let evil = customer(&mut *store, "Evil\u{1b}[2J Corp", "Bell\u{7} BV", 30, &[]);
    log(
        &mut *store,
        evil,
        "2026-11-20T10:00:00Z",
        "call: line one\rline\u{1b}]0;pwned\u{7}",
    );
    let mut app = keys::app(store);

    app.keys("2");
    let customers = screen_text(&mut app);
    app.press(KeyCode::Enter);
    let card = screen_text(&mut app);

    for text in [&customers, &card] {
        assert!(
            !text.chars().any(char::is_control),
            "a control character reached the screen"
        );
        assert!(
            text.contains("Evil␛[2J Corp"),
            "the name is shown with a placeholder"
        );
    }
    assert!(
        card.contains("␛]0;pwned"),
        "the note on the card is shown with placeholders"
    );
}

#[test]
fn the_agenda_counts_every_follow_up_due_even_beyond_its_list() {
    let (_dir, mut store) = new_book();
    for (name, due) in [
        ("Anna", "@2026-11-20"),
        ("Bert", "@2026-11-19"),
        ("Cees", "@2026-11-23"),
    ] {
        let id = customer(&mut *store, name, "Test BV", 30, &[]);
        log(
            &mut *store,
            id,
            "2026-11-16T10:00:00Z",
            &format!("call: hi >> call back {due}"),
        );
    }
    let config = Config::from_toml("[nudge]\nlimit = 1\n").unwrap();
    let mut app = App::new(store, Now::parse(NOW).unwrap(), config).unwrap();
    let screen = screen_text(&mut app);
    assert!(
        screen.contains("Agenda · 2 overdue · 1 today"),
        "the title counts all of them: {screen}"
    );
    assert!(screen.contains("+ 1 more"), "the list says what it leaves out");
}

#[test]
fn merging_a_duplicate_says_what_it_will_do_and_asks() {
    let mut f = book();
    f.app.press(KeyCode::Enter); // Jan de Vries's card
    f.app.keys("M");
    f.app.submit("", "kuhne");
    insta::assert_snapshot!("merge_confirmation_80x24", draw(&mut f.app, 80, 24).backend());
    f.app.submit("", "y");
    let status = f.app.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with("Merged Jörg Kühne into Jan de Vries: moves "),
        "{status}"
    );
    let card = f.app.customer.as_ref().unwrap();
    assert_eq!(card.also_known_as, ["Jörg Kühne"]);
    f.app.keys("u");
    let status = f.app.status.as_ref().unwrap().text.clone();
    assert_eq!(
        status,
        "Undone: merged Jörg Kühne into Jan de Vries (Mon 23 Nov 09:00)"
    );
    assert!(f.app.customer.as_ref().unwrap().also_known_as.is_empty());
}

/// `S` searches every note as you type: hits best first, found words marked, Enter opens
/// the customer; punctuation alone says so instead of failing.
#[test]
fn search_over_every_note() {
    let mut f = book();
    f.app.keys("S");
    f.app.keys("quot");
    snapshot_both("search", &mut f.app);
    let shown = draw(&mut f.app, 80, 24).backend().to_string();
    assert!(shown.contains("revised quote"), "{shown}");
    assert!(shown.contains("three quotes"), "the moments' steps too: {shown}");

    // Found words are marked in the found style, which NO_COLOR keeps visible.
    let terminal = draw(&mut f.app, 80, 24);
    let buf = terminal.backend().buffer();
    let marked = (0..buf.area.height).any(|y| {
        (0..buf.area.width).any(|x| {
            let c = &buf[(x, y)];
            c.symbol() == "q" && c.modifier.contains(ratatui::style::Modifier::BOLD)
        })
    });
    assert!(marked, "the found word is bold");

    // Enter opens the best hit's customer.
    f.app.press(KeyCode::Tab);
    f.app.keys("j");
    f.app.keys("k");
    f.app.press(KeyCode::Enter);
    assert!(f.app.overlay.is_none());
    assert_eq!(f.app.screen, touchbase::tui::action::Screen::Customer);
    assert_eq!(f.app.customer.as_ref().unwrap().customer.name, "Jan de Vries");

    // Operators and punctuation are no errors.
    f.app.keys("S");
    f.app.keys("\"*");
    let shown = draw(&mut f.app, 80, 24).backend().to_string();
    assert!(shown.contains("no words to search for"), "{shown}");
    f.app.press(KeyCode::Esc);
    assert!(f.app.overlay.is_none());
}

/// The footer offers `c` only on a moment that can still be closed: on one closed already
/// the key would only say so.
#[test]
fn the_footer_offers_close_only_on_an_open_moment() {
    let mut f = book();
    f.app.press(KeyCode::Enter); // Jan de Vries
    f.app.keys("]]"); // the buying process: the demo, closed as won
    let footer = rows(&mut f.app, 80, 24).pop().unwrap();
    assert!(!footer.contains("c close"), "{footer}");
    assert!(footer.contains("e edit"), "{footer}");
    f.app.keys("j"); // the board's approval, still to come
    let footer = rows(&mut f.app, 80, 24).pop().unwrap();
    assert!(footer.contains("c close"), "{footer}");
}

/// Records what the app would start, instead of starting it: the opener, injected.
struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<Opener>>>);

impl Spawn for Recorder {
    fn spawn(&mut self, opener: &Opener) -> std::io::Result<()> {
        self.0.borrow_mut().push(opener.clone());
        Ok(())
    }
}

/// An opener that is not installed.
struct NoOpener;

impl Spawn for NoOpener {
    fn spawn(&mut self, _: &Opener) -> std::io::Result<()> {
        Err(std::io::ErrorKind::NotFound.into())
    }
}

fn status(app: &mut App) -> String {
    rows(app, 80, 24)[22].trim_end().to_string()
}

#[test]
fn y_asks_which_then_e_copies_the_e_mail_with_osc_52() {
    let mut f = book();
    f.app.host = Host::Terminal;
    f.app.keys("2y");
    insta::assert_snapshot!("copy_which_80x24", draw(&mut f.app, 80, 24).backend());
    assert_eq!(
        f.app.take_terminal_output(),
        "",
        "nothing is copied before e or p"
    );
    f.app.keys("e");
    assert_eq!(status(&mut f.app), "✓ Copied sophie@laiterie.nl to the clipboard");
    assert_eq!(
        f.app.take_terminal_output(),
        touchbase::deliver::clipboard::osc52("sophie@laiterie.nl", Host::Terminal)
    );
    // The phone, from the card, inside tmux.
    f.app.host = Host::Tmux;
    f.app.press(KeyCode::Enter);
    f.app.keys("yp");
    assert_eq!(status(&mut f.app), "✓ Copied +31 20 555 0101 to the clipboard");
    assert_eq!(
        f.app.take_terminal_output(),
        touchbase::deliver::clipboard::osc52("+31 20 555 0101", Host::Tmux)
    );
    // Esc asks nothing more and copies nothing.
    f.app.keys("y");
    f.app.press(KeyCode::Esc);
    assert_eq!(f.app.take_terminal_output(), "");
    assert!(f.app.overlay.is_none());
}

/// A customer with a phone and no e-mail address, alone in a book.
fn phone_only() -> Fixture {
    let (dir, mut store) = new_book();
    let new = NewCustomer {
        name: "Acme".into(),
        company: String::new(),
        email: String::new(),
        phone: "+31 (0)20-555 0101".into(),
        tags: Tags::default(),
        cadence: None,
        notes: String::new(),
    };
    store.add_customer(&new, at("2026-06-01T09:00:00Z")).unwrap();
    Fixture {
        _dir: dir,
        app: keys::app(store),
    }
}

#[test]
fn a_missing_e_mail_address_is_left_out_of_the_footer_and_refused() {
    let mut f = phone_only();
    f.app.keys("2y");
    let rows = rows(&mut f.app, 80, 24);
    assert_eq!(
        rows[22].trim_end(),
        "? Copy Acme's phone (+31 (0)20-555 0101)? No e-mail address."
    );
    assert_eq!(rows[23].trim_end(), " p phone  Esc cancel");
    f.app.keys("e");
    assert_eq!(status(&mut f.app), "✗ Acme has no e-mail address");
    assert_eq!(f.app.take_terminal_output(), "");
}

#[test]
fn o_opens_mailto_or_tel_with_the_system_s_opener() {
    let mut f = phone_only();
    let started = std::rc::Rc::default();
    f.app.opener = Box::new(Recorder(std::rc::Rc::clone(&started)));
    f.app.keys("2Op");
    let uri = "tel:+31205550101";
    let expected = opener::command(opener::Os::current(), uri);
    assert_eq!(*started.borrow(), std::slice::from_ref(&expected));
    assert_eq!(
        status(&mut f.app),
        format!("✓ Opened {uri} with {}", expected.program)
    );
    f.app.keys("Oe");
    assert_eq!(status(&mut f.app), "✗ Acme has no e-mail address");
    assert_eq!(started.borrow().len(), 1, "nothing more was started");

    f.app.opener = Box::new(NoOpener);
    f.app.keys("Op");
    let said = status(&mut f.app);
    assert!(
        said.starts_with(&format!(
            "✗ Cannot open tel: links: {} was not found",
            expected.program
        )),
        "{said}"
    );
}

/// `L` on the card: who left is picked by number, the trigger of their leaving opens, and
/// where they went is offered y/n: a new prospect with them as its first person.
#[test]
fn marking_a_person_as_left_opens_a_trigger_and_offers_to_follow_them() {
    let mut f = book_then(|store, jan| {
        let anna = touchbase::domain::person::NewPerson {
            name: "Anna de Boer".into(),
            role: "inkoper".into(),
            ..Default::default()
        };
        store.add_person(jan, &anna, at("2026-06-01T09:00:00Z")).unwrap();
    });
    f.app.press(KeyCode::Enter); // Jan de Vries's card
    f.app.keys("L");
    insta::assert_snapshot!("mark_left_prompt_80x24", draw(&mut f.app, 80, 24).backend());
    f.app.submit("", "3");
    let error = draw(&mut f.app, 80, 24).backend().to_string();
    assert!(error.contains("type the number of who left (1 to 2)"), "{error}");
    f.app.press(KeyCode::Backspace);
    f.app.submit("", "2 to Globex");
    insta::assert_snapshot!("mark_left_follow_80x24", draw(&mut f.app, 80, 24).backend());
    let card = f.app.customer.as_ref().unwrap();
    let anna = card.people.iter().find(|p| p.name == "Anna de Boer").unwrap();
    assert_eq!(anna.left.as_ref().unwrap().to, "Globex");
    assert!(
        card.triggers
            .iter()
            .any(|t| t.note == "Anna de Boer left — build the relationship with the successor")
    );
    f.app.submit("", "y");
    let status = f.app.status.as_ref().unwrap().text.clone();
    assert_eq!(status, "Followed Anna de Boer to Globex — u undoes");
    f.app.keys("u");
    let status = f.app.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with("Undone: followed Anna de Boer to Globex"),
        "{status}"
    );
    f.app.keys("u");
    let card = f.app.customer.as_ref().unwrap();
    assert!(card.people.iter().all(|p| p.left.is_none()));
    assert!(card.triggers.iter().all(|t| t.person_id.is_none()));
}

/// An account named after its company names its main contact first on the card's contact
/// line: the e-mail and phone there are theirs.
#[test]
fn the_card_of_an_account_named_after_its_company_names_its_main_contact() {
    use touchbase::domain::person::{Detail, NewPerson};
    let mut f = book_then(|store, _| {
        let new = NewCustomer {
            name: "Globex BV".into(),
            company: "Globex BV".into(),
            ..NewCustomer::default()
        };
        let main = NewPerson {
            name: "Sophie Martin".into(),
            emails: vec![Detail::new("sophie@globex.fr")],
            phones: vec![Detail::new("+33 1 55 55 01 01")],
            main: true,
            ..NewPerson::default()
        };
        store
            .add_customer_with_main(&new, &main, at("2026-06-01T09:00:00Z"))
            .unwrap();
    });
    f.app.keys("2/globex");
    f.app.press(KeyCode::Enter);
    f.app.press(KeyCode::Enter);
    let screen = screen_text(&mut f.app);
    assert!(screen.contains(" Globex BV ─"), "{screen}");
    assert!(
        screen.contains("Sophie Martin · sophie@globex.fr · +33 1 55 55 01 01"),
        "{screen}"
    );
}
