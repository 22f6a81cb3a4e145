//! Undoing a change made in this session: each change the TUI makes is remembered as a
//! `Change`, and undoing it is one transaction that puts back what was there.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::Store;
use super::interactions::Logged;
use super::sql::ts;
use crate::domain::Customer;

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Logged { customer_id: i64, logged: Logged },
    FollowUpAdded { id: i64 },
    FollowUpDone { id: i64 },
    FollowUpSnoozed { id: i64, due: NaiveDate },
    CustomerAdded { id: i64 },
    CustomerEdited { before: Customer },
    MomentAdded { id: i64 },
    TriggerAdded { id: i64 },
    BalanceAdded { id: i64, customer_id: i64 },
    OrderAdded { id: i64, customer_id: i64 },
}

impl Store {
    /// Reverts `change`, which must be the latest change not yet undone.
    pub fn undo(&mut self, change: &Change, now: DateTime<Utc>) -> anyhow::Result<()> {
        self.write("undo", |tx| {
            match change {
                Change::Logged { customer_id, logged } => {
                    // The follow-up, give and trigger the line created go with it.
                    for (table, id) in [
                        ("follow_ups", logged.follow_up_id),
                        ("balance_entries", logged.balance_entry_id),
                        ("triggers", logged.trigger_id),
                    ] {
                        if let Some(id) = id {
                            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])
                                .with_context(|| format!("undoing a row in {table}"))?;
                        }
                    }
                    tx.execute("DELETE FROM interactions WHERE id = ?1", [logged.interaction_id])
                        .context("undoing the contact")?;
                    if let Some(tags) = &logged.tags_before {
                        tx.execute(
                            "UPDATE customers SET tags = ?2 WHERE id = ?1",
                            params![customer_id, tags.to_stored()],
                        )
                        .context("putting back the tags")?;
                    }
                    super::summary::refresh(tx, *customer_id)?;
                }
                Change::FollowUpAdded { id } => {
                    tx.execute("DELETE FROM follow_ups WHERE id = ?1", [id])
                        .context("undoing the follow-up")?;
                }
                Change::FollowUpDone { id } => {
                    tx.execute("UPDATE follow_ups SET done_at = NULL WHERE id = ?1", [id])
                        .context("reopening the follow-up")?;
                }
                Change::FollowUpSnoozed { id, due } => {
                    tx.execute(
                        "UPDATE follow_ups SET due = ?2, snoozes = max(snoozes - 1, 0) WHERE id = ?1",
                        params![id, due],
                    )
                    .context("unsnoozing the follow-up")?;
                }
                Change::MomentAdded { id } => {
                    tx.execute("DELETE FROM moments WHERE id = ?1", [id])
                        .context("removing the moment")?;
                }
                Change::TriggerAdded { id } => {
                    tx.execute("DELETE FROM triggers WHERE id = ?1", [id])
                        .context("removing the trigger")?;
                }
                Change::BalanceAdded { id, customer_id } => {
                    tx.execute("DELETE FROM balance_entries WHERE id = ?1", [id])
                        .context("removing the give/ask")?;
                    super::summary::refresh(tx, *customer_id)?;
                }
                Change::OrderAdded { id, customer_id } => {
                    tx.execute("DELETE FROM orders WHERE id = ?1", [id])
                        .context("removing the order")?;
                    super::summary::refresh(tx, *customer_id)?;
                }
                Change::CustomerAdded { id } => {
                    tx.execute("DELETE FROM customers WHERE id = ?1", [id])
                        .context("removing the added customer")?;
                }
                Change::CustomerEdited { before: c } => {
                    tx.execute(
                        "UPDATE customers SET name = ?2, company = ?3, email = ?4, phone = ?5, tags = ?6,
                            cadence_days = ?7, notes = ?8, updated_at = ?9 WHERE id = ?1",
                        params![
                            c.id,
                            c.name,
                            c.company,
                            c.email,
                            c.phone,
                            c.tags.to_stored(),
                            c.cadence.days(),
                            c.notes,
                            ts(now)
                        ],
                    )
                    .context("restoring the customer")?;
                }
            }
            Ok(())
        })
    }
}
