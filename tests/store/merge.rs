//! Merging two customers that are one: every record moves, empty fields are filled, the
//! other's name still finds the one kept, and undo puts the other back exactly.

use touchbase::domain::Tags;
use touchbase::domain::balance::Side;
use touchbase::domain::moment::NewMoment;
use touchbase::domain::money::Cents;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{Book, Change, CustomerPatch, MergeRefused, NewCustomer, UndoRefused};

use super::Backend;
use super::support::{at, day, line, not_found, now};

/// Acme (no e-mail, tag `vip`) and its duplicate "ACME B.V." with an e-mail, a phone, tag
/// `renewal` and one record of every kind; their ids.
fn duplicates(book: &mut dyn Book) -> (i64, i64) {
    let acme = NewCustomer {
        name: "Acme".into(),
        company: "Acme BV".into(),
        tags: Tags::new(["vip"]).unwrap(),
        ..NewCustomer::default()
    };
    let keep = book.add_customer(&acme, at("2026-10-01T09:00:00Z")).unwrap().id;
    book.log_contact(keep, &line("visit: tour =4"), at("2026-10-10T10:00:00Z"))
        .unwrap();
    let dup = NewCustomer {
        name: "ACME B.V.".into(),
        company: "Acme".into(),
        email: "info@acme.example".into(),
        phone: "010 123".into(),
        notes: "imported twice".into(),
        tags: Tags::new(["renewal", "vip"]).unwrap(),
        ..NewCustomer::default()
    };
    let other = book.add_customer(&dup, at("2026-10-02T09:00:00Z")).unwrap().id;
    book.log_contact(
        other,
        &line("complaint: late delivery >> call back @fri =2"),
        at("2026-11-01T10:00:00Z"),
    )
    .unwrap();
    let moment = NewMoment {
        title: "board decision".into(),
        expected: day("2026-12-10"),
        ..NewMoment::default()
    };
    book.add_moment(other, &moment, now()).unwrap();
    book.add_trigger(other, TriggerKind::Influential, "competitor offer", now())
        .unwrap();
    book.add_balance_entry(other, Side::Ask, "referral", now())
        .unwrap();
    book.add_order(other, day("2026-11-02"), Cents(250_000), "EUR", now())
        .unwrap();
    (keep, other)
}

pub fn a_merge_moves_every_record_fills_empty_fields_and_keeps_the_name_findable(b: &dyn Backend) {
    let mut book = b.open();
    let (keep, other) = duplicates(&mut *book);
    let before = book.require_customer(keep).unwrap();
    let merge = book.merge_customers(keep, other, now()).unwrap();

    assert!(book.customer(other).unwrap().is_none(), "the duplicate is gone");
    let kept = book.require_customer(keep).unwrap();
    assert_eq!(
        (
            kept.name.as_str(),
            kept.company.as_str(),
            kept.email.as_str(),
            kept.phone.as_str()
        ),
        ("Acme", "Acme BV", "info@acme.example", "010 123"),
        "only empty fields are filled"
    );
    assert_eq!(kept.notes, "imported twice");
    assert_eq!(kept.tags, Tags::new(["renewal", "vip"]).unwrap());
    assert_eq!(kept.cadence, before.cadence);
    assert_eq!(merge.tags_added, ["renewal"]);
    assert_eq!(merge.filled.names(), ["e-mail", "phone", "notes"]);
    assert_eq!(
        merge.moved.counts(),
        [
            "1 contact",
            "1 follow-up",
            "1 decision moment",
            "2 triggers",
            "1 give/ask",
            "1 order"
        ]
    );
    // Every record is the kept customer's, and the summaries add them up.
    assert_eq!(book.interactions(keep, 10).unwrap().len(), 2);
    assert_eq!(book.open_follow_ups(keep).unwrap().len(), 1);
    assert_eq!(book.moments_of(keep).unwrap().len(), 1);
    assert_eq!(book.triggers_of(keep).unwrap().len(), 2);
    let s = &kept.summary;
    assert_eq!(s.value, Cents(250_000));
    assert_eq!((s.balance.gives, s.balance.asks), (0, 1));
    assert_eq!((s.satisfaction, s.prev_satisfaction), (Some(2), Some(4)));
    assert_eq!(kept.last_contact_at, Some(at("2026-11-01T10:00:00Z")));
    // The duplicate's name still finds the one kept, exactly and by its words.
    assert_eq!(book.customers_named("acme b.v.", 5).unwrap().exact[0].id, keep);
    assert_eq!(book.former_names(keep).unwrap(), ["ACME B.V."]);
    assert!(
        book.check().unwrap().is_sound(),
        "{:?}",
        book.check().unwrap().problems
    );
}

pub fn an_undone_merge_puts_the_other_back_exactly(b: &dyn Backend) {
    let mut book = b.open();
    let (keep, other) = duplicates(&mut *book);
    let (kept_before, other_before) = (
        book.require_customer(keep).unwrap(),
        book.require_customer(other).unwrap(),
    );
    let timeline = book.interactions(other, 10).unwrap();
    let preview = book.preview_merge(keep, other, now()).unwrap();
    assert!(
        book.customer(other).unwrap().is_some(),
        "a preview changes nothing"
    );
    let merge = book.merge_customers(keep, other, now()).unwrap();
    assert_eq!(preview, merge, "the preview is what the merge does");
    book.undo(
        &Change::Merged {
            merge: Box::new(merge),
        },
        now(),
    )
    .unwrap();

    let back = book.require_customer(other).unwrap();
    assert_eq!(back, other_before, "the other is as they were, summaries too");
    let kept = book.require_customer(keep).unwrap();
    assert_eq!(
        touchbase::store::CustomerFields::of(&kept),
        touchbase::store::CustomerFields::of(&kept_before)
    );
    assert_eq!(kept.summary, kept_before.summary);
    assert_eq!(book.interactions(other, 10).unwrap(), timeline);
    assert_eq!(book.triggers_of(other).unwrap().len(), 2);
    assert!(book.former_names(keep).unwrap().is_empty());
    assert_eq!(book.customers_named("acme b.v.", 5).unwrap().exact[0].id, other);
    assert!(book.check().unwrap().is_sound());
}

