//! Checking a book for damage (SQLite's own checks, values touchbase cannot use, summaries
//! that disagree with their records) and repairing what can be repaired without losing
//! anything. What counts as a usable value is the lenient reader's rule in `sql.rs`.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::params;
use rusqlite::types::{Value, ValueRef};

use super::Store;
use super::sql::{FIRST_DAY, FIRST_TS, LAST_DAY, LAST_TS, cleaned_tags, literal, record_name};
use super::summary::REFRESH;
use crate::domain::Cadence;
use crate::domain::money::Cents;

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
    fix: Option<Value>,
    /// The customer whose summary this row is part of.
    #[serde(skip)]
    customer: Option<i64>,
    /// Whether the value, left as it is, would make that summary wrong when recomputed.
    #[serde(skip)]
    poisons_summary: bool,
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

/// How a kind of value is stored, which decides what is damage and how it is repaired.
#[derive(Clone, Copy)]
enum Rule {
    /// Text; `empty` says whether '' is allowed.
    Text {
        empty: bool,
    },
    /// Unix seconds; `null` says whether NULL is allowed.
    Time {
        null: bool,
    },
    /// 'YYYY-MM-DD'.
    Day,
    /// One of these words.
    Word(&'static [&'static str]),
    /// Tags as the domain writes them.
    Tags,
    Cadence,
    /// 1 to 5 or NULL.
    Satisfaction,
    /// An integer in a range that nothing else can stand in for.
    Int {
        min: i64,
        max: i64,
        what: &'static str,
    },
}

const KINDS: &[&str] = &[
    "call",
    "email",
    "meeting",
    "visit",
    "message",
    "note",
    "gift",
    "complaint",
];

/// Every column touchbase reads, by table, with its rule. The summary columns of customers
/// are not here: they are compared with what their records sum up to instead.
const TABLES: &[(&str, &[(&str, Rule)])] = &[
    (
        "customers",
        &[
            ("name", Rule::Text { empty: false }),
            ("company", Rule::Text { empty: true }),
            ("email", Rule::Text { empty: true }),
            ("phone", Rule::Text { empty: true }),
            ("tags", Rule::Tags),
            ("cadence_days", Rule::Cadence),
            ("notes", Rule::Text { empty: true }),
            (
                "archived",
                Rule::Int {
                    min: 0,
                    max: 1,
                    what: "is not 0 or 1",
                },
            ),
            ("created_at", Rule::Time { null: false }),
            ("updated_at", Rule::Time { null: false }),
        ],
    ),
    (
        "interactions",
        &[
            ("at", Rule::Time { null: false }),
            ("kind", Rule::Word(KINDS)),
            ("direction", Rule::Word(&["in", "out"])),
            ("note", Rule::Text { empty: true }),
            ("satisfaction", Rule::Satisfaction),
        ],
    ),
    (
        "follow_ups",
        &[
            ("text", Rule::Text { empty: false }),
            ("due", Rule::Day),
            ("first_due", Rule::Day),
            ("created_at", Rule::Time { null: false }),
            ("done_at", Rule::Time { null: true }),
        ],
    ),
    (
        "moments",
        &[
            ("title", Rule::Text { empty: false }),
            ("expected", Rule::Day),
            ("concerns", Rule::Text { empty: true }),
            ("steps", Rule::Text { empty: true }),
            ("response", Rule::Text { empty: true }),
            ("status", Rule::Word(&["upcoming", "won", "lost", "passed"])),
            ("planned_at", Rule::Time { null: false }),
            ("closed_at", Rule::Time { null: true }),
        ],
    ),
    (
        "triggers",
        &[
            ("kind", Rule::Word(&["situational", "reactional", "influential"])),
            ("note", Rule::Text { empty: true }),
            ("opened_at", Rule::Time { null: false }),
            ("resolved_at", Rule::Time { null: true }),
        ],
    ),
    (
        "balance_entries",
        &[
            ("side", Rule::Word(&["give", "ask"])),
            ("note", Rule::Text { empty: true }),
            (
                "weight",
                Rule::Int {
                    min: 1,
                    max: 5,
                    what: "is not a weight (1 to 5)",
                },
            ),
            ("at", Rule::Time { null: false }),
        ],
    ),
    (
        "orders",
        &[
            ("ordered_on", Rule::Day),
            (
                "amount_cents",
                Rule::Int {
                    min: 1,
                    max: i64::MAX,
                    what: "is not an amount above zero (in cents)",
                },
            ),
            ("currency", Rule::Text { empty: false }),
            ("note", Rule::Text { empty: true }),
            ("created_at", Rule::Time { null: false }),
        ],
    ),
];

