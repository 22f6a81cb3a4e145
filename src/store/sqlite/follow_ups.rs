//! Follow-ups in SQLite: adding, completing, snoozing, and those open for a customer.
//! Whether a date makes sense (a snooze later than today) is the use cases' to check.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, ts};
use crate::domain::FollowUp;
use crate::store::{FollowUps, NotFound, NotOpen};

const FOLLOW_UP_COLUMNS: &str = "f.id, f.customer_id, f.text, f.due, f.done_at";

pub(super) fn follow_up_from_row(row: &Row<'_>) -> rusqlite::Result<FollowUp> {
    let r = Lenient::new(row, "follow_ups", 0)?;
    Ok(FollowUp {
        id: r.id(),
        customer_id: row.get(1)?,
        text: r.text(2)?,
        due: r.day(3)?,
        done_at: r.happened_at(4)?,
    })
}

/// The follow-up `id` as `conn` sees it (inside a write: as that transaction sees it).
pub(super) fn by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<FollowUp>> {
    conn.prepare_cached(&format!(
        "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups f WHERE f.id = ?1"
    ))?
    .query_row([id], follow_up_from_row)
    .optional()
    .context("loading a follow-up")
}

fn required(conn: &Connection, id: i64) -> anyhow::Result<FollowUp> {
    by_id(conn, id)?.ok_or_else(|| NotFound::new("follow-up", id).into())
}

impl FollowUps for SqliteBook {
    fn add_follow_up(
        &mut self,
        customer_id: i64,
        text: &str,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> anyhow::Result<FollowUp> {
        self.write("add the follow-up", |tx| {
            tx.prepare_cached(
                "INSERT INTO follow_ups (customer_id, text, due, first_due, created_at, value_tier)
                 VALUES (?1, ?2, ?3, ?3, ?4, coalesce((SELECT value_tier FROM customers WHERE id = ?1), 0))",
            )?
            .execute(params![customer_id, text.trim(), due, ts(now)])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            required(tx, tx.last_insert_rowid())
        })
    }

    fn follow_up(&self, id: i64) -> anyhow::Result<Option<FollowUp>> {
        by_id(&self.conn, id)
    }

    fn complete_follow_up(&mut self, id: i64, now: DateTime<Utc>) -> anyhow::Result<FollowUp> {
        self.write("mark the follow-up done", |tx| {
            if let Some(done) = required(tx, id)?.done_at {
                return Err(NotOpen::FollowUpDone {
                    id,
                    on: done.date_naive(),
                }
                .into());
            }
            tx.prepare_cached("UPDATE follow_ups SET done_at = ?2 WHERE id = ?1")?
                .execute(params![id, ts(now)])
                .context("marking a follow-up done")?;
            required(tx, id)
        })
    }

    fn snooze_follow_up(&mut self, id: i64, until: NaiveDate) -> anyhow::Result<FollowUp> {
        self.write("snooze the follow-up", |tx| {
            if required(tx, id)?.done_at.is_some() {
                return Err(NotOpen::SnoozeDone { id }.into());
            }
            tx.prepare_cached("UPDATE follow_ups SET due = ?2, snoozes = snoozes + 1 WHERE id = ?1")?
                .execute(params![id, until])
                .context("snoozing a follow-up")?;
            required(tx, id)
        })
    }

    fn open_follow_ups(&self, customer_id: i64) -> anyhow::Result<Vec<FollowUp>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups f
                 WHERE f.customer_id = ?1 AND f.done_at IS NULL ORDER BY f.due, f.id"
            ))?
            .query_map([customer_id], follow_up_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading open follow-ups")
    }
}
