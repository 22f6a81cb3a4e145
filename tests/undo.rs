//! Undo touches only what the undone action wrote: `u` in the terminal app while the CLI
//! (the real binary) or a second store handle writes to the same file. `u` takes the
//! newest entry of the book's undo journal, whoever wrote it; a store handle writing
//! without the journal plays another program (or an older touchbase) changing a record
//! that an entry wrote.

mod common {
    pub mod binary;
    pub mod clock;
    pub mod keys;
    pub mod session;
    pub mod sql;
    pub mod store;
}

use assert_cmd::Command;
use common::binary::touchbase;
use common::clock::NOW;
use common::keys::Keys;
use common::session::Session;
use common::sql::tables;
use common::store::{at, day, file, new_book, open};
use crossterm::event::KeyCode;
use rusqlite::Connection;
use tempfile::TempDir;
use touchbase::domain::balance::Side;
use touchbase::domain::moment::{MomentStatus, NewMoment};
use touchbase::domain::money::Cents;
use touchbase::domain::quicklog;
use touchbase::domain::trigger::TriggerKind;
use touchbase::domain::{Cadence, Tags};
use touchbase::store::{Book, Change, CustomerFields, CustomerPatch, NewCustomer, UndoRefused};

/// When the other handle or the CLI writes: a day after the app's clock.
const LATER: &str = "2026-11-24T09:00:00Z";

/// The terminal app in this file, and the CLI on the same book.
impl Session {
    /// A book with Acme, added before this session (without the journal).
    fn with_acme() -> Session {
        Session::new(|store| {
            store
                .add_customer(&named("Acme"), at("2026-11-01T09:00:00Z"))
                .unwrap()
                .id
        })
    }

    /// On Acme's card (the only customer on the agenda's list of the book).
    fn on_acme() -> Session {
        let mut s = Session::with_acme();
        s.keys("2");
        s.press(KeyCode::Enter);
        assert_eq!(s.app.customer.as_ref().unwrap().customer.id, s.acme);
        s
    }

    /// Acme's first open follow-up, as another process reads it.
    fn follow_up(&self) -> i64 {
        self.other().open_follow_ups(self.acme).unwrap()[0].id
    }

    /// The CLI on the same file, a day after the app's clock.
    fn cli(&self, args: &[&str]) -> String {
        let out = Command::from_std(touchbase())
            .env("TOUCHBASE_NOW", LATER)
            .arg("--db")
            .arg(file(self.dir.path()))
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    /// The status line, and whether it is shown as an error.
    fn status(&self) -> (String, bool) {
        let s = self.app.status.as_ref().expect("a status line");
        (s.text.clone(), s.tone == touchbase::tui::app::Tone::Refused)
    }

    /// Presses `u`, which must be refused; returns the refusal the status line shows.
    fn undo_refused(&mut self) -> String {
        self.keys("u");
        let (text, error) = self.status();
        assert!(error, "a refusal is not shown as a success: {text}");
        text
    }

    /// Presses `u`, which must undo something; returns what the status line says.
    fn undone(&mut self) -> String {
        self.keys("u");
        let (text, error) = self.status();
        assert!(!error, "{text}");
        assert!(text.starts_with("Undone: "), "{text}");
        text
    }
}

#[test]
fn undoing_an_added_customer_refuses_once_another_handle_has_written_for_them() {
    let mut s = Session::with_acme();
    s.submit("a", "Gamma Foods");
    assert_eq!(s.status().0, "Added Gamma Foods · in touch every 30d");
    let gamma = s.app.customer.as_ref().unwrap().customer.id;

    let mut other = s.other();
    other
        .log_contact(gamma, &line("call: first order agreed"), at(LATER))
        .unwrap();
    other
        .add_order(gamma, day("2026-11-24"), Cents(500_000), "EUR", at(LATER))
        .unwrap();
    other
        .add_balance_entry(gamma, Side::Give, "free samples", at(LATER))
        .unwrap();
    other
        .log_contact(
            gamma,
            &line("email: sent the contract >> call back @fri"),
            at(LATER),
        )
        .unwrap();

    assert_eq!(
        s.undo_refused(),
        "Can't undo added Gamma Foods: 2 contacts, 1 follow-up, 1 give/ask and 1 order \
         were added since — nothing older to undo"
    );
    let db = s.other();
    let c = db.require_customer(gamma).unwrap();
    assert_eq!(c.summary.value, Cents(500_000));
    assert_eq!(c.summary.balance.gives, 1);
    assert_eq!(db.interactions(gamma, 10).unwrap().len(), 2);
    assert_eq!(db.open_follow_ups(gamma).unwrap()[0].text, "call back");
    let orders: i64 = Connection::open(file(s.dir.path()))
        .unwrap()
        .query_row(
            "SELECT count(*) FROM orders WHERE customer_id = ?1",
            [gamma],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orders, 1);

    // The refused entry is passed over: what refused it was written by another program,
    // so trying again would refuse forever and hide every earlier entry.
    s.keys("u");
    assert_eq!(s.status().0, "Nothing to undo.");
}

#[test]
fn u_in_the_app_undoes_what_the_cli_did_newest_first_then_its_own() {
    let mut s = Session::with_acme();
    s.submit("a", "Gamma Foods");
    s.cli(&["log", "Gamma Foods", "call: first order agreed"]);
    s.cli(&["order", "Gamma Foods", "5000"]);
    let gamma = s.app.customer.as_ref().unwrap().customer.id;

    assert_eq!(
        s.undone(),
        "Undone: recorded an order of EUR 5,000.00 from Gamma Foods (Tue 24 Nov 09:00)"
    );
    assert_eq!(
        s.undone(),
        "Undone: logged a call with Gamma Foods (Tue 24 Nov 09:00)"
    );
    assert_eq!(s.undone(), "Undone: added Gamma Foods (Mon 23 Nov 09:00)");
    assert!(s.other().customer(gamma).unwrap().is_none());
    assert!(
        s.app.customer.is_none(),
        "the card of a customer undone is closed"
    );
    s.keys("u");
    assert_eq!(s.status(), ("Nothing to undo.".to_string(), false));
}

#[test]
fn a_new_session_undoes_what_an_earlier_session_did() {
    let mut s = Session::on_acme();
    s.submit("l", "call: pricing >> send the quote @fri");
    let dir = s.dir;
    // The app closed; a new one opens the same book.
    let mut s = Session {
        app: common::keys::app(open(dir.path())),
        acme: s.acme,
        dir,
    };
    assert_eq!(s.undone(), "Undone: logged a call with Acme (Mon 23 Nov 09:00)");
    assert!(s.other().interactions(s.acme, 10).unwrap().is_empty());
    assert!(s.other().open_follow_ups(s.acme).unwrap().is_empty());
}

#[test]
fn undoing_a_log_removes_only_the_tags_it_added() {
    let mut s = Session::on_acme();
    s.submit("l", "call: renewal talk #urgent #vip =2");
    // Another handle logs an earlier contact that adds a tag of its own, and one the log
    // added.
    s.other()
        .log_contact(
            s.acme,
            &line("email: sent the brochure #export #urgent =4"),
            at("2026-11-20T09:00:00Z"),
        )
        .unwrap();
    let db = s.other();
    assert_eq!(
        db.require_customer(s.acme).unwrap().tags.as_slice(),
        ["export", "urgent", "vip"]
    );

    assert_eq!(s.undone(), "Undone: logged a call with Acme (Mon 23 Nov 09:00)");
    let c = db.require_customer(s.acme).unwrap();
    // `urgent` was added by this log (the other found it there already), `export` by the
    // other.
    assert_eq!(c.tags.as_slice(), ["export"]);
    // The other's contact stays, and the summary is the other's now.
    let timeline = db.interactions(s.acme, 10).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].note, "sent the brochure");
    assert_eq!(c.last_contact_at, Some(at("2026-11-20T09:00:00Z")));
    assert_eq!(c.summary.satisfaction, Some(4));
    assert_eq!(c.summary.prev_satisfaction, None);
}

