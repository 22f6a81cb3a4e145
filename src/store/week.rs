//! The week part of the contract: what one week's to-do list reads, each a range read in
//! the order it is listed, cut at a limit, with the total it was cut from. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::moment::Moment;
use crate::domain::{Customer, FollowUp};

/// Rows up to a limit, and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: usize,
}

impl<T> Page<T> {
    /// How many rows the limit left out.
    pub fn left_out(&self) -> usize {
        self.total.saturating_sub(self.rows.len())
    }
}

/// Every read leaves out archived customers and what is theirs.
pub trait Weeks {
    /// Open follow-ups due from `from` up to (not including) `before`, soonest first,
    /// then by id.
    fn follow_ups_due_between(
        &self,
        from: NaiveDate,
        before: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<Page<(FollowUp, Customer)>>;

    /// Upcoming decision moments expected from `from` up to (not including) `before`,
    /// soonest first, then by id.
    fn moments_expected_between(
        &self,
        from: NaiveDate,
        before: NaiveDate,
        limit: usize,
    ) -> anyhow::Result<Page<(Moment, Customer)>>;

    /// Customers whose cadence runs out (their last contact, or when they were added,
    /// plus their cadence) from `from` up to (not including) `before`, soonest first,
    /// then by id; a customer paused until after `before` is left out.
    fn cadence_runs_out_between(
        &self,
        from: DateTime<Utc>,
        before: DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<Page<Customer>>;
}
