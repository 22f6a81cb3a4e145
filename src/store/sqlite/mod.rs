//! The SQLite book: the one implementation of the store contract today. Opening a
//! database file safely (creating it private, refusing what is not ours or is too new,
//! read-only when it cannot be written, waiting for other writers), migrations, and every
//! query. The only module that knows SQL and files; it knows nothing of the front ends.

mod access;
mod bulk;
mod changes;
mod check;
mod customers;
mod follow_ups;
mod interactions;
mod journal;
mod merge;
mod migrations;
mod moments;
mod nudges;
mod people;
mod records;
mod reminders;
mod search;
mod snoozes;
mod sql;
mod summary;
mod triggers;
mod undo;
mod upkeep;
mod value;
mod wait;
mod week;
mod words;

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use access::{Access, ReadOnlyWhy};

pub use migrations::LATEST_VERSION;
use wait::WAIT_FOR_WRITERS;

use super::{Book, Bulk, Reopen};

/// Why a database could not be opened: what is wrong, and whether the file was left as it
/// was. Which other file to pass instead is the front end's to say.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(
        "'{path}' was written by a newer touchbase (schema {found}, this build knows {known}) — upgrade touchbase; the file was not changed"
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error(
        "'{path}' says its schema is version {found}, which no touchbase writes: the file is damaged or belongs to another program; the file was not changed"
    )]
    Damaged { path: PathBuf, found: i64 },
    #[error("'{path}' is not a touchbase database (not an SQLite file); the file was not changed")]
    NotADatabase { path: PathBuf },
    #[error("'{path}' is another program's SQLite database, not a touchbase one; the file was not changed")]
    Foreign { path: PathBuf },
    #[error("cannot create the data directory '{path}': {source}")]
    CannotCreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot create the database '{path}': {source}")]
    CannotCreateFile { path: PathBuf, source: std::io::Error },
    #[error(
        "'{path}' is read-only ({why}) and was written by an older touchbase (schema {found}, this build needs {known}) — make it writable so it can be upgraded: {fix}"
    )]
    ReadOnlyOutdated {
        path: PathBuf,
        why: &'static str,
        fix: String,
        found: i64,
        known: i64,
    },
    #[error("cannot open the database '{path}': {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("cannot upgrade the database '{path}': {source}")]
    Migration { path: PathBuf, source: rusqlite::Error },
}

/// A write asked of a database opened read-only.
#[derive(Debug, thiserror::Error)]
#[error("'{path}' is read-only ({why}), so nothing was changed — reading works; to write, {fix}")]
pub struct ReadOnly {
    pub path: PathBuf,
    pub why: &'static str,
    pub fix: String,
}

pub struct SqliteBook {
    conn: Connection,
    path: PathBuf,
    /// Why the database was opened read-only, when it was.
    read_only: Option<ReadOnlyWhy>,
    /// The permission bits of an existing database that others may read or write.
    loose_mode: Option<u32>,
    /// Whether a journaled action's transaction is open (`journal.rs`): every write then
    /// runs as a savepoint inside it.
    journaling: bool,
    /// `PRAGMA data_version` when this handle last looked (`changes.rs`).
    seen_version: i64,
}

