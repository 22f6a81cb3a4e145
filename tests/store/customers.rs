//! Customers: adding and editing, names, and the book in pages, neighbours and streams.

use touchbase::domain::money::Cents;
use touchbase::domain::{Cadence, Tags};
use touchbase::store::{Book, CustomerPatch, CustomerRow, NewCustomer, SortKey};

use super::Backend;
use super::support::{at, customer, day, line, not_found, now};

const SORTS: [SortKey; 3] = [SortKey::LastContact, SortKey::Name, SortKey::Value];

fn names(book: &dyn Book, sort: SortKey) -> Vec<String> {
    book.list_customers(sort, 0, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.customer.name)
        .collect()
}

fn ids(rows: &[CustomerRow]) -> Vec<i64> {
    rows.iter().map(|r| r.customer.id).collect()
}

pub fn the_book_lists_never_contacted_first_then_oldest_contact(b: &dyn Backend) {
    let mut book = b.open();
    let recent = book.add_customer(&customer("Recent"), now()).unwrap();
    let never = book.add_customer(&customer("Never"), now()).unwrap();
    let old = book.add_customer(&customer("Old"), now()).unwrap();
    book.log_contact(old.id, &line("call: hi"), at("2026-09-01T10:00:00Z"))
        .unwrap();
    book.log_contact(recent.id, &line("call: hi"), at("2026-11-19T10:00:00Z"))
        .unwrap();
    book.add_order(recent.id, day("2026-11-01"), Cents(500), "EUR", now())
        .unwrap();

    assert_eq!(names(&*book, SortKey::LastContact), ["Never", "Old", "Recent"]);
    assert_eq!(names(&*book, SortKey::Name), ["Never", "Old", "Recent"]);
    // Highest value first; equal values newest first.
    assert_eq!(names(&*book, SortKey::Value), ["Recent", "Old", "Never"]);
    assert_eq!(never.last_contact_at, None);
    assert_eq!(book.count_customers().unwrap(), 3);
}

/// Twelve customers whose last contacts and order values repeat, four never contacted,
/// with `names` different names among them.
fn book_with_ties(b: &dyn Backend, names: i64) -> Box<dyn Book> {
    let mut book = b.open();
    for i in 0..12i64 {
        let c = book
            .add_customer(&customer(&format!("C{:02}", (i * 7) % names)), now())
            .unwrap();
        if i % 3 != 0 {
            let when = at(&format!("2026-10-{:02}T10:00:00Z", 1 + i % 4));
            book.log_contact(c.id, &line("call: hi"), when).unwrap();
        }
        book.add_order(c.id, day("2026-11-01"), Cents(100 * (i % 5)), "EUR", now())
            .unwrap();
    }
    book
}

pub fn a_page_read_from_the_end_is_the_same_page_in_every_order(b: &dyn Backend) {
    // Contacts and order values tie; names do not.
    let book = book_with_ties(b, 12);
    for sort in SORTS {
        let all = ids(&book.list_customers(sort, 0, 100).unwrap());
        assert_eq!(all.len(), 12);
        for (skip, limit) in [(0, 5), (3, 4), (7, 5), (10, 5)] {
            let start = 12usize.saturating_sub(skip + limit);
            assert_eq!(
                ids(&book.list_customers_from_end(sort, skip, limit).unwrap()),
                all[start..12 - skip],
                "{sort:?}: {limit} rows ending {skip} before the end"
            );
        }
        for (offset, limit) in [(0, 5), (5, 5), (10, 5), (12, 5)] {
            let end = (offset + limit).min(12);
            assert_eq!(
                ids(&book.list_customers(sort, offset, limit).unwrap()),
                all[offset..end],
                "{sort:?}: {limit} rows from {offset}"
            );
        }
    }
}

pub fn each_customer_s_neighbours_are_those_of_the_page_order(b: &dyn Backend) {
    // Names tie too.
    let book = book_with_ties(b, 6);
    for sort in SORTS {
        let all: Vec<_> = book.list_customers(sort, 0, 100).unwrap();
        for pair in all.windows(2) {
            let next = book.neighbour(sort, &pair[0].customer, true).unwrap().unwrap();
            assert_eq!(next, pair[1], "{sort:?}: after {}", pair[0].customer.name);
            let previous = book.neighbour(sort, &pair[1].customer, false).unwrap().unwrap();
            assert_eq!(previous, pair[0], "{sort:?}: before {}", pair[1].customer.name);
        }
        let (first, last) = (&all[0].customer, &all[all.len() - 1].customer);
        assert_eq!(
            book.neighbour(sort, first, false).unwrap(),
            None,
            "{sort:?}: first"
        );
        assert_eq!(book.neighbour(sort, last, true).unwrap(), None, "{sort:?}: last");
    }
}

