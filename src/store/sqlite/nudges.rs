//! The candidate rows the nudge rules score, in SQLite; the scores themselves are the
//! domain's. Each query walks an index over what is due, never over every customer or
//! interaction. Where value weighting could reorder results, each value tier is its own
//! walk: a walk hands out its rows most urgent first (the order `store::Nudges` promises),
//! so taking the first rows of every walk, and more only of the walks that could still
//! matter, finds the most urgent nudges of all.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use super::SqliteBook;
use super::customers::{
    CUSTOMER_COLUMN_COUNT, CUSTOMER_COLUMNS, customer_from_row, customer_from_row_offset,
};
use super::follow_ups::follow_up_from_row;
use super::moments::{MOMENT_COLUMN_COUNT, MOMENT_COLUMNS, moment_from_row};
use super::sql::{int, ts};
use super::triggers::{
    ANSWERED_AT, TRIGGER_COLUMN_COUNT, TRIGGER_COLUMNS, TRIGGER_COLUMNS_ANSWERED, trigger_from_row,
};
use crate::domain::Customer;
use crate::domain::nudge::{SINGLE_THREADED_TIER, Thread};
use crate::store::nudges::TIERS;
use crate::store::{Nudges, Rows, Stream, Window};

impl Nudges for SqliteBook {
    /// Every stream there is: one per kind and value tier, and per cadence in use.
    fn nudge_streams(&self) -> anyhow::Result<Vec<Stream>> {
        let mut streams = Vec::new();
        streams.extend(TIERS.map(|tier| Stream::Overdue { tier }));
        streams.extend(TIERS.map(|tier| Stream::Today { tier }));
        for days in self.cadences()? {
            streams.extend(TIERS.map(|tier| Stream::Cadence { days, tier }));
        }
        for tier in TIERS {
            streams.extend([
                Stream::Moments { tier },
                Stream::MomentsPassed { tier },
                Stream::Complaints { tier },
                Stream::FreshComplaints { tier },
                Stream::Situations { tier },
                Stream::Influences { tier },
                Stream::Taking { tier },
                Stream::Loyal { tier },
                Stream::LessSatisfied { tier },
                Stream::SingleThreaded { tier },
            ]);
        }
        Ok(streams)
    }

