//! The give/take balance: recording a give (a gift, an extra service) or an ask (a
//! referral, a price increase) with a note. Knows the rules for the note, not where it was
//! typed.

use super::customers::{Who, find};
use super::refused::Refused;
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::balance::{BalanceEntry, Side};
use crate::domain::typed;
use crate::store::{Book, Change};

/// A recorded give or ask, the customer as it left them (their balance counts it), and
/// how to take it back.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub entry: BalanceEntry,
    pub customer: Customer,
    pub change: Change,
}

impl super::undo::Undoable for Recorded {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let (name, note) = (&self.customer.name, &self.entry.note);
        let said = match self.entry.side {
            Side::Give => format!("recorded a give for {name}: “{note}”"),
            Side::Ask => format!("recorded an ask of {name}: “{note}”"),
        };
        Some(super::undo::entry(said, &self.change))
    }
}

pub fn record(
    store: &mut dyn Book,
    now: Now,
    who: Who<'_>,
    side: Side,
    note: &str,
) -> anyhow::Result<Recorded> {
    let note = note.trim();
    if note.is_empty() {
        return Err(Refused::NoBalanceNote.into());
    }
    typed::note(note).map_err(Refused::from)?;
    let id = find(store, who)?.id;
    let entry = store.add_balance_entry(id, side, note, now.utc)?;
    let customer = store.require_customer(id)?;
    let change = Change::BalanceAdded { entry: entry.clone() };
    Ok(Recorded {
        entry,
        customer,
        change,
    })
}
