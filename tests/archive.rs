//! Archived customers: put away from the agenda, `due`, the lists, the week and the
//! ranking with everything recorded kept, and brought back — through the use cases, the
//! real binary, and the terminal app's keys. What the store promises about the flag is
//! in the contract suite (tests/store/).

use assert_cmd::Command;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use predicates::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use tempfile::TempDir;
use touchbase::app::{Refused, Who, agenda, archive, urgency, week};
use touchbase::clock::{Now, Zone};
use touchbase::config::Config;
use touchbase::domain::quicklog;
use touchbase::store::{Book, CustomerPatch, NewCustomer};
use touchbase::tui::App;
use touchbase::tui::action::Screen;
use touchbase::tui::ui;

/// Monday 23 November 2026, 09:00 UTC.
const NOW: &str = "2026-11-23T09:00:00Z";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> Now {
    Now::at(at(NOW), Zone::UTC)
}

// ---------------------------------------------------------------------------------------
// The use cases

/// A book with Acme (a follow-up overdue since Friday) and Gamma Foods (never contacted).
struct Shelf {
    dir: TempDir,
    acme: i64,
    gamma: i64,
}

impl Shelf {
    fn new() -> Shelf {
        let dir = TempDir::new().unwrap();
        let shelf = Shelf {
            dir,
            acme: 0,
            gamma: 0,
        };
        let mut store = shelf.open();
        let mut add = |name: &str| {
            let new = NewCustomer {
                name: name.into(),
                ..NewCustomer::default()
            };
            store.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id
        };
        let acme = add("Acme");
        let gamma = add("Gamma Foods");
        let line = quicklog::parse(
            "call: pricing >> send the quote @2026-11-20",
            at("2026-11-16T10:00:00Z").naive_utc(),
        )
        .unwrap();
        store
            .log_contact(acme, &line, at("2026-11-16T10:00:00Z"))
            .unwrap();
        Shelf { acme, gamma, ..shelf }
    }

    /// A handle on the book, as another process would open it.
    fn open(&self) -> Box<dyn Book> {
        touchbase::store::open(&self.dir.path().join("touchbase.db")).unwrap()
    }

    fn archived(&self, id: i64) -> bool {
        self.open().require_customer(id).unwrap().archived
    }
}

#[test]
fn an_archived_customer_is_out_of_the_agenda_the_ranking_and_the_week() {
    let s = Shelf::new();
    let mut store = s.open();
    let config = Config::default();
    let in_agenda = |store: &dyn Book| -> Vec<i64> {
        let agenda = agenda::agenda(store, now(), &config).unwrap();
        agenda.due.nudges.iter().map(|n| n.customer_id).collect()
    };
    let in_due = |store: &dyn Book| -> Vec<i64> {
        let due = agenda::due(store, now(), &config, None).unwrap();
        due.nudges.iter().map(|n| n.customer_id).collect()
    };
    let in_week = |store: &dyn Book| -> Vec<i64> {
        let plan = week::plan_week(store, now(), &config, None).unwrap();
        plan.items.iter().map(|i| i.customer_id).collect()
    };
    assert!(in_agenda(&*store).contains(&s.acme));
    assert!(in_due(&*store).contains(&s.acme));
    assert!(in_week(&*store).contains(&s.acme));

    let shelved = archive::archive(&mut *store, now(), Who::Id(s.acme)).unwrap();
    assert!(shelved.customer.archived && shelved.change.is_some());
    assert!(!in_agenda(&*store).contains(&s.acme));
    assert!(!in_due(&*store).contains(&s.acme));
    assert!(!in_week(&*store).contains(&s.acme));
    let ranked = urgency::ranked_ids(&*store, now(), &config).unwrap();
    assert_eq!(ranked, [s.gamma]);

    let back = archive::unarchive(&mut *store, now(), Who::Typed("acme")).unwrap();
    assert!(!back.customer.archived && back.change.is_some());
    assert!(in_agenda(&*store).contains(&s.acme));
}

