//! Editing and deleting any logged record — a contact, a follow-up, a decision moment, a
//! trigger, a give or ask, an order — at any later time, for both front ends: the checks
//! on what was typed, the one transaction in the store, the undo `Change` and the sentence
//! that says what was done. Customers are edited in `customers`.

use chrono::{DateTime, NaiveDate, Utc};

use super::refused::Refused;
use crate::clock::Now;
use crate::domain::balance::{BalanceEntry, Side};
use crate::domain::moment::{Moment, MomentStatus};
use crate::domain::money::Cents;
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::domain::{Customer, FollowUp, Kind};
use crate::store::{Book, Change, Interaction, Order};

pub use crate::store::{
    ContactPatch, EntryPatch, FollowUpPatch, MomentPatch, OrderPatch, Record, Row, TriggerPatch,
};

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

pub fn edit_contact(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &ContactPatch,
) -> anyhow::Result<Edited<Interaction>> {
    let _ = (store, now, id, p);
    anyhow::bail!("not yet")
}

pub fn edit_follow_up(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &FollowUpPatch,
) -> anyhow::Result<Edited<FollowUp>> {
    let _ = (store, now, id, p);
    anyhow::bail!("not yet")
}

pub fn edit_moment(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &MomentPatch,
) -> anyhow::Result<Edited<Moment>> {
    let _ = (store, now, id, p);
    anyhow::bail!("not yet")
}

pub fn edit_trigger(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &TriggerPatch,
) -> anyhow::Result<Edited<Trigger>> {
    let _ = (store, now, id, p);
    anyhow::bail!("not yet")
}

/// A give or an ask.
pub fn edit_entry(
    store: &mut dyn Book,
    now: Now,
    id: i64,
    p: &EntryPatch,
) -> anyhow::Result<Edited<BalanceEntry>> {
    let _ = (store, now, id, p);
    anyhow::bail!("not yet")
}

pub fn edit_order(store: &mut dyn Book, now: Now, id: i64, p: &OrderPatch) -> anyhow::Result<Edited<Order>> {
    let _ = (store, now, id, p);
    anyhow::bail!("not yet")
}

/// Deletes the record. A contact's follow-up, give or trigger stays, unlinked from it.
pub fn delete(store: &mut dyn Book, now: Now, record: Record) -> anyhow::Result<Deleted> {
    let _ = (store, now, record);
    anyhow::bail!("not yet")
}

// Reading a typed field, the same for both front ends: each refuses in words that name the
// value and say what would do.

/// When a contact happened: `YYYY-MM-DD HH:MM`, `YYYY-MM-DD` or a day word (`today`,
/// `yesterday`, `mon`…, looking back), in the user's zone; never in the future.
pub fn contact_time(now: Now, typed: &str) -> Result<DateTime<Utc>, Refused> {
    let _ = (now, typed);
    Err(Refused::Plan("not yet".into()))
}

/// A day: a day word or an ISO date, as `@when` reads it.
pub fn day(now: Now, typed: &str) -> Result<NaiveDate, Refused> {
    let _ = (now, typed);
    Err(Refused::Plan("not yet".into()))
}

pub fn kind(typed: &str) -> Result<Kind, Refused> {
    let _ = typed;
    Err(Refused::Plan("not yet".into()))
}

/// `1` to `5`, or `none` to clear it.
pub fn satisfaction(typed: &str) -> Result<Option<u8>, Refused> {
    let _ = typed;
    Err(Refused::Plan("not yet".into()))
}

pub fn amount(typed: &str) -> Result<Cents, Refused> {
    let _ = typed;
    Err(Refused::Plan("not yet".into()))
}

pub fn trigger_kind(typed: &str) -> Result<TriggerKind, Refused> {
    let _ = typed;
    Err(Refused::Plan("not yet".into()))
}

pub fn side(typed: &str) -> Result<Side, Refused> {
    let _ = typed;
    Err(Refused::Plan("not yet".into()))
}

/// upcoming, won, lost or passed.
pub fn status(typed: &str) -> Result<MomentStatus, Refused> {
    let _ = typed;
    Err(Refused::Plan("not yet".into()))
}
