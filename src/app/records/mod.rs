//! Editing and deleting any logged record — a contact, a follow-up, a decision moment, a
//! trigger, a give or ask, an order — at any later time, for both front ends: the checks
//! on what was typed, the one transaction in the store, the undo `Change` and the sentence
//! that says what was done. Customers are edited in `customers`.

mod fields;
mod said;

use crate::app::Who;
use crate::app::customers::{Shelf, find_including_archived};
use crate::app::refused::Refused;
use crate::app::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::{Moment, NewMoment};
use crate::domain::money::{BadAmount, Cents, MAX_AMOUNT};
use crate::domain::text::sanitize;
use crate::domain::trigger::Trigger;
use crate::domain::whom::{self, Whom};
use crate::domain::{Customer, FollowUp, typed};
use crate::store::{Book, Change, Interaction, Journaled, NotFound, Order, Revised};

pub use crate::store::{
    ContactPatch, EntryPatch, FollowUpPatch, MomentPatch, OrderPatch, Record, Row, TriggerPatch,
};
pub use fields::{amount, contact_time, day, kind, order_day, satisfaction, side, status, trigger_kind};

/// A record as an edit left it, its customer afterwards (summaries recomputed), how to
/// take the edit back, and what to tell the user ("Edited the call of Tue 1 Dec with Acme:
/// note").
#[derive(Debug, Clone)]
pub struct Edited<T> {
    pub record: T,
    pub customer: Customer,
    pub change: Change,
    pub said: String,
}

/// A deleted record as it was, its customer afterwards, how to put it back, and what to
/// tell the user ("Deleted the order of EUR 1,250.00 for Acme").
#[derive(Debug, Clone)]
pub struct Deleted {
    pub row: Row,
    pub customer: Customer,
    pub change: Change,
    pub said: String,
}

/// What the journal says of an action whose sentence is `said`: the same words, as read
/// later ("edited the call of Tue 1 Dec with Acme: note").
fn journal_entry(said: &str, change: &Change) -> Journaled {
    let mut chars = said.chars();
    let later = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    entry(later, change)
}

impl<T> Undoable for Edited<T> {
    fn journaled(&self) -> Option<Journaled> {
        Some(journal_entry(&self.said, &self.change))
    }
}

impl Undoable for Deleted {
    fn journaled(&self) -> Option<Journaled> {
        Some(journal_entry(&self.said, &self.change))
    }
}

impl Undoable for DeletedCustomer {
    fn journaled(&self) -> Option<Journaled> {
        Some(journal_entry(&self.said, &self.change))
    }
}

