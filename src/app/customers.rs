//! Customers: finding the one the user means (by id, or by name, e-mail address or phone
//! number as typed on the command line, their own or one of their people's, in the active
//! book or the archive), adding one, editing one, and the sorts the
//! book is listed in. Knows the rules for a customer's typed fields, not the form or the
//! flags they were typed in. One customer's card is `customer`'s.

use super::refused::Refused;
use crate::clock::Now;
use crate::domain::company::account_name;
use crate::domain::person::{Detail, DetailKind, NewPerson, Person};
use crate::domain::typed::CustomerText;
use crate::domain::{Cadence, Customer, Tags};
use crate::domain::{email, phone, words};
use crate::store::{Book, Change, CustomerFields, CustomerPatch, NewCustomer, NotFound, SortKey};

/// How the book is listed: `list --sort` and the customers screen's `o`, which goes
/// through them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Oldest contact first, never-contacted customers before everyone.
    #[default]
    LastContact,
    /// Most urgent first; those equally urgent by last contact.
    Urgency,
    Name,
    /// Highest lifetime value first.
    Value,
}

impl Sort {
    pub(crate) const ALL: [Sort; 4] = [Sort::LastContact, Sort::Urgency, Sort::Name, Sort::Value];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Sort::LastContact => "last contact",
            Sort::Urgency => "urgency",
            Sort::Name => "name",
            Sort::Value => "value",
        }
    }

    /// The book's index this sort reads: urgency is ranked in memory (see
    /// `urgency::Ranking`) over the book by last contact.
    pub(crate) fn key(self) -> SortKey {
        match self {
            Sort::Name => SortKey::Name,
            Sort::Value => SortKey::Value,
            Sort::LastContact | Sort::Urgency => SortKey::LastContact,
        }
    }

    /// The sort after this one, back to the first after the last.
    #[must_use]
    pub(crate) fn next(self) -> Sort {
        match self {
            Sort::LastContact => Sort::Urgency,
            Sort::Urgency => Sort::Name,
            Sort::Name => Sort::Value,
            Sort::Value => Sort::LastContact,
        }
    }
}

/// How many candidates an ambiguous name lists.
const CANDIDATES: usize = 10;

/// The customer an action is for: picked on a screen (by id), or typed (an id, a name, or
/// the start of any words of the name or company; or of one of their people, or a
/// person's e-mail address or phone number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who<'a> {
    Id(i64),
    Typed(&'a str),
}

/// The one customer `who` names: an id, or a name as `named` finds it. A name is looked
/// for among active customers only.
pub fn find(store: &dyn Book, who: Who<'_>) -> anyhow::Result<Customer> {
    find_on(store, who, &[Shelf::Active])
}

/// The one customer `who` names, active or archived: a name is looked for on the `first`
/// shelf, then, if nobody there has it, on the other. Archiving, bringing back and `show`
/// look in the archive too, so that an archived customer can be named.
pub fn find_including_archived(store: &dyn Book, who: Who<'_>, first: Shelf) -> anyhow::Result<Customer> {
    find_on(store, who, &[first, first.other()])
}

/// Where a name is looked for: the active book or the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    Active,
    Archived,
}

impl Shelf {
    fn other(self) -> Shelf {
        match self {
            Shelf::Active => Shelf::Archived,
            Shelf::Archived => Shelf::Active,
        }
    }
}

fn find_on(store: &dyn Book, who: Who<'_>, shelves: &[Shelf]) -> anyhow::Result<Customer> {
    let typed = match who {
        Who::Id(id) => return store.require_customer(id),
        Who::Typed(typed) => typed.trim(),
    };
    if typed.is_empty() {
        return Err(Refused::NoCustomerGiven.into());
    }
    // A number is an id, unless it reads as a phone number and either starts as no id
    // does (`+`, `0`) or is the id of no one.
    let phone = phone::is_lookup(typed);
    if let Ok(id) = typed.parse::<i64>()
        && !(phone && typed.starts_with(['+', '0']))
    {
        match store.customer(id)? {
            Some(found) => return Ok(found),
            None if !phone => return Err(NotFound::new("customer", id).into()),
            None => {}
        }
    }
    for shelf in shelves {
        if let Some(found) = by_detail(store, typed, phone, *shelf)? {
            return Ok(found);
        }
        if let Some(found) = named(store, typed, *shelf)? {
            return Ok(found);
        }
    }
    Err(Refused::NoSuchCustomer(typed.to_string()).into())
}