impl Rule {
    /// An SQL condition that holds when column `c` breaks the rule. It may hold for a few
    /// good values too (`Tags`), which `accepts` then lets through.
    fn bad_sql(self, c: &str) -> String {
        match self {
            Rule::Text { empty: true } => format!("typeof({c}) <> 'text'"),
            Rule::Text { empty: false } => format!("typeof({c}) <> 'text' OR {c} = ''"),
            Rule::Time { null } => {
                let bad = format!("typeof({c}) <> 'integer' OR {c} NOT BETWEEN {FIRST_TS} AND {LAST_TS}");
                if null {
                    format!("{c} IS NOT NULL AND ({bad})")
                } else {
                    bad
                }
            }
            Rule::Day => format!(
                "typeof({c}) <> 'text' OR {c} NOT BETWEEN '{FIRST_DAY}' AND '{LAST_DAY}' OR date({c}) IS NOT {c}"
            ),
            Rule::Word(words) => {
                let list: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
                format!("typeof({c}) <> 'text' OR {c} NOT IN ({})", list.join(", "))
            }
            // Anything but plain ASCII tags is looked at closely.
            Rule::Tags => format!("typeof({c}) <> 'text' OR {c} GLOB '*[^a-z0-9 _/-]*'"),
            Rule::Cadence => {
                format!("typeof({c}) <> 'integer' OR {c} NOT BETWEEN 1 AND {MAX_CADENCE_DAYS}")
            }
            Rule::Satisfaction => {
                format!("{c} IS NOT NULL AND (typeof({c}) <> 'integer' OR {c} NOT BETWEEN 1 AND 5)")
            }
            Rule::Int { min, max, .. } => {
                format!("typeof({c}) <> 'integer' OR {c} NOT BETWEEN {min} AND {max}")
            }
        }
    }

    /// Whether a value that `bad_sql` picked out is fine after all.
    fn accepts(self, v: ValueRef<'_>) -> bool {
        match (self, v) {
            (Rule::Tags, ValueRef::Text(b)) => {
                std::str::from_utf8(b).is_ok_and(|s| cleaned_tags(s).is_none())
            }
            _ => false,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Rule::Text { empty: true } => "is not text",
            Rule::Text { empty: false } => "is not text, or is empty",
            Rule::Time { .. } => "is not a time (unix seconds, 1900 to 2199)",
            Rule::Day => "is not a date (YYYY-MM-DD, 1900 to 2199)",
            Rule::Word(_) => "is not a known value",
            Rule::Tags => "holds characters a tag may not hold",
            Rule::Cadence => "is not a cadence (1 to 3650 days)",
            Rule::Satisfaction => "is not a satisfaction (1 to 5)",
            Rule::Int { what, .. } => what,
        }
    }

    /// The value that repairs `v` without losing anything it held, if there is one.
    fn fix(self, v: ValueRef<'_>) -> Option<Value> {
        match self {
            Rule::Text { empty } => match v {
                ValueRef::Blob(b) => std::str::from_utf8(b)
                    .ok()
                    .filter(|s| empty || !s.is_empty())
                    .map(|s| Value::Text(s.to_string())),
                ValueRef::Null if empty => Some(Value::Text(String::new())),
                ValueRef::Integer(n) => Some(Value::Text(n.to_string())),
                ValueRef::Real(r) => Some(Value::Text(r.to_string())),
                _ => None,
            },
            Rule::Time { .. } => repaired_time(v).map(Value::Integer),
            Rule::Day => repaired_day(v).map(|d| Value::Text(d.format("%Y-%m-%d").to_string())),
            Rule::Word(words) => {
                let s = v.as_str().ok()?.trim().to_lowercase();
                words.contains(&s.as_str()).then_some(Value::Text(s))
            }
            Rule::Tags => {
                let s = match v {
                    ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b),
                    _ => return Some(Value::Text(String::new())),
                };
                Some(Value::Text(cleaned_tags(&s).unwrap_or_default().to_stored()))
            }
            // A cadence typed as words ('2w') is read as the user meant it; any other
            // damaged cadence holds nothing, so the default stands in, as it does when read.
            Rule::Cadence => {
                let days = v
                    .as_str()
                    .ok()
                    .and_then(|s| s.parse::<Cadence>().ok())
                    .unwrap_or(Cadence::DEFAULT)
                    .days();
                Some(Value::Integer(i64::from(days)))
            }
            // A satisfaction out of range says nothing; unknown (NULL) is what it means.
            Rule::Satisfaction => Some(Value::Null),
            Rule::Int { .. } => None,
        }
    }
}

/// The longest cadence `Cadence::from_days` accepts, in SQL.
const MAX_CADENCE_DAYS: u32 = 3650;

