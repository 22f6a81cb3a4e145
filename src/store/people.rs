//! The people part of the contract: the persons at a customer, adding and editing them,
//! choosing the main contact, marking one as left, and finding people by an e-mail
//! address or phone number. Knows no SQL.
//!
//! The in-step rule: a customer's own e-mail and phone (which everything that predates
//! people still reads) are always its main person's first e-mail and first phone, and
//! every write that changes either side changes the other in the same transaction: adding
//! a customer adds its main person; editing the customer's e-mail or phone edits the main
//! person's; editing the main person's edits the customer's; making someone else main
//! copies their e-mail and phone onto the customer. A name follows only while the two are
//! one: an account named after its main person ("Jan de Vries", the way every customer
//! started) is renamed with them and they with it; "Acme BV" is renamed by no one, and
//! making someone else main renames nothing.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::person::{DetailKind, NewPerson, Person, PersonPatch};
use crate::store::NewCustomer;

pub trait People {
    /// The customer's people: the main contact first, then those still there by name,
    /// then those who left (the latest first).
    fn people_of(&self, customer_id: i64) -> anyhow::Result<Vec<Person>>;

    /// The person `id`, or `None`.
    fn person(&self, id: i64) -> anyhow::Result<Option<Person>>;

    /// Adds a person to customer `customer_id` (refused with `NotFound` if there is no
    /// such customer). With `new.main`, they become the main contact and the one who was
    /// stops being it (the in-step rule then renames the customer).
    fn add_person(&mut self, customer_id: i64, new: &NewPerson, now: DateTime<Utc>)
    -> anyhow::Result<Person>;

    /// Writes the fields `patch` holds; `NotFound` for an unknown id.
    fn update_person(&mut self, id: i64, patch: &PersonPatch, now: DateTime<Utc>) -> anyhow::Result<Person>;

    /// Makes person `id` the main contact of their customer; the one who was stops being
    /// it. `false` when they already were and nothing was written.
    fn set_main_person(&mut self, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool>;

    /// Records that person `id` left on `on`, to `to` ("" when not known). Refused with
    /// `NotOpen::PersonLeft` if they already left. The main contact may leave and stays
    /// main until another is chosen.
    fn mark_left(&mut self, id: i64, on: NaiveDate, to: &str, now: DateTime<Utc>) -> anyhow::Result<Person>;

    /// Adds a customer whose first (main) person is `main` rather than one made from the
    /// customer's own fields: the account keeps its name ("Globex") and the person theirs;
    /// the customer's e-mail and phone are the person's first ones (the in-step rule).
    /// A person who left one account and is followed to the next (`person left --follow`).
    fn add_customer_with_main(
        &mut self,
        new: &NewCustomer,
        main: &NewPerson,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(crate::domain::Customer, Person)>;

    /// The people with a detail of `kind` whose key (`DetailKind::key`) is `key`, with
    /// their customer's id; by person id.
    fn people_by_detail(&self, kind: DetailKind, key: &str) -> anyhow::Result<Vec<(Person, i64)>>;

    /// Everyone at every customer, archived ones too, by customer id and then in
    /// `people_of`'s order, details and all: an export, in two passes instead of a query
    /// per customer.
    fn all_people(&self) -> anyhow::Result<Vec<Person>>;
}
