//! Each user action through both front ends on the same book: the binary as a script runs
//! it, and the terminal app as keys. What one refuses the other refuses, in the same words;
//! what one takes the other takes; what one reads the other reads.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod demo;
    pub mod json;
    pub mod keys;
}

use common::book::Book;
use common::clock::NOW;
use common::keys::{self, Keys};
use crossterm::event::KeyCode;
use serde_json::Value;
use touchbase::app::moments::{self, MomentInput};
use touchbase::app::{Refused, Who, customers, follow_ups, orders, triggers};
use touchbase::clock::Now;
use touchbase::config::Config;
use touchbase::tui::App;
use touchbase::tui::app::Overlay;

/// One book, written by the binary and read by a terminal app opened on it afterwards.
impl Book {
    /// Acme, with a follow-up due tomorrow.
    fn acme() -> Book {
        let book = Book::empty();
        book.ok(&["add", "Acme", "--company", "Acme BV"]);
        book.ok(&["log", "acme", "call: pricing >> send the quote @tomorrow"]);
        book
    }

    /// What the binary says when it refuses `args`, without its "touchbase: " prefix.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args).assert().failure().get_output().stderr.clone();
        let said = String::from_utf8(out).unwrap();
        said.trim_end()
            .strip_prefix("touchbase: ")
            .unwrap_or(&said)
            .to_string()
    }

    fn store(&self) -> Box<dyn touchbase::store::Book> {
        touchbase::store::open(&self.db).unwrap()
    }

    /// What the binary says refusing `args`, after checking that the app, on Acme's card,
    /// says the same to `typed` in the prompt or form behind `key`.
    fn refused_alike(&self, args: &[&str], key: &str, typed: &str) -> String {
        let cli = self.refused(args);
        let mut tui = self.tui();
        tui.submit(key, typed);
        assert_eq!(tui.refusal(), cli, "{key} {typed:?}");
        cli
    }

    /// The terminal app on this book, on Acme's card.
    fn tui(&self) -> Tui {
        let mut tui = Tui {
            app: keys::app(self.store()),
        };
        tui.keys("2");
        tui.press(KeyCode::Enter);
        assert_eq!(
            tui.app.customer.as_ref().map(|c| c.customer.name.as_str()),
            Some("Acme"),
            "on Acme's card"
        );
        tui
    }
}

struct Tui {
    app: App,
}

impl Keys for Tui {
    fn target(&mut self) -> &mut App {
        &mut self.app
    }
}

impl Tui {
    /// The error the open prompt or form shows; panics when it closed (it took the input).
    fn refusal(&self) -> String {
        match &self.app.overlay {
            Some(Overlay::Prompt(p)) => p.error.as_ref().expect("a prompt error").0.clone(),
            Some(Overlay::Form(f)) => f.error.clone().expect("a form error"),
            _ => panic!("the input was taken; status: {:?}", self.app.status),
        }
    }

    fn status(&self) -> &str {
        &self.app.status.as_ref().expect("a status line").text
    }
}

#[test]
fn show_and_the_customer_screen_read_the_same_card() {
    let book = Book::acme();
    book.ok(&["moment", "add", "acme", "Board approves budget", "@2026-11-25"]);
    book.ok(&["trigger", "add", "acme", "reactional", "delivery late"]);
    book.ok(&["give", "acme", "christmas hamper"]);
    book.ok(&["order", "acme", "12000"]);
    book.ok(&["log", "acme", "email: sent the deck >> call back @today"]);
    let shown = book.json(&["show", "acme"]);
    let why = book.json(&["why", "acme"]);
    let tui = book.tui();
    let card = tui.app.customer.as_ref().unwrap();
    let ids = |v: &Value| -> Vec<i64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_i64().unwrap())
            .collect()
    };
    let of = |v: &[i64]| v.to_vec();
    assert_eq!(
        ids(&shown["follow_ups"]),
        of(&card.follow_ups.iter().map(|f| f.id).collect::<Vec<_>>())
    );
    assert_eq!(
        ids(&shown["moments"]),
        of(&card.moments.iter().map(|m| m.id).collect::<Vec<_>>())
    );
    assert_eq!(
        ids(&shown["triggers"]),
        of(&card.triggers.iter().map(|t| t.id).collect::<Vec<_>>())
    );
    assert_eq!(
        ids(&shown["interactions"]),
        of(&card.timeline.iter().map(|i| i.id).collect::<Vec<_>>())
    );
    let urgency = touchbase::domain::nudge::urgency(&card.why);
    assert!(urgency > 0.0, "a follow-up due today");
    assert_eq!(shown["urgency"].as_f64(), Some(urgency));
    assert_eq!(why["total"].as_f64(), Some(urgency));
    let kinds: Vec<&str> = card.why.iter().map(|n| n.kind.as_str()).collect();
    let terms: Vec<&str> = why["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(terms, kinds);
}

