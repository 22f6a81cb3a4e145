//! Importing through the store's bulk write: every record matched against the book and
//! the records before it (`app::import`), all in one transaction, or none for a dry run.

use touchbase::app::import::{self, ImportReport};
use touchbase::domain::Tags;
use touchbase::import::{ImportedCustomer, Location};
use touchbase::store::{Book, SortKey};

use super::Backend;
use super::support::{at, customer, line, now};

fn record(name: &str, company: &str, email: &str) -> ImportedCustomer {
    ImportedCustomer {
        name: name.into(),
        company: company.into(),
        email: email.into(),
        phone: String::new(),
        tags: Tags::default(),
        cadence: None,
        notes: String::new(),
        last_contact: None,
        at: Location::Entry { index: 1 },
        ..ImportedCustomer::default()
    }
}

/// The book before an import: Jan of Acme (no phone yet, contacted on 1 November) and Piet.
fn book_to_import_into(b: &dyn Backend) -> (Box<dyn Book>, i64) {
    let mut book = b.open();
    let mut jan = customer("Jan Jansen");
    jan.company = "Acme".into();
    jan.email = "jan@acme.test".into();
    let jan = book.add_customer(&jan, at("2026-10-01T09:00:00Z")).unwrap();
    book.log_contact(jan.id, &line("call: hello"), at("2026-11-01T10:00:00Z"))
        .unwrap();
    book.add_customer(&customer("Piet"), at("2026-10-01T09:00:00Z"))
        .unwrap();
    (book, jan.id)
}

fn records() -> Vec<ImportedCustomer> {
    let mut jan = record("J. Jansen", "", "JAN@acme.test");
    jan.phone = "010 123".into();
    jan.tags = Tags::new(["vip"]).unwrap();
    jan.last_contact = Some(at("2026-11-10T10:00:00Z"));
    let mut new = record("Ans", "Beta", "ans@beta.test");
    new.last_contact = Some(at("2026-09-01T10:00:00Z"));
    // The same person again further down the file, with what the first row lacked.
    let mut again = record("Ans", "Beta", "");
    again.phone = "020 456".into();
    vec![jan, new, again, record("Jan Jansen", "Acme", "other@acme.test")]
}

pub fn an_import_adds_merges_and_leaves_alone(b: &dyn Backend) {
    let (mut book, jan) = book_to_import_into(b);
    let mut heard = Vec::new();
    let report = import::run(&mut *book, &records(), "file.csv", now(), false, |n| {
        heard.push(n)
    })
    .unwrap();
    assert_eq!(
        (report.added, report.updated, report.unchanged, report.contacts),
        (1, 3, 0, 2),
        "{report:?}"
    );
    assert_eq!(heard.last(), Some(&4), "progress ends at every record");
    assert_eq!(
        report.updates[0],
        (
            "Jan Jansen".to_string(),
            "tags, last contact, phone numbers".to_string()
        )
    );

    let merged = book.require_customer(jan).unwrap();
    assert_eq!(
        (merged.phone.as_str(), merged.tags.as_slice()),
        ("010 123", ["vip".to_string()].as_slice())
    );
    assert_eq!(
        merged.last_contact_at,
        Some(at("2026-11-10T10:00:00Z")),
        "the summary is up to date"
    );
    let timeline = book.interactions(jan, 10).unwrap();
    assert_eq!(timeline[0].note, "last contact, imported from file.csv");
    // The same name at the same account is the same person: another address is one
    // more of theirs.
    assert_eq!(book.count_customers().unwrap(), 3);
    let people = book.people_of(jan).unwrap();
    assert_eq!(people.len(), 1);
    let emails: Vec<&str> = people[0].emails.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(emails, ["jan@acme.test", "other@acme.test"]);
    let ans = book.customers_named("Ans", 5).unwrap().exact;
    assert_eq!(ans.len(), 1, "matched within the file");
    assert_eq!(
        (ans[0].phone.as_str(), ans[0].last_contact_at),
        ("020 456", Some(at("2026-09-01T10:00:00Z")))
    );

    // The same file again: nothing left to add or fill in.
    let again = import::run(&mut *book, &records(), "file.csv", now(), false, |_| {}).unwrap();
    assert_eq!(
        again,
        ImportReport {
            unchanged: 4,
            ..ImportReport::default()
        }
    );
}

pub fn a_dry_run_changes_nothing(b: &dyn Backend) {
    let (mut book, jan) = book_to_import_into(b);
    let before = book.list_customers(SortKey::Name, 0, 10).unwrap();
    let dry = import::run(&mut *book, &records(), "file.csv", now(), true, |_| {}).unwrap();
    assert_eq!(book.list_customers(SortKey::Name, 0, 10).unwrap(), before);
    assert_eq!(book.interactions(jan, 10).unwrap().len(), 1);
    let real = import::run(&mut *book, &records(), "file.csv", now(), false, |_| {}).unwrap();
    assert_eq!(dry, real, "a dry run reports what the import does");
}
