//! An account is found by its people's names as by its own: exact, starting, by words;
//! and the words follow every write of a person's name (add, rename, merge, undo).

use touchbase::domain::person::{NewPerson, PersonPatch};
use touchbase::store::{Book, Change};

use super::Backend;
use super::support::{customer, day, now};

fn anna() -> NewPerson {
    NewPerson {
        name: "Anna de Boer".into(),
        ..NewPerson::default()
    }
}

fn ids(found: &[touchbase::domain::Customer]) -> Vec<i64> {
    found.iter().map(|c| c.id).collect()
}

const NONE: [Vec<i64>; 3] = [Vec::new(), Vec::new(), Vec::new()];

/// The ids each of the three levels finds for `typed`.
fn levels(book: &dyn Book, typed: &str) -> [Vec<i64>; 3] {
    let found = book.customers_named(typed, 10).unwrap();
    [ids(&found.exact), ids(&found.starting), ids(&found.by_words)]
}

pub fn a_person_s_name_finds_their_account_at_every_level(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme BV"), now()).unwrap().id;
    let other = book.add_customer(&customer("Boer Logistics"), now()).unwrap().id;
    book.add_person(acme, &anna(), now()).unwrap();
    assert_eq!(
        levels(&*book, "anna de boer"),
        [vec![acme], vec![acme], vec![acme]]
    );
    assert_eq!(
        levels(&*book, "Anna"),
        [vec![], vec![acme], vec![acme]] as [Vec<i64>; 3]
    );
    assert_eq!(
        levels(&*book, "anna boer"),
        [vec![], vec![], vec![acme]] as [Vec<i64>; 3]
    );
    assert_eq!(
        levels(&*book, "boer")[2],
        [acme, other],
        "their own words and a person's alike"
    );
    let fresh = b.open();
    assert_eq!(levels(&*fresh, "anna")[1], [acme], "committed with the person");
}

pub fn the_words_follow_a_person_s_rename_and_its_undo(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme BV"), now()).unwrap().id;
    let anna = book.add_person(acme, &anna(), now()).unwrap();
    let patch = PersonPatch {
        name: Some("Anna Smit".into()),
        ..PersonPatch::default()
    };
    let after = book.update_person(anna.id, &patch, now()).unwrap();
    assert_eq!(levels(&*book, "anna smit")[0], [acme]);
    assert_eq!(levels(&*book, "boer"), NONE, "the old name is gone");
    book.undo(
        &Change::PersonEdited {
            before: anna.clone(),
            after,
        },
        now(),
    )
    .unwrap();
    assert_eq!(levels(&*book, "anna de boer")[0], [acme]);
    assert!(levels(&*book, "smit")[2].is_empty(), "the new name is gone again");
}

pub fn an_undone_add_forgets_the_person_s_name(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme BV"), now()).unwrap().id;
    let jan = NewPerson {
        name: "Jan Smit".into(),
        ..NewPerson::default()
    };
    let jan = book.add_person(acme, &jan, now()).unwrap();
    assert_eq!(levels(&*book, "jan")[1], [acme]);
    book.undo(
        &Change::PersonAdded {
            person: jan,
            main_before: None,
        },
        now(),
    )
    .unwrap();
    assert_eq!(levels(&*book, "jan"), NONE);
    assert_eq!(levels(&*book, "acme")[1], [acme], "the account's own words stay");
}

pub fn a_merge_takes_the_people_s_names_along_and_its_undo_brings_them_back(b: &dyn Backend) {
    let mut book = b.open();
    let keep = book.add_customer(&customer("Acme BV"), now()).unwrap().id;
    let other = book.add_customer(&customer("Acme Holding"), now()).unwrap().id;
    book.add_person(other, &anna(), now()).unwrap();
    let merge = book.merge_customers(keep, other, now()).unwrap();
    assert_eq!(levels(&*book, "anna de boer")[0], [keep]);
    assert_eq!(levels(&*book, "anna")[2], [keep]);
    book.undo(
        &Change::Merged {
            merge: Box::new(merge),
        },
        now(),
    )
    .unwrap();
    assert_eq!(levels(&*book, "anna de boer")[0], [other]);
    assert_eq!(levels(&*book, "anna")[2], [other]);
}

pub fn a_person_who_left_still_finds_the_account(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme BV"), now()).unwrap().id;
    let anna = book.add_person(acme, &anna(), now()).unwrap();
    book.mark_left(anna.id, day("2026-01-05"), "Globex", now())
        .unwrap();
    assert_eq!(levels(&*book, "anna de boer")[0], [acme]);
}

pub fn the_same_name_at_two_accounts_is_found_at_both(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme BV"), now()).unwrap().id;
    let globex = book.add_customer(&customer("Globex"), now()).unwrap().id;
    book.add_person(acme, &anna(), now()).unwrap();
    book.add_person(
        globex,
        &NewPerson {
            name: "Anna Jansen".into(),
            ..NewPerson::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(levels(&*book, "anna")[1], [acme, globex], "by name");
}
