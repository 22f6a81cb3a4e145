//! Full-text search in SQLite: an FTS5 index per kind of record (`search_contacts`, …;
//! schema 9; a moment's outcome note and a trigger's resolution note joined them in
//! 011_moment_notes), kept by triggers in the transaction of every write, and the query
//! over them.
//! A hit's rowid is its record's id; its text, date and customer are read from the
//! record's own table, and its snippet is cut by `domain::search`.

use anyhow::Context as _;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension as _};

use super::SqliteBook;
use super::sql::{FIRST_TS, LAST_TS, as_text as text, from_ts, int};
use crate::domain::search::{SearchQuery, snippet};
use crate::store::{Dated, Found, Hit, SNIPPET_WIDTH, Search};

/// Matches ranked at most: a query that matches more ranks the newest this many (ids grow
/// with time) of each kind. bm25 is computed for every row it ranks, and a common word in a large book
/// (a demo's "quote") matches hundreds of thousands: ranking them all would take far
/// longer than the 50 ms a search may, to order rows that hardly differ.
const RANKED_AT_MOST: usize = 5_000;

impl Search for SqliteBook {
    fn search(&self, query: &SearchQuery, limit: usize) -> anyhow::Result<Vec<Hit>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        // Each kind's newest matches, ranked together. bm25 is comparable enough across
        // the indexes: each weighs a word by how rare it is among notes of its kind.
        let mut ranked = self
            .conn
            .prepare_cached(
                "SELECT kind, id FROM (
                     SELECT 1 AS kind, id, rank FROM (SELECT rowid AS id, rank FROM search_contacts
                         WHERE search_contacts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                     UNION ALL
                     SELECT 2, id, rank FROM (SELECT rowid AS id, rank FROM search_follow_ups
                         WHERE search_follow_ups MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                     UNION ALL
                     SELECT 3, id, rank FROM (SELECT rowid AS id, rank FROM search_moments
                         WHERE search_moments MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                     UNION ALL
                     SELECT 4, id, rank FROM (SELECT rowid AS id, rank FROM search_triggers
                         WHERE search_triggers MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                     UNION ALL
                     SELECT 5, id, rank FROM (SELECT rowid AS id, rank FROM search_customers
                         WHERE search_customers MATCH ?1 ORDER BY rowid DESC LIMIT ?2))
                 ORDER BY rank, kind, id DESC",
            )
            .context("searching the notes")?;
        let mut rows = ranked
            .query(rusqlite::params![fts_match(query), int(RANKED_AT_MOST)])
            .context("searching the notes")?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next().context("searching the notes")? {
            let (kind, id): (i64, i64) = (row.get(0)?, row.get(1)?);
            if let Some(hit) = record(&self.conn, kind, id, query).context("reading a search hit")? {
                hits.push(hit);
                if hits.len() == limit {
                    break;
                }
            }
        }
        Ok(hits)
    }
}

/// The query in FTS5's syntax: each word a quoted string (so no word is an operator, and
/// the tokenizer reads it as it read the notes), all of them required, the last one a
/// prefix.
fn fts_match(query: &SearchQuery) -> String {
    let words = query.words();
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push('"');
        out.push_str(&word.replace('"', "\"\""));
        out.push('"');
        if i + 1 == words.len() {
            out.push('*');
        }
    }
    out
}

/// Record `id` of `kind` (as the query numbers them), read from its table; `None` when its
/// customer is archived, or the record is gone (the index is never behind its tables, but
/// a damaged book may be).
fn record(conn: &Connection, kind: i64, id: i64, query: &SearchQuery) -> rusqlite::Result<Option<Hit>> {
    let (found, sql) = match kind {
        1 => (
            Found::Contact,
            "SELECT r.customer_id, c.name, c.archived, r.at, r.note
             FROM interactions r JOIN customers c ON c.id = r.customer_id WHERE r.id = ?1",
        ),
        2 => (
            Found::FollowUp,
            "SELECT r.customer_id, c.name, c.archived, r.due, r.text
             FROM follow_ups r JOIN customers c ON c.id = r.customer_id WHERE r.id = ?1",
        ),
        3 => (
            Found::Moment,
            "SELECT r.customer_id, c.name, c.archived, r.expected,
                    concat_ws(' · ', r.title, nullif(r.concerns, ''), nullif(r.steps, ''), nullif(r.response, ''),
                              nullif(r.outcome_note, ''))
             FROM moments r JOIN customers c ON c.id = r.customer_id WHERE r.id = ?1",
        ),
        4 => (
            Found::Trigger,
            "SELECT r.customer_id, c.name, c.archived, r.opened_at,
                    concat_ws(' · ', r.note, nullif(r.resolution_note, ''))
             FROM triggers r JOIN customers c ON c.id = r.customer_id WHERE r.id = ?1",
        ),
        5 => (
            Found::Customer,
            "SELECT c.id, c.name, c.archived, c.updated_at, c.notes FROM customers c WHERE c.id = ?1",
        ),
        _ => return Ok(None),
    };
    conn.prepare_cached(sql)?
        .query_row([id], |r| {
            let archived = r.get_ref(2)?.as_i64().unwrap_or(0) != 0;
            if archived {
                return Ok(None);
            }
            Ok(Some(Hit {
                customer_id: r.get_ref(0)?.as_i64().unwrap_or(0),
                customer: text(r.get_ref(1)?),
                found,
                id,
                when: dated(r.get_ref(3)?),
                snippet: snippet(&text(r.get_ref(4)?), query, SNIPPET_WIDTH),
            }))
        })
        .optional()
        .map(Option::flatten)
}

/// A stored instant (unix seconds) or day ('YYYY-MM-DD'); `None` when it is neither.
fn dated(v: ValueRef<'_>) -> Option<Dated> {
    match v {
        ValueRef::Integer(secs) if (FIRST_TS..=LAST_TS).contains(&secs) => Some(Dated::At(from_ts(secs))),
        ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()?
            .parse::<NaiveDate>()
            .ok()
            .map(Dated::On),
        _ => None,
    }
}

/// Each indexed table, its index, and the text it indexes (as the migration's triggers
/// write it).
const INDEXED: [(&str, &str, &str); 5] = [
    ("interactions", "search_contacts", "note"),
    ("follow_ups", "search_follow_ups", "text"),
    (
        "moments",
        "search_moments",
        "concat_ws(' ', title, concerns, steps, response, outcome_note)",
    ),
    (
        "triggers",
        "search_triggers",
        "concat_ws(' ', note, nullif(resolution_note, ''))",
    ),
    ("customers", "search_customers", "notes"),
];

/// The index paused for a bulk write: the highest id of each indexed table when it began,
/// and the triggers that index added rows, as the schema holds them, to put back.
pub(super) struct Paused {
    last: [i64; 5],
    triggers: Vec<String>,
}

/// Stops indexing rows as they are added, inside the bulk write's transaction `tx`; see
/// `resume`, which must run before it commits.
///
/// The triggers that index added rows are taken out of the schema for the write, not only
/// told to wait (by the row in `search_paused` their WHEN reads): a trigger that may fire
/// makes SQLite run its program and keep a statement journal for every row added, which
/// cost a 100k-customer demo book (2M contacts) over a second. The schema changes only
/// inside this transaction: whoever reads meanwhile sees the triggers, and a write that
/// fails rolls back with them in place. `search_paused` stays, for a writer that does not
/// lift them out.
pub(super) fn pause(tx: &Connection) -> rusqlite::Result<Paused> {
    tx.execute("INSERT OR IGNORE INTO search_paused (paused) VALUES (1)", [])?;
    let mut last = [0; 5];
    for (max, (table, _, _)) in last.iter_mut().zip(INDEXED) {
        *max = tx.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| {
            r.get(0)
        })?;
    }
    let added: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'trigger' AND name LIKE 'search\\_%\\_added' ESCAPE '\\'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut triggers = Vec::with_capacity(added.len());
    for (name, sql) in added {
        tx.execute(&format!("DROP TRIGGER \"{name}\""), [])?;
        triggers.push(sql);
    }
    Ok(Paused { last, triggers })
}

