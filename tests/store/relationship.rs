//! Decision moments, switching triggers, the give/take ledger and orders.

use touchbase::domain::balance::Side;
use touchbase::domain::moment::{MomentStatus, NewMoment};
use touchbase::domain::money::Cents;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{NotOpen, Rows, Stream, Window};

use super::Backend;
use super::support::{at, customer, day, not_found, now};

fn moment(title: &str, expected: &str) -> NewMoment {
    NewMoment {
        title: title.into(),
        expected: day(expected),
        concerns: " price ".into(),
        ..NewMoment::default()
    }
}

pub fn moments_close_once_and_line_up_by_expected_day(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&customer("Acme"), now()).unwrap();
    let other = book.add_customer(&customer("Beta"), now()).unwrap();
    let later = book
        .add_moment(c.id, &moment(" board decision ", "2026-12-10"), now())
        .unwrap();
    let sooner = book
        .add_moment(c.id, &moment("pilot review", "2026-12-01"), now())
        .unwrap();
    assert_eq!(
        (later.title.as_str(), later.concerns.as_str()),
        ("board decision", "price")
    );
    assert_eq!(
        (later.status, later.planned_at, later.closed_at),
        (MomentStatus::Upcoming, now(), None)
    );
    assert_eq!(book.moment(later.id).unwrap(), Some(later.clone()));
    assert_eq!(book.moments_of(c.id).unwrap(), [sooner.clone(), later.clone()]);
    assert_eq!(
        book.next_moments(&[other.id, c.id]).unwrap(),
        [(c.id, day("2026-12-01"))]
    );

    let closed = book
        .close_moment(sooner.id, MomentStatus::Won, "", now())
        .unwrap();
    assert_eq!(
        (closed.status, closed.closed_at),
        (MomentStatus::Won, Some(now()))
    );
    let again = book
        .close_moment(sooner.id, MomentStatus::Lost, "", now())
        .unwrap_err();
    assert!(again.to_string().contains("already closed as won"), "{again}");
    let upcoming = book
        .close_moment(later.id, MomentStatus::Upcoming, "", now())
        .unwrap_err();
    assert!(upcoming.to_string().contains("not upcoming"), "{upcoming}");
    assert_eq!(
        book.moment(later.id).unwrap(),
        Some(later),
        "a refusal changes nothing"
    );
    assert_eq!(book.next_moments(&[c.id]).unwrap(), [(c.id, day("2026-12-10"))]);
    let err = book.close_moment(99, MomentStatus::Won, "", now()).unwrap_err();
    assert_eq!(
        (not_found(&err).what, not_found(&err).id),
        ("decision moment", 99)
    );
}

pub fn triggers_resolve_once_open_ones_first(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&customer("Acme"), now()).unwrap();
    let first = book
        .add_trigger(
            c.id,
            TriggerKind::Situational,
            " new buyer ",
            at("2026-11-01T10:00:00Z"),
        )
        .unwrap();
    let second = book
        .add_trigger(
            c.id,
            TriggerKind::Influential,
            "competitor offer",
            at("2026-11-05T10:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        (first.note.as_str(), first.opened_at),
        ("new buyer", at("2026-11-01T10:00:00Z"))
    );
    let resolved = book.resolve_trigger(second.id, "", now()).unwrap();
    assert_eq!(resolved.resolved_at, Some(now()));
    let again = book.resolve_trigger(second.id, "", now()).unwrap_err();
    assert_eq!(
        again.downcast_ref::<NotOpen>(),
        Some(&NotOpen::TriggerResolved {
            id: second.id,
            on: day("2026-11-20")
        })
    );
    assert!(again.to_string().contains("already resolved"), "{again}");
    let third = book
        .add_trigger(c.id, TriggerKind::Reactional, "late", at("2026-11-03T10:00:00Z"))
        .unwrap();
    // Open ones first, newest first.
    assert_eq!(book.triggers_of(c.id).unwrap(), [third, first, resolved.clone()]);
    assert_eq!(book.require_trigger(second.id).unwrap(), resolved);
    let err = book.resolve_trigger(99, "", now()).unwrap_err();
    assert_eq!((not_found(&err).what, not_found(&err).id), ("trigger", 99));
}

pub fn gives_and_asks_are_counted(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&customer("Acme"), now()).unwrap();
    let give = book
        .add_balance_entry(c.id, Side::Give, " lunch ", at("2026-11-02T12:00:00Z"))
        .unwrap();
    assert_eq!(
        (give.side, give.note.as_str(), give.customer_id),
        (Side::Give, "lunch", c.id)
    );
    book.add_balance_entry(c.id, Side::Ask, "referral", now())
        .unwrap();
    book.add_balance_entry(c.id, Side::Ask, "survey", now()).unwrap();
    let s = book.require_customer(c.id).unwrap().summary;
    assert_eq!((s.balance.gives, s.balance.asks), (1, 2));
    assert_eq!(s.last_give_at, Some(at("2026-11-02T12:00:00Z")));
}