/// The one customer on `shelf` one of whose people has `typed` as an e-mail address (it
/// has an `@`; compared ignoring case) or as a phone number (`phone`: compared by
/// `phone::key`, so "06 1234 5678" finds "+31 6 12345678"); `None` when it is neither or
/// nobody there has it. A customer's own e-mail and phone are their main person's (the
/// in-step rule), so they are found this way too.
fn by_detail(store: &dyn Book, typed: &str, phone: bool, shelf: Shelf) -> anyhow::Result<Option<Customer>> {
    let Some(kind) = detail_kind(typed, phone) else {
        return Ok(None);
    };
    let key = kind.key(typed);
    let mut found: Vec<(Customer, String)> = Vec::new();
    for (person, customer_id) in store.people_by_detail(kind, &key)? {
        if found.iter().any(|(c, _)| c.id == customer_id) {
            continue;
        }
        match store.customer(customer_id)? {
            Some(c) if c.archived == (shelf == Shelf::Archived) => found.push((c, via(&person))),
            _ => {}
        }
    }
    one_of(typed, found, false)
}

/// The person at `c` that `typed`, the CUSTOMER argument that found `c`, names when it
/// names one of its people rather than the account: their e-mail address, their phone
/// number or words of their name (not of the account's). `log jan "call: …"` is a
/// contact with Jan. `None` for an id, the account's own name, or more than one person.
pub(crate) fn person_meant(store: &dyn Book, c: &Customer, typed: &str) -> anyhow::Result<Option<Person>> {
    let typed = typed.trim();
    let phone = phone::is_lookup(typed);
    if typed.parse::<i64>().is_ok() && !phone {
        return Ok(None);
    }
    let kind = detail_kind(typed, phone);
    let typed_words = words::words(typed);
    if kind.is_none()
        && words::matches(
            &typed_words,
            &words::customer_words([c.name.as_str(), c.company.as_str()]),
        )
    {
        return Ok(None);
    }
    let mut people = store.people_of(c.id)?;
    people.retain(|p| match kind {
        Some(kind) => {
            let key = kind.key(typed);
            let details = if kind == DetailKind::Phone {
                &p.phones
            } else {
                &p.emails
            };
            details.iter().any(|d| kind.key(&d.value) == key)
        }
        None => words::matches(&typed_words, &words::words(&p.name)),
    });
    Ok(if people.len() == 1 { people.pop() } else { None })
}

/// What a CUSTOMER argument is when it is a detail: a phone number (`phone`, as
/// `phone::is_lookup` read it), else an e-mail address (it has an `@`), else neither.
fn detail_kind(typed: &str, phone: bool) -> Option<DetailKind> {
    if phone {
        Some(DetailKind::Phone)
    } else if typed.contains('@') {
        Some(DetailKind::Email)
    } else {
        None
    }
}

/// How a candidate's person is named when they are why it matched.
fn via(p: &Person) -> String {
    if p.left.is_some() {
        format!("{}, left", p.name)
    } else {
        p.name.clone()
    }
}

/// The one of `found`, `None` when empty, or the refusal listing them; `more` when more
/// match than `found` holds.
fn one_of(typed: &str, mut found: Vec<(Customer, String)>, more: bool) -> anyhow::Result<Option<Customer>> {
    if found.len() <= 1 {
        return Ok(found.pop().map(|(c, _)| c));
    }
    Err(Refused::Ambiguous {
        typed: typed.to_string(),
        more: more || found.len() > CANDIDATES,
        candidates: found
            .into_iter()
            .take(CANDIDATES)
            .map(|(c, via)| (c.id, c.name, c.company, via))
            .collect(),
    }
    .into())
}

/// The person of `c` that `typed` names, for a candidate list, when the customer's own
/// name and company do not: empty when they do or no one does (a former name matched).
fn person_named(store: &dyn Book, c: &Customer, typed: &[String]) -> anyhow::Result<String> {
    if words::matches(
        typed,
        &words::customer_words([c.name.as_str(), c.company.as_str()]),
    ) {
        return Ok(String::new());
    }
    Ok(store
        .people_of(c.id)?
        .iter()
        .find(|p| words::matches(typed, &words::words(&p.name)))
        .map(via)
        .unwrap_or_default())
}