pub fn the_whole_book_streams_in_the_order_of_its_pages(b: &dyn Backend) {
    let book = book_with_ties(b, 6);
    for sort in SORTS {
        let mut streamed = Vec::new();
        book.each_customer(sort, &mut |row| {
            streamed.push(row);
            Ok(())
        })
        .unwrap();
        assert_eq!(streamed, book.list_customers(sort, 0, 100).unwrap(), "{sort:?}");
    }
    let mut by_id = Vec::new();
    book.each_customer_by_id(&mut |c| {
        by_id.push(c.id);
        Ok(())
    })
    .unwrap();
    let mut sorted = by_id.clone();
    sorted.sort_unstable();
    assert_eq!(
        (by_id.len(), &by_id),
        (12, &sorted),
        "in the order they were added"
    );

    // An error from the caller stops the walk and comes back.
    let mut seen = 0;
    let err = book
        .each_customer(SortKey::Name, &mut |_| {
            seen += 1;
            anyhow::bail!("enough")
        })
        .unwrap_err();
    assert_eq!((seen, err.to_string().as_str()), (1, "enough"));
    assert!(book.has_customers().unwrap());
}

/// `each_customer_placed`'s rows, put in their places.
fn placed(book: &dyn Book, sort: SortKey, archived: bool) -> Vec<CustomerRow> {
    let mut placed = Vec::new();
    book.each_customer_placed(sort, archived, &mut |place, row| {
        placed.push((place, row));
        Ok(())
    })
    .unwrap();
    placed.sort_by_key(|(place, _)| *place);
    let places: Vec<usize> = placed.iter().map(|(place, _)| *place).collect();
    assert_eq!(
        places,
        (0..placed.len()).collect::<Vec<_>>(),
        "{sort:?}: one place each"
    );
    placed.into_iter().map(|(_, row)| row).collect()
}

pub fn the_whole_book_placed_is_the_stream_in_its_order(b: &dyn Backend) {
    let mut book = book_with_ties(b, 6);
    // Next follow-ups: the earliest open one, a done one not counted.
    let first = book.list_customers(SortKey::Name, 0, 100).unwrap();
    let (one, two, gone) = (first[1].customer.id, first[4].customer.id, first[7].customer.id);
    book.log_contact(one, &line("call: quote >> send it @2026-12-09"), now())
        .unwrap();
    book.log_contact(one, &line("call: again >> call back @2026-12-02"), now())
        .unwrap();
    let done = book
        .log_contact(two, &line("call: asked >> answer @2026-11-25"), now())
        .unwrap();
    book.log_contact(two, &line("call: later >> visit @2027-01-10"), now())
        .unwrap();
    book.complete_follow_up(done.follow_up_id.unwrap(), now())
        .unwrap();
    book.set_archived(gone, true, now()).unwrap();
    for sort in SORTS {
        let mut streamed = Vec::new();
        book.each_customer(sort, &mut |row| {
            streamed.push(row);
            Ok(())
        })
        .unwrap();
        assert_eq!(streamed.len(), 11);
        assert_eq!(placed(&*book, sort, false), streamed, "{sort:?}");
        assert_eq!(ids(&placed(&*book, sort, true)), [gone], "{sort:?}: the archive");
    }
    let rows = placed(&*book, SortKey::Name, false);
    let next = |id: i64| rows.iter().find(|r| r.customer.id == id).unwrap().next_follow_up;
    assert_eq!(
        (next(one), next(two)),
        (Some(day("2026-12-02")), Some(day("2027-01-10")))
    );

    // An error from the caller stops the walk and comes back.
    let mut seen = 0;
    let err = book
        .each_customer_placed(SortKey::Value, false, &mut |_, _| {
            seen += 1;
            anyhow::bail!("enough")
        })
        .unwrap_err();
    assert_eq!((seen, err.to_string().as_str()), (1, "enough"));
    // The walk's snapshot is over: the book can be written.
    book.log_contact(one, &line("call: after"), now()).unwrap();
}

