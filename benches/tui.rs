//! What a user of the terminal app feels on a 100k-customer book: the first frame, the
//! first look at the customers screen and the filter, one keystroke of filtering, and one
//! step of the selection. Every measured step is one pass of the app's event loop: the key,
//! then `resize` and a full `draw` on an 80×24 `TestBackend`.
//!
//! Steps that change state get their state put back by `with_inputs`, outside the timing,
//! one iteration per sample, so every sample measures the same keystroke from the same
//! state.
//!
//! `cargo bench --bench tui` (the first run generates the book, about 10 s).

mod common;

use std::cell::RefCell;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use touchbase::config::Config;
use touchbase::tui::App;
use touchbase::tui::action::Screen;
use touchbase::tui::ui;

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

fn main() {
    // Under `cargo test --benches` compiling is the test: running each benchmark once
    // would first generate the book in a debug build.
    if !common::benchmarking() {
        return;
    }
    common::book();
    divan::main();
}

/// The app and the terminal it draws on.
struct Session {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Session {
    /// Everything the binary does before its first frame, but starting the process and
    /// setting up the terminal.
    fn open(path: &Path) -> Session {
        let store = touchbase::store::open(path).expect("opening the bench book");
        let app = App::new(store, common::now(), Config::default()).expect("loading the agenda");
        let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        let mut session = Session { app, terminal };
        session.frame();
        session
    }

    /// The rest of one pass of the event loop after a key: resize, then draw.
    fn frame(&mut self) {
        self.app.resize(ui::list_height(HEIGHT)).expect("resizing");
        let app = &self.app;
        self.terminal
            .draw(|f| touchbase::tui::draw(f, app))
            .expect("drawing");
    }

    /// One pass of the event loop: a key, then the frame it leads to.
    fn press(&mut self, code: KeyCode) {
        self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        self.frame();
    }

    fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Fails the benchmark when a key ended in an error on the status line: a bench of the
    /// error path would measure nothing useful.
    fn assert_ok(&self) {
        if let Some(status) = self
            .app
            .status
            .as_ref()
            .filter(|s| s.tone == touchbase::tui::app::Tone::Refused)
        {
            panic!("the app reported an error: {}", status.text);
        }
    }

    /// On the customers screen, with the filter loaded and `query` typed.
    fn filtering(query: &str) -> Session {
        let mut s = Session::open(common::book());
        s.press(KeyCode::Char('2'));
        s.press(KeyCode::Char('/'));
        s.type_str(query);
        s.assert_ok();
        assert_eq!(s.filter_query(), query);
        assert!(
            s.view().count() > s.view().height,
            "'{query}' should match more than a screenful"
        );
        s
    }

    fn view(&self) -> &touchbase::tui::customers::CustomersView {
        self.app
            .customers
            .as_ref()
            .expect("the customers screen is loaded")
    }

    fn view_mut(&mut self) -> &mut touchbase::tui::customers::CustomersView {
        self.app
            .customers
            .as_mut()
            .expect("the customers screen is loaded")
    }

    fn filter_query(&self) -> &str {
        self.view().filter.as_ref().map_or("", |f| f.query.as_str())
    }
}

/// Runs `measured` on `session` once per sample, after `reset` (untimed) has put the state
/// back. Both get the same session, hence one iteration per sample.
fn bench_step(
    bencher: Bencher,
    session: Session,
    reset: impl Fn(&mut Session),
    measured: impl Fn(&mut Session),
) {
    let session = RefCell::new(session);
    bencher
        .with_inputs(|| reset(&mut session.borrow_mut()))
        .bench_local_values(|()| measured(&mut session.borrow_mut()));
    session.borrow().assert_ok();
}

/// `store::open` + `App::new` (the agenda) + `resize` + the first `draw`. The app is dropped
/// outside the timing.
#[divan::bench(sample_count = 40)]
fn first_frame(bencher: Bencher) {
    let path = common::book();
    bencher.bench_local(|| Session::open(path));
}

/// Looking at a screen or the filter for the first time in a session.
mod first_open {
    use super::{Bencher, KeyCode, Screen, Session, bench_step, common};
    use touchbase::app::customers::Sort;

    /// `2` from the agenda: counts the book and loads the first window.
    #[divan::bench(sample_count = 40, sample_size = 1)]
    fn customers_screen(bencher: Bencher) {
        bench_step(
            bencher,
            Session::open(common::book()),
            |s| {
                s.app.customers = None;
                s.app.screen = Screen::Agenda;
                s.frame();
            },
            |s| s.press(KeyCode::Char('2')),
        );
    }

    /// `o` from the last-contact order: ranks the whole book by urgency.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn urgency_sort(bencher: Bencher) {
        let mut session = Session::open(common::book());
        session.press(KeyCode::Char('2'));
        bench_step(
            bencher,
            session,
            |s| {
                while s.view().sort != Sort::LastContact {
                    s.press(KeyCode::Char('o'));
                }
            },
            |s| s.press(KeyCode::Char('o')),
        );
    }

