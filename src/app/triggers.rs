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

impl super::undo::Undoable for Opened {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let said = format!(
            "opened a {} trigger for {}",
            self.trigger.kind, self.customer.name
        );
        Some(super::undo::entry(said, &self.change))
    }
}

/// A resolved trigger, whose it is, and how to reopen it.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub trigger: Trigger,
    pub customer: Customer,
    pub change: Change,
}

impl super::undo::Undoable for Resolved {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let said = format!(
            "resolved the {} trigger of {}",
            self.trigger.kind, self.customer.name
        );
        Some(super::undo::entry(said, &self.change))
    }
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

pub(crate) fn resolve(store: &mut dyn Book, now: Now, id: i64) -> anyhow::Result<Resolved> {
    let trigger = store.resolve_trigger(id, now.utc)?;
    let customer = store.require_customer(trigger.customer_id)?;
    let change = Change::TriggerResolved {
        id,
        kind: trigger.kind,
        resolved_at: trigger
            .resolved_at
            .ok_or_else(|| anyhow::anyhow!("trigger {id} was resolved but reads as open"))?,
    };
    Ok(Resolved {
        trigger,
        customer,
        change,
    })
}
