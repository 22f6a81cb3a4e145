//! Undo, through the journal in the book: every action a front end runs goes through
//! [`journaled`], which saves it and its journal entry in one transaction, and [`last`]
//! takes back the newest entry still open, whoever wrote it and in whichever session —
//! or refuses (`store::UndoRefused`) when another action or process changed or built on
//! it since, and then goes on to the one before next time.

use anyhow::anyhow;

use crate::clock::Now;
use crate::store::{Book, By, Change, Entry, Journaled, Undid};

/// How many entries `undo --list` shows.
pub const LISTED: usize = 20;

/// An action's outcome that can go on the journal: what it did, in words a person reads
/// later ("logged a call with Acme"), and its change. `None` when it changed nothing.
pub trait Undoable {
    fn journaled(&self) -> Option<Journaled>;
}

/// Runs `action` on `store` and puts its outcome on the journal, in one transaction: both
/// are saved, or (when the action fails or refuses) neither is. Every action of both front
/// ends that writes goes through here:
///
/// ```ignore
/// let done = undo::journaled(store, now, By::Cli, |s| log::contact(s, now, workdays, who, line))?;
/// ```
pub fn journaled<T: Undoable>(
    store: &mut dyn Book,
    now: Now,
    by: By,
    action: impl FnOnce(&mut dyn Book) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut action = Some(action);
    let mut outcome = None;
    store.journaled(by, now.utc, &mut |book| {
        let action = action
            .take()
            .ok_or_else(|| anyhow!("a journaled action ran twice"))?;
        let done = action(book)?;
        let entry = done.journaled();
        outcome = Some(done);
        Ok(entry)
    })?;
    outcome.ok_or_else(|| anyhow!("the journaled action did not run"))
}

/// Undoes the newest entry on the journal not undone yet; see [`Undid`].
pub fn last(store: &mut dyn Book, now: Now) -> anyhow::Result<Undid> {
    store.undo_latest(now.utc)
}

/// The newest [`LISTED`] entries, newest first.
pub fn list(store: &dyn Book) -> anyhow::Result<Vec<Entry>> {
    store.journal(LISTED)
}

/// The journal entry of `change`, said as `said`.
pub(crate) fn entry(said: String, change: &Change) -> Journaled {
    Journaled {
        said,
        change: change.clone(),
    }
}