/// The one customer on `shelf` that `typed` names, or `None` when nobody there matches.
/// The surest match wins: a name that is `typed` (ignoring case and accents), then a name
/// that starts with it, then a customer each typed word starts a word of (of the name,
/// the company, a name they had before a merge: `kuhne` finds Thomas Kühne). A person's
/// name counts as their account's own, at each level: `anna` finds Acme BV through Anna
/// de Boer, those who left too. More than one at the surest level that has any is
/// ambiguous, the list saying which person matched.
fn named(store: &dyn Book, typed: &str, shelf: Shelf) -> anyhow::Result<Option<Customer>> {
    let found = match shelf {
        Shelf::Active => store.customers_named(typed, CANDIDATES + 1)?,
        Shelf::Archived => store.archived_customers_named(typed, CANDIDATES + 1)?,
    };
    for mut tier in [found.exact, found.starting, found.by_words] {
        match tier.len() {
            0 => {}
            1 => return Ok(tier.pop()),
            n => {
                let typed_words = words::words(typed);
                let mut candidates = Vec::with_capacity(CANDIDATES);
                for c in tier.into_iter().take(CANDIDATES) {
                    let via = person_named(store, &c, &typed_words)?;
                    candidates.push((c, via));
                }
                return one_of(typed, candidates, n > CANDIDATES);
            }
        }
    }
    Ok(None)
}

/// A customer's fields as the user typed them.
#[derive(Debug, Clone, Default)]
pub(crate) struct CustomerInput {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    /// Blank: the default cadence for a new customer, the one they have for an edit.
    pub cadence: String,
    /// One tag each.
    pub tags: Vec<String>,
    /// `None`: none for a new customer, the ones they have for an edit.
    pub notes: Option<String>,
}

/// A customer as an add or an edit left them, and how to take it back.
#[derive(Debug, Clone)]
pub(crate) struct Saved {
    pub customer: Customer,
    pub change: Change,
    /// An account added named after its company: who its main contact is ("Anna de Boer").
    pub main_contact: Option<String>,
}

impl Saved {
    /// " with Anna de Boer as its main contact" for an account added named after its
    /// company, else "": what "Added …" says after the account's name, in both front ends.
    pub(crate) fn with_main_contact(&self) -> String {
        self.main_contact
            .as_ref()
            .map(|person| {
                format!(
                    " with {} as its main contact",
                    crate::domain::text::sanitize(person)
                )
            })
            .unwrap_or_default()
    }
}

impl super::undo::Undoable for Saved {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let name = &self.customer.name;
        let said = match &self.change {
            Change::CustomerAdded { .. } => format!("added {name}"),
            Change::CustomerEdited { .. } => format!("edited {name}"),
            _ => format!("changed {name}"),
        };
        Some(super::undo::entry(said, &self.change))
    }
}

/// Adds the account `input` names: with a company that is not its name, the account is
/// named after the company and the name is its first person's (`account_name`); a
/// second account of a company already there is refused (add the person to it instead).
pub(crate) fn add(store: &mut dyn Book, now: Now, input: &CustomerInput) -> anyhow::Result<Saved> {
    let checked = check(input)?;
    let account = account_name(checked.name, checked.company);
    let new = NewCustomer {
        name: account.to_string(),
        company: checked.company.to_string(),
        email: checked.email.to_string(),
        phone: checked.phone.to_string(),
        tags: checked.tags,
        cadence: checked.cadence,
        notes: input.notes.clone().unwrap_or_default(),
    };
    let main_contact = (account != checked.name).then(|| checked.name.to_string());
    let customer = if main_contact.is_none() {
        store.add_customer(&new, now.utc)?
    } else {
        if let Some(there) = super::people::account_of(store, checked.company, 0)? {
            return Err(Refused::AccountThere {
                name: checked.name.to_string(),
                company: checked.company.to_string(),
                account: there.name,
                id: there.id,
            }
            .into());
        }
        let main = NewPerson {
            name: checked.name.to_string(),
            emails: vec![Detail::new(checked.email)],
            phones: vec![Detail::new(checked.phone)],
            main: true,
            ..NewPerson::default()
        };
        store.add_customer_with_main(&new, &main, now.utc)?.0
    };
    let change = Change::CustomerAdded {
        id: customer.id,
        added: CustomerFields::of(&customer),
    };
    Ok(Saved {
        customer,
        change,
        main_contact,
    })
}

