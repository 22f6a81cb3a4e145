//! The kinds of stored value and their rules: which values are damage (in SQL, to pick
//! them out in one pass), what is wrong with them in words, and the value that repairs each.
//! Knows no table: `tables.rs` says which column follows which rule.

use rusqlite::types::{Value, ValueRef};

use super::recover::{repaired_day, repaired_time};
use crate::domain::Cadence;
use crate::store::sqlite::sql::{FIRST_DAY, FIRST_TS, LAST_DAY, LAST_TS, cleaned_tags};

/// How a kind of value is stored, which decides what is damage and how it is repaired.
#[derive(Clone, Copy)]
pub(super) enum Rule {
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

impl Rule {
    /// An SQL condition that holds when column `c` breaks the rule. It may hold for a few
    /// good values too (`Tags`), which `accepts` then lets through.
    pub(super) fn bad_sql(self, c: &str) -> String {
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
    pub(super) fn accepts(self, v: ValueRef<'_>) -> bool {
        match (self, v) {
            (Rule::Tags, ValueRef::Text(b)) => {
                std::str::from_utf8(b).is_ok_and(|s| cleaned_tags(s).is_none())
            }
            _ => false,
        }
    }

    pub(super) fn what(self) -> &'static str {
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
    pub(super) fn fix(self, v: ValueRef<'_>) -> Option<Value> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cadence_bound_in_sql_is_the_domain_rule() {
        assert!(Cadence::from_days(MAX_CADENCE_DAYS).is_ok());
        assert!(Cadence::from_days(MAX_CADENCE_DAYS + 1).is_err());
    }

    #[test]
    fn a_cadence_in_words_is_kept_and_a_meaningless_one_is_the_default() {
        assert_eq!(Rule::Cadence.fix(ValueRef::Text(b"2w")), Some(Value::Integer(14)));
        assert_eq!(Rule::Cadence.fix(ValueRef::Integer(-5)), Some(Value::Integer(30)));
    }
}
