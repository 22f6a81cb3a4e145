//! The undo part of the contract: what a change wrote, held as plain data (and as JSON on
//! the journal, `journal.rs`), and taking it back only while nothing else changed or built
//! on it. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use super::contacts::Logged;
use super::customers::CustomerPatch;
use super::journal::{Action, By, Entry, Undid};
use super::ledger::Order;
use super::merge::Merge;
use super::records::{Kept, RemovedCustomer, Row};
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::{Moment, MomentStatus};
use crate::domain::nudge::NudgeSnooze;
use crate::domain::person::Person;
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::domain::{Cadence, Customer, FollowUp, Pause, Tags};

/// What each change wrote. Rows an action created are held as it left them; undo compares
/// the row with that, field by field, before touching it.
///
/// The journal stores a change as JSON tagged by `change` (`{"change": "logged", …}`):
/// variants and fields are only ever added, so an older touchbase refuses an entry it
/// cannot read instead of misreading it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Logged {
        customer_id: i64,
        logged: Logged,
    },
    FollowUpAdded {
        follow_up: FollowUp,
    },
    FollowUpDone {
        id: i64,
        done_at: DateTime<Utc>,
    },
    /// Several follow-ups marked done at once (the checklist after a log), all at `done_at`.
    FollowUpsDone {
        ids: Vec<i64>,
        done_at: DateTime<Utc>,
    },
    FollowUpSnoozed {
        id: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// A nudge snoozed; `replaced` is the snooze of the same nudge it took the place of.
    NudgeSnoozed {
        snooze: NudgeSnooze,
        replaced: Option<NudgeSnooze>,
    },
    /// A customer paused (`after`), or their pause ended (`after` is `None`).
    CustomerPaused {
        id: i64,
        before: Option<Pause>,
        after: Option<Pause>,
    },
    CustomerAdded {
        id: i64,
        added: CustomerFields,
    },
    /// `before` and `after` differ only in the fields the edit wrote.
    CustomerEdited {
        id: i64,
        before: CustomerFields,
        after: CustomerFields,
    },
    /// A customer archived (`archived`) or brought back from the archive; `name` as it
    /// was then, to say what is undone.
    CustomerArchived {
        id: i64,
        name: String,
        archived: bool,
    },
    MomentAdded {
        moment: Moment,
    },
    /// A moment closed as `status` (won, lost, passed) at `closed_at`, its outcome note
    /// `note` afterwards and `note_before` before (empty in entries older than the notes).
    MomentClosed {
        id: i64,
        title: String,
        status: MomentStatus,
        closed_at: DateTime<Utc>,
        #[serde(default)]
        note: String,
        #[serde(default)]
        note_before: String,
    },
    TriggerAdded {
        trigger: Trigger,
    },
    /// A trigger resolved at `resolved_at`, its resolution note `note` afterwards and
    /// `note_before` before.
    TriggerResolved {
        id: i64,
        kind: TriggerKind,
        resolved_at: DateTime<Utc>,
        #[serde(default)]
        note: String,
        #[serde(default)]
        note_before: String,
    },
    BalanceAdded {
        entry: BalanceEntry,
    },
    OrderAdded {
        order: Order,
    },
    /// One customer merged into another (see `store::Merges`).
    Merged {
        merge: Box<Merge>,
    },
    /// A logged record edited: `before` and `after` are the whole row; undo puts `before`
    /// back while the row is still `after`.
    Edited {
        before: Row,
        after: Row,
    },
    /// A logged record deleted; undo puts it back with its own id.
    Deleted {
        row: Row,
        kept: Kept,
    },
    /// A customer deleted with every record of theirs; undo puts them all back.
    CustomerDeleted {
        removed: RemovedCustomer,
    },
    /// A person added as they were left; `main_before` is who was main when the add made
    /// them the main contact.
    PersonAdded {
        person: Person,
        main_before: Option<i64>,
    },
    /// A person's fields edited: `before` and `after` as the edit found and left them.
    PersonEdited {
        before: Person,
        after: Person,
    },
    /// Person `id` made the main contact instead of `before`.
    MainPersonSet {
        id: i64,
        name: String,
        before: Option<i64>,
    },
    /// A person marked as left, as the mark left them, with the situational trigger the
    /// mark opened and where they were followed to (`person left --follow`). Both are
    /// defaulted for entries written before either existed.
    PersonLeft {
        person: Person,
        #[serde(default)]
        trigger: Option<Trigger>,
        #[serde(default)]
        followed: Option<Followed>,
    },
}