/// Writes every typed field of `before` (as the user saw it when they started editing).
pub(crate) fn edit(
    store: &mut dyn Book,
    now: Now,
    before: &Customer,
    input: &CustomerInput,
) -> anyhow::Result<Saved> {
    let checked = check(input)?;
    let patch = CustomerPatch {
        name: Some(checked.name.to_string()),
        company: Some(checked.company.to_string()),
        email: Some(checked.email.to_string()),
        phone: Some(checked.phone.to_string()),
        tags: Some(checked.tags),
        cadence: checked.cadence,
        notes: input.notes.clone(),
    };
    let customer = store.update_customer(before.id, &patch, now.utc)?;
    let change = Change::customer_edited(before, &patch, &customer);
    Ok(Saved {
        customer,
        change,
        main_contact: None,
    })
}

/// Some of a customer's fields as the user typed them; `None` leaves a field as it is.
/// `tags` are words; an empty list clears them.
#[derive(Debug, Clone, Default)]
pub(crate) struct CustomerChanges {
    pub name: Option<String>,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub cadence: Option<String>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
}

/// Writes the fields `changes` holds, checked as a whole edit would check them, and
/// nothing else: `edit customer` on the command line.
pub(crate) fn change(
    store: &mut dyn Book,
    now: Now,
    who: Who<'_>,
    changes: &CustomerChanges,
) -> anyhow::Result<Saved> {
    let c = changes;
    let given = [
        c.name.is_some(),
        c.company.is_some(),
        c.email.is_some(),
        c.phone.is_some(),
        c.cadence.is_some(),
        c.tags.is_some(),
        c.notes.is_some(),
    ];
    if !given.contains(&true) {
        return Err(Refused::NothingToChange(
            "customer's name, company, e-mail, phone, tags, cadence or notes",
        )
        .into());
    }
    let before = find_including_archived(store, who, Shelf::Active)?;
    let or = |typed: &Option<String>, had: &str| typed.clone().unwrap_or_else(|| had.to_string());
    let input = CustomerInput {
        name: or(&c.name, &before.name),
        company: or(&c.company, &before.company),
        email: or(&c.email, &before.email),
        phone: or(&c.phone, &before.phone),
        cadence: or(&c.cadence, &before.cadence.to_string()),
        tags: c.tags.clone().unwrap_or_else(|| before.tags.as_slice().to_vec()),
        notes: Some(or(&c.notes, &before.notes)),
    };
    let checked = check(&input)?;
    let patch = CustomerPatch {
        name: c.name.as_ref().map(|_| checked.name.to_string()),
        company: c.company.as_ref().map(|_| checked.company.to_string()),
        email: c.email.as_ref().map(|_| checked.email.to_string()),
        phone: c.phone.as_ref().map(|_| checked.phone.to_string()),
        tags: c.tags.as_ref().map(|_| checked.tags.clone()),
        cadence: c.cadence.as_ref().and(checked.cadence),
        notes: c.notes.clone(),
    };
    let customer = store.update_customer(before.id, &patch, now.utc)?;
    let change = Change::customer_edited(&before, &patch, &customer);
    Ok(Saved {
        customer,
        change,
        main_contact: None,
    })
}

/// The typed fields, trimmed and read.
struct Checked<'a> {
    name: &'a str,
    company: &'a str,
    email: &'a str,
    phone: &'a str,
    cadence: Option<Cadence>,
    tags: Tags,
}

fn check(input: &CustomerInput) -> Result<Checked<'_>, Refused> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Refused::NoName);
    }
    let (company, email, phone) = (input.company.trim(), input.email.trim(), input.phone.trim());
    let cadence = input.cadence.trim();
    CustomerText {
        name,
        company,
        email,
        phone,
        cadence,
        notes: input.notes.as_deref().unwrap_or_default(),
    }
    .check()?;
    if !email.is_empty() {
        email::check(email)?;
    }
    // The main contact's number, as every person's is checked.
    if !phone.is_empty() {
        phone::check(phone)?;
    }
    let cadence = match cadence {
        "" => None,
        typed => Some(typed.parse::<Cadence>()?),
    };
    Ok(Checked {
        name,
        company,
        email,
        phone,
        cadence,
        tags: Tags::new(&input.tags)?,
    })
}
