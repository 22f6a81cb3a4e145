//! Editing and deleting logged records in SQLite: each one IMMEDIATE transaction that
//! reads the row, writes only the columns the patch holds, recomputes the customer's
//! summaries and reads the row back. A deleted row's bookkeeping columns are read first,
//! so that undo (`undo/records.rs`) can put it back exactly.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _, params};

use super::SqliteBook;
use super::sql::{from_ts, ts};
use super::{follow_ups, interactions, moments, triggers, value};
use crate::domain::FollowUp;
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::{Moment, MomentStatus};
use crate::domain::trigger::Trigger;
use crate::store::{
    ContactPatch, EntryPatch, FollowUpPatch, Interaction, Kept, MomentPatch, NotFound, Order, OrderPatch,
    Record, RecordCounts, Records, Removed, RemovedCustomer, Revised, Row, TriggerPatch,
};

/// The record as `conn` sees it (inside a write: as that transaction sees it).
pub(super) fn read(conn: &Connection, record: Record) -> anyhow::Result<Option<Row>> {
    let id = record.id();
    Ok(match record {
        Record::Contact(_) => interactions::by_id(conn, id)?.map(Row::Contact),
        Record::FollowUp(_) => follow_ups::by_id(conn, id)?.map(Row::FollowUp),
        Record::Moment(_) => moments::by_id(conn, id)?.map(Row::Moment),
        Record::Trigger(_) => triggers::by_id(conn, id)?.map(Row::Trigger),
        Record::Entry(_) => value::entry_by_id(conn, id)?.map(Row::Entry),
        Record::Order(_) => value::order_by_id(conn, id)?.map(Row::Order),
    })
}

fn required(conn: &Connection, record: Record) -> anyhow::Result<Row> {
    read(conn, record)?.ok_or_else(|| NotFound::new(record.what(), record.id()).into())
}

/// Runs an edit of one record: `write` changes the row, then the customer's summaries are
/// recomputed and the row is read back.
fn revise<T>(
    tx: &Connection,
    record: Record,
    write: impl FnOnce(&Row) -> anyhow::Result<()>,
    typed: impl Fn(Row) -> Option<T>,
) -> anyhow::Result<Revised<T>> {
    let before = required(tx, record)?;
    write(&before)?;
    super::summary::refresh(tx, before.customer_id())?;
    let after = required(tx, record)?;
    let mismatch = || anyhow::anyhow!("{} {} read back as another kind", record.what(), record.id());
    Ok(Revised {
        before: typed(before).ok_or_else(mismatch)?,
        after: typed(after).ok_or_else(mismatch)?,
    })
}

impl Records for SqliteBook {
    fn interaction(&self, id: i64) -> anyhow::Result<Option<Interaction>> {
        interactions::by_id(&self.conn, id)
    }

    fn balance_entry(&self, id: i64) -> anyhow::Result<Option<BalanceEntry>> {
        value::entry_by_id(&self.conn, id)
    }

    fn order(&self, id: i64) -> anyhow::Result<Option<Order>> {
        value::order_by_id(&self.conn, id)
    }

    fn row(&self, record: Record) -> anyhow::Result<Option<Row>> {
        read(&self.conn, record)
    }