    /// The first `limit` rows of `stream` at `w`.
    fn stream_rows(&self, stream: Stream, w: &Window, limit: usize) -> anyhow::Result<Rows> {
        let n = int(limit);
        Ok(match stream {
            Stream::Overdue { tier } => self.follow_ups_walk("<", tier, w.today, n)?,
            Stream::Today { tier } => self.follow_ups_walk("=", tier, w.today, n)?,
            // Within one cadence and tier the stalest customer is the one whose clock
            // started first, which `customers_by_cadence_tier_since` hands out in order;
            // there are only a few cadences, so these are a few short index walks instead
            // of a sort of every overdue customer.
            Stream::Cadence { days, tier } => Rows::Customers(
                self.conn
                    .prepare_cached(&format!(
                        "SELECT {CUSTOMER_COLUMNS} FROM customers c
                         WHERE c.archived = 0 AND c.cadence_days = ?1 AND c.value_tier = ?4
                           AND coalesce(c.last_contact_at, c.created_at) < ?2 - ?1 * 86400
                           AND (c.paused_until IS NULL OR c.paused_until <= ?5)
                         ORDER BY coalesce(c.last_contact_at, c.created_at), c.id
                         LIMIT ?3"
                    ))?
                    .query_map(params![days, ts(w.now), n, tier, w.today], customer_from_row)?
                    .collect::<Result<Vec<_>, _>>()
                    .context("loading customers past their cadence")?,
            ),
            // Soonest first (the closer, the higher the score).
            Stream::Moments { tier } => Rows::Moments(self.joined(
                &format!(
                    "SELECT {MOMENT_COLUMNS}, {CUSTOMER_COLUMNS} FROM moments m
                     CROSS JOIN customers c ON c.id = m.customer_id
                     WHERE m.status = 'upcoming' AND m.value_tier = ?1 AND m.expected BETWEEN ?2 AND ?3
                       AND c.archived = 0 AND coalesce(c.last_logged_at, 0) <= m.planned_at
                     ORDER BY m.expected, m.id LIMIT ?4"
                ),
                params![tier, w.today, w.moments_through, n],
                moment_from_row,
                MOMENT_COLUMN_COUNT,
            )?),
            // The longest ago first; the score is flat.
            Stream::MomentsPassed { tier } => Rows::Moments(self.joined(
                &format!(
                    "SELECT {MOMENT_COLUMNS}, {CUSTOMER_COLUMNS} FROM moments m
                     CROSS JOIN customers c ON c.id = m.customer_id
                     WHERE m.status = 'upcoming' AND m.value_tier = ?1 AND m.expected < ?2
                       AND c.archived = 0
                     ORDER BY m.expected, m.id LIMIT ?3"
                ),
                params![tier, w.today, n],
                moment_from_row,
                MOMENT_COLUMN_COUNT,
            )?),
            // Newest first (a complaint is most urgent the day it arrives).
            Stream::FreshComplaints { tier } => Rows::Triggers(self.joined(
                &format!(
                    "SELECT {TRIGGER_COLUMNS}, {CUSTOMER_COLUMNS} FROM triggers t
                     CROSS JOIN customers c ON c.id = t.customer_id
                     WHERE t.resolved_at IS NULL AND t.kind = 'reactional' AND t.value_tier = ?1
                       AND t.opened_at >= ?2 AND c.archived = 0
                     ORDER BY t.opened_at DESC, t.id DESC LIMIT ?3"
                ),
                params![tier, ts(w.complaints_before), n],
                trigger_from_row,
                TRIGGER_COLUMN_COUNT,
            )?),
            // Oldest first (the longer open, the higher the score).
            Stream::Complaints { tier } => Rows::Triggers(self.joined(
                &format!(
                    "SELECT {TRIGGER_COLUMNS}, {CUSTOMER_COLUMNS} FROM triggers t
                     CROSS JOIN customers c ON c.id = t.customer_id
                     WHERE t.resolved_at IS NULL AND t.kind = 'reactional' AND t.value_tier = ?1
                       AND t.opened_at < ?2 AND c.archived = 0
                     ORDER BY t.opened_at, t.id LIMIT ?3"
                ),
                params![tier, ts(w.complaints_before), n],
                trigger_from_row,
                TRIGGER_COLUMN_COUNT,
            )?),
            Stream::Situations { tier } => self.unanswered("situational", tier, n)?,
            Stream::Influences { tier } => self.unanswered("influential", tier, n)?,
            // Each order is its partial index read forwards or backwards (ties by id).
            Stream::Taking { tier } => {
                self.customers_where("asks > gives", "asks - gives DESC, c.id DESC", tier, n, &[])?
            }
            Stream::Loyal { tier } => self.customers_where(
                "satisfaction = 5 AND (last_give_at IS NULL OR last_give_at < ?3)
                 AND prev_satisfaction IS NOT NULL AND c.created_at <= ?4",
                "last_give_at, c.id",
                tier,
                n,
                &[ts(w.loyalty_before), ts(w.loyal_if_added_before)],
            )?,
            Stream::SingleThreaded { tier } => self.single_threaded(tier, w, n)?,
            Stream::LessSatisfied { tier } => self.customers_where(
                "satisfaction < prev_satisfaction AND last_contact_at <= satisfaction_at",
                "prev_satisfaction - satisfaction DESC, c.id DESC",
                tier,
                n,
                &[],
            )?,
        })
    }

    fn thread_of(&self, customer_id: i64, since: DateTime<Utc>) -> anyhow::Result<Option<Thread>> {
        Ok(self
            .threads(
                "customers c WHERE c.id = ?1 AND pid IS NOT NULL LIMIT ?3",
                params![customer_id, ts(since), 1],
            )?
            .pop()
            .map(|(t, _)| t))
    }

