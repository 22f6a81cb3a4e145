//! What `check` reports: the problems found and the tally of the book; no SQL.

use std::fmt;

use rusqlite::types::Value;

use crate::store::sqlite::sql::record_name;

/// One thing wrong with the book.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Problem {
    /// The table of the row, or "database" for the file itself.
    pub table: String,
    pub id: Option<i64>,
    pub column: Option<String>,
    /// The stored value, as SQL would write it.
    pub found: Option<String>,
    /// What is wrong, in words.
    pub problem: String,
    /// What `--repair` does about it; `None` when it cannot repair it.
    pub repair: Option<String>,
    /// The value `--repair` writes (summaries are recomputed instead).
    #[serde(skip)]
    pub(super) fix: Option<Value>,
    /// The customer whose summary this row is part of.
    #[serde(skip)]
    pub(super) customer: Option<i64>,
    /// Whether the value, left as it is, would make that summary wrong when recomputed.
    #[serde(skip)]
    pub(super) poisons_summary: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id {
            Some(id) => write!(f, "{} {id}: ", record_name(&self.table))?,
            None => write!(f, "{}: ", self.table)?,
        }
        if let (Some(column), Some(found)) = (&self.column, &self.found) {
            write!(f, "{column} = {found} ")?;
        }
        write!(f, "{}", self.problem)?;
        match &self.repair {
            Some(repair) => write!(f, " — `--repair` {repair}"),
            None => write!(
                f,
                " — `--repair` cannot recover it: correct it by hand or restore a backup"
            ),
        }
    }
}

/// What `check` found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CheckReport {
    pub customers: usize,
    pub contacts: usize,
    pub problems: Vec<Problem>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn repairable(&self) -> usize {
        self.problems.iter().filter(|p| p.repair.is_some()).count()
    }
}