/// How many bytes of words FTS5 gathers in memory before it writes them out as a segment
/// of the index: its own default, and what a bulk write's one pass uses. With 1 MB the
/// notes of a 100k-customer demo book (2M contacts) go out as hundreds of small segments
/// that are merged again and again; with 64 MB the contacts index fills in 1.7 s, not 2.6.
const HASH_DEFAULT: i64 = 1 << 20;
const HASH_BULK: i64 = 64 << 20;

/// Indexes every row added since `pause`, in one pass per table, and indexes rows as they
/// are added again.
pub(super) fn resume(tx: &Connection, paused: &Paused) -> rusqlite::Result<()> {
    for (max, (table, index, text)) in paused.last.iter().zip(INDEXED) {
        let hash_size = format!("INSERT INTO {index} ({index}, rank) VALUES ('hashsize', ?1)");
        tx.execute(&hash_size, [HASH_BULK])?;
        // A row added and then changed in the same bulk write was indexed by the trigger
        // that follows changes: those go first, so each row is indexed once. (INSERT OR
        // REPLACE would do the same, but writes a deletion for every row it adds, which
        // made the pass a third slower.)
        tx.execute(&format!("DELETE FROM {index} WHERE rowid > ?1"), [max])?;
        tx.execute(
            &format!(
                "INSERT INTO {index} (rowid, body)
                 SELECT id, {text} FROM {table} WHERE id > ?1 AND {text} <> ''"
            ),
            [max],
        )?;
        tx.execute(&hash_size, [HASH_DEFAULT])?;
    }
    for sql in &paused.triggers {
        tx.execute(sql, [])?;
    }
    tx.execute("DELETE FROM search_paused", [])?;
    Ok(())
}
