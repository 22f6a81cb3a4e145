//! People on an account: each customer has a main person from the start; people are
//! added, edited, made main, marked as left and found by an address or number; the
//! customer's own name, e-mail and phone stay those of its main person (the in-step
//! rule); a merge brings the other's people along.

use touchbase::domain::person::{Detail, DetailKind, NewPerson, PersonPatch};
use touchbase::store::{CustomerPatch, NewCustomer, NotOpen};

use super::Backend;
use super::support::{customer, day, not_found, now};

fn acme() -> NewCustomer {
    NewCustomer {
        email: "info@acme.nl".into(),
        phone: "020 123 4567".into(),
        ..customer("Acme")
    }
}

fn anna() -> NewPerson {
    NewPerson {
        name: "Anna de Boer".into(),
        role: "inkoper".into(),
        emails: vec![Detail::new("Anna@Acme.nl")],
        phones: vec![
            Detail {
                label: "mobile".into(),
                value: "+31 6 1234 5678".into(),
            },
            Detail::new("020 123 4599"),
        ],
        ..NewPerson::default()
    }
}

pub fn a_new_customer_has_its_main_person_with_its_details(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let bare = book.add_customer(&customer("Bare"), now()).unwrap();
    let people = b.open().people_of(c.id).unwrap();
    assert_eq!(people.len(), 1);
    let p = &people[0];
    assert!(p.main && p.left.is_none());
    assert_eq!(
        (p.name.as_str(), p.email(), p.phone()),
        ("Acme", "info@acme.nl", "020 123 4567")
    );
    let bare = book.people_of(bare.id).unwrap();
    assert_eq!(bare.len(), 1);
    assert!(
        bare[0].emails.is_empty() && bare[0].phones.is_empty(),
        "no empty details"
    );
}

pub fn people_are_listed_main_first_then_by_name_then_who_left(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let zoe = book
        .add_person(
            c.id,
            &NewPerson {
                name: "Zoë".into(),
                ..NewPerson::default()
            },
            now(),
        )
        .unwrap();
    let anna = book.add_person(c.id, &anna(), now()).unwrap();
    assert!(!anna.main, "the customer's own person stays main");
    assert_eq!(anna.emails, vec![Detail::new("Anna@Acme.nl")]);
    assert_eq!(anna.phones[0].label, "mobile");
    assert_eq!(anna.phones.len(), 2);
    book.mark_left(anna.id, day("2026-10-01"), "Globex", now())
        .unwrap();
    let names: Vec<String> = b
        .open()
        .people_of(c.id)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Acme", "Zoë", "Anna de Boer"]);
    assert_eq!(book.person(zoe.id).unwrap().map(|p| p.customer_id), Some(c.id));
}

pub fn a_person_for_no_customer_or_an_unknown_person_is_not_found(b: &dyn Backend) {
    let mut book = b.open();
    let e = book.add_person(4242, &anna(), now()).unwrap_err();
    assert_eq!(not_found(&e).what, "customer");
    let e = book
        .update_person(4242, &PersonPatch::default(), now())
        .unwrap_err();
    assert_eq!(not_found(&e).what, "person");
    assert!(book.set_main_person(4242, now()).is_err());
    assert!(book.mark_left(4242, day("2026-10-01"), "", now()).is_err());
}