impl SqliteBook {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A file that is not SQLite, or whose schema is newer than this build, is refused
    /// before anything is written to it: the version check comes before `journal_mode=WAL`,
    /// which would otherwise rewrite the file header. A database that cannot be written
    /// (its file or its directory) is opened read-only, without creating anything beside it.
    pub fn open(path: &Path) -> Result<SqliteBook, OpenError> {
        let sqlite = |source| OpenError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let (access, loose_mode) = if path.exists() {
            (access::of(path), access::loose_mode(path))
        } else {
            access::create(path)?;
            (Access::ReadWrite, None)
        };
        let mut conn = match &access {
            Access::ReadWrite => Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            ),
            Access::ReadOnly(_) => Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            ),
            Access::Immutable(_) => Connection::open_with_flags(
                access::immutable_uri(path),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            ),
        }
        .map_err(sqlite)?;
        // Before anything else touches the file: every later step may meet another
        // process's lock and must wait for it, not fail.
        wait::install(&conn).map_err(sqlite)?;
        // Plans are made from the SQL alone, never from the values bound: otherwise SQLite
        // recompiles a statement whose `LIMIT ?` it may plan by on every new binding (each
        // walk behind the agenda and `due`, every time), which was a third of what `due`
        // executes. The plans came out the same for every command measured (the same
        // pages read); no query relies on a bound value to pick a partial index.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(sqlite)?;

        let refused = |r| match r {
            migrations::Refusal::Version(found) if found > LATEST_VERSION => OpenError::TooNew {
                path: path.to_path_buf(),
                found,
                known: LATEST_VERSION,
            },
            migrations::Refusal::Version(found) => OpenError::Damaged {
                path: path.to_path_buf(),
                found,
            },
            migrations::Refusal::Foreign => OpenError::Foreign {
                path: path.to_path_buf(),
            },
            migrations::Refusal::Sqlite(e) if is_not_a_database(&e) => OpenError::NotADatabase {
                path: path.to_path_buf(),
            },
            migrations::Refusal::Sqlite(source) => OpenError::Migration {
                path: path.to_path_buf(),
                source,
            },
        };
        let found = migrations::checked_version(&conn).map_err(refused)?;

        let read_only = access.read_only();
        if let Some(why) = read_only {
            if found < LATEST_VERSION {
                return Err(OpenError::ReadOnlyOutdated {
                    path: path.to_path_buf(),
                    why: why.said(),
                    fix: why.fix(path),
                    found,
                    known: LATEST_VERSION,
                });
            }
        } else {
            wait::until_wal(&conn).map_err(sqlite)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(sqlite)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sqlite)?;
        conn.pragma_update(None, "temp_store", "MEMORY").map_err(sqlite)?;
        // The page cache stays at SQLite's 2 MiB default: a larger one made a short command
        // slower, by faulting in fresh memory for pages it reads once.
        if read_only.is_none() && found < LATEST_VERSION {
            migrations::to_latest(&mut conn).map_err(refused)?;
        }
        // From here on, what another handle commits counts as a change elsewhere.
        let seen_version = changes::data_version(&conn).map_err(sqlite)?;
        Ok(SqliteBook {
            conn,
            path: path.to_path_buf(),
            read_only,
            loose_mode,
            journaling: false,
            seen_version,
        })
    }

    /// A one-line warning when other users of the machine may read the database, saying
    /// how to make it private.
    fn permission_warning(&self) -> Option<String> {
        let mode = self.loose_mode?;
        Some(format!(
            "warning: '{}' can be read by other users of this machine (mode {mode:o}) — to keep it private: chmod {:o} '{}'",
            self.path.display(),
            mode & 0o700,
            self.path.display()
        ))
    }

    /// Whether the database was opened read-only (its file or directory is not writable).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Refuses a write on a database opened read-only, with a message saying why and how
    /// to fix it.
    fn writable(&self) -> Result<(), ReadOnly> {
        match self.read_only {
            None => Ok(()),
            Some(why) => Err(ReadOnly {
                path: self.path.clone(),
                why: why.said(),
                fix: why.fix(&self.path),
            }),
        }
    }

    /// Creates the database file at `path`, private, if it is not there yet; `true` when
    /// this call created it (and no other process, starting at the same moment, did).
    pub(crate) fn create_file(path: &Path) -> Result<bool, OpenError> {
        if path.exists() {
            return Ok(false);
        }
        access::create(path)
    }

    /// Removes the database at `path`, with its `-wal` and `-shm`, if it holds nothing a
    /// user wrote (no customers, or no schema at all: a file made by a command that then
    /// failed, say on a full disk) and no other process has it open. The exclusive lock
    /// proves the last: in WAL mode every open connection holds a shared lock on the file,
    /// so a second process that opened the new book meanwhile keeps it, and its writes.
    pub(crate) fn remove_if_unused_and_empty(path: &Path) -> bool {
        let Ok(conn) = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return false;
        };
        let count = |sql| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let locked = conn
            .pragma_update(None, "locking_mode", "EXCLUSIVE")
            .and_then(|()| conn.execute_batch("BEGIN EXCLUSIVE"))
            .is_ok();
        let empty = locked
            && match count("SELECT count(*) FROM sqlite_schema") {
                Ok(0) => true,
                Ok(_) => count("SELECT count(*) FROM customers").is_ok_and(|n| n == 0),
                Err(_) => false,
            };
        if empty {
            // Removed while the lock is held, so nobody can open the book in between.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(access::beside(path, suffix));
            }
        }
        empty
    }

    /// Runs `f` in one IMMEDIATE transaction: every user action is all or nothing, and
    /// taking the write lock up front means a second process waits instead of failing
    /// half-way. Inside a journaled action (`journal.rs`) the action's transaction is open
    /// already and holds the lock: `f` runs in a savepoint of it, so a write that fails
    /// leaves nothing, and only the action's commit makes it visible.
    fn write<T>(
        &mut self,
        what: &str,
        f: impl FnOnce(&Connection) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.writable()?;
        if self.journaling {
            let sp = self
                .conn
                .savepoint()
                .with_context(|| format!("starting to {what}"))?;
            let out = f(&sp)?;
            sp.commit().with_context(|| format!("saving: {what}"))?;
            return Ok(out);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .with_context(|| format!("starting to {what}"))?;
        let out = f(&tx)?;
        tx.commit().with_context(|| format!("saving: {what}"))?;
        Ok(out)
    }
}

