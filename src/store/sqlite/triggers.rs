//! Switching triggers in SQLite: opening, resolving, and those of a customer. When a
//! trigger nudges is `domain::nudge`'s rule.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, ts};
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::store::{NotFound, NotOpen, Triggers};

pub(super) const TRIGGER_COLUMNS: &str =
    "t.id, t.customer_id, t.kind, t.note, t.opened_at, t.resolved_at, t.resolution_note";
pub(super) const TRIGGER_COLUMN_COUNT: usize = 7;

pub(super) fn trigger_from_row(row: &Row<'_>) -> rusqlite::Result<Trigger> {
    let r = Lenient::new(row, "triggers", 0)?;
    Ok(Trigger {
        id: r.id(),
        customer_id: row.get(1)?,
        kind: r.parsed(
            2,
            "a kind of trigger (situational, reactional, influential)",
            TriggerKind::Situational,
        )?,
        note: r.text(3)?,
        opened_at: r.instant(4)?,
        resolved_at: r.happened_at(5)?,
        resolution_note: r.text(6)?,
    })
}

/// The trigger `id` as `conn` sees it (inside a write: as that transaction sees it).
pub(super) fn by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<Trigger>> {
    conn.prepare_cached(&format!(
        "SELECT {TRIGGER_COLUMNS} FROM triggers t WHERE t.id = ?1"
    ))?
    .query_row([id], trigger_from_row)
    .optional()
    .context("loading a trigger")
}

fn required(conn: &Connection, id: i64) -> anyhow::Result<Trigger> {
    by_id(conn, id)?.ok_or_else(|| NotFound::new("trigger", id).into())
}

impl Triggers for SqliteBook {
    fn add_trigger(
        &mut self,
        customer_id: i64,
        kind: TriggerKind,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Trigger> {
        self.write("open the trigger", |tx| {
            tx.prepare_cached(
                "INSERT INTO triggers (customer_id, kind, note, opened_at, value_tier)
                 VALUES (?1, ?2, ?3, ?4, coalesce((SELECT value_tier FROM customers WHERE id = ?1), 0))",
            )?
            .execute(params![customer_id, kind, note.trim(), ts(now)])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            required(tx, tx.last_insert_rowid())
        })
    }

    fn trigger(&self, id: i64) -> anyhow::Result<Option<Trigger>> {
        by_id(&self.conn, id)
    }

    fn resolve_trigger(&mut self, id: i64, note: &str, now: DateTime<Utc>) -> anyhow::Result<Trigger> {
        self.write("resolve the trigger", |tx| {
            if let Some(at) = required(tx, id)?.resolved_at {
                return Err(NotOpen::TriggerResolved {
                    id,
                    on: at.date_naive(),
                }
                .into());
            }
            tx.prepare_cached(
                "UPDATE triggers SET resolved_at = ?2,
                    resolution_note = CASE WHEN ?3 <> '' THEN ?3 ELSE resolution_note END
                 WHERE id = ?1",
            )?
            .execute(params![id, ts(now), note.trim()])
            .context("resolving a trigger")?;
            required(tx, id)
        })
    }

    fn triggers_of(&self, customer_id: i64) -> anyhow::Result<Vec<Trigger>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {TRIGGER_COLUMNS} FROM triggers t WHERE t.customer_id = ?1
                 ORDER BY t.resolved_at IS NOT NULL, t.opened_at DESC, t.id DESC"
            ))?
            .query_map([customer_id], trigger_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading triggers")
    }
}
