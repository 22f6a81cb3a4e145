//! Logging contacts: what a line writes, and the summaries it moves.

use touchbase::domain::Kind;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{Change, Record};

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

/// A contact logged after the fact sits on the timeline at its own time, and moves last
/// contact only when it is the latest contact.
pub fn a_backdated_contact_moves_last_contact_only_when_it_is_the_latest(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let call = book
        .log_contact(c.id, &line("call: pricing"), at("2026-11-18T10:00:00Z"))
        .unwrap();
    let visit_line = line("visit 2026-11-12 14:30: site tour >> send the offer @fri");
    let visit = book
        .log_contact(c.id, &visit_line, at("2026-11-12T14:30:00Z"))
        .unwrap();
    assert_eq!(visit.at, at("2026-11-12T14:30:00Z"));

    let after = book.require_customer(c.id).unwrap();
    assert_eq!(
        after.last_contact_at,
        Some(at("2026-11-18T10:00:00Z")),
        "an older contact logged later leaves last contact alone"
    );
    assert_eq!(after.summary.last_logged_at, Some(at("2026-11-18T10:00:00Z")));
    let follow_up = book.require_follow_up(visit.follow_up_id.unwrap()).unwrap();
    assert_eq!(follow_up.due, day("2026-11-27"), "due from the day it was typed");
    let timeline = book.interactions(c.id, 10).unwrap();
    let ids: Vec<i64> = timeline.iter().map(|i| i.id).collect();
    assert_eq!(
        ids,
        [call.interaction_id, visit.interaction_id],
        "by the contacts' times"
    );
    assert_eq!(timeline[1].at, at("2026-11-12T14:30:00Z"));

    // One newer than the last moves it, even though it is logged after the older one.
    let newer = book
        .log_contact(
            c.id,
            &line("email 2026-11-19: the offer"),
            at("2026-11-19T08:00:00Z"),
        )
        .unwrap();
    let after = book.require_customer(c.id).unwrap();
    assert_eq!(after.last_contact_at, Some(at("2026-11-19T08:00:00Z")));
    assert_eq!(book.interactions(c.id, 1).unwrap()[0].id, newer.interaction_id);

    // Two contacts at the same time keep the order they were logged in, newest first.
    let same = book
        .log_contact(c.id, &line("call 2026-11-19: again"), at("2026-11-19T08:00:00Z"))
        .unwrap();
    let ids: Vec<i64> = book.interactions(c.id, 2).unwrap().iter().map(|i| i.id).collect();
    assert_eq!(ids, [same.interaction_id, newer.interaction_id]);
}

/// "Previous satisfaction" is the one recorded at the contact before, by the contacts'
/// times, not the row logged before.
pub fn previous_satisfaction_follows_the_contacts_times(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    book.log_contact(c.id, &line("visit: fine =4"), at("2026-11-15T10:00:00Z"))
        .unwrap();
    book.log_contact(c.id, &line("call: unhappy =2"), at("2026-11-18T10:00:00Z"))
        .unwrap();
    // Logged last, but the oldest: neither the latest nor the one before.
    book.log_contact(
        c.id,
        &line("visit 2026-11-10: great =5"),
        at("2026-11-10T10:00:00Z"),
    )
    .unwrap();
    let s = book.require_customer(c.id).unwrap().summary;
    assert_eq!((s.satisfaction, s.prev_satisfaction), (Some(2), Some(4)));
    assert_eq!(s.satisfaction_at, Some(at("2026-11-18T10:00:00Z")));
    // Between the two: it becomes the one before the latest.
    book.log_contact(
        c.id,
        &line("call 2026-11-16: so-so =3"),
        at("2026-11-16T10:00:00Z"),
    )
    .unwrap();
    let s = book.require_customer(c.id).unwrap().summary;
    assert_eq!((s.satisfaction, s.prev_satisfaction), (Some(2), Some(3)));
}

/// A backdated gift is a give from its own day, a backdated complaint a trigger open
/// since its own time.
pub fn a_backdated_gift_and_complaint_date_from_when_they_happened(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    book.log_contact(c.id, &line("gift 2026-11-05: hamper"), at("2026-11-05T10:00:00Z"))
        .unwrap();
    book.log_contact(
        c.id,
        &line("complaint 2026-11-06: late"),
        at("2026-11-06T10:00:00Z"),
    )
    .unwrap();
    let after = book.require_customer(c.id).unwrap();
    assert_eq!(after.summary.last_give_at, Some(at("2026-11-05T10:00:00Z")));
    assert_eq!(after.last_contact_at, Some(at("2026-11-06T10:00:00Z")));
    let triggers = book.triggers_of(c.id).unwrap();
    assert_eq!(triggers[0].opened_at, at("2026-11-06T10:00:00Z"));
}

/// Undoing a contact logged after the fact takes it back from where it sits on the
/// timeline, and the summaries follow the contacts that are left.
pub fn an_undone_backdated_contact_leaves_the_summaries_as_before(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap()
        .id;
    book.log_contact(acme, &line("visit: tour =4"), at("2026-11-18T10:00:00Z"))
        .unwrap();
    book.log_contact(acme, &line("call: hi =3"), at("2026-11-19T10:00:00Z"))
        .unwrap();
    let before = book.require_customer(acme).unwrap();
    let logged = book
        .log_contact(
            acme,
            &line("gift 2026-11-18 12:00: hamper =5"),
            at("2026-11-18T12:00:00Z"),
        )
        .unwrap();
    let between = book.require_customer(acme).unwrap().summary;
    assert_eq!(
        (between.satisfaction, between.prev_satisfaction),
        (Some(3), Some(5))
    );
    book.undo(
        &Change::Logged {
            customer_id: acme,
            logged,
        },
        now(),
    )
    .unwrap();
    let after = book.require_customer(acme).unwrap();
    assert_eq!(after.summary, before.summary);
    assert_eq!(after.last_contact_at, Some(at("2026-11-19T10:00:00Z")));
    assert_eq!(book.interactions(acme, 10).unwrap().len(), 2);
}

