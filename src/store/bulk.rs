//! The bulk part of the contract: many records written in one transaction, for demo
//! books and imports, with what an import needs to match records against the book as
//! this transaction has it. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use super::customers::{CustomerPatch, NewCustomer};
use crate::domain::{Customer, Kind};

/// One open write. Nothing is visible to others until `finish`; dropping it without
/// finishing takes everything back. Values are written as given (not trimmed): the demo
/// and the import hand over clean ones. Every method returns the id of what it added.
pub trait Bulk {
    fn customer(&mut self, c: &NewCustomer, created_at: DateTime<Utc>) -> anyhow::Result<i64>;

    fn interaction(
        &mut self,
        customer_id: i64,
        at: DateTime<Utc>,
        kind: Kind,
        note: &str,
        satisfaction: Option<u8>,
    ) -> anyhow::Result<i64>;

    fn follow_up(
        &mut self,
        customer_id: i64,
        text: &str,
        due: NaiveDate,
        created_at: DateTime<Utc>,
        done_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// A decision moment; `status` is upcoming, won, lost or passed.
    // One parameter per field, like the other records a bulk write takes.
    #[allow(clippy::too_many_arguments)]
    fn moment(
        &mut self,
        customer_id: i64,
        title: &str,
        expected: NaiveDate,
        concerns: &str,
        steps: &str,
        response: &str,
        status: &str,
        planned_at: DateTime<Utc>,
        closed_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// A switching trigger; `kind` is situational, reactional or influential.
    fn trigger(
        &mut self,
        customer_id: i64,
        kind: &str,
        note: &str,
        opened_at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// A trigger opened by a logged interaction, as a complaint opens a reactional one.
    fn trigger_from_interaction(
        &mut self,
        interaction_id: i64,
        customer_id: i64,
        kind: &str,
        note: &str,
        opened_at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// An entry on the give/take ledger; `side` is give or ask, `weight` 1 to 5.
    fn balance(
        &mut self,
        customer_id: i64,
        side: &str,
        note: &str,
        weight: u8,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64>;

    /// A ledger entry made by a logged interaction, as a gift is also a give.
    fn balance_from_interaction(
        &mut self,
        interaction_id: i64,
        customer_id: i64,
        side: &str,
        note: &str,
        weight: u8,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64>;

    /// An order (a sale); money in minor units.
    fn order(
        &mut self,
        customer_id: i64,
        ordered_on: NaiveDate,
        amount_cents: i64,
        currency: &str,
        note: &str,
        created_at: DateTime<Utc>,
    ) -> anyhow::Result<i64>;

    /// Calls `f` with the id, name, company and e-mail address of everyone in the book,
    /// archived customers too, oldest first: what an import matches its records on.
    fn each_customer_key(&self, f: &mut dyn FnMut(i64, &str, &str, &str)) -> anyhow::Result<()>;

    /// A customer as this write has them so far: their fields as written, and their last
    /// contact counted from the contacts written so far (the other summaries are brought
    /// up to date only by `finish`).
    fn customer_so_far(&self, id: i64) -> anyhow::Result<Option<Customer>>;

    /// Writes the fields `patch` holds, as they are.
    fn update_customer(&mut self, id: i64, patch: &CustomerPatch, now: DateTime<Utc>) -> anyhow::Result<()>;

    /// Brings the summaries of every customer written to up to date, and commits.
    fn finish(self: Box<Self>) -> anyhow::Result<()>;
}
