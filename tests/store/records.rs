//! Editing and deleting logged records through the contract: every summary is right
//! afterwards, an id that is gone is not found, and undo puts back exactly what was there
//! while nothing changed since.

use touchbase::domain::Kind;
use touchbase::domain::balance::Side;
use touchbase::domain::moment::{MomentStatus, NewMoment};
use touchbase::domain::money::Cents;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{
    Change, ContactPatch, EntryPatch, FollowUpPatch, MomentPatch, OrderPatch, Record, Row, TriggerPatch,
    UndoRefused,
};

use super::Backend;
use super::support::{at, customer, day, line, not_found, now};

pub fn editing_contacts_recomputes_last_contact_and_satisfaction(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap()
        .id;
    let older = book
        .log_contact(acme, &line("visit: tour =3"), at("2026-11-10T10:00:00Z"))
        .unwrap()
        .interaction_id;
    let newer = book
        .log_contact(acme, &line("call: terms =4"), at("2026-11-18T10:00:00Z"))
        .unwrap()
        .interaction_id;

    let revised = book
        .edit_contact(
            older,
            &ContactPatch {
                satisfaction: Some(Some(2)),
                note: Some("site tour".into()),
                ..ContactPatch::default()
            },
        )
        .unwrap();
    assert_eq!(revised.before.note, "tour");
    assert_eq!(
        (
            revised.after.note.as_str(),
            revised.after.satisfaction,
            revised.after.kind
        ),
        ("site tour", Some(2), Kind::Visit),
        "only the patched fields change"
    );
    let c = book.require_customer(acme).unwrap();
    assert_eq!(
        (c.summary.satisfaction, c.summary.prev_satisfaction),
        (Some(4), Some(2))
    );

    // The call really happened before the visit: it is no longer the latest contact.
    book.edit_contact(
        newer,
        &ContactPatch {
            at: Some(at("2026-11-05T10:00:00Z")),
            ..ContactPatch::default()
        },
    )
    .unwrap();
    let c = book.require_customer(acme).unwrap();
    assert_eq!(c.last_contact_at, Some(at("2026-11-10T10:00:00Z")));
    assert_eq!(
        (c.summary.satisfaction, c.summary.prev_satisfaction),
        (Some(2), Some(4))
    );

    // A contact turned into a note no longer counts as contact; clearing satisfaction.
    book.edit_contact(
        older,
        &ContactPatch {
            kind: Some(Kind::Note),
            satisfaction: Some(None),
            ..ContactPatch::default()
        },
    )
    .unwrap();
    let c = book.require_customer(acme).unwrap();
    assert_eq!(c.last_contact_at, Some(at("2026-11-05T10:00:00Z")));
    assert_eq!(c.summary.last_logged_at, Some(at("2026-11-10T10:00:00Z")));
    assert_eq!(
        (c.summary.satisfaction, c.summary.prev_satisfaction),
        (Some(4), None)
    );
}

pub fn deleting_the_newest_contact_keeps_what_its_line_made_unlinked(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap()
        .id;
    book.log_contact(acme, &line("visit: tour =3"), at("2026-11-10T10:00:00Z"))
        .unwrap();
    let gift = book
        .log_contact(acme, &line("gift: hamper >> ask how it went @fri =5"), now())
        .unwrap();

    let removed = book.delete_record(Record::Contact(gift.interaction_id)).unwrap();
    assert!(matches!(&removed.row, Row::Contact(c) if c.note == "hamper"));
    let follow_up = gift.follow_up_id.unwrap();
    let give = gift.balance_entry_id.unwrap();
    assert_eq!(
        removed.kept.unlinked,
        [Record::FollowUp(follow_up), Record::Entry(give)]
    );

    let c = book.require_customer(acme).unwrap();
    assert_eq!(
        c.last_contact_at,
        Some(at("2026-11-10T10:00:00Z")),
        "the visit is the last contact again"
    );
    assert_eq!(
        (c.summary.satisfaction, c.summary.prev_satisfaction),
        (Some(3), None)
    );
    assert_eq!(c.summary.balance.gives, 1, "the give stays");
    assert!(
        book.follow_up(follow_up).unwrap().is_some(),
        "the follow-up stays"
    );
    assert_eq!(book.interactions(acme, 10).unwrap().len(), 1);

    // Put back, it is the latest contact again, and linked to what its line made.
    book.undo(
        &Change::Deleted {
            row: removed.row.clone(),
            kept: removed.kept.clone(),
        },
        now(),
    )
    .unwrap();
    let c = book.require_customer(acme).unwrap();
    assert_eq!(c.last_contact_at, Some(now()));
    assert_eq!(c.summary.satisfaction, Some(5));
    let back = book.row(Record::Contact(gift.interaction_id)).unwrap();
    assert_eq!(
        back.as_ref(),
        Some(&removed.row),
        "back with its own id, as it was"
    );
    // Undoing the logged line now works again, because the links are back.
    book.undo(
        &Change::Logged {
            customer_id: acme,
            logged: gift,
        },
        now(),
    )
    .unwrap();
    assert!(book.follow_up(follow_up).unwrap().is_none());
    assert_eq!(book.require_customer(acme).unwrap().summary.balance.gives, 0);
}

