//! The candidate rows the nudge rules score. Each query walks an index over what is due,
//! never over every customer or interaction.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::Store;
use super::customers::{CUSTOMER_COLUMNS, customer_from_row, customer_from_row_offset};
use super::follow_ups::follow_up_from_row;
use super::sql::{int, ts};
use crate::domain::{Customer, FollowUp};

/// An open follow-up due on or before a day, with its customer.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpCandidate {
    pub follow_up: FollowUp,
    pub customer: Customer,
}

/// A customer whose cadence has run out.
#[derive(Debug, Clone, PartialEq)]
pub struct CadenceCandidate {
    pub customer: Customer,
}

impl Store {
    /// Open follow-ups due on or before `through`, oldest first, at most `limit`; and how
    /// many there are in all. CROSS JOIN keeps SQLite on the open-by-due index first,
    /// rather than walking every customer.
    pub fn follow_ups_due(
        &self,
        through: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<(Vec<FollowUpCandidate>, usize)> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT f.id, f.customer_id, f.text, f.due, f.done_at, {CUSTOMER_COLUMNS}
                 FROM follow_ups f CROSS JOIN customers c ON c.id = f.customer_id
                 WHERE f.done_at IS NULL AND f.due <= ?1 AND c.archived = 0
                 ORDER BY f.due, f.id LIMIT ?2"
            ))?
            .query_map(params![through, int(limit)], |row| {
                Ok(FollowUpCandidate {
                    follow_up: follow_up_from_row(row)?,
                    customer: customer_from_row_offset(row, 5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading follow-ups that are due")?;
        let total = self
            .conn
            .prepare_cached(
                // All that are due, less those of archived customers (few): checking each
                // one's customer would cost a lookup per follow-up.
                "SELECT (SELECT count(*) FROM follow_ups WHERE done_at IS NULL AND due <= ?1)
                      - (SELECT count(*) FROM follow_ups
                         WHERE done_at IS NULL AND due <= ?1
                           AND customer_id IN (SELECT id FROM customers WHERE archived = 1))",
            )?
            .query_row([through], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .context("counting follow-ups that are due")?;
        Ok((rows, total))
    }

    /// Customers past their cadence at `now`, stalest (relative to their cadence) first, at
    /// most `limit`; and how many there are in all.
    ///
    /// Within one cadence the stalest customer is the one whose clock started first, which
    /// the `customers_by_cadence_since` index hands out in order. So this takes the first
    /// `limit` of each cadence (there are only a few distinct cadences) and merges them,
    /// instead of sorting every overdue customer.
    pub fn cadence_overdue(
        &self,
        now: DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<(Vec<CadenceCandidate>, usize)> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c
             WHERE c.archived = 0 AND c.cadence_days = ?1
               AND coalesce(c.last_contact_at, c.created_at) < ?2 - ?1 * 86400
             ORDER BY coalesce(c.last_contact_at, c.created_at), c.id
             LIMIT ?3"
        ))?;
        let mut rows = Vec::new();
        for days in self.cadences()? {
            let of_cadence = stmt
                .query_map(params![days, ts(now), int(limit)], |row| {
                    Ok(CadenceCandidate {
                        customer: customer_from_row(row)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()
                .context("loading customers past their cadence")?;
            rows.extend(of_cadence);
        }
        rows.sort_by(|a, b| {
            b.customer
                .staleness(now)
                .total_cmp(&a.customer.staleness(now))
                .then(a.customer.id.cmp(&b.customer.id))
        });
        rows.truncate(limit);
        let total = self
            .conn
            .prepare_cached("SELECT count(*) FROM customers c WHERE c.archived = 0 AND c.touch_due_at < ?1")?
            .query_row([ts(now)], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .context("counting customers past their cadence")?;
        Ok((rows, total))
    }

    /// The distinct cadences in use, each found by one index seek (a skip scan).
    fn cadences(&self) -> anyhow::Result<Vec<i64>> {
        self.conn
            .prepare_cached(
                "WITH RECURSIVE cadence(days) AS (
                     SELECT min(cadence_days) FROM customers WHERE archived = 0
                     UNION ALL
                     SELECT (SELECT min(cadence_days) FROM customers
                             WHERE archived = 0 AND cadence_days > days)
                     FROM cadence WHERE days IS NOT NULL
                 )
                 SELECT days FROM cadence WHERE days IS NOT NULL",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()
            .context("listing the cadences in use")
    }
}
