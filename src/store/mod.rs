//! The store contract: [`Book`], the domain operations on one customer book that the use
//! cases and both front ends hold (as `&dyn Book`), and the plain types it speaks in. It
//! knows no SQL and no file format; `sqlite/` is its one implementation today, and the
//! only module that knows SQL. A second backend implements the same traits and runs the
//! same contract tests (tests/store/).

mod bulk;
mod contacts;
mod customers;
mod follow_ups;
mod journal;
mod ledger;
mod merge;
mod moments;
mod nudges;
mod people;
mod records;
mod reminders;
mod search;
mod snoozes;
pub mod sqlite;
mod triggers;
mod undo;
mod upkeep;
mod week;

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::moment::MomentStatus;

pub(crate) use bulk::{Bulk, PersonFill};
pub use contacts::{CannotClose, Interaction};
pub(crate) use contacts::{Contacts, Logged};
pub use customers::{CustomerPatch, CustomerRow, Customers, IndexEntry, Named, NewCustomer, SortKey};
pub(crate) use follow_ups::FollowUps;
pub use journal::{Action, By, Entry, JOURNAL_KEEP, Journaled, Undid};
pub(crate) use ledger::Ledger;
pub use ledger::Order;
pub use merge::{Filled, Merge, MergeRefused, MergedRow, Merges, Moved};
pub(crate) use moments::Moments;
pub use moments::NotTheirs;
pub use nudges::{Nudges, Rows, Stream, Window};
pub use people::People;
pub use records::{
    ContactPatch, EntryPatch, FollowUpPatch, FormerName, Kept, MomentPatch, OrderPatch, Record, RecordCounts,
    Records, Removed, RemovedCustomer, RemovedDetail, RemovedPerson, Revised, Row, TriggerPatch,
};
pub use reminders::{RemindRun, Reminders, Setting};
pub use search::{Dated, Found, Hit, SNIPPET_WIDTH, Search};
pub use snoozes::NudgeSnoozes;
pub use sqlite::{LATEST_VERSION, OpenError};
pub(crate) use triggers::Triggers;
pub use undo::{Change, CustomerFields, Followed, Undo, UndoRefused};
pub(crate) use upkeep::record_name;
pub(crate) use upkeep::{CheckReport, Damage, Problem, Upkeep};
pub(crate) use week::{Page, Weeks};

/// One customer book: every operation a user action needs, grouped by concept in the
/// supertraits (callers name only `Book`; its supertraits' methods come with it).
///
/// Each write is one transaction: all of it is saved or none. Two handles may write at
/// once (two processes, the terminal app and the CLI, later a team on one server), and
/// the contract holds for them without relying on a single writer:
/// - The summaries kept on a customer (last contact, lifetime value and last order,
///   satisfaction, give/take, value tier) are never added to or counted along: the write
///   that changes a customer's contacts, orders or give/take entries recomputes that
///   customer's summaries from the rows, inside its own transaction, after its change.
///   So two writes on one customer cannot lose each other's update as long as the
///   backend runs them one after the other: SQLite takes the write lock when the
///   transaction starts (IMMEDIATE), so a second writer waits for the first to commit
///   and then sees its rows; a server backend would lock the customer's row first
///   (`SELECT … FOR UPDATE`) or run the transaction SERIALIZABLE and retry.
/// - The checks a write makes ("already done", "already closed", undo's "changed
///   since") read inside that same transaction, so no other writer can slip in between
///   the check and the write.
/// - Ids come back from the operation that created the record; a caller never asks the
///   backend for the last id it handed out.
pub trait Book:
    Customers
    + Contacts
    + FollowUps
    + Moments
    + Triggers
    + Ledger
    + Merges
    + Records
    + Nudges
    + NudgeSnoozes
    + Search
    + Weeks
    + Undo
    + Upkeep
    + Reminders
    + People
    + Send
{
    /// How to open another handle on this book, on any thread: for reading in the
    /// background while this one serves the screen. Opening is left to the thread that
    /// uses it, so a slow open (a server far away) never holds up the caller.
    fn reopen(&self) -> Reopen;

    /// Where the book is, as a person reads it (a file's path, a server's address), for
    /// messages.
    fn location(&self) -> String;

    /// A warning to show once when the book is opened (a file other users of the machine
    /// can read), or `None`.
    fn warning(&self) -> Option<String>;

    /// Starts writing many records in one transaction.
    fn bulk(&mut self) -> anyhow::Result<Box<dyn Bulk + '_>>;

    /// Whether another handle (another process, a second terminal app, an import) has
    /// committed a change to the book since this handle opened it or last asked; this
    /// handle's own writes do not count. Cheap enough to ask a few times a second, so a
    /// screen left open can show what changed elsewhere. A backend that cannot tell may
    /// say `true` more often than needed: the caller only reads again.
    fn changed_elsewhere(&mut self) -> anyhow::Result<bool>;
}

