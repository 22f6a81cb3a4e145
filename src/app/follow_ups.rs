//! Follow-ups, the promises made to a customer: adding one ("send proposal @fri"), marking
//! one done, snoozing one to a later day. Knows the rules for their dates, not the prompt
//! or the arguments they were typed in.

use super::customers::{Who, find};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::follow_up::{parse_plan, snooze_until};
use crate::domain::workdays::Workdays;
use crate::domain::{Customer, FollowUp};
use crate::store::{Book, Change, Journaled};

/// A follow-up as an action left it, whose it is, and how to take the action back.
#[derive(Debug, Clone)]
pub struct Done {
    pub follow_up: FollowUp,
    pub customer: Customer,
    pub change: Change,
}

impl Done {
    /// A snooze to a named day before the follow-up's own date moved it earlier.
    pub fn moved_earlier(&self) -> bool {
        matches!(self.change, Change::FollowUpSnoozed { from, to, .. } if to < from)
    }
}

impl Undoable for Done {
    fn journaled(&self) -> Option<Journaled> {
        let (text, name) = (&self.follow_up.text, &self.customer.name);
        let said = match &self.change {
            Change::FollowUpAdded { .. } => format!("added the follow-up “{text}” for {name}"),
            Change::FollowUpDone { .. } => format!("marked “{text}” done for {name}"),
            Change::FollowUpSnoozed { from, to, .. } => {
                let day = |d: &chrono::NaiveDate| d.format("%a %-d %b %Y").to_string();
                let moved = if to < from { "moved earlier" } else { "snoozed" };
                format!("{moved} “{text}” for {name} from {} to {}", day(from), day(to))
            }
            _ => format!("changed the follow-up “{text}” for {name}"),
        };
        Some(entry(said, &self.change))
    }
}

/// "send proposal @fri": a new follow-up for `who`, due tomorrow without a day.
pub(crate) fn add(
    store: &mut dyn Book,
    now: Now,
    workdays: Workdays,
    who: Who<'_>,
    line: &str,
) -> anyhow::Result<Done> {
    let (text, due) = parse_plan(line, now.today(), workdays).map_err(Refused::Plan)?;
    let customer = find(store, who)?;
    let follow_up = store.add_follow_up(customer.id, &text, due, now.utc)?;
    let change = Change::FollowUpAdded {
        follow_up: follow_up.clone(),
    };
    Ok(Done {
        follow_up,
        customer,
        change,
    })
}

pub(crate) fn done(store: &mut dyn Book, now: Now, id: i64) -> anyhow::Result<Done> {
    let follow_up = store.complete_follow_up(id, now.utc)?;
    let done_at = follow_up
        .done_at
        .ok_or_else(|| anyhow::anyhow!("follow-up {id} was marked done but reads as open"))?;
    let customer = store.require_customer(follow_up.customer_id)?;
    Ok(Done {
        follow_up,
        customer,
        change: Change::FollowUpDone { id, done_at },
    })
}

/// Moves follow-up `id` to the day `when` names (see `snooze_until`), which must be after
/// today: a snooze that leaves it due is no snooze. A named day before its own date moves
/// it earlier (`Done::moved_earlier`), and the front ends say so.
pub fn snooze(
    store: &mut dyn Book,
    now: Now,
    workdays: Workdays,
    id: i64,
    when: &str,
) -> anyhow::Result<Done> {
    let today = now.today();
    let before = store.require_follow_up(id)?;
    let until = snooze_until(when, before.due, today, workdays).map_err(Refused::from)?;
    if until <= today {
        return Err(Refused::SnoozeNotLater(when.trim().to_string()).into());
    }
    let follow_up = store.snooze_follow_up(id, until)?;
    let customer = store.require_customer(follow_up.customer_id)?;
    Ok(Done {
        change: Change::FollowUpSnoozed {
            id,
            from: before.due,
            to: follow_up.due,
        },
        follow_up,
        customer,
    })
}
