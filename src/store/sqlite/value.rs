//! The give/take ledger and orders in SQLite: both change the customer's summaries.
//! Amounts come checked; money is cents, never a float.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, from_ts, int, ts};
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

    fn entries_of(&self, customer_id: i64, limit: usize) -> anyhow::Result<Vec<BalanceEntry>> {
        self.conn
            .prepare_cached(
                "SELECT id, customer_id, side, note, at FROM balance_entries WHERE customer_id = ?1
                 ORDER BY at DESC, id DESC LIMIT ?2",
            )?
            .query_map(params![customer_id, int(limit)], entry_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading gives and asks")
    }

    fn orders_of(&self, customer_id: i64, limit: usize) -> anyhow::Result<Vec<Order>> {
        self.conn
            .prepare_cached(
                "SELECT id, customer_id, ordered_on, amount_cents, currency, note FROM orders
                 WHERE customer_id = ?1 ORDER BY ordered_on DESC, id DESC LIMIT ?2",
            )?
            .query_map(params![customer_id, int(limit)], order_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading orders")
    }
}

/// `id, customer_id, side, note, at` of a give or ask, read leniently.
fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<BalanceEntry> {
    let r = Lenient::new(row, "balance_entries", 0)?;
    Ok(BalanceEntry {
        id: r.id(),
        customer_id: row.get(1)?,
        // An unknown side counts as neither: a give is what the balance would miss least.
        side: r.parsed(2, "a side (give or ask)", Side::Give)?,
        note: r.text(3)?,
        at: r.instant(4)?,
    })
}

/// The give or ask `id` as `conn` sees it.
pub(super) fn entry_by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<BalanceEntry>> {
    conn.prepare_cached("SELECT id, customer_id, side, note, at FROM balance_entries WHERE id = ?1")?
        .query_row([id], entry_from_row)
        .optional()
        .context("loading a give/ask")
}

/// `id, customer_id, ordered_on, amount_cents, currency, note` of an order.
fn order_from_row(row: &Row<'_>) -> rusqlite::Result<Order> {
    let r = Lenient::new(row, "orders", 0)?;
    Ok(Order {
        id: r.id(),
        customer_id: row.get(1)?,
        ordered_on: r.day(2)?,
        amount: Cents(r.int_in(3, 0..=i64::MAX, "an amount in cents", 0)?),
        currency: r.text(4)?,
        note: r.text(5)?,
    })
}

/// The order `id` as `conn` sees it.
pub(super) fn order_by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<Order>> {
    conn.prepare_cached(
        "SELECT id, customer_id, ordered_on, amount_cents, currency, note FROM orders WHERE id = ?1",
    )?
    .query_row([id], order_from_row)
    .optional()
    .context("loading an order")
}
