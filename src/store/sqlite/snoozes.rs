//! What the user parked, in SQLite: snoozed nudges, one row per customer, kind and subject
//! (`nudge_snoozes`), replaced by a later snooze of the same nudge, those in force read by
//! the `until` index; and a customer's pause, two columns of their row.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::customers::required;
use super::sql::{Lenient, ts};
use crate::domain::Customer;
use crate::domain::Pause;
use crate::domain::nudge::{NudgeKind, NudgeSnooze};
use crate::store::NudgeSnoozes;

const COLUMNS: &str = "s.id, s.customer_id, s.kind, s.subject_id, s.until, s.reason, s.created_at";

fn snooze_from_row(row: &Row<'_>) -> rusqlite::Result<NudgeSnooze> {
    let r = Lenient::new(row, "nudge_snoozes", 0)?;
    Ok(NudgeSnooze {
        id: r.id(),
        customer_id: row.get(1)?,
        kind: r.parsed(2, "kind of nudge", NudgeKind::CadenceExceeded)?,
        subject_id: row.get(3)?,
        until: r.day(4)?,
        reason: r.text(5)?,
        created_at: r.instant(6)?,
    })
}

/// The snooze of `customer_id`'s nudge of `kind` about `subject_id`, as `conn` sees it.
pub(super) fn of_nudge(
    conn: &Connection,
    customer_id: i64,
    kind: NudgeKind,
    subject_id: i64,
) -> anyhow::Result<Option<NudgeSnooze>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM nudge_snoozes s
         WHERE s.customer_id = ?1 AND s.kind = ?2 AND s.subject_id = ?3"
    ))?
    .query_row(params![customer_id, kind.as_str(), subject_id], snooze_from_row)
    .optional()
    .context("loading a snoozed nudge")
}

/// Writes `s` under its own id (a new snooze, or one undo puts back).
pub(super) fn insert(tx: &Connection, s: &NudgeSnooze) -> anyhow::Result<()> {
    tx.prepare_cached(
        "INSERT INTO nudge_snoozes (id, customer_id, kind, subject_id, until, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        s.id,
        s.customer_id,
        s.kind.as_str(),
        s.subject_id,
        s.until,
        s.reason,
        ts(s.created_at)
    ])
    .context("saving the snoozed nudge")?;
    Ok(())
}

impl NudgeSnoozes for SqliteBook {
    fn snooze_nudge(
        &mut self,
        customer_id: i64,
        kind: NudgeKind,
        subject_id: i64,
        until: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(NudgeSnooze, Option<NudgeSnooze>)> {
        self.write("snooze the nudge", |tx| {
            let replaced = of_nudge(tx, customer_id, kind, subject_id)?;
            if let Some(old) = &replaced {
                tx.execute("DELETE FROM nudge_snoozes WHERE id = ?1", [old.id])
                    .context("replacing the snoozed nudge")?;
            }
            tx.prepare_cached(
                "INSERT INTO nudge_snoozes (customer_id, kind, subject_id, until, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                customer_id,
                kind.as_str(),
                subject_id,
                until,
                reason.trim(),
                ts(now)
            ])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            let snooze = of_nudge(tx, customer_id, kind, subject_id)?
                .ok_or_else(|| anyhow::anyhow!("the snoozed nudge was saved but reads as missing"))?;
            Ok((snooze, replaced))
        })
    }

    fn nudge_snoozes_holding(&self, today: NaiveDate) -> anyhow::Result<Vec<NudgeSnooze>> {
        self.conn
            .prepare_cached(&format!(
                // CROSS JOIN keeps the few snoozes the outer loop: never a walk of the book.
                "SELECT {COLUMNS} FROM nudge_snoozes s CROSS JOIN customers c ON c.id = s.customer_id
                 WHERE s.until > ?1 AND c.archived = 0"
            ))?
            .query_map([today], snooze_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading the snoozed nudges")
    }

    fn nudge_snoozes_of(&self, customer_id: i64, today: NaiveDate) -> anyhow::Result<Vec<NudgeSnooze>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM nudge_snoozes s
                 WHERE s.customer_id = ?1 AND s.until > ?2 ORDER BY s.until, s.kind, s.subject_id"
            ))?
            .query_map(params![customer_id, today], snooze_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading the customer's snoozed nudges")
    }

    fn set_pause(
        &mut self,
        customer_id: i64,
        pause: Option<&Pause>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(Customer, Option<Pause>)> {
        self.write("pause the customer", |tx| {
            let before = required(tx, customer_id)?.paused;
            write_pause(tx, customer_id, pause, now)?;
            Ok((required(tx, customer_id)?, before))
        })
    }
}

/// Writes customer `id`'s pause (`None`: not paused).
pub(super) fn write_pause(
    tx: &Connection,
    id: i64,
    pause: Option<&Pause>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    tx.prepare_cached(
        "UPDATE customers SET paused_until = ?2, paused_reason = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        pause.map(|p| p.until),
        pause.map_or("", |p| p.reason.trim()),
        ts(now)
    ])
    .context("pausing the customer")?;
    Ok(())
}