pub fn orders_and_gives_edited_or_deleted_keep_value_and_balance_right(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let big = book
        .add_order(acme, day("2026-11-02"), Cents(125_050), "EUR", now())
        .unwrap();
    let small = book
        .add_order(acme, day("2026-11-10"), Cents(10_000), "EUR", now())
        .unwrap();
    assert_eq!(book.require_customer(acme).unwrap().summary.value, Cents(135_050));

    let revised = book
        .edit_order(
            big.id,
            &OrderPatch {
                amount: Some(Cents(5_000_000)),
                note: Some("framework deal".into()),
                ..OrderPatch::default()
            },
        )
        .unwrap();
    assert_eq!(revised.before, big);
    assert_eq!(
        (revised.after.amount, revised.after.note.as_str()),
        (Cents(5_000_000), "framework deal")
    );
    assert_eq!(revised.after.ordered_on, big.ordered_on);
    let c = book.require_customer(acme).unwrap();
    assert_eq!(c.summary.value, Cents(5_010_000));
    assert_eq!(c.summary.value.tier(), 3);

    book.edit_order(
        small.id,
        &OrderPatch {
            ordered_on: Some(day("2026-10-01")),
            ..OrderPatch::default()
        },
    )
    .unwrap();
    assert_eq!(
        book.require_customer(acme).unwrap().summary.last_order_on,
        Some(day("2026-11-02"))
    );
    book.delete_record(Record::Order(big.id)).unwrap();
    let c = book.require_customer(acme).unwrap();
    assert_eq!(
        (c.summary.value, c.summary.last_order_on),
        (Cents(10_000), Some(day("2026-10-01")))
    );

    let give = book.add_balance_entry(acme, Side::Give, "hamper", now()).unwrap();
    book.add_balance_entry(acme, Side::Ask, "referral", now())
        .unwrap();
    let revised = book
        .edit_entry(
            give.id,
            &EntryPatch {
                side: Some(Side::Ask),
                ..EntryPatch::default()
            },
        )
        .unwrap();
    assert_eq!(
        (revised.after.side, revised.after.note.as_str()),
        (Side::Ask, "hamper")
    );
    let balance = book.require_customer(acme).unwrap().summary.balance;
    assert_eq!((balance.gives, balance.asks), (0, 2));
    book.delete_record(Record::Entry(give.id)).unwrap();
    let balance = book.require_customer(acme).unwrap().summary.balance;
    assert_eq!((balance.gives, balance.asks), (0, 1));
    assert_eq!(book.balance_entry(give.id).unwrap(), None);
}

