//! The contacts part of the contract: logging a contact with everything its quick-log line
//! implies, and a customer's timeline. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::quicklog::QuickLog;
use crate::domain::{FollowUp, Kind, Tags};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interaction {
    pub id: i64,
    pub customer_id: i64,
    pub at: DateTime<Utc>,
    pub kind: Kind,
    pub note: String,
    pub satisfaction: Option<u8>,
    /// The person the contact was with; `None` for a contact from before people were
    /// recorded (read as with the main contact), or with someone since removed.
    #[serde(default)]
    pub person_id: Option<i64>,
}

/// What one logged line created, and what it wrote: undo takes back only that, and only
/// while it is still as the line left it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Logged {
    pub interaction_id: i64,
    pub follow_up_id: Option<i64>,
    pub balance_entry_id: Option<i64>,
    pub trigger_id: Option<i64>,
    /// The tags the line gave the customer, those they did not have yet. Not the tags as
    /// they were before: putting those back would drop a tag another process added since.
    pub tags_added: Tags,
    /// The follow-ups the line's `!done` or `!ID` marked done, as it left them (done when
    /// the contact happened); undo reopens them while they are still so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed: Vec<FollowUp>,
    /// The line as recorded, and when the contact happened (the line's own time, or the
    /// moment it was logged).
    pub line: QuickLog,
    pub at: DateTime<Utc>,
}

/// Why a line's `!done` or `!ID` cannot close what it names; nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CannotClose {
    #[error("there is no follow-up {id} — `touchbase show CUSTOMER` lists the open ones with their ids")]
    NoSuch { id: i64 },
    #[error("follow-up {id} “{text}” is {owner}'s, not {customer}'s — close it when you log for {owner}")]
    Elsewhere {
        id: i64,
        text: String,
        owner: String,
        customer: String,
    },
    #[error("follow-up {id} “{text}” was already done on {on} — drop '!{id}'")]
    Done { id: i64, text: String, on: NaiveDate },
    #[error("{customer} has no open follow-up for '!done' to close — drop '!done'")]
    NoneOpen { customer: String },
}

impl CannotClose {
    /// The id the line named, `None` for its `!done`.
    pub fn id(&self) -> Option<i64> {
        match self {
            CannotClose::NoSuch { id } | CannotClose::Elsewhere { id, .. } | CannotClose::Done { id, .. } => {
                Some(*id)
            }
            CannotClose::NoneOpen { .. } => None,
        }
    }
}

pub trait Contacts {
    /// Records a parsed quick-log line for a customer in one transaction: the interaction,
    /// its follow-up, new tags, a give for a gift, a reactional trigger for a complaint,
    /// and the customer's summaries (a note is not a contact: it moves no last contact).
    /// `at` is when the contact happened, which may be before other contacts already
    /// logged: the give and the trigger it implies date from then too, and the summaries
    /// follow the contacts' times (last contact is the latest of them, not the newest row).
    /// The line's `!done` marks every follow-up of the customer open before it done, its
    /// `!ID`s those (done at `at`); one that is not an open follow-up of this customer, or
    /// a `!done` with none open, is `CannotClose`, and nothing is saved.
    /// `NotFound` when there is no such customer, and then nothing is saved.
    fn log_contact(&mut self, customer_id: i64, log: &QuickLog, at: DateTime<Utc>) -> anyhow::Result<Logged>;

    /// The customer's timeline, newest contact first (by its time, then as logged), at most
    /// `limit`.
    fn interactions(&self, customer_id: i64, limit: usize) -> anyhow::Result<Vec<Interaction>>;

    /// The next page of the timeline: the customer's contacts after `last` in its order
    /// (older, or as old and logged before it), at most `limit`. `last` need not exist
    /// any more: a page goes on from where the one before ended.
    fn interactions_after(
        &self,
        customer_id: i64,
        last: &Interaction,
        limit: usize,
    ) -> anyhow::Result<Vec<Interaction>>;

    /// When the customer's contacts (notes are none) were last with each person, by
    /// person id, in no order; contacts with no person recorded count under `None`.
    fn last_contacts(&self, customer_id: i64) -> anyhow::Result<Vec<(Option<i64>, DateTime<Utc>)>>;

    /// How many contacts the customer's timeline holds.
    fn count_interactions(&self, customer_id: i64) -> anyhow::Result<usize>;
}
