//! The edit-and-delete part of the contract: any logged record (a contact, a follow-up, a
//! decision moment, a trigger, a give or ask, an order) read by id, changed field by field,
//! or deleted, each in one transaction that leaves the customer's summaries right. The
//! rows as plain data, so that undo can put back exactly what was there. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::contacts::Interaction;
use super::ledger::Order;
use super::undo::CustomerFields;
use crate::domain::balance::{BalanceEntry, Side};
use crate::domain::moment::{Moment, MomentStatus};
use crate::domain::money::Cents;
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::domain::{FollowUp, Kind};

/// A logged record, by kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Record {
    Contact(i64),
    FollowUp(i64),
    Moment(i64),
    Trigger(i64),
    /// A give or an ask: one table, one id space.
    Entry(i64),
    Order(i64),
}

impl Record {
    pub fn id(self) -> i64 {
        match self {
            Record::Contact(id)
            | Record::FollowUp(id)
            | Record::Moment(id)
            | Record::Trigger(id)
            | Record::Entry(id)
            | Record::Order(id) => id,
        }
    }

    /// What the record is called in messages ("no {what} with id 7").
    pub fn what(self) -> &'static str {
        match self {
            Record::Contact(_) => "contact",
            Record::FollowUp(_) => "follow-up",
            Record::Moment(_) => "decision moment",
            Record::Trigger(_) => "trigger",
            Record::Entry(_) => "give/ask",
            Record::Order(_) => "order",
        }
    }
}

/// A change to some fields of a contact; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactPatch {
    pub kind: Option<Kind>,
    pub at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    /// `Some(None)` clears the satisfaction.
    pub satisfaction: Option<Option<u8>>,
    /// The person it was with, one of its customer's people.
    pub person_id: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpPatch {
    pub text: Option<String>,
    pub due: Option<NaiveDate>,
}

/// A change to a decision moment. The status is also its outcome: won, lost or passed
/// closes it (now, unless it was closed already), upcoming opens it again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MomentPatch {
    pub title: Option<String>,
    pub expected: Option<NaiveDate>,
    pub concerns: Option<String>,
    pub steps: Option<String>,
    pub response: Option<String>,
    pub status: Option<MomentStatus>,
    /// How it went, in words; `Some("")` clears it.
    pub outcome_note: Option<String>,
    /// Who takes part, by person id: the whole set, replacing the one there (each one of
    /// the customer's people, else `NotTheirs`).
    pub people: Option<Vec<(i64, crate::domain::moment::Part)>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TriggerPatch {
    pub kind: Option<TriggerKind>,
    pub note: Option<String>,
    /// How it was resolved, in words; `Some("")` clears it.
    pub resolution_note: Option<String>,
}

/// A change to a give or an ask.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryPatch {
    pub side: Option<Side>,
    pub note: Option<String>,
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderPatch {
    pub amount: Option<Cents>,
    pub ordered_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// One logged record as it is stored, whatever its kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "row", rename_all = "snake_case")]
pub enum Row {
    Contact(Interaction),
    FollowUp(FollowUp),
    Moment(Moment),
    Trigger(Trigger),
    Entry(BalanceEntry),
    Order(Order),
}

impl Row {
    pub fn record(&self) -> Record {
        match self {
            Row::Contact(r) => Record::Contact(r.id),
            Row::FollowUp(r) => Record::FollowUp(r.id),
            Row::Moment(r) => Record::Moment(r.id),
            Row::Trigger(r) => Record::Trigger(r.id),
            Row::Entry(r) => Record::Entry(r.id),
            Row::Order(r) => Record::Order(r.id),
        }
    }

    pub fn customer_id(&self) -> i64 {
        match self {
            Row::Contact(r) => r.customer_id,
            Row::FollowUp(r) => r.customer_id,
            Row::Moment(r) => r.customer_id,
            Row::Trigger(r) => r.customer_id,
            Row::Entry(r) => r.customer_id,
            Row::Order(r) => r.customer_id,
        }
    }
}

/// What a deleted row held besides its record, so that undo puts it back exactly: the
/// bookkeeping columns of its table, and for a contact the rows its line created, which
/// the delete kept and unlinked from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The contact whose line created this follow-up, give or trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_id: Option<i64>,
    /// When a follow-up or an order was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// A follow-up's first due day and how often it was snoozed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_due: Option<NaiveDate>,
    #[serde(default)]
    pub snoozes: i64,
    /// A give's or ask's weight (1 to 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// A contact's direction ("out"; "in" only from other tools).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// The rows a deleted contact's line created, kept and unlinked from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlinked: Vec<Record>,
}

/// A deleted row and what else it held.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub row: Row,
    pub kept: Kept,
}

/// A deleted customer as they were, with every record of theirs (contacts first), so that
/// undo can put them all back with their own ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovedCustomer {
    pub id: i64,
    pub fields: CustomerFields,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub rows: Vec<(Row, Kept)>,
    /// The names they were also known by (those merged into them), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<FormerName>,
    /// Their pause, so undo puts it back too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<crate::domain::Pause>,
    /// Their people as stored, main first, with their details: whom the contacts, the
    /// moments and the leavers' triggers in `rows` name. Empty in entries older than
    /// people (undo then makes a main person of the customer's own fields).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<RemovedPerson>,
}

