//! The give/take ledger and orders part of the contract: both change the customer's
//! summaries (give/take, lifetime value, last order). Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::balance::{BalanceEntry, Side};
use crate::domain::money::Cents;

/// A sale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Order {
    pub id: i64,
    pub customer_id: i64,
    pub ordered_on: NaiveDate,
    pub amount: Cents,
    pub currency: String,
    pub note: String,
}

pub trait Ledger {
    /// A give or an ask, its note trimmed. `NotFound` when there is no such customer.
    fn add_balance_entry(
        &mut self,
        customer_id: i64,
        side: Side,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<BalanceEntry>;

    /// `NotFound` when there is no such customer.
    fn add_order(
        &mut self,
        customer_id: i64,
        ordered_on: NaiveDate,
        amount: Cents,
        currency: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Order>;

    /// The customer's latest gives and asks, newest first, at most `limit`.
    fn entries_of(&self, customer_id: i64, limit: usize) -> anyhow::Result<Vec<BalanceEntry>>;

    /// The customer's latest orders, newest order day first, at most `limit`.
    fn orders_of(&self, customer_id: i64, limit: usize) -> anyhow::Result<Vec<Order>>;
}
