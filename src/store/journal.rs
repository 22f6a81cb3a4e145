//! The undo journal part of the contract: every action that can be taken back leaves an
//! entry in the book itself (when, from which front end, what a person reads, and the
//! [`Change`] it made), in the action's own transaction, so that undo works from any
//! session, later, and from the other front end. Knows no SQL.

use std::fmt;

use chrono::{DateTime, Utc};

use super::undo::{Change, UndoRefused};

/// How many of the newest entries the journal keeps, undone ones included; each write
/// prunes the older ones.
pub const JOURNAL_KEEP: usize = 100;

/// Which front end wrote an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    Tui,
    Cli,
}

impl By {
    pub fn as_str(self) -> &'static str {
        match self {
            By::Tui => "tui",
            By::Cli => "cli",
        }
    }
}

impl fmt::Display for By {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an action puts on the journal: what it did, as a person reads it ("logged a call
/// with Acme"), and how to take it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Journaled {
    pub said: String,
    pub change: Change,
}

/// One entry as the journal holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub by: By,
    pub said: String,
    /// When it was undone.
    pub undone_at: Option<DateTime<Utc>>,
    /// Why it could not be undone when undo came to it (it stays on the journal as such,
    /// and undo goes on to the one before).
    pub refused: Option<String>,
}

/// What one undo did.
#[derive(Debug, Clone, PartialEq)]
pub enum Undid {
    /// The journal holds nothing left to undo.
    Nothing,
    /// `entry` was taken back, exactly as `change` wrote it.
    Undone { entry: Entry, change: Box<Change> },
    /// `entry` cannot be undone any more, and nothing was changed but the entry, which is
    /// marked so: the next undo goes on to `next`, the one before it, if any.
    Refused {
        entry: Entry,
        refused: UndoRefused,
        next: Option<Entry>,
    },
}

/// An action run by [`Undo::journaled`]: it does its work through the book it is given
/// and says what to put on the journal (`None`: it changed nothing worth undoing).
pub type Action<'a> = dyn FnMut(&mut dyn super::Book) -> anyhow::Result<Option<Journaled>> + 'a;

/// Why an entry cannot be read back: another touchbase wrote its change.
pub(crate) fn unreadable(said: &str) -> UndoRefused {
    UndoRefused {
        what: format!("“{said}”"),
        why: "this entry was written by a newer or older touchbase, which records its changes differently"
            .to_string(),
    }
}