    /// `/` on the customers screen: loads every customer's searchable text.
    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn filter(bencher: Bencher) {
        let mut session = Session::open(common::book());
        session.press(KeyCode::Char('2'));
        bench_step(
            bencher,
            session,
            |s| {
                // Dropping the previous index happens here, untimed.
                let view = s.view_mut();
                view.filter = None;
                view.typing = false;
                s.frame();
            },
            |s| s.press(KeyCode::Char('/')),
        );
    }
}

/// One keystroke in the filter, with 100k customers loaded.
mod filter_key {
    use super::{Bencher, KeyCode, Session, bench_step};

    /// The first character: every customer is a candidate.
    #[divan::bench(sample_count = 40, sample_size = 1)]
    fn first_char(bencher: Bencher) {
        type_char(bencher, "", 'm');
    }

    /// A third character: only the matches of the first two are searched. "mar" is a
    /// worst case: 41% of the book has it in some field.
    #[divan::bench(sample_count = 40, sample_size = 1)]
    fn third_char(bencher: Bencher) {
        type_char(bencher, "ma", 'r');
    }

    /// Each keystroke of typing a name, "bakker": the n-th letter with the first n - 1
    /// typed (526 of 100k customers are Bakkers).
    #[divan::bench(args = [1, 2, 3, 4, 5, 6], sample_count = 40, sample_size = 1)]
    fn typing_a_name(bencher: Bencher, n: usize) {
        let name = "bakker";
        let c = name.chars().nth(n - 1).expect("n is within the name");
        type_char(bencher, &name[..n - 1], c);
    }

    /// Backspace: the previous query's matches come back.
    #[divan::bench(sample_count = 40, sample_size = 1)]
    fn backspace(bencher: Bencher) {
        bench_step(
            bencher,
            Session::filtering("mar"),
            |s| {
                if s.filter_query() == "ma" {
                    s.press(KeyCode::Char('r'));
                }
            },
            |s| s.press(KeyCode::Backspace),
        );
    }

    fn type_char(bencher: Bencher, before: &'static str, c: char) {
        bench_step(
            bencher,
            Session::filtering(before),
            move |s| {
                if s.filter_query() != before {
                    s.press(KeyCode::Backspace);
                }
            },
            move |s| s.press(KeyCode::Char(c)),
        );
    }
}

/// `j` on the customers screen, no filter.
mod select_next {
    use super::{Bencher, KeyCode, Session, bench_step, common};

    /// The next row is on screen: no query, only the redraw.
    #[divan::bench(sample_count = 100, sample_size = 1)]
    fn within_window(bencher: Bencher) {
        let mut session = Session::open(common::book());
        session.press(KeyCode::Char('2'));
        session.type_str("jjjjj");
        bench_step(
            bencher,
            session,
            |s| {
                if s.view().selected == 6 {
                    s.press(KeyCode::Char('k'));
                }
                assert_eq!((s.view().top, s.view().selected), (0, 5));
            },
            |s| s.press(KeyCode::Char('j')),
        );
    }

    /// The selection is on the last visible row, `top` rows into the book: `j` scrolls and
    /// loads the next window.
    #[divan::bench(args = [0, 50_000, 99_000], sample_count = 60, sample_size = 1)]
    fn across_window_edge(bencher: Bencher, top: usize) {
        let mut session = Session::open(common::book());
        session.press(KeyCode::Char('2'));
        bench_step(
            bencher,
            session,
            move |s| {
                let store = &*s.app.store;
                let view = s.app.customers.as_mut().expect("the customers screen is loaded");
                view.top = top;
                view.selected = top + view.height - 1;
                view.load_window(store).expect("loading the window");
                assert_eq!(view.rows.len(), view.height, "a full window at {top}");
                s.frame();
            },
            |s| s.press(KeyCode::Char('j')),
        );
    }
}

/// Keeping the screen current while another process writes the book (`tui/live.rs`).
mod live {
    use std::cell::{Cell, RefCell};

    use super::{Bencher, KeyCode, Session, bench_step, common};
    use touchbase::domain::quicklog;

    /// One look for a change made elsewhere when there is none: what the idle app does
    /// four times a second.
    #[divan::bench(sample_count = 100)]
    fn look_when_nothing_changed(bencher: Bencher) {
        let session = RefCell::new(Session::open(common::book()));
        bencher.bench_local(|| assert!(!session.borrow_mut().app.look_for_changes()));
    }

    /// Another process logs a contact (untimed), then the look that finds it: the agenda
    /// and the customers screen read again, the selection put back, the frame drawn.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn look_after_a_change_elsewhere(bencher: Bencher) {
        let copy = common::WritableCopy::new("book-100k-live.db");
        let mut session = Session::open(&copy.0);
        session.press(KeyCode::Char('2'));
        session.press(KeyCode::Char('j'));
        let other = RefCell::new(touchbase::store::open(&copy.0).expect("opening the copy"));
        let now = common::now();
        let line = quicklog::parse("call: checked in", now.local().naive_local()).expect("a valid line");
        // Each sample logs for another customer, far down the book's order.
        let next = Cell::new(50_000_i64);
        bench_step(
            bencher,
            session,
            |_| {
                next.set(next.get() + 1);
                other
                    .borrow_mut()
                    .log_contact(next.get(), &line, now.utc)
                    .expect("logging elsewhere");
            },
            |s| {
                assert!(s.app.look_for_changes(), "the change is seen");
                s.frame();
            },
        );
    }
}