impl Book for SqliteBook {
    /// WAL lets the second connection read the last committed book beside this one.
    fn reopen(&self) -> Reopen {
        let path = self.path.clone();
        Box::new(move || Ok(Box::new(SqliteBook::open(&path)?) as Box<dyn Book>))
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn warning(&self) -> Option<String> {
        self.permission_warning()
    }

    fn bulk(&mut self) -> anyhow::Result<Box<dyn Bulk + '_>> {
        Ok(Box::new(self.start_bulk()?))
    }

    fn changed_elsewhere(&mut self) -> anyhow::Result<bool> {
        self.changed_since_seen()
    }
}

/// What a failed command ran into when it was the database, not the input: said so that a
/// person can act on it. `None` for every other error.
pub(crate) fn trouble(e: &anyhow::Error, path: &Path) -> Option<String> {
    let code = e
        .chain()
        .find_map(|c| c.downcast_ref::<rusqlite::Error>()?.sqlite_error_code())?;
    let path = path.display();
    Some(match code {
        // Not "the disk holding the database": a backup fills the destination's.
        rusqlite::ErrorCode::DiskFull => {
            "a disk is full, so nothing was saved — free some space and try again".to_string()
        }
        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => format!(
            "another program kept '{path}' locked for {} minutes, so nothing was changed — try again once it is done",
            WAIT_FOR_WRITERS.as_secs() / 60
        ),
        rusqlite::ErrorCode::ReadOnly => format!(
            "'{path}' cannot be written (a read-only file, directory or disk), so nothing was changed"
        ),
        _ => return None,
    })
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::NotADatabase
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_database_is_said_to_be_full() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA max_page_count = 2;")
            .unwrap();
        let err = conn
            .execute("INSERT INTO t VALUES (zeroblob(100000))", [])
            .unwrap_err();
        let err = anyhow::Error::new(err).context("saving: log a contact");
        let said = trouble(&err, Path::new("/data/touchbase.db")).expect("explained");
        assert!(said.contains("a disk is full"), "{said}");
        assert!(said.contains("nothing was saved"), "{said}");
    }

    #[test]
    fn a_statement_run_with_new_values_is_not_compiled_again() {
        // Without the planner stability guarantee SQLite 3.53 recompiles a statement whose
        // `LIMIT ?` it planned by each time the value changes: every walk behind `due`.
        let dir = tempfile::tempdir().unwrap();
        let book = SqliteBook::open(&dir.path().join("book.db")).unwrap();
        let sql = "SELECT id FROM follow_ups WHERE done_at IS NULL AND value_tier = ?1
                   ORDER BY due, id LIMIT ?2";
        for (tier, limit) in [(0, 8), (1, 50), (2, 3)] {
            let mut stmt = book.conn.prepare_cached(sql).unwrap();
            let rows = stmt.query_map([tier, limit], |r| r.get::<_, i64>(0)).unwrap();
            assert_eq!(rows.count(), 0);
            assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
        }
    }

    #[test]
    fn other_errors_are_left_alone() {
        let err = anyhow::anyhow!("no customer matches 'Zed'");
        assert_eq!(trouble(&err, Path::new("x.db")), None);
    }
}
