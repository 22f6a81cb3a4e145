//! Editing and deleting logged records in SQLite: each one IMMEDIATE transaction that
//! reads the row, writes it, recomputes the customer's summaries and reads it back.

use chrono::{DateTime, Utc};

use super::SqliteBook;
use crate::domain::FollowUp;
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::Moment;
use crate::domain::trigger::Trigger;
use crate::store::{
    ContactPatch, EntryPatch, FollowUpPatch, Interaction, MomentPatch, Order, OrderPatch, Record, Records,
    Removed, Revised, Row, TriggerPatch,
};

impl Records for SqliteBook {
    fn interaction(&self, _id: i64) -> anyhow::Result<Option<Interaction>> {
        anyhow::bail!("not yet")
    }

    fn balance_entry(&self, _id: i64) -> anyhow::Result<Option<BalanceEntry>> {
        anyhow::bail!("not yet")
    }

    fn order(&self, _id: i64) -> anyhow::Result<Option<Order>> {
        anyhow::bail!("not yet")
    }

    fn row(&self, _record: Record) -> anyhow::Result<Option<Row>> {
        anyhow::bail!("not yet")
    }

    fn edit_contact(&mut self, _id: i64, _patch: &ContactPatch) -> anyhow::Result<Revised<Interaction>> {
        anyhow::bail!("not yet")
    }

    fn edit_follow_up(&mut self, _id: i64, _patch: &FollowUpPatch) -> anyhow::Result<Revised<FollowUp>> {
        anyhow::bail!("not yet")
    }

    fn edit_moment(
        &mut self,
        _id: i64,
        _patch: &MomentPatch,
        _now: DateTime<Utc>,
    ) -> anyhow::Result<Revised<Moment>> {
        anyhow::bail!("not yet")
    }

    fn edit_trigger(&mut self, _id: i64, _patch: &TriggerPatch) -> anyhow::Result<Revised<Trigger>> {
        anyhow::bail!("not yet")
    }

    fn edit_entry(&mut self, _id: i64, _patch: &EntryPatch) -> anyhow::Result<Revised<BalanceEntry>> {
        anyhow::bail!("not yet")
    }

    fn edit_order(&mut self, _id: i64, _patch: &OrderPatch) -> anyhow::Result<Revised<Order>> {
        anyhow::bail!("not yet")
    }

    fn delete_record(&mut self, _record: Record) -> anyhow::Result<Removed> {
        anyhow::bail!("not yet")
    }
}
