//! "reminders have not run since …" in the agenda's header: once reminders are set up, a
//! workday without a delivered digest is said on the start screen, read when the agenda
//! is (not per frame), and readable without colour (a mark and words).

mod common {
    pub mod clock;
    pub mod store;
}

use common::clock::NOW;
use common::store::{at, day, new_book, open};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use touchbase::clock::Now;
use touchbase::config::Config;
use touchbase::store::{Book, NewCustomer, RemindRun, Setting};
use touchbase::tui::{App, ui};

/// Acme with a follow-up overdue since Friday; reminders set up on Mon 16 Nov. At `NOW`
/// (Mon 23 Nov 09:00, before today's 08:30 digest is overdue) Friday's digest is the last
/// one due.
fn book(last_run: Option<&str>) -> (tempfile::TempDir, App) {
    let (dir, mut store) = new_book();
    let acme = NewCustomer {
        name: "Acme BV".into(),
        ..NewCustomer::default()
    };
    let id = store.add_customer(&acme, at("2026-11-01T09:00:00Z")).unwrap().id;
    store
        .add_follow_up(
            id,
            "send the revised quote",
            day("2026-11-20"),
            at("2026-11-16T09:00:00Z"),
        )
        .unwrap();
    let set_up = at("2026-11-16T09:00:00Z");
    store
        .set_setting(Setting::RemindersSetUp, Some("2026-11-16T09:00:00Z"), set_up)
        .unwrap();
    if let Some(ran) = last_run {
        record(&mut *store, ran);
    }
    (dir, app(store))
}

/// The app at `NOW` in UTC, with the default config (08:30, Monday to Friday).
fn app(store: Box<dyn Book>) -> App {
    App::new(store, Now::parse(NOW).unwrap(), Config::default()).unwrap()
}

fn record(store: &mut dyn Book, ran: &str) {
    store
        .record_remind_run(&RemindRun {
            id: 0,
            delivered_at: at(ran),
            day: at(ran).date_naive(),
            channels: vec!["stdout".into()],
            items: vec![],
            scheduled: true,
        })
        .unwrap();
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(ui::list_height(height)).unwrap();
    terminal.draw(|f| touchbase::tui::draw(f, app)).unwrap();
    terminal
}

#[test]
fn a_missed_workday_is_said_under_the_agenda_header() {
    let (_dir, mut app) = book(Some("2026-11-19T08:30:00Z"));
    insta::assert_snapshot!("stopped_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("stopped_120x40", draw(&mut app, 120, 40).backend());
    // Its own mark and bold in either theme, so it reads under NO_COLOR too.
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row: String = (0..80).map(|x| buffer[(x, 2)].symbol().to_string()).collect();
    assert!(
        row.starts_with("✗ reminders have not run since Thu 19 Nov"),
        "{row}"
    );
    assert!(buffer[(2, 2)].modifier.contains(Modifier::BOLD));
}

#[test]
fn a_digest_on_the_last_workday_or_no_set_up_says_nothing() {
    let screen = |app: &mut App| format!("{:?}", draw(app, 80, 24).backend());
    let (_dir, mut ran) = book(Some("2026-11-20T08:30:00Z"));
    assert!(!screen(&mut ran).contains("reminders have not run"));

    let (dir, mut store) = new_book();
    store
        .add_customer(
            &NewCustomer {
                name: "Acme BV".into(),
                ..NewCustomer::default()
            },
            at("2026-11-01T09:00:00Z"),
        )
        .unwrap();
    let mut never = app(store);
    assert!(
        !screen(&mut never).contains("reminders have not run"),
        "never set up"
    );
    drop(dir);
}

/// The warning is read with the agenda, not per frame: a digest delivered by another
/// process (the timer's run) clears it when the app sees the book changed.
#[test]
fn a_digest_delivered_elsewhere_clears_the_warning_on_the_next_read() {
    let (dir, mut app) = book(Some("2026-11-19T08:30:00Z"));
    let screen = |app: &mut App| format!("{:?}", draw(app, 80, 24).backend());
    assert!(screen(&mut app).contains("reminders have not run since Thu 19 Nov"));
    record(&mut *open(dir.path()), "2026-11-23T08:30:00Z");
    assert!(
        screen(&mut app).contains("reminders have not run"),
        "not read again per frame"
    );
    assert!(app.look_for_changes());
    assert!(!screen(&mut app).contains("reminders have not run"));
}
