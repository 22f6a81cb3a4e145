//! Decision moments in SQLite: planning them, closing them, and the buying process of a
//! customer. When a moment needs attention is `domain::nudge`'s rule.

use anyhow::{Context as _, bail};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, ts};
use crate::domain::moment::{Moment, MomentStatus, NewMoment};
use crate::store::{Moments, NotFound, NotOpen};

pub(super) const MOMENT_COLUMNS: &str = "m.id, m.customer_id, m.title, m.expected, m.concerns, m.steps, \
     m.response, m.status, m.planned_at, m.closed_at, m.outcome_note";
pub(super) const MOMENT_COLUMN_COUNT: usize = 11;

pub(super) fn moment_from_row(row: &Row<'_>) -> rusqlite::Result<Moment> {
    let r = Lenient::new(row, "moments", 0)?;
    Ok(Moment {
        id: r.id(),
        customer_id: row.get(1)?,
        title: r.text(2)?,
        expected: r.day(3)?,
        concerns: r.text(4)?,
        steps: r.text(5)?,
        response: r.text(6)?,
        // An unknown status is not nudged about: 'passed' asks for nothing.
        status: r.parsed(7, "a status (upcoming, won, lost, passed)", MomentStatus::Passed)?,
        planned_at: r.instant(8)?,
        closed_at: r.happened_at(9)?,
        outcome_note: r.text(10)?,
    })
}

/// The moment `id` as `conn` sees it (inside a write: as that transaction sees it).
pub(super) fn by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<Moment>> {
    conn.prepare_cached(&format!("SELECT {MOMENT_COLUMNS} FROM moments m WHERE m.id = ?1"))?
        .query_row([id], moment_from_row)
        .optional()
        .context("loading a decision moment")
}

fn required(conn: &Connection, id: i64) -> anyhow::Result<Moment> {
    by_id(conn, id)?.ok_or_else(|| NotFound::new("decision moment", id).into())
}

impl Moments for SqliteBook {
    fn add_moment(
        &mut self,
        customer_id: i64,
        new: &NewMoment,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moment> {
        self.write("plan the decision moment", |tx| {
            tx.prepare_cached(
                "INSERT INTO moments (customer_id, title, expected, concerns, steps, response, planned_at, value_tier)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce((SELECT value_tier FROM customers WHERE id = ?1), 0))",
            )?
            .execute(params![
                customer_id,
                new.title.trim(),
                new.expected,
                new.concerns.trim(),
                new.steps.trim(),
                new.response.trim(),
                ts(now)
            ])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            required(tx, tx.last_insert_rowid())
        })
    }

    fn moment(&self, id: i64) -> anyhow::Result<Option<Moment>> {
        by_id(&self.conn, id)
    }

    fn close_moment(
        &mut self,
        id: i64,
        outcome: MomentStatus,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moment> {
        self.write("close the decision moment", |tx| {
            let m = required(tx, id)?;
            if m.status != MomentStatus::Upcoming {
                return Err(NotOpen::MomentClosed { id, status: m.status }.into());
            }
            if outcome == MomentStatus::Upcoming {
                bail!("a moment closes as won, lost or passed, not upcoming");
            }
            tx.prepare_cached(
                "UPDATE moments SET status = ?2, closed_at = ?3,
                    outcome_note = CASE WHEN ?4 <> '' THEN ?4 ELSE outcome_note END
                 WHERE id = ?1",
            )?
            .execute(params![id, outcome, ts(now), note.trim()])
            .context("closing a decision moment")?;
            required(tx, id)
        })
    }

    fn moments_of(&self, customer_id: i64) -> anyhow::Result<Vec<Moment>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {MOMENT_COLUMNS} FROM moments m WHERE m.customer_id = ?1 ORDER BY m.expected, m.id"
            ))?
            .query_map([customer_id], moment_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading decision moments")
    }

    fn next_moments(&self, ids: &[i64]) -> anyhow::Result<Vec<(i64, NaiveDate)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT min(expected) FROM moments WHERE customer_id = ?1 AND status = 'upcoming'",
        )?;
        let mut next = Vec::new();
        for &id in ids {
            let day = stmt
                .query_row([id], |r| Ok(super::sql::day(r.get_ref(0)?)))
                .context("finding the next decision moment")?;
            next.extend(day.map(|d| (id, d)));
        }
        Ok(next)
    }
}
