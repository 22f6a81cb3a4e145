//! Importing customers: every record (a person at an account) matched against the book
//! and the records before it, then added as a new account, added as a person to an
//! account already there, merged into a person there, or left alone, all in one bulk
//! write of the store, or none for a dry run. The matching rules are `import::merge`'s;
//! the store only writes, and this knows no SQL and no file format.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::person::{Detail, DetailKind, NewPerson, Person};
use crate::domain::{Customer, Kind, words};
use crate::import::ImportedCustomer;
use crate::import::merge::{self, Fill, Found, Matcher};
use crate::store::{Book, Bulk, CustomerPatch, NewCustomer, PersonFill};

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Accounts added, each with its first person.
    pub added: usize,
    /// People added to accounts already there.
    pub people_added: usize,
    /// The first few of them: who joined which account.
    pub joined: Vec<Joined>,
    pub updated: usize,
    pub unchanged: usize,
    /// Last contacts recorded as contacts, for new and matched customers.
    pub contacts: usize,
    /// The first few updates: who, and what changed.
    pub updates: Vec<(String, String)>,
    /// Records added beside someone they look like, in file order.
    pub likely_duplicates: Vec<LikelyDuplicate>,
}

/// A record the import adds (it matches nobody by the import's rule) that looks like a
/// customer already in the book or a record before it: the same e-mail address, or the
/// same name and company, ignoring case and accents (`domain::words`). `touchbase merge`
/// makes them one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikelyDuplicate {
    /// Where the record is in the file: "row 3 (line 4)".
    pub at: String,
    pub name: String,
    /// Who it looks like: "Thomas Kühne (id 2)", "Thomas Kuhne (row 2 (line 3))".
    pub like: String,
    /// "the same e-mail address" or "the same name and company".
    pub why: &'static str,
}

/// Who is in the book and the file so far, by the folded keys a likely duplicate shares.
#[derive(Default)]
struct Likeness {
    by_email: HashMap<String, String>,
    by_name: HashMap<(String, String), String>,
}

impl Likeness {
    fn remember(&mut self, who: &str, name: &str, company: &str, email: &str) {
        let email = words::fold(email.trim());
        if !email.is_empty() {
            self.by_email.entry(email).or_insert_with(|| who.to_string());
        }
        self.by_name
            .entry((words::key(name), words::key(company)))
            .or_insert_with(|| who.to_string());
    }

    fn like(&self, r: &ImportedCustomer) -> Option<(String, &'static str)> {
        let email = words::fold(r.email.trim());
        if let Some(who) = self.by_email.get(&email).filter(|_| !email.is_empty()) {
            return Some((who.clone(), "the same e-mail address"));
        }
        let who = self.by_name.get(&(words::key(&r.name), words::key(&r.company)))?;
        Some((who.clone(), "the same name and company"))
    }
}

/// How many updates and joins a report names.
const NAMED_UPDATES: usize = 10;

/// A person added to an account already there (in the book, or added by an earlier
/// record of the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// Where the record is in the file: "row 3 (line 4)".
    pub at: String,
    pub person: String,
    /// The account: "Acme BV (id 2)", or "Acme BV (row 1 (line 2))" for one this import adds.
    pub account: String,
}