#[test]
fn undoing_a_log_refuses_when_another_handle_completed_its_follow_up() {
    let mut s = Session::on_acme();
    s.submit("l", "call: pricing >> send the quote @fri");
    let id = s.follow_up();
    s.other().complete_follow_up(id, at(LATER)).unwrap();

    assert_eq!(
        s.undo_refused(),
        "Can't undo logged a call with Acme: its follow-up “send the quote” was marked done \
         since — nothing older to undo"
    );
    let db = s.other();
    assert_eq!(db.interactions(s.acme, 10).unwrap().len(), 1);
    assert!(db.require_follow_up(id).unwrap().done_at.is_some());
}

#[test]
fn undoing_a_complaint_refuses_when_another_handle_resolved_its_trigger() {
    let mut s = Session::on_acme();
    s.submit("l", "complaint: delivery 5 days late");
    let trigger = s.other().triggers_of(s.acme).unwrap()[0].id;
    s.other().resolve_trigger(trigger, "", at(LATER)).unwrap();

    let text = s.undo_refused();
    assert!(
        text.contains("its reactional trigger was resolved since"),
        "{text}"
    );
    let db = s.other();
    assert_eq!(db.interactions(s.acme, 10).unwrap().len(), 1);
    assert!(db.require_trigger(trigger).unwrap().resolved_at.is_some());
}

#[test]
fn undoing_a_snooze_refuses_when_another_handle_moved_the_follow_up_again() {
    let mut s = Session::on_acme();
    s.submit("f", "send the quote @tomorrow");
    let id = s.follow_up();
    s.submit("s", "2026-11-27");
    assert_eq!(s.other().require_follow_up(id).unwrap().due, day("2026-11-27"));
    s.other().snooze_follow_up(id, day("2026-12-07")).unwrap();

    let text = s.undo_refused();
    assert!(
        text.contains("the follow-up “send the quote” was moved to 2026-12-07 since"),
        "{text}"
    );
    assert!(
        text.ends_with("u again undoes “added the follow-up “send the quote” for Acme”"),
        "{text}"
    );
    assert_eq!(s.other().require_follow_up(id).unwrap().due, day("2026-12-07"));
    // Next: the follow-up's own creation, which the snooze elsewhere built on too.
    s.undo_refused();
    assert!(s.other().follow_up(id).unwrap().is_some());
}

