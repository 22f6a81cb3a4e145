//! How a moment went and how a trigger was resolved, in words: the notes a close and a
//! resolve write, edit and undo, and the search that finds them.

use touchbase::domain::moment::{MomentStatus, NewMoment};
use touchbase::domain::search::SearchQuery;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{Book, Change, Found, MomentPatch, Record, Row, TriggerPatch, UndoRefused};

use super::Backend;
use super::support::{at, customer, day, now};

fn board(book: &mut dyn Book, customer_id: i64) -> i64 {
    let new = NewMoment {
        title: "Board approves the budget".into(),
        expected: day("2026-12-01"),
        concerns: "price".into(),
        ..NewMoment::default()
    };
    book.add_moment(customer_id, &new, now()).unwrap().id
}

fn found(book: &dyn Book, typed: &str) -> Vec<(Found, i64)> {
    let mut hits: Vec<_> = book
        .search(&SearchQuery::parse(typed).unwrap(), 50)
        .unwrap()
        .iter()
        .map(|h| (h.found, h.id))
        .collect();
    hits.sort();
    hits
}

pub fn a_moment_closes_with_its_outcome_note_and_keeps_it_when_closed_again_without_one(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let id = board(&mut *book, acme);
    let closed = book
        .close_moment(id, MomentStatus::Lost, "  lost on price to Heller ", now())
        .unwrap();
    assert_eq!(
        (closed.status, closed.outcome_note.as_str()),
        (MomentStatus::Lost, "lost on price to Heller")
    );
    assert_eq!(book.moment(id).unwrap(), Some(closed.clone()));
    let again = book
        .close_moment(id, MomentStatus::Won, "signed after all", now())
        .unwrap_err();
    assert!(again.to_string().contains("already closed as lost"), "{again}");
    assert_eq!(
        book.moment(id).unwrap(),
        Some(closed),
        "a refusal changes nothing"
    );

    // Reopened and closed again without a note: the note it had stays.
    let reopen = MomentPatch {
        status: Some(MomentStatus::Upcoming),
        ..MomentPatch::default()
    };
    book.edit_moment(id, &reopen, now()).unwrap();
    let closed = book
        .close_moment(id, MomentStatus::Passed, "", at("2026-11-21T09:00:00Z"))
        .unwrap();
    assert_eq!(closed.outcome_note, "lost on price to Heller");

    let edit = MomentPatch {
        outcome_note: Some("passed: the board froze all budgets".into()),
        ..MomentPatch::default()
    };
    let revised = book.edit_moment(id, &edit, now()).unwrap();
    assert_eq!(revised.before.outcome_note, "lost on price to Heller");
    assert_eq!(revised.after.outcome_note, "passed: the board froze all budgets");
    assert_eq!(
        (revised.after.status, revised.after.closed_at),
        (MomentStatus::Passed, Some(at("2026-11-21T09:00:00Z"))),
        "only the note changed"
    );
}

pub fn a_trigger_resolves_with_a_note_on_how_and_it_is_edited_like_its_other_fields(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let t = book
        .add_trigger(acme, TriggerKind::Influential, "rival offered 10% off", now())
        .unwrap();
    assert_eq!(t.resolution_note, "");
    let resolved = book
        .resolve_trigger(t.id, " sent a counter-offer at -5% ", now())
        .unwrap();
    assert_eq!(
        (resolved.resolved_at, resolved.resolution_note.as_str()),
        (Some(now()), "sent a counter-offer at -5%")
    );
    let again = book.resolve_trigger(t.id, "something else", now()).unwrap_err();
    assert!(again.to_string().contains("already resolved"), "{again}");
    assert_eq!(book.require_trigger(t.id).unwrap(), resolved);

    let edit = TriggerPatch {
        resolution_note: Some("matched their price for a year".into()),
        ..TriggerPatch::default()
    };
    let revised = book.edit_trigger(t.id, &edit).unwrap();
    assert_eq!(revised.after.resolution_note, "matched their price for a year");
    assert_eq!(
        (revised.after.note.as_str(), revised.after.resolved_at),
        ("rival offered 10% off", Some(now()))
    );
    // Undoing the edit puts the note back.
    book.undo(
        &Change::Edited {
            before: Row::Trigger(revised.before),
            after: Row::Trigger(revised.after),
        },
        now(),
    )
    .unwrap();
    assert_eq!(book.require_trigger(t.id).unwrap(), resolved);
}