/// Where a person who left was followed to: a new prospect account made for them, or
/// the copy of them added to an account of that company there already was.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Followed {
    NewAccount { id: i64, added: CustomerFields },
    Joined { person: Person },
}

/// The fields of a customer a person types, as one action left them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustomerFields {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub tags: Tags,
    pub cadence: Cadence,
    pub notes: String,
}

impl CustomerFields {
    pub fn of(c: &Customer) -> CustomerFields {
        CustomerFields {
            name: c.name.clone(),
            company: c.company.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            tags: c.tags.clone(),
            cadence: c.cadence,
            notes: c.notes.clone(),
        }
    }
}

impl Change {
    /// The edit `patch` made of `before`, which left `after`. A field the patch did not
    /// write counts as unchanged even if `after` differs (another process wrote it
    /// meanwhile), so that undo never puts back a field this edit did not touch.
    pub fn customer_edited(before: &Customer, patch: &CustomerPatch, after: &Customer) -> Change {
        let old = CustomerFields::of(before);
        let new = CustomerFields::of(after);
        Change::CustomerEdited {
            id: before.id,
            after: CustomerFields {
                name: pick(patch.name.as_ref(), new.name, &old.name),
                company: pick(patch.company.as_ref(), new.company, &old.company),
                email: pick(patch.email.as_ref(), new.email, &old.email),
                phone: pick(patch.phone.as_ref(), new.phone, &old.phone),
                tags: pick(patch.tags.as_ref(), new.tags, &old.tags),
                cadence: pick(patch.cadence.as_ref(), new.cadence, &old.cadence),
                notes: pick(patch.notes.as_ref(), new.notes, &old.notes),
            },
            before: old,
        }
    }
}

/// The value after the edit where the patch wrote the field, else the one before.
fn pick<P, T: Clone>(wrote: Option<&P>, after: T, before: &T) -> T {
    if wrote.is_some() { after } else { before.clone() }
}

/// An undo that would take back more than the change wrote, because something else
/// changed or built on it since. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("can't undo {what}: {why} — nothing was changed")]
pub struct UndoRefused {
    /// The change, as in "the logged call".
    pub what: String,
    /// What happened since, as in "its follow-up “send the quote” was marked done since".
    pub why: String,
}

pub trait Undo {
    /// Reverts `change`, which must be the latest change not yet undone. Refuses with
    /// `UndoRefused`, changing nothing, when another writer changed or built on what it
    /// wrote since; the check and the undo are one transaction, so no writer can slip in
    /// between them. Summaries are recomputed as after any other write.
    fn undo(&mut self, change: &Change, now: DateTime<Utc>) -> anyhow::Result<()>;

    /// Runs `action` and puts the entry it returns on the journal (written `by` one front
    /// end, `at` now), in ONE transaction: the action's own writes join it (in SQLite they
    /// become savepoints), so either the action and its entry are both saved or neither
    /// is. An action that fails writes nothing; one that returns `None` writes no entry.
    /// The same write prunes the journal to its newest [`JOURNAL_KEEP`] entries.
    ///
    /// [`JOURNAL_KEEP`]: super::JOURNAL_KEEP
    fn journaled(&mut self, by: By, now: DateTime<Utc>, action: &mut Action<'_>) -> anyhow::Result<()>;

    /// Undoes the newest entry still open on the journal, whoever wrote it, and marks it
    /// undone, in one transaction. An entry that cannot be undone any more (`undo`
    /// refuses it, or its change cannot be read) changes nothing but itself: it is marked
    /// refused, with why, so that the next undo goes on to the one before instead of
    /// refusing forever.
    fn undo_latest(&mut self, now: DateTime<Utc>) -> anyhow::Result<Undid>;

    /// The newest `limit` entries of the journal, newest first, undone and refused ones
    /// included.
    fn journal(&self, limit: usize) -> anyhow::Result<Vec<Entry>>;
}