pub fn names_resolve_exactly_or_by_unique_prefix_ignoring_case(b: &dyn Backend) {
    let mut book = b.open();
    assert!(!book.has_customers().unwrap());
    book.add_customer(&customer("Acme"), now()).unwrap();
    book.add_customer(&customer("Acme Logistics"), now()).unwrap();
    book.add_customer(&customer("Beta"), now()).unwrap();
    let found = book.customers_named("acme", 10).unwrap();
    assert_eq!(found.exact.len(), 1);
    assert_eq!(found.starting.len(), 2);
    let found = book.customers_named("BE", 10).unwrap();
    assert!(found.exact.is_empty());
    assert_eq!(found.starting[0].name, "Beta");
    let found = book.customers_named("a", 1).unwrap();
    assert_eq!(found.starting.len(), 1, "at most the limit");
    assert_eq!(found.by_words.len(), 1, "at most the limit");
}

pub fn adding_trims_and_editing_writes_only_the_patched_fields(b: &dyn Backend) {
    let mut book = b.open();
    let added = book
        .add_customer(
            &NewCustomer {
                name: "  Acme  ".into(),
                company: " Acme BV ".into(),
                email: " info@acme.test ".into(),
                phone: " 010 ".into(),
                tags: Tags::new(["vip"]).unwrap(),
                cadence: None,
                notes: "  as typed  ".into(),
            },
            at("2026-11-01T09:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        (
            added.name.as_str(),
            added.company.as_str(),
            added.email.as_str(),
            added.phone.as_str()
        ),
        ("Acme", "Acme BV", "info@acme.test", "010")
    );
    assert_eq!(added.notes, "  as typed  ", "notes are kept as typed");
    assert_eq!(added.cadence, Cadence::DEFAULT);
    assert_eq!(added.created_at, at("2026-11-01T09:00:00Z"));

    let patch = CustomerPatch {
        phone: Some(" 020 ".into()),
        cadence: Some(Cadence::from_days(7).unwrap()),
        ..CustomerPatch::default()
    };
    let edited = book.update_customer(added.id, &patch, now()).unwrap();
    assert_eq!((edited.phone.as_str(), edited.cadence.days()), ("020", 7));
    assert_eq!(
        (edited.name, edited.email, edited.tags, edited.notes),
        (added.name, added.email, added.tags, added.notes),
        "the fields the patch left out are as they were"
    );
    assert_eq!(book.require_customer(added.id).unwrap().phone, "020");
}

pub fn a_missing_customer_is_not_found(b: &dyn Backend) {
    let mut book = b.open();
    assert_eq!(book.customer(99).unwrap(), None);
    let err = book.require_customer(99).unwrap_err();
    assert_eq!((not_found(&err).what, not_found(&err).id), ("customer", 99));
    assert_eq!(err.to_string(), "no customer with id 99", "no front end's hint");
    let err = book
        .update_customer(99, &CustomerPatch::default(), now())
        .unwrap_err();
    assert_eq!(not_found(&err).id, 99);
}

pub fn rows_and_the_index_come_back_for_the_ids_asked(b: &dyn Backend) {
    let mut book = b.open();
    let a = book.add_customer(&customer("Ann"), now()).unwrap();
    let c = book.add_customer(&customer("Cor"), now()).unwrap();
    book.log_contact(a.id, &line("call: hi >> send it @tomorrow"), now())
        .unwrap();
    book.add_follow_up(a.id, "later", day("2026-12-01"), now())
        .unwrap();

    let rows = book.customer_rows(&[c.id, 999, a.id]).unwrap();
    assert_eq!(
        ids(&rows),
        [c.id, a.id],
        "in the order asked, the unknown id left out"
    );
    assert_eq!(rows[0].next_follow_up, None);
    assert_eq!(
        rows[1].next_follow_up,
        Some(day("2026-11-21")),
        "the soonest open one"
    );

    // In last-contact order: never contacted first.
    assert_eq!(book.customer_ids().unwrap(), [c.id, a.id]);
    let index = book.customer_index().unwrap();
    let entry = |i: usize| (index[i].id, index[i].name.as_str(), index[i].company.as_str());
    assert_eq!(entry(0), (c.id, "Cor", "Cor BV"));
    assert_eq!(entry(1), (a.id, "Ann", "Ann BV"));
}

pub fn data_survives_reopening(b: &dyn Backend) {
    {
        let mut book = b.open();
        let mut new = customer("Acme");
        new.tags = Tags::new(["vip"]).unwrap();
        book.add_customer(&new, now()).unwrap();
    }
    let book = b.open();
    let rows = book.list_customers(SortKey::Name, 0, 10).unwrap();
    assert_eq!(rows[0].customer.tags.as_slice(), ["vip"]);
}

