//! Keys typed into the terminal app, checked against what the database holds afterwards.

mod common {
    pub mod clock;
    pub mod keys;
    pub mod session;
    pub mod store;
}

use common::clock::NOW;
use common::keys::Keys;
use common::session::Session;
use common::store::{at, day, new_book};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use touchbase::app::customers::Sort;
use touchbase::clock::Now;
use touchbase::config::Config;
use touchbase::domain::money::Cents;
use touchbase::domain::quicklog;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::NewCustomer;
use touchbase::tui::action::{CardList, Screen};

impl Session {
    /// Acme with an overdue follow-up, Beta without anything.
    fn acme_and_beta() -> Session {
        Session::new(|store| {
            let mut add = |name: &str| {
                let new = NewCustomer {
                    name: name.into(),
                    ..NewCustomer::default()
                };
                store.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id
            };
            let acme = add("Acme");
            add("Beta");
            let line = quicklog::parse(
                "call: pricing >> send the quote @2026-11-20",
                at("2026-11-16T10:00:00Z").naive_utc(),
            )
            .unwrap();
            store
                .log_contact(acme, &line, at("2026-11-16T10:00:00Z"))
                .unwrap();
            acme
        })
    }

    fn ctrl(&mut self, c: char) {
        self.app
            .on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    fn alt(&mut self, c: char) {
        self.app
            .on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
    }

    fn status(&self) -> &str {
        &self.app.status.as_ref().expect("a status line").text
    }
}

#[test]
fn logging_from_the_card_saves_the_contact_and_its_follow_up() {
    let mut f = Session::acme_and_beta();
    f.press(KeyCode::Enter); // the overdue follow-up's customer: Acme
    assert_eq!(f.app.screen, Screen::Customer);
    f.submit("l", "call: agreed on volumes >> send contract @fri =5");
    assert_eq!(
        f.status(),
        "Logged call with Acme · follow-up “send contract” Fri 27 Nov · =5"
    );

    let db = f.other();
    let timeline = db.interactions(f.acme, 10).unwrap();
    assert_eq!(timeline[0].note, "agreed on volumes");
    assert_eq!(timeline[0].satisfaction, Some(5));
    let open: Vec<String> = db
        .open_follow_ups(f.acme)
        .unwrap()
        .into_iter()
        .map(|f| f.text)
        .collect();
    assert_eq!(open, ["send the quote", "send contract"]);
    assert_eq!(
        db.require_customer(f.acme).unwrap().last_contact_at,
        Some(at(NOW))
    );
    // The card shows it at once.
    assert_eq!(
        f.app.customer.as_ref().unwrap().timeline[0].note,
        "agreed on volumes"
    );
}

#[test]
fn readline_keys_edit_the_line_before_it_is_saved() {
    let mut f = Session::acme_and_beta();
    f.press(KeyCode::Enter); // Acme's card
    f.keys("l");
    f.keys("call: agreed on volumse");
    f.ctrl('w'); // the typo
    f.keys("volumes");
    f.ctrl('a');
    f.press(KeyCode::Delete);
    f.keys("C");
    f.press(KeyCode::Enter);
    assert_eq!(f.status(), "Logged call with Acme");
    assert_eq!(
        f.other().interactions(f.acme, 1).unwrap()[0].note,
        "agreed on volumes"
    );
}

#[test]
fn ctrl_c_quits_whatever_has_the_keys() {
    // A prompt, a form, the filter, the help, a screen.
    for keys in ["l", "a", "2/", "?", ""] {
        let mut f = Session::acme_and_beta();
        f.keys(keys);
        f.ctrl('c');
        assert!(f.app.quit, "after {keys:?}");
    }
}

#[test]
fn a_line_that_does_not_parse_stays_and_saves_nothing() {
    let mut f = Session::acme_and_beta();
    f.submit("l", "bogus: hello");
    let Some(touchbase::tui::app::Overlay::Prompt(prompt)) = &f.app.overlay else {
        panic!("the prompt closed");
    };
    assert_eq!(prompt.text(), "bogus: hello");
    assert!(
        prompt
            .error
            .as_ref()
            .unwrap()
            .0
            .starts_with("unknown kind 'bogus'")
    );
    assert_eq!(f.other().interactions(f.acme, 10).unwrap().len(), 1);
    f.press(KeyCode::Esc);
    assert!(f.app.overlay.is_none());
}

#[test]
fn done_on_the_agenda_then_undo_reopens_it() {
    let mut f = Session::acme_and_beta();
    let id = f.app.agenda.selected_nudge().unwrap().follow_up_id.unwrap();
    f.keys("d");
    assert_eq!(f.status(), "Done: “send the quote”");
    assert!(f.other().require_follow_up(id).unwrap().done_at.is_some());
    assert!(f.app.agenda.due.nudges.iter().all(|n| n.follow_up_id != Some(id)));

    f.keys("u");
    assert_eq!(
        f.status(),
        "Undone: marked “send the quote” done for Acme (Mon 23 Nov 09:00)"
    );
    assert!(f.other().require_follow_up(id).unwrap().done_at.is_none());
    f.keys("u");
    assert_eq!(f.status(), "Nothing to undo.");
}

#[test]
fn snooze_asks_for_a_day_and_moves_the_follow_up() {
    let mut f = Session::acme_and_beta();
    let id = f.app.agenda.selected_nudge().unwrap().follow_up_id.unwrap();
    f.keys("s");
    f.press(KeyCode::Tab); // first suggestion: tomorrow
    f.press(KeyCode::Tab); // +3d
    f.press(KeyCode::Enter);
    assert_eq!(f.other().require_follow_up(id).unwrap().due, day("2026-11-26"));
    f.keys("u");
    assert_eq!(f.other().require_follow_up(id).unwrap().due, day("2026-11-20"));
}

#[test]
fn undo_of_a_log_removes_the_contact_and_what_it_created() {
    let mut f = Session::acme_and_beta();
    f.keys("2"); // customers: Beta (never contacted) first
    f.submit("l", "complaint: late delivery >> call back @tomorrow #urgent");
    let beta = f
        .app
        .customers
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .find(|r| r.customer.name == "Beta")
        .unwrap()
        .customer
        .id;
    assert_eq!(f.other().interactions(beta, 10).unwrap().len(), 1);
    assert!(f.other().require_customer(beta).unwrap().tags.contains("urgent"));

    f.keys("u");
    let db = f.other();
    assert!(db.interactions(beta, 10).unwrap().is_empty());
    assert!(db.open_follow_ups(beta).unwrap().is_empty());
    let beta_now = db.require_customer(beta).unwrap();
    assert_eq!(beta_now.last_contact_at, None);
    assert!(beta_now.tags.is_empty());
}

#[test]
fn adding_and_editing_a_customer_with_the_form() {
    let mut f = Session::acme_and_beta();
    f.keys("a");
    f.keys("Greta Gamma");
    f.press(KeyCode::Tab);
    f.keys("Gamma BV");
    for _ in 0..3 {
        f.press(KeyCode::Tab);
    }
    f.keys("2w");
    f.press(KeyCode::Tab);
    f.keys("food vip");
    f.press(KeyCode::Enter);
    assert_eq!(
        f.status(),
        "Added Gamma BV with Greta Gamma as its main contact · in touch every 14d"
    );
    let card = f.app.customer.as_ref().unwrap().customer.clone();
    assert_eq!((card.company.as_str(), card.cadence.days()), ("Gamma BV", 14));
    assert_eq!(card.tags.as_slice(), ["food", "vip"]);

    f.keys("e");
    f.press(KeyCode::Tab);
    f.keys(" Holding");
    f.press(KeyCode::Enter);
    assert_eq!(
        f.other().require_customer(card.id).unwrap().company,
        "Gamma BV Holding"
    );
    f.keys("u");
    assert_eq!(f.other().require_customer(card.id).unwrap().company, "Gamma BV");
    f.keys("u");
    assert!(f.other().customer(card.id).unwrap().is_none());
}

#[test]
fn a_bad_cadence_in_the_form_is_explained_and_nothing_saved() {
    let mut f = Session::acme_and_beta();
    f.keys("a");
    f.keys("Delta");
    for _ in 0..4 {
        f.press(KeyCode::Tab);
    }
    f.keys("often");
    f.press(KeyCode::Enter);
    let Some(touchbase::tui::app::Overlay::Form(form)) = &f.app.overlay else {
        panic!("the form closed");
    };
    assert!(form.error.as_ref().unwrap().contains("cadence 'often'"));
    assert_eq!(f.other().count_customers().unwrap(), 2);
}

#[test]
fn q_quits_and_esc_goes_back() {
    let mut f = Session::acme_and_beta();
    f.keys("2");
    f.press(KeyCode::Esc);
    assert_eq!(f.app.screen, Screen::Agenda);
    f.keys("q");
    assert!(f.app.quit);
}

#[test]
fn a_moment_planned_in_the_form_is_saved_and_undone() {
    let mut f = Session::acme_and_beta();
    f.press(KeyCode::Enter); // Acme's card
    f.keys("m");
    f.keys("Board approves budget");
    f.press(KeyCode::Tab);
    f.keys("2026-11-25");
    f.press(KeyCode::Tab);
    f.keys("price vs competitor");
    f.press(KeyCode::Enter);
    assert_eq!(
        f.status(),
        "Planned “Board approves budget” for Acme on Wed 25 Nov"
    );
    let moments = f.other().moments_of(f.acme).unwrap();
    assert_eq!(moments.len(), 1);
    assert_eq!(moments[0].concerns, "price vs competitor");
    assert_eq!(
        f.app.customer.as_ref().unwrap().moments.len(),
        1,
        "the card shows it at once"
    );
    f.keys("u");
    assert!(f.other().moments_of(f.acme).unwrap().is_empty());
}

#[test]
fn triggers_gives_asks_and_orders_from_their_prompts() {
    let mut f = Session::acme_and_beta();
    f.press(KeyCode::Enter);
    f.submit("t", "reactional: delivery 5 days late");
    assert_eq!(
        f.status(),
        "Opened a reactional trigger for Acme: delivery 5 days late"
    );
    f.submit("b", "give: christmas hamper");
    f.submit("b", "ask: a referral");
    f.submit("$", "1.250,50 @2026-11-20");
    assert_eq!(f.status(), "Order of EUR 1,250.50 from Acme (Fri 20 Nov)");

    let db = f.other();
    let acme = db.require_customer(f.acme).unwrap();
    assert_eq!((acme.summary.balance.gives, acme.summary.balance.asks), (1, 1));
    assert_eq!(acme.summary.value.0, 125_050);
    assert_eq!(db.triggers_of(f.acme).unwrap()[0].note, "delivery 5 days late");

    f.keys("u"); // the order
    assert_eq!(f.other().require_customer(f.acme).unwrap().summary.value.0, 0);
}

#[test]
fn bad_relationship_lines_stay_in_the_prompt_and_save_nothing() {
    let mut f = Session::acme_and_beta();
    f.press(KeyCode::Enter);
    for (key, line, error) in [
        ("t", "rumour: they are moving", "unknown trigger kind 'rumour'"),
        ("b", "hamper", "start with 'give:' or 'ask:'"),
        ("$", "abc", "amount 'abc' is not a number"),
        ("$", "-5", "negative"),
        ("$", "100 @2027-01-01", "not in the future"),
    ] {
        f.submit(key, line);
        let Some(touchbase::tui::app::Overlay::Prompt(prompt)) = &f.app.overlay else {
            panic!("{line}: the prompt closed");
        };
        let message = &prompt.error.as_ref().unwrap().0;
        assert!(message.contains(error), "{line}: {message}");
        f.press(KeyCode::Esc);
    }
    let db = f.other();
    assert!(db.triggers_of(f.acme).unwrap().is_empty());
    let acme = db.require_customer(f.acme).unwrap();
    assert_eq!((acme.summary.balance.gives, acme.summary.value.0), (0, 0));
}

#[test]
fn x_on_the_week_screen_writes_the_export_named_in_the_prompt() {
    let mut f = Session::acme_and_beta();
    f.keys("4");
    f.keys("x");
    let path = f.dir.path().join("week.ics");
    // Replace the offered name with a path of our own.
    for _ in 0..40 {
        f.press(KeyCode::Backspace);
    }
    f.keys(&path.display().to_string());
    f.press(KeyCode::Enter);
    assert_eq!(
        f.status(),
        format!("Wrote 1 item for 2026-W48 to {}", path.display()),
        "the full path written"
    );
    let ics = std::fs::read_to_string(&path).unwrap();
    assert!(
        ics.starts_with("BEGIN:VCALENDAR") && ics.contains("send the quote"),
        "{ics}"
    );

    f.keys("x");
    for _ in 0..200 {
        f.press(KeyCode::Backspace);
    }
    f.keys("week.docx");
    f.press(KeyCode::Enter);
    let Some(touchbase::tui::app::Overlay::Prompt(prompt)) = &f.app.overlay else {
        panic!("a bad extension closed the prompt");
    };
    assert!(
        prompt.error.as_ref().unwrap().0.contains("docx"),
        "{:?}",
        prompt.error
    );
    assert!(
        !prompt.error.as_ref().unwrap().0.contains("--"),
        "no command-line flag in the app: {:?}",
        prompt.error
    );
}

#[test]
fn exporting_the_week_to_a_folder_not_there_names_the_folder_with_home_expanded() {
    let mut f = Session::acme_and_beta();
    f.keys("4x");
    f.ctrl('u');
    f.keys("~/no-such-touchbase-folder/week.md");
    f.press(KeyCode::Enter);
    let Some(touchbase::tui::app::Overlay::Prompt(prompt)) = &f.app.overlay else {
        panic!("the export failed, so the prompt stays");
    };
    let error = &prompt.error.as_ref().expect("an error").0;
    assert!(
        error.contains("no-such-touchbase-folder' does not exist"),
        "{error}"
    );
    assert!(
        !error.contains('~') && !error.contains(".touchbase-export"),
        "~ expanded, no temporary file named: {error}"
    );
}

#[test]
fn the_filter_prepared_in_the_background_finds_customers_added_since() {
    let count = |f: &Session| f.app.customers.as_ref().unwrap().filter.as_ref().unwrap().count();
    let prepared = || {
        let mut f = Session::acme_and_beta();
        f.app.prepare_in_background();
        for _ in 0..500 {
            if f.app.preload.finished() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(f.app.preload.finished(), "the filter was prepared within 5 s");
        f
    };

    let mut f = prepared();
    f.keys("2/acm");
    assert_eq!(count(&f), 1, "the prepared filter finds Acme");
    assert!(!f.app.preload.pending(), "and was used");

    let mut f = prepared();
    f.submit("a", "Gamma Foods");
    f.keys("2/gamma");
    assert_eq!(count(&f), 1, "a customer added after it was prepared is found");
}

#[test]
fn the_urgency_ranking_prepared_in_the_background_is_never_stale() {
    let mut f = Session::acme_and_beta();
    f.app.prepare_in_background();
    f.keys("2");
    for _ in 0..500 {
        if f.app.ranking.finished() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(f.app.ranking.finished(), "the ranking was prepared within 5 s");
    let first = |f: &Session| f.app.customers.as_ref().unwrap().rows[0].customer.name.clone();

    // Acme's overdue follow-up made Acme the most urgent; done, nobody is.
    f.keys("1");
    f.keys("d");
    assert!(f.status().starts_with("Done"), "{}", f.status());
    f.keys("2");
    f.keys("o");
    assert_eq!(f.app.customers.as_ref().unwrap().sort, Sort::Urgency);
    assert_eq!(
        first(&f),
        "Beta",
        "ties keep the book's order: never contacted first"
    );
}

#[test]
fn a_table_sorted_by_urgency_is_ranked_again_after_a_change() {
    let mut f = Session::acme_and_beta();
    f.keys("2o");
    let first = |f: &Session| f.app.customers.as_ref().unwrap().rows[0].customer.name.clone();
    assert_eq!(first(&f), "Acme", "the overdue follow-up makes Acme most urgent");
    f.keys("1d");
    f.keys("2");
    assert_eq!(first(&f), "Beta", "done, Acme is no longer more urgent than Beta");
}

#[test]
fn scrolling_row_by_row_shows_the_same_rows_as_paging_in_every_order() {
    let (_dir, mut store) = new_book();
    let call = quicklog::parse("call: hi", at("2026-11-20T10:00:00Z").naive_utc()).unwrap();
    for i in 0..15i64 {
        let new = NewCustomer {
            name: format!("C{:02}", (i * 7) % 5),
            ..NewCustomer::default()
        };
        let c = store.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap();
        if i % 3 != 0 {
            let when = at(&format!("2026-10-{:02}T10:00:00Z", 1 + i % 4));
            store.log_contact(c.id, &call, when).unwrap();
        }
    }
    let look = touchbase::tui::theme::Look {
        theme: touchbase::tui::theme::Theme::mono(),
        now: Now::parse(NOW).unwrap(),
    };
    let mut view =
        touchbase::tui::customers::CustomersView::load(&*store, 4, look, &Config::default()).unwrap();
    let ids =
        |rows: &[touchbase::store::CustomerRow]| -> Vec<i64> { rows.iter().map(|r| r.customer.id).collect() };
    for _ in 0..3 {
        let sort = match view.sort {
            Sort::Name => touchbase::store::SortKey::Name,
            Sort::Value => touchbase::store::SortKey::Value,
            _ => touchbase::store::SortKey::LastContact,
        };
        for i in (0..15).chain((0..15).rev()) {
            view.select(&*store, i).unwrap();
            let page = store.list_customers(sort, view.top, 4).unwrap();
            assert_eq!(ids(&view.rows), ids(&page), "{:?}, row {i}", view.sort);
        }
        // Urgency is ranked in memory; skip it.
        view.cycle_sort(&*store, || Ok(Vec::new())).unwrap();
        if view.sort == Sort::Urgency {
            view.cycle_sort(&*store, || Ok(Vec::new())).unwrap();
        }
    }
}

#[test]
fn ctrl_u_deletes_to_the_start_of_a_prompt_as_in_readline() {
    let mut f = Session::acme_and_beta();
    f.press(KeyCode::Enter); // Acme's card
    f.keys("l");
    f.keys("call: wrong customer");
    f.ctrl('u');
    f.keys("email: sent the price list");
    f.press(KeyCode::Enter);
    assert_eq!(f.status(), "Logged email with Acme");
    assert_eq!(
        f.other().interactions(f.acme, 1).unwrap()[0].note,
        "sent the price list"
    );
}

#[test]
fn the_filter_edits_as_readline_does_and_matches_what_it_holds() {
    let mut f = Session::acme_and_beta();
    f.keys("2/");
    f.keys("acme be");
    let query = |f: &Session| {
        let view = f.app.customers.as_ref().unwrap();
        view.filter.as_ref().unwrap().query.clone()
    };
    let listed = |f: &Session| {
        let view = f.app.customers.as_ref().unwrap();
        view.rows
            .iter()
            .map(|r| r.customer.name.clone())
            .collect::<Vec<_>>()
    };
    f.ctrl('w');
    assert_eq!(query(&f), "acme ", "Ctrl-W: the word before the cursor");
    f.ctrl('w');
    assert_eq!(query(&f), "");
    f.keys("be");
    f.ctrl('u');
    assert_eq!(query(&f), "", "Ctrl-U: all before the cursor");
    assert!(f.app.customers.as_ref().unwrap().typing, "the filter stays open");
    f.keys("eta");
    f.ctrl('a');
    f.keys("b");
    assert_eq!(query(&f), "beta", "Ctrl-A: typing goes in at the start");
    assert_eq!(listed(&f), ["Beta"]);
    f.ctrl('e');
    f.keys(" x");
    assert_eq!(query(&f), "beta x", "Ctrl-E: at the end again");
    assert!(listed(&f).is_empty());
    f.alt('b');
    f.ctrl('k');
    assert_eq!(query(&f), "beta ", "Alt-B a word back, Ctrl-K: to the end");
    assert_eq!(listed(&f), ["Beta"]);
    f.press(KeyCode::Home);
    f.alt('f');
    f.ctrl('k');
    assert_eq!(query(&f), "beta", "Home, then Alt-F a word on");
    f.press(KeyCode::Home);
    f.press(KeyCode::Delete);
    f.press(KeyCode::End);
    f.keys("a");
    assert_eq!(
        query(&f),
        "etaa",
        "Delete at the start, End, and typing at the end"
    );
    f.ctrl('u');
    assert_eq!(listed(&f).len(), 2, "an empty query lists everyone");
    f.press(KeyCode::Backspace);
    assert!(
        f.app.customers.as_ref().unwrap().filter.is_none(),
        "Backspace on an empty filter closes it"
    );
    f.keys("/u");
    assert_eq!(query(&f), "u", "a new filter starts empty");
}

#[test]
fn a_change_that_rebuilds_the_filter_keeps_its_query() {
    let mut f = Session::acme_and_beta();
    f.keys("2/beta");
    f.press(KeyCode::Enter); // keep the filter, keys to the list
    f.keys("l");
    f.keys("call: hi #vip");
    f.press(KeyCode::Enter);
    assert_eq!(f.status(), "Logged call with Beta");
    let view = f.app.customers.as_ref().unwrap();
    assert_eq!(view.filter.as_ref().unwrap().query, "beta");
    let listed: Vec<&str> = view.rows.iter().map(|r| r.customer.name.as_str()).collect();
    assert_eq!(listed, ["Beta"]);
    assert!(
        view.rows[0].customer.tags.contains("vip"),
        "the index was rebuilt"
    );
    f.keys("u");
    let view = f.app.customers.as_ref().unwrap();
    assert_eq!(view.filter.as_ref().unwrap().query, "beta", "undo keeps it too");
}

impl Session {
    /// Acme with a call (no satisfaction yet), an order of EUR 1,250.00 and an open
    /// reactional trigger; the card is open, nothing selected.
    fn acme_with_records() -> Session {
        let mut s = Session::new(|store| {
            let new = NewCustomer {
                name: "Acme".into(),
                ..NewCustomer::default()
            };
            let acme = store.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id;
            let line =
                quicklog::parse("call: pricing", day("2026-11-16").and_hms_opt(9, 0, 0).unwrap()).unwrap();
            store
                .log_contact(acme, &line, at("2026-11-16T10:00:00Z"))
                .unwrap();
            store
                .add_order(acme, day("2026-11-10"), Cents(125_000), "EUR", at(NOW))
                .unwrap();
            store
                .add_trigger(acme, TriggerKind::Reactional, "late delivery", at(NOW))
                .unwrap();
            acme
        });
        s.keys("2");
        s.press(KeyCode::Enter);
        assert_eq!(s.card().customer.id, s.acme);
        s
    }

    fn card(&self) -> &touchbase::tui::customer::CustomerView {
        self.app.customer.as_ref().expect("a card")
    }

    /// The form's error, or a panic when no form is open.
    fn form_error(&self) -> Option<String> {
        match &self.app.overlay {
            Some(touchbase::tui::app::Overlay::Form(form)) => form.error.clone(),
            _ => panic!("the form closed"),
        }
    }

    /// Replaces what the form's field `field` holds with `text` and saves.
    fn retype(&mut self, field: usize, text: &str) {
        for _ in 0..field {
            self.press(KeyCode::Tab);
        }
        self.ctrl('u');
        self.keys(text);
        self.press(KeyCode::Enter);
    }
}

#[test]
fn editing_a_contact_on_the_card_changes_it_and_its_summaries_and_u_undoes_it() {
    let mut f = Session::acme_with_records();
    let id = f.other().interactions(f.acme, 10).unwrap()[0].id;
    f.keys("]"); // no follow-ups, no moments: the timeline
    assert_eq!(f.card().focus, Some(CardList::Timeline));
    f.keys("e");
    f.press(KeyCode::Tab);
    f.press(KeyCode::Tab);
    f.ctrl('u');
    f.keys("pricing and volumes");
    f.press(KeyCode::Tab);
    f.keys("5");
    f.press(KeyCode::Enter);
    assert!(f.app.overlay.is_none(), "the form closed");
    assert_eq!(
        f.app.status.as_ref().unwrap().tone,
        touchbase::tui::app::Tone::Done,
        "{}",
        f.status()
    );
    assert!(f.status().starts_with("Edited the call"), "{}", f.status());

    let db = f.other();
    let contact = &db.interactions(f.acme, 10).unwrap()[0];
    assert_eq!((contact.id, contact.note.as_str()), (id, "pricing and volumes"));
    assert_eq!(contact.satisfaction, Some(5));
    assert_eq!(db.require_customer(f.acme).unwrap().summary.satisfaction, Some(5));
    // The card shows it at once, the row still selected.
    assert_eq!(f.card().timeline[0].note, "pricing and volumes");
    assert_eq!(f.card().customer.summary.satisfaction, Some(5));
    assert_eq!(f.card().focus, Some(CardList::Timeline));

    f.keys("u");
    assert!(
        f.status().starts_with("Undone: edited the call"),
        "{}",
        f.status()
    );
    let db = f.other();
    let contact = &db.interactions(f.acme, 10).unwrap()[0];
    assert_eq!((contact.note.as_str(), contact.satisfaction), ("pricing", None));
    assert_eq!(db.require_customer(f.acme).unwrap().summary.satisfaction, None);
    assert_eq!(f.card().customer.summary.satisfaction, None);
}

#[test]
fn deleting_an_order_asks_first_then_the_value_drops_and_u_puts_it_back() {
    let mut f = Session::acme_with_records();
    assert_eq!(f.card().customer.summary.value, Cents(125_000));
    f.keys("]]]"); // the timeline, the triggers, no gives/asks: the orders
    assert_eq!(f.card().focus, Some(CardList::Orders));

    f.keys("x");
    f.keys("n");
    assert_eq!(f.status(), "Kept the order of EUR 1,250.00 on Tue 10 Nov");
    assert_eq!(f.other().orders_of(f.acme, 10).unwrap().len(), 1);

    f.keys("x");
    f.keys("y");
    assert_eq!(
        f.app.status.as_ref().unwrap().tone,
        touchbase::tui::app::Tone::Done,
        "{}",
        f.status()
    );
    assert!(f.status().starts_with("Deleted the order"), "{}", f.status());
    let db = f.other();
    assert!(db.orders_of(f.acme, 10).unwrap().is_empty());
    let summary = db.require_customer(f.acme).unwrap().summary;
    assert_eq!((summary.value, summary.last_order_on), (Cents(0), None));
    assert_eq!(f.card().customer.summary.value, Cents(0));
    assert_eq!(f.card().focus, None, "the list is empty: nothing selected");

    f.keys("u");
    assert!(
        f.status().starts_with("Undone: deleted the order"),
        "{}",
        f.status()
    );
    assert_eq!(f.other().orders_of(f.acme, 10).unwrap().len(), 1);
    assert_eq!(f.card().customer.summary.value, Cents(125_000));
    assert_eq!(f.card().orders.len(), 1);
}

#[test]
fn an_edit_the_use_case_refuses_keeps_the_form_and_changes_nothing() {
    let mut f = Session::acme_with_records();
    f.keys("]]"); // the timeline, the triggers
    assert_eq!(f.card().focus, Some(CardList::Triggers));
    f.keys("e");
    f.retype(1, "");
    let error = f.form_error().expect("the refusal on the form");
    assert!(error.contains("note is empty"), "{error}");
    assert_eq!(f.other().triggers_of(f.acme).unwrap()[0].note, "late delivery");
    f.press(KeyCode::Esc);

    f.keys("]"); // the orders
    f.keys("e");
    f.retype(0, "0");
    let error = f.form_error().expect("the refusal on the form");
    assert!(error.contains("'0'"), "{error}");
    let db = f.other();
    assert_eq!(db.orders_of(f.acme, 10).unwrap()[0].amount, Cents(125_000));
    assert_eq!(db.require_customer(f.acme).unwrap().summary.value, Cents(125_000));
    f.press(KeyCode::Esc);
    f.keys("u");
    assert_eq!(f.status(), "Nothing to undo.");
}

#[test]
fn with_no_row_selected_e_edits_the_customer_and_esc_unselects() {
    let mut f = Session::acme_with_records();
    f.keys("j"); // selects the first row of the first list with one: the timeline
    assert_eq!(f.card().focus, Some(CardList::Timeline));
    f.press(KeyCode::Esc);
    assert_eq!(f.card().focus, None);
    assert_eq!(f.app.screen, Screen::Customer, "Esc unselected; the card stays");
    f.keys("e");
    let Some(touchbase::tui::app::Overlay::Form(form)) = &f.app.overlay else {
        panic!("no form");
    };
    assert_eq!(form.title(), "Edit customer");
    f.press(KeyCode::Esc);
    f.keys("x");
    assert!(f.app.overlay.is_none(), "x deletes only a selected row");
}

#[test]
fn esc_on_the_card_goes_back_where_it_was_opened_with_the_same_row_selected() {
    let mut f = Session::new(|store| {
        let mut add = |name: &str| {
            let new = NewCustomer {
                name: name.into(),
                ..NewCustomer::default()
            };
            let id = store.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id;
            let line = quicklog::parse(
                "call: pricing >> send the quote @2026-11-20",
                at("2026-11-16T10:00:00Z").naive_utc(),
            )
            .unwrap();
            store.log_contact(id, &line, at("2026-11-16T10:00:00Z")).unwrap();
            id
        };
        let acme = add("Acme");
        add("Beta");
        acme
    });
    let rows = f.app.agenda.selected;
    f.keys("j");
    let picked = f.app.agenda.selected;
    assert!(picked > rows, "the agenda has a second row");
    f.press(KeyCode::Enter);
    assert_eq!(f.app.screen, Screen::Customer);
    f.press(KeyCode::Esc);
    assert_eq!(
        f.app.screen,
        Screen::Agenda,
        "back on the Agenda, not the Customers"
    );
    assert_eq!(f.app.agenda.selected, picked, "with the same row selected");

    // Selecting a row on the card, then Esc twice: first unselects, then goes back.
    f.press(KeyCode::Enter);
    f.keys("]");
    f.press(KeyCode::Esc);
    assert_eq!(f.app.screen, Screen::Customer);
    f.press(KeyCode::Esc);
    assert_eq!(f.app.screen, Screen::Agenda);

    // From the Customers screen it goes back there, the filter kept.
    f.keys("2/beta");
    f.press(KeyCode::Enter); // keep the filter
    f.press(KeyCode::Enter); // open Beta
    assert_eq!(f.app.screen, Screen::Customer);
    f.press(KeyCode::Esc);
    assert_eq!(f.app.screen, Screen::Customers);
    let view = f.app.customers.as_ref().unwrap();
    assert_eq!(view.filter.as_ref().unwrap().query, "beta");

    // From the week too.
    f.keys("4");
    f.press(KeyCode::Enter);
    if f.app.screen == Screen::Customer {
        f.press(KeyCode::Esc);
        assert_eq!(f.app.screen, Screen::Week);
    }
}