#[test]
fn undoing_a_follow_up_refuses_when_another_handle_completed_it() {
    let mut s = Session::on_acme();
    s.submit("f", "send the quote @fri");
    let id = s.follow_up();
    s.other().complete_follow_up(id, at(LATER)).unwrap();

    assert_eq!(
        s.undo_refused(),
        "Can't undo added the follow-up “send the quote” for Acme: it was marked done since \
         — nothing older to undo"
    );
    assert!(s.other().require_follow_up(id).unwrap().done_at.is_some());
}

#[test]
fn undoing_a_moment_refuses_when_another_handle_closed_it() {
    let mut s = Session::on_acme();
    s.keys("m");
    s.keys("Board approves budget");
    s.press(KeyCode::Tab);
    s.keys("2026-12-10");
    s.press(KeyCode::Enter);
    let id = s.other().moments_of(s.acme).unwrap()[0].id;
    s.other()
        .close_moment(id, MomentStatus::Won, "", at(LATER))
        .unwrap();

    assert_eq!(
        s.undo_refused(),
        "Can't undo planned “Board approves budget” for Acme: it was closed as won since \
         — nothing older to undo"
    );
    assert_eq!(s.other().moments_of(s.acme).unwrap().len(), 1);
}

#[test]
fn closing_a_moment_and_resolving_a_trigger_on_the_cli_are_undone_in_the_app() {
    let mut s = Session::on_acme();
    s.submit("t", "situational: new buyer starts in January");
    let trigger = s.other().triggers_of(s.acme).unwrap()[0].id;
    s.cli(&["trigger", "resolve", &trigger.to_string()]);
    let moment = s
        .other()
        .add_moment(
            s.acme,
            &NewMoment {
                title: "Board approves budget".into(),
                expected: day("2026-12-10"),
                ..NewMoment::default()
            },
            at(NOW),
        )
        .unwrap()
        .id;
    s.cli(&["moment", "close", &moment.to_string(), "--outcome", "lost"]);

    assert_eq!(
        s.undone(),
        "Undone: closed “Board approves budget” as lost for Acme (Tue 24 Nov 09:00)"
    );
    let m = s.other().moments_of(s.acme).unwrap().remove(0);
    assert_eq!((m.status, m.closed_at), (MomentStatus::Upcoming, None));
    assert_eq!(
        s.undone(),
        "Undone: resolved the situational trigger of Acme (Tue 24 Nov 09:00)"
    );
    assert_eq!(s.other().require_trigger(trigger).unwrap().resolved_at, None);
    assert_eq!(
        s.undone(),
        "Undone: opened a situational trigger for Acme (Mon 23 Nov 09:00)"
    );
    assert!(s.other().triggers_of(s.acme).unwrap().is_empty());
}

#[test]
fn undoing_a_trigger_refuses_when_another_handle_resolved_it() {
    let mut s = Session::on_acme();
    s.submit("t", "situational: new buyer starts in January");
    let id = s.other().triggers_of(s.acme).unwrap()[0].id;
    s.other().resolve_trigger(id, "", at(LATER)).unwrap();

    assert_eq!(
        s.undo_refused(),
        "Can't undo opened a situational trigger for Acme: it was resolved since — nothing \
         older to undo"
    );
    assert_eq!(s.other().triggers_of(s.acme).unwrap().len(), 1);
}

#[test]
fn undoing_a_done_refuses_when_it_was_reopened_and_done_again_elsewhere() {
    let mut s = Session::on_acme();
    s.submit("f", "send the quote @fri");
    let id = s.follow_up();
    s.keys("d");
    assert_eq!(s.status().0, "Done: “send the quote”");
    // Another writer reopened it (an older touchbase's undo) and completed it again, later.
    let mut other = s.other();
    other
        .undo(&Change::FollowUpDone { id, done_at: at(NOW) }, at(NOW))
        .unwrap();
    other.complete_follow_up(id, at(LATER)).unwrap();

    assert_eq!(
        s.undo_refused(),
        "Can't undo marked “send the quote” done for Acme: it was reopened and done again \
         since — u again undoes “added the follow-up “send the quote” for Acme”"
    );
    assert!(s.other().require_follow_up(id).unwrap().done_at.is_some());
}

// The store itself, with two handles on one file: `tui` makes and undoes the changes,
// `cli` plays another process writing meanwhile.

struct TwoHandles {
    dir: TempDir,
    tui: Box<dyn Book>,
    cli: Box<dyn Book>,
    /// Acme, with a contact, an order and a give before anything here.
    acme: i64,
}

impl TwoHandles {
    fn new() -> TwoHandles {
        let (dir, mut tui) = new_book();
        let cli = open(dir.path());
        let acme = tui
            .add_customer(&named("Acme"), at("2026-11-01T09:00:00Z"))
            .unwrap()
            .id;
        let early = at("2026-11-10T09:00:00Z");
        tui.log_contact(acme, &line("visit: site tour =4 #logistics"), early)
            .unwrap();
        tui.add_order(acme, early.date_naive(), Cents(120_000), "EUR", early)
            .unwrap();
        tui.add_balance_entry(acme, Side::Give, "lunch", early).unwrap();
        TwoHandles { dir, tui, cli, acme }
    }

