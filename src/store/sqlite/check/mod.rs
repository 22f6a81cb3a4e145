//! Checking a book for damage (SQLite's own checks, values touchbase cannot use, summaries
//! that disagree with their records) and repairing what can be repaired without losing
//! anything. What counts as a usable value is the lenient reader's rule in `sql.rs`;
//! how the problems are shown is the front end's.

mod people;
mod recover;
mod repair;
mod report;
mod rules;
mod sqlite;
mod summaries;
mod tables;
mod values;
mod words;

use std::collections::HashSet;

use anyhow::Context as _;

pub(crate) use report::{Finding, Findings};
use tables::TABLES;

use super::SqliteBook;

impl SqliteBook {
    /// Checks the whole book; changes nothing.
    pub(crate) fn findings(&self) -> anyhow::Result<Findings> {
        let mut values = Vec::new();
        for (table, columns) in TABLES {
            values.extend(self.value_problems(table, columns)?);
        }
        // SQLite's integrity check also names each table holding a value its CHECK
        // constraints refuse; the values themselves are named below.
        let mut problems: Vec<Finding> = self
            .sqlite_problems()?
            .into_iter()
            .filter(|p| {
                !values.iter().any(|v| {
                    p.what
                        .problem
                        .ends_with(&format!("CHECK constraint failed in {}", v.what.table))
                        || p.what
                            .problem
                            .contains(&format!("NULL value in {}.", v.what.table))
                })
            })
            .collect();
        // A summary cannot be recomputed from records that stay damaged.
        let blocked = blocked(&values);
        problems.append(&mut values);
        problems.extend(self.summary_problems(&blocked)?);
        problems.extend(words::problems(&self.conn)?);
        problems.extend(people::problems(&self.conn)?);
        let count = |sql: &str| -> anyhow::Result<usize> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(Findings {
            customers: count("SELECT count(*) FROM customers").context("counting customers")?,
            contacts: count("SELECT count(*) FROM interactions").context("counting contacts")?,
            found: problems,
        })
    }
}

/// The customers whose summaries cannot be recomputed: a record they sum up stays damaged.
fn blocked(problems: &[Finding]) -> HashSet<i64> {
    problems
        .iter()
        .filter(|p| p.fix.is_none() && p.poisons_summary)
        .filter_map(|p| p.customer)
        .collect()
}
