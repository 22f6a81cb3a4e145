//! Waiting for another process's write instead of failing: the busy handler every
//! connection gets, and switching a new database to WAL while another process may be
//! creating it too. Knows locks and time, not what is written.
//!
//! Why wait, rather than make imports let others in between chunks: an import matches
//! every record against the book as it is, and stays all or nothing by being one
//! transaction. Committing it in chunks would let another writer change the book between
//! the matching and the writing (a customer added twice, a merge into one just archived),
//! and hiding the committed chunks until the end would need every query to skip them. So
//! an import holds the write lock for as long as it writes (measured: 15 s for 100,000 new
//! customers in a debug build, after 6 s of reading the file without the lock), and a
//! `log` meanwhile waits for it, saying so after a second, instead of failing after the
//! 5 s timeout it used to have. Readers never wait: WAL lets them read
//! the last committed book while a write goes on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode};

/// How long a write waits for another process's write before giving up.
pub const WAIT_FOR_WRITERS: Duration = Duration::from_mins(10);
/// How long a wait goes unexplained.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// The notice has been given in this process: once is enough.
static NOTICED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// When the current wait for a lock began.
    static WAIT_STARTED: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

pub fn install(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(patient))
}

/// How long the busy handler sleeps on its first calls for one lock, then on every later one.
const DELAYS_MS: [u64; 8] = [1, 2, 5, 10, 15, 20, 25, 50];

/// SQLite's busy handler: called with how many times it was already called for this lock;
/// sleeps a little and asks to retry, until `WAIT_FOR_WRITERS` has passed.
fn patient(count: i32) -> bool {
    let now = Instant::now();
    let started = if count == 0 {
        WAIT_STARTED.set(Some(now));
        now
    } else {
        WAIT_STARTED.get().unwrap_or(now)
    };
    let waited = now.duration_since(started);
    if waited >= WAIT_FOR_WRITERS {
        return false;
    }
    if waited >= QUIET_FOR && !NOTICED.swap(true, Ordering::Relaxed) {
        crate::store::waiting_for_another_writer();
    }
    // Short sleeps first, as SQLite's own timeout does, so a brief write costs little.
    let delay = DELAYS_MS[(count as usize).min(DELAYS_MS.len() - 1)];
    std::thread::sleep(Duration::from_millis(delay));
    true
}

/// Switches the database to WAL. This needs an exclusive lock that SQLite takes without
/// the busy handler, so when two processes create the same database at once the second
/// gets SQLITE_BUSY right away: it retries until the first is done.
pub fn until_wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = Instant::now();
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(e) if is_busy(&e) && started.elapsed() < WAIT_FOR_WRITERS => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}
