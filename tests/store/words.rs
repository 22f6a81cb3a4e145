//! Finding customers by the words people remember of them: any word of the name or
//! company, ignoring case and accents, with an exact name first; and the words kept right
//! by every write that changes a name.

use touchbase::store::{Book, Change, CustomerFields, CustomerPatch, Named, NewCustomer};

use super::Backend;
use super::support::now;

fn add(book: &mut dyn Book, name: &str, company: &str) -> i64 {
    let new = NewCustomer {
        name: name.into(),
        company: company.into(),
        ..NewCustomer::default()
    };
    book.add_customer(&new, now()).unwrap().id
}

fn ids(found: &[touchbase::domain::Customer]) -> Vec<i64> {
    found.iter().map(|c| c.id).collect()
}

pub fn any_word_of_the_name_or_company_finds_a_customer_ignoring_accents(b: &dyn Backend) {
    let mut book = b.open();
    let thomas = add(&mut *book, "Thomas Kühne", "Kühne Bau GmbH");
    let marieke = add(&mut *book, "Marieke Jansen", "Straße & Söhne");
    let jan = add(&mut *book, "Jan de Vries", "Acme Logistics");

    let found = book.customers_named("kuhne", 10).unwrap();
    assert!(found.exact.is_empty() && found.starting.is_empty());
    assert_eq!(ids(&found.by_words), [thomas]);
    assert_eq!(
        ids(&book.customers_named("JANSEN", 10).unwrap().by_words),
        [marieke]
    );
    assert_eq!(
        ids(&book.customers_named("strasse", 10).unwrap().by_words),
        [marieke]
    );
    assert_eq!(ids(&book.customers_named("bau", 10).unwrap().by_words), [thomas]);
    assert_eq!(
        ids(&book.customers_named("söh mar", 10).unwrap().by_words),
        [marieke],
        "every word, each the start of one of theirs"
    );
    assert!(book.customers_named("mar vries", 10).unwrap().by_words.is_empty());
    assert_eq!(
        ids(&book.customers_named("jan", 10).unwrap().by_words),
        [jan, marieke],
        "listed by name"
    );
    assert_eq!(ids(&book.customers_named("jan", 10).unwrap().starting), [jan]);
    assert_eq!(book.customers_named("zzz", 10).unwrap(), Named::default());
}

pub fn an_exact_name_is_found_whatever_its_case_and_accents(b: &dyn Backend) {
    let mut book = b.open();
    let thomas = add(&mut *book, "Thomas Kühne", "");
    let gmbh = add(&mut *book, "Thomas Kühne GmbH", "");
    let found = book.customers_named("  THOMAS kuhne ", 10).unwrap();
    assert_eq!(ids(&found.exact), [thomas]);
    assert_eq!(ids(&found.starting), [thomas, gmbh]);
    assert_eq!(ids(&found.by_words), [thomas, gmbh]);
    // A name without letters is found as it is.
    let pizza = add(&mut *book, "🍕", "");
    assert_eq!(ids(&book.customers_named("🍕", 10).unwrap().exact), [pizza]);
}

pub fn the_words_follow_every_change_of_a_name(b: &dyn Backend) {
    let mut book = b.open();
    let id = add(&mut *book, "Thomas Kühne", "Kühne Bau");
    let before = book.require_customer(id).unwrap();
    let patch = CustomerPatch {
        name: Some("Tomasz Nowak".into()),
        company: Some("Nowak Sp".into()),
        ..CustomerPatch::default()
    };
    let after = book.update_customer(id, &patch, now()).unwrap();
    assert!(book.customers_named("kuhne", 10).unwrap().by_words.is_empty());
    assert_eq!(ids(&book.customers_named("nowak", 10).unwrap().by_words), [id]);
    assert_eq!(
        ids(&book.customers_named("tomasz nowak", 10).unwrap().exact),
        [id]
    );
    let phone = CustomerPatch {
        phone: Some("020 123".into()),
        ..CustomerPatch::default()
    };
    book.update_customer(id, &phone, now()).unwrap();
    assert_eq!(ids(&book.customers_named("nowak", 10).unwrap().by_words), [id]);

    book.undo(&Change::customer_edited(&before, &patch, &after), now())
        .unwrap();
    assert_eq!(ids(&book.customers_named("kuhne", 10).unwrap().by_words), [id]);
    assert!(book.customers_named("nowak", 10).unwrap().by_words.is_empty());
    assert_eq!(
        ids(&book.customers_named("thomas kühne", 10).unwrap().exact),
        [id]
    );

    let added = book.require_customer(id).unwrap();
    let other = add(&mut *book, "Ans Kühne", "");
    book.undo(
        &Change::CustomerAdded {
            id: other,
            added: CustomerFields::of(&book.require_customer(other).unwrap()),
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        ids(&book.customers_named("kuhne", 10).unwrap().by_words),
        [added.id]
    );
}

pub fn archived_customers_are_found_by_their_words_in_the_archive_only(b: &dyn Backend) {
    let mut book = b.open();
    let id = add(&mut *book, "Marieke Jansen", "");
    book.set_archived(id, true, now()).unwrap();
    assert_eq!(book.customers_named("jansen", 10).unwrap(), Named::default());
    let found = book.archived_customers_named("jansen", 10).unwrap();
    assert_eq!(ids(&found.by_words), [id]);
}
