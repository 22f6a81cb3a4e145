//! Full-text search through the contract: every kind of note is found, ranked, with the
//! found words marked; the index follows every write (a log, an edit of the notes, an
//! undo, a merge, archiving) in the write's own transaction; what is typed is only words.

use touchbase::domain::moment::NewMoment;
use touchbase::domain::search::SearchQuery;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{Book, Change, ContactPatch, CustomerPatch, Found, Hit, Record, Row};

use super::Backend;
use super::support::{customer, day, line, now};

fn search(book: &dyn Book, typed: &str) -> Vec<Hit> {
    book.search(&SearchQuery::parse(typed).unwrap(), 50).unwrap()
}

fn found(book: &dyn Book, typed: &str) -> Vec<(Found, i64)> {
    search(book, typed).iter().map(|h| (h.found, h.id)).collect()
}

pub fn every_kind_of_note_is_found_with_its_customer_and_day(b: &dyn Backend) {
    let mut book = b.open();
    let mut new = customer("Acme");
    new.notes = "Decides with the CFO; wants a pilot first".into();
    let acme = book.add_customer(&new, now()).unwrap().id;
    let logged = book
        .log_contact(
            acme,
            &line("call: pilot went well >> send the pilot report @fri"),
            now(),
        )
        .unwrap();
    let moment = book
        .add_moment(
            acme,
            &NewMoment {
                title: "Board approves the pilot".into(),
                expected: day("2026-12-01"),
                concerns: "budget".into(),
                steps: String::new(),
                response: "a visit".into(),
                people: Vec::new(),
            },
            now(),
        )
        .unwrap();
    let trigger = book
        .add_trigger(
            acme,
            TriggerKind::Influential,
            "competitor offers a free pilot",
            now(),
        )
        .unwrap();

    let mut hits = search(&*book, "pilot");
    assert_eq!(hits.len(), 5, "{hits:#?}");
    hits.sort_by_key(|h| h.found.as_str());
    let kinds: Vec<(Found, i64)> = hits.iter().map(|h| (h.found, h.id)).collect();
    assert_eq!(
        kinds,
        [
            (Found::Contact, logged.interaction_id),
            (Found::Customer, acme),
            (Found::FollowUp, logged.follow_up_id.unwrap()),
            (Found::Moment, moment.id),
            (Found::Trigger, trigger.id),
        ]
    );
    for hit in &hits {
        assert_eq!((hit.customer_id, hit.customer.as_str()), (acme, "Acme"));
        assert!(hit.when.is_some(), "{hit:?}");
        assert!(hit.snippet.marked("«", "»").contains("«pilot»"), "{hit:?}");
    }
    let moment_hit = hits.iter().find(|h| h.found == Found::Moment).unwrap();
    assert_eq!(
        moment_hit.when,
        Some(touchbase::store::Dated::On(day("2026-12-01")))
    );
    assert_eq!(
        moment_hit.snippet.text,
        "Board approves the «pilot» · budget · a visit".replace(['«', '»'], ""),
        "the moment's parts, empty ones left out"
    );
}

pub fn every_word_must_appear_and_the_last_may_be_a_prefix(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let quote = book
        .log_contact(acme, &line("email: sent the quote"), now())
        .unwrap()
        .interaction_id;
    let late = book
        .log_contact(acme, &line("complaint: delivery was late"), now())
        .unwrap();
    assert_eq!(found(&*book, "quo"), [(Found::Contact, quote)]);
    assert_eq!(found(&*book, "SENT Quote"), [(Found::Contact, quote)]);
    assert!(
        found(&*book, "quo sent").is_empty(),
        "a word before the last is whole"
    );
    assert!(found(&*book, "quote late").is_empty(), "every word in one note");
    let mut hits = found(&*book, "late delivery");
    hits.sort();
    assert_eq!(
        hits,
        [
            (Found::Contact, late.interaction_id),
            (Found::Trigger, late.trigger_id.unwrap())
        ],
        "a complaint is a contact and its trigger"
    );
}

