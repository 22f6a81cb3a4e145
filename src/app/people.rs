//! The people use cases, once for both front ends: adding a person to a customer, editing
//! one, choosing the main contact, marking one as left, listing a customer's people. The
//! rules are the domain's (`domain::person`), the in-step rule the store's.

use chrono::NaiveDate;

use super::customers::{Shelf, Who, find_including_archived};
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::person::{NewPerson, Person, PersonPatch};
use crate::domain::when::{Facing, parse_day};
use crate::store::{Book, NotFound};

/// A person added, and the main contact they replaced (when `--main` moved it).
#[derive(Debug, Clone)]
pub struct Added {
    pub person: Person,
    /// The customer as it is now (the in-step rule renames it after a new main contact).
    pub customer: Customer,
    /// The customer's name before the person was added.
    pub named_before: String,
    /// The name of who was main before and no longer is.
    pub main_before: Option<String>,
}

fn main_of(store: &dyn Book, customer_id: i64) -> anyhow::Result<Option<Person>> {
    Ok(store.people_of(customer_id)?.into_iter().find(|p| p.main))
}

/// The person `id`, or `NotFound` (the front ends say where the ids are listed).
pub fn require(store: &dyn Book, id: i64) -> anyhow::Result<Person> {
    store.person(id)?.ok_or_else(|| NotFound::new("person", id).into())
}

/// Adds `new` to the customer `who` names.
pub fn add(store: &mut dyn Book, who: Who<'_>, new: &NewPerson, now: &Now) -> anyhow::Result<Added> {
    new.check()?;
    let customer = find_including_archived(store, who, Shelf::Active)?;
    let before = main_of(store, customer.id)?;
    let person = store.add_person(customer.id, new, now.utc)?;
    let main_before = before.filter(|b| person.main && b.id != person.id).map(|b| b.name);
    let named_before = customer.name;
    let customer = store.require_customer(customer.id)?;
    Ok(Added {
        person,
        customer,
        named_before,
        main_before,
    })
}

/// Writes the fields `patch` holds to person `id`.
pub fn edit(store: &mut dyn Book, id: i64, patch: &PersonPatch, now: &Now) -> anyhow::Result<Person> {
    patch.check()?;
    require(store, id)?;
    store.update_person(id, patch, now.utc)
}

/// Makes person `id` the main contact; the person and whether anything changed.
pub fn make_main(store: &mut dyn Book, id: i64, now: &Now) -> anyhow::Result<(Person, bool)> {
    let changed = store.set_main_person(id, now.utc)?;
    Ok((require(store, id)?, changed))
}

/// The day a person left, as typed (`yesterday`, `2026-10-01`…; today when not said).
pub fn left_on(typed: Option<&str>, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    match typed.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today),
        Some(t) => Ok(parse_day(t, today, Facing::Back)?),
    }
}

/// Records that person `id` left on the day `on` names, to `to`.
pub fn mark_left(store: &mut dyn Book, id: i64, on: Option<&str>, to: &str, now: &Now) -> anyhow::Result<Person> {
    let day = left_on(on, now.today())?;
    require(store, id)?;
    store.mark_left(id, day, to, now.utc)
}

/// The customer `who` names and its people, in `people_of`'s order.
pub fn list(store: &dyn Book, who: Who<'_>) -> anyhow::Result<(Customer, Vec<Person>)> {
    let customer = find_including_archived(store, who, Shelf::Active)?;
    let people = store.people_of(customer.id)?;
    Ok((customer, people))
}