/// A person of a deleted customer, their row as it was stored, so undo puts them back
/// under their own id (their details under theirs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedPerson {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub notes: String,
    pub main: bool,
    /// The day they left, as stored ('YYYY-MM-DD').
    pub left_on: Option<String>,
    pub left_to: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub details: Vec<RemovedDetail>,
}

/// One e-mail address or phone number of a removed person, as stored; its key is
/// derived again from the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedDetail {
    pub id: i64,
    /// "email" or "phone".
    pub kind: String,
    pub label: String,
    pub value: String,
    pub position: i64,
}

/// A name a customer is also known by, kept when another customer was merged into them;
/// by its own id, so that undoing the merge still finds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormerName {
    pub id: i64,
    pub name: String,
    /// The id the merged customer had.
    pub merged_from: i64,
}

/// How many records of each kind a customer has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordCounts {
    pub contacts: i64,
    pub follow_ups: i64,
    pub moments: i64,
    pub triggers: i64,
    pub entries: i64,
    pub orders: i64,
}

impl RecordCounts {
    /// Each kind with how many, as a person names them, leaving out kinds with none:
    /// `["2 contacts", "1 order"]`.
    pub fn named(&self) -> Vec<String> {
        crate::domain::prose::records([
            self.contacts,
            self.follow_ups,
            self.moments,
            self.triggers,
            self.entries,
            self.orders,
        ])
    }
}

/// One row before and after an edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Revised<T> {
    pub before: T,
    pub after: T,
}

/// Reading, editing and deleting logged records. Every edit and delete is one transaction
/// that also recomputes the customer's summaries (last contact, value, satisfaction and
/// the previous one, give/take, tier). `NotFound` for an id that does not exist, and then
/// nothing is changed. An edit writes the fields its patch holds (text as given: trimming
/// and checking are the use cases') and nothing else.
pub trait Records {
    fn interaction(&self, id: i64) -> anyhow::Result<Option<Interaction>>;

    fn balance_entry(&self, id: i64) -> anyhow::Result<Option<BalanceEntry>>;

    fn order(&self, id: i64) -> anyhow::Result<Option<Order>>;

    /// The record, whatever its kind, or `None`.
    fn row(&self, record: Record) -> anyhow::Result<Option<Row>>;

    fn edit_contact(&mut self, id: i64, patch: &ContactPatch) -> anyhow::Result<Revised<Interaction>>;

    fn edit_follow_up(&mut self, id: i64, patch: &FollowUpPatch) -> anyhow::Result<Revised<FollowUp>>;

    /// `now` is when a moment the patch closes was closed.
    fn edit_moment(
        &mut self,
        id: i64,
        patch: &MomentPatch,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Revised<Moment>>;

    fn edit_trigger(&mut self, id: i64, patch: &TriggerPatch) -> anyhow::Result<Revised<Trigger>>;

    fn edit_entry(&mut self, id: i64, patch: &EntryPatch) -> anyhow::Result<Revised<BalanceEntry>>;

    fn edit_order(&mut self, id: i64, patch: &OrderPatch) -> anyhow::Result<Revised<Order>>;

    /// Deletes the record. A contact's follow-up, give or trigger (created by its line)
    /// is kept, unlinked from it, and listed in `Kept::unlinked`.
    fn delete_record(&mut self, record: Record) -> anyhow::Result<Removed>;

    /// What deleting the customer would delete with them. `NotFound` when there is none.
    fn count_records(&self, customer_id: i64) -> anyhow::Result<RecordCounts>;

    /// Deletes the customer and every record of theirs, in one transaction.
    fn delete_customer(&mut self, customer_id: i64) -> anyhow::Result<RemovedCustomer>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The journal keeps a change as JSON: every row and what a delete kept come back the
    /// same.
    #[test]
    fn rows_and_what_a_delete_kept_survive_json() {
        let at = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        let rows = [
            Row::Contact(Interaction {
                id: 7,
                customer_id: 1,
                at,
                kind: Kind::Gift,
                note: "hamper “xl”".into(),
                satisfaction: Some(5),
                person_id: Some(3),
            }),
            Row::Entry(BalanceEntry {
                id: 3,
                customer_id: 1,
                side: Side::Ask,
                note: "referral".into(),
                at,
            }),
            Row::Order(Order {
                id: 2,
                customer_id: 1,
                ordered_on: at.date_naive(),
                amount: Cents(125_050),
                currency: "EUR".into(),
                note: String::new(),
            }),
            Row::Trigger(Trigger {
                id: 4,
                customer_id: 1,
                kind: TriggerKind::Reactional,
                note: "late".into(),
                opened_at: at,
                resolved_at: Some(at),
                resolution_note: "sent a counter-offer at -5%".into(),
                person_id: None,
                answered_at: None,
            }),
        ];
        for row in rows {
            let json = serde_json::to_string(&row).unwrap();
            assert_eq!(serde_json::from_str::<Row>(&json).unwrap(), row, "{json}");
        }
        let kept = Kept {
            interaction_id: Some(7),
            snoozes: 2,
            unlinked: vec![Record::FollowUp(5), Record::Entry(3)],
            ..Kept::default()
        };
        let json = serde_json::to_string(&kept).unwrap();
        assert_eq!(serde_json::from_str::<Kept>(&json).unwrap(), kept, "{json}");
    }
}
