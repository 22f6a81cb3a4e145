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
    /// many there are in all.
    pub fn follow_ups_due(
        &self,
        through: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<(Vec<FollowUpCandidate>, usize)> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT f.id, f.customer_id, f.text, f.due, f.done_at, {CUSTOMER_COLUMNS}
                 FROM follow_ups f JOIN customers c ON c.id = f.customer_id
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
                "SELECT count(*) FROM follow_ups f JOIN customers c ON c.id = f.customer_id
                 WHERE f.done_at IS NULL AND f.due <= ?1 AND c.archived = 0",
            )?
            .query_row([through], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .context("counting follow-ups that are due")?;
        Ok((rows, total))
    }

    /// Customers past their cadence at `now`, stalest (relative to their cadence) first, at
    /// most `limit`; and how many there are in all.
    pub fn cadence_overdue(
        &self,
        now: DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<(Vec<CadenceCandidate>, usize)> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CUSTOMER_COLUMNS} FROM customers c
                 WHERE c.archived = 0 AND c.touch_due_at < ?1
                 ORDER BY (?1 - coalesce(c.last_contact_at, c.created_at)) * 1.0 / c.cadence_days DESC, c.id
                 LIMIT ?2"
            ))?
            .query_map(params![ts(now), int(limit)], |row| {
                Ok(CadenceCandidate {
                    customer: customer_from_row(row)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading customers past their cadence")?;
        let total = self
            .conn
            .prepare_cached("SELECT count(*) FROM customers c WHERE c.archived = 0 AND c.touch_due_at < ?1")?
            .query_row([ts(now)], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .context("counting customers past their cadence")?;
        Ok((rows, total))
    }
}