pub fn bad_details_are_refused_and_nothing_is_written(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let bad = NewPerson {
        phones: vec![Detail::new("06 CALL ME")],
        ..anna()
    };
    let e = book.add_person(c.id, &bad, now()).unwrap_err();
    assert!(e.to_string().contains("'06 CALL ME'"), "{e}");
    let e = book
        .add_person(
            c.id,
            &NewPerson {
                name: " ".into(),
                ..NewPerson::default()
            },
            now(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("needs a name"), "{e}");
    assert_eq!(book.people_of(c.id).unwrap().len(), 1);
}

pub fn marking_a_person_left_twice_is_refused_with_the_day(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let anna = book.add_person(c.id, &anna(), now()).unwrap();
    let left = book
        .mark_left(anna.id, day("2026-10-01"), " Globex ", now())
        .unwrap();
    let l = left.left.expect("left");
    assert_eq!((l.on, l.to.as_str()), (day("2026-10-01"), "Globex"));
    let e = book.mark_left(anna.id, day("2026-11-01"), "", now()).unwrap_err();
    assert_eq!(
        e.downcast_ref::<NotOpen>(),
        Some(&NotOpen::PersonLeft {
            id: anna.id,
            name: "Anna de Boer".into(),
            on: day("2026-10-01")
        })
    );
    assert_eq!(
        book.person(anna.id).unwrap().unwrap().left.unwrap().on,
        day("2026-10-01")
    );
}

pub fn the_customer_and_its_main_person_stay_in_step(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let first = book.people_of(c.id).unwrap().remove(0);
    // customer → main person
    book.update_customer(
        c.id,
        &CustomerPatch {
            name: Some("Acme Holding".into()),
            phone: Some(String::new()),
            email: Some("sales@acme.nl".into()),
            ..CustomerPatch::default()
        },
        now(),
    )
    .unwrap();
    let p = book.person(first.id).unwrap().unwrap();
    assert_eq!(
        (p.name.as_str(), p.email(), p.phone()),
        ("Acme Holding", "sales@acme.nl", "")
    );
    // main person → customer; other details stay
    book.update_person(
        first.id,
        &PersonPatch {
            phones: Some(vec![Detail::new("06 1111 2222"), Detail::new("020 3333 444")]),
            ..PersonPatch::default()
        },
        now(),
    )
    .unwrap();
    let c2 = book.require_customer(c.id).unwrap();
    assert_eq!(
        (c2.name.as_str(), c2.email.as_str(), c2.phone.as_str()),
        ("Acme Holding", "sales@acme.nl", "06 1111 2222")
    );
    // someone else who is not main changes nothing on the customer
    let anna = book.add_person(c.id, &anna(), now()).unwrap();
    book.update_person(
        anna.id,
        &PersonPatch {
            name: Some("Anna B.".into()),
            ..PersonPatch::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(book.require_customer(c.id).unwrap().name, "Acme Holding");
    // a new main person: the old stops being main, the customer takes the new one's
    // e-mail and phone but keeps its own name (an account is not renamed by who is main)
    assert!(book.set_main_person(anna.id, now()).unwrap());
    assert!(!book.set_main_person(anna.id, now()).unwrap(), "already main");
    let people = b.open().people_of(c.id).unwrap();
    assert_eq!(people.iter().filter(|p| p.main).count(), 1);
    assert_eq!(people[0].id, anna.id);
    let c3 = b.open().require_customer(c.id).unwrap();
    assert_eq!(
        (c3.name.as_str(), c3.email.as_str(), c3.phone.as_str()),
        ("Acme Holding", "Anna@Acme.nl", "+31 6 1234 5678")
    );
    // renaming the main contact renames no account that was not named after them
    book.update_person(
        anna.id,
        &PersonPatch {
            name: Some("Anna de Boer".into()),
            ..PersonPatch::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(book.require_customer(c.id).unwrap().name, "Acme Holding");
    // and renaming the account renames no main contact it was not named after
    book.update_customer(
        c.id,
        &CustomerPatch {
            name: Some("Acme Group".into()),
            ..CustomerPatch::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(book.person(anna.id).unwrap().unwrap().name, "Anna de Boer");
    // the old main person keeps their details
    assert_eq!(book.person(first.id).unwrap().unwrap().phones.len(), 2);
}

pub fn adding_a_main_person_moves_main(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let anna = book
        .add_person(c.id, &NewPerson { main: true, ..anna() }, now())
        .unwrap();
    assert!(anna.main);
    let people = book.people_of(c.id).unwrap();
    assert_eq!(
        people.iter().filter(|p| p.main).map(|p| p.id).collect::<Vec<_>>(),
        [anna.id]
    );
    assert_eq!(book.require_customer(c.id).unwrap().email, "Anna@Acme.nl");
}

pub fn people_are_found_by_an_address_or_a_number_however_typed(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let other = book.add_customer(&customer("Other"), now()).unwrap();
    let anna = book.add_person(c.id, &anna(), now()).unwrap();
    for typed in ["06 1234 5678", "0031612345678", "+31 (6) 1234-5678"] {
        let found = book
            .people_by_detail(DetailKind::Phone, &DetailKind::Phone.key(typed))
            .unwrap();
        assert_eq!(
            found.iter().map(|(p, c)| (p.id, *c)).collect::<Vec<_>>(),
            [(anna.id, c.id)],
            "{typed}"
        );
    }
    let found = book
        .people_by_detail(DetailKind::Email, &DetailKind::Email.key("ANNA@acme.NL"))
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.name, "Anna de Boer");
    let main = book.people_by_detail(DetailKind::Email, "info@acme.nl").unwrap();
    assert_eq!(main.len(), 1, "the customer's own address finds its main person");
    assert!(
        book.people_by_detail(DetailKind::Phone, "999999999")
            .unwrap()
            .is_empty()
    );
    assert!(book.people_of(other.id).unwrap().len() == 1);
}

pub fn a_merge_brings_the_other_s_people_along_as_not_main(b: &dyn Backend) {
    let mut book = b.open();
    let keep = book.add_customer(&acme(), now()).unwrap();
    let other = book.add_customer(&customer("Acme dup"), now()).unwrap();
    let anna = book.add_person(other.id, &anna(), now()).unwrap();
    let merge = book.merge_customers(keep.id, other.id, now()).unwrap();
    let people = b.open().people_of(keep.id).unwrap();
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Acme", "Acme dup", "Anna de Boer"]);
    assert_eq!(people.iter().filter(|p| p.main).count(), 1);
    assert!(people[0].main);
    assert_eq!(book.person(anna.id).unwrap().unwrap().customer_id, keep.id);
    // Undone, the other's people go back, its main contact main again.
    book.undo(
        &touchbase::store::Change::Merged {
            merge: Box::new(merge),
        },
        now(),
    )
    .unwrap();
    let back = b.open().people_of(other.id).unwrap();
    let names: Vec<(&str, bool)> = back.iter().map(|p| (p.name.as_str(), p.main)).collect();
    assert_eq!(names, [("Acme dup", true), ("Anna de Boer", false)]);
    assert_eq!(book.people_of(keep.id).unwrap().len(), 1);
}

/// A contact is with the person its line was resolved to, else with the main contact as
/// of when it was logged; the timeline reads it back, and each person's last contact (notes
/// are none) is one read.
pub fn a_contact_is_with_its_person_or_the_main_contact(b: &dyn Backend) {
    use super::support::{at, line};
    use touchbase::domain::quicklog::QuickLog;
    let mut book = b.open();
    let c = book.add_customer(&acme(), now()).unwrap();
    let main = book.people_of(c.id).unwrap()[0].id;
    let anna = book.add_person(c.id, &anna(), now()).unwrap();
    let with_anna = QuickLog {
        person_id: Some(anna.id),
        ..line("call: terms")
    };
    let logged = book
        .log_contact(c.id, &with_anna, at("2026-11-18T10:00:00Z"))
        .unwrap();
    assert_eq!(logged.line.person_id, Some(anna.id));
    let plain = book
        .log_contact(c.id, &line("call: hi"), at("2026-11-19T10:00:00Z"))
        .unwrap();
    assert_eq!(plain.line.person_id, Some(main), "the main contact, as stored");
    let note = QuickLog {
        person_id: Some(anna.id),
        ..line("note: no contact")
    };
    book.log_contact(c.id, &note, at("2026-11-20T09:00:00Z")).unwrap();
    let timeline = book.interactions(c.id, 10).unwrap();
    let ids: Vec<Option<i64>> = timeline.iter().map(|i| i.person_id).collect();
    assert_eq!(ids, [Some(anna.id), Some(main), Some(anna.id)]);
    let mut last = book.last_contacts(c.id).unwrap();
    last.sort();
    assert_eq!(
        last,
        [
            (Some(main), at("2026-11-19T10:00:00Z")),
            (Some(anna.id), at("2026-11-18T10:00:00Z"))
        ]
    );
    // Made main later, Anna does not take over the contacts that were with the one before.
    book.set_main_person(anna.id, now()).unwrap();
    let ids: Vec<Option<i64>> = book
        .interactions(c.id, 10)
        .unwrap()
        .iter()
        .map(|i| i.person_id)
        .collect();
    assert_eq!(ids, [Some(anna.id), Some(main), Some(anna.id)]);
}