/// Imports `records` in one transaction: each one is matched against the book (and the
/// records before it), then added, merged or left alone. With `dry_run` everything is
/// worked out the same way and then rolled back. `progress` hears how many records are
/// done, now and then.
pub fn run(
    book: &mut dyn Book,
    records: &[ImportedCustomer],
    source: &str,
    now: DateTime<Utc>,
    dry_run: bool,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<ImportReport> {
    let note = format!("last contact, imported from {source}");
    let mut bulk = book.bulk()?;
    let (mut matcher, mut likeness, mut accounts) = matcher(&*bulk)?;
    let mut report = ImportReport::default();
    // The account the record before matched, as read then, while nothing was written to
    // it since: the people of one account come one after another, and adding a person
    // (`join`) changes nothing of the account's own.
    let mut last: Option<Customer> = None;
    for (i, r) in records.iter().enumerate() {
        if i % 1000 == 0 {
            progress(i);
        }
        let (id, person) = match matcher.find(r) {
            Found::Nobody => {
                add_account(
                    &mut *bulk,
                    r,
                    now,
                    &note,
                    &mut report,
                    &mut likeness,
                    &mut matcher,
                    &mut accounts,
                )?;
                continue;
            }
            Found::Account(id) => (id, None),
            Found::Person { customer, person } => (customer, Some(person)),
        };
        let existing = match last.take() {
            Some(c) if c.id == id => c,
            _ => existing(&*bulk, id)?,
        };
        let mut changed = Vec::new();
        let mut who = r.name.clone();
        match person {
            None => join(
                &mut *bulk,
                id,
                r,
                now,
                &existing,
                &mut matcher,
                &mut report,
                &accounts,
            )?,
            Some(person) => {
                let p = bulk
                    .person_so_far(person)?
                    .ok_or_else(|| crate::store::NotFound::new("person", person))?;
                who.clone_from(&p.name);
                if let Some(what) = fill_in(&mut *bulk, id, &p, r, now, &mut matcher)? {
                    changed.push(what);
                }
            }
        }
        // The account's own fields; its e-mail and phone are its main person's.
        let fill = Fill {
            email: None,
            phone: None,
            ..merge::fill(&existing, r)
        };
        if fill.changes_fields() {
            let patch = CustomerPatch {
                company: fill.company.clone(),
                notes: fill.notes.clone(),
                tags: fill.tags.clone(),
                ..CustomerPatch::default()
            };
            bulk.update_customer(id, &patch, now)?;
        }
        if let Some(company) = &fill.company {
            matcher.remember_account(id, &existing.name, company, &existing.email);
        }
        if let Some(at) = fill.contact {
            bulk.interaction(id, at, Kind::Call, &note, None)?;
            report.contacts += 1;
        }
        // Nothing written to the account (a person filled in may be its main one).
        if changed.is_empty() && fill.is_empty() {
            last = Some(existing.clone());
        }
        if !fill.is_empty() {
            changed.insert(0, fill.describe());
        }
        if person.is_none() {
            continue;
        }
        if changed.is_empty() {
            report.unchanged += 1;
            continue;
        }
        report.updated += 1;
        if report.updates.len() < NAMED_UPDATES {
            if who != existing.name {
                who = format!("{who} at {}", shown(&existing));
            }
            report.updates.push((who, changed.join(", ")));
        }
    }
    progress(records.len());
    if !dry_run {
        bulk.finish()?;
    }
    // A dry run's transaction rolls back as `bulk` drops.
    Ok(report)
}

/// Adds `r` as a person at account `id` (`existing`), which it joined.
#[allow(clippy::too_many_arguments)] // the import's running state, passed as it is
fn join(
    bulk: &mut dyn Bulk,
    id: i64,
    r: &ImportedCustomer,
    now: DateTime<Utc>,
    existing: &Customer,
    matcher: &mut Matcher,
    report: &mut ImportReport,
    accounts: &HashMap<i64, String>,
) -> anyhow::Result<()> {
    let person = bulk.person(id, &new_person(r), now)?;
    if let Some(left) = &r.left {
        let fill = PersonFill {
            left: Some(left.clone()),
            ..PersonFill::default()
        };
        bulk.fill_person(person, &fill, now)?;
    }
    matcher.remember_person(id, person, &r.name);
    for e in &details(r).0 {
        matcher.remember_email(id, person, &e.value);
    }
    report.people_added += 1;
    if report.joined.len() < NAMED_UPDATES {
        report.joined.push(Joined {
            at: r.at.to_string(),
            person: r.name.clone(),
            account: accounts
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("{} (id {id})", shown(existing))),
        });
    }
    Ok(())
}

/// Fills in person `p` at account `id` from `r`; what changed, if anything.
fn fill_in(
    bulk: &mut dyn Bulk,
    id: i64,
    p: &Person,
    r: &ImportedCustomer,
    now: DateTime<Utc>,
    matcher: &mut Matcher,
) -> anyhow::Result<Option<String>> {
    let fill = person_fill(p, r);
    if fill.is_empty() {
        return Ok(None);
    }
    bulk.fill_person(p.id, &fill, now)?;
    for e in &fill.emails {
        matcher.remember_email(id, p.id, &e.value);
    }
    if p.main && p.emails.is_empty() && !fill.emails.is_empty() {
        matcher.learned_email(id);
    }
    Ok(Some(describe_person(&fill)))
}

/// How an account is named in a report: its company, else its name.
fn shown(c: &Customer) -> &str {
    if c.company.is_empty() { &c.name } else { &c.company }
}

/// The person `r` describes; a record built without its lists has its one address and
/// number (the customer's e-mail and phone must stay its main person's first ones).
fn new_person(r: &ImportedCustomer) -> NewPerson {
    let (emails, phones) = details(r);
    NewPerson {
        name: r.name.clone(),
        role: r.role.clone(),
        notes: r.person_notes.clone(),
        emails,
        phones,
        main: false,
    }
}

/// `r`'s addresses and numbers: its lists, or its one address and number.
fn details(r: &ImportedCustomer) -> (Vec<Detail>, Vec<Detail>) {
    let or_one = |list: &[Detail], one: &str| {
        if list.is_empty() && !one.is_empty() {
            vec![Detail::new(one)]
        } else {
            list.to_vec()
        }
    };
    (or_one(&r.emails, &r.email), or_one(&r.phones, &r.phone))
}

