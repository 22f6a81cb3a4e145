//! Whether a row is still as a change left it, read inside the undo's transaction. Each
//! check returns why not (a phrase like "was marked done since"), or `None` when the row
//! is untouched and undo may take it back. Reads only: the taking back is `undo.rs`'s.

use anyhow::Context as _;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension as _, params};

use crate::domain::balance::{BalanceEntry, Side};
use crate::domain::moment::{Moment, MomentStatus};
use crate::domain::money::Cents;
use crate::domain::trigger::Trigger;
use crate::domain::{Cadence, FollowUp, Kind, Tags, prose};
use crate::store::CustomerFields;
use crate::store::sqlite::sql::{from_ts, ts};
use crate::store::{Logged, Order};

pub(super) const NAME: &str = "name";
pub(super) const COMPANY: &str = "company";
pub(super) const EMAIL: &str = "e-mail";
pub(super) const PHONE: &str = "phone";
pub(super) const TAGS: &str = "tags";
pub(super) const CADENCE: &str = "cadence";
pub(super) const NOTES: &str = "notes";

const DELETED: &str = "was deleted since";
const CHANGED: &str = "was changed since";

/// A follow-up and how often it was snoozed.
pub(super) fn follow_up(tx: &Connection, id: i64) -> anyhow::Result<Option<(FollowUp, i64)>> {
    tx.prepare_cached("SELECT id, customer_id, text, due, done_at, snoozes FROM follow_ups WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((
                crate::store::sqlite::follow_ups::follow_up_from_row(r)?,
                r.get(5)?,
            ))
        })
        .optional()
        .context("loading the follow-up to undo")
}

/// Why the follow-up is no longer open, unsnoozed, with `text`, due on `due`.
pub(super) fn follow_up_moved(
    tx: &Connection,
    id: i64,
    text: &str,
    due: NaiveDate,
) -> anyhow::Result<Option<String>> {
    Ok(match follow_up(tx, id)? {
        None => Some(DELETED.into()),
        Some((f, _)) if f.done_at.is_some() => Some("was marked done since".into()),
        Some((f, snoozes)) if f.due != due || snoozes > 0 => Some(format!("was moved to {} since", f.due)),
        Some((f, _)) if f.text != text => Some(CHANGED.into()),
        Some(_) => None,
    })
}

pub(super) fn moment_changed(tx: &Connection, m: &Moment) -> anyhow::Result<Option<String>> {
    let now = crate::store::sqlite::moments::by_id(tx, m.id).context("loading the moment to undo")?;
    Ok(match now {
        None => Some(DELETED.into()),
        // A moment recorded after the fact was added closed; only a later close counts.
        Some(now) if now.status != m.status && now.status != MomentStatus::Upcoming => {
            Some(format!("was closed as {} since", now.status))
        }
        Some(now) if now != *m => Some(CHANGED.into()),
        Some(_) => None,
    })
}

pub(super) fn trigger_changed(tx: &Connection, t: &Trigger) -> anyhow::Result<Option<String>> {
    use crate::store::sqlite::triggers::{TRIGGER_COLUMNS, trigger_from_row};
    let now = tx
        .prepare_cached(&format!(
            "SELECT {TRIGGER_COLUMNS} FROM triggers t WHERE t.id = ?1"
        ))?
        .query_row([t.id], trigger_from_row)
        .optional()
        .context("loading the trigger to undo")?;
    Ok(match now {
        None => Some(DELETED.into()),
        Some(now) if now.resolved_at.is_some() => Some("was resolved since".into()),
        Some(now) if now != *t => Some(CHANGED.into()),
        Some(_) => None,
    })
}

pub(super) fn balance_entry_changed(tx: &Connection, e: &BalanceEntry) -> anyhow::Result<Option<String>> {
    let now = tx
        .prepare_cached("SELECT customer_id, side, note, at FROM balance_entries WHERE id = ?1")?
        .query_row([e.id], |r| {
            Ok(BalanceEntry {
                id: e.id,
                customer_id: r.get(0)?,
                side: r.get::<_, Side>(1)?,
                note: r.get(2)?,
                at: from_ts(r.get(3)?),
            })
        })
        .optional()
        .context("loading the give/ask to undo")?;
    Ok(match now {
        None => Some(DELETED.into()),
        Some(now) if now != *e => Some(CHANGED.into()),
        Some(_) => None,
    })
}

