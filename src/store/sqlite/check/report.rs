//! What `check` found, as the contract's report, and with what `--repair` needs to act on
//! it: the value to write, and the customer whose summaries the row is part of. No SQL.

use rusqlite::types::Value;

use crate::store::{CheckReport, Problem};

/// One thing wrong with the book, as found: the problem as the report says it, and what
/// `--repair` needs to act on it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub what: Problem,
    /// The value `--repair` writes (summaries are recomputed instead).
    pub fix: Option<Value>,
    /// The customer whose summary this row is part of.
    pub customer: Option<i64>,
    /// Whether the value, left as it is, would make that summary wrong when recomputed.
    pub poisons_summary: bool,
}

/// Everything `check` found, and the tally of the book.
pub(crate) struct Findings {
    pub customers: usize,
    pub contacts: usize,
    pub found: Vec<Finding>,
}

impl Findings {
    pub fn report(&self) -> CheckReport {
        CheckReport {
            customers: self.customers,
            contacts: self.contacts,
            problems: self.found.iter().map(|f| f.what.clone()).collect(),
        }
    }
}
