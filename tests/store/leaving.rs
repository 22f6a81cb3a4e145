//! When someone leaves, and accounts that hang on one person: the trigger a leaving opens
//! is answered only by a contact with someone else there; a new account can start with a
//! person of its own; the single-threaded walk finds the valuable accounts whose recent
//! contacts were all with one person.

use chrono::Duration;
use touchbase::domain::Tags;
use touchbase::domain::moment::NewMoment;
use touchbase::domain::money::Cents;
use touchbase::domain::nudge::Rules;
use touchbase::domain::person::{Detail, NewPerson};
use touchbase::domain::quicklog::QuickLog;
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{Book, NewCustomer, NotFound, Rows, Stream, Window};

use super::Backend;
use super::support::{at, customer, line, now};

fn window() -> Window {
    let rules = Rules::default();
    let today = now().date_naive();
    Window {
        today,
        now: now(),
        moments_through: rules.prepare_through(today),
        complaints_before: rules.complaints_before(now()),
        loyalty_before: rules.loyalty_before(now()),
        loyal_if_added_before: rules.loyal_if_added_before(now()),
        single_threaded_since: rules.single_threaded_since(now()),
    }
}

fn person(name: &str, main: bool) -> NewPerson {
    NewPerson {
        name: name.into(),
        main,
        ..NewPerson::default()
    }
}

/// The open situational triggers the walk hands out, by id.
fn situations(book: &dyn Book, tier: i64) -> Vec<i64> {
    match book
        .stream_rows(Stream::Situations { tier }, &window(), 50)
        .unwrap()
    {
        Rows::Triggers(rows) => rows.iter().map(|(t, _)| t.id).collect(),
        other => panic!("{other:?}"),
    }
}

/// The single-threaded rows of `tier`: (customer id, person, contacts).
fn threads(book: &dyn Book, tier: i64) -> Vec<(i64, String, u32)> {
    match book
        .stream_rows(Stream::SingleThreaded { tier }, &window(), 50)
        .unwrap()
    {
        Rows::Threads(rows) => rows
            .iter()
            .map(|(t, c)| (c.id, t.person.clone(), t.contacts))
            .collect(),
        other => panic!("{other:?}"),
    }
}