pub(super) fn order_changed(tx: &Connection, o: &Order) -> anyhow::Result<Option<String>> {
    let now = tx
        .prepare_cached(
            "SELECT customer_id, ordered_on, amount_cents, currency, note FROM orders WHERE id = ?1",
        )?
        .query_row([o.id], |r| {
            Ok(Order {
                id: o.id,
                customer_id: r.get(0)?,
                ordered_on: r.get(1)?,
                amount: Cents(r.get(2)?),
                currency: r.get(3)?,
                note: r.get(4)?,
            })
        })
        .optional()
        .context("loading the order to undo")?;
    Ok(match now {
        None => Some(DELETED.into()),
        Some(now) if now != *o => Some(CHANGED.into()),
        Some(_) => None,
    })
}

/// Why the logged contact is no longer as the line wrote it, or has rows of someone
/// else's attached (which deleting it would silently cut loose).
pub(super) fn interaction_changed(
    tx: &Connection,
    customer_id: i64,
    logged: &Logged,
) -> anyhow::Result<Option<String>> {
    let id = logged.interaction_id;
    let now = tx
        .prepare_cached(
            "SELECT customer_id, at, kind, note, satisfaction, direction FROM interactions WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Kind>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<u8>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .optional()
        .context("loading the contact to undo")?;
    let line = &logged.line;
    let wrote = (
        customer_id,
        ts(logged.at),
        line.kind,
        line.note.clone(),
        line.satisfaction,
        "out".to_string(),
    );
    match now {
        None => return Ok(Some(format!("the contact {DELETED}"))),
        Some(now) if now != wrote => return Ok(Some(format!("the contact {CHANGED}"))),
        Some(_) => {}
    }
    let attached: i64 = tx
        .prepare_cached(
            "SELECT (SELECT count(*) FROM follow_ups WHERE interaction_id = ?1 AND id IS NOT ?2)
                  + (SELECT count(*) FROM balance_entries WHERE interaction_id = ?1 AND id IS NOT ?3)
                  + (SELECT count(*) FROM triggers WHERE interaction_id = ?1 AND id IS NOT ?4)",
        )?
        .query_row(
            params![
                id,
                logged.follow_up_id,
                logged.balance_entry_id,
                logged.trigger_id
            ],
            |r| r.get(0),
        )
        .context("looking for records attached to the contact")?;
    Ok((attached > 0).then(|| {
        format!(
            "{} attached to the contact since",
            prose::counted(attached, "record was", "records were")
        )
    }))
}

/// A customer's own fields and whether they are archived.
pub(in crate::store::sqlite) fn customer_row(
    tx: &Connection,
    id: i64,
) -> anyhow::Result<Option<(CustomerFields, bool)>> {
    tx.prepare_cached(
        "SELECT name, company, email, phone, tags, cadence_days, notes, archived FROM customers WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok((
            CustomerFields {
                name: r.get(0)?,
                company: r.get(1)?,
                email: r.get(2)?,
                phone: r.get(3)?,
                tags: Tags::from_stored(&r.get::<_, String>(4)?),
                cadence: Cadence::from_days(r.get(5)?).unwrap_or(Cadence::DEFAULT),
                notes: r.get(6)?,
            },
            r.get(7)?,
        ))
    })
    .optional()
    .context("loading the customer to undo")
}

pub(super) fn customer_fields(tx: &Connection, id: i64) -> anyhow::Result<Option<CustomerFields>> {
    Ok(customer_row(tx, id)?.map(|(fields, _)| fields))
}

/// Everything recorded for a customer, as "2 contacts", "1 order": empty when nothing is.
pub(super) fn records_of(tx: &Connection, id: i64) -> anyhow::Result<Vec<String>> {
    Ok(crate::store::sqlite::records::count(tx, id)?.named())
}

/// The names of the fields in which `a` and `b` differ.
pub(super) fn differing(a: &CustomerFields, b: &CustomerFields) -> Vec<&'static str> {
    [
        (NAME, a.name != b.name),
        (COMPANY, a.company != b.company),
        (EMAIL, a.email != b.email),
        (PHONE, a.phone != b.phone),
        (TAGS, a.tags != b.tags),
        (CADENCE, a.cadence != b.cadence),
        (NOTES, a.notes != b.notes),
    ]
    .into_iter()
    .filter_map(|(name, differs)| differs.then_some(name))
    .collect()
}
