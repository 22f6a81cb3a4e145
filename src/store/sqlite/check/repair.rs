//! `--repair`: writing the fixes `check` found and recomputing the summaries, in one
//! transaction that deletes nothing. What to fix was decided by `check`.

use std::collections::BTreeSet;

use anyhow::Context as _;
use rusqlite::params;

use super::report::Findings;
use super::tables::TABLES;
use crate::store::record_name;
use crate::store::sqlite::SqliteBook;
use crate::store::sqlite::sql::literal;

impl SqliteBook {
    /// Repairs, in one transaction, what `report` says can be repaired: the damaged values
    /// it has a fix for, then every summary. Deletes nothing. Returns what was changed.
    pub(crate) fn repair_findings(&mut self, report: &Findings) -> anyhow::Result<Vec<String>> {
        self.write("repair the book", |tx| {
            let mut changed = Vec::new();
            for p in &report.found {
                let (Some(id), Some(column), Some(fix)) = (p.what.id, &p.what.column, &p.fix) else {
                    continue;
                };
                // Table and column names come from `TABLES`, never from the file.
                let (table, _) = TABLES
                    .iter()
                    .find(|(t, _)| *t == p.what.table)
                    .context("repairing an unknown table")?;
                tx.execute(
                    &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
                    params![id, fix],
                )
                .with_context(|| format!("repairing {} {id}", record_name(table)))?;
                changed.push(format!(
                    "{} {id}: {column} {} → {}",
                    record_name(table),
                    p.what.found.as_deref().unwrap_or("?"),
                    literal(fix.into())
                ));
            }
            super::words::repair(tx, &report.found)?;
            changed.extend(super::people::repair(tx, &report.found)?);
            let blocked = super::blocked(&report.found);
            let customers: BTreeSet<i64> = report
                .found
                .iter()
                .filter(|p| p.what.repair.is_some())
                .filter_map(|p| p.customer)
                .filter(|id| !blocked.contains(id))
                .collect();
            for id in customers {
                crate::store::sqlite::summary::refresh(tx, id)?;
            }
            changed.extend(
                report
                    .found
                    .iter()
                    .filter(|p| {
                        p.fix.is_none() && p.what.repair.is_some() && !super::people::repaired_here(p)
                    })
                    .map(|p| {
                        format!(
                            "{} {}: {} recomputed",
                            record_name(&p.what.table),
                            p.what.id.unwrap_or_default(),
                            p.what.column.as_deref().unwrap_or("summary")
                        )
                    }),
            );
            Ok(changed)
        })
    }
}
