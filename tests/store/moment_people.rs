//! Decision moments name their people: who decides, signs, champions us or takes part.
//! The set is written with the moment, replaced whole in one transaction, read with the
//! moment and its customer's buying process, kept through a merge, and put back by undo.

use touchbase::domain::moment::{MomentPerson, NewMoment, Part};
use touchbase::domain::person::NewPerson;
use touchbase::store::{Book, Change, MomentPatch, NotTheirs, Record, Row};

use super::Backend;
use super::support::{customer, day, not_found, now};

fn person(book: &mut dyn Book, customer_id: i64, name: &str) -> i64 {
    let new = NewPerson {
        name: name.into(),
        ..NewPerson::default()
    };
    book.add_person(customer_id, &new, now()).unwrap().id
}

fn board(people: Vec<(i64, Part)>) -> NewMoment {
    NewMoment {
        title: "Board approves budget".into(),
        expected: day("2026-11-25"),
        people,
        ..NewMoment::default()
    }
}

fn named(people: &[MomentPerson]) -> Vec<(&str, Part)> {
    people.iter().map(|p| (p.name.as_str(), p.part)).collect()
}

pub fn a_moment_names_its_people_by_part_and_a_new_set_replaces_the_old(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let thomas = person(&mut *book, acme, "Thomas Kühne");
    let albrecht = person(&mut *book, acme, "Frau Albrecht");
    let jan = person(&mut *book, acme, "Jan Smit");
    let m = book
        .add_moment(
            acme,
            &board(vec![
                (jan, Part::Involved),
                (albrecht, Part::Signs),
                (thomas, Part::Decides),
                (thomas, Part::Involved),
                (jan, Part::Involved),
            ]),
            now(),
        )
        .unwrap();
    let expected = [
        ("Thomas Kühne", Part::Decides),
        ("Frau Albrecht", Part::Signs),
        ("Jan Smit", Part::Involved),
        ("Thomas Kühne", Part::Involved),
    ];
    assert_eq!(named(&m.people), expected, "by part, then by name; twice is once");
    let other = b.open();
    assert_eq!(named(&other.moment(m.id).unwrap().unwrap().people), expected);
    assert_eq!(named(&other.moments_of(acme).unwrap()[0].people), expected);

    let set = book.set_moment_people(m.id, &[(jan, Part::Champion)]).unwrap();
    assert_eq!(named(&set.people), [("Jan Smit", Part::Champion)]);
    assert_eq!(b.open().moment(m.id).unwrap().unwrap().people, set.people);
    let cleared = book.set_moment_people(m.id, &[]).unwrap();
    assert!(cleared.people.is_empty());
    let e = book.set_moment_people(9999, &[]).unwrap_err();
    assert_eq!(not_found(&e).what, "decision moment");
}

pub fn people_of_another_customer_are_refused_and_nothing_is_written(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let beta = book.add_customer(&customer("Beta"), now()).unwrap().id;
    let anna = person(&mut *book, acme, "Anna de Boer");
    let piet = person(&mut *book, beta, "Piet Bakker");
    let m = book
        .add_moment(acme, &board(vec![(anna, Part::Decides)]), now())
        .unwrap();

    let e = book
        .set_moment_people(m.id, &[(anna, Part::Signs), (piet, Part::Decides)])
        .unwrap_err();
    assert_eq!(
        e.downcast_ref::<NotTheirs>(),
        Some(&NotTheirs {
            moment: m.id,
            person: piet
        }),
        "{e}"
    );
    assert_eq!(
        book.moment(m.id).unwrap().unwrap().people,
        m.people,
        "nothing changed"
    );
    let e = book
        .add_moment(acme, &board(vec![(piet, Part::Decides)]), now())
        .unwrap_err();
    assert!(e.downcast_ref::<NotTheirs>().is_some(), "{e}");
    assert_eq!(book.moments_of(acme).unwrap().len(), 1, "no moment was added");
    let patch = MomentPatch {
        title: Some("renamed".into()),
        people: Some(vec![(piet, Part::Signs)]),
        ..MomentPatch::default()
    };
    assert!(book.edit_moment(m.id, &patch, now()).is_err());
    assert_eq!(book.moment(m.id).unwrap().unwrap(), m, "neither title nor people");
}