#[test]
fn list_by_urgency_and_the_customers_screen_rank_the_book_alike() {
    let book = Book::demo();
    let listed: Vec<i64> = book
        .json(&["list", "--sort", "urgency"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let mut tui = Tui {
        app: keys::app(book.store()),
    };
    tui.keys("2o");
    let view = tui.app.customers.as_ref().unwrap();
    assert_eq!(view.sort, touchbase::app::customers::Sort::Urgency);
    let shown: Vec<i64> = view.rows.iter().map(|r| r.customer.id).collect();
    assert!(shown.len() >= 10, "a screenful: {}", shown.len());
    assert_eq!(shown, listed[..shown.len()]);
}

#[test]
fn a_customer_without_a_name_is_refused_in_the_same_words() {
    Book::acme().refused_alike(&["add", " "], "a", "");
}

#[test]
fn a_malformed_e_mail_address_is_refused_in_the_same_words_by_add_and_both_forms() {
    let book = Book::acme();
    let cli = book.refused(&["add", "Zoe", "--email", "zoe@@example"]);
    assert_eq!(
        cli,
        "'zoe@@example' is not an e-mail address: it has more than one @ — type it like jan@example.com"
    );
    let mut tui = book.tui();
    tui.keys("aZoe");
    tui.press(KeyCode::Tab);
    tui.press(KeyCode::Tab);
    tui.submit("", "zoe@@example");
    assert_eq!(tui.refusal(), cli, "the add form");
    let mut tui = book.tui();
    tui.keys("e");
    tui.press(KeyCode::Tab);
    tui.press(KeyCode::Tab);
    tui.submit("", "zoe@@example");
    assert_eq!(tui.refusal(), cli, "the edit form");
    let listed = book.json(&["list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "nobody was added");
    assert_eq!(listed[0]["email"], "", "Acme's address is as it was");
    book.ok(&["add", "Zoe", "--email", "zoe@example.com"]);
}

#[test]
fn a_blank_cadence_is_the_default_in_both() {
    let book = Book::acme();
    let mut tui = book.tui();
    let added = book.json(&["add", "Beta", "--cadence", " "]);
    assert_eq!(added["cadence_days"], 30);
    tui.submit("a", "Gamma");
    assert_eq!(tui.status(), "Added Gamma · in touch every 30d");
}

#[test]
fn snoozing_to_today_is_refused_in_the_same_words() {
    let book = Book::acme();
    let id = book.json(&["show", "acme"])["follow_ups"][0]["id"].to_string();
    let cli = book.refused_alike(&["snooze", &id, "today"], "s", "today");
    assert!(cli.contains("not after today"), "{cli}");
}

#[test]
fn a_quick_log_line_that_does_not_parse_is_refused_in_the_same_words() {
    let book = Book::acme();
    let cli = book.refused(&["log", "acme", "call: hi =9"]);
    let mut tui = book.tui();
    tui.submit("l", "call: hi =9");
    let said = tui.refusal();
    assert!(cli.starts_with(&said), "{cli} / {said}");
    assert!(
        cli.ends_with("Nothing was saved."),
        "the CLI marks the line: {cli}"
    );
}

#[test]
fn a_contact_in_the_future_is_refused_in_the_same_words() {
    let book = Book::acme();
    let cli = book.refused(&["log", "acme", "call tomorrow: terms"]);
    let mut tui = book.tui();
    tui.submit("l", "call tomorrow: terms");
    let said = tui.refusal();
    assert!(
        said.starts_with("the contact's time 'tomorrow' is in the future"),
        "{said}"
    );
    assert!(cli.starts_with(&said), "{cli} / {said}");
}

#[test]
fn a_backdated_contact_is_logged_at_the_same_time_by_both() {
    let book = Book::acme();
    let said = book.ok(&["log", "acme", "visit yesterday 14:30: site tour"]);
    let mut tui = book.tui();
    tui.submit("l", "call yesterday 14:30: after the tour");
    assert_eq!(tui.status(), "Logged call with Acme on Sun 22 Nov 14:30");
    assert_eq!(said.trim(), "Logged visit with Acme on Sun 22 Nov 14:30");
    let acme = book.store().customers_named("Acme", 1).unwrap().exact.remove(0);
    let timeline = book.store().interactions(acme.id, 10).unwrap();
    let yesterday: Vec<String> = timeline
        .iter()
        .filter(|i| i.at.to_rfc3339() == "2026-11-22T14:30:00+00:00")
        .map(|i| i.note.clone())
        .collect();
    assert_eq!(yesterday, ["after the tour", "site tour"], "{timeline:?}");
}

/// A name in the line that fits no one at Acme is refused by both, listing the people,
/// and a name that fits logs the contact with them in both.
#[test]
fn a_quick_log_naming_a_person_is_read_alike_by_both() {
    let book = Book::acme();
    book.ok(&["person", "add", "acme", "Anna de Boer"]);
    let cli = book.refused(&["log", "acme", "call ana yesterday: x"]);
    let mut tui = book.tui();
    tui.submit("l", "call ana yesterday: x");
    let said = tui.refusal();
    assert_eq!(said, "no one called 'ana' at Acme — Acme, Anna de Boer");
    assert!(cli.starts_with(&said), "{cli} / {said}");
    let mut tui = book.tui();
    tui.submit("l", "visit anna yesterday 14:30: site tour");
    assert_eq!(
        tui.status(),
        "Logged visit with Anna de Boer at Acme on Sun 22 Nov 14:30"
    );
    let cli = book.ok(&["log", "acme", "call anna: thanks for the tour"]);
    assert_eq!(cli.trim(), "Logged call with Anna de Boer at Acme");
    let acme = book.store().customers_named("Acme", 1).unwrap().exact.remove(0);
    let people = book.store().people_of(acme.id).unwrap();
    let (main, anna) = (people[0].id, people[1].id);
    let timeline = book.store().interactions(acme.id, 10).unwrap();
    let with: Vec<Option<i64>> = timeline.iter().map(|i| i.person_id).collect();
    assert_eq!(with, [Some(anna), Some(main), Some(anna)], "{timeline:?}");
}

#[test]
fn an_order_placed_ahead_is_refused_in_the_same_words() {
    let cli = Book::acme().refused_alike(&["order", "acme", "10", "@2027-01-01"], "$", "10 @2027-01-01");
    assert!(cli.contains("'@2027-01-01'"), "names what was typed: {cli}");
}

#[test]
fn an_order_placed_yesterday_is_taken_by_both() {
    let book = Book::acme();
    book.ok(&["order", "acme", "10", "@yesterday"]);
    let mut tui = book.tui();
    tui.submit("$", "20 @yesterday");
    assert_eq!(tui.status(), "Order of EUR 20.00 from Acme (yesterday)");
    let acme = book.store().customers_named("Acme", 1).unwrap().exact.remove(0);
    assert_eq!(acme.summary.value.0, 3000);
}

#[test]
fn a_moment_without_a_title_is_refused_in_the_same_words() {
    let book = Book::acme();
    let cli = book.refused(&["moment", "add", "acme", "  ", "@fri"]);
    let mut tui = book.tui();
    tui.keys("m");
    tui.press(KeyCode::Tab);
    tui.submit("", "fri");
    assert_eq!(tui.refusal(), cli);
}

#[test]
fn a_trigger_without_a_note_is_refused_by_both_in_the_same_words() {
    let book = Book::acme();
    book.refused_alike(
        &["trigger", "add", "acme", "reactional", " "],
        "t",
        "reactional: ",
    );
    assert!(book.store().triggers_of(1).unwrap().is_empty(), "nothing saved");
}

#[test]
fn a_give_without_a_note_is_refused_in_the_same_words() {
    Book::acme().refused_alike(&["give", "acme", " "], "b", "give: ");
}

#[test]
fn a_customer_is_found_by_id_exact_name_or_unique_prefix_and_the_cli_says_where_to_look() {
    let book = Book::acme();
    book.ok(&["add", "Acme Logistics"]);
    book.ok(&["add", "Beta"]);
    let store = book.store();
    let find = |typed: &str| customers::find(&*store, Who::Typed(typed));
    let refused = |typed: &str| Refused::of(&find(typed).unwrap_err()).cloned();
    assert_eq!(find("1").unwrap().name, "Acme");
    assert_eq!(find(" acme ").unwrap().name, "Acme", "an exact name wins");
    assert_eq!(find("bE").unwrap().name, "Beta");
    assert_eq!(customers::find(&*store, Who::Id(3)).unwrap().name, "Beta");
    assert_eq!(refused(" "), Some(Refused::NoCustomerGiven));
    assert_eq!(refused("zeta"), Some(Refused::NoSuchCustomer("zeta".into())));
    let Some(Refused::Ambiguous { candidates, more, .. }) = refused("ac") else {
        panic!("'ac' is ambiguous");
    };
    assert_eq!(candidates.len(), 2);
    assert!(!more);
    let said = refused("zeta").unwrap().to_string();
    assert!(
        !said.contains("touchbase"),
        "no command line in the use case: {said}"
    );
    let cli = book.refused(&["show", "zeta"]);
    assert_eq!(cli, format!("{said} — see `touchbase list`"));
}

#[test]
fn a_refused_action_writes_nothing() {
    let book = Book::acme();
    let mut store = book.store();
    let now = Now::parse(NOW).unwrap();
    let acme = Who::Typed("acme");
    let refused = |e: anyhow::Error| Refused::of(&e).cloned();
    let e = triggers::open(&mut *store, now, acme, "reactional", "  ").unwrap_err();
    assert_eq!(refused(e), Some(Refused::NoTriggerNote));
    let e = triggers::open(&mut *store, now, acme, "rumour", "moving").unwrap_err();
    assert!(matches!(refused(e), Some(Refused::TriggerKind(_))));
    let config = Config::default();
    let e = orders::record(&mut *store, now, &config, acme, "10", Some("@tomorrow")).unwrap_err();
    assert_eq!(refused(e), Some(Refused::OrderAhead("@tomorrow".into())));
    let input = MomentInput {
        title: " ",
        when: "fri",
        ..MomentInput::default()
    };
    let e = moments::plan(
        &mut *store,
        now,
        touchbase::domain::workdays::Workdays::default(),
        acme,
        &input,
    )
    .unwrap_err();
    assert_eq!(refused(e), Some(Refused::NoTitle));
    let id = store.open_follow_ups(1).unwrap()[0].id;
    let e = follow_ups::snooze(
        &mut *store,
        now,
        touchbase::domain::workdays::Workdays::default(),
        id,
        "today",
    )
    .unwrap_err();
    assert_eq!(refused(e), Some(Refused::SnoozeNotLater("today".into())));

    let acme = store.require_customer(1).unwrap();
    assert!(store.triggers_of(1).unwrap().is_empty());
    assert!(store.moments_of(1).unwrap().is_empty());
    assert_eq!(acme.summary.value.0, 0);
    assert_eq!(store.open_follow_ups(1).unwrap()[0].due.to_string(), "2026-11-24");
}
