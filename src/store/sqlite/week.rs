//! What one week's to-do list needs, in SQLite (which week, and what goes in it, is the
//! use case's): open follow-ups by due day, upcoming decision moments
//! by expected day, customers by the instant their cadence runs out. Each is one walk of
//! an index in the order it is listed, stopped at the limit; the rest is counted only when
//! the limit was reached.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::SqliteBook;
use super::customers::{CUSTOMER_COLUMNS, customer_from_row, customer_from_row_offset};
use super::follow_ups::follow_up_from_row;
use super::moments::{MOMENT_COLUMN_COUNT, MOMENT_COLUMNS, moment_from_row};
use super::sql::{int, ts};
use crate::domain::moment::Moment;
use crate::domain::{Customer, FollowUp};
use crate::store::{Page, Weeks};

/// Follow-up columns in the order `follow_up_from_row` reads them.
const FOLLOW_UP_COLUMN_COUNT: usize = 5;

impl Weeks for SqliteBook {
    /// Open follow-ups of active customers due from `from` up to (not including) `before`,
    /// soonest first (`follow_ups_open_by_due`).
    fn follow_ups_due_between(
        &self,
        from: NaiveDate,
        before: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<Page<(FollowUp, Customer)>> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT f.id, f.customer_id, f.text, f.due, f.done_at, {CUSTOMER_COLUMNS}
                 FROM follow_ups f CROSS JOIN customers c ON c.id = f.customer_id
                 WHERE f.done_at IS NULL AND f.due >= ?1 AND f.due < ?2 AND c.archived = 0
                 ORDER BY f.due, f.id LIMIT ?3"
            ))?
            .query_map(params![from, before, int(limit)], |row| {
                Ok((
                    follow_up_from_row(row)?,
                    customer_from_row_offset(row, FOLLOW_UP_COLUMN_COUNT)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading the week's follow-ups")?;
        let total = if rows.len() < limit {
            rows.len()
        } else {
            self.conn
                .prepare_cached(
                    // All in the range less those of archived customers: the range alone is
                    // one index walk, and archived customers are few, each an index seek;
                    // checking every row's customer costs a lookup per row (75 ms at 100k).
                    "SELECT (SELECT count(*) FROM follow_ups f
                             WHERE f.done_at IS NULL AND f.due >= ?1 AND f.due < ?2)
                          - (SELECT count(*) FROM customers a CROSS JOIN follow_ups f ON f.customer_id = a.id
                             WHERE a.archived = 1 AND f.done_at IS NULL AND f.due >= ?1 AND f.due < ?2)",
                )?
                .query_row(params![from, before], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .context("counting the week's follow-ups")?
        };
        Ok(Page { rows, total })
    }

    /// Upcoming decision moments of active customers expected from `from` up to (not
    /// including) `before`, soonest first (`moments_upcoming_by_expected`).
    fn moments_expected_between(
        &self,
        from: NaiveDate,
        before: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<Page<(Moment, Customer)>> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {MOMENT_COLUMNS}, {CUSTOMER_COLUMNS}
                 FROM moments m CROSS JOIN customers c ON c.id = m.customer_id
                 WHERE m.status = 'upcoming' AND m.expected >= ?1 AND m.expected < ?2
                   AND c.archived = 0
                 ORDER BY m.expected, m.id LIMIT ?3"
            ))?
            .query_map(params![from, before, int(limit)], |row| {
                Ok((
                    moment_from_row(row)?,
                    customer_from_row_offset(row, MOMENT_COLUMN_COUNT)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading the week's decision moments")?;
        let total = if rows.len() < limit {
            rows.len()
        } else {
            self.conn
                .prepare_cached(
                    // As for follow-ups: the range, less the moments of archived customers.
                    "SELECT (SELECT count(*) FROM moments m
                             WHERE m.status = 'upcoming' AND m.expected >= ?1 AND m.expected < ?2)
                          - (SELECT count(*) FROM customers a CROSS JOIN moments m ON m.customer_id = a.id
                             WHERE a.archived = 1 AND m.status = 'upcoming'
                               AND m.expected >= ?1 AND m.expected < ?2)",
                )?
                .query_row(params![from, before], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .context("counting the week's decision moments")?
        };
        Ok(Page { rows, total })
    }

    /// Active customers whose cadence runs out from `from` up to (not including) `before`,
    /// soonest first: a range of `customers_by_touch_due`. A customer paused past the
    /// week is left out.
    fn cadence_runs_out_between(
        &self,
        from: DateTime<Utc>,
        before: DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<Page<Customer>> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CUSTOMER_COLUMNS} FROM customers c
                 WHERE c.archived = 0 AND c.touch_due_at >= ?1 AND c.touch_due_at < ?2
                   AND (c.paused_until IS NULL OR c.paused_until < date(?2, 'unixepoch'))
                 ORDER BY c.touch_due_at, c.id LIMIT ?3"
            ))?
            .query_map(params![ts(from), ts(before), int(limit)], customer_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading customers whose cadence runs out this week")?;
        let total = if rows.len() < limit {
            rows.len()
        } else {
            self.conn
                .prepare_cached(
                    "SELECT (SELECT count(*) FROM customers c
                             WHERE c.archived = 0 AND c.touch_due_at >= ?1 AND c.touch_due_at < ?2)
                          - (SELECT count(*) FROM customers c
                             WHERE c.paused_until >= date(?2, 'unixepoch') AND +c.archived = 0
                               AND +c.touch_due_at >= ?1 AND +c.touch_due_at < ?2)",
                )?
                .query_row(params![ts(from), ts(before)], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .context("counting customers whose cadence runs out this week")?
        };
        Ok(Page { rows, total })
    }
}