pub fn orders_add_up_to_the_value_and_its_tier(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&customer("Acme"), now()).unwrap();
    // Overdue before any order: in the walk of tier 0.
    let f = book
        .add_follow_up(c.id, "send quote", day("2026-11-18"), now())
        .unwrap();
    let order = book
        .add_order(c.id, day("2026-11-10"), Cents(60_000), "EUR", now())
        .unwrap();
    assert_eq!(
        (order.amount, order.ordered_on, order.currency.as_str()),
        (Cents(60_000), day("2026-11-10"), "EUR")
    );
    book.add_order(c.id, day("2026-11-03"), Cents(50_000), "EUR", now())
        .unwrap();
    let s = book.require_customer(c.id).unwrap().summary;
    assert_eq!(
        (s.value, s.last_order_on),
        (Cents(110_000), Some(day("2026-11-10")))
    );
    assert_eq!(s.value.tier(), 1);

    // The follow-up added before the orders moved with its customer into tier 1.
    let w = Window {
        today: now().date_naive(),
        now: now(),
        moments_through: day("2026-11-23"),
        complaints_before: at("2026-11-17T10:00:00Z"),
        loyalty_before: at("2026-05-24T10:00:00Z"),
        loyal_if_added_before: at("2026-08-24T10:00:00Z"),
        single_threaded_since: at("2026-08-24T10:00:00Z"),
    };
    let overdue = |tier| match book.stream_rows(Stream::Overdue { tier }, &w, 10).unwrap() {
        Rows::FollowUps(rows) => rows.into_iter().map(|(f, _)| f.id).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!((overdue(0), overdue(1)), (vec![], vec![f.id]));
}

pub fn a_customer_s_gives_asks_and_orders_list_newest_first(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&customer("Acme"), now()).unwrap();
    let other = book.add_customer(&customer("Beta"), now()).unwrap();
    let lunch = book
        .add_balance_entry(c.id, Side::Give, "lunch", at("2026-11-02T12:00:00Z"))
        .unwrap();
    let referral = book
        .add_balance_entry(c.id, Side::Ask, "referral", at("2026-11-20T09:00:00Z"))
        .unwrap();
    let survey = book
        .add_balance_entry(c.id, Side::Ask, "survey", at("2026-11-20T09:00:00Z"))
        .unwrap();
    book.add_balance_entry(other.id, Side::Give, "gift", now())
        .unwrap();
    assert_eq!(
        book.entries_of(c.id, 10).unwrap(),
        [survey.clone(), referral, lunch],
        "newest first; the same instant in the order written, latest first"
    );
    assert_eq!(book.entries_of(c.id, 1).unwrap(), [survey]);

    let november = book
        .add_order(c.id, day("2026-11-10"), Cents(60_000), "EUR", now())
        .unwrap();
    let october = book
        .add_order(c.id, day("2026-10-03"), Cents(50_000), "EUR", now())
        .unwrap();
    let december = book
        .add_order(c.id, day("2026-12-01"), Cents(1), "USD", now())
        .unwrap();
    book.add_order(other.id, day("2026-11-11"), Cents(9), "EUR", now())
        .unwrap();
    assert_eq!(
        book.orders_of(c.id, 10).unwrap(),
        [december, november.clone(), october],
        "by the day ordered, not the day written"
    );
    assert_eq!(book.orders_of(c.id, 2).unwrap()[1], november);
    assert!(book.orders_of(99, 10).unwrap().is_empty());
    assert!(book.entries_of(99, 10).unwrap().is_empty());
}

pub fn records_for_a_missing_customer_are_not_found(b: &dyn Backend) {
    let mut book = b.open();
    let errors = [
        book.add_moment(7, &moment("x", "2026-12-01"), now()).map(|_| ()),
        book.add_trigger(7, TriggerKind::Reactional, "x", now())
            .map(|_| ()),
        book.add_balance_entry(7, Side::Give, "x", now()).map(|_| ()),
        book.add_order(7, day("2026-11-01"), Cents(100), "EUR", now())
            .map(|_| ()),
    ];
    for e in errors {
        let e = e.unwrap_err();
        assert_eq!((not_found(&e).what, not_found(&e).id), ("customer", 7));
    }
    assert_eq!(book.count_customers().unwrap(), 0);
}
