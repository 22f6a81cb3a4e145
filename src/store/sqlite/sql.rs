//! Conversions between domain values and SQLite columns, and the lenient row reader that
//! keeps a damaged or hand-edited value from stopping a read. Knows columns, not tables.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::balance::Side;
use crate::domain::moment::MomentStatus;
use crate::domain::trigger::TriggerKind;
use crate::domain::{Kind, Tags};
use crate::store::Damage;

/// Instants are stored as unix seconds: compact, index-friendly and UTC by definition.
pub fn ts(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

pub fn from_ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

/// A row count or limit as SQLite's integer; counts never come near `i64::MAX`.
pub fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl ToSql for Kind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Kind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// Enums stored as their lowercase names.
macro_rules! text_enum {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str()?.parse().map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }
    )*};
}

text_enum!(MomentStatus, TriggerKind, Side);

/// The instants a real book holds lie between these (1900-01-01 and 2199-12-31, in unix
/// seconds); anything outside is damage, and keeping it out also keeps date arithmetic
/// far from chrono's limits, where adding a cadence would panic.
pub(super) const FIRST_TS: i64 = -2_208_988_800;
pub(super) const LAST_TS: i64 = 7_258_118_399;
/// The same bounds for calendar dates stored as 'YYYY-MM-DD'.
pub(super) const FIRST_DAY: &str = "1900-01-01";
pub(super) const LAST_DAY: &str = "2199-12-31";

/// The values seen (table, row id, column) and the damage, in the order met.
type DamageLog = (HashSet<(&'static str, i64, String)>, Vec<Damage>);

thread_local! {
    /// The damage met while reading, each value once. A thread-local rather than a field of
    /// `SqliteBook` because the row mappers run inside rusqlite's callbacks, which see only the
    /// row; every front end reads on one thread.
    static DAMAGE: RefCell<DamageLog> = RefCell::default();
}

fn record(damage: Damage) {
    DAMAGE.with_borrow_mut(|(seen, all)| {
        if seen.insert((damage.table, damage.id, damage.column.clone())) {
            all.push(damage);
        }
    });
}

/// The damaged values read on this thread since the last call, each once, in the order
/// met.
pub(super) fn take_damage() -> Vec<Damage> {
    DAMAGE.with_borrow_mut(|(seen, all)| {
        seen.clear();
        std::mem::take(all)
    })
}

/// A stored value as SQL would write it, short and safe to print.
pub(super) fn literal(v: ValueRef<'_>) -> String {
    const MAX: usize = 40;
    let text = |s: &str| {
        let mut out = String::from("'");
        for c in s.chars().take(MAX) {
            if c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
            {
                out.extend(c.escape_unicode());
            } else if c == '\'' {
                out.push_str("''");
            } else {
                out.push(c);
            }
        }
        if s.chars().nth(MAX).is_some() {
            out.push('…');
        }
        out.push('\'');
        out
    };
    match v {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(b) => text(&String::from_utf8_lossy(b)),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().take(MAX / 2).fold(String::new(), |mut s, x| {
                let _ = write!(s, "{x:02X}");
                s
            });
            let more = if b.len() > MAX / 2 { "…" } else { "" };
            format!("X'{hex}{more}'")
        }
    }
}

/// A stored value as text, whatever it is: a damaged note is still shown, and a damaged
/// name still found, by what it says (NULL and bytes are no text).
pub(super) fn as_text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Null | ValueRef::Blob(_) => String::new(),
    }
}

/// An instant stored as unix seconds, if it is one a book can hold.
pub(super) fn instant(v: ValueRef<'_>) -> Option<DateTime<Utc>> {
    match v {
        ValueRef::Integer(secs) if (FIRST_TS..=LAST_TS).contains(&secs) => DateTime::from_timestamp(secs, 0),
        _ => None,
    }
}