#[test]
fn doing_either_twice_changes_nothing_and_has_nothing_to_undo() {
    let s = Shelf::new();
    let mut store = s.open();
    archive::archive(&mut *store, now(), Who::Typed("gamma")).unwrap();
    let again = archive::archive(&mut *store, now(), Who::Typed("gamma")).unwrap();
    assert!(again.customer.archived);
    assert_eq!(again.change, None);
    archive::unarchive(&mut *store, now(), Who::Typed("gamma")).unwrap();
    let again = archive::unarchive(&mut *store, now(), Who::Typed("gamma")).unwrap();
    assert_eq!(again.change, None);
    let err = archive::archive(&mut *store, now(), Who::Typed("nobody")).unwrap_err();
    assert_eq!(Refused::of(&err), Some(&Refused::NoSuchCustomer("nobody".into())));
}

// ---------------------------------------------------------------------------------------
// The command line

struct Cli {
    _dir: TempDir,
    db: std::path::PathBuf,
}

impl Cli {
    /// Acme and Gamma Foods, each with a follow-up overdue.
    fn new() -> Cli {
        let dir = TempDir::new().unwrap();
        let book = Cli {
            db: dir.path().join("touchbase.db"),
            _dir: dir,
        };
        for name in ["Acme", "Gamma Foods"] {
            book.ok(&["add", name]);
        }
        // Logged a week ago, so both follow-ups are overdue now.
        for (who, line) in [
            ("acme", "call: pricing >> send the quote @2026-11-20"),
            ("gamma", "call: samples >> send the samples @2026-11-20"),
        ] {
            book.run(&["log", who, line])
                .env("TOUCHBASE_NOW", "2026-11-16T10:00:00Z")
                .assert()
                .success();
        }
        book
    }

    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("touchbase").unwrap();
        cmd.env("TOUCHBASE_NOW", NOW)
            .env("TZ", "UTC")
            .env_remove("TOUCHBASE_TZ")
            .env("TOUCHBASE_CONFIG", "/nonexistent/touchbase-config.toml")
            .env_remove("TOUCHBASE_DB")
            .arg("--db")
            .arg(&self.db)
            .args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.push("--json");
        serde_json::from_str(&self.ok(&args)).unwrap()
    }

    /// The customers a `--json` listing names, each once, in its order.
    fn names(&self, args: &[&str]) -> Vec<String> {
        let found = self.json(args);
        let rows = found.as_array().unwrap_or_else(|| panic!("{args:?}: {found}"));
        let mut names: Vec<String> = rows
            .iter()
            .map(|r| {
                r.get("customer")
                    .or(r.get("name"))
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        names.dedup();
        names
    }

    /// The customers of this week's exported items, sorted.
    fn week_names(&self) -> Vec<String> {
        let week: Value = serde_json::from_str(&self.ok(&["export", "week", "--format", "json"])).unwrap();
        let items = week["items"].as_array().unwrap().iter();
        let mut names: Vec<String> = items
            .map(|i| i["customer"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

#[test]
fn archive_hides_a_customer_until_unarchive_brings_them_back() {
    let book = Cli::new();
    assert_eq!(book.names(&["list", "--sort", "name"]), ["Acme", "Gamma Foods"]);
    assert_eq!(book.names(&["due"]), ["Acme", "Gamma Foods"]);
    assert_eq!(book.week_names(), ["Acme", "Gamma Foods"]);

    assert_eq!(
        book.ok(&["archive", "gamma"]),
        "Archived Gamma Foods — hidden from the agenda, lists and the week; `touchbase unarchive 2` brings it back\n"
    );
    assert_eq!(book.names(&["list", "--sort", "name"]), ["Acme"]);
    assert_eq!(book.names(&["list", "--sort", "urgency"]), ["Acme"]);
    assert_eq!(book.names(&["due"]), ["Acme"]);
    assert_eq!(book.names(&["list", "--archived"]), ["Gamma Foods"]);
    assert_eq!(
        book.names(&["list", "--archived", "--sort", "urgency"]),
        ["Gamma Foods"]
    );
    assert_eq!(book.week_names(), ["Acme"]);
    book.run(&["list", "--archived"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Gamma Foods").and(predicate::str::contains("Acme").not()));
    book.run(&["show", "gamma"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "archived — hidden from the agenda, lists and the week; `touchbase unarchive 2` brings it back",
        ));
    let shown = book.json(&["show", "2"]);
    assert_eq!(shown["archived"], true);
    assert_eq!(shown["follow_ups"][0]["text"], "send the samples", "all kept");

    assert_eq!(
        book.ok(&["unarchive", "gamma"]),
        "Unarchived Gamma Foods — back in the agenda, lists and the week\n"
    );
    assert_eq!(book.names(&["list", "--sort", "name"]), ["Acme", "Gamma Foods"]);
    assert_eq!(book.names(&["due"]), ["Acme", "Gamma Foods"]);
    assert_eq!(book.week_names(), ["Acme", "Gamma Foods"]);
    assert!(book.names(&["list", "--archived"]).is_empty());
    book.run(&["list", "--archived"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "No archived customers — `touchbase archive CUSTOMER` puts one away.",
        ));
    book.run(&["show", "gamma"])
        .assert()
        .success()
        .stdout(predicate::str::contains("archived").not());
    assert_eq!(book.json(&["show", "2"])["archived"], false);
}

#[test]
fn help_names_archive_unarchive_and_the_archived_list() {
    let book = Cli::new();
    book.run(&["--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("archive").and(predicate::str::contains("unarchive")));
    for command in ["archive", "unarchive"] {
        book.run(&[command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage").and(predicate::str::contains("--json")));
    }
    book.run(&["list", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--archived"));
}

#[test]
fn archiving_twice_says_so_and_changes_nothing() {
    let book = Cli::new();
    let first = book.json(&["archive", "acme"]);
    assert_eq!(
        (&first["archived"], &first["changed"]),
        (&true.into(), &true.into())
    );
    assert_eq!(first["next_follow_up"], "2026-11-20", "the follow-up is kept");
    assert_eq!(
        book.ok(&["archive", "acme"]),
        "Acme is already archived — nothing changed; `touchbase unarchive 1` brings it back\n"
    );
    assert_eq!(book.json(&["archive", "1"])["changed"], false);

    assert_eq!(book.json(&["unarchive", "acme"])["changed"], true);
    assert_eq!(
        book.ok(&["unarchive", "acme"]),
        "Acme is not archived — nothing changed\n"
    );
    let again = book.json(&["unarchive", "1"]);
    assert_eq!(
        (&again["archived"], &again["changed"]),
        (&false.into(), &false.into())
    );
    // `list --json` carries the flag too.
    assert_eq!(book.json(&["list"])[0]["archived"], false);
}

#[test]
fn archiving_an_unknown_customer_is_an_error_that_changes_nothing() {
    let book = Cli::new();
    for command in ["archive", "unarchive"] {
        book.run(&[command, "nobody"])
            .assert()
            .failure()
            .stdout("")
            .stderr(predicate::str::contains(
                "no customer is called 'nobody', and no name or company has words starting like it — see `touchbase list`",
            ));
        book.run(&[command, "99"])
            .assert()
            .failure()
            .stdout("")
            .stderr(predicate::str::contains(
                "no customer with id 99 — see `touchbase list` for ids",
            ));
    }
    assert!(book.names(&["list", "--archived"]).is_empty());
    assert_eq!(book.names(&["list", "--sort", "name"]), ["Acme", "Gamma Foods"]);
}

#[test]
fn a_name_is_looked_for_where_the_command_expects_it_first() {
    // An active Gamma Foods and an archived Gamma Logistics: `unarchive gamma` means the
    // archived one, `archive gamma` the active one.
    let book = Cli::new();
    book.ok(&["add", "Gamma Logistics"]);
    book.ok(&["archive", "gamma logistics"]);
    assert_eq!(book.json(&["unarchive", "gamma"])["name"], "Gamma Logistics");
    book.ok(&["archive", "gamma logistics"]);
    assert_eq!(book.json(&["archive", "gamma"])["name"], "Gamma Foods");
    // Both archived now: the name is ambiguous among them, and says so.
    book.run(&["unarchive", "gamma"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("matches more than one customer"));
    // Commands that act on the active book do not find them by name.
    book.run(&["log", "gamma foods", "call: hi"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no customer is called 'gamma foods'"));
}

// ---------------------------------------------------------------------------------------
// The terminal app

/// The terminal app on a `Shelf` book (Acme with an overdue follow-up, Gamma Foods never
/// contacted), on the Agenda.
struct Tui {
    shelf: Shelf,
    app: App,
}

impl Tui {
    fn new() -> Tui {
        let shelf = Shelf::new();
        let app = App::new(shelf.open(), now(), Config::default()).unwrap();
        Tui { shelf, app }
    }

    fn press(&mut self, code: KeyCode) {
        self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn keys(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    fn status(&self) -> String {
        let status = self.app.status.as_ref().expect("a status line");
        status.text.clone()
    }

    fn archived(&self, id: i64) -> bool {
        self.shelf.archived(id)
    }

    /// The screen as drawn at `width`×`height`, line by line.
    fn screen(&mut self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        self.app.resize(ui::list_height(height)).unwrap();
        terminal.draw(|f| touchbase::tui::draw(f, &self.app)).unwrap();
        let buffer = terminal.backend().buffer();
        let mut text = String::new();
        for y in 0..height {
            for x in 0..width {
                text.push_str(buffer[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }

    /// The names on the Customers screen, top to bottom.
    fn listed(&self) -> Vec<String> {
        let view = self.app.customers.as_ref().expect("the customers screen");
        view.rows.iter().map(|r| r.customer.name.clone()).collect()
    }
}

#[test]
fn a_on_the_customers_list_archives_the_selected_customer_and_u_brings_them_back() {
    let mut t = Tui::new();
    t.keys("2");
    assert_eq!(t.listed(), ["Gamma Foods", "Acme"]);
    t.keys("jA");
    assert_eq!(
        t.status(),
        "Archived Acme — out of the agenda, lists and the week; u undoes"
    );
    assert!(t.archived(t.shelf.acme));
    assert_eq!(t.listed(), ["Gamma Foods"]);
    assert!(
        t.app
            .agenda
            .selected()
            .is_none_or(|item| item.customer_id() != t.shelf.acme),
        "out of the agenda"
    );

    t.keys("u");
    assert_eq!(t.status(), "Undone: archived Acme (Mon 23 Nov 09:00)");
    assert!(!t.archived(t.shelf.acme));
    assert_eq!(t.listed(), ["Gamma Foods", "Acme"]);
}

#[test]
fn a_on_the_card_archives_and_unarchives_the_customer_shown() {
    let mut t = Tui::new();
    t.press(KeyCode::Enter); // the overdue follow-up's customer: Acme
    assert_eq!(t.app.screen, Screen::Customer);
    t.keys("A");
    assert!(t.archived(t.shelf.acme));
    assert_eq!(t.app.screen, Screen::Customer, "the card stays open");
    let screen = t.screen(80, 24);
    assert!(
        screen.contains(" Archived · Acme (A brings back) "),
        "the card says so:\n{screen}"
    );

    t.keys("A");
    assert_eq!(
        t.status(),
        "Unarchived Acme — back in the agenda, lists and the week"
    );
    assert!(!t.archived(t.shelf.acme));
    assert!(!t.screen(80, 24).contains("Archived"));
    t.keys("u");
    assert_eq!(
        t.status(),
        "Undone: brought Acme back from the archive (Mon 23 Nov 09:00)"
    );
    assert!(t.archived(t.shelf.acme));
}

#[test]
fn the_card_says_archived_first_so_a_long_name_cannot_hide_it() {
    let mut t = Tui::new();
    let long = CustomerPatch {
        company: Some("Koninklijke Acme Logistiek en Distributie Holding BV".into()),
        ..CustomerPatch::default()
    };
    t.shelf
        .open()
        .update_customer(t.shelf.acme, &long, at(NOW))
        .unwrap();
    t.press(KeyCode::Enter); // Acme
    t.keys("A");
    let screen = t.screen(80, 24);
    let title = screen.lines().nth(1).unwrap();
    assert!(
        title.starts_with(" Archived · Acme — Koninklijke Acme"),
        "{title}"
    );
}

#[test]
fn hash_archived_lists_the_archive_where_a_brings_a_customer_back() {
    let mut t = Tui::new();
    t.keys("2/#archived");
    assert!(t.listed().is_empty(), "nobody archived yet");
    assert!(
        t.screen(80, 24)
            .contains("Nobody is archived: A puts the selected customer away."),
        "{}",
        t.screen(80, 24)
    );
    t.press(KeyCode::Esc);
    t.keys("A"); // Gamma Foods, the first row
    assert!(t.archived(t.shelf.gamma));

    t.keys("/#archived");
    assert_eq!(t.listed(), ["Gamma Foods"]);
    let screen = t.screen(80, 24);
    assert!(
        screen.contains(" Customers · archived · 1 of 1 match · by last contact "),
        "{screen}"
    );
    assert!(
        screen.contains(" #archived archive "),
        "the footer tells of it:\n{screen}"
    );
    t.press(KeyCode::Enter); // keep the filter, back to the keys
    t.keys("A");
    assert_eq!(
        t.status(),
        "Unarchived Gamma Foods — back in the agenda, lists and the week"
    );
    assert!(!t.archived(t.shelf.gamma));
    let view = t.app.customers.as_ref().unwrap();
    assert_eq!(view.filter.as_ref().unwrap().query, "#archived", "the query kept");
    assert!(t.listed().is_empty(), "the archive is empty again");
    t.press(KeyCode::Esc);
    assert_eq!(t.listed(), ["Gamma Foods", "Acme"]);
}

#[test]
fn undo_of_an_archive_refuses_when_another_process_brought_them_back() {
    let mut t = Tui::new();
    t.keys("2A");
    assert!(t.archived(t.shelf.gamma));
    t.shelf
        .open()
        .set_archived(t.shelf.gamma, false, at(NOW))
        .unwrap();
    t.keys("u");
    assert_eq!(
        t.status(),
        "Can't undo archived Gamma Foods: they were unarchived since — nothing older to undo"
    );
    assert_eq!(
        t.app.status.as_ref().unwrap().tone,
        touchbase::tui::app::Tone::Refused
    );
    assert!(!t.archived(t.shelf.gamma), "nothing changed");
    assert_eq!(t.listed(), ["Gamma Foods", "Acme"], "the screen shows what is so");
}

#[test]
fn a_when_another_process_archived_them_first_says_so_and_has_nothing_to_undo() {
    let mut t = Tui::new();
    t.keys("2");
    t.shelf.open().set_archived(t.shelf.gamma, true, at(NOW)).unwrap();
    t.keys("A"); // Gamma Foods, still on the screen
    assert_eq!(t.status(), "Gamma Foods is already archived — nothing changed");
    assert_eq!(t.listed(), ["Acme"], "the screen shows what is so");
    t.keys("u");
    assert_eq!(t.status(), "Nothing to undo.");
    // Said as a pointer, not as something done.
    assert_eq!(
        t.app.status.as_ref().unwrap().tone,
        touchbase::tui::app::Tone::Info
    );
}

#[test]
fn the_help_at_80x24_shows_the_archive_key_and_word() {
    let mut t = Tui::new();
    t.keys("?");
    let first = t.screen(80, 24);
    assert!(
        first.contains("│ A     archive / unarchive the customer "),
        "{first}"
    );
    assert!(
        first.contains(" /     filter: words, #tag or #archived"),
        "{first}"
    );
    // Past the customer card's keys and those of its overlays, those of the filter.
    t.press(KeyCode::Tab);
    t.press(KeyCode::Tab);
    t.press(KeyCode::Tab);
    let typing = t.screen(80, 24);
    assert!(
        typing.contains("│ #archived   search the archive instead "),
        "{typing}"
    );
}