pub fn follow_ups_moments_and_triggers_are_edited_and_deleted(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let f = book
        .add_follow_up(acme, "send quote", day("2026-11-27"), now())
        .unwrap();
    let revised = book
        .edit_follow_up(
            f.id,
            &FollowUpPatch {
                text: Some("send the quote".into()),
                due: Some(day("2026-11-30")),
            },
        )
        .unwrap();
    assert_eq!(
        (revised.after.text.as_str(), revised.after.due),
        ("send the quote", day("2026-11-30"))
    );
    assert_eq!(
        book.open_follow_ups(acme).unwrap(),
        std::slice::from_ref(&revised.after)
    );

    let new = NewMoment {
        title: "board decision".into(),
        expected: day("2026-12-10"),
        ..NewMoment::default()
    };
    let m = book.add_moment(acme, &new, now()).unwrap();
    let later = at("2026-11-21T10:00:00Z");
    let closed = book
        .edit_moment(
            m.id,
            &MomentPatch {
                concerns: Some("price".into()),
                status: Some(MomentStatus::Won),
                ..MomentPatch::default()
            },
            later,
        )
        .unwrap()
        .after;
    assert_eq!(
        (closed.concerns.as_str(), closed.status, closed.closed_at),
        ("price", MomentStatus::Won, Some(later))
    );
    let lost = book
        .edit_moment(
            m.id,
            &MomentPatch {
                status: Some(MomentStatus::Lost),
                ..MomentPatch::default()
            },
            now(),
        )
        .unwrap()
        .after;
    assert_eq!(
        lost.closed_at,
        Some(later),
        "a moment closed already keeps its day"
    );
    let reopened = book
        .edit_moment(
            m.id,
            &MomentPatch {
                status: Some(MomentStatus::Upcoming),
                ..MomentPatch::default()
            },
            now(),
        )
        .unwrap()
        .after;
    assert_eq!(
        (reopened.status, reopened.closed_at),
        (MomentStatus::Upcoming, None)
    );

    let t = book
        .add_trigger(acme, TriggerKind::Situational, "new buyer", now())
        .unwrap();
    let revised = book
        .edit_trigger(
            t.id,
            &TriggerPatch {
                kind: Some(TriggerKind::Influential),
                note: None,
                resolution_note: None,
            },
        )
        .unwrap();
    assert_eq!(
        (revised.after.kind, revised.after.note.as_str()),
        (TriggerKind::Influential, "new buyer")
    );

    for record in [
        Record::FollowUp(f.id),
        Record::Moment(m.id),
        Record::Trigger(t.id),
    ] {
        book.delete_record(record).unwrap();
        assert_eq!(book.row(record).unwrap(), None);
    }
    assert!(book.open_follow_ups(acme).unwrap().is_empty());
    assert!(book.moments_of(acme).unwrap().is_empty());
    assert!(book.triggers_of(acme).unwrap().is_empty());
}