/// A calendar day stored as 'YYYY-MM-DD', if it is one a book can hold.
pub(super) fn day(v: ValueRef<'_>) -> Option<NaiveDate> {
    let ValueRef::Text(b) = v else { return None };
    let s = std::str::from_utf8(b).ok()?;
    if s.len() != 10 || !(FIRST_DAY..=LAST_DAY).contains(&s) {
        return None;
    }
    // Digits where 'YYYY-MM-DD' has them, as every day is stored: read directly, which is
    // a tenth of parsing by the format (a listing reads two days of every customer).
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Stored tags as the domain allows them: each tag without the characters a tag may not
/// hold (control characters and the like), lowercase; `None` when they were fine.
pub(super) fn cleaned_tags(stored: &str) -> Option<Tags> {
    checked_tags(stored).err()
}

/// Stored tags as read when they are fine, else (`Err`) as [`cleaned_tags`] gives them:
/// read once for both.
fn checked_tags(stored: &str) -> Result<Tags, Tags> {
    let tags = Tags::from_stored(stored);
    // As they are written (lowercase, of a tag's characters, sorted, each once) they are
    // what `Tags::new` makes of them: no need to make them again.
    let written = |t: &String| {
        t.len() <= crate::domain::limits::FIELD_CHARS
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'/'))
    };
    let tags_slice = tags.as_slice();
    if tags_slice.iter().all(written) && tags_slice.windows(2).all(|w| w[0] < w[1]) {
        return Ok(tags);
    }
    if Tags::new(tags.as_slice()).is_ok_and(|t| t == tags) {
        return Ok(tags);
    }
    let kept = tags.as_slice().iter().map(|t| {
        t.chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'))
            .collect::<String>()
    });
    Err(Tags::new(kept).unwrap_or_default())
}

