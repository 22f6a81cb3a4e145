//! The people use cases, once for both front ends: adding a person to a customer, editing
//! one, choosing the main contact, marking one as left, listing a customer's people,
//! finding one of them by what was typed of their name (`resolve_person`). The
//! rules are the domain's (`domain::person`), the in-step rule the store's. Each write
//! leaves a `Change`, so it goes on the undo journal (`undo::journaled`).

use anyhow::anyhow;
use chrono::NaiveDate;

use super::customers::{Shelf, Who, find_including_archived};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::company::company_key;
use crate::domain::person::{Left, NewPerson, Person, PersonPatch};
use crate::domain::trigger::Trigger;
use crate::domain::when::{Facing, parse_day};
use crate::domain::whom::{self, Whom};
use crate::domain::{Customer, Tags};
use crate::store::{Book, Change, CustomerFields, Followed, Journaled, NewCustomer, NotFound};

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

/// The day a person left, as typed (`yesterday`, `2026-10-01`…; today when not said):
/// never a day still to come ([`Left::check_day`]).
pub fn left_on(typed: Option<&str>, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    let day = match typed.map(str::trim).filter(|t| !t.is_empty()) {
        None => today,
        Some(t) => parse_day(t, today, Facing::Back)?,
    };
    Left::check_day(day, today)?;
    Ok(day)
}

pub use crate::domain::person::left_note;

/// What `mark_left` can do with where someone went: follow them there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Only record where they went (and say what could be done).
    No,
    /// Make the company a new prospect with them as its first person, or add them to the
    /// account of that company there is.
    Yes,
}

/// Where a person who left could go, or went: a new prospect account, or the account of
/// that company already in the book.
#[derive(Debug, Clone)]
pub enum Destination {
    /// No account of that company yet: it would be (or was) made, tagged `prospect`.
    New { company: String },
    /// An account of that company is there: they would be (or were) added to it.
    Existing { customer: Box<Customer> },
}

/// A person marked as left: the mark, the trigger it opened, and where they went.
#[derive(Debug, Clone)]
pub struct MarkedLeft {
    pub person: Person,
    /// The account they left.
    pub customer: Customer,
    /// The trigger the mark opened; `None` when only followed.
    pub trigger: Option<Trigger>,
    /// Where they went, when `--to` said; `None` otherwise.
    pub destination: Option<Destination>,
    /// With `Follow::Yes`: the account they are at now and the copy of them there.
    pub followed: Option<(Customer, Person)>,
    followed_change: Option<Followed>,
    /// `false` when they had left already and were only followed (`--follow` after the
    /// mark): no new mark, no new trigger (`trigger` is the one the mark opened, if any).
    pub marked: bool,
}

impl Undoable for MarkedLeft {
    fn journaled(&self) -> Option<Journaled> {
        let name = &self.person.name;
        let said = match &self.followed {
            Some((to, _)) => format!("marked {name} as left for {}", to.name),
            None => format!("marked {name} as left"),
        };
        let change = if self.marked {
            Change::PersonLeft {
                person: self.person.clone(),
                trigger: self.trigger.clone(),
                followed: self.followed_change.clone(),
            }
        } else {
            match self.followed_change.clone()? {
                Followed::NewAccount { id, added } => Change::CustomerAdded { id, added },
                Followed::Joined { person } => Change::PersonAdded {
                    person,
                    main_before: None,
                },
            }
        };
        let said = if self.marked {
            said
        } else {
            format!("followed {name} to {}", self.followed.as_ref()?.0.name)
        };
        Some(entry(said, &change))
    }
}

/// The account of company `to` (its name or company, by `company_key`: in any case,
/// with or without punctuation and legal form), if the book has one other than `not`.
pub fn account_of(store: &dyn Book, to: &str, not: i64) -> anyhow::Result<Option<Customer>> {
    let to = to.trim();
    if to.is_empty() {
        return Ok(None);
    }
    let named = store.customers_named(to, 20)?;
    let key = company_key(to);
    let same = |c: &&Customer| c.id != not && (company_key(&c.company) == key || company_key(&c.name) == key);
    Ok(named.exact.iter().chain(&named.by_words).find(same).cloned())
}

/// The person as they would be at the next company: name, role, notes, e-mail addresses
/// and phone numbers.
fn copy_of(p: &Person) -> NewPerson {
    NewPerson {
        name: p.name.clone(),
        role: p.role.clone(),
        notes: p.notes.clone(),
        emails: p.emails.clone(),
        phones: p.phones.clone(),
        main: false,
    }
}

/// Records that person `id` left on the day `on` names, to `to`, and opens the
/// situational trigger of their leaving on the account ([`left_note`]), in the one action.
/// With `Follow::Yes` (which needs a `to`), the relationship moves with them: the company
/// they went to becomes a new account tagged `prospect` with a copy of them as its main
/// person, or, when the book has an account of that company, the copy is added there.
/// Someone who left already can be followed this way afterwards (`to` defaults to where
/// the mark says they went); marking them left twice is refused (`NotOpen::PersonLeft`).
pub fn mark_left(
    store: &mut dyn Book,
    id: i64,
    on: Option<&str>,
    to: &str,
    follow: Follow,
    now: &Now,
) -> anyhow::Result<MarkedLeft> {
    let day = left_on(on, now.today())?;
    let to = to.trim();
    let before = require(store, id)?;
    // Following someone who left already: to where the mark says, unless told otherwise.
    let again = before.left.is_some() && follow == Follow::Yes;
    let to = match &before.left {
        Some(left) if again && to.is_empty() => left.to.trim(),
        _ => to,
    };
    if follow == Follow::Yes && to.is_empty() {
        return Err(anyhow!(
            "to follow {} you need to say where they went: add --to COMPANY (like --to Globex)",
            before.name
        ));
    }
    let destination = if to.is_empty() {
        None
    } else {
        Some(match account_of(store, to, before.customer_id)? {
            Some(customer) => Destination::Existing {
                customer: Box::new(customer),
            },
            None => Destination::New {
                company: to.to_string(),
            },
        })
    };
    let (person, trigger) = if again {
        (before, None)
    } else {
        let person = store.mark_left(id, day, to, now.utc)?;
        let trigger = store.add_leaver_trigger(id, &left_note(&person.name), now.utc)?;
        (person, Some(trigger))
    };
    let customer = store.require_customer(person.customer_id)?;
    let (followed, followed_change) = match (&destination, follow) {
        (Some(Destination::New { company }), Follow::Yes) => {
            let new = NewCustomer {
                name: company.clone(),
                company: company.clone(),
                email: String::new(),
                phone: String::new(),
                tags: Tags::new(["prospect"])?,
                cadence: None,
                notes: String::new(),
            };
            let (account, copy) = store.add_customer_with_main(&new, &copy_of(&person), now.utc)?;
            let change = Followed::NewAccount {
                id: account.id,
                added: CustomerFields::of(&account),
            };
            (Some((account, copy)), Some(change))
        }
        (Some(Destination::Existing { customer }), Follow::Yes) => {
            let copy = store.add_person(customer.id, &copy_of(&person), now.utc)?;
            let account = store.require_customer(customer.id)?;
            let change = Followed::Joined { person: copy.clone() };
            (Some((account, copy)), Some(change))
        }
        _ => (None, None),
    };
    Ok(MarkedLeft {
        person,
        customer,
        trigger,
        destination,
        followed,
        followed_change,
        marked: !again,
    })
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