    /// How many open follow-ups are overdue at `today`, and how many are due on it.
    fn count_follow_ups_due(&self, today: NaiveDate) -> anyhow::Result<(usize, usize)> {
        let count = |due: &str| -> anyhow::Result<usize> {
            self.conn
                .prepare_cached(&format!(
                    // All, less those of archived customers (few): checking each one's
                    // customer would cost a lookup per follow-up.
                    "SELECT (SELECT count(*) FROM follow_ups WHERE done_at IS NULL AND due {due} ?1)
                          - (SELECT count(*) FROM follow_ups
                             WHERE done_at IS NULL AND due {due} ?1
                               AND customer_id IN (SELECT id FROM customers WHERE archived = 1))"
                ))?
                .query_row([today], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .context("counting follow-ups that are due")
        };
        Ok((count("<")?, count("=")?))
    }

    /// How many customers are past their cadence at `now`.
    fn count_cadence_overdue(&self, now: DateTime<Utc>, today: NaiveDate) -> anyhow::Result<usize> {
        // Both counts walk an index alone: every customer past their cadence, less the
        // few paused ones among them (the unary `+` keeps the second to `customers_paused`,
        // not a walk of every overdue customer).
        self.conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM customers c WHERE c.archived = 0 AND c.touch_due_at < ?1)
                      - (SELECT count(*) FROM customers c
                         WHERE c.paused_until > ?2 AND +c.archived = 0 AND +c.touch_due_at < ?1)",
            )?
            .query_row(params![ts(now), today], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .context("counting customers past their cadence")
    }
}

