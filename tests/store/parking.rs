//! What the user parked: a nudge snoozed until a day (one per customer, kind and subject,
//! a later snooze replacing the earlier one), a customer paused until a day (left out of
//! the cadence walk and count while it holds), and the undo of both.

use touchbase::domain::Pause;
use touchbase::domain::nudge::NudgeKind;
use touchbase::store::{Change, Rows, Stream, UndoRefused, Window};

use super::Backend;
use super::support::{at, customer, day, now};

fn window() -> Window {
    Window {
        today: now().date_naive(),
        now: now(),
        moments_through: day("2026-11-23"),
        complaints_before: at("2026-11-17T10:00:00Z"),
        loyalty_before: at("2026-05-24T10:00:00Z"),
        loyal_if_added_before: at("2026-08-25T10:00:00Z"),
        single_threaded_since: at("2026-08-25T10:00:00Z"),
    }
}

pub fn a_snooze_holds_until_its_day_and_a_later_one_replaces_it(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let beta = book.add_customer(&customer("Beta"), now()).unwrap().id;
    let (first, replaced) = book
        .snooze_nudge(
            acme,
            NudgeKind::CadenceExceeded,
            0,
            day("2026-12-01"),
            "  on leave ",
            now(),
        )
        .unwrap();
    assert_eq!(replaced, None);
    assert_eq!(
        (
            first.customer_id,
            first.kind,
            first.subject_id,
            first.until,
            first.reason.as_str()
        ),
        (acme, NudgeKind::CadenceExceeded, 0, day("2026-12-01"), "on leave")
    );
    // Two complaints of one customer are two nudges: each is snoozed on its own.
    book.snooze_nudge(beta, NudgeKind::ComplaintOpen, 7, day("2026-11-25"), "", now())
        .unwrap();
    book.snooze_nudge(beta, NudgeKind::ComplaintOpen, 8, day("2026-11-30"), "", now())
        .unwrap();
    let (again, replaced) = book
        .snooze_nudge(acme, NudgeKind::CadenceExceeded, 0, day("2027-03-01"), "", now())
        .unwrap();
    assert_eq!(replaced, Some(first));
    assert_eq!(again.until, day("2027-03-01"));

    let holding = |book: &dyn touchbase::store::Book, today: &str| -> Vec<(i64, i64)> {
        let mut found: Vec<_> = book
            .nudge_snoozes_holding(day(today))
            .unwrap()
            .iter()
            .map(|s| (s.customer_id, s.subject_id))
            .collect();
        found.sort_unstable();
        found
    };
    assert_eq!(holding(&*book, "2026-11-20"), [(acme, 0), (beta, 7), (beta, 8)]);
    // On its day a snooze holds no longer: the nudge is back.
    assert_eq!(holding(&*book, "2026-11-25"), [(acme, 0), (beta, 8)]);
    let of_beta: Vec<_> = book
        .nudge_snoozes_of(beta, day("2026-11-20"))
        .unwrap()
        .iter()
        .map(|s| s.subject_id)
        .collect();
    assert_eq!(of_beta, [7, 8], "soonest to end first");

    // An archived customer's snoozes are not in force.
    book.set_archived(beta, true, now()).unwrap();
    assert_eq!(holding(&*book, "2026-11-20"), [(acme, 0)]);
    let err = book
        .snooze_nudge(999, NudgeKind::CadenceExceeded, 0, day("2026-12-01"), "", now())
        .unwrap_err();
    assert!(err.to_string().contains("999"), "{err}");
}