    /// The file opened directly, as a hand edit (or a later touchbase) would change it.
    fn raw(&self) -> Connection {
        Connection::open(file(self.dir.path())).unwrap()
    }

    /// Runs `sql` on the row `id`, as a hand edit.
    fn edit(&self, sql: &str, id: i64) {
        self.raw().execute(sql, [id]).unwrap();
    }

    /// Every row of every table, but the customers' `updated_at` (an undone edit is an
    /// edit too, and says so).
    fn dump(&self) -> Vec<String> {
        let conn = self.raw();
        let mut rows = Vec::new();
        for table in tables(&conn) {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
                .unwrap();
            let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
            let mut q = stmt.query([]).unwrap();
            while let Some(r) = q.next().unwrap() {
                let mut row = format!("{table}:");
                for (i, name) in names.iter().enumerate() {
                    if name != "updated_at" {
                        let v: rusqlite::types::Value = r.get(i).unwrap();
                        row += &format!(" {name}={v:?}");
                    }
                }
                rows.push(row);
            }
        }
        rows
    }

    /// Undoes `change`, which must be refused; returns why, after checking that nothing
    /// in the book changed.
    fn refused(&mut self, change: &Change) -> UndoRefused {
        let before = self.dump();
        let err = self.tui.undo(change, at(NOW)).expect_err("the undo is refused");
        assert_eq!(self.dump(), before, "a refused undo changed the book");
        err.downcast_ref::<UndoRefused>()
            .unwrap_or_else(|| panic!("not a refusal: {err:#}"))
            .clone()
    }
}

fn named(name: &str) -> NewCustomer {
    NewCustomer {
        name: name.into(),
        ..NewCustomer::default()
    }
}

fn line(s: &str) -> quicklog::QuickLog {
    quicklog::parse(s, at(NOW).naive_utc()).unwrap()
}

/// A change made through the store, returning what the TUI would remember of it.
type Action = Box<dyn Fn(&mut dyn Book) -> Change>;

#[test]
fn every_change_with_nothing_built_on_it_undoes_to_exactly_the_book_before() {
    let mut b = TwoHandles::new();
    let now = at(NOW);
    let acme = b.acme;
    // Done and snooze act on a follow-up that is there before and after.
    let f = b
        .tui
        .add_follow_up(acme, "call back", day("2026-11-24"), now)
        .unwrap();
    let (open, due) = (f.id, f.due);
    let actions: Vec<(&str, Action)> = vec![
        (
            "a log with everything",
            Box::new(move |s| Change::Logged {
                customer_id: acme,
                logged: s
                    .log_contact(
                        acme,
                        &line("gift: hamper >> ask how it went @fri =5 #vip #logistics"),
                        now,
                    )
                    .unwrap(),
            }),
        ),
        (
            "a complaint",
            Box::new(move |s| Change::Logged {
                customer_id: acme,
                logged: s
                    .log_contact(acme, &line("complaint: late delivery =2"), now)
                    .unwrap(),
            }),
        ),
        (
            "a follow-up",
            Box::new(move |s| Change::FollowUpAdded {
                follow_up: s
                    .add_follow_up(acme, "send the quote", day("2026-11-27"), now)
                    .unwrap(),
            }),
        ),
        (
            "a customer",
            Box::new(move |s| {
                let c = s.add_customer(&named("Gamma"), now).unwrap();
                Change::CustomerAdded {
                    id: c.id,
                    added: CustomerFields::of(&c),
                }
            }),
        ),
        (
            "an edit",
            Box::new(move |s| {
                let before = s.require_customer(acme).unwrap();
                let patch = CustomerPatch {
                    email: Some("buyer@acme.example".into()),
                    tags: Some(Tags::new(["vip"]).unwrap()),
                    cadence: Some(Cadence::from_days(7).unwrap()),
                    ..CustomerPatch::default()
                };
                let after = s.update_customer(acme, &patch, now).unwrap();
                Change::customer_edited(&before, &patch, &after)
            }),
        ),
        (
            "a moment",
            Box::new(move |s| {
                let new = NewMoment {
                    title: "Board approves budget".into(),
                    expected: day("2026-12-10"),
                    ..NewMoment::default()
                };
                Change::MomentAdded {
                    moment: s.add_moment(acme, &new, now).unwrap(),
                }
            }),
        ),
        (
            "a trigger",
            Box::new(move |s| Change::TriggerAdded {
                trigger: s
                    .add_trigger(acme, TriggerKind::Influential, "new CFO", now)
                    .unwrap(),
            }),
        ),
        (
            "an ask",
            Box::new(move |s| Change::BalanceAdded {
                entry: s.add_balance_entry(acme, Side::Ask, "a referral", now).unwrap(),
            }),
        ),
        (
            "an order",
            Box::new(move |s| Change::OrderAdded {
                order: s
                    .add_order(acme, now.date_naive(), Cents(5_000_000), "EUR", now)
                    .unwrap(),
            }),
        ),
        (
            "done",
            Box::new(move |s| Change::FollowUpDone {
                id: open,
                done_at: s.complete_follow_up(open, now).unwrap().done_at.unwrap(),
            }),
        ),
        (
            "the snooze",
            Box::new(move |s| {
                s.snooze_follow_up(open, day("2026-12-01")).unwrap();
                Change::FollowUpSnoozed {
                    id: open,
                    from: due,
                    to: day("2026-12-01"),
                }
            }),
        ),
    ];
    for (what, act) in &actions {
        let before = b.dump();
        let change = act(&mut *b.tui);
        assert_ne!(b.dump(), before, "{what} changed nothing");
        b.tui
            .undo(&change, now)
            .unwrap_or_else(|e| panic!("undoing {what}: {e:#}"));
        assert_eq!(b.dump(), before, "undoing {what}");
    }
}

