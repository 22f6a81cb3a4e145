//! Importing customers: every record matched against the book (and the records before
//! it), then added, merged or left alone, all in one bulk write of the store, or none for
//! a dry run. The matching rules are `import::merge`'s; the store only writes, and this
//! knows no SQL and no file format.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::{Customer, Kind, words};
use crate::import::ImportedCustomer;
use crate::import::merge::{self, Matcher};
use crate::store::{Book, Bulk, CustomerPatch, NewCustomer};

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
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

/// How many updates a report names.
const NAMED_UPDATES: usize = 10;

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
    let (mut matcher, mut likeness) = matcher(&*bulk)?;
    let mut report = ImportReport::default();
    for (i, r) in records.iter().enumerate() {
        if i % 1000 == 0 {
            progress(i);
        }
        let Some(id) = matcher.find(r) else {
            if let Some((like, why)) = likeness.like(r) {
                report.likely_duplicates.push(LikelyDuplicate {
                    at: r.at.to_string(),
                    name: r.name.clone(),
                    like,
                    why,
                });
            }
            likeness.remember(&format!("{} ({})", r.name, r.at), &r.name, &r.company, &r.email);
            let id = bulk.customer(
                &NewCustomer {
                    name: r.name.clone(),
                    company: r.company.clone(),
                    email: r.email.clone(),
                    phone: r.phone.clone(),
                    tags: r.tags.clone(),
                    cadence: r.cadence,
                    notes: r.notes.clone(),
                },
                now,
            )?;
            matcher.remember(id, &r.name, &r.company, &r.email);
            if let Some(at) = r.last_contact {
                bulk.interaction(id, at, Kind::Call, &note, None)?;
                report.contacts += 1;
            }
            report.added += 1;
            continue;
        };
        let existing = existing(&*bulk, id)?;
        let fill = merge::fill(&existing, r);
        if fill.is_empty() {
            report.unchanged += 1;
            continue;
        }
        if fill.changes_fields() {
            let patch = CustomerPatch {
                company: fill.company.clone(),
                email: fill.email.clone(),
                phone: fill.phone.clone(),
                notes: fill.notes.clone(),
                tags: fill.tags.clone(),
                ..CustomerPatch::default()
            };
            bulk.update_customer(id, &patch, now)?;
        }
        if let Some(email) = &fill.email {
            matcher.learned_email(id, &existing.name, &existing.company, email);
        }
        if let Some(company) = &fill.company {
            matcher.remember(
                id,
                &existing.name,
                company,
                fill.email.as_deref().unwrap_or(&existing.email),
            );
        }
        if let Some(at) = fill.contact {
            bulk.interaction(id, at, Kind::Call, &note, None)?;
            report.contacts += 1;
        }
        report.updated += 1;
        if report.updates.len() < NAMED_UPDATES {
            report.updates.push((existing.name, fill.describe()));
        }
    }
    progress(records.len());
    if !dry_run {
        bulk.finish()?;
    }
    // A dry run's transaction rolls back as `bulk` drops.
    Ok(report)
}

/// Everyone in the book (archived customers too, so an import never duplicates them), by
/// the keys imports match on and those a likely duplicate shares: one pass, instead of a
/// lookup per record.
fn matcher(bulk: &dyn Bulk) -> anyhow::Result<(Matcher, Likeness)> {
    let (mut m, mut likeness) = (Matcher::default(), Likeness::default());
    bulk.each_customer_key(&mut |id, name, company, email| {
        m.remember(id, name, company, email);
        likeness.remember(&format!("{name} (id {id})"), name, company, email);
    })?;
    Ok((m, likeness))
}

/// A matched customer as this import has them so far.
fn existing(bulk: &dyn Bulk, id: i64) -> anyhow::Result<Customer> {
    bulk.customer_so_far(id)?
        .ok_or_else(|| crate::store::NotFound::new("customer", id).into())
}
