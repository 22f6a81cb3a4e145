//! SQLite's own checks of the file: its integrity check and the references between tables.
//! None of touchbase's value rules.

use anyhow::Context as _;

use super::report::Finding;
use super::tables::TABLES;
use crate::store::Problem;
use crate::store::record_name;
use crate::store::sqlite::SqliteBook;

impl SqliteBook {
    /// SQLite's own checks: the file's structure and the references between tables.
    pub(super) fn sqlite_problems(&self) -> anyhow::Result<Vec<Finding>> {
        let mut problems: Vec<Finding> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()
            .context("running SQLite's integrity check")?
            .into_iter()
            .filter(|line| line != "ok")
            .map(|line| unrepairable("database", None, format!("SQLite's integrity check says: {line}")))
            .collect();
        let orphans = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("running SQLite's foreign key check")?;
        // A detail of no one is named with its value by the people check.
        for (table, id, parent) in orphans.into_iter().filter(|(t, _, _)| t != "person_details") {
            let table = TABLES
                .iter()
                .map(|(t, _)| *t)
                .find(|t| *t == table)
                .unwrap_or("database");
            problems.push(unrepairable(
                table,
                id,
                format!("refers to a {} that does not exist", record_name(&parent)),
            ));
        }
        Ok(problems)
    }
}

/// A problem of the file or of a row as a whole, which `--repair` leaves alone.
fn unrepairable(table: &str, id: Option<i64>, problem: String) -> Finding {
    Finding {
        what: Problem {
            table: table.to_string(),
            id,
            column: None,
            found: None,
            problem,
            repair: None,
        },
        fix: None,
        customer: None,
        poisons_summary: false,
    }
}
