//! The decision moments part of the contract: planning them, closing them, a customer's
//! buying process, and the people who take part in a moment (who decides, signs,
//! champions us). A moment's people are its customer's: a merge moves them together, so
//! a moment keeps its people. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::moment::{Moment, MomentStatus, NewMoment, Part};

pub trait Moments {
    /// Plans an upcoming moment, its text trimmed, with `new.people` (each one of the
    /// customer's people, else refused with `NotTheirs` and nothing written). `NotFound`
    /// when there is no such customer.
    fn add_moment(&mut self, customer_id: i64, new: &NewMoment, now: DateTime<Utc>)
    -> anyhow::Result<Moment>;

    /// The moment `id` with its people, or `None`.
    fn moment(&self, id: i64) -> anyhow::Result<Option<Moment>>;

    /// Replaces the people of moment `id` with `people`, in one transaction: each must
    /// be one of the moment's customer's people (else `NotTheirs`, nothing changed); a
    /// pair given twice counts once. `NotFound` for an unknown moment.
    fn set_moment_people(&mut self, id: i64, people: &[(i64, Part)]) -> anyhow::Result<Moment>;

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

    /// A customer's buying process: every moment, by expected day, each with its people.
    fn moments_of(&self, customer_id: i64) -> anyhow::Result<Vec<Moment>>;

    /// The day of the next upcoming moment of each of `ids` that has one, in the order
    /// of `ids`.
    fn next_moments(&self, ids: &[i64]) -> anyhow::Result<Vec<(i64, NaiveDate)>>;
}

/// A person named for a moment who is not one of its customer's people. Nothing was
/// changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("person {person} is not at the customer of decision moment {moment} — nothing changed")]
pub struct NotTheirs {
    pub moment: i64,
    pub person: i64,
}
