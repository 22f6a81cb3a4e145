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
use crate::domain::words;
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

/// A name typed for a person at a customer that names no one there, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNotFound {
    /// `people`: everyone at the customer, as "Anna de Boer, Jan Smit".
    #[error("no one called '{typed}' at {at} — {people}")]
    NoOne {
        typed: String,
        at: String,
        people: String,
    },
    #[error("no one called '{typed}' at {at}: it has no people yet — add one with `touchbase person add`")]
    NoPeople { typed: String, at: String },
    /// `matches`: the people the name fits, as "Jan Smit, Jan de Vries".
    #[error("'{typed}' could be {matches} at {at} — type more of the name")]
    Several {
        typed: String,
        at: String,
        matches: String,
    },
}

/// Whether a name's folded words fit what was typed: (typed key, typed words, name's words).
type NameRule = fn(&str, &[String], &[String]) -> bool;

/// The person at customer `customer_id` that `typed` names: their whole name, their
/// first name, or the start of each word of their name ("an", "anna de b"), ignoring
/// case and accents ("kuhne" is Kühne). A whole name wins over a first name, a first name
/// over a start; among equals those still there win over those who left. Several
/// left is `PersonNotFound::Several`, none `NoOne` (listing who is there).
pub fn resolve_person(store: &dyn Book, customer_id: i64, typed: &str) -> anyhow::Result<Person> {
    let customer = store.require_customer(customer_id)?;
    let people = store.people_of(customer_id)?;
    let typed_words = words::words(typed);
    let key = typed_words.join(" ");
    let not_found = |matches: &[&Person]| -> PersonNotFound {
        let names = |list: &[&Person]| {
            list.iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (typed, at) = (typed.trim().to_string(), customer.name.clone());
        if people.is_empty() {
            return PersonNotFound::NoPeople { typed, at };
        }
        if matches.is_empty() {
            let all: Vec<&Person> = people.iter().collect();
            return PersonNotFound::NoOne {
                typed,
                at,
                people: names(&all),
            };
        }
        PersonNotFound::Several {
            typed,
            at,
            matches: names(matches),
        }
    };
    let refuse_as = |matches: &[&Person]| -> anyhow::Error { Refused::from(not_found(matches)).into() };
    if key.is_empty() {
        return Err(refuse_as(&[]));
    }
    let rules: [NameRule; 3] = [
        |key, _, name| name.join(" ") == key,
        |key, _, name| name.first().is_some_and(|first| first == key),
        |_, typed, name| words::matches(typed, name),
    ];
    for rule in rules {
        let fits: Vec<&Person> = people
            .iter()
            .filter(|p| rule(&key, &typed_words, &words::words(&p.name)))
            .collect();
        let there: Vec<&Person> = fits.iter().copied().filter(|p| p.left.is_none()).collect();
        let pick = if there.is_empty() { &fits } else { &there };
        match pick.as_slice() {
            [] => {}
            [one] => return Ok((*one).clone()),
            several => return Err(refuse_as(several)),
        }
    }
    Err(refuse_as(&[]))
}