/// A new account with `r` as its main person.
#[allow(clippy::too_many_arguments)] // the import's running state, passed as it is
fn add_account(
    bulk: &mut dyn Bulk,
    r: &ImportedCustomer,
    now: DateTime<Utc>,
    note: &str,
    report: &mut ImportReport,
    likeness: &mut Likeness,
    matcher: &mut Matcher,
    accounts: &mut HashMap<i64, String>,
) -> anyhow::Result<()> {
    if let Some((like, why)) = likeness.like(r) {
        report.likely_duplicates.push(LikelyDuplicate {
            at: r.at.to_string(),
            name: r.name.clone(),
            like,
            why,
        });
    }
    likeness.remember(&format!("{} ({})", r.name, r.at), &r.name, &r.company, &r.email);
    // Named after its company (`account_name`), unless the file names the account apart
    // (our own export).
    let named = if r.account.is_empty() {
        crate::domain::company::account_name(&r.name, &r.company).to_string()
    } else {
        r.account.clone()
    };
    let (id, person) = bulk.account(
        &NewCustomer {
            name: named.clone(),
            company: r.company.clone(),
            email: r.email.clone(),
            phone: r.phone.clone(),
            tags: r.tags.clone(),
            cadence: r.cadence,
            notes: r.notes.clone(),
        },
        &new_person(r),
        now,
    )?;
    if let Some(left) = &r.left {
        let fill = PersonFill {
            left: Some(left.clone()),
            ..PersonFill::default()
        };
        bulk.fill_person(person, &fill, now)?;
    }
    matcher.remember_account(id, &named, &r.company, &r.email);
    matcher.remember_person(id, person, &r.name);
    for e in &details(r).0 {
        matcher.remember_email(id, person, &e.value);
    }
    let shown = if r.company.is_empty() { &r.name } else { &r.company };
    accounts.insert(id, format!("{shown} ({})", r.at));
    if let Some(at) = r.last_contact {
        bulk.interaction(id, at, Kind::Call, note, None)?;
        report.contacts += 1;
    }
    report.added += 1;
    Ok(())
}

/// What `r` adds to person `p`: a role and notes where theirs are empty, the addresses
/// and numbers they do not have yet, the day they left if they had not.
fn person_fill(p: &Person, r: &ImportedCustomer) -> PersonFill {
    let empty_then =
        |old: &str, new: &str| (old.trim().is_empty() && !new.trim().is_empty()).then(|| new.to_string());
    let new_details = |have: &[Detail], offered: &[Detail], kind: DetailKind| {
        offered
            .iter()
            .filter(|d| !have.iter().any(|h| kind.key(&h.value) == kind.key(&d.value)))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (emails, phones) = details(r);
    PersonFill {
        role: empty_then(&p.role, &r.role),
        notes: empty_then(&p.notes, &r.person_notes),
        emails: new_details(&p.emails, &emails, DetailKind::Email),
        phones: new_details(&p.phones, &phones, DetailKind::Phone),
        left: r.left.clone().filter(|_| p.left.is_none()),
    }
}

fn describe_person(f: &PersonFill) -> String {
    [
        ("role", f.role.is_some()),
        ("person notes", f.notes.is_some()),
        ("e-mail addresses", !f.emails.is_empty()),
        ("phone numbers", !f.phones.is_empty()),
        ("left", f.left.is_some()),
    ]
    .iter()
    .filter(|(_, on)| *on)
    .map(|(name, _)| *name)
    .collect::<Vec<_>>()
    .join(", ")
}

/// Everyone in the book (archived customers too, so an import never duplicates them), by
/// the keys imports match on and those a likely duplicate shares: one pass over the
/// customers and one over the people, instead of a lookup per record.
fn matcher(bulk: &dyn Bulk) -> anyhow::Result<(Matcher, Likeness, HashMap<i64, String>)> {
    let (mut m, mut likeness) = (Matcher::default(), Likeness::default());
    bulk.each_customer_key(&mut |id, name, company, email| {
        m.remember_account(id, name, company, email);
        likeness.remember(&format!("{name} (id {id})"), name, company, email);
    })?;
    let mut names = Vec::new();
    let mut emails = Vec::new();
    bulk.each_person_key(
        &mut |customer, person, name| names.push((customer, person, name.to_string())),
        &mut |customer, person, key| emails.push((customer, person, key.to_string())),
    )?;
    for (customer, person, name) in names {
        m.remember_person(customer, person, &name);
    }
    for (customer, person, key) in emails {
        m.remember_email(customer, person, &key);
    }
    Ok((m, likeness, HashMap::new()))
}

/// A matched customer as this import has them so far.
fn existing(bulk: &dyn Bulk, id: i64) -> anyhow::Result<Customer> {
    bulk.customer_so_far(id)?
        .ok_or_else(|| crate::store::NotFound::new("customer", id).into())
}
