//! `touchbase demo`: a realistic sales book written relative to now, so that it is always
//! current. About forty hand-written customers (`assets/demo/customers.toml`) set off
//! every nudge; past them, generated customers (from `assets/demo/pools.toml`) scale the
//! book to any size for trying the app and timing it. Writes through the store's bulk
//! transaction only; knows no SQL.

mod calendar;
mod data;
mod generated;
mod handwritten;
mod writer;

#[cfg(test)]
mod tests;

use anyhow::Context as _;
use chrono::Datelike as _;
use fastrand::Rng;

use crate::clock::Now;
use crate::store::Book;
use calendar::Calendar;
use data::Content;
use generated::Namer;
use writer::Writer;

/// The same seed every time: the same `now` and size give the same book.
const SEED: u64 = 0x70C4_BA5E;

/// How many records of each kind a demo wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    pub customers: usize,
    /// Everyone at the customers, the main contacts too.
    pub people: usize,
    pub interactions: usize,
    pub follow_ups: usize,
    pub moments: usize,
    pub triggers: usize,
    pub balance_entries: usize,
    pub orders: usize,
}

/// Writes a demo book of `customers` customers into `store` in one transaction: the first
/// `customers` hand-written ones, and generated ones past those. Histories reach back up
/// to a year from `now`, with follow-ups, decision moments and triggers around today.
pub fn generate(store: &mut dyn Book, now: Now, customers: usize) -> anyhow::Result<DemoSummary> {
    let content = Content::load()?;
    let cal = Calendar::new(now);
    let next_year = (cal.today().year() + 1).to_string();
    let mut w = Writer::new(store.bulk()?, &content.pools, cal, Rng::with_seed(SEED));
    for c in content.customers.iter().take(customers) {
        handwritten::write(&mut w, c, &next_year)
            .with_context(|| format!("writing the demo customer '{}'", c.name))?;
    }
    let namer = Namer::new(&content.pools);
    w.every_leaving_opens = false;
    for i in 0..customers.saturating_sub(content.customers.len()) {
        generated::write(&mut w, &namer, i).context("writing a generated demo customer")?;
    }
    w.finish()
}
