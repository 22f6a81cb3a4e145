//! The snoozed-nudges part of the contract: keeping a customer's nudge of one kind quiet
//! until a day, and reading the snoozes in force. Knows no SQL; whether the day is later
//! than today is the use case's to check.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::nudge::{NudgeKind, NudgeSnooze};

pub trait NudgeSnoozes {
    /// Keeps `customer_id`'s nudge of `kind` quiet until `until`, for `reason` (may be
    /// empty). A snooze of the same nudge already there is replaced; it comes back as
    /// the second value, so undo can put it back.
    fn snooze_nudge(
        &mut self,
        customer_id: i64,
        kind: NudgeKind,
        until: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(NudgeSnooze, Option<NudgeSnooze>)>;

    /// Every snooze still holding on `today` (its `until` is later), of customers not
    /// archived. Read once per walk: a few rows, by the `until` index.
    fn nudge_snoozes_holding(&self, today: NaiveDate) -> anyhow::Result<Vec<NudgeSnooze>>;

    /// One customer's snoozes still holding on `today`, soonest to end first.
    fn nudge_snoozes_of(&self, customer_id: i64, today: NaiveDate) -> anyhow::Result<Vec<NudgeSnooze>>;
}