#[test]
fn an_added_customer_stays_when_anything_was_recorded_or_edited_since() {
    let mut b = TwoHandles::new();
    let c = b.tui.add_customer(&named("Gamma"), at(NOW)).unwrap();
    let change = Change::CustomerAdded {
        id: c.id,
        added: CustomerFields::of(&c),
    };

    let new = NewMoment {
        title: "Trial ends".into(),
        expected: day("2026-12-01"),
        ..NewMoment::default()
    };
    let m = b.cli.add_moment(c.id, &new, at(NOW)).unwrap();
    let why = b.refused(&change);
    assert_eq!(why.what, "adding Gamma");
    assert_eq!(why.why, "1 decision moment was added since");

    b.edit("DELETE FROM moments WHERE id = ?1", m.id);
    let patch = CustomerPatch {
        phone: Some("+31 20 555 0100".into()),
        ..CustomerPatch::default()
    };
    b.cli.update_customer(c.id, &patch, at(NOW)).unwrap();
    assert_eq!(b.refused(&change).why, "the phone was changed since");
    assert_eq!(
        b.refused(&change).to_string(),
        "can't undo adding Gamma: the phone was changed since — nothing was changed"
    );
}

#[test]
fn an_undone_edit_puts_back_only_the_fields_it_changed_and_only_if_untouched() {
    let mut b = TwoHandles::new();
    let before = b.tui.require_customer(b.acme).unwrap();
    assert_eq!(before.tags.as_slice(), ["logistics"]);
    let patch = CustomerPatch {
        email: Some("buyer@acme.example".into()),
        phone: Some("+31 20 555 0100".into()),
        tags: Some(Tags::new(["vip"]).unwrap()),
        ..CustomerPatch::default()
    };
    let after = b.tui.update_customer(b.acme, &patch, at(NOW)).unwrap();
    let change = Change::customer_edited(&before, &patch, &after);

    // Fields the edit wrote, changed since: refused, naming them.
    let mut cli_patch = CustomerPatch {
        email: Some("cfo@acme.example".into()),
        ..CustomerPatch::default()
    };
    b.cli.update_customer(b.acme, &cli_patch, at(NOW)).unwrap();
    let why = b.refused(&change);
    assert_eq!(why.what, "the edit of Acme");
    assert_eq!(why.why, "the e-mail was changed since");
    cli_patch.phone = Some("+31 20 555 0199".into());
    b.cli.update_customer(b.acme, &cli_patch, at(NOW)).unwrap();
    assert_eq!(
        b.refused(&change).why,
        "the e-mail and the phone were changed since"
    );

    // Back as the edit left them, and another process changes what the edit did not
    // write: the company, a tag of its own, notes.
    let as_edited = CustomerPatch {
        email: Some("buyer@acme.example".into()),
        phone: Some("+31 20 555 0100".into()),
        company: Some("Acme Holding".into()),
        notes: Some("prefers mornings".into()),
        tags: Some(Tags::new(["vip", "export"]).unwrap()),
        ..CustomerPatch::default()
    };
    b.cli.update_customer(b.acme, &as_edited, at(NOW)).unwrap();
    b.tui.undo(&change, at(NOW)).unwrap();
    let c = b.cli.require_customer(b.acme).unwrap();
    assert_eq!(
        (c.email.as_str(), c.phone.as_str()),
        ("", ""),
        "the edit's fields are put back"
    );
    assert_eq!(c.company, "Acme Holding", "another process's field stays");
    assert_eq!(c.notes, "prefers mornings");
    // The edit added vip and took logistics away; export is the other process's.
    assert_eq!(c.tags.as_slice(), ["export", "logistics"]);
}