pub fn a_leaver_s_trigger_waits_for_a_contact_with_someone_else(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let anna = book
        .add_person(c.id, &person("Anna de Boer", true), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let jan = book
        .add_person(c.id, &person("Jan Smit", false), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let opened = at("2026-11-18T09:00:00Z");
    let t = book
        .add_leaver_trigger(anna.id, " Anna de Boer left ", opened)
        .unwrap();
    assert_eq!(
        (t.kind, t.note.as_str(), t.person_id, t.customer_id),
        (TriggerKind::Situational, "Anna de Boer left", Some(anna.id), c.id)
    );
    assert_eq!(situations(&*book, 0), vec![t.id]);

    // A contact with no one named is with the main contact, who is the leaver: no answer.
    book.log_contact(c.id, &line("call: left a message"), at("2026-11-19T09:00:00Z"))
        .unwrap();
    assert_eq!(
        situations(&*book, 0),
        vec![t.id],
        "a contact with the leaver answers nothing"
    );
    assert_eq!(book.triggers_of(c.id).unwrap()[0].answered_at, None);

    // A contact with Jan answers it.
    let with_jan = QuickLog {
        person_id: Some(jan.id),
        ..line("meeting: met the new buyer")
    };
    book.log_contact(c.id, &with_jan, at("2026-11-19T10:00:00Z"))
        .unwrap();
    assert_eq!(situations(&*book, 0), Vec::<i64>::new());
    assert_eq!(
        book.triggers_of(c.id).unwrap()[0].answered_at,
        Some(at("2026-11-19T10:00:00Z"))
    );
    // The trigger itself stays open until resolved; only its nudge is answered.
    assert_eq!(book.require_trigger(t.id).unwrap().resolved_at, None);

    let e = book.add_leaver_trigger(999, "x", opened).unwrap_err();
    assert!(e.downcast_ref::<NotFound>().is_some(), "{e:#}");
}

pub fn a_contact_before_the_leaving_answers_nothing(b: &dyn Backend) {
    let mut book = b.open();
    let c = book
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let jan = book
        .add_person(c.id, &person("Jan Smit", false), at("2026-11-01T09:00:00Z"))
        .unwrap();
    // The main contact (Acme's first person) was talked to before Jan left.
    book.log_contact(c.id, &line("call: fine"), at("2026-11-10T09:00:00Z"))
        .unwrap();
    let t = book
        .add_leaver_trigger(jan.id, "Jan Smit left", at("2026-11-18T09:00:00Z"))
        .unwrap();
    assert_eq!(situations(&*book, 0), vec![t.id]);
    book.log_contact(c.id, &line("call: who is next"), at("2026-11-19T09:00:00Z"))
        .unwrap();
    assert_eq!(
        situations(&*book, 0),
        Vec::<i64>::new(),
        "the main contact is not the leaver"
    );
}

pub fn a_new_account_starts_with_the_person_followed_there(b: &dyn Backend) {
    let mut book = b.open();
    let new = NewCustomer {
        name: "Globex".into(),
        company: "Globex".into(),
        tags: Tags::new(["prospect"]).unwrap(),
        ..NewCustomer::default()
    };
    let anna = NewPerson {
        name: "Anna de Boer".into(),
        role: "inkoper".into(),
        emails: vec![Detail::new("anna@globex.com")],
        phones: vec![Detail::new("06 1234 5678")],
        ..NewPerson::default()
    };
    let (c, p) = book.add_customer_with_main(&new, &anna, now()).unwrap();
    assert_eq!((c.name.as_str(), c.company.as_str()), ("Globex", "Globex"));
    assert_eq!(
        (c.email.as_str(), c.phone.as_str()),
        ("anna@globex.com", "06 1234 5678")
    );
    assert_eq!(
        (p.name.as_str(), p.role.as_str(), p.main),
        ("Anna de Boer", "inkoper", true)
    );
    let people = book.people_of(c.id).unwrap();
    assert_eq!(people, vec![p], "only the person followed there");
}

pub fn a_valuable_account_on_one_person_is_single_threaded(b: &dyn Backend) {
    let mut book = b.open();
    let days = Duration::days;
    let added = now() - days(200);
    let big = |book: &mut Box<dyn Book>, name: &str, cents: i64| {
        let c = book.add_customer(&customer(name), added).unwrap();
        book.add_order(c.id, added.date_naive(), Cents(cents), "EUR", added)
            .unwrap();
        c.id
    };
    let kuhne = big(&mut book, "Kühne", 14_955_000);
    let once = big(&mut book, "Once", 14_955_000);
    let old = big(&mut book, "Old", 14_955_000);
    let small = big(&mut book, "Small", 50_000);
    let deciding = big(&mut book, "Deciding", 50_000);
    let two = big(&mut book, "Two", 14_955_000);
    let piet = book.add_person(two, &person("Piet", false), added).unwrap();
    book.log_contact(two, &line("call: main"), now() - days(6))
        .unwrap();
    let with_piet = QuickLog {
        person_id: Some(piet.id),
        ..line("call: piet")
    };
    book.log_contact(two, &with_piet, now() - days(5)).unwrap();
    for (id, ago) in [
        (kuhne, 5),
        (kuhne, 40),
        (once, 5),
        (old, 100),
        (old, 120),
        (small, 3),
        (small, 4),
    ] {
        book.log_contact(id, &line("call: talked"), now() - days(ago))
            .unwrap();
    }
    book.log_contact(deciding, &line("call: a"), now() - days(3))
        .unwrap();
    book.log_contact(deciding, &line("meeting: b"), now() - days(2))
        .unwrap();
    // A note is no contact.
    book.log_contact(once, &line("note: heard they grow"), now() - days(2))
        .unwrap();
    let moment = NewMoment {
        title: "Board decides".into(),
        expected: now().date_naive() + days(30),
        ..NewMoment::default()
    };
    book.add_moment(deciding, &moment, now() - days(1)).unwrap();

    assert_eq!(
        threads(&*book, 3),
        vec![(kuhne, "Kühne".to_string(), 2)],
        "not Two: it talks to two people"
    );
    assert_eq!(
        threads(&*book, 0),
        vec![(deciding, "Deciding".to_string(), 2)],
        "an open decision makes even a small account valuable"
    );
    assert_eq!(threads(&*book, 1), vec![]);
    assert_eq!(threads(&*book, 2), vec![]);
    let t = book
        .thread_of(small, Rules::default().single_threaded_since(now()))
        .unwrap()
        .expect("one person");
    assert_eq!(
        (t.person.as_str(), t.contacts, t.open_moment),
        ("Small", 2, false)
    );
    assert_eq!(
        book.thread_of(once, Rules::default().single_threaded_since(now()))
            .unwrap(),
        None
    );
}
