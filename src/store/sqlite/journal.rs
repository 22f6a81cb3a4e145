//! The undo journal in SQLite (table `undo_journal`, migration 8): an action and its entry
//! in one IMMEDIATE transaction, the action's own writes nested in it as savepoints; undo
//! of the newest open entry and its mark in one transaction too.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{from_ts, int, ts};
use crate::store::journal::unreadable;
use crate::store::{Action, By, Change, Entry, JOURNAL_KEEP, Journaled, Undid, UndoRefused};

const ENTRY_COLUMNS: &str = "id, at, by, said, undone_at, refused";

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let by: String = row.get(2)?;
    Ok(Entry {
        id: row.get(0)?,
        at: from_ts(row.get(1)?),
        by: if by == "tui" { By::Tui } else { By::Cli },
        said: row.get(3)?,
        undone_at: row.get::<_, Option<i64>>(4)?.map(from_ts),
        refused: row.get(5)?,
    })
}

impl SqliteBook {
    /// See [`crate::store::Undo::journaled`]. The transaction is begun by hand, not as a
    /// `rusqlite::Transaction`, because the action needs the whole book (`&mut self`)
    /// while it is open; `write` sees `journaling` and nests in it.
    pub(super) fn run_journaled(
        &mut self,
        by: By,
        now: DateTime<Utc>,
        action: &mut Action<'_>,
    ) -> anyhow::Result<()> {
        self.writable()?;
        anyhow::ensure!(!self.journaling, "an action was journaled inside another");
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .context("starting to write")?;
        self.journaling = true;
        let done = action(self);
        self.journaling = false;
        let saved = done
            .and_then(|entry| match entry {
                Some(entry) => record(&self.conn, by, now, &entry),
                None => Ok(()),
            })
            .and_then(|()| self.conn.execute_batch("COMMIT").context("saving"));
        if saved.is_err() && !self.conn.is_autocommit() {
            // Nothing of the action stays: its savepoints were part of this transaction.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        saved
    }

    pub(super) fn undo_newest(&mut self, now: DateTime<Utc>) -> anyhow::Result<Undid> {
        self.write("undo", |tx| {
            let Some((mut entry, change)) = newest_open(tx)? else {
                return Ok(Undid::Nothing);
            };
            let refused = match serde_json::from_str::<Change>(&change) {
                Err(_) => unreadable(&entry.said),
                Ok(change) => {
                    tx.execute_batch("SAVEPOINT undo_entry")?;
                    match super::undo::undo_change(tx, &change, now) {
                        Ok(()) => {
                            tx.execute_batch("RELEASE undo_entry")?;
                            tx.execute(
                                "UPDATE undo_journal SET undone_at = ?2 WHERE id = ?1",
                                params![entry.id, ts(now)],
                            )
                            .context("marking the entry undone")?;
                            entry.undone_at = Some(now);
                            return Ok(Undid::Undone {
                                entry,
                                change: Box::new(change),
                            });
                        }
                        Err(e) => {
                            tx.execute_batch("ROLLBACK TO undo_entry; RELEASE undo_entry")?;
                            match e.downcast::<UndoRefused>() {
                                Ok(refused) => refused,
                                Err(e) => return Err(e),
                            }
                        }
                    }
                }
            };
            tx.execute(
                "UPDATE undo_journal SET refused = ?2 WHERE id = ?1",
                params![entry.id, refused.why],
            )
            .context("marking the entry as one that cannot be undone")?;
            entry.refused = Some(refused.why.clone());
            let next = newest_open(tx)?.map(|(e, _)| e);
            Ok(Undid::Refused { entry, refused, next })
        })
    }

    pub(super) fn journal_entries(&self, limit: usize) -> anyhow::Result<Vec<Entry>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM undo_journal ORDER BY id DESC LIMIT ?1"
            ))?
            .query_map([int(limit)], entry_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("reading the undo journal")
    }
}

/// Writes `entry` and prunes the journal to its newest `JOURNAL_KEEP` entries. Ids only
/// grow and only the oldest go, so the newest `JOURNAL_KEEP` are the last ids.
fn record(conn: &Connection, by: By, now: DateTime<Utc>, entry: &Journaled) -> anyhow::Result<()> {
    let change = serde_json::to_string(&entry.change).context("writing down the change")?;
    conn.prepare_cached("INSERT INTO undo_journal (at, by, said, change) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![ts(now), by.as_str(), entry.said, change])
        .context("writing the undo journal")?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached("DELETE FROM undo_journal WHERE id <= ?1")?
        .execute([id - int(JOURNAL_KEEP)])
        .context("pruning the undo journal")?;
    Ok(())
}

/// The newest entry still to undo, with its change as stored.
fn newest_open(conn: &Connection) -> anyhow::Result<Option<(Entry, String)>> {
    conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS}, change FROM undo_journal
         WHERE undone_at IS NULL AND refused IS NULL ORDER BY id DESC LIMIT 1"
    ))?
    .query_row([], |r| Ok((entry_from_row(r)?, r.get(6)?)))
    .optional()
    .context("reading the undo journal")
}