fn archived_ids(book: &dyn Book, sort: SortKey) -> Vec<i64> {
    let mut ids = Vec::new();
    book.each_archived_customer(sort, &mut |row| {
        ids.push(row.customer.id);
        Ok(())
    })
    .unwrap();
    ids
}

pub fn archiving_moves_a_customer_from_the_book_to_the_archive_and_back(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let gamma = book.add_customer(&customer("Gamma Foods"), now()).unwrap().id;
    book.log_contact(acme, &line("call: pricing >> send the quote @fri"), now())
        .unwrap();

    assert!(book.set_archived(acme, true, now()).unwrap());
    let shelved = book.require_customer(acme).unwrap();
    assert!(shelved.archived, "found by id, archived");
    // Every read of the book leaves them out; the archive's reads hold only them.
    assert_eq!(names(&*book, SortKey::Name), ["Gamma Foods"]);
    assert_eq!(
        ids(&book.list_customers_from_end(SortKey::Name, 0, 10).unwrap()),
        [gamma]
    );
    let gamma_c = book.require_customer(gamma).unwrap();
    for forward in [true, false] {
        assert_eq!(book.neighbour(SortKey::Name, &gamma_c, forward).unwrap(), None);
    }
    assert_eq!(book.count_customers().unwrap(), 1);
    assert_eq!(book.customer_ids().unwrap(), [gamma]);
    let index: Vec<i64> = book.customer_index().unwrap().iter().map(|e| e.id).collect();
    assert_eq!(index, [gamma]);
    let archive: Vec<i64> = book.archived_index().unwrap().iter().map(|e| e.id).collect();
    assert_eq!(archive, [acme]);
    for sort in SORTS {
        assert_eq!(archived_ids(&*book, sort), [acme], "{sort:?}");
    }
    let found = book.customers_named("acme", 5).unwrap();
    assert_eq!(found, touchbase::store::Named::default(), "not among the active");
    let found = book.archived_customers_named("ACME", 5).unwrap();
    assert_eq!(found.exact[0].id, acme);
    let found = book.archived_customers_named("ac", 5).unwrap();
    assert_eq!(found.starting[0].id, acme);
    assert_eq!(found.by_words[0].id, acme);
    assert!(
        book.archived_customers_named("gamma", 5)
            .unwrap()
            .starting
            .is_empty()
    );
    // Everything recorded stays: the contact, the follow-up, the row's next follow-up.
    assert_eq!(shelved.last_contact_at, Some(now()));
    assert_eq!(book.open_follow_ups(acme).unwrap().len(), 1);
    let row = book.customer_rows(&[acme]).unwrap();
    assert_eq!(row[0].next_follow_up, Some(day("2026-11-27")));

    assert!(!book.set_archived(acme, true, now()).unwrap(), "already archived");
    assert!(book.set_archived(acme, false, now()).unwrap());
    assert_eq!(names(&*book, SortKey::Name), ["Acme", "Gamma Foods"]);
    assert!(archived_ids(&*book, SortKey::Name).is_empty());
    assert!(book.archived_index().unwrap().is_empty());
    assert!(!book.set_archived(acme, false, now()).unwrap(), "already active");
}

pub fn the_archive_flag_is_read_and_set_in_the_writing_transaction(b: &dyn Backend) {
    // Two handles that both saw Acme active: only the first archive changes anything, so
    // only one of them has a change to undo.
    let mut tui = b.open();
    let mut cli = b.open();
    let acme = tui.add_customer(&customer("Acme"), now()).unwrap().id;
    assert!(!tui.require_customer(acme).unwrap().archived);
    assert!(!cli.require_customer(acme).unwrap().archived);
    assert!(cli.set_archived(acme, true, now()).unwrap());
    assert!(!tui.set_archived(acme, true, now()).unwrap());
    assert!(tui.require_customer(acme).unwrap().archived);
}

pub fn archiving_nobody_is_not_found_and_writes_nothing(b: &dyn Backend) {
    let mut book = b.open();
    book.add_customer(&customer("Acme"), now()).unwrap();
    for archived in [true, false] {
        let err = book.set_archived(99, archived, now()).unwrap_err();
        assert_eq!((not_found(&err).what, not_found(&err).id), ("customer", 99));
    }
    assert!(book.archived_index().unwrap().is_empty());
    assert_eq!(book.count_customers().unwrap(), 1);
}
