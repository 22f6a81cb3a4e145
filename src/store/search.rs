//! The search part of the contract: full text over every note — contacts', follow-ups',
//! decision moments', triggers' and customers' — ranked, each hit with a snippet whose
//! found words are marked. The index is kept in the transaction of every write. Knows no
//! SQL; what the words of a query are, and how a snippet is cut, is `domain::search`'s.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::search::{SearchQuery, Snippet};

/// What kind of record a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    /// A contact's note (the timeline).
    Contact,
    FollowUp,
    /// A decision moment: its title, concerns, steps and response.
    Moment,
    Trigger,
    /// The customer's own notes.
    Customer,
}

impl Found {
    /// As people read it, and as `--json` writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Found::Contact => "contact",
            Found::FollowUp => "follow_up",
            Found::Moment => "moment",
            Found::Trigger => "trigger",
            Found::Customer => "customer",
        }
    }

    /// A short label for a list of hits.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Found::Contact => "contact",
            Found::FollowUp => "follow-up",
            Found::Moment => "moment",
            Found::Trigger => "trigger",
            Found::Customer => "notes",
        }
    }
}

/// When a hit's record happened or is due: a contact's time, a follow-up's due day, a
/// moment's expected day, when a trigger opened, when a customer was last edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dated {
    At(DateTime<Utc>),
    On(NaiveDate),
}

/// One record a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub customer_id: i64,
    pub customer: String,
    pub found: Found,
    /// The record's id (the customer's for `Found::Customer`).
    pub id: i64,
    /// `None` when the stored date is damaged.
    pub when: Option<Dated>,
    pub snippet: Snippet,
}

/// Characters of a note a hit's snippet shows.
pub const SNIPPET_WIDTH: usize = 120;

pub trait Search {
    /// The records of active customers (not archived ones) whose text holds every word of
    /// `query` (the last as the start of a word), best first (bm25: rarer words and shorter
    /// notes rank higher; among the newest matches when a query matches very many), at
    /// most `limit`. Never fails for what the query says: its words are only words.
    fn search(&self, query: &SearchQuery, limit: usize) -> anyhow::Result<Vec<Hit>>;
}
