//! Snoozed nudges in SQLite: one row per customer and kind (`nudge_snoozes`), replaced by a
//! later snooze of the same nudge; those in force read by the `until` index.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, ts};
use crate::domain::nudge::{NudgeKind, NudgeSnooze};
use crate::store::NudgeSnoozes;

const COLUMNS: &str = "s.id, s.customer_id, s.kind, s.until, s.reason, s.created_at";

fn snooze_from_row(row: &Row<'_>) -> rusqlite::Result<NudgeSnooze> {
    let r = Lenient::new(row, "nudge_snoozes", 0)?;
    Ok(NudgeSnooze {
        id: r.id(),
        customer_id: row.get(1)?,
        kind: r.parsed(2, "kind of nudge", NudgeKind::CadenceExceeded)?,
        until: r.day(3)?,
        reason: r.text(4)?,
        created_at: r.instant(5)?,
    })
}

/// The snooze of `customer_id`'s nudge of `kind`, as `conn` sees it.
pub(super) fn of_kind(conn: &Connection, customer_id: i64, kind: NudgeKind) -> anyhow::Result<Option<NudgeSnooze>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM nudge_snoozes s WHERE s.customer_id = ?1 AND s.kind = ?2"
    ))?
    .query_row(params![customer_id, kind.as_str()], snooze_from_row)
    .optional()
    .context("loading a snoozed nudge")
}

/// Writes `s` under its own id (a new snooze, or one undo puts back).
pub(super) fn insert(tx: &Connection, s: &NudgeSnooze) -> anyhow::Result<()> {
    tx.prepare_cached(
        "INSERT INTO nudge_snoozes (id, customer_id, kind, until, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        s.id,
        s.customer_id,
        s.kind.as_str(),
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
        until: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(NudgeSnooze, Option<NudgeSnooze>)> {
        self.write("snooze the nudge", |tx| {
            let replaced = of_kind(tx, customer_id, kind)?;
            if let Some(old) = &replaced {
                tx.execute("DELETE FROM nudge_snoozes WHERE id = ?1", [old.id])
                    .context("replacing the snoozed nudge")?;
            }
            tx.prepare_cached(
                "INSERT INTO nudge_snoozes (customer_id, kind, until, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![customer_id, kind.as_str(), until, reason.trim(), ts(now)])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            let snooze = of_kind(tx, customer_id, kind)?
                .ok_or_else(|| anyhow::anyhow!("the snoozed nudge was saved but reads as missing"))?;
            Ok((snooze, replaced))
        })
    }

    fn nudge_snoozes_holding(&self, today: NaiveDate) -> anyhow::Result<Vec<NudgeSnooze>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM nudge_snoozes s JOIN customers c ON c.id = s.customer_id
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
                 WHERE s.customer_id = ?1 AND s.until > ?2 ORDER BY s.until, s.kind"
            ))?
            .query_map(params![customer_id, today], snooze_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading the customer's snoozed nudges")
    }
}