impl SqliteBook {
    /// The single-threaded accounts of value tier `tier`: from the top tiers' accounts by
    /// id (`customers_by_tier`); below them, from the accounts with an upcoming moment of
    /// that tier, in the order of the moment walk. Either way the first `n` hits end the
    /// walk (the score is flat).
    fn single_threaded(&self, tier: i64, w: &Window, n: i64) -> anyhow::Result<Rows> {
        let from = if tier >= i64::from(SINGLE_THREADED_TIER) {
            "customers c WHERE c.archived = 0 AND c.value_tier = ?1 AND pid IS NOT NULL
             ORDER BY c.id LIMIT ?3"
        } else {
            "(SELECT DISTINCT customer_id AS id FROM moments
              WHERE status = 'upcoming' AND value_tier = ?1) cand
             CROSS JOIN customers c ON c.id = cand.id
             WHERE c.archived = 0 AND pid IS NOT NULL LIMIT ?3"
        };
        Ok(Rows::Threads(
            self.threads(from, params![tier, ts(w.single_threaded_since), n])?,
        ))
    }

    /// The single-threaded customers `from` walks: the rest of a `SELECT … FROM` over
    /// customers `c` that filters on `pid` (the one person, NULL when not single-threaded)
    /// and ends in `LIMIT ?3`; `?1` is the walk's, `?2` the instant contacts count from.
    /// Per candidate, one seek of `interactions_by_customer` over its recent contacts, a
    /// contact with no one named counted as the main contact's; the hits keep the walk's
    /// order.
    fn threads(&self, from: &str, params: impl rusqlite::Params) -> anyhow::Result<Vec<(Thread, Customer)>> {
        let recent = "FROM interactions i WHERE i.customer_id = c.id AND i.at >= ?2 AND i.kind <> 'note'";
        let sql = format!(
            "SELECT t.pid, p.name, t.n,
                    EXISTS (SELECT 1 FROM moments m WHERE m.customer_id = c.id AND m.status = 'upcoming'),
                    {CUSTOMER_COLUMNS}
             FROM (SELECT c.id AS id,
                          (SELECT CASE WHEN count(*) >= 2 AND count(k) = count(*) AND min(k) = max(k)
                                       THEN min(k) END
                           FROM (SELECT coalesce(i.person_id,
                                          (SELECT p.id FROM people p WHERE p.customer_id = c.id AND p.main = 1)) AS k
                                 {recent})) AS pid,
                          (SELECT count(*) {recent}) AS n
                   FROM {from}) t
             CROSS JOIN customers c ON c.id = t.id CROSS JOIN people p ON p.id = t.pid"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_map(params, |row| {
                let thread = Thread {
                    person_id: row.get(0)?,
                    person: super::sql::as_text(row.get_ref(1)?),
                    contacts: u32::try_from(row.get::<_, i64>(2)?).unwrap_or(u32::MAX),
                    open_moment: row.get(3)?,
                };
                Ok((thread, customer_from_row_offset(row, 4)?))
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading accounts that hang on one person")
    }

    /// Open triggers of `kind` and value tier `tier` with no contact since they were
    /// opened, the oldest first, at most `n`; a leaver's trigger (`person_id`) counts only
    /// a contact with someone else there (`answered_at`).
    fn unanswered(&self, kind: &str, tier: i64, n: i64) -> anyhow::Result<Rows> {
        Ok(Rows::Triggers(self.joined(
            &format!(
                "SELECT {TRIGGER_COLUMNS_ANSWERED}, {CUSTOMER_COLUMNS} FROM triggers t
                 CROSS JOIN customers c ON c.id = t.customer_id
                 WHERE t.resolved_at IS NULL AND t.kind = ?3 AND t.value_tier = ?1 AND c.archived = 0
                   AND CASE WHEN t.person_id IS NULL THEN coalesce(c.last_contact_at, 0) < t.opened_at
                            ELSE ({ANSWERED_AT}) IS NULL END
                 ORDER BY t.opened_at, t.id LIMIT ?2"
            ),
            params![tier, n, kind],
            trigger_from_row,
            TRIGGER_COLUMN_COUNT,
        )?))
    }

    /// Customers of value tier `tier` that pass `filter`, in `order`, at most `n`; `?3`,
    /// `?4` in the filter are `extra`.
    fn customers_where(
        &self,
        filter: &str,
        order: &str,
        tier: i64,
        n: i64,
        extra: &[i64],
    ) -> anyhow::Result<Rows> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c
             WHERE c.archived = 0 AND {filter} AND value_tier = ?1 ORDER BY {order} LIMIT ?2"
        ))?;
        let values = [tier, n].into_iter().chain(extra.iter().copied());
        let rows = stmt.query_map(rusqlite::params_from_iter(values), customer_from_row)?;
        Ok(Rows::Customers(
            rows.collect::<Result<Vec<_>, _>>()
                .context("loading customers to nudge")?,
        ))
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

    /// Open follow-ups of value tier `tier` due before (`<`) or on (`=`) `today`, oldest
    /// first, at most `n`.
    fn follow_ups_walk(&self, due: &str, tier: i64, today: NaiveDate, n: i64) -> anyhow::Result<Rows> {
        let sql = format!(
            "SELECT f.id, f.customer_id, f.text, f.due, f.done_at, {CUSTOMER_COLUMNS}
             FROM follow_ups f CROSS JOIN customers c ON c.id = f.customer_id
             WHERE f.done_at IS NULL AND f.value_tier = ?1 AND f.due {due} ?2 AND c.archived = 0
             ORDER BY f.due, f.id LIMIT ?3"
        );
        Ok(Rows::FollowUps(self.joined(
            &sql,
            params![tier, today, n],
            follow_up_from_row,
            5,
        )?))
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
            // A damaged cadence (not an integer) has no walk of its own; its customers are
            // listed with the default cadence but not nudged by it.
            .query_map([], |r| Ok(r.get_ref(0)?.as_i64().ok()))?
            .filter_map(Result::transpose)
            .collect::<Result<Vec<_>, _>>()
            .context("listing the cadences in use")
    }
}

const _: () = assert!(CUSTOMER_COLUMN_COUNT == 22);
