//! Whether another connection has committed since this one last looked, for a screen left
//! open: SQLite's `PRAGMA data_version` moves on each commit of another connection (in
//! this process or another) and never for this connection's own, and costs one look at
//! the WAL index in shared memory, no read of the file.

use anyhow::Context as _;
use rusqlite::Connection;

use super::SqliteBook;

/// The connection's data version now.
pub(super) fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}

impl SqliteBook {
    /// See [`crate::store::Book::changed_elsewhere`].
    pub(super) fn changed_since_seen(&mut self) -> anyhow::Result<bool> {
        let version = data_version(&self.conn).context("asking whether the book changed elsewhere")?;
        let changed = version != self.seen_version;
        self.seen_version = version;
        Ok(changed)
    }
}