pub fn accents_and_case_do_not_matter(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let id = book
        .log_contact(acme, &line("visit: met Thomas Kühne and Zoë at the café"), now())
        .unwrap()
        .interaction_id;
    for typed in ["kuhne", "KÜHNE", "zoe cafe", "Café"] {
        assert_eq!(found(&*book, typed), [(Found::Contact, id)], "{typed}");
    }
    let hit = &search(&*book, "kuhne cafe")[0];
    assert_eq!(
        hit.snippet.marked("[", "]"),
        "met Thomas [Kühne] and Zoë at the [café]"
    );
}

pub fn hits_are_ranked_rarer_words_and_shorter_notes_first(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let long = book
        .log_contact(
            acme,
            &line(
                "call: a long talk about the renewal, prices, delivery windows, the new site and much else",
            ),
            now(),
        )
        .unwrap()
        .interaction_id;
    let short = book
        .log_contact(acme, &line("call: renewal agreed"), now())
        .unwrap()
        .interaction_id;
    assert_eq!(
        found(&*book, "renewal"),
        [(Found::Contact, short), (Found::Contact, long)]
    );
    let hits = book.search(&SearchQuery::parse("renewal").unwrap(), 1).unwrap();
    assert_eq!(hits.len(), 1, "at most the limit");
}

pub fn operators_and_quotes_are_plain_words_never_errors(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let id = book
        .log_contact(
            acme,
            &line("call: near the end OR not, \"quoted\" text - done*"),
            now(),
        )
        .unwrap()
        .interaction_id;
    for typed in [
        "NEAR",
        "OR",
        "AND",
        "NOT",
        "\"quoted",
        "quoted\"",
        "done*",
        "-done",
        "near(end)",
        "body:near",
        "^near",
        "NEAR(near end, 2)",
        "{body}: end",
        "end +",
        "o'r",
    ] {
        let query = SearchQuery::parse(typed).unwrap();
        let hits = book
            .search(&query, 10)
            .unwrap_or_else(|e| panic!("{typed}: {e:#}"));
        assert!(hits.iter().all(|h| h.id == id), "{typed}");
    }
    assert_eq!(found(&*book, "NEAR end"), [(Found::Contact, id)]);
    assert_eq!(found(&*book, "\"quoted\" - done*"), [(Found::Contact, id)]);
    assert!(found(&*book, "delivery").is_empty());
}

pub fn the_index_follows_a_log_an_undo_and_an_edit_of_the_notes(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let logged = book
        .log_contact(
            acme,
            &line("call: discussed the hamper >> send a hamper @fri"),
            now(),
        )
        .unwrap();
    assert_eq!(found(&*book, "hamper").len(), 2);
    let other = b.open();
    assert_eq!(
        found(&*other, "hamper").len(),
        2,
        "committed: another handle finds it"
    );
    book.undo(
        &Change::Logged {
            customer_id: acme,
            logged,
        },
        now(),
    )
    .unwrap();
    assert!(found(&*book, "hamper").is_empty(), "undone: gone from the index");

    let patch = CustomerPatch {
        notes: Some("Prefers mornings".into()),
        ..CustomerPatch::default()
    };
    book.update_customer(acme, &patch, now()).unwrap();
    assert_eq!(found(&*book, "mornings"), [(Found::Customer, acme)]);
    let patch = CustomerPatch {
        notes: Some("Prefers evenings".into()),
        ..CustomerPatch::default()
    };
    book.update_customer(acme, &patch, now()).unwrap();
    assert!(found(&*book, "mornings").is_empty(), "the old words go");
    assert_eq!(found(&*book, "evenings"), [(Found::Customer, acme)]);
}

pub fn archived_customers_are_left_out_and_merged_notes_move(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let old = book.add_customer(&customer("Acme Old"), now()).unwrap().id;
    let id = book
        .log_contact(old, &line("call: forklift order"), now())
        .unwrap()
        .interaction_id;
    book.set_archived(old, true, now()).unwrap();
    assert!(found(&*book, "forklift").is_empty(), "archived");
    book.set_archived(old, false, now()).unwrap();
    assert_eq!(found(&*book, "forklift"), [(Found::Contact, id)]);

    book.merge_customers(acme, old, now()).unwrap();
    let hits = search(&*book, "forklift");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].customer_id, hits[0].id),
        (acme, id),
        "found under the one kept"
    );
}

