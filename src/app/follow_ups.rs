//! Follow-ups, the promises made to a customer: adding one ("send proposal @fri"), marking
//! one done (or several, after a log settled them), snoozing one to a later day. Knows the rules for their dates, not the prompt
//! or the arguments they were typed in.

use super::customers::{Who, find};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::follow_up::{parse_plan, snooze_until};
use crate::domain::prose::and_list;
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

/// Several follow-ups of one customer marked done as one action (the checklist after a
/// log), and how to take them all back at once.
#[derive(Debug, Clone)]
pub struct DoneSeveral {
    /// Those marked done now; any another process closed meanwhile are left out.
    pub follow_ups: Vec<FollowUp>,
    pub customer: Customer,
    pub change: Change,
}

impl DoneSeveral {
    /// “Send proposal”, or “A” and “B”, or 3 follow-ups.
    pub fn named(&self) -> String {
        match self.follow_ups.as_slice() {
            many @ [_, _, _, ..] => format!("{} follow-ups", many.len()),
            few => and_list(&few.iter().map(|f| format!("“{}”", f.text)).collect::<Vec<_>>()),
        }
    }
}

impl Undoable for DoneSeveral {
    fn journaled(&self) -> Option<Journaled> {
        if self.follow_ups.is_empty() {
            return None;
        }
        let said = format!("marked {} done for {}", self.named(), self.customer.name);
        Some(entry(said, &self.change))
    }
}

/// Marks the follow-ups `ids` of customer `customer_id` done, in one action: those still
/// open (another process may have closed one since they were listed). An id of another
/// customer's is `NotFound` for this one, and nothing is marked.
pub fn done_several(
    store: &mut dyn Book,
    now: Now,
    customer_id: i64,
    ids: &[i64],
) -> anyhow::Result<DoneSeveral> {
    let customer = store.require_customer(customer_id)?;
    let mut follow_ups = Vec::with_capacity(ids.len());
    for &id in ids {
        let f = store.require_follow_up(id)?;
        if f.customer_id != customer_id {
            return Err(crate::store::NotFound::new("follow-up", id).into());
        }
        if f.done_at.is_none() {
            follow_ups.push(store.complete_follow_up(id, now.utc)?);
        }
    }
    let ids = follow_ups.iter().map(|f| f.id).collect();
    // As the book holds it, which may be less precise than the clock.
    let done_at = follow_ups.iter().find_map(|f| f.done_at).unwrap_or(now.utc);
    Ok(DoneSeveral {
        follow_ups,
        customer,
        change: Change::FollowUpsDone { ids, done_at },
    })
}
