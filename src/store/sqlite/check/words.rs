//! Comparing the words each customer is found by (and their folded name, and their
//! people's) with what their names give, by the same rule that writes them (`sqlite::words::expected`), and
//! rebuilding those that disagree. A hand edit of a name, or another tool's, leaves them
//! stale.

use anyhow::Context as _;
use rusqlite::Connection;

use super::report::Finding;
use crate::store::Problem;
use crate::store::sqlite::words;

/// The column a stale-words finding names, which `--repair` knows it by.
pub(super) const WORDS: &str = "search words";

/// Customers whose stored words or folded name are not what their names give.
pub(super) fn problems(conn: &Connection) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = conn.prepare("SELECT id, name_key FROM customers ORDER BY id")?;
    let rows: Vec<(i64, Option<String>)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get_ref(1)?.as_str().ok().map(str::to_string)))
        })?
        .collect::<Result<_, _>>()
        .context("reading the customers' search words")?;
    let mut problems = Vec::new();
    for (id, key) in rows {
        let Some((expected_key, expected)) = words::expected(conn, id)? else {
            continue;
        };
        if key.as_deref() == Some(expected_key.as_str())
            && words::stored(conn, id)? == expected
            && words::stale_people_keys(conn, id)?.is_empty()
        {
            continue;
        }
        problems.push(Finding {
            what: Problem {
                table: "customers".to_string(),
                id: Some(id),
                column: Some(WORDS.to_string()),
                found: None,
                problem:
                    "has search words that are not those of its name, company and people, so it is not found by them"
                        .to_string(),
                repair: Some("rebuilds them".to_string()),
            },
            fix: None,
            customer: Some(id),
            poisons_summary: false,
        });
    }
    Ok(problems)
}

/// Writes the words of every customer `findings` names stale again.
pub(super) fn repair(conn: &Connection, findings: &[Finding]) -> anyhow::Result<()> {
    for f in findings {
        if let (Some(id), Some(WORDS)) = (f.what.id, f.what.column.as_deref()) {
            words::index(conn, id).context("rebuilding a customer's search words")?;
        }
    }
    Ok(())
}
