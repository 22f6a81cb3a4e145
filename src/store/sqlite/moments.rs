//! Decision moments: planning them, closing them, and the buying process of a customer.

use anyhow::{Context as _, bail};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension as _, Row, params};

use super::sql::{Lenient, ts};
use super::{NotFound, Store};
use crate::domain::moment::{Moment, MomentStatus, NewMoment};

pub(super) const MOMENT_COLUMNS: &str = "m.id, m.customer_id, m.title, m.expected, m.concerns, m.steps, \
     m.response, m.status, m.planned_at, m.closed_at";
pub(super) const MOMENT_COLUMN_COUNT: usize = 10;

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
    })
}

impl Store {
    pub fn add_moment(
        &mut self,
        customer_id: i64,
        new: &NewMoment,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moment> {
        let id = self.write("plan the decision moment", |tx| {
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
            Ok(tx.last_insert_rowid())
        })?;
        self.require_moment(id)
    }

    pub fn moment(&self, id: i64) -> anyhow::Result<Option<Moment>> {
        self.conn
            .prepare_cached(&format!("SELECT {MOMENT_COLUMNS} FROM moments m WHERE m.id = ?1"))?
            .query_row([id], moment_from_row)
            .optional()
            .context("loading a decision moment")
    }

    pub fn require_moment(&self, id: i64) -> anyhow::Result<Moment> {
        self.moment(id)?.ok_or_else(|| {
            NotFound {
                what: "decision moment",
                id,
                hint: "see `touchbase show CUSTOMER` for ids",
            }
            .into()
        })
    }

    /// Records how an upcoming moment turned out. Closing one twice is an error.
    pub fn close_moment(
        &mut self,
        id: i64,
        outcome: MomentStatus,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moment> {
        let m = self.require_moment(id)?;
        if m.status != MomentStatus::Upcoming {
            bail!(
                "decision moment {id} was already closed as {} — nothing changed",
                m.status
            );
        }
        if outcome == MomentStatus::Upcoming {
            bail!("a moment closes as won, lost or passed, not upcoming");
        }
        self.write("close the decision moment", |tx| {
            tx.prepare_cached("UPDATE moments SET status = ?2, closed_at = ?3 WHERE id = ?1")?
                .execute(params![id, outcome, ts(now)])
                .context("closing a decision moment")?;
            Ok(())
        })?;
        self.require_moment(id)
    }

    /// A customer's buying process: every moment in date order.
    pub fn moments_of(&self, customer_id: i64) -> anyhow::Result<Vec<Moment>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {MOMENT_COLUMNS} FROM moments m WHERE m.customer_id = ?1 ORDER BY m.expected, m.id"
            ))?
            .query_map([customer_id], moment_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading decision moments")
    }

    /// The day of the next upcoming decision moment of each of `ids` that has one.
    pub fn next_moments(&self, ids: &[i64]) -> anyhow::Result<Vec<(i64, NaiveDate)>> {
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

    /// Upcoming moments expected from `from` through `through`, soonest first.
    pub fn moments_between(&self, from: NaiveDate, through: NaiveDate) -> anyhow::Result<Vec<Moment>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {MOMENT_COLUMNS} FROM moments m
                 WHERE m.status = 'upcoming' AND m.expected BETWEEN ?1 AND ?2 ORDER BY m.expected, m.id"
            ))?
            .query_map(params![from, through], moment_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading upcoming decision moments")
    }
}