pub fn a_missing_or_deleted_record_is_not_found_and_nothing_changes(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let order = book
        .add_order(acme, day("2026-11-02"), Cents(100), "EUR", now())
        .unwrap();
    book.delete_record(Record::Order(order.id)).unwrap();
    let again = book.delete_record(Record::Order(order.id)).unwrap_err();
    assert_eq!(
        (not_found(&again).what, not_found(&again).id),
        ("order", order.id)
    );
    let edit = book
        .edit_order(
            order.id,
            &OrderPatch {
                amount: Some(Cents(5)),
                ..OrderPatch::default()
            },
        )
        .unwrap_err();
    assert_eq!(not_found(&edit).what, "order");
    let contact = book
        .edit_contact(
            999,
            &ContactPatch {
                note: Some("x".into()),
                ..ContactPatch::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        (not_found(&contact).what, not_found(&contact).id),
        ("contact", 999)
    );
    for record in [
        Record::Contact(999),
        Record::FollowUp(999),
        Record::Moment(999),
        Record::Trigger(999),
        Record::Entry(999),
    ] {
        let e = book.delete_record(record).unwrap_err();
        assert_eq!(not_found(&e).what, record.what());
    }
    assert_eq!(book.require_customer(acme).unwrap().summary.value, Cents(0));
}

pub fn an_undone_edit_puts_the_row_back_and_refuses_once_it_changed(b: &dyn Backend) {
    let mut tui = b.open();
    let mut cli = b.open();
    let acme = tui.add_customer(&customer("Acme"), now()).unwrap().id;
    let order = tui
        .add_order(acme, day("2026-11-02"), Cents(100_000), "EUR", now())
        .unwrap();
    let edit = |book: &mut dyn touchbase::store::Book, cents| {
        let r = book
            .edit_order(
                order.id,
                &OrderPatch {
                    amount: Some(Cents(cents)),
                    ..OrderPatch::default()
                },
            )
            .unwrap();
        Change::Edited {
            before: Row::Order(r.before),
            after: Row::Order(r.after),
        }
    };
    let change = edit(&mut *tui, 200_000);
    tui.undo(&change, now()).unwrap();
    assert_eq!(tui.order(order.id).unwrap(), Some(order.clone()));
    assert_eq!(tui.require_customer(acme).unwrap().summary.value, Cents(100_000));

    let change = edit(&mut *tui, 300_000);
    edit(&mut *cli, 400_000);
    let err = tui.undo(&change, now()).unwrap_err();
    let refused = err.downcast_ref::<UndoRefused>().expect("a refusal");
    assert_eq!(refused.why, "it was changed since");
    assert_eq!(
        tui.require_customer(acme).unwrap().summary.value,
        Cents(400_000),
        "nothing changed"
    );

    let change = edit(&mut *tui, 500_000);
    cli.delete_record(Record::Order(order.id)).unwrap();
    let err = tui.undo(&change, now()).unwrap_err();
    assert_eq!(
        err.downcast_ref::<UndoRefused>().expect("a refusal").why,
        "it was deleted since"
    );
}

pub fn an_undone_delete_is_refused_once_its_id_was_given_again(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let give = book.add_balance_entry(acme, Side::Give, "hamper", now()).unwrap();
    let removed = book.delete_record(Record::Entry(give.id)).unwrap();
    let change = Change::Deleted {
        row: removed.row,
        kept: removed.kept,
    };
    // SQLite hands the highest id out again once it is free.
    let again = book
        .add_balance_entry(acme, Side::Ask, "referral", now())
        .unwrap();
    if again.id == give.id {
        let err = book.undo(&change, now()).unwrap_err();
        let refused = err.downcast_ref::<UndoRefused>().expect("a refusal");
        assert!(
            refused.why.contains("was given to a new give/ask since"),
            "{}",
            refused.why
        );
        let balance = book.require_customer(acme).unwrap().summary.balance;
        assert_eq!((balance.gives, balance.asks), (0, 1), "nothing changed");
    } else {
        book.undo(&change, now()).unwrap();
        assert_eq!(book.balance_entry(give.id).unwrap(), Some(give));
    }
}

pub fn a_deleted_customer_comes_back_with_every_record_by_undo(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap()
        .id;
    let beta = book.add_customer(&customer("Beta"), now()).unwrap().id;
    book.log_contact(acme, &line("gift: hamper >> ask how it went @fri =5"), now())
        .unwrap();
    book.add_order(acme, day("2026-11-02"), Cents(125_050), "EUR", now())
        .unwrap();
    book.add_trigger(acme, TriggerKind::Influential, "competitor", now())
        .unwrap();
    let before = book.require_customer(acme).unwrap();
    let dump = |book: &dyn touchbase::store::Book| {
        (
            book.interactions(acme, 10).unwrap(),
            book.open_follow_ups(acme).unwrap(),
            book.triggers_of(acme).unwrap(),
            book.entries_of(acme, 10).unwrap(),
            book.orders_of(acme, 10).unwrap(),
        )
    };
    let records = dump(&*book);
    let counts = book.count_records(acme).unwrap();
    assert_eq!(
        (
            counts.contacts,
            counts.follow_ups,
            counts.entries,
            counts.orders,
            counts.triggers
        ),
        (1, 1, 1, 1, 1)
    );

    let removed = book.delete_customer(acme).unwrap();
    assert_eq!(removed.rows.len(), 5);
    assert!(book.customer(acme).unwrap().is_none());
    assert!(book.interactions(acme, 10).unwrap().is_empty());
    assert_eq!(not_found(&book.count_records(acme).unwrap_err()).what, "customer");
    assert_eq!(
        not_found(&book.delete_customer(acme).unwrap_err()).what,
        "customer"
    );
    assert!(book.customer(beta).unwrap().is_some(), "nobody else goes");

    book.undo(&Change::CustomerDeleted { removed }, now()).unwrap();
    assert_eq!(book.require_customer(acme).unwrap(), before);
    // The main person comes back anew, and the contacts that were with them with them.
    let main = book.people_of(acme).unwrap()[0].id;
    let mut records = records;
    for c in &mut records.0 {
        c.person_id = Some(main);
    }
    assert_eq!(dump(&*book), records);
}
