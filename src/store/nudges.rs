//! The candidate rows the nudge rules score. Each query walks an index over what is due,
//! never over every customer or interaction. Where value weighting could reorder results,
//! each value tier is its own walk (four tiers), so the top `limit` stays exact.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use super::Store;
use super::customers::{
    CUSTOMER_COLUMN_COUNT, CUSTOMER_COLUMNS, customer_from_row, customer_from_row_offset,
};
use super::follow_ups::follow_up_from_row;
use super::moments::{MOMENT_COLUMN_COUNT, MOMENT_COLUMNS, moment_from_row};
use super::sql::{int, ts};
use super::triggers::{TRIGGER_COLUMN_COUNT, TRIGGER_COLUMNS, trigger_from_row};
use crate::domain::Customer;
use crate::domain::FollowUp;
use crate::domain::moment::Moment;
use crate::domain::trigger::Trigger;

const TIERS: [i64; 4] = [0, 1, 2, 3];

/// Rows the rules score, each with its customer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidates {
    pub follow_ups: Vec<(FollowUp, Customer)>,
    pub moments: Vec<(Moment, Customer)>,
    pub triggers: Vec<(Trigger, Customer)>,
    /// Customers past their cadence, or with a give/take or satisfaction signal.
    pub customers: Vec<Customer>,
    /// How many candidates there are beyond those loaded (for "and N more").
    pub unloaded: usize,
}

/// What the candidate queries need to know about the rules.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    /// Moments expected from today through this day.
    pub moments_through: NaiveDate,
    /// Complaints opened before this instant.
    pub complaints_before: DateTime<Utc>,
    /// Gives before this instant are too long ago for a very satisfied customer.
    pub loyalty_before: DateTime<Utc>,
    /// At most this many of each kind and tier.
    pub limit: usize,
}

impl Store {
    /// Every candidate for a nudge at `w.now`, the top `w.limit` per kind and value tier.
    pub fn nudge_candidates(&self, w: &Window) -> anyhow::Result<Candidates> {
        let mut c = Candidates::default();
        let (follow_ups, total) = self.follow_ups_due(w.today, w.limit)?;
        c.unloaded += total - follow_ups.len();
        c.follow_ups = follow_ups;
        let (stale, total) = self.cadence_overdue(w.now, w.limit)?;
        c.unloaded += total - stale.len();
        c.customers = stale;
        // Per value tier, soonest first (the closer, the higher the score), and only moments
        // with nothing logged since they were planned.
        let moments = format!(
            "SELECT {MOMENT_COLUMNS}, {CUSTOMER_COLUMNS} FROM moments m
             CROSS JOIN customers c ON c.id = m.customer_id
             WHERE m.status = 'upcoming' AND m.value_tier = ?1 AND m.expected BETWEEN ?2 AND ?3
               AND c.archived = 0 AND coalesce(c.last_logged_at, 0) < m.planned_at
             ORDER BY m.expected, m.id LIMIT ?4"
        );
        // Complaints per tier, oldest first (the longer open, the higher the score); changed
        // situations per tier, those nobody has answered with a contact.
        let complaints = format!(
            "SELECT {TRIGGER_COLUMNS}, {CUSTOMER_COLUMNS} FROM triggers t
             CROSS JOIN customers c ON c.id = t.customer_id
             WHERE t.resolved_at IS NULL AND t.kind = 'reactional' AND t.value_tier = ?1
               AND t.opened_at < ?2 AND c.archived = 0
             ORDER BY t.opened_at, t.id LIMIT ?3"
        );
        let situations = format!(
            "SELECT {TRIGGER_COLUMNS}, {CUSTOMER_COLUMNS} FROM triggers t
             CROSS JOIN customers c ON c.id = t.customer_id
             WHERE t.resolved_at IS NULL AND t.kind = 'situational' AND t.value_tier = ?1
               AND c.archived = 0 AND coalesce(c.last_contact_at, 0) < t.opened_at
             ORDER BY t.opened_at, t.id LIMIT ?2"
        );
        for tier in TIERS {
            let n = int(w.limit);
            c.moments.extend(self.joined(
                &moments,
                params![tier, w.today, w.moments_through, n],
                moment_from_row,
                MOMENT_COLUMN_COUNT,
            )?);
            let before = ts(w.complaints_before);
            c.triggers.extend(self.joined(
                &complaints,
                params![tier, before, n],
                trigger_from_row,
                TRIGGER_COLUMN_COUNT,
            )?);
            c.triggers.extend(self.joined(
                &situations,
                params![tier, n],
                trigger_from_row,
                TRIGGER_COLUMN_COUNT,
            )?);
        }
        for (filter, order) in [
            // Each order is its partial index read forwards or backwards (ties by id), so
            // the walk stops after `limit` rows instead of sorting thousands.
            ("asks > gives", "asks - gives DESC, c.id DESC"),
            (
                "satisfaction = 5 AND (last_give_at IS NULL OR last_give_at < ?3)",
                "last_give_at, c.id",
            ),
            (
                "satisfaction < prev_satisfaction AND last_contact_at <= satisfaction_at",
                "prev_satisfaction - satisfaction DESC, c.id DESC",
            ),
        ] {
            let sql = format!(
                "SELECT {CUSTOMER_COLUMNS} FROM customers c
                 WHERE c.archived = 0 AND {filter} AND value_tier = ?1 ORDER BY {order} LIMIT ?2"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            for tier in TIERS {
                let rows = if filter.contains("?3") {
                    stmt.query_map(
                        params![tier, int(w.limit), ts(w.loyalty_before)],
                        customer_from_row,
                    )?
                    .collect::<Result<Vec<_>, _>>()
                } else {
                    stmt.query_map(params![tier, int(w.limit)], customer_from_row)?
                        .collect::<Result<Vec<_>, _>>()
                };
                c.customers.extend(rows.context("loading customers to nudge")?);
            }
        }
        Ok(c)
    }

