//! Schema migrations, applied in order, tracked in `PRAGMA user_version`: SQL files, and
//! after some a step in Rust. A migration only ever adds: data is never destroyed. Knows
//! the schema's history, not the queries.
//!
//! The version is read and the pending migrations applied inside one IMMEDIATE
//! transaction, so two processes opening a new database at once cannot both see version 0
//! and both create the tables: the second waits for the write lock, then finds the schema
//! up to date.

use rusqlite::{Connection, TransactionBehavior};

const MIGRATIONS: &[&str] = &[
    include_str!("../../../assets/migrations/001_initial.sql"),
    include_str!("../../../assets/migrations/002_cadence_index.sql"),
    include_str!("../../../assets/migrations/003_relationship.sql"),
    include_str!("../../../assets/migrations/004_tier_on_triggers_and_moments.sql"),
    include_str!("../../../assets/migrations/005_name_index.sql"),
    include_str!("../../../assets/migrations/006_unanswered_drops.sql"),
    include_str!("../../../assets/migrations/007_customer_words.sql"),
    include_str!("../../../assets/migrations/008_undo_journal.sql"),
    include_str!("../../../assets/migrations/009_search.sql"),
    include_str!("../../../assets/migrations/010_nudge_snoozes.sql"),
    include_str!("../../../assets/migrations/011_moment_notes.sql"),
    include_str!("../../../assets/migrations/012_open_follow_ups_by_customer.sql"),
    include_str!("../../../assets/migrations/013_reminders.sql"),
    include_str!("../../../assets/migrations/014_people.sql"),
    include_str!("../../../assets/migrations/015_people_found.sql"),
    include_str!("../../../assets/migrations/016_moment_people.sql"),
    include_str!("../../../assets/migrations/017_leavers.sql"),
    include_str!("../../../assets/migrations/018_account_names.sql"),
];

/// A step SQL cannot do (folding text by the domain's rule, a phone number's key), run right after the
/// migration to the version it is listed with, in the same transaction.
type Step = fn(&Connection) -> rusqlite::Result<()>;
const RUST_STEPS: &[(i64, Step)] = &[
    (7, super::words::index_all),
    (14, super::people::migrate_details),
    (15, super::words::index_people),
    (18, super::words::name_accounts_after_companies),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Why a database's schema cannot be brought up to date.
#[derive(Debug)]
pub enum Refusal {
    /// A version this build does not know: newer, or negative (which no touchbase writes).
    Version(i64),
    /// Version 0 but tables already there: another program's SQLite database.
    Foreign,
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for Refusal {
    fn from(e: rusqlite::Error) -> Refusal {
        Refusal::Sqlite(e)
    }
}

/// The version `conn` reports, refused if touchbase cannot work with it. Read before
/// anything is written, and again under the write lock.
pub fn checked_version(conn: &Connection) -> Result<i64, Refusal> {
    // One statement, so one snapshot: read apart, another process could commit the first
    // migration in between, and its fresh tables would look like another program's.
    let (found, tables): (i64, i64) = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if !(0..=LATEST_VERSION).contains(&found) {
        return Err(Refusal::Version(found));
    }
    if found == 0 && tables > 0 {
        return Err(Refusal::Foreign);
    }
    Ok(found)
}

/// Applies every pending migration in one transaction, all or nothing.
pub fn to_latest(conn: &mut Connection) -> Result<(), Refusal> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = checked_version(&tx)?;
    if found == LATEST_VERSION {
        return Ok(());
    }
    for (version, sql) in (1..).zip(MIGRATIONS).skip(found as usize) {
        tx.execute_batch(sql)?;
        for (_, step) in RUST_STEPS.iter().filter(|(v, _)| *v == version) {
            step(&tx)?;
        }
    }
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_version_matches_the_list() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        to_latest(&mut conn).expect("migrate");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version");
        assert_eq!(v, LATEST_VERSION);
    }

    #[test]
    fn every_version_upgrades_to_the_latest() {
        for start in 0..MIGRATIONS.len() {
            let mut conn = Connection::open_in_memory().expect("in-memory db");
            for sql in &MIGRATIONS[..start] {
                conn.execute_batch(sql).expect("older migration");
            }
            conn.pragma_update(None, "user_version", start as i64)
                .expect("version");
            to_latest(&mut conn).unwrap_or_else(|e| panic!("from {start}: {e:?}"));
            to_latest(&mut conn).expect("a second run does nothing");
        }
    }

    #[test]
    fn a_negative_version_or_foreign_tables_are_refused() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        conn.pragma_update(None, "user_version", -1).expect("version");
        assert!(matches!(to_latest(&mut conn), Err(Refusal::Version(-1))));
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        conn.execute_batch("CREATE TABLE photos (id)")
            .expect("foreign table");
        assert!(matches!(to_latest(&mut conn), Err(Refusal::Foreign)));
    }
}
