//! Switching triggers in SQLite: opening, resolving, and those of a customer. When a
//! trigger nudges is `domain::nudge`'s rule.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, ts};
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::store::{NotFound, NotOpen, Triggers};

/// A trigger's own columns; `answered_at` is not read (NULL).
pub(super) const TRIGGER_COLUMNS: &str =
    "t.id, t.customer_id, t.kind, t.note, t.opened_at, t.resolved_at, t.resolution_note, t.person_id, NULL";
/// For a leaver's trigger (`person_id` set): the first contact since it opened (not a
/// note) whose person is not the leaver, a contact with no one named counting as the main
/// contact's; NULL for every other trigger (the CASE skips the seek). One seek of
/// `interactions_by_customer` from `opened_at` on.
macro_rules! answered_at {
    () => {
        "CASE WHEN t.person_id IS NULL THEN NULL ELSE \
           (SELECT i.at FROM interactions i \
            WHERE i.customer_id = t.customer_id AND i.at >= t.opened_at AND i.kind <> 'note' \
              AND coalesce(i.person_id, \
                    (SELECT p.id FROM people p WHERE p.customer_id = t.customer_id AND p.main = 1)) \
                  IS NOT t.person_id \
            ORDER BY i.at LIMIT 1) END"
    };
}
/// `answered_at!` as a value, for a walk's filter.
pub(super) const ANSWERED_AT: &str = answered_at!();
/// The same columns with `answered_at` read, for the nudge rules.
pub(super) const TRIGGER_COLUMNS_ANSWERED: &str = concat!(
    "t.id, t.customer_id, t.kind, t.note, t.opened_at, t.resolved_at, t.resolution_note, t.person_id, ",
    answered_at!()
);
pub(super) const TRIGGER_COLUMN_COUNT: usize = 9;

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
        person_id: row.get_ref(7)?.as_i64_or_null().ok().flatten(),
        answered_at: r.happened_at(8)?,
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

    fn add_leaver_trigger(
        &mut self,
        person_id: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Trigger> {
        self.write("open the trigger", |tx| {
            let added = tx
                .prepare_cached(
                    "INSERT INTO triggers (customer_id, kind, note, opened_at, value_tier, person_id)
                     SELECT p.customer_id, 'situational', ?2, ?3, c.value_tier, p.id
                     FROM people p JOIN customers c ON c.id = p.customer_id WHERE p.id = ?1",
                )?
                .execute(params![person_id, note.trim(), ts(now)])
                .context("opening the trigger of a person's leaving")?;
            if added == 0 {
                return Err(NotFound::new("person", person_id).into());
            }
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
                "SELECT {TRIGGER_COLUMNS_ANSWERED} FROM triggers t WHERE t.customer_id = ?1
                 ORDER BY t.resolved_at IS NOT NULL, t.opened_at DESC, t.id DESC"
            ))?
            .query_map([customer_id], trigger_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading triggers")
    }
}
