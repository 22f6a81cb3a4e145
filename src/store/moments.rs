//! The decision moments part of the contract: planning them, closing them, and a
//! customer's buying process. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::moment::{Moment, MomentStatus, NewMoment};

pub trait Moments {
    /// Plans an upcoming moment, its text trimmed. `NotFound` when there is no such
    /// customer.
    fn add_moment(&mut self, customer_id: i64, new: &NewMoment, now: DateTime<Utc>)
    -> anyhow::Result<Moment>;

    fn moment(&self, id: i64) -> anyhow::Result<Option<Moment>>;

    /// Records how an upcoming moment turned out, with `note` (trimmed) saying how; an
    /// empty note leaves the moment's outcome note as it was. Closing one twice
    /// (`NotOpen`), or closing as upcoming, is an error and changes nothing.
    fn close_moment(
        &mut self,
        id: i64,
        outcome: MomentStatus,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moment>;

    /// A customer's buying process: every moment, by expected day.
    fn moments_of(&self, customer_id: i64) -> anyhow::Result<Vec<Moment>>;

    /// The day of the next upcoming moment of each of `ids` that has one, in the order
    /// of `ids`.
    fn next_moments(&self, ids: &[i64]) -> anyhow::Result<Vec<(i64, NaiveDate)>>;
}