    fn edit_contact(&mut self, id: i64, p: &ContactPatch) -> anyhow::Result<Revised<Interaction>> {
        self.write("edit the contact", |tx| {
            let write = |_: &Row| {
                tx.prepare_cached(
                    "UPDATE interactions SET
                        kind = coalesce(?2, kind), at = coalesce(?3, at), note = coalesce(?4, note),
                        satisfaction = CASE WHEN ?5 THEN ?6 ELSE satisfaction END,
                        person_id = coalesce(?7, person_id)
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    p.kind,
                    p.at.map(ts),
                    p.note,
                    p.satisfaction.is_some(),
                    p.satisfaction.flatten(),
                    p.person_id
                ])
                .context("editing the contact")?;
                Ok(())
            };
            revise(tx, Record::Contact(id), write, |r| match r {
                Row::Contact(c) => Some(c),
                _ => None,
            })
        })
    }

    fn edit_follow_up(&mut self, id: i64, p: &FollowUpPatch) -> anyhow::Result<Revised<FollowUp>> {
        self.write("edit the follow-up", |tx| {
            let write = |_: &Row| {
                tx.prepare_cached(
                    "UPDATE follow_ups SET text = coalesce(?2, text), due = coalesce(?3, due) WHERE id = ?1",
                )?
                .execute(params![id, p.text, p.due])
                .context("editing the follow-up")?;
                Ok(())
            };
            revise(tx, Record::FollowUp(id), write, |r| match r {
                Row::FollowUp(f) => Some(f),
                _ => None,
            })
        })
    }

    fn edit_moment(
        &mut self,
        id: i64,
        p: &MomentPatch,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Revised<Moment>> {
        self.write("edit the decision moment", |tx| {
            let write = |before: &Row| {
                // A moment closed by this edit is closed now; one closed already keeps its
                // day; one opened again has none.
                let closed_at = match (before, p.status) {
                    (_, Some(MomentStatus::Upcoming)) => Some(None),
                    (Row::Moment(m), Some(_)) if m.status == MomentStatus::Upcoming => Some(Some(ts(now))),
                    _ => None,
                };
                tx.prepare_cached(
                    "UPDATE moments SET
                        title = coalesce(?2, title), expected = coalesce(?3, expected),
                        concerns = coalesce(?4, concerns), steps = coalesce(?5, steps),
                        response = coalesce(?6, response), status = coalesce(?7, status),
                        closed_at = CASE WHEN ?8 THEN ?9 ELSE closed_at END,
                        outcome_note = coalesce(?10, outcome_note)
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    p.title,
                    p.expected,
                    p.concerns,
                    p.steps,
                    p.response,
                    p.status,
                    closed_at.is_some(),
                    closed_at.flatten(),
                    p.outcome_note
                ])
                .context("editing the decision moment")?;
                if let Some(people) = &p.people {
                    moments::write_people(tx, id, people, true)?;
                }
                Ok(())
            };
            revise(tx, Record::Moment(id), write, |r| match r {
                Row::Moment(m) => Some(m),
                _ => None,
            })
        })
    }

    fn edit_trigger(&mut self, id: i64, p: &TriggerPatch) -> anyhow::Result<Revised<Trigger>> {
        self.write("edit the trigger", |tx| {
            let write = |_: &Row| {
                tx.prepare_cached(
                    "UPDATE triggers SET kind = coalesce(?2, kind), note = coalesce(?3, note),
                        resolution_note = coalesce(?4, resolution_note) WHERE id = ?1",
                )?
                .execute(params![id, p.kind, p.note, p.resolution_note])
                .context("editing the trigger")?;
                Ok(())
            };
            revise(tx, Record::Trigger(id), write, |r| match r {
                Row::Trigger(t) => Some(t),
                _ => None,
            })
        })
    }

    fn edit_entry(&mut self, id: i64, p: &EntryPatch) -> anyhow::Result<Revised<BalanceEntry>> {
        self.write("edit the give/ask", |tx| {
            let write = |_: &Row| {
                tx.prepare_cached(
                    "UPDATE balance_entries SET side = coalesce(?2, side), note = coalesce(?3, note),
                        at = coalesce(?4, at) WHERE id = ?1",
                )?
                .execute(params![id, p.side, p.note, p.at.map(ts)])
                .context("editing the give/ask")?;
                Ok(())
            };
            revise(tx, Record::Entry(id), write, |r| match r {
                Row::Entry(e) => Some(e),
                _ => None,
            })
        })
    }

    fn edit_order(&mut self, id: i64, p: &OrderPatch) -> anyhow::Result<Revised<Order>> {
        self.write("edit the order", |tx| {
            let write = |_: &Row| {
                tx.prepare_cached(
                    "UPDATE orders SET amount_cents = coalesce(?2, amount_cents),
                        ordered_on = coalesce(?3, ordered_on), note = coalesce(?4, note) WHERE id = ?1",
                )?
                .execute(params![id, p.amount.map(|a| a.0), p.ordered_on, p.note])
                .context("editing the order")?;
                Ok(())
            };
            revise(tx, Record::Order(id), write, |r| match r {
                Row::Order(o) => Some(o),
                _ => None,
            })
        })
    }

    fn count_records(&self, customer_id: i64) -> anyhow::Result<RecordCounts> {
        count(&self.conn, customer_id)
    }

    fn delete_customer(&mut self, customer_id: i64) -> anyhow::Result<RemovedCustomer> {
        self.write("delete the customer", |tx| {
            let (fields, archived) = super::undo::customer_row(tx, customer_id)?
                .ok_or_else(|| super::customers::customer_not_found(customer_id))?;
            let (created_at, updated_at): (i64, i64) = tx
                .prepare_cached("SELECT created_at, updated_at FROM customers WHERE id = ?1")?
                .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .context("loading the customer to delete")?;
            let mut rows = Vec::new();
            // Contacts first: undo puts them back before what links to them.
            for kind in [
                Record::Contact,
                Record::FollowUp,
                Record::Moment,
                Record::Trigger,
                Record::Entry,
                Record::Order,
            ] {
                for id in ids_of(tx, table(kind(0)), customer_id)? {
                    let mut kept = kept(tx, kind(id))?;
                    // Everything goes, and comes back, together.
                    kept.unlinked.clear();
                    rows.push((required(tx, kind(id))?, kept));
                }
            }
            let former_names =
                super::words::former_names(tx, customer_id).context("loading the names they had")?;
            let paused = super::customers::required(tx, customer_id)?.paused;
            let people = super::people::removable(tx, customer_id)?;
            // The foreign keys delete every record of theirs, their words and former names
            // (ON DELETE CASCADE).
            tx.prepare_cached("DELETE FROM customers WHERE id = ?1")?
                .execute([customer_id])
                .context("deleting the customer")?;
            Ok(RemovedCustomer {
                id: customer_id,
                fields,
                archived,
                created_at: from_ts(created_at),
                updated_at: from_ts(updated_at),
                rows,
                former_names,
                paused,
                people,
            })
        })
    }

    fn delete_record(&mut self, record: Record) -> anyhow::Result<Removed> {
        self.write(&format!("delete the {}", record.what()), |tx| {
            let row = required(tx, record)?;
            let kept = kept(tx, record)?;
            tx.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", table(record)))?
                .execute([record.id()])
                .with_context(|| format!("deleting the {}", record.what()))?;
            // The foreign keys unlink what the contact's line created (ON DELETE SET NULL).
            super::summary::refresh(tx, row.customer_id())?;
            Ok(Removed { row, kept })
        })
    }
}

