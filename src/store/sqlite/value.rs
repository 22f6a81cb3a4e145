//! The give/take ledger and orders in SQLite: both change the customer's summaries.
//! Amounts come checked; money is cents, never a float.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::SqliteBook;
use super::sql::{from_ts, ts};
use crate::domain::balance::{BalanceEntry, Side};
use crate::domain::money::Cents;
use crate::store::{Ledger, Order};

impl Ledger for SqliteBook {
    fn add_balance_entry(
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

    fn add_order(
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
}
