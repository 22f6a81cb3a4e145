//! Searching every note, for both front ends: what was typed read as words (a typing of
//! only punctuation or operators is refused with a message, never passed on), the store's
//! ranked hits, and the local day each hit is dated. Knows neither the screen nor the
//! command line.

use chrono::NaiveDate;

use super::Refused;
use crate::clock::Now;
use crate::domain::search::SearchQuery;
use crate::store::{Book, Dated, Hit};

/// Hits a search shows unless asked for more.
pub const DEFAULT_LIMIT: usize = 20;

/// What a search found, with the words it looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub query: SearchQuery,
    pub hits: Vec<Hit>,
}

/// The notes of active customers that hold every word `typed` (the last may be the start
/// of a word), best first, at most `limit`. `Refused::Search` when `typed` has no word.
pub fn search(store: &dyn Book, typed: &str, limit: usize) -> anyhow::Result<Results> {
    let query = SearchQuery::parse(typed).map_err(Refused::from)?;
    let hits = store.search(&query, limit)?;
    Ok(Results { query, hits })
}

/// The local calendar day a hit is dated.
#[must_use]
pub fn day(when: Dated, now: Now) -> NaiveDate {
    match when {
        Dated::At(at) => now.day(at),
        Dated::On(day) => day,
    }
}