/// A time written as text (RFC 3339, 'YYYY-MM-DD HH:MM:SS', a bare date at midnight UTC)
/// or with a fraction of a second, as unix seconds in the book's range.
fn repaired_time(v: ValueRef<'_>) -> Option<i64> {
    let secs = match v {
        ValueRef::Real(r) if r.is_finite() && r.abs() < 1e12 => r.round() as i64,
        ValueRef::Text(b) => {
            let s = std::str::from_utf8(b).ok()?.trim();
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                t.timestamp()
            } else if let Some(t) = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            {
                t.and_utc().timestamp()
            } else {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()?
                    .and_hms_opt(0, 0, 0)?
                    .and_utc()
                    .timestamp()
            }
        }
        _ => return None,
    };
    (FIRST_TS..=LAST_TS).contains(&secs).then_some(secs)
}

/// A day written with a time after it, or as unix seconds.
fn repaired_day(v: ValueRef<'_>) -> Option<NaiveDate> {
    let day = match v {
        ValueRef::Integer(secs) if (FIRST_TS..=LAST_TS).contains(&secs) => {
            DateTime::from_timestamp(secs, 0)?.date_naive()
        }
        ValueRef::Text(b) => {
            let s = std::str::from_utf8(b).ok()?.trim();
            let (head, rest) = s.split_at_checked(10)?;
            if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
                return None;
            }
            NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()?
        }
        _ => return None,
    };
    let text = day.format("%Y-%m-%d").to_string();
    (FIRST_DAY..=LAST_DAY).contains(&text.as_str()).then_some(day)
}

/// The record columns `summary::refresh` sums up: while one of them is damaged beyond
/// repair, its customer's summary is not recomputed (a text among the times would become
/// the last contact). An amount that is a whole number still adds up.
const SUMMED: &[(&str, &str)] = &[
    ("interactions", "at"),
    ("interactions", "kind"),
    ("interactions", "satisfaction"),
    ("orders", "amount_cents"),
    ("orders", "ordered_on"),
    ("balance_entries", "side"),
    ("balance_entries", "at"),
];

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

impl Store {
    /// Checks the whole book; changes nothing.
    pub fn check(&self) -> anyhow::Result<CheckReport> {
        let mut values = Vec::new();
        for (table, columns) in TABLES {
            values.extend(self.value_problems(table, columns)?);
        }
        // SQLite's integrity check also names each table holding a value its CHECK
        // constraints refuse; the values themselves are named below.
        let mut problems: Vec<Problem> = self
            .sqlite_problems()?
            .into_iter()
            .filter(|p| {
                !values.iter().any(|v| {
                    p.problem
                        .ends_with(&format!("CHECK constraint failed in {}", v.table))
                        || p.problem.contains(&format!("NULL value in {}.", v.table))
                })
            })
            .collect();
        // A summary cannot be recomputed from records that stay damaged.
        let blocked = blocked(&values);
        problems.append(&mut values);
        problems.extend(self.summary_problems(&blocked)?);
        let count = |sql: &str| -> anyhow::Result<usize> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(CheckReport {
            customers: count("SELECT count(*) FROM customers").context("counting customers")?,
            contacts: count("SELECT count(*) FROM interactions").context("counting contacts")?,
            problems,
        })
    }

    /// Repairs, in one transaction, what `report` says can be repaired: the damaged values
    /// it has a fix for, then every summary. Deletes nothing. Returns what was changed.
    pub fn repair(&mut self, report: &CheckReport) -> anyhow::Result<Vec<String>> {
        self.write("repair the book", |tx| {
            let mut changed = Vec::new();
            for p in &report.problems {
                let (Some(id), Some(column), Some(fix)) = (p.id, &p.column, &p.fix) else {
                    continue;
                };
                // Table and column names come from `TABLES`, never from the file.
                let (table, _) = TABLES
                    .iter()
                    .find(|(t, _)| *t == p.table)
                    .context("repairing an unknown table")?;
                tx.execute(
                    &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
                    params![id, fix],
                )
                .with_context(|| format!("repairing {} {id}", record_name(table)))?;
                changed.push(format!(
                    "{} {id}: {column} {} → {}",
                    record_name(table),
                    p.found.as_deref().unwrap_or("?"),
                    literal(fix.into())
                ));
            }
            let blocked = blocked(&report.problems);
            let customers: BTreeSet<i64> = report
                .problems
                .iter()
                .filter(|p| p.repair.is_some())
                .filter_map(|p| p.customer)
                .filter(|id| !blocked.contains(id))
                .collect();
            for id in customers {
                super::summary::refresh(tx, id)?;
            }
            changed.extend(
                report
                    .problems
                    .iter()
                    .filter(|p| p.fix.is_none() && p.repair.is_some())
                    .map(|p| {
                        format!(
                            "{} {}: {} recomputed",
                            record_name(&p.table),
                            p.id.unwrap_or_default(),
                            p.column.as_deref().unwrap_or("summary")
                        )
                    }),
            );
            Ok(changed)
        })
    }

