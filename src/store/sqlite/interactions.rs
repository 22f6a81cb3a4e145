//! Interactions in SQLite: logging a contact (with everything a quick-log line implies)
//! and the timeline. The line comes parsed; what each kind implies is `domain::Kind`'s.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::SqliteBook;
use super::sql::{Lenient, from_ts, int, ts};
use crate::domain::quicklog::{Closes, QuickLog};
use crate::domain::{FollowUp, Kind, Tags};
use crate::store::{CannotClose, Contacts, Interaction, Logged};

impl Contacts for SqliteBook {
    /// Records a parsed quick-log line for a customer in one transaction: the interaction,
    /// its follow-up, new tags, a give for a gift, a reactional trigger for a complaint, and
    /// the customer's summaries, all dated `at`, when the contact happened.
    fn log_contact(&mut self, customer_id: i64, log: &QuickLog, at: DateTime<Utc>) -> anyhow::Result<Logged> {
        self.write("log the contact", |tx| {
            let at = ts(at);
            // Without a person named, the contact was with the main contact as of now.
            let (interaction_id, person_id): (i64, Option<i64>) = tx
                .prepare_cached(
                    "INSERT INTO interactions (customer_id, at, kind, note, satisfaction, person_id)
                     VALUES (?1, ?2, ?3, ?4, ?5,
                             COALESCE(?6, (SELECT id FROM people WHERE customer_id = ?1 AND main = 1)))
                     RETURNING id, person_id",
                )?
                .query_row(
                    params![customer_id, at, log.kind, log.note, log.satisfaction, log.person_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            // Before the line's own follow-up exists: `!done` settles what was open.
            let closed = close(tx, customer_id, &log.closes, at)?;

            let follow_up_id = match &log.follow_up {
                Some(plan) => {
                    tx.prepare_cached(
                        "INSERT INTO follow_ups (customer_id, interaction_id, text, due, first_due, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                    )?
                    .execute(params![customer_id, interaction_id, plan.text, plan.due, at])
                    .context("adding the follow-up")?;
                    Some(tx.last_insert_rowid())
                }
                None => None,
            };
            let balance_entry_id = if log.kind.is_give() {
                tx.prepare_cached(
                    "INSERT INTO balance_entries (customer_id, interaction_id, side, note, at) VALUES (?1, ?2, 'give', ?3, ?4)",
                )?
                .execute(params![customer_id, interaction_id, log.note, at])
                .context("recording the give")?;
                Some(tx.last_insert_rowid())
            } else {
                None
            };
            let trigger_id = if log.kind.opens_reactional_trigger() {
                tx.prepare_cached(
                    "INSERT INTO triggers (customer_id, interaction_id, kind, note, opened_at) VALUES (?1, ?2, 'reactional', ?3, ?4)",
                )?
                .execute(params![customer_id, interaction_id, log.note, at])
                .context("opening the reactional trigger")?;
                Some(tx.last_insert_rowid())
            } else {
                None
            };
            let tags_added = if log.tags.is_empty() {
                Tags::default()
            } else {
                add_tags(tx, customer_id, &log.tags, at)?
            };
            super::summary::refresh(tx, customer_id)?;
            Ok(Logged {
                interaction_id,
                follow_up_id,
                balance_entry_id,
                trigger_id,
                tags_added,
                closed,
                line: QuickLog {
                    person_id,
                    ..log.clone()
                },
                at: from_ts(at),
            })
        })
    }

    /// The customer's timeline, newest contact first (by its time, then as logged).
    fn interactions(&self, customer_id: i64, limit: usize) -> anyhow::Result<Vec<Interaction>> {
        self.conn
            .prepare_cached(
                "SELECT id, customer_id, at, kind, note, satisfaction, person_id FROM interactions
                 WHERE customer_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2",
            )?
            .query_map(params![customer_id, int(limit)], interaction_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading the timeline")
    }

    /// Walks the same index on from `last`'s time: a page costs its rows, however deep.
    fn interactions_after(
        &self,
        customer_id: i64,
        last: &Interaction,
        limit: usize,
    ) -> anyhow::Result<Vec<Interaction>> {
        self.conn
            .prepare_cached(
                "SELECT id, customer_id, at, kind, note, satisfaction, person_id FROM interactions
                 WHERE customer_id = ?1 AND at <= ?2 AND (at < ?2 OR id < ?3)
                 ORDER BY at DESC, id DESC LIMIT ?4",
            )?
            .query_map(
                params![customer_id, ts(last.at), last.id, int(limit)],
                interaction_from_row,
            )?
            .collect::<Result<Vec<_>, _>>()
            .context("loading more of the timeline")
    }

    /// One pass over the customer's contacts by the customer's index; a time that is no
    /// number (a damaged row, which the timeline reads leniently) is passed over.
    fn last_contacts(&self, customer_id: i64) -> anyhow::Result<Vec<(Option<i64>, DateTime<Utc>)>> {
        self.conn
            .prepare_cached(
                "SELECT person_id, max(at) FROM interactions
                 WHERE customer_id = ?1 AND kind <> 'note' AND typeof(at) = 'integer'
                 GROUP BY person_id",
            )?
            .query_map([customer_id], |r| Ok((r.get(0)?, from_ts(r.get(1)?))))?
            .collect::<Result<Vec<_>, _>>()
            .context("finding each person's last contact")
    }

    fn count_interactions(&self, customer_id: i64) -> anyhow::Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM interactions WHERE customer_id = ?1")?
            .query_row([customer_id], |r| r.get(0))
            .context("counting the timeline")?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// `id, customer_id, at, kind, note, satisfaction, person_id`, read leniently.
pub(super) fn interaction_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Interaction> {
    let r = Lenient::new(row, "interactions", 0)?;
    Ok(Interaction {
        id: r.id(),
        customer_id: row.get(1)?,
        at: r.instant(2)?,
        kind: r.parsed(3, "a kind of contact", Kind::Note)?,
        note: r.text(4)?,
        satisfaction: r
            .opt_int_in(5, 1..=5, "a satisfaction (1 to 5)")?
            .map(|s| s as u8),
        person_id: row.get(6)?,
    })
}

/// The contact `id` as `conn` sees it (inside a write: as that transaction sees it).
pub(super) fn by_id(conn: &rusqlite::Connection, id: i64) -> anyhow::Result<Option<Interaction>> {
    use rusqlite::OptionalExtension as _;
    conn.prepare_cached(
        "SELECT id, customer_id, at, kind, note, satisfaction, person_id FROM interactions WHERE id = ?1",
    )?
    .query_row([id], interaction_from_row)
    .optional()
    .context("loading a contact")
}

/// Marks done, at `at`, the follow-ups `wanted` names, each an open one of the customer's;
/// anything else refuses the whole line (`CannotClose`).
fn close(tx: &Connection, customer_id: i64, wanted: &Closes, at: i64) -> anyhow::Result<Vec<FollowUp>> {
    let name = |id: i64| -> anyhow::Result<String> {
        tx.prepare_cached("SELECT name FROM customers WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .context("loading the customer's name")
    };
    let ids: Vec<i64> = match wanted {
        Closes::Nothing => return Ok(Vec::new()),
        Closes::Every => {
            let open: Vec<i64> = tx
                .prepare_cached(
                    "SELECT id FROM follow_ups WHERE customer_id = ?1 AND done_at IS NULL ORDER BY due, id",
                )?
                .query_map([customer_id], |r| r.get(0))?
                .collect::<Result<_, _>>()
                .context("loading the open follow-ups to close")?;
            if open.is_empty() {
                return Err(CannotClose::NoneOpen {
                    customer: name(customer_id)?,
                }
                .into());
            }
            open
        }
        Closes::These(ids) => ids.clone(),
    };
    let mut closed = Vec::with_capacity(ids.len());
    for id in ids {
        let f = super::follow_ups::by_id(tx, id)?.ok_or(CannotClose::NoSuch { id })?;
        if f.customer_id != customer_id {
            return Err(CannotClose::Elsewhere {
                id,
                text: f.text,
                owner: name(f.customer_id)?,
                customer: name(customer_id)?,
            }
            .into());
        }
        if let Some(done) = f.done_at {
            return Err(CannotClose::Done {
                id,
                text: f.text,
                on: done.date_naive(),
            }
            .into());
        }
        tx.prepare_cached("UPDATE follow_ups SET done_at = ?2 WHERE id = ?1")?
            .execute(params![id, at])
            .context("closing a follow-up")?;
        closed.push(FollowUp {
            done_at: Some(from_ts(at)),
            ..f
        });
    }
    Ok(closed)
}

/// Adds `tags` to the customer's; returns those of `tags` they did not have yet.
fn add_tags(tx: &Connection, customer_id: i64, tags: &Tags, at: i64) -> anyhow::Result<Tags> {
    let stored: String = tx
        .prepare_cached("SELECT tags FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .context("loading the customer's tags")?;
    let before = Tags::from_stored(&stored);
    let merged = before.union(tags);
    tx.prepare_cached("UPDATE customers SET tags = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![customer_id, merged.to_stored(), at])
        .context("adding tags")?;
    Ok(super::undo::without(tags, &before))
}