/// `read` for a column that may be NULL: NULL reads as `None` (nothing there), not as
/// damage.
fn or_null<T>(
    read: impl FnOnce(ValueRef<'_>) -> Option<T>,
) -> impl FnOnce(ValueRef<'_>) -> Option<Option<T>> {
    move |v| match v {
        ValueRef::Null => Some(None),
        v => read(v).map(Some),
    }
}

/// Reads the columns of one row leniently: a value that is missing, of the wrong type or
/// out of range gives a neutral stand-in and is recorded as `Damage`, so one bad value
/// never stops a listing or an export. Only the row's id is read strictly (it is SQLite's
/// rowid, always an integer).
pub(super) struct Lenient<'a, 'r> {
    row: &'a Row<'r>,
    table: &'static str,
    id: i64,
}

impl<'a, 'r> Lenient<'a, 'r> {
    pub fn new(row: &'a Row<'r>, table: &'static str, id_at: usize) -> rusqlite::Result<Self> {
        Ok(Lenient {
            row,
            table,
            id: row.get(id_at)?,
        })
    }

    pub fn id(&self) -> i64 {
        self.id
    }

    /// Column `i` through `read`; when that gives nothing, `neutral`, recorded as damage
    /// saying the value is not `what` (a NULL is damage too unless `null_ok`).
    pub fn value<T>(
        &self,
        i: usize,
        read: impl FnOnce(ValueRef<'_>) -> Option<T>,
        what: &str,
        neutral: T,
        shown_as: impl FnOnce() -> String,
    ) -> rusqlite::Result<T> {
        let v = self.row.get_ref(i)?;
        if let Some(t) = read(v) {
            return Ok(t);
        }
        self.damaged(i, v, format!("is not {what}"), shown_as())?;
        Ok(neutral)
    }

    fn damaged(&self, i: usize, v: ValueRef<'_>, problem: String, shown_as: String) -> rusqlite::Result<()> {
        record(Damage {
            table: self.table,
            id: self.id,
            column: self.row.as_ref().column_name(i)?.to_string(),
            found: literal(v),
            problem,
            shown_as,
        });
        Ok(())
    }

    /// Text; bytes that are not UTF-8 are shown with replacement characters.
    pub fn text(&self, i: usize) -> rusqlite::Result<String> {
        let v = self.row.get_ref(i)?;
        let (text, problem) = match v {
            ValueRef::Text(b) => match std::str::from_utf8(b) {
                Ok(s) => return Ok(s.to_string()),
                Err(_) => (String::from_utf8_lossy(b).into_owned(), "is not valid UTF-8 text"),
            },
            ValueRef::Blob(b) => (String::from_utf8_lossy(b).into_owned(), "is bytes, not text"),
            ValueRef::Integer(n) => (n.to_string(), "is a number, not text"),
            ValueRef::Real(r) => (r.to_string(), "is a number, not text"),
            ValueRef::Null => (String::new(), "is missing (NULL)"),
        };
        let shown = if text.is_empty() {
            "empty".to_string()
        } else {
            literal(ValueRef::Text(text.as_bytes()))
        };
        self.damaged(i, v, problem.to_string(), shown)?;
        Ok(text)
    }

    /// Tags; tags holding characters a tag may not hold are shown without them.
    pub fn tags(&self, i: usize) -> rusqlite::Result<Tags> {
        let stored = self.text(i)?;
        match checked_tags(&stored) {
            Ok(tags) => Ok(tags),
            Err(clean) => {
                let v = self.row.get_ref(i)?;
                let shown = if clean.is_empty() {
                    "no tags".to_string()
                } else {
                    clean.to_string()
                };
                self.damaged(i, v, "holds characters a tag may not hold".to_string(), shown)?;
                Ok(clean)
            }
        }
    }

    /// An integer in `range`, else `neutral`.
    pub fn int_in(
        &self,
        i: usize,
        range: RangeInclusive<i64>,
        what: &str,
        neutral: i64,
    ) -> rusqlite::Result<i64> {
        self.value(
            i,
            |v| v.as_i64().ok().filter(|n| range.contains(n)),
            what,
            neutral,
            || neutral.to_string(),
        )
    }

    /// An integer in `range`, or NULL; anything else is unknown.
    pub fn opt_int_in(
        &self,
        i: usize,
        range: RangeInclusive<i64>,
        what: &str,
    ) -> rusqlite::Result<Option<i64>> {
        self.value(
            i,
            or_null(|v| v.as_i64().ok().filter(|n| range.contains(n))),
            what,
            None,
            || "unknown".to_string(),
        )
    }

    /// A value parsed from its stored text (kinds, statuses), else `neutral`.
    pub fn parsed<T: FromStr + fmt::Display>(&self, i: usize, what: &str, neutral: T) -> rusqlite::Result<T> {
        let shown = neutral.to_string();
        self.value(
            i,
            |v| v.as_str().ok().and_then(|s| s.parse().ok()),
            what,
            neutral,
            || shown,
        )
    }

    /// An instant that must be there; when damaged, the unix epoch stands in.
    pub fn instant(&self, i: usize) -> rusqlite::Result<DateTime<Utc>> {
        self.value(i, instant, "a time", DateTime::UNIX_EPOCH, || {
            "1970-01-01".to_string()
        })
    }

    /// An instant or NULL (a summary's "never"); a damaged one is unknown.
    pub fn opt_instant(&self, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
        self.value(i, or_null(instant), "a time", None, || "unknown".to_string())
    }

    /// When something happened (done, closed, resolved), or NULL when it has not: a
    /// damaged time still says it happened, at the unix epoch.
    pub fn happened_at(&self, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
        self.value(i, or_null(instant), "a time", Some(DateTime::UNIX_EPOCH), || {
            "1970-01-01".to_string()
        })
    }

    /// A calendar day that must be there; when damaged, 1970-01-01 stands in.
    pub fn day(&self, i: usize) -> rusqlite::Result<NaiveDate> {
        self.value(i, day, "a date (YYYY-MM-DD)", NaiveDate::default(), || {
            "1970-01-01".to_string()
        })
    }

    /// A calendar day or NULL; a damaged one is unknown.
    pub fn opt_day(&self, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
        self.value(i, or_null(day), "a date (YYYY-MM-DD)", None, || {
            "unknown".to_string()
        })
    }

    /// A flag stored as 0 or 1; anything else reads as 0 (not set).
    pub fn flag(&self, i: usize) -> rusqlite::Result<bool> {
        Ok(self.int_in(i, 0..=1, "0 or 1", 0)? == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_read_as_by_its_format() {
        let by_format = |s: &str| {
            (s.len() == 10 && (FIRST_DAY..=LAST_DAY).contains(&s))
                .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .flatten()
        };
        for s in [
            "2026-11-23",
            "1900-01-01",
            "2199-12-31",
            "2200-01-01",
            "1899-12-31",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-011",
            "2026-01-1 ",
            "2026/01/01",
            "20260101",
            "2026-01-0a",
            "2026-+1-01",
            "2026-01-+1",
            "",
            "2026-11-23T",
        ] {
            assert_eq!(day(ValueRef::Text(s.as_bytes())), by_format(s), "{s:?}");
        }
    }

    #[test]
    fn tags_as_written_are_taken_as_they_are() {
        let made = |stored: &str| {
            let tags = Tags::from_stored(stored);
            Tags::new(tags.as_slice()).is_ok_and(|t| t == tags)
        };
        for stored in [
            "",
            "vip",
            "food vip",
            "vip food",
            "vip vip",
            "a-b c_d e/f",
            "VIP",
            "kühne",
            "x  y",
            "#vip",
            "1 2",
            &"a".repeat(501),
            &"a".repeat(500),
        ] {
            assert_eq!(checked_tags(stored).is_ok(), made(stored), "{stored:?}");
            if made(stored) {
                assert_eq!(checked_tags(stored), Ok(Tags::from_stored(stored)), "{stored:?}");
            }
        }
    }
}
