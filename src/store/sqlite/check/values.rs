//! Finding the stored values that break their column's rule, one pass over each table.
//! What the rules are is `rules.rs`'s.

use anyhow::Context as _;
use rusqlite::types::ValueRef;

use super::report::Finding;
use super::rules::Rule;
use super::tables::SUMMED;
use crate::store::Problem;
use crate::store::sqlite::SqliteBook;
use crate::store::sqlite::sql::literal;

impl SqliteBook {
    /// The values of `table` that break their column's rule: one pass over the table.
    pub(super) fn value_problems(
        &self,
        table: &'static str,
        columns: &[(&str, Rule)],
    ) -> anyhow::Result<Vec<Finding>> {
        let bad: Vec<String> = columns
            .iter()
            .map(|(c, rule)| format!("({})", rule.bad_sql(c)))
            .collect();
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let owner = if table == "customers" { "id" } else { "customer_id" };
        let sql = format!(
            "SELECT id, {owner}, {}, {} FROM {table} WHERE {} ORDER BY id",
            names.join(", "),
            bad.join(", "),
            bad.join(" OR ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut problems = Vec::new();
        let what = || format!("checking the values in {table}");
        while let Some(row) = rows.next().with_context(what)? {
            let id: i64 = row.get(0)?;
            let customer = row.get_ref(1)?.as_i64().ok();
            for (i, (column, rule)) in columns.iter().enumerate() {
                let v = row.get_ref(2 + i)?;
                let flagged: Option<bool> = row.get(2 + columns.len() + i)?;
                if flagged != Some(true) || rule.accepts(v) {
                    continue;
                }
                let fix = rule.fix(v);
                let poisons_summary = SUMMED.contains(&(table, *column))
                    && !(matches!(rule, Rule::Int { .. }) && matches!(v, ValueRef::Integer(_)));
                problems.push(Finding {
                    what: Problem {
                        table: table.to_string(),
                        id: Some(id),
                        column: Some((*column).to_string()),
                        found: Some(literal(v)),
                        problem: rule.what().to_string(),
                        repair: fix.as_ref().map(|f| format!("sets it to {}", literal(f.into()))),
                    },
                    fix,
                    customer,
                    poisons_summary,
                });
            }
        }
        Ok(problems)
    }
}
