//! Undo: taking back one change an action made, exactly as it left it, or refusing
//! (`store::UndoRefused`) when another process changed or built on it since. Which changes
//! a session remembers, and in what order, is the front end's.

use crate::clock::Now;
use crate::store::{Book, Change};

pub fn undo(store: &mut dyn Book, now: Now, change: &Change) -> anyhow::Result<()> {
    store.undo(change, now.utc)
}