pub fn a_paused_customer_is_left_out_of_the_cadence_walk_and_count(b: &dyn Backend) {
    let mut book = b.open();
    // Never contacted, added long ago: both past their cadence of 14 days.
    let old = at("2026-09-01T09:00:00Z");
    let acme = book.add_customer(&customer("Acme"), old).unwrap().id;
    let beta = book.add_customer(&customer("Beta"), old).unwrap().id;
    let cadence_walk = |book: &dyn touchbase::store::Book| -> Vec<i64> {
        let mut ids = Vec::new();
        for tier in 0..4 {
            let rows = book
                .stream_rows(Stream::Cadence { days: 14, tier }, &window(), 10)
                .unwrap();
            if let Rows::Customers(cs) = rows {
                ids.extend(cs.iter().map(|c| c.id));
            }
        }
        ids
    };
    assert_eq!(cadence_walk(&*book), [acme, beta]);
    assert_eq!(book.count_cadence_overdue(now(), now().date_naive()).unwrap(), 2);

    let pause = Pause {
        until: day("2026-12-01"),
        reason: " sabbatical ".into(),
    };
    let (paused, before) = book.set_pause(acme, Some(&pause), now()).unwrap();
    assert_eq!(before, None);
    let stored = paused.paused.clone().expect("paused");
    assert_eq!(
        (stored.until, stored.reason.as_str()),
        (day("2026-12-01"), "sabbatical")
    );
    assert_eq!(book.require_customer(acme).unwrap().paused, Some(stored.clone()));
    assert_eq!(cadence_walk(&*book), [beta]);
    assert_eq!(book.count_cadence_overdue(now(), now().date_naive()).unwrap(), 1);
    // From its day on the pause holds no longer.
    assert_eq!(book.count_cadence_overdue(now(), day("2026-12-01")).unwrap(), 2);

    let (resumed, before) = book.set_pause(acme, None, now()).unwrap();
    assert_eq!((resumed.paused, before), (None, Some(stored)));
    assert_eq!(cadence_walk(&*book), [acme, beta]);
    assert!(book.set_pause(999, Some(&pause), now()).is_err());
}

pub fn an_undone_snooze_or_pause_puts_back_what_was_there_and_refuses_once_changed(b: &dyn Backend) {
    let mut tui = b.open();
    let mut cli = b.open();
    let acme = tui.add_customer(&customer("Acme"), now()).unwrap().id;
    let kind = NudgeKind::LoyaltyUnrewarded;
    let (first, _) = tui
        .snooze_nudge(acme, kind, 0, day("2026-12-01"), "a", now())
        .unwrap();
    let (second, replaced) = tui
        .snooze_nudge(acme, kind, 0, day("2026-12-08"), "b", now())
        .unwrap();
    let change = Change::NudgeSnoozed {
        snooze: second.clone(),
        replaced,
    };
    tui.undo(&change, now()).unwrap();
    assert_eq!(
        cli.nudge_snoozes_of(acme, now().date_naive()).unwrap(),
        std::slice::from_ref(&first)
    );

    // Snoozed again by another handle since: the undo of the first snooze refuses.
    let undo_first = Change::NudgeSnoozed {
        snooze: first,
        replaced: None,
    };
    cli.snooze_nudge(acme, kind, 0, day("2027-01-04"), "", now())
        .unwrap();
    let err = tui.undo(&undo_first, now()).expect_err("refused");
    assert!(err.downcast_ref::<UndoRefused>().is_some(), "{err}");
    assert_eq!(
        tui.nudge_snoozes_of(acme, now().date_naive()).unwrap()[0].until,
        day("2027-01-04")
    );

    let pause = Pause {
        until: day("2026-12-01"),
        reason: String::new(),
    };
    let (after, before) = tui.set_pause(acme, Some(&pause), now()).unwrap();
    let paused = Change::CustomerPaused {
        id: acme,
        before,
        after: after.paused,
    };
    tui.undo(&paused, now()).unwrap();
    assert_eq!(cli.require_customer(acme).unwrap().paused, None);
    tui.set_pause(acme, Some(&pause), now()).unwrap();
    cli.set_pause(acme, None, now()).unwrap();
    let err = tui.undo(&paused, now()).expect_err("refused");
    let refused = err.downcast_ref::<UndoRefused>().expect("a refusal");
    assert_eq!(refused.why, "their pause was changed since");
    assert_eq!(
        tui.require_customer(acme).unwrap().paused,
        None,
        "nothing changed"
    );
}