pub(super) fn count(conn: &Connection, customer_id: i64) -> anyhow::Result<RecordCounts> {
    let counts = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM interactions WHERE customer_id = ?1),
                    (SELECT count(*) FROM follow_ups WHERE customer_id = ?1),
                    (SELECT count(*) FROM moments WHERE customer_id = ?1),
                    (SELECT count(*) FROM triggers WHERE customer_id = ?1),
                    (SELECT count(*) FROM balance_entries WHERE customer_id = ?1),
                    (SELECT count(*) FROM orders WHERE customer_id = ?1),
                    EXISTS (SELECT 1 FROM customers WHERE id = ?1)",
        )?
        .query_row([customer_id], |r| {
            Ok((
                RecordCounts {
                    contacts: r.get(0)?,
                    follow_ups: r.get(1)?,
                    moments: r.get(2)?,
                    triggers: r.get(3)?,
                    entries: r.get(4)?,
                    orders: r.get(5)?,
                },
                r.get::<_, bool>(6)?,
            ))
        })
        .context("counting the customer's records")?;
    match counts {
        (counts, true) => Ok(counts),
        (_, false) => Err(super::customers::customer_not_found(customer_id).into()),
    }
}

/// The ids of customer `customer_id`'s rows in `table`, oldest first.
pub(super) fn ids_of(tx: &Connection, table: &str, customer_id: i64) -> anyhow::Result<Vec<i64>> {
    tx.prepare_cached(&format!(
        "SELECT id FROM {table} WHERE customer_id = ?1 ORDER BY id"
    ))?
    .query_map([customer_id], |r| r.get(0))?
    .collect::<Result<_, _>>()
    .with_context(|| format!("listing the customer's rows of {table}"))
}