pub fn undo_puts_a_moment_s_people_back_and_an_older_entry_reads_with_none(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let anna = person(&mut *book, acme, "Anna de Boer");
    let jan = person(&mut *book, acme, "Jan Smit");
    let m = book
        .add_moment(acme, &board(vec![(anna, Part::Decides)]), now())
        .unwrap();

    // An edit of the people alone, undone: the set before is back.
    let patch = MomentPatch {
        people: Some(vec![(jan, Part::Decides), (anna, Part::Champion)]),
        ..MomentPatch::default()
    };
    let revised = book.edit_moment(m.id, &patch, now()).unwrap();
    assert_eq!(
        named(&revised.after.people),
        [("Jan Smit", Part::Decides), ("Anna de Boer", Part::Champion)]
    );
    let edited = Change::Edited {
        before: Row::Moment(revised.before),
        after: Row::Moment(revised.after),
    };
    // Through the journal's JSON, as the undo of another process reads it.
    let edited: Change = serde_json::from_str(&serde_json::to_string(&edited).unwrap()).unwrap();
    book.undo(&edited, now()).unwrap();
    assert_eq!(book.moment(m.id).unwrap().unwrap(), m);

    // A deleted moment comes back with its people.
    let removed = book.delete_record(Record::Moment(m.id)).unwrap();
    book.undo(
        &Change::Deleted {
            row: removed.row,
            kept: removed.kept,
        },
        now(),
    )
    .unwrap();
    assert_eq!(book.moment(m.id).unwrap().unwrap(), m);

    // A person named in a moment since they were added is not taken away by undo.
    let anna_added = Change::PersonAdded {
        person: book.person(anna).unwrap().unwrap(),
        main_before: None,
    };
    let e = book.undo(&anna_added, now()).unwrap_err();
    assert!(e.to_string().contains("named in a decision moment since"), "{e}");
    assert!(book.person(anna).unwrap().is_some());

    // Undoing the add removes the moment and its people with it.
    book.undo(&Change::MomentAdded { moment: m.clone() }, now())
        .unwrap();
    assert_eq!(book.moment(m.id).unwrap(), None);
    assert!(book.check().unwrap().is_sound());

    // A journal entry written before moments had people reads with none.
    let mut json = serde_json::to_value(Change::MomentAdded { moment: m }).unwrap();
    json["moment"].as_object_mut().unwrap().remove("people");
    let old: Change = serde_json::from_value(json).unwrap();
    let Change::MomentAdded { moment } = old else {
        panic!("read as another change: {old:?}");
    };
    assert!(moment.people.is_empty());
}

pub fn a_merged_customer_s_moments_keep_their_people(b: &dyn Backend) {
    let mut book = b.open();
    let keep = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let other = book.add_customer(&customer("Acme BV"), now()).unwrap().id;
    let anna = person(&mut *book, other, "Anna de Boer");
    let m = book
        .add_moment(other, &board(vec![(anna, Part::Signs)]), now())
        .unwrap();
    let merge = book.merge_customers(keep, other, now()).unwrap();

    let moved = book.moment(m.id).unwrap().unwrap();
    assert_eq!(moved.customer_id, keep);
    assert_eq!(named(&moved.people), [("Anna de Boer", Part::Signs)]);
    assert_eq!(book.moments_of(keep).unwrap()[0].people, moved.people);

    book.undo(
        &Change::Merged {
            merge: Box::new(merge),
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        book.moment(m.id).unwrap().unwrap(),
        m,
        "back with the other, people and all"
    );
}
