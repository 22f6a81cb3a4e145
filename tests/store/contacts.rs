//! Logging contacts: what a line writes, and the summaries it moves.

use touchbase::domain::Kind;
use touchbase::domain::trigger::TriggerKind;

use super::Backend;
use super::support::{at, customer, day, line, not_found, now};

pub fn logging_a_contact_moves_last_contact_but_a_note_does_not(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    assert_eq!(c.last_contact_at, None);

    let call = line("call: discussed renewal >> send proposal @fri #renewal");
    let logged = book.log_contact(c.id, &call, at("2026-11-20T10:00:00Z")).unwrap();
    book.log_contact(
        c.id,
        &line("note: they prefer mornings"),
        at("2026-11-21T10:00:00Z"),
    )
    .unwrap();

    let after = book.require_customer(c.id).unwrap();
    assert_eq!(after.last_contact_at, Some(at("2026-11-20T10:00:00Z")));
    assert_eq!(
        after.summary.last_logged_at,
        Some(at("2026-11-21T10:00:00Z")),
        "a note is logged"
    );
    assert!(after.tags.contains("renewal"));
    assert_eq!(logged.tags_added.as_slice(), ["renewal"]);
    assert_eq!(logged.at, at("2026-11-20T10:00:00Z"));
    let follow_up = book.require_follow_up(logged.follow_up_id.unwrap()).unwrap();
    assert_eq!(
        (follow_up.text.as_str(), follow_up.due, follow_up.customer_id),
        ("send proposal", day("2026-11-27"), c.id)
    );
    let timeline = book.interactions(c.id, 10).unwrap();
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0].note, "they prefer mornings", "newest first");
    assert_eq!(
        (timeline[1].id, timeline[1].kind),
        (logged.interaction_id, Kind::Call)
    );
    assert_eq!(book.interactions(c.id, 1).unwrap().len(), 1, "at most the limit");
}

pub fn gifts_are_gives_and_complaints_open_a_trigger(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let gift = book
        .log_contact(c.id, &line("gift: christmas hamper"), at("2026-11-20T10:00:00Z"))
        .unwrap();
    assert!(gift.balance_entry_id.is_some() && gift.trigger_id.is_none());
    let complaint = book
        .log_contact(
            c.id,
            &line("complaint: late delivery"),
            at("2026-11-20T11:00:00Z"),
        )
        .unwrap();
    assert!(complaint.trigger_id.is_some() && complaint.balance_entry_id.is_none());

    let after = book.require_customer(c.id).unwrap();
    assert_eq!(after.summary.balance.gives, 1);
    assert_eq!(after.summary.last_give_at, Some(at("2026-11-20T10:00:00Z")));
    let triggers = book.triggers_of(c.id).unwrap();
    assert_eq!(triggers.len(), 1);
    assert_eq!(
        (triggers[0].id, triggers[0].kind, triggers[0].note.as_str()),
        (
            complaint.trigger_id.unwrap(),
            TriggerKind::Reactional,
            "late delivery"
        )
    );
}

pub fn logging_for_a_missing_customer_saves_nothing(b: &dyn Backend) {
    let mut book = b.open();
    let err = book
        .log_contact(42, &line("call: hello >> call back @tomorrow"), now())
        .unwrap_err();
    assert_eq!((not_found(&err).what, not_found(&err).id), ("customer", 42));
    assert!(err.to_string().contains("no customer with id 42"), "{err}");
    assert_eq!(book.count_customers().unwrap(), 0);
    assert_eq!(book.count_follow_ups_due(day("2026-11-30")).unwrap(), (0, 0));
}

pub fn satisfaction_keeps_the_latest_and_the_one_before(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    book.log_contact(c.id, &line("visit: fine =4"), at("2026-11-10T10:00:00Z"))
        .unwrap();
    book.log_contact(c.id, &line("call: no rating"), at("2026-11-12T10:00:00Z"))
        .unwrap();
    book.log_contact(c.id, &line("call: unhappy =2"), at("2026-11-15T10:00:00Z"))
        .unwrap();
    let s = book.require_customer(c.id).unwrap().summary;
    assert_eq!((s.satisfaction, s.prev_satisfaction), (Some(2), Some(4)));
    assert_eq!(s.satisfaction_at, Some(at("2026-11-15T10:00:00Z")));
}
