//! Switching triggers: opening one (situational, reactional, influential) with a note,
//! resolving one. Knows the rules for what is typed, not the prompt or the arguments.

use super::customers::{Who, find};
use super::refused::Refused;
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::domain::typed;
use crate::store::{Book, Change};

/// An opened trigger, whose it is, and how to take the opening back.
#[derive(Debug, Clone)]
pub struct Opened {
    pub trigger: Trigger,
    pub customer: Customer,
    pub change: Change,
}

/// Opens a trigger of the `kind` typed, with a note saying what happened.
pub fn open(store: &mut dyn Book, now: Now, who: Who<'_>, kind: &str, note: &str) -> anyhow::Result<Opened> {
    let kind: TriggerKind = kind.parse().map_err(Refused::from)?;
    let note = note.trim();
    if note.is_empty() {
        return Err(Refused::NoTriggerNote.into());
    }
    typed::note(note).map_err(Refused::from)?;
    let customer = find(store, who)?;
    let trigger = store.add_trigger(customer.id, kind, note, now.utc)?;
    let change = Change::TriggerAdded {
        trigger: trigger.clone(),
    };
    Ok(Opened {
        trigger,
        customer,
        change,
    })
}

pub(crate) fn resolve(store: &mut dyn Book, now: Now, id: i64) -> anyhow::Result<Trigger> {
    store.resolve_trigger(id, now.utc)
}