/// Opens another handle on a book; see [`Book::reopen`].
pub(crate) type Reopen = Box<dyn FnOnce() -> anyhow::Result<Box<dyn Book>> + Send>;

/// A record the user named by id that does not exist. The front ends say where to find
/// the ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no {what} with id {id}")]
pub struct NotFound {
    /// "customer", "follow-up", "decision moment", "trigger".
    pub what: &'static str,
    pub id: i64,
}

impl NotFound {
    pub(crate) fn new(what: &'static str, id: i64) -> NotFound {
        NotFound { what, id }
    }
}

/// A write the record's state refuses: it was done, closed or resolved already. Nothing
/// was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotOpen {
    #[error("follow-up {id} was already done on {on} — nothing changed")]
    FollowUpDone { id: i64, on: NaiveDate },
    #[error("follow-up {id} is already done — only open follow-ups can be snoozed")]
    SnoozeDone { id: i64 },
    #[error("decision moment {id} was already closed as {status} — nothing changed")]
    MomentClosed { id: i64, status: MomentStatus },
    #[error("trigger {id} was already resolved on {on} — nothing changed")]
    TriggerResolved { id: i64, on: NaiveDate },
    #[error("{name} (person {id}) already left on {on} — nothing changed")]
    PersonLeft { id: i64, name: String, on: NaiveDate },
}

/// Opens the book at `location` (a database file, created with its directories if
/// needed) and brings its schema up to date; a file that is not a touchbase book, or one
/// from a newer touchbase, is refused unchanged.
pub fn open(location: &Path) -> Result<Box<dyn Book>, OpenError> {
    Ok(Box::new(sqlite::SqliteBook::open(location)?))
}

/// What a front end does when a write has waited a second for another writer (another
/// process's import, say) and goes on waiting: the command line says so on stderr; the
/// terminal app, which owns the screen, says nothing. Called at most once per process.
static ON_LONG_WAIT: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what happens when a write waits long for another writer; see [`ON_LONG_WAIT`].
/// The first call wins.
pub fn on_long_wait(notice: fn()) {
    let _ = ON_LONG_WAIT.set(notice);
}

/// Called by a backend when one of its writes has waited a second for another writer.
fn waiting_for_another_writer() {
    if let Some(notice) = ON_LONG_WAIT.get() {
        notice();
    }
}

/// Creates an empty book at `location` if there is none yet; `true` when this call
/// created it (and no other process, starting at the same moment, did). With
/// [`remove_if_unused_and_empty`], a command that fails leaves no new book behind.
pub(crate) fn create_file(location: &Path) -> Result<bool, OpenError> {
    sqlite::SqliteBook::create_file(location)
}

/// Removes the book at `location` if nothing a user wrote is in it and nobody else has it
/// open; `true` when it did.
pub(crate) fn remove_if_unused_and_empty(location: &Path) -> bool {
    sqlite::SqliteBook::remove_if_unused_and_empty(location)
}

/// What a failed command ran into when it was the book at `location`, not the input (a
/// full disk, a lock held too long, a file that cannot be written): said so that a person
/// can act on it. `None` for every other error.
pub(crate) fn trouble(e: &anyhow::Error, location: &Path) -> Option<String> {
    sqlite::trouble(e, location)
}
