//! The SQLite store: opening a database safely, migrations, and every query. This is the
//! only module that knows SQL, so a second backend can sit beside it later.

mod bulk;
mod check;
mod customers;
mod follow_ups;
mod import;
mod interactions;
mod migrations;
mod moments;
mod nudges;
mod sql;
mod summary;
mod triggers;
mod undo;
mod value;
mod week;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use bulk::Bulk;
pub use check::{CheckReport, Problem};
pub use customers::{CustomerPatch, CustomerRow, IndexEntry, NewCustomer, Sort};
pub use import::ImportReport;
pub use interactions::{Interaction, Logged};
pub use migrations::LATEST_VERSION;
pub use nudges::{Rows, Stream, Window};
pub use sql::Damage;
pub use undo::{Change, CustomerFields, UndoRefused};
pub use value::Order;
pub use week::Page;

/// Why a database could not be opened. Each message says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(
        "'{path}' was written by a newer touchbase (schema {found}, this build knows {known}) — upgrade touchbase; the file was not changed"
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error(
        "'{path}' is not a touchbase database (not an SQLite file) — pass another file with --db; the file was not changed"
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "cannot create the data directory '{path}': {source} — pass a writable location with --db or TOUCHBASE_DB"
    )]
    CannotCreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot open the database '{path}': {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("cannot upgrade the database '{path}': {source}")]
    Migration { path: PathBuf, source: anyhow::Error },
}

/// A record the user named by id that does not exist.
#[derive(Debug, thiserror::Error)]
#[error("no {what} with id {id} — {hint}")]
pub struct NotFound {
    pub what: &'static str,
    pub id: i64,
    pub hint: &'static str,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A file that is not SQLite, or whose schema is newer than this build, is refused
    /// before anything is written to it: the version check comes before `journal_mode=WAL`,
    /// which would otherwise rewrite the file header.
    pub fn open(path: &Path) -> Result<Store, OpenError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|source| OpenError::CannotCreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let sqlite = |source| OpenError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(sqlite)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(sqlite)?;

        let found: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
            Ok(v) => v,
            Err(e) if is_not_a_database(&e) => {
                return Err(OpenError::NotADatabase {
                    path: path.to_path_buf(),
                });
            }
            Err(e) => return Err(sqlite(e)),
        };
        if found > LATEST_VERSION {
            return Err(OpenError::TooNew {
                path: path.to_path_buf(),
                found,
                known: LATEST_VERSION,
            });
        }

        conn.pragma_update(None, "journal_mode", "WAL").map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sqlite)?;
        conn.pragma_update(None, "temp_store", "MEMORY").map_err(sqlite)?;
        // The page cache stays at SQLite's 2 MiB default: a larger one made a short command
        // slower, by faulting in fresh memory for pages it reads once.
        migrations::to_latest(&mut conn).map_err(|source| OpenError::Migration {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Copies the whole database to `dest` with SQLite's online backup, which gives a
    /// consistent copy even while another process writes.
    pub fn backup_to(&self, dest: &Path) -> anyhow::Result<()> {
        self.conn
            .backup(rusqlite::MAIN_DB, dest, None)
            .with_context(|| format!("backing up to '{}'", dest.display()))
    }

    /// Runs `f` in one IMMEDIATE transaction: every user action is all or nothing, and
    /// taking the write lock up front means a second process waits instead of failing
    /// half-way.
    fn write<T>(
        &mut self,
        what: &str,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .with_context(|| format!("starting to {what}"))?;
        let out = f(&tx)?;
        tx.commit().with_context(|| format!("saving: {what}"))?;
        Ok(out)
    }
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::NotADatabase
    )
}
