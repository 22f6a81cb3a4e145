//! Switching triggers: opening one (situational, reactional, influential) with a note,
//! resolving one. Knows the rules for what is typed, not the prompt or the arguments.

use super::customers::{Who, find};
use super::refused::Refused;
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::domain::typed;
use crate::store::{Book, Change, NotOpen};

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
            "opened {} trigger for {}",
            self.trigger.kind.with_article(),
            self.customer.name
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

/// Trigger `id` if it is still open to be resolved: `NotFound`, or `NotOpen` when it was
/// resolved already (by another process, perhaps, since the screen showed it).
pub fn resolvable(store: &dyn Book, id: i64) -> anyhow::Result<Trigger> {
    let trigger = store.require_trigger(id)?;
    if let Some(at) = trigger.resolved_at {
        return Err(NotOpen::TriggerResolved {
            id,
            on: at.date_naive(),
        }
        .into());
    }
    Ok(trigger)
}

/// Resolves trigger `id`, with a note on how (empty: none).
pub(crate) fn resolve(store: &mut dyn Book, now: Now, id: i64, note: &str) -> anyhow::Result<Resolved> {
    let note = note.trim();
    typed::resolution_note(note).map_err(Refused::from)?;
    let before = resolvable(store, id)?;
    let trigger = store.resolve_trigger(id, note, now.utc)?;
    let customer = store.require_customer(trigger.customer_id)?;
    let change = Change::TriggerResolved {
        id,
        kind: trigger.kind,
        resolved_at: trigger
            .resolved_at
            .ok_or_else(|| anyhow::anyhow!("trigger {id} was resolved but reads as open"))?,
        note: trigger.resolution_note.clone(),
        note_before: before.resolution_note,
    };
    Ok(Resolved {
        trigger,
        customer,
        change,
    })
}
