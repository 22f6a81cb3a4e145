//! Imports and exports of the book: every imported record matched, added or merged in one
//! transaction (or none, for a dry run), and the book read out in the order it was built.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension as _, params};

use super::Store;
use super::bulk::Bulk;
use super::customers::{CUSTOMER_COLUMNS, NewCustomer, customer_from_row, customer_not_found};
use super::sql::{from_ts, ts};
use crate::domain::{Customer, Kind, Tags};
use crate::import::ImportedCustomer;
use crate::import::merge::{self, Existing, Fill, Matcher};

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
}

/// How many updates a report names.
const NAMED_UPDATES: usize = 10;

impl Store {
    /// Imports `records` in one transaction: each one is matched against the book (and the
    /// records before it), then added, merged or left alone. With `dry_run` everything is
    /// worked out the same way and then rolled back. `progress` hears how many records
    /// are done, now and then.
    pub fn import(
        &mut self,
        records: &[ImportedCustomer],
        source: &str,
        now: DateTime<Utc>,
        dry_run: bool,
        mut progress: impl FnMut(usize),
    ) -> anyhow::Result<ImportReport> {
        let note = format!("last contact, imported from {source}");
        let mut bulk = self.bulk()?;
        let mut matcher = matcher(&bulk)?;
        let mut report = ImportReport::default();
        for (i, r) in records.iter().enumerate() {
            if i % 1000 == 0 {
                progress(i);
            }
            let Some(id) = matcher.find(r) else {
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
            let existing = existing(&bulk, id)?;
            let fill = merge::fill(&existing, r);
            if fill.is_empty() {
                report.unchanged += 1;
                continue;
            }
            if fill.changes_fields() {
                apply(&bulk, id, &fill, now)?;
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

    /// Calls `f` with every active customer, in the order they were added.
    pub fn each_customer_by_id(
        &self,
        mut f: impl FnMut(Customer) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c WHERE c.archived = 0 ORDER BY c.id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next().context("loading customers for export")? {
            f(customer_from_row(row)?)?;
        }
        Ok(())
    }
}

/// Everyone in the book (archived customers too, so an import never duplicates them), by
/// the keys imports match on: one pass, instead of a lookup per record.
fn matcher(bulk: &Bulk<'_>) -> anyhow::Result<Matcher> {
    let mut m = Matcher::default();
    let mut stmt = bulk
        .tx()
        .prepare("SELECT id, name, company, email FROM customers ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next().context("loading customers to match against")? {
        m.remember(
            row.get(0)?,
            row.get_ref(1)?.as_str()?,
            row.get_ref(2)?.as_str()?,
            row.get_ref(3)?.as_str()?,
        );
    }
    Ok(m)
}

/// A matched customer with their last contact as of this transaction: the summary column
/// is brought up to date only when the import finishes, so it is read from the contacts.
fn existing(bulk: &Bulk<'_>, id: i64) -> anyhow::Result<Existing> {
    bulk.tx()
        .prepare_cached(
            "SELECT c.id, c.name, c.company, c.email, c.phone, c.tags, c.notes,
                    (SELECT max(i.at) FROM interactions i WHERE i.customer_id = c.id AND i.kind <> 'note')
             FROM customers c WHERE c.id = ?1",
        )?
        .query_row([id], |row| {
            Ok(Existing {
                id: row.get(0)?,
                name: row.get(1)?,
                company: row.get(2)?,
                email: row.get(3)?,
                phone: row.get(4)?,
                tags: Tags::from_stored(&row.get::<_, String>(5)?),
                notes: row.get(6)?,
                last_contact_at: row.get::<_, Option<i64>>(7)?.map(from_ts),
            })
        })
        .optional()
        .context("loading a matched customer")?
        .ok_or_else(|| customer_not_found(id).into())
}

/// Writes the filled fields of a matched customer.
fn apply(bulk: &Bulk<'_>, id: i64, fill: &Fill, now: DateTime<Utc>) -> anyhow::Result<()> {
    bulk.tx()
        .prepare_cached(
            "UPDATE customers SET
                company = coalesce(?2, company), email = coalesce(?3, email),
                phone = coalesce(?4, phone), notes = coalesce(?5, notes),
                tags = coalesce(?6, tags), updated_at = ?7
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            fill.company,
            fill.email,
            fill.phone,
            fill.notes,
            fill.tags.as_ref().map(Tags::to_stored),
            ts(now),
        ])
        .context("filling in an imported customer")?;
    Ok(())
}