pub fn a_deleted_merged_customer_comes_back_found_by_their_words_and_former_name(b: &dyn Backend) {
    let mut book = b.open();
    let (keep, other) = duplicates(&mut *book);
    let merge = book.merge_customers(keep, other, now()).unwrap();
    let ids = |named: Vec<touchbase::domain::Customer>| named.iter().map(|c| c.id).collect::<Vec<_>>();

    let removed = book.delete_customer(keep).unwrap();
    let gone = book.customers_named("acme b.v.", 5).unwrap();
    assert!(gone.exact.is_empty() && gone.by_words.is_empty(), "{gone:?}");
    assert!(
        book.check().unwrap().is_sound(),
        "{:?}",
        book.check().unwrap().problems
    );

    book.undo(&Change::CustomerDeleted { removed }, now()).unwrap();
    assert_eq!(book.former_names(keep).unwrap(), ["ACME B.V."]);
    let named = book.customers_named("acme b.v.", 5).unwrap();
    assert_eq!(ids(named.exact), [keep], "by the former name");
    assert_eq!(
        ids(book.customers_named("acm", 5).unwrap().starting),
        [keep],
        "by the name"
    );
    assert_eq!(
        ids(book.customers_named("bv", 5).unwrap().by_words),
        [keep],
        "by the company"
    );
    assert!(
        book.check().unwrap().is_sound(),
        "{:?}",
        book.check().unwrap().problems
    );

    // The former name came back with its own id: the merge is still undone.
    book.undo(
        &Change::Merged {
            merge: Box::new(merge),
        },
        now(),
    )
    .unwrap();
    assert_eq!(book.require_customer(other).unwrap().name, "ACME B.V.");
    assert!(book.former_names(keep).unwrap().is_empty());
    assert!(
        book.check().unwrap().is_sound(),
        "{:?}",
        book.check().unwrap().problems
    );
}

pub fn an_undone_delete_refuses_once_a_former_name_s_id_was_given_again(b: &dyn Backend) {
    let mut book = b.open();
    let (keep, other) = duplicates(&mut *book);
    book.merge_customers(keep, other, now()).unwrap();
    // Someone after them, so that their own id is not given again.
    book.add_customer(&super::support::customer("Zeta"), now())
        .unwrap();
    let removed = book.delete_customer(keep).unwrap();
    // Another merge keeps a former name under the id the deleted one had.
    let beta = book
        .add_customer(&super::support::customer("Beta"), now())
        .unwrap()
        .id;
    let foods = book
        .add_customer(&super::support::customer("Beta Foods"), now())
        .unwrap()
        .id;
    let merge = book.merge_customers(beta, foods, now()).unwrap();
    assert_eq!(merge.alias_id, removed.former_names[0].id);

    let err = book
        .undo(&Change::CustomerDeleted { removed }, now())
        .unwrap_err();
    let refused: &UndoRefused = err.downcast_ref().expect("refused");
    assert_eq!(
        refused.why,
        "the id of their former name “ACME B.V.” was given to another since"
    );
    assert!(book.customer(keep).unwrap().is_none(), "nothing was changed");
    assert_eq!(book.former_names(beta).unwrap(), ["Beta Foods"]);
    assert!(book.check().unwrap().is_sound());
}

pub fn an_undo_of_a_merge_refuses_once_something_changed_since(b: &dyn Backend) {
    let mut book = b.open();
    let (keep, other) = duplicates(&mut *book);
    let merge = book.merge_customers(keep, other, now()).unwrap();
    let patch = CustomerPatch {
        email: Some("sales@acme.example".into()),
        ..CustomerPatch::default()
    };
    book.update_customer(keep, &patch, now()).unwrap();
    let err = book
        .undo(
            &Change::Merged {
                merge: Box::new(merge.clone()),
            },
            now(),
        )
        .unwrap_err();
    let refused: &UndoRefused = err.downcast_ref().expect("refused");
    assert_eq!(refused.why, "Acme's e-mail was changed since");
    assert!(book.customer(other).unwrap().is_none(), "nothing was changed");
    assert_eq!(book.interactions(keep, 10).unwrap().len(), 2);
}

pub fn a_customer_is_not_merged_with_themselves_an_archived_one_or_nobody(b: &dyn Backend) {
    let mut book = b.open();
    let (keep, other) = duplicates(&mut *book);
    let err = book.merge_customers(keep, keep, now()).unwrap_err();
    assert!(
        matches!(err.downcast_ref(), Some(MergeRefused::Same { .. })),
        "{err}"
    );
    book.set_archived(other, true, now()).unwrap();
    let err = book.merge_customers(keep, other, now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ACME B.V. is archived — bring them back from the archive first, then merge"
    );
    let err = book.merge_customers(keep, 999, now()).unwrap_err();
    assert_eq!(not_found(&err).id, 999);
    assert_eq!(book.interactions(other, 10).unwrap().len(), 1, "nothing moved");
}
