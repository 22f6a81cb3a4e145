//! Times and days stored in a form touchbase does not read (text, a fraction of a second,
//! a day with its time), recovered as the value they meant. Values only, no tables.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::types::ValueRef;

use crate::store::sqlite::sql::{FIRST_DAY, FIRST_TS, LAST_DAY, LAST_TS, instant};

/// A time written as text (RFC 3339, 'YYYY-MM-DD HH:MM:SS', a bare date at midnight UTC)
/// or with a fraction of a second, as unix seconds in the book's range.
pub(super) fn repaired_time(v: ValueRef<'_>) -> Option<i64> {
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
pub(super) fn repaired_day(v: ValueRef<'_>) -> Option<NaiveDate> {
    let day = match v {
        ValueRef::Integer(_) => instant(v)?.date_naive(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_day_stored_as_unix_seconds_is_its_utc_date_while_in_the_books_range() {
        assert_eq!(
            repaired_day(ValueRef::Integer(1_795_168_800)),
            NaiveDate::from_ymd_opt(2026, 11, 20)
        );
        assert_eq!(repaired_day(ValueRef::Integer(i64::MAX)), None);
        assert_eq!(repaired_day(ValueRef::Integer(FIRST_TS - 1)), None);
    }
}