pub fn the_index_follows_an_edit_and_a_delete_of_a_record_and_their_undo(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let contact = book
        .log_contact(acme, &line("call: talked about pallets"), now())
        .unwrap()
        .interaction_id;
    let patch = ContactPatch {
        note: Some("talked about crates".into()),
        ..ContactPatch::default()
    };
    let revised = book.edit_contact(contact, &patch).unwrap();
    assert!(found(&*book, "pallets").is_empty(), "the old words go");
    assert_eq!(found(&*book, "crates"), [(Found::Contact, contact)]);

    let removed = book.delete_record(Record::Contact(contact)).unwrap();
    assert!(
        found(&*book, "crates").is_empty(),
        "a deleted contact is not found"
    );
    book.undo(
        &Change::Deleted {
            row: removed.row,
            kept: removed.kept,
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        found(&*book, "crates"),
        [(Found::Contact, contact)],
        "undone: found again"
    );
    book.undo(
        &Change::Edited {
            before: Row::Contact(revised.before),
            after: Row::Contact(revised.after),
        },
        now(),
    )
    .unwrap();
    assert_eq!(found(&*book, "pallets"), [(Found::Contact, contact)]);
    assert!(found(&*book, "crates").is_empty());

    let removed = book.delete_customer(acme).unwrap();
    assert!(
        found(&*book, "pallets").is_empty(),
        "a deleted customer's notes go"
    );
    book.undo(&Change::CustomerDeleted { removed }, now()).unwrap();
    assert_eq!(found(&*book, "pallets"), [(Found::Contact, contact)]);
}

/// A bulk write (a demo book, an import) indexes what it added in one pass before it
/// commits: a customer added and then changed in the same write is found by its new notes
/// once, not by its old ones, and a customer there before is found by what it changed to;
/// afterwards rows are indexed as they are added again.
pub fn a_bulk_write_indexes_its_rows_once_with_their_last_words(b: &dyn Backend) {
    let mut book = b.open();
    let mut before = customer("Piet");
    before.notes = "likes golf".into();
    let piet = book.add_customer(&before, now()).unwrap().id;
    let mut bulk = book.bulk().unwrap();
    let mut added = customer("Anna");
    added.notes = "wants the blue model".into();
    let anna = bulk.customer(&added, now()).unwrap();
    let to = |notes: &str| CustomerPatch {
        notes: Some(notes.into()),
        ..CustomerPatch::default()
    };
    bulk.update_customer(anna, &to("wants the green model"), now())
        .unwrap();
    bulk.update_customer(piet, &to("likes tennis"), now()).unwrap();
    bulk.finish().unwrap();
    assert_eq!(found(&*book, "green model"), vec![(Found::Customer, anna)]);
    assert!(
        found(&*book, "blue").is_empty(),
        "the words it had before it changed are gone"
    );
    assert_eq!(found(&*book, "tennis"), vec![(Found::Customer, piet)]);
    assert!(found(&*book, "golf").is_empty());
    book.update_customer(anna, &to("wants the red model"), now())
        .unwrap();
    assert_eq!(found(&*book, "model"), vec![(Found::Customer, anna)]);
    assert!(
        found(&*book, "green").is_empty(),
        "no copy of the words is left behind"
    );

    // A bulk write given up rolls back; after either, a customer added is indexed again.
    let mut gave_up = book.bulk().unwrap();
    gave_up.customer(&customer("Kees"), now()).unwrap();
    drop(gave_up);
    let mut later = customer("Joost");
    later.notes = "likes sailing".into();
    let joost = book.add_customer(&later, now()).unwrap().id;
    assert_eq!(found(&*book, "sailing"), vec![(Found::Customer, joost)]);
}
