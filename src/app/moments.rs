//! Decision moments in a customer's buying process: planning one, closing one with how it
//! went, naming who takes part (by name, resolved among the customer's people). Knows the
//! rules for a moment's typed fields, not the form or the arguments.

use super::customers::{Who, find};
use super::refused::Refused;
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::moment::{BadOutcome, Moment, MomentPerson, MomentStatus, NewMoment, Part};
use crate::domain::typed;
use crate::domain::when::parse_workday;
use crate::domain::workdays::Workdays;
use crate::store::{Book, Change, NotFound, NotOpen};

/// A moment's fields as the user typed them; `when` is a day ("fri", "+2w", "2026-12-10").
#[derive(Debug, Clone, Copy, Default)]
pub struct MomentInput<'a> {
    pub title: &'a str,
    pub when: &'a str,
    pub concerns: &'a str,
    pub steps: &'a str,
    pub response: &'a str,
    /// How it went, for a moment recorded after the fact ("won", "lost", "passed"); empty
    /// for one still ahead.
    pub outcome: &'a str,
    /// Who takes part: for each part, the names typed as a comma list ("anna, jan");
    /// see [`people`].
    pub people: &'a [(Part, String)],
}

/// A planned moment, whose it is, and how to take the planning back.
#[derive(Debug, Clone)]
pub struct Planned {
    pub moment: Moment,
    pub customer: Customer,
    pub change: Change,
}

impl super::undo::Undoable for Planned {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let said = format!("planned “{}” for {}", self.moment.title, self.customer.name);
        Some(super::undo::entry(said, &self.change))
    }
}

/// A closed moment, whose it is, and how to reopen it.
#[derive(Debug, Clone)]
pub struct Closed {
    pub moment: Moment,
    pub customer: Customer,
    pub change: Change,
}

impl super::undo::Undoable for Closed {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let m = &self.moment;
        let said = format!("closed “{}” as {} for {}", m.title, m.status, self.customer.name);
        Some(super::undo::entry(said, &self.change))
    }
}

pub fn plan(
    store: &mut dyn Book,
    now: Now,
    workdays: Workdays,
    who: Who<'_>,
    input: &MomentInput<'_>,
) -> anyhow::Result<Planned> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(Refused::NoTitle.into());
    }
    let expected = parse_workday(input.when, now.today(), workdays).map_err(Refused::from)?;
    let outcome = closing_outcome(input.outcome)?;
    if expected < now.today() && outcome.is_none() {
        return Err(Refused::MomentInPast(input.when.trim().to_string()).into());
    }
    let mut new = NewMoment {
        title: title.to_string(),
        expected,
        concerns: input.concerns.trim().to_string(),
        steps: input.steps.trim().to_string(),
        response: input.response.trim().to_string(),
        people: Vec::new(),
    };
    typed::moment(&new).map_err(Refused::from)?;
    let customer = find(store, who)?;
    new.people = people(store, customer.id, input.people, &[])?;
    let mut moment = store.add_moment(customer.id, &new, now.utc)?;
    if let Some(status) = outcome {
        moment = store.close_moment(moment.id, status, "", now.utc)?;
    }
    // One moment added, closed or not: undoing the planning removes it either way.
    let change = Change::MomentAdded {
        moment: moment.clone(),
    };
    Ok(Planned {
        moment,
        customer,
        change,
    })
}

/// The people of a moment of customer `customer_id` once `typed` is applied to `before`:
/// each part listed is replaced by the people its names resolve to
/// (`people::resolve_person`: a name that fits no one, or several, refuses it all), each
/// part not listed keeps its people. An empty list clears its part.
pub fn people(
    store: &dyn Book,
    customer_id: i64,
    typed: &[(Part, String)],
    before: &[MomentPerson],
) -> anyhow::Result<Vec<(i64, Part)>> {
    let mut set: Vec<(i64, Part)> = before
        .iter()
        .filter(|p| !typed.iter().any(|(part, _)| *part == p.part))
        .map(|p| (p.id, p.part))
        .collect();
    for (part, names) in typed {
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let person = super::people::resolve_person(store, customer_id, name)?;
            if !set.contains(&(person.id, *part)) {
                set.push((person.id, *part));
            }
        }
    }
    Ok(set)
}

/// Edits moment `id` as `patch` says, and the people `typed` names (see [`people`]; none
/// typed leaves them as they are): `records::edit_moment`, with the names resolved among
/// the moment's customer's people.
pub fn edit(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    patch: &crate::store::MomentPatch,
    typed: &[(Part, String)],
) -> anyhow::Result<super::records::Edited<Moment>> {
    let mut patch = patch.clone();
    if !typed.is_empty() {
        let moment = store
            .moment(id)?
            .ok_or_else(|| NotFound::new("decision moment", id))?;
        patch.people = Some(people(store, moment.customer_id, typed, &moment.people)?);
    }
    super::records::edit_moment(store, now, id, &patch)
}

/// The status an outcome typed closes a moment with; `None` for none typed.
fn closing_outcome(outcome: &str) -> anyhow::Result<Option<MomentStatus>> {
    if outcome.trim().is_empty() {
        return Ok(None);
    }
    let status: MomentStatus = outcome.parse().map_err(Refused::from)?;
    if status == MomentStatus::Upcoming {
        return Err(Refused::from(BadOutcome(outcome.trim().to_string())).into());
    }
    Ok(Some(status))
}

/// The outcome a moment is closed with: won, lost or passed (not upcoming, not nothing).
/// The TUI asks it before the note, so it is refused before the note is typed.
pub fn outcome(typed: &str) -> anyhow::Result<MomentStatus> {
    Ok(closing_outcome(typed)?.ok_or_else(|| Refused::from(BadOutcome(typed.trim().to_string())))?)
}

/// Moment `id` if it is still open to be closed: `NotFound`, or `NotOpen` when it was
/// closed already (by another process, perhaps, since the screen showed it).
pub fn closable(store: &dyn Book, id: i64) -> anyhow::Result<Moment> {
    let moment = store
        .moment(id)?
        .ok_or_else(|| NotFound::new("decision moment", id))?;
    if moment.status != MomentStatus::Upcoming {
        return Err(NotOpen::MomentClosed {
            id,
            status: moment.status,
        }
        .into());
    }
    Ok(moment)
}

/// Closes moment `id` as won, lost or passed, with a note on how it went (empty: none).
pub(crate) fn close(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    outcome: &str,
    note: &str,
) -> anyhow::Result<Closed> {
    let status = self::outcome(outcome)?;
    let note = note.trim();
    typed::outcome_note(note).map_err(Refused::from)?;
    let before = closable(store, id)?;
    let moment = store.close_moment(id, status, note, now.utc)?;
    let customer = store.require_customer(moment.customer_id)?;
    let change = Change::MomentClosed {
        id,
        title: moment.title.clone(),
        status: moment.status,
        closed_at: moment
            .closed_at
            .ok_or_else(|| anyhow::anyhow!("decision moment {id} was closed but reads as open"))?,
        note: moment.outcome_note.clone(),
        note_before: before.outcome_note,
    };
    Ok(Closed {
        moment,
        customer,
        change,
    })
}
