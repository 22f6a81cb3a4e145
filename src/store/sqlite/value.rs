//! The give/take ledger and orders: both change the customer's summary.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::Store;
use super::sql::{Lenient, from_ts, ts};
use crate::domain::balance::{BalanceEntry, Side};
use crate::domain::money::Cents;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: i64,
    pub customer_id: i64,
    pub ordered_on: NaiveDate,
    pub amount: Cents,
    pub currency: String,
    pub note: String,
}

impl Store {
    pub fn add_balance_entry(
        &mut self,
        customer_id: i64,
        side: Side,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<BalanceEntry> {
        let id = self.write("record the give/ask", |tx| {
            tx.prepare_cached(
                "INSERT INTO balance_entries (customer_id, side, note, at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![customer_id, side, note.trim(), ts(now)])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            let id = tx.last_insert_rowid();
            super::summary::refresh(tx, customer_id)?;
            Ok(id)
        })?;
        Ok(BalanceEntry {
            id,
            customer_id,
            side,
            note: note.trim().to_string(),
            at: from_ts(ts(now)),
        })
    }

    pub fn add_order(
        &mut self,
        customer_id: i64,
        ordered_on: NaiveDate,
        amount: Cents,
        currency: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Order> {
        let id = self.write("record the order", |tx| {
            tx.prepare_cached(
                "INSERT INTO orders (customer_id, ordered_on, amount_cents, currency, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![customer_id, ordered_on, amount.0, currency, ts(now)])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            let id = tx.last_insert_rowid();
            super::summary::refresh(tx, customer_id)?;
            Ok(id)
        })?;
        Ok(Order {
            id,
            customer_id,
            ordered_on,
            amount,
            currency: currency.to_string(),
            note: String::new(),
        })
    }

    /// A customer's latest orders, newest first.
    pub fn orders_of(&self, customer_id: i64, limit: usize) -> anyhow::Result<Vec<Order>> {
        self.conn
            .prepare_cached(
                "SELECT id, customer_id, ordered_on, amount_cents, currency, note FROM orders
                 WHERE customer_id = ?1 ORDER BY ordered_on DESC, id DESC LIMIT ?2",
            )?
            .query_map(params![customer_id, super::sql::int(limit)], |row| {
                let r = Lenient::new(row, "orders", 0)?;
                Ok(Order {
                    id: r.id(),
                    customer_id: row.get(1)?,
                    ordered_on: r.day(2)?,
                    amount: Cents(r.int_in(3, 1..=i64::MAX, "an amount above zero (in cents)", 0)?),
                    currency: r.text(4)?,
                    note: r.text(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading orders")
    }
}