/// The table a record lives in.
pub(super) fn table(record: Record) -> &'static str {
    match record {
        Record::Contact(_) => "interactions",
        Record::FollowUp(_) => "follow_ups",
        Record::Moment(_) => "moments",
        Record::Trigger(_) => "triggers",
        Record::Entry(_) => "balance_entries",
        Record::Order(_) => "orders",
    }
}

/// What the row holds besides its record, and for a contact the rows linked to it.
fn kept(tx: &Connection, record: Record) -> anyhow::Result<Kept> {
    let id = record.id();
    let one = |sql: &str| -> anyhow::Result<Kept> {
        tx.prepare_cached(sql)?
            .query_row([id], |r| {
                Ok(Kept {
                    interaction_id: r.get(0)?,
                    created_at: r.get::<_, Option<i64>>(1)?.map(from_ts),
                    first_due: r.get(2)?,
                    snoozes: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                    weight: r.get(4)?,
                    direction: r.get(5)?,
                    unlinked: Vec::new(),
                })
            })
            .optional()
            .context("loading the record to delete")?
            .ok_or_else(|| NotFound::new(record.what(), id).into())
    };
    match record {
        Record::Contact(_) => {
            let mut kept =
                one("SELECT NULL, NULL, NULL, NULL, NULL, direction FROM interactions WHERE id = ?1")?;
            kept.unlinked = linked(tx, id)?;
            Ok(kept)
        }
        Record::FollowUp(_) => one(
            "SELECT interaction_id, created_at, first_due, snoozes, NULL, NULL FROM follow_ups WHERE id = ?1",
        ),
        Record::Trigger(_) => {
            one("SELECT interaction_id, NULL, NULL, NULL, NULL, NULL FROM triggers WHERE id = ?1")
        }
        Record::Entry(_) => {
            one("SELECT interaction_id, NULL, NULL, NULL, weight, NULL FROM balance_entries WHERE id = ?1")
        }
        Record::Order(_) => one("SELECT NULL, created_at, NULL, NULL, NULL, NULL FROM orders WHERE id = ?1"),
        Record::Moment(_) => Ok(Kept::default()),
    }
}

/// The follow-ups, gives/asks and triggers the contact's line created.
pub(super) fn linked(conn: &Connection, interaction_id: i64) -> anyhow::Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'f', id FROM follow_ups WHERE interaction_id = ?1
         UNION ALL SELECT 'b', id FROM balance_entries WHERE interaction_id = ?1
         UNION ALL SELECT 't', id FROM triggers WHERE interaction_id = ?1",
    )?;
    let rows = stmt.query_map([interaction_id], |r| {
        let id = r.get(1)?;
        Ok(match r.get::<_, String>(0)?.as_str() {
            "f" => Record::FollowUp(id),
            "b" => Record::Entry(id),
            _ => Record::Trigger(id),
        })
    })?;
    rows.collect::<Result<Vec<_>, _>>()
        .context("loading the records made by the contact")
}