    /// Upcoming decision moments expected from `from` through `through`, with their
    /// customers, soonest first; at most `limit`.
    pub fn upcoming_moments(
        &self,
        from: NaiveDate,
        through: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<Vec<(Moment, Customer)>> {
        self.joined(
            &format!(
                "SELECT {MOMENT_COLUMNS}, {CUSTOMER_COLUMNS} FROM moments m
                 CROSS JOIN customers c ON c.id = m.customer_id
                 WHERE m.status = 'upcoming' AND m.expected BETWEEN ?1 AND ?2 AND c.archived = 0
                 ORDER BY m.expected, m.id LIMIT ?3"
            ),
            params![from, through, int(limit)],
            moment_from_row,
            MOMENT_COLUMN_COUNT,
        )
    }

    /// Rows of some record joined with their customer, whose columns follow the record's.
    fn joined<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        record: fn(&Row<'_>) -> rusqlite::Result<T>,
        record_columns: usize,
    ) -> anyhow::Result<Vec<(T, Customer)>> {
        self.conn
            .prepare_cached(sql)?
            .query_map(params, |row| {
                Ok((record(row)?, customer_from_row_offset(row, record_columns)?))
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading what is due")
    }

    /// Open follow-ups due on or before `through`, the oldest `limit` of each value tier;
    /// and how many are due in all.
    pub fn follow_ups_due(
        &self,
        through: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<(Vec<(FollowUp, Customer)>, usize)> {
        let sql = format!(
            "SELECT f.id, f.customer_id, f.text, f.due, f.done_at, {CUSTOMER_COLUMNS}
             FROM follow_ups f CROSS JOIN customers c ON c.id = f.customer_id
             WHERE f.done_at IS NULL AND f.value_tier = ?1 AND f.due <= ?2 AND c.archived = 0
             ORDER BY f.due, f.id LIMIT ?3"
        );
        let mut rows = Vec::new();
        for tier in TIERS {
            rows.extend(self.joined(&sql, params![tier, through, int(limit)], follow_up_from_row, 5)?);
        }
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

    /// Customers past their cadence at `now`: the stalest `limit` of each cadence and value
    /// tier; and how many there are in all.
    ///
    /// Within one cadence and tier the stalest customer is the one whose clock started
    /// first, which the `customers_by_cadence_tier_since` index hands out in order. There
    /// are only a few distinct cadences, so this is a few short index walks instead of a
    /// sort of every overdue customer.
    pub fn cadence_overdue(
        &self,
        now: DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<(Vec<Customer>, usize)> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c
             WHERE c.archived = 0 AND c.cadence_days = ?1 AND c.value_tier = ?4
               AND coalesce(c.last_contact_at, c.created_at) < ?2 - ?1 * 86400
             ORDER BY coalesce(c.last_contact_at, c.created_at), c.id
             LIMIT ?3"
        ))?;
        let mut rows = Vec::new();
        for days in self.cadences()? {
            for tier in TIERS {
                let found = stmt
                    .query_map(params![days, ts(now), int(limit), tier], customer_from_row)?
                    .collect::<Result<Vec<_>, _>>()
                    .context("loading customers past their cadence")?;
                rows.extend(found);
            }
        }
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

const _: () = assert!(CUSTOMER_COLUMN_COUNT == 20);
