//! Comparing the summaries a customer row keeps (and the value tier its records copy) with
//! what the records sum up to, by reading `summary::REFRESH`'s own expressions, never a
//! second copy of them.

use std::collections::HashSet;

use anyhow::Context as _;
use rusqlite::types::ValueRef;

use super::report::Finding;
use crate::domain::money::Cents;
use crate::store::Problem;
use crate::store::sqlite::SqliteBook;
use crate::store::sqlite::sql::{instant, literal};
use crate::store::sqlite::summary::REFRESH;

/// The customer columns `summary::refresh` keeps, each with what it means in words (a
/// column added there later is still checked, named by its column name).
const SUMMARY: &[(&str, &str)] = &[
    ("last_contact_at", "last contact"),
    ("last_logged_at", "latest timeline entry"),
    ("value_cents", "lifetime value"),
    ("last_order_on", "last order"),
    ("satisfaction", "latest satisfaction"),
    ("prev_satisfaction", "previous satisfaction"),
    ("satisfaction_at", "time of the latest satisfaction"),
    ("gives", "number of gives"),
    ("asks", "number of asks"),
    ("last_give_at", "last give"),
    ("value_tier", "value tier"),
];

/// The tables whose rows carry their customer's value tier.
const TIERED: &[&str] = &["follow_ups", "triggers", "moments"];

impl SqliteBook {
    /// Customers whose summary columns, and records whose copy of their customer's value
    /// tier, disagree with what the records sum up to. The sums are `summary::REFRESH`'s
    /// own expressions, read instead of written, so this check never drifts from how the
    /// summaries are kept, and it changes nothing.
    pub(super) fn summary_problems(&self, blocked: &HashSet<i64>) -> anyhow::Result<Vec<Finding>> {
        let kept = summary_expressions();
        let pairs: Vec<String> = kept.iter().map(|(c, e)| format!("{c}, ({e})")).collect();
        let sql = format!(
            "SELECT id, value_tier, {} FROM customers ORDER BY id",
            pairs.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut problems = Vec::new();
        while let Some(row) = rows.next().context("comparing the summaries")? {
            let id: i64 = row.get(0)?;
            let mut tier = None;
            for (i, (column, _)) in kept.iter().enumerate() {
                let (stored, actual) = (row.get_ref(2 + 2 * i)?, row.get_ref(3 + 2 * i)?);
                if *column == "value_cents" {
                    tier = actual.as_i64().ok().map(|c| i64::from(Cents(c).tier()));
                }
                if stored == actual {
                    continue;
                }
                problems.push(summary_problem(
                    blocked,
                    "customers",
                    id,
                    id,
                    column,
                    stored,
                    &format!(
                        "(the {}) disagrees with the records it sums up, which say {}",
                        words(column),
                        shown(column, actual)
                    ),
                ));
            }
            let stored = row.get_ref(1)?;
            if let Some(tier) = tier.filter(|t| stored.as_i64().ok() != Some(*t)) {
                problems.push(summary_problem(
                    blocked,
                    "customers",
                    id,
                    id,
                    "value_tier",
                    stored,
                    &format!(
                        "(the {}) disagrees with the lifetime value its orders add up to, which gives {tier}",
                        words("value_tier")
                    ),
                ));
            }
        }
        for table in TIERED {
            problems.extend(self.tier_problems(table, blocked)?);
        }
        Ok(problems)
    }

    /// Records whose copy of their customer's value tier is not the customer's.
    fn tier_problems(&self, table: &'static str, blocked: &HashSet<i64>) -> anyhow::Result<Vec<Finding>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT t.id, t.customer_id, t.value_tier, c.value_tier FROM {table} t
             JOIN customers c ON c.id = t.customer_id
             WHERE t.value_tier IS NOT c.value_tier ORDER BY t.id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut problems = Vec::new();
        while let Some(row) = rows.next().context("comparing the value tiers")? {
            problems.push(summary_problem(
                blocked,
                table,
                row.get(0)?,
                row.get(1)?,
                "value_tier",
                row.get_ref(2)?,
                &format!(
                    "disagrees with its customer's value tier, {}",
                    literal(row.get_ref(3)?)
                ),
            ));
        }
        Ok(problems)
    }
}

/// The columns `summary::REFRESH` sets, each with the expression it sets it to: the
/// comma-separated `column = (expression)` pairs between SET and WHERE.
fn summary_expressions() -> Vec<(&'static str, &'static str)> {
    let set = REFRESH.split_once(" SET").map_or("", |(_, s)| s);
    let set = set.rsplit_once(" WHERE").map_or(set, |(s, _)| s);
    let mut pairs = Vec::new();
    let (mut depth, mut from) = (0_i32, 0);
    for (i, c) in set.char_indices().chain([(set.len(), ',')]) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                if let Some((column, expr)) = set[from..i].split_once('=') {
                    pairs.push((column.trim(), expr.trim()));
                }
                from = i + 1;
            }
            _ => {}
        }
    }
    pairs
}

/// What a summary column means, in words.
fn words(column: &str) -> &str {
    SUMMARY
        .iter()
        .find(|(c, _)| *c == column)
        .map_or(column, |(_, w)| w)
}

/// A summary value that disagrees with its records; it is recomputed with its customer's
/// summary, unless that customer has records that stay damaged.
fn summary_problem(
    blocked: &HashSet<i64>,
    table: &str,
    id: i64,
    customer: i64,
    column: &str,
    stored: ValueRef<'_>,
    problem: &str,
) -> Finding {
    let (problem, repair) = if blocked.contains(&customer) {
        (
            format!(
                "{problem}; it can be recomputed once the damaged records of customer {customer} are corrected"
            ),
            None,
        )
    } else {
        (problem.to_string(), Some("recomputes it".to_string()))
    };
    Finding {
        what: Problem {
            table: table.to_string(),
            id: Some(id),
            column: Some(column.to_string()),
            found: Some(shown(column, stored)),
            problem,
            repair,
        },
        fix: None,
        customer: Some(customer),
        poisons_summary: false,
    }
}

/// A summary value in words: times as UTC dates and times, nothing as "none".
fn shown(column: &str, v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "none".to_string(),
        ValueRef::Integer(secs) if column.ends_with("_at") => instant(v).map_or_else(
            || secs.to_string(),
            |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
        ),
        v => literal(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_summary_column_is_compared() {
        let kept: Vec<&str> = summary_expressions().iter().map(|(c, _)| *c).collect();
        for (column, _) in SUMMARY.iter().filter(|(c, _)| *c != "value_tier") {
            assert!(
                kept.contains(column),
                "{column} is not in summary::REFRESH: {kept:?}"
            );
        }
        assert_eq!(kept.len(), SUMMARY.len() - 1, "{kept:?}");
    }
}