pub fn the_timeline_reads_on_page_by_page_to_the_oldest_contact(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let other = book
        .add_customer(&customer("Beta"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    // Seven contacts, two pairs of them at the same time, logged out of order; Beta's
    // between them belongs to no page of Acme's.
    for (when, note) in [
        ("2026-11-10T10:00:00Z", "c"),
        ("2026-11-12T10:00:00Z", "a1"),
        ("2026-11-12T10:00:00Z", "a2"),
        ("2026-11-09T10:00:00Z", "d"),
        ("2026-11-11T10:00:00Z", "b1"),
        ("2026-11-11T10:00:00Z", "b2"),
        ("2026-11-01T10:00:00Z", "e"),
    ] {
        book.log_contact(c.id, &line(&format!("call: {note}")), at(when))
            .unwrap();
        book.log_contact(other.id, &line("call: elsewhere"), at(when))
            .unwrap();
    }
    let whole: Vec<String> = book
        .interactions(c.id, 100)
        .unwrap()
        .into_iter()
        .map(|i| i.note)
        .collect();
    assert_eq!(whole, ["a2", "a1", "b2", "b1", "c", "d", "e"]);
    assert_eq!(book.count_interactions(c.id).unwrap(), 7);
    assert_eq!(book.count_interactions(other.id).unwrap(), 7);

    // Pages of two, each from where the last ended, make the same timeline.
    let mut paged = book.interactions(c.id, 2).unwrap();
    loop {
        let last = paged.last().unwrap().clone();
        let page = book.interactions_after(c.id, &last, 2).unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        paged.extend(page);
    }
    let notes: Vec<&str> = paged.iter().map(|i| i.note.as_str()).collect();
    assert_eq!(notes, whole);

    // A page goes on from a contact deleted since.
    let b1 = paged[3].clone();
    book.delete_record(Record::Contact(b1.id)).unwrap();
    let on: Vec<String> = book
        .interactions_after(c.id, &b1, 10)
        .unwrap()
        .into_iter()
        .map(|i| i.note)
        .collect();
    assert_eq!(on, ["c", "d", "e"]);
    assert_eq!(book.count_interactions(c.id).unwrap(), 6);
}

pub fn a_line_closes_open_follow_ups_of_its_customer_or_saves_nothing(b: &dyn Backend) {
    use touchbase::store::CannotClose;
    let mut book = b.open();
    let t = at("2026-11-18T10:00:00Z");
    let acme = book.add_customer(&customer("Acme"), t).unwrap().id;
    let beta = book.add_customer(&customer("Beta"), t).unwrap().id;
    let proposal = book
        .add_follow_up(acme, "send proposal", day("2026-11-19"), t)
        .unwrap();
    let contract = book
        .add_follow_up(acme, "send contract", day("2026-11-24"), t)
        .unwrap();
    let theirs = book
        .add_follow_up(beta, "call back", day("2026-11-24"), t)
        .unwrap();
    let cannot = |e: anyhow::Error| e.downcast::<CannotClose>().expect("CannotClose");

    // Refused whole: the good id before the bad one stays open, no contact is logged.
    let bad = line(&format!("call: sent !{} !{}", proposal.id, theirs.id));
    let err = cannot(book.log_contact(acme, &bad, now()).unwrap_err());
    assert_eq!(err.id(), Some(theirs.id));
    assert!(err.to_string().contains("is Beta's, not Acme's"), "{err}");
    let missing = line("call: sent !999");
    assert_eq!(
        cannot(book.log_contact(acme, &missing, now()).unwrap_err()),
        CannotClose::NoSuch { id: 999 }
    );
    assert!(book.interactions(acme, 10).unwrap().is_empty());
    assert_eq!(book.open_follow_ups(acme).unwrap().len(), 2);

    // `!done` closes what was open before the line, not the follow-up the line plans.
    let logged = book
        .log_contact(
            acme,
            &line("visit: settled it all !done >> send the invoice"),
            now(),
        )
        .unwrap();
    let closed: Vec<i64> = logged.closed.iter().map(|f| f.id).collect();
    assert_eq!(closed, vec![proposal.id, contract.id]);
    assert!(logged.closed.iter().all(|f| f.done_at == Some(now())));
    let open: Vec<i64> = book.open_follow_ups(acme).unwrap().iter().map(|f| f.id).collect();
    assert_eq!(open, vec![logged.follow_up_id.unwrap()]);
    assert_eq!(book.open_follow_ups(beta).unwrap().len(), 1);
    let again = line(&format!("call: once more !{}", proposal.id));
    assert!(matches!(
        cannot(book.log_contact(acme, &again, now()).unwrap_err()),
        CannotClose::Done { .. }
    ));

    // Undo reopens them with the contact.
    book.undo(
        &Change::Logged {
            customer_id: acme,
            logged,
        },
        now(),
    )
    .unwrap();
    let open: Vec<i64> = book.open_follow_ups(acme).unwrap().iter().map(|f| f.id).collect();
    assert_eq!(open, vec![proposal.id, contract.id]);
    assert!(book.interactions(acme, 10).unwrap().is_empty());
    book.log_contact(beta, &line("call: ok !done"), now()).unwrap();
    assert_eq!(
        cannot(
            book.log_contact(beta, &line("call: ok !done"), now())
                .unwrap_err()
        ),
        CannotClose::NoneOpen {
            customer: "Beta".into()
        }
    );
}
