//! The edit and delete use cases (`app::records`) through the library, as the terminal app
//! calls them: what they say, what they refuse with the book unchanged, and the undo each
//! hands back putting the book as it was.

mod common {
    pub mod store;
}

use common::store::{at, day, new_book};
use touchbase::app::Refused;
use touchbase::app::records::{
    self, ContactPatch, EntryPatch, FollowUpPatch, OrderPatch, Record, TriggerPatch,
};
use touchbase::clock::{Now, Zone};
use touchbase::domain::balance::Side;
use touchbase::domain::money::Cents;
use touchbase::domain::quicklog;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{Book, NewCustomer};

/// Monday 23 November 2026, 09:00 UTC.
fn now() -> Now {
    Now::at(at("2026-11-23T09:00:00Z"), Zone::UTC)
}

/// Acme with a visit on Friday (=3) and a gift today (=5) with a follow-up; its id and
/// the gift's contact id.
fn acme(book: &mut dyn Book) -> (i64, i64) {
    let new = NewCustomer {
        name: "Acme BV".into(),
        ..NewCustomer::default()
    };
    let acme = book.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id;
    let line = |s| quicklog::parse(s, day("2026-11-23").and_hms_opt(9, 0, 0).unwrap()).unwrap();
    book.log_contact(acme, &line("visit: tour =3"), at("2026-11-20T10:00:00Z"))
        .unwrap();
    let gift = book
        .log_contact(acme, &line("gift: hamper >> ask how it went @fri =5"), now().utc)
        .unwrap();
    (acme, gift.interaction_id)
}

fn refusal(e: &anyhow::Error) -> &Refused {
    Refused::of(e).unwrap_or_else(|| panic!("not a refusal: {e:#}"))
}

#[test]
fn an_edit_says_what_it_changed_and_its_undo_puts_everything_back() {
    let (_dir, mut book) = new_book();
    let (acme, gift) = acme(&mut *book);
    let before = book.require_customer(acme).unwrap();

    let patch = ContactPatch {
        at: Some(records::contact_time(now(), "2026-11-19 14:30").unwrap()),
        satisfaction: Some(Some(2)),
        note: Some("  hamper, delivered  ".into()),
        ..ContactPatch::default()
    };
    let edited = records::edit_contact(&mut *book, now(), gift, &patch).unwrap();
    assert_eq!(
        edited.said,
        "Edited the gift of Thu 19 Nov with Acme BV: time, note and satisfaction"
    );
    assert_eq!(edited.record.note, "hamper, delivered", "trimmed");
    assert_eq!(edited.customer.last_contact_at, Some(at("2026-11-20T10:00:00Z")));
    assert_eq!(
        (
            edited.customer.summary.satisfaction,
            edited.customer.summary.prev_satisfaction
        ),
        (Some(3), Some(2))
    );

    book.undo(&edited.change, now().utc).unwrap();
    assert_eq!(book.require_customer(acme).unwrap(), before);
}

#[test]
fn a_delete_says_what_it_kept_and_its_undo_puts_the_record_back() {
    let (_dir, mut book) = new_book();
    let (acme, gift) = acme(&mut *book);
    let before = book.require_customer(acme).unwrap();
    let timeline = book.interactions(acme, 10).unwrap();

    let deleted = records::delete(&mut *book, now(), Record::Contact(gift)).unwrap();
    assert_eq!(
        deleted.said,
        "Deleted the gift of Mon 23 Nov with Acme BV (its follow-up and give are kept)"
    );
    assert_eq!(deleted.customer.summary.satisfaction, Some(3));
    book.undo(&deleted.change, now().utc).unwrap();
    assert_eq!(book.require_customer(acme).unwrap(), before);
    assert_eq!(book.interactions(acme, 10).unwrap(), timeline);

    let order = book
        .add_order(acme, day("2026-11-20"), Cents(125_050), "EUR", now().utc)
        .unwrap();
    let deleted = records::delete(&mut *book, now(), Record::Order(order.id)).unwrap();
    assert_eq!(deleted.said, "Deleted the order of EUR 1,250.50 for Acme BV");
}

#[test]
fn what_would_leave_a_record_invalid_is_refused_and_nothing_changes() {
    let (_dir, mut book) = new_book();
    let (acme, gift) = acme(&mut *book);
    let f = book.open_follow_ups(acme).unwrap()[0].id;
    let t = book
        .add_trigger(acme, TriggerKind::Reactional, "late delivery", now().utc)
        .unwrap()
        .id;
    let o = book
        .add_order(acme, day("2026-11-20"), Cents(100), "EUR", now().utc)
        .unwrap()
        .id;
    let e = book
        .add_balance_entry(acme, Side::Ask, "referral", now().utc)
        .unwrap()
        .id;
    let before = (
        book.require_customer(acme).unwrap(),
        book.interactions(acme, 10).unwrap(),
    );

    let cases: Vec<(anyhow::Error, Refused)> = vec![
        (
            records::edit_contact(&mut *book, now(), gift, &ContactPatch::default()).unwrap_err(),
            Refused::NothingToChange("contact's kind, time, note, satisfaction or person"),
        ),
        (
            records::edit_contact(
                &mut *book,
                now(),
                gift,
                &ContactPatch {
                    satisfaction: Some(Some(6)),
                    ..ContactPatch::default()
                },
            )
            .unwrap_err(),
            Refused::Satisfaction("6".into()),
        ),
        (
            records::edit_contact(
                &mut *book,
                now(),
                gift,
                &ContactPatch {
                    at: Some(at("2026-11-24T09:00:00Z")),
                    ..ContactPatch::default()
                },
            )
            .unwrap_err(),
            Refused::ContactAhead("Tue 24 Nov 09:00".into()),
        ),
        (
            records::edit_follow_up(
                &mut *book,
                now(),
                f,
                &FollowUpPatch {
                    text: Some(" ".into()),
                    due: None,
                },
            )
            .unwrap_err(),
            Refused::NoFollowUpText,
        ),
        (
            records::edit_trigger(
                &mut *book,
                now(),
                t,
                &TriggerPatch {
                    kind: None,
                    note: Some(String::new()),
                    resolution_note: None,
                },
            )
            .unwrap_err(),
            Refused::NoTriggerNote,
        ),
        (
            records::edit_entry(
                &mut *book,
                now(),
                e,
                &EntryPatch {
                    note: Some("\t".into()),
                    ..EntryPatch::default()
                },
            )
            .unwrap_err(),
            Refused::NoBalanceNote,
        ),
    ];
    for (error, expected) in &cases {
        assert_eq!(refusal(error), expected);
    }
    for cents in [0, -100] {
        let err = records::edit_order(
            &mut *book,
            now(),
            o,
            &OrderPatch {
                amount: Some(Cents(cents)),
                ..OrderPatch::default()
            },
        )
        .unwrap_err();
        assert!(matches!(refusal(&err), Refused::Amount(_)), "{err}");
    }
    assert_eq!(
        records::kind("lunch").unwrap_err().to_string(),
        "unknown kind 'lunch' — use one of: call, email, meeting, visit, message, note, gift, complaint"
    );
    assert_eq!(
        (
            book.require_customer(acme).unwrap(),
            book.interactions(acme, 10).unwrap()
        ),
        before,
        "nothing changed"
    );
}