    /// SQLite's own checks: the file's structure and the references between tables.
    fn sqlite_problems(&self) -> anyhow::Result<Vec<Problem>> {
        let database = |problem: String| Problem {
            table: "database".to_string(),
            id: None,
            column: None,
            found: None,
            problem,
            repair: None,
            fix: None,
            customer: None,
            poisons_summary: false,
        };
        let mut problems: Vec<Problem> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()
            .context("running SQLite's integrity check")?
            .into_iter()
            .filter(|line| line != "ok")
            .map(|line| database(format!("SQLite's integrity check says: {line}")))
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
        for (table, id, parent) in orphans {
            let table = TABLES
                .iter()
                .map(|(t, _)| *t)
                .find(|t| *t == table)
                .unwrap_or("database");
            problems.push(Problem {
                table: table.to_string(),
                id,
                column: None,
                found: None,
                problem: format!("refers to a {} that does not exist", record_name(&parent)),
                repair: None,
                fix: None,
                customer: None,
                poisons_summary: false,
            });
        }
        Ok(problems)
    }

    /// The values of `table` that break their column's rule: one pass over the table.
    fn value_problems(&self, table: &'static str, columns: &[(&str, Rule)]) -> anyhow::Result<Vec<Problem>> {
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
                problems.push(Problem {
                    table: table.to_string(),
                    id: Some(id),
                    column: Some((*column).to_string()),
                    found: Some(literal(v)),
                    problem: rule.what().to_string(),
                    repair: fix.as_ref().map(|f| format!("sets it to {}", literal(f.into()))),
                    fix,
                    customer,
                    poisons_summary,
                });
            }
        }
        Ok(problems)
    }

    /// Customers whose summary columns, and records whose copy of their customer's value
    /// tier, disagree with what the records sum up to. The sums are `summary::REFRESH`'s
    /// own expressions, read instead of written, so this check never drifts from how the
    /// summaries are kept, and it changes nothing.
    fn summary_problems(&self, blocked: &HashSet<i64>) -> anyhow::Result<Vec<Problem>> {
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
    fn tier_problems(&self, table: &'static str, blocked: &HashSet<i64>) -> anyhow::Result<Vec<Problem>> {
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

/// The customers whose summaries cannot be recomputed: a record they sum up stays damaged.
fn blocked(problems: &[Problem]) -> HashSet<i64> {
    problems
        .iter()
        .filter(|p| p.fix.is_none() && p.poisons_summary)
        .filter_map(|p| p.customer)
        .collect()
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
) -> Problem {
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
    Problem {
        table: table.to_string(),
        id: Some(id),
        column: Some(column.to_string()),
        found: Some(shown(column, stored)),
        problem,
        repair,
        fix: None,
        customer: Some(customer),
        poisons_summary: false,
    }
}

/// A summary value in words: times as UTC dates and times, nothing as "none".
fn shown(column: &str, v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "none".to_string(),
        ValueRef::Integer(secs) if column.ends_with("_at") => super::sql::instant(v).map_or_else(
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

    #[test]
    fn the_cadence_bound_in_sql_is_the_domain_rule() {
        assert!(Cadence::from_days(MAX_CADENCE_DAYS).is_ok());
        assert!(Cadence::from_days(MAX_CADENCE_DAYS + 1).is_err());
    }

    #[test]
    fn times_and_days_written_as_text_are_recovered() {
        let text = |s: &'static str| ValueRef::Text(s.as_bytes());
        assert_eq!(repaired_time(text("2026-11-20T10:00:00Z")), Some(1_795_168_800));
        assert_eq!(repaired_time(text("2026-11-20 10:00:00")), Some(1_795_168_800));
        assert_eq!(repaired_time(text("last tuesday")), None);
        assert_eq!(repaired_time(ValueRef::Integer(i64::MAX)), None);
        assert_eq!(
            repaired_day(text("2026-11-20T10:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 11, 20)
        );
        assert_eq!(repaired_day(text("someday")), None);
        assert_eq!(repaired_day(text("2026-02-30")), None);
    }

    #[test]
    fn a_cadence_in_words_is_kept_and_a_meaningless_one_is_the_default() {
        assert_eq!(Rule::Cadence.fix(ValueRef::Text(b"2w")), Some(Value::Integer(14)));
        assert_eq!(Rule::Cadence.fix(ValueRef::Integer(-5)), Some(Value::Integer(30)));
    }
}
