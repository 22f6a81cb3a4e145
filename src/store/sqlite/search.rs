//! Full-text search in SQLite: the FTS5 index `search_index` (schema 9), kept by triggers
//! in the transaction of every write, and the query over it. A hit's rowid names its
//! record (id × 8 + kind); its text, date and customer are read from the record's own
//! table, and its snippet is cut by `domain::search`.

use anyhow::Context as _;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension as _};

use super::SqliteBook;
use super::sql::{FIRST_TS, LAST_TS, from_ts, int};
use crate::domain::search::{SearchQuery, snippet};
use crate::store::{Dated, Found, Hit, SNIPPET_WIDTH, Search};

/// Matches ranked at most: a query that matches more ranks the newest this many (ids grow
/// with time). bm25 is computed for every row it ranks, and a common word in a large book
/// (a demo's "quote") matches hundreds of thousands: ranking them all would take far
/// longer than the 50 ms a search may, to order rows that hardly differ.
const RANKED_AT_MOST: usize = 5_000;

impl Search for SqliteBook {
    fn search(&self, query: &SearchQuery, limit: usize) -> anyhow::Result<Vec<Hit>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let mut ranked = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM (
                     SELECT rowid, rank FROM search_index WHERE search_index MATCH ?1
                     ORDER BY rowid DESC LIMIT ?2)
                 ORDER BY rank, rowid DESC",
            )
            .context("searching the notes")?;
        let mut rows = ranked
            .query(rusqlite::params![fts_match(query), int(RANKED_AT_MOST)])
            .context("searching the notes")?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next().context("searching the notes")? {
            let rowid: i64 = row.get(0)?;
            if let Some(hit) = record(&self.conn, rowid, query).context("reading a search hit")? {
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

/// The hit `rowid` names, read from its record's table; `None` when the record's customer
/// is archived, or the record is gone (the index is never behind its tables, but a
/// damaged book may be).
fn record(conn: &Connection, rowid: i64, query: &SearchQuery) -> rusqlite::Result<Option<Hit>> {
    let (id, kind) = (rowid.div_euclid(8), rowid.rem_euclid(8));
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
                    concat_ws(' · ', r.title, nullif(r.concerns, ''), nullif(r.steps, ''), nullif(r.response, ''))
             FROM moments r JOIN customers c ON c.id = r.customer_id WHERE r.id = ?1",
        ),
        4 => (
            Found::Trigger,
            "SELECT r.customer_id, c.name, c.archived, r.opened_at, r.note
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

/// A stored value as text, whatever it is: a damaged note is still shown as it is.
fn text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Null | ValueRef::Blob(_) => String::new(),
    }
}
