//! The book's file as SQLite itself sees it, for what a test reads or writes past the
//! store: hand edits, damage, whole-book dumps. Knows nothing of touchbase's code.

use rusqlite::Connection;

/// Every table of the schema that holds records, by name: not the search index (its FTS5
/// tables and their shadow tables hold words, derived from the records by triggers, and
/// their bytes differ after a delete and an insert of the same words).
pub fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE 'search\\_%' ESCAPE '\\' ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}
