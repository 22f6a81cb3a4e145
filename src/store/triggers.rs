//! The switching triggers part of the contract: opening, resolving, and a customer's
//! triggers. Knows no SQL.

use chrono::{DateTime, Utc};

use super::NotFound;
use crate::domain::trigger::{Trigger, TriggerKind};

pub trait Triggers {
    /// Opens a trigger, its note trimmed. `NotFound` when there is no such customer.
    fn add_trigger(
        &mut self,
        customer_id: i64,
        kind: TriggerKind,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Trigger>;

    /// Opens the situational trigger of person `person_id`'s leaving on their customer,
    /// with `note` (trimmed); its `person_id` is theirs. `NotFound` for an unknown person.
    fn add_leaver_trigger(
        &mut self,
        person_id: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Trigger>;

    fn trigger(&self, id: i64) -> anyhow::Result<Option<Trigger>>;

    /// The trigger, or `NotFound`.
    fn require_trigger(&self, id: i64) -> anyhow::Result<Trigger> {
        self.trigger(id)?
            .ok_or_else(|| NotFound::new("trigger", id).into())
    }

    /// Resolves an open trigger, with `note` (trimmed) saying how; an empty note leaves
    /// its resolution note as it was. One already resolved is an error (`NotOpen`) and
    /// stays as it was.
    fn resolve_trigger(&mut self, id: i64, note: &str, now: DateTime<Utc>) -> anyhow::Result<Trigger>;

    /// A customer's triggers, open ones first, newest first.
    fn triggers_of(&self, customer_id: i64) -> anyhow::Result<Vec<Trigger>>;
}