#[test]
fn an_undone_log_refuses_when_its_rows_were_changed_or_built_on() {
    let mut b = TwoHandles::new();
    let now = at(NOW);
    let logged = b
        .tui
        .log_contact(b.acme, &line("gift: hamper >> ask how it went @fri"), now)
        .unwrap();
    let change = Change::Logged {
        customer_id: b.acme,
        logged: logged.clone(),
    };
    assert_eq!(logged.tags_added, Tags::default());

    // Its follow-up moved by another process.
    let f = logged.follow_up_id.unwrap();
    b.cli.snooze_follow_up(f, day("2026-12-04")).unwrap();
    let why = b.refused(&change);
    assert_eq!(why.what, "the logged gift");
    assert_eq!(
        why.why,
        "its follow-up “ask how it went” was moved to 2026-12-04 since"
    );
    b.edit(
        "UPDATE follow_ups SET due = '2026-11-27', snoozes = 0 WHERE id = ?1",
        f,
    );

    // Its give, edited by hand; then the contact itself. Each edit is put back after.
    let (give, contact) = (logged.balance_entry_id.unwrap(), logged.interaction_id);
    for (edit, id, why, back) in [
        (
            "UPDATE balance_entries SET note = 'two hampers' WHERE id = ?1",
            give,
            "its give was changed since",
            "UPDATE balance_entries SET note = 'hamper' WHERE id = ?1",
        ),
        (
            "UPDATE interactions SET satisfaction = 3 WHERE id = ?1",
            contact,
            "the contact was changed since",
            "UPDATE interactions SET satisfaction = NULL WHERE id = ?1",
        ),
    ] {
        b.edit(edit, id);
        assert_eq!(b.refused(&change).why, why, "{edit}");
        b.edit(back, id);
    }

    // A record of someone else's attached to the contact: deleting it would cut that loose.
    let raw = b.raw();
    raw.execute(
        "INSERT INTO balance_entries (customer_id, interaction_id, side, note, at) VALUES (?1, ?2, 'ask', 'a referral', 0)",
        [b.acme, contact],
    )
    .unwrap();
    assert_eq!(
        b.refused(&change).why,
        "1 record was attached to the contact since"
    );
    raw.execute("DELETE FROM balance_entries WHERE note = 'a referral'", [])
        .unwrap();

    // As the log left it again: undone.
    b.tui.undo(&change, now).unwrap();
    assert!(b.cli.follow_up(f).unwrap().is_none());
    assert_eq!(b.cli.require_customer(b.acme).unwrap().summary.balance.gives, 1);
}

#[test]
fn an_undone_give_or_order_refuses_when_it_was_changed_or_deleted() {
    let mut b = TwoHandles::new();
    let now = at(NOW);
    let entry = b
        .tui
        .add_balance_entry(b.acme, Side::Give, "tickets", now)
        .unwrap();
    let order = b
        .tui
        .add_order(b.acme, now.date_naive(), Cents(500_000), "EUR", now)
        .unwrap();
    let (give, sale) = (
        Change::BalanceAdded { entry: entry.clone() },
        Change::OrderAdded { order: order.clone() },
    );

    b.edit("UPDATE orders SET amount_cents = 50000 WHERE id = ?1", order.id);
    let why = b.refused(&sale);
    assert_eq!(
        (why.what.as_str(), why.why.as_str()),
        ("the order of EUR 5,000.00", "it was changed since")
    );
    b.edit("DELETE FROM orders WHERE id = ?1", order.id);
    assert_eq!(b.refused(&sale).why, "it was deleted since");

    b.edit("UPDATE balance_entries SET side = 'ask' WHERE id = ?1", entry.id);
    let why = b.refused(&give);
    assert_eq!(
        (why.what.as_str(), why.why.as_str()),
        ("the give “tickets”", "it was changed since")
    );
}

#[test]
fn an_undone_snooze_or_done_refuses_once_the_follow_up_moved_on() {
    let mut b = TwoHandles::new();
    let now = at(NOW);
    let f = b
        .tui
        .add_follow_up(b.acme, "call back", day("2026-11-24"), now)
        .unwrap();
    b.tui.snooze_follow_up(f.id, day("2026-11-30")).unwrap();
    let snooze = Change::FollowUpSnoozed {
        id: f.id,
        from: f.due,
        to: day("2026-11-30"),
    };
    b.cli.complete_follow_up(f.id, now).unwrap();
    assert_eq!(
        b.refused(&snooze).why,
        "the follow-up “call back” was marked done since"
    );

    let g = b
        .tui
        .add_follow_up(b.acme, "send samples", day("2026-11-24"), now)
        .unwrap();
    let done = Change::FollowUpDone {
        id: g.id,
        done_at: b.tui.complete_follow_up(g.id, now).unwrap().done_at.unwrap(),
    };
    b.edit("UPDATE follow_ups SET done_at = NULL WHERE id = ?1", g.id);
    let why = b.refused(&done);
    assert_eq!(
        (why.what.as_str(), why.why.as_str()),
        ("marking “send samples” done", "it was reopened since")
    );
}

#[test]
fn an_undone_moment_or_trigger_refuses_once_it_was_edited() {
    let mut b = TwoHandles::new();
    let now = at(NOW);
    let new = NewMoment {
        title: "Board approves budget".into(),
        expected: day("2026-12-10"),
        ..NewMoment::default()
    };
    let m = b.tui.add_moment(b.acme, &new, now).unwrap();
    let t = b
        .tui
        .add_trigger(b.acme, TriggerKind::Situational, "new buyer", now)
        .unwrap();
    for (edit, id, change) in [
        (
            "UPDATE moments SET expected = '2026-12-17' WHERE id = ?1",
            m.id,
            Change::MomentAdded { moment: m },
        ),
        (
            "UPDATE triggers SET note = 'new buyer, starts in January' WHERE id = ?1",
            t.id,
            Change::TriggerAdded { trigger: t },
        ),
    ] {
        b.edit(edit, id);
        assert_eq!(b.refused(&change).why, "it was changed since", "{edit}");
    }
}

