//! Archiving a customer (out of the agenda, the lists, the week and the ranking, with
//! everything recorded kept) and bringing one back. Knows the rule that doing either twice
//! changes nothing, not the key or the command that asked for it.

use super::customers::{Shelf, Who, find_including_archived};
use crate::clock::Now;
use crate::domain::Customer;
use crate::store::{Book, Change};

/// A customer as archiving or bringing back left them.
#[derive(Debug, Clone)]
pub struct Shelved {
    pub customer: Customer,
    /// How to take it back; `None` when they already were so and nothing was written.
    pub change: Option<Change>,
}

impl super::undo::Undoable for Shelved {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let change = self.change.as_ref()?;
        let name = &self.customer.name;
        let said = match change {
            Change::CustomerArchived { archived: false, .. } => {
                format!("brought {name} back from the archive")
            }
            _ => format!("archived {name}"),
        };
        Some(super::undo::entry(said, change))
    }
}

/// Archives `who` (an active customer by name first, else an archived one, so that
/// archiving one twice can say so).
pub fn archive(store: &mut dyn Book, now: Now, who: Who<'_>) -> anyhow::Result<Shelved> {
    let id = find_including_archived(store, who, Shelf::Active)?.id;
    set(store, now, id, true)
}

/// Brings `who` back from the archive (an archived customer by name first).
pub fn unarchive(store: &mut dyn Book, now: Now, who: Who<'_>) -> anyhow::Result<Shelved> {
    let id = find_including_archived(store, who, Shelf::Archived)?.id;
    set(store, now, id, false)
}

fn set(store: &mut dyn Book, now: Now, id: i64, archived: bool) -> anyhow::Result<Shelved> {
    // The store decides whether the flag changes, in the transaction that changes it: the
    // customer as found may be out of date by then.
    let changed = store.set_archived(id, archived, now.utc)?;
    let customer = store.require_customer(id)?;
    let change = changed.then(|| Change::CustomerArchived {
        id: customer.id,
        name: customer.name.clone(),
        archived,
    });
    Ok(Shelved { customer, change })
}