/// The fields a patch writes, by the names the user knows them by; refused when none.
fn named(fields: &[(bool, &'static str)], all: &'static str) -> Result<Vec<&'static str>, Refused> {
    let named: Vec<&'static str> = fields.iter().filter(|(set, _)| *set).map(|(_, n)| *n).collect();
    if named.is_empty() {
        return Err(Refused::NothingToChange(all));
    }
    Ok(named)
}

/// A typed text, trimmed.
fn trimmed(text: Option<&String>) -> Option<String> {
    text.map(|t| t.trim().to_string())
}

/// The outcome of an edit: the record after it, its customer, the undo and the sentence.
fn edited<T: Clone>(
    store: &dyn Book,
    now: Now,
    revised: Revised<T>,
    row: impl Fn(T) -> Row,
    fields: &[&str],
) -> anyhow::Result<Edited<T>> {
    let (before, after) = (row(revised.before), row(revised.after.clone()));
    let customer = store.require_customer(after.customer_id())?;
    let said = said::edited(&after, &customer, now, fields);
    Ok(Edited {
        record: revised.after,
        customer,
        change: Change::Edited { before, after },
        said,
    })
}

/// Kind, time (not in the future), note and satisfaction (1 to 5, or none).
pub fn edit_contact(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &ContactPatch,
) -> anyhow::Result<Edited<Interaction>> {
    let fields = named(
        &[
            (p.kind.is_some(), "kind"),
            (p.at.is_some(), "time"),
            (p.note.is_some(), "note"),
            (p.satisfaction.is_some(), "satisfaction"),
            (p.person_id.is_some(), "person"),
        ],
        "contact's kind, time, note, satisfaction or person",
    )?;
    if let Some(at) = p.at
        && at > now.utc
    {
        return Err(Refused::ContactAhead(crate::human::local_time(at, now)).into());
    }
    if let Some(Some(s)) = p.satisfaction
        && !(1..=5).contains(&s)
    {
        return Err(Refused::Satisfaction(s.to_string()).into());
    }
    let note = trimmed(p.note.as_ref());
    if let Some(note) = &note {
        typed::note(note).map_err(Refused::from)?;
    }
    let patch = ContactPatch { note, ..p.clone() };
    let revised = store.edit_contact(id, &patch)?;
    edited(store, now, revised, Row::Contact, &fields)
}

/// [`edit_contact`], and with `with` given, whom it was with: one of its customer's people,
/// found as the quick-log line finds them (`domain::whom`); no one or several is refused.
pub fn edit_contact_with(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &ContactPatch,
    with: Option<&str>,
) -> anyhow::Result<Edited<Interaction>> {
    let Some(typed) = with else {
        return edit_contact(store, now, id, p);
    };
    let contact = store.interaction(id)?.ok_or(NotFound { what: "contact", id })?;
    let customer = store.require_customer(contact.customer_id)?;
    let people = store.people_of(customer.id)?;
    let account = whom::account(&customer);
    let person_id = match whom::pick(&people, typed) {
        Whom::One(person) => person.id,
        Whom::NoOne => return Err(Refused::Whom(whom::no_one(typed.trim(), account, &people)).into()),
        Whom::Several(found) => {
            return Err(Refused::Whom(whom::several(typed.trim(), account, &found)).into());
        }
    };
    let patch = ContactPatch {
        person_id: Some(person_id),
        ..p.clone()
    };
    edit_contact(store, now, id, &patch)
}

/// Text (not empty) and due day (today or later while it is open).
pub fn edit_follow_up(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &FollowUpPatch,
) -> anyhow::Result<Edited<FollowUp>> {
    let fields = named(
        &[(p.text.is_some(), "text"), (p.due.is_some(), "due day")],
        "follow-up's text or due day",
    )?;
    let text = trimmed(p.text.as_ref());
    if let Some(text) = &text {
        if text.is_empty() {
            return Err(Refused::NoFollowUpText.into());
        }
        typed::follow_up(text).map_err(Refused::from)?;
    }
    if let Some(due) = p.due
        && due < now.today()
        && store.require_follow_up(id)?.done_at.is_none()
    {
        return Err(Refused::DueInPast(due.to_string()).into());
    }
    let patch = FollowUpPatch { text, due: p.due };
    let revised = store.edit_follow_up(id, &patch)?;
    edited(store, now, revised, Row::FollowUp, &fields)
}

/// Every field of a moment; its status is also its outcome (won, lost or passed closes
/// it, upcoming opens it again).
pub fn edit_moment(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &MomentPatch,
) -> anyhow::Result<Edited<Moment>> {
    let fields = named(
        &[
            (p.title.is_some(), "title"),
            (p.expected.is_some(), "day"),
            (p.concerns.is_some(), "concerns"),
            (p.steps.is_some(), "steps"),
            (p.response.is_some(), "response"),
            (p.status.is_some(), "status"),
            (p.outcome_note.is_some(), "outcome note"),
            (p.people.is_some(), "people"),
        ],
        "moment's title, day, concerns, steps, response, status, outcome note or people",
    )?;
    let patch = MomentPatch {
        title: trimmed(p.title.as_ref()),
        concerns: trimmed(p.concerns.as_ref()),
        steps: trimmed(p.steps.as_ref()),
        response: trimmed(p.response.as_ref()),
        outcome_note: trimmed(p.outcome_note.as_ref()),
        ..p.clone()
    };
    if patch.title.as_deref() == Some("") {
        return Err(Refused::NoTitle.into());
    }
    typed::moment(&NewMoment {
        title: patch.title.clone().unwrap_or_default(),
        expected: now.today(),
        concerns: patch.concerns.clone().unwrap_or_default(),
        steps: patch.steps.clone().unwrap_or_default(),
        response: patch.response.clone().unwrap_or_default(),
        people: Vec::new(),
    })
    .map_err(Refused::from)?;
    if let Some(note) = &patch.outcome_note {
        typed::outcome_note(note).map_err(Refused::from)?;
    }
    let revised = store.edit_moment(id, &patch, now.utc)?;
    edited(store, now, revised, Row::Moment, &fields)
}

/// Kind and note (not empty).
pub fn edit_trigger(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &TriggerPatch,
) -> anyhow::Result<Edited<Trigger>> {
    let fields = named(
        &[
            (p.kind.is_some(), "kind"),
            (p.note.is_some(), "note"),
            (p.resolution_note.is_some(), "resolution note"),
        ],
        "trigger's kind, note or resolution note",
    )?;
    let note = trimmed(p.note.as_ref());
    if let Some(note) = &note {
        if note.is_empty() {
            return Err(Refused::NoTriggerNote.into());
        }
        typed::note(note).map_err(Refused::from)?;
    }
    let resolution_note = trimmed(p.resolution_note.as_ref());
    if let Some(note) = &resolution_note {
        typed::resolution_note(note).map_err(Refused::from)?;
    }
    let patch = TriggerPatch {
        kind: p.kind,
        note,
        resolution_note,
    };
    let revised = store.edit_trigger(id, &patch)?;
    edited(store, now, revised, Row::Trigger, &fields)
}

/// A give or an ask: its side, note (not empty) and time (not in the future).
pub fn edit_entry(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &EntryPatch,
) -> anyhow::Result<Edited<BalanceEntry>> {
    let fields = named(
        &[
            (p.side.is_some(), "side"),
            (p.note.is_some(), "note"),
            (p.at.is_some(), "time"),
        ],
        "give's or ask's side, note or time",
    )?;
    let note = trimmed(p.note.as_ref());
    if let Some(note) = &note {
        if note.is_empty() {
            return Err(Refused::NoBalanceNote.into());
        }
        typed::note(note).map_err(Refused::from)?;
    }
    if let Some(at) = p.at
        && at > now.utc
    {
        return Err(Refused::ContactAhead(crate::human::local_time(at, now)).into());
    }
    let patch = EntryPatch { note, ..p.clone() };
    let revised = store.edit_entry(id, &patch)?;
    edited(store, now, revised, Row::Entry, &fields)
}

/// Amount (more than zero), day (not after today) and note.
pub fn edit_order(store: &mut dyn Book, now: Now, id: i64, p: &OrderPatch) -> anyhow::Result<Edited<Order>> {
    let fields = named(
        &[
            (p.amount.is_some(), "amount"),
            (p.ordered_on.is_some(), "day"),
            (p.note.is_some(), "note"),
        ],
        "order's amount, day or note",
    )?;
    if let Some(amount) = p.amount {
        let shown = amount.to_string();
        match amount {
            Cents(c) if c < 0 => return Err(Refused::from(BadAmount::Negative(shown)).into()),
            Cents(0) => return Err(Refused::from(BadAmount::Zero(shown)).into()),
            a if a > MAX_AMOUNT => return Err(Refused::from(BadAmount::TooLarge(shown)).into()),
            _ => {}
        }
    }
    if let Some(on) = p.ordered_on
        && on > now.today()
    {
        return Err(Refused::OrderAhead(on.to_string()).into());
    }
    let note = trimmed(p.note.as_ref());
    if let Some(note) = &note {
        typed::note(note).map_err(Refused::from)?;
    }
    let patch = OrderPatch { note, ..p.clone() };
    let revised = store.edit_order(id, &patch)?;
    edited(store, now, revised, Row::Order, &fields)
}

/// A deleted customer as they were, how to put them back with every record of theirs,
/// and what to tell the user.
#[derive(Debug, Clone)]
pub struct DeletedCustomer {
    pub customer: Customer,
    pub change: Change,
    pub said: String,
}

/// Deletes the customer `who` names and every record of theirs, once `confirmed`; before,
/// refuses saying what would go (`Refused::Unconfirmed`).
pub fn delete_customer(
    store: &mut dyn Book,
    who: Who<'_>,
    confirmed: bool,
) -> anyhow::Result<DeletedCustomer> {
    let customer = find_including_archived(store, who, Shelf::Active)?;
    let records = said::counted(&store.count_records(customer.id)?);
    if !confirmed {
        return Err(Refused::Unconfirmed {
            name: customer.name,
            records,
        }
        .into());
    }
    let removed = store.delete_customer(customer.id)?;
    let mut said = format!("Deleted {}", sanitize(&customer.name));
    if !records.is_empty() {
        said = format!("{said} and their {records}");
    }
    Ok(DeletedCustomer {
        said,
        customer,
        change: Change::CustomerDeleted { removed },
    })
}

/// Deletes the record. A contact's follow-up, give or trigger stays, unlinked from it
/// (the sentence says so): each is a promise or an event of its own.
pub fn delete(store: &mut dyn Book, now: Now, record: Record) -> anyhow::Result<Deleted> {
    let removed = store.delete_record(record)?;
    let customer = store.require_customer(removed.row.customer_id())?;
    let said = said::deleted(&removed.row, &customer, now, &removed.kept.unlinked);
    Ok(Deleted {
        change: Change::Deleted {
            row: removed.row.clone(),
            kept: removed.kept,
        },
        row: removed.row,
        customer,
        said,
    })
}
