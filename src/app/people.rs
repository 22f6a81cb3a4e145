//! The people use cases, once for both front ends: adding a person to a customer, editing
//! one, choosing the main contact, marking one as left, listing a customer's people,
//! finding one of them by what was typed of their name (`resolve_person`). The
//! rules are the domain's (`domain::person`), the in-step rule the store's. Each write
//! leaves a `Change`, so it goes on the undo journal (`undo::journaled`).

use chrono::NaiveDate;

use super::customers::{Shelf, Who, find_including_archived};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::person::{NewPerson, Person, PersonPatch};
use crate::domain::when::{Facing, parse_day};
use crate::domain::whom::{self, Whom};
use crate::store::{Book, Change, Journaled, NotFound};

/// A person added, and the main contact they replaced (when `--main` moved it).
#[derive(Debug, Clone)]
pub struct Added {
    pub person: Person,
    /// The customer as it is now (the in-step rule renames it after a new main contact).
    pub customer: Customer,
    /// The customer's name before the person was added.
    pub named_before: String,
    /// Who was main before and no longer is.
    pub main_before: Option<Person>,
}

impl Undoable for Added {
    fn journaled(&self) -> Option<Journaled> {
        let change = Change::PersonAdded {
            person: self.person.clone(),
            main_before: self.main_before.as_ref().map(|p| p.id),
        };
        Some(entry(
            format!("added {} to {}", self.person.name, self.named_before),
            &change,
        ))
    }
}

/// A person as an edit or a mark as left left them, and how to take it back.
#[derive(Debug, Clone)]
pub struct Changed {
    pub person: Person,
    /// `None` when nothing was written.
    pub change: Option<Change>,
}

impl Undoable for Changed {
    fn journaled(&self) -> Option<Journaled> {
        let change = self.change.as_ref()?;
        let name = &self.person.name;
        let said = match change {
            Change::PersonLeft { .. } => format!("marked {name} as left"),
            Change::MainPersonSet { .. } => format!("made {name} the main contact"),
            _ => format!("edited {name}"),
        };
        Some(entry(said, change))
    }
}

fn main_of(store: &dyn Book, customer_id: i64) -> anyhow::Result<Option<Person>> {
    Ok(store.people_of(customer_id)?.into_iter().find(|p| p.main))
}

/// The person `id`, or `NotFound` (the front ends say where the ids are listed).
pub fn require(store: &dyn Book, id: i64) -> anyhow::Result<Person> {
    store
        .person(id)?
        .ok_or_else(|| NotFound::new("person", id).into())
}

/// Adds `new` to the customer `who` names.
pub fn add(store: &mut dyn Book, who: Who<'_>, new: &NewPerson, now: &Now) -> anyhow::Result<Added> {
    new.check()?;
    let customer = find_including_archived(store, who, Shelf::Active)?;
    let before = main_of(store, customer.id)?;
    let person = store.add_person(customer.id, new, now.utc)?;
    let main_before = before.filter(|b| person.main && b.id != person.id);
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
pub fn edit(store: &mut dyn Book, id: i64, patch: &PersonPatch, now: &Now) -> anyhow::Result<Changed> {
    patch.check()?;
    let before = require(store, id)?;
    let after = store.update_person(id, patch, now.utc)?;
    let change = (after != before).then(|| Change::PersonEdited {
        before,
        after: after.clone(),
    });
    Ok(Changed {
        person: after,
        change,
    })
}

/// Makes person `id` the main contact; `change` is `None` when they already were.
pub fn make_main(store: &mut dyn Book, id: i64, now: &Now) -> anyhow::Result<Changed> {
    let person = require(store, id)?;
    let before = main_of(store, person.customer_id)?.map(|p| p.id);
    let changed = store.set_main_person(id, now.utc)?;
    let person = require(store, id)?;
    let change = changed.then(|| Change::MainPersonSet {
        id,
        name: person.name.clone(),
        before,
    });
    Ok(Changed { person, change })
}

/// The day a person left, as typed (`yesterday`, `2026-10-01`…; today when not said).
pub fn left_on(typed: Option<&str>, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    match typed.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today),
        Some(t) => Ok(parse_day(t, today, Facing::Back)?),
    }
}

/// Records that person `id` left on the day `on` names, to `to`.
pub fn mark_left(
    store: &mut dyn Book,
    id: i64,
    on: Option<&str>,
    to: &str,
    now: &Now,
) -> anyhow::Result<Changed> {
    let day = left_on(on, now.today())?;
    require(store, id)?;
    let person = store.mark_left(id, day, to, now.utc)?;
    let change = Some(Change::PersonLeft {
        person: person.clone(),
    });
    Ok(Changed { person, change })
}

/// The customer `who` names and its people, in `people_of`'s order.
pub fn list(store: &dyn Book, who: Who<'_>) -> anyhow::Result<(Customer, Vec<Person>)> {
    let customer = find_including_archived(store, who, Shelf::Active)?;
    let people = store.people_of(customer.id)?;
    Ok((customer, people))
}

/// The person at customer `customer_id` that `typed` names, as the quick-log line finds
/// them (`domain::whom::pick`): the whole name, the first name, or the start of each word
/// of the name, ignoring case and accents; among equals those still there win over those
/// who left. No one or several is refused with the people listed.
pub fn resolve_person(store: &dyn Book, customer_id: i64, typed: &str) -> anyhow::Result<Person> {
    let customer = store.require_customer(customer_id)?;
    let people = store.people_of(customer_id)?;
    let account = whom::account(&customer);
    match whom::pick(&people, typed) {
        Whom::One(person) => Ok(person.clone()),
        Whom::NoOne => Err(Refused::Whom(whom::no_one(typed.trim(), account, &people)).into()),
        Whom::Several(found) => Err(Refused::Whom(whom::several(typed.trim(), account, &found)).into()),
    }
}