pub fn how_a_moment_went_and_how_a_trigger_was_resolved_are_searched(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let id = board(&mut *book, acme);
    let t = book
        .add_trigger(acme, TriggerKind::Influential, "rival offered 10% off", now())
        .unwrap()
        .id;
    assert!(found(&*book, "heller").is_empty());
    book.close_moment(id, MomentStatus::Lost, "lost on price to Heller", now())
        .unwrap();
    book.resolve_trigger(t, "sent a counter-offer at -5%", now())
        .unwrap();
    assert_eq!(found(&*book, "heller"), [(Found::Moment, id)]);
    assert_eq!(found(&*book, "counter offer"), [(Found::Trigger, t)]);
    assert_eq!(
        found(&*book, "rival"),
        [(Found::Trigger, t)],
        "the trigger's own note still finds it"
    );
    let hits = book.search(&SearchQuery::parse("heller").unwrap(), 5).unwrap();
    assert!(
        hits[0].snippet.text.contains("lost on price to Heller"),
        "{:?}",
        hits[0].snippet
    );
    let hits = book.search(&SearchQuery::parse("counter").unwrap(), 5).unwrap();
    assert!(
        hits[0]
            .snippet
            .text
            .contains("rival offered 10% off · sent a counter-offer"),
        "{:?}",
        hits[0].snippet
    );

    // Edited: the old words go, the new ones are found.
    let edit = MomentPatch {
        outcome_note: Some("lost to Kramer on delivery times".into()),
        ..MomentPatch::default()
    };
    book.edit_moment(id, &edit, now()).unwrap();
    assert!(found(&*book, "heller").is_empty());
    assert_eq!(found(&*book, "kramer"), [(Found::Moment, id)]);

    // Deleted and put back by undo.
    let removed = book.delete_record(Record::Trigger(t)).unwrap();
    assert!(found(&*book, "counter").is_empty());
    book.undo(
        &Change::Deleted {
            row: removed.row,
            kept: removed.kept,
        },
        now(),
    )
    .unwrap();
    assert_eq!(found(&*book, "counter"), [(Found::Trigger, t)]);
    assert_eq!(
        book.require_trigger(t).unwrap().resolution_note,
        "sent a counter-offer at -5%",
        "a deleted trigger comes back with how it was resolved"
    );
}

pub fn an_undone_close_or_resolve_puts_the_note_back_and_refuses_once_it_was_edited(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let id = board(&mut *book, acme);
    let closed = book
        .close_moment(id, MomentStatus::Lost, "lost on price to Heller", now())
        .unwrap();
    let close = Change::MomentClosed {
        id,
        title: closed.title.clone(),
        status: closed.status,
        closed_at: now(),
        note: closed.outcome_note.clone(),
        note_before: String::new(),
    };
    book.undo(&close, now()).unwrap();
    let m = book.moment(id).unwrap().unwrap();
    assert_eq!(
        (m.status, m.closed_at, m.outcome_note.as_str()),
        (MomentStatus::Upcoming, None, "")
    );
    assert!(found(&*book, "heller").is_empty(), "undone: gone from the index");

    // Closed again, then its note edited elsewhere: undoing the close would lose the edit.
    book.close_moment(id, MomentStatus::Lost, "lost on price to Heller", now())
        .unwrap();
    let edit = MomentPatch {
        outcome_note: Some("lost on price to Heller, who offered -8%".into()),
        ..MomentPatch::default()
    };
    book.edit_moment(id, &edit, now()).unwrap();
    let refused = book.undo(&close, now()).unwrap_err();
    let refused = refused.downcast_ref::<UndoRefused>().expect("a refusal");
    assert_eq!(refused.why, "its outcome note was edited since");
    assert_eq!(book.moment(id).unwrap().unwrap().status, MomentStatus::Lost);

    let t = book
        .add_trigger(acme, TriggerKind::Reactional, "late delivery", now())
        .unwrap()
        .id;
    let resolved = book.resolve_trigger(t, "credited the freight", now()).unwrap();
    let resolve = Change::TriggerResolved {
        id: t,
        kind: resolved.kind,
        resolved_at: now(),
        note: resolved.resolution_note.clone(),
        note_before: String::new(),
    };
    book.undo(&resolve, now()).unwrap();
    let back = book.require_trigger(t).unwrap();
    assert_eq!((back.resolved_at, back.resolution_note.as_str()), (None, ""));
    assert!(found(&*book, "freight").is_empty());
}

/// The journal of an older touchbase holds closes and resolves without notes: they are
/// read, and undone, as closes without one.
pub fn a_close_journaled_before_the_notes_is_still_undone(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let id = board(&mut *book, acme);
    book.close_moment(id, MomentStatus::Won, "", now()).unwrap();
    let old = format!(
        r#"{{"change":"moment_closed","id":{id},"title":"Board approves the budget","status":"won","closed_at":"2026-11-20T10:00:00Z"}}"#
    );
    let change: Change = serde_json::from_str(&old).unwrap();
    assert_eq!(
        change,
        Change::MomentClosed {
            id,
            title: "Board approves the budget".into(),
            status: MomentStatus::Won,
            closed_at: now(),
            note: String::new(),
            note_before: String::new(),
        }
    );
    book.undo(&change, now()).unwrap();
    assert_eq!(book.moment(id).unwrap().unwrap().status, MomentStatus::Upcoming);
}