#[test]
fn an_undo_waits_for_a_writer_in_the_middle_of_a_change_and_then_sees_it() {
    let mut b = TwoHandles::new();
    let now = at(NOW);
    let f = b
        .tui
        .add_follow_up(b.acme, "call back", day("2026-11-27"), now)
        .unwrap();
    let change = Change::FollowUpAdded { follow_up: f.clone() };

    // Another process has taken the write lock and is completing the follow-up.
    let path = file(b.dir.path());
    let (locked, wait) = std::sync::mpsc::channel();
    let writer = std::thread::spawn(move || {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        conn.execute("UPDATE follow_ups SET done_at = 1 WHERE id = ?1", [f.id])
            .unwrap();
        locked.send(()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        conn.execute_batch("COMMIT").unwrap();
    });
    wait.recv().unwrap();
    // The undo's check runs after that commit, not on what it read before: refused.
    let err = b.tui.undo(&change, now).expect_err("refused");
    writer.join().unwrap();
    let why = err.downcast_ref::<UndoRefused>().expect("a refusal");
    assert_eq!(why.why, "it was marked done since");
    assert!(b.cli.follow_up(f.id).unwrap().is_some());
}

/// Acme with a decision moment ahead and a competitor's offer, on Acme's card.
fn card_with_moment_and_trigger() -> Session {
    let mut s = Session::new(|store| {
        let id = store
            .add_customer(&named("Acme"), at("2026-11-01T09:00:00Z"))
            .unwrap()
            .id;
        let new = NewMoment {
            title: "Board approves budget".into(),
            expected: day("2026-12-10"),
            ..NewMoment::default()
        };
        store.add_moment(id, &new, at("2026-11-02T09:00:00Z")).unwrap();
        store
            .add_trigger(
                id,
                TriggerKind::Influential,
                "Rival offered 10% off",
                at("2026-11-03T09:00:00Z"),
            )
            .unwrap();
        id
    });
    s.keys("2");
    s.press(KeyCode::Enter);
    s
}

#[test]
fn c_on_a_selected_moment_closes_it_with_its_outcome_and_a_note_and_u_reopens_it() {
    let mut s = card_with_moment_and_trigger();
    // No moment selected: `c` is no key here.
    s.keys("c");
    assert!(s.app.overlay.is_none());
    s.keys("]");
    s.submit("c", "maybe");
    let form = match &s.app.overlay {
        Some(touchbase::tui::app::Overlay::Form(form)) => form,
        _ => panic!("the refusal stays on the form"),
    };
    assert_eq!(
        form.error.as_deref(),
        Some("unknown outcome 'maybe' — use won, lost or passed")
    );
    assert_eq!(
        s.other().moments_of(s.acme).unwrap()[0].status,
        MomentStatus::Upcoming
    );
    for _ in 0..5 {
        s.press(KeyCode::Backspace);
    }
    s.keys("lost");
    s.press(KeyCode::Enter);
    // The outcome taken, the note is asked; nothing is closed until it is given.
    match &s.app.overlay {
        Some(touchbase::tui::app::Overlay::Prompt(p)) => {
            assert_eq!(p.label(), "“Board approves budget” lost: how? › ");
        }
        _ => panic!("a prompt asks for the note"),
    }
    assert_eq!(
        s.other().moments_of(s.acme).unwrap()[0].status,
        MomentStatus::Upcoming
    );
    s.keys("lost on price to Heller");
    s.press(KeyCode::Enter);
    assert!(s.app.overlay.is_none());
    assert_eq!(
        s.status(),
        (
            "Closed “Board approves budget” as lost: lost on price to Heller — u undoes".into(),
            false
        )
    );
    let m = s.other().moments_of(s.acme).unwrap().remove(0);
    assert_eq!(
        (m.status, m.outcome_note.as_str()),
        (MomentStatus::Lost, "lost on price to Heller")
    );
    // Closing it again: said where the user acted, before anything is asked; nothing changed.
    s.keys("c");
    assert!(s.app.overlay.is_none(), "nothing is asked of a closed moment");
    assert_eq!(
        s.status(),
        (
            format!(
                "decision moment {} was already closed as lost — nothing changed",
                m.id
            ),
            true
        )
    );
    assert_eq!(s.other().moments_of(s.acme).unwrap().remove(0), m);
    assert_eq!(
        s.undone(),
        "Undone: closed “Board approves budget” as lost for Acme (Mon 23 Nov 09:00)"
    );
    let m = s.other().moments_of(s.acme).unwrap().remove(0);
    assert_eq!(
        (m.status, m.closed_at, m.outcome_note.as_str()),
        (MomentStatus::Upcoming, None, "")
    );
}

#[test]
fn enter_alone_in_the_note_closes_a_moment_without_one_and_esc_closes_nothing() {
    let mut s = card_with_moment_and_trigger();
    s.keys("]");
    s.submit("c", "won");
    s.press(KeyCode::Esc);
    assert!(s.app.overlay.is_none());
    assert_eq!(
        s.other().moments_of(s.acme).unwrap()[0].status,
        MomentStatus::Upcoming,
        "Esc at the note closes nothing"
    );
    s.submit("c", "won");
    s.press(KeyCode::Enter);
    assert_eq!(
        s.status(),
        ("Closed “Board approves budget” as won — u undoes".into(), false)
    );
    let m = s.other().moments_of(s.acme).unwrap().remove(0);
    assert_eq!((m.status, m.outcome_note.as_str()), (MomentStatus::Won, ""));
}

#[test]
fn a_moment_closed_elsewhere_while_its_note_is_typed_is_refused_on_the_prompt() {
    let mut s = card_with_moment_and_trigger();
    let id = s.other().moments_of(s.acme).unwrap()[0].id;
    s.keys("]");
    s.submit("c", "won");
    s.keys("signed");
    s.other()
        .close_moment(id, MomentStatus::Passed, "", at(LATER))
        .unwrap();
    s.press(KeyCode::Enter);
    match &s.app.overlay {
        Some(touchbase::tui::app::Overlay::Prompt(p)) => assert_eq!(
            p.error.as_ref().map(|(e, _)| e.as_str()),
            Some(format!("decision moment {id} was already closed as passed — nothing changed").as_str())
        ),
        _ => panic!("the refusal stays on the prompt"),
    }
    let m = s.other().moments_of(s.acme).unwrap().remove(0);
    assert_eq!((m.status, m.outcome_note.as_str()), (MomentStatus::Passed, ""));
}

#[test]
fn r_on_a_selected_trigger_resolves_it_with_a_note_once_and_u_reopens_it() {
    let mut s = card_with_moment_and_trigger();
    let trigger = s.other().triggers_of(s.acme).unwrap()[0].id;
    s.keys("]]");
    s.keys("r");
    match &s.app.overlay {
        Some(touchbase::tui::app::Overlay::Prompt(p)) => {
            assert_eq!(p.label(), "Resolved “Rival offered 10% off” how? › ");
        }
        _ => panic!("a prompt asks how it was resolved"),
    }
    assert!(s.other().require_trigger(trigger).unwrap().resolved_at.is_none());
    s.keys("sent a counter-offer at -5%");
    s.press(KeyCode::Enter);
    assert_eq!(
        s.status(),
        (
            "Resolved the influential trigger “Rival offered 10% off”: sent a counter-offer at -5% \
             — u undoes"
                .into(),
            false
        )
    );
    let t = s.other().require_trigger(trigger).unwrap();
    assert!(t.resolved_at.is_some());
    assert_eq!(t.resolution_note, "sent a counter-offer at -5%");
    s.keys("r");
    assert!(s.app.overlay.is_none(), "nothing is asked of a resolved trigger");
    assert_eq!(
        s.status(),
        (
            format!("trigger {trigger} was already resolved on 2026-11-23 — nothing changed"),
            true
        )
    );
    assert_eq!(s.other().require_trigger(trigger).unwrap(), t);
    assert_eq!(
        s.undone(),
        "Undone: resolved the influential trigger of Acme (Mon 23 Nov 09:00)"
    );
    let t = s.other().require_trigger(trigger).unwrap();
    assert_eq!((t.resolved_at, t.resolution_note.as_str()), (None, ""));
    // Enter alone resolves it without a note.
    s.keys("r");
    s.press(KeyCode::Enter);
    assert_eq!(
        s.status().0,
        "Resolved the influential trigger “Rival offered 10% off” — u undoes"
    );
    let t = s.other().require_trigger(trigger).unwrap();
    assert!(t.resolved_at.is_some());
    assert_eq!(t.resolution_note, "");
}

#[test]
fn the_record_form_edits_how_a_moment_went_and_how_a_trigger_was_resolved() {
    let mut s = card_with_moment_and_trigger();
    s.keys("]");
    s.submit("c", "lost");
    s.keys("on price");
    s.press(KeyCode::Enter);
    s.keys("e");
    for _ in 0..6 {
        s.press(KeyCode::Tab);
    }
    s.keys(" to Heller");
    s.press(KeyCode::Enter);
    assert_eq!(
        s.status().0,
        "Edited the moment “Board approves budget” of Acme: outcome note"
    );
    let m = s.other().moments_of(s.acme).unwrap().remove(0);
    assert_eq!(
        (m.status, m.outcome_note.as_str()),
        (MomentStatus::Lost, "on price to Heller")
    );

    s.keys("]");
    s.keys("r");
    s.press(KeyCode::Enter);
    s.keys("e");
    s.press(KeyCode::Tab);
    s.press(KeyCode::Tab);
    s.keys("matched their price");
    s.press(KeyCode::Enter);
    let t = s.other().triggers_of(s.acme).unwrap().remove(0);
    assert_eq!(t.resolution_note, "matched their price");
    assert_eq!(
        s.undone(),
        "Undone: edited the influential trigger “Rival offered 10% off” of Acme: resolution note \
         (Mon 23 Nov 09:00)"
    );
    assert_eq!(s.other().triggers_of(s.acme).unwrap()[0].resolution_note, "");
}
