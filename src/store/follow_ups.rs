//! The follow-ups part of the contract: promises made in a contact, done once, snoozed
//! while open. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use super::NotFound;
use crate::domain::FollowUp;

pub trait FollowUps {
    /// `NotFound` when there is no such customer.
    fn add_follow_up(
        &mut self,
        customer_id: i64,
        text: &str,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> anyhow::Result<FollowUp>;

    fn follow_up(&self, id: i64) -> anyhow::Result<Option<FollowUp>>;

    /// The follow-up, or `NotFound`.
    fn require_follow_up(&self, id: i64) -> anyhow::Result<FollowUp> {
        self.follow_up(id)?
            .ok_or_else(|| NotFound::new("follow-up", id).into())
    }

    /// Marks an open follow-up done; one already done is an error, and stays as it was.
    fn complete_follow_up(&mut self, id: i64, now: DateTime<Utc>) -> anyhow::Result<FollowUp>;

    /// Moves an open follow-up to a new date; one already done is an error.
    fn snooze_follow_up(&mut self, id: i64, until: NaiveDate) -> anyhow::Result<FollowUp>;

    /// Open follow-ups of one customer, soonest first.
    fn open_follow_ups(&self, customer_id: i64) -> anyhow::Result<Vec<FollowUp>>;
}
