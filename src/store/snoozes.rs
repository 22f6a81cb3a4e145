//! What the user parked on purpose, in the contract: a customer's nudge snoozed until a
//! day, and a whole customer paused until one. Knows no SQL; whether the day is later
//! than today is the use case's to check.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::Customer;
use crate::domain::Pause;
use crate::domain::nudge::{NudgeKind, NudgeSnooze};

pub trait NudgeSnoozes {
    /// Keeps `customer_id`'s nudge of `kind` about `subject_id` (a moment's or trigger's
    /// id, 0 for one about the customer) quiet until `until`, for `reason` (may be empty).
    /// A snooze of the same nudge already there is replaced; it comes back as the second
    /// value, so undo can put it back.
    fn snooze_nudge(
        &mut self,
        customer_id: i64,
        kind: NudgeKind,
        subject_id: i64,
        until: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(NudgeSnooze, Option<NudgeSnooze>)>;

    /// Every snooze still holding on `today` (its `until` is later), of customers not
    /// archived. Read once per walk: a few rows, by the `until` index.
    fn nudge_snoozes_holding(&self, today: NaiveDate) -> anyhow::Result<Vec<NudgeSnooze>>;

    /// One customer's snoozes still holding on `today`, soonest to end first.
    fn nudge_snoozes_of(&self, customer_id: i64, today: NaiveDate) -> anyhow::Result<Vec<NudgeSnooze>>;

    /// Pauses `customer_id` as `pause` says, or ends their pause (`None`); the customer
    /// as they are afterwards, and the pause they had before (for undo).
    fn set_pause(
        &mut self,
        customer_id: i64,
        pause: Option<&Pause>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(Customer, Option<Pause>)>;
}
