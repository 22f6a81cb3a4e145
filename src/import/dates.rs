//! Last-contact dates as spreadsheets and CRMs write them, read in the local time zone.
//! Values only: no file format, no store.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::clock::Now;

/// A last-contact date: RFC 3339, `yyyy-mm-dd`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy/mm/dd`,
/// each optionally followed by `hh:mm[:ss]` (local time); `dd/mm/yyyy` when the order is
/// clear from a number above 12. A date alone means noon that day, but never later than
/// now. Dates after today are refused.
pub fn last_contact(raw: &str, now: Now) -> Result<Option<DateTime<Utc>>, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = |why: &str| {
        format!(
            "last contact '{s}' {why} — use 2026-11-23, 23-11-2026 or 2026-11-23 14:30 (or --map 'COLUMN=ignore')"
        )
    };
    let today = now.today();
    let local = |wall| now.zone().instant(wall);
    let at = if let Ok(exact) = DateTime::parse_from_rfc3339(s) {
        exact.with_timezone(&Utc)
    } else {
        let (date_part, time_part) = match s.split_once([' ', 'T']) {
            Some((d, t)) => (d, Some(t.trim())),
            None => (s, None),
        };
        let date = date(date_part).map_err(&bad)?;
        if date > today {
            return Err(bad("is in the future"));
        }
        if let Some(t) = time_part {
            let time = time(t).ok_or_else(|| bad("has a time that is not hh:mm"))?;
            local(date.and_time(time)).ok_or_else(|| bad("does not exist in the local time zone"))?
        } else {
            let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default();
            let at = local(noon).ok_or_else(|| bad("does not exist in the local time zone"))?;
            at.min(now.utc)
        }
    };
    if now.day(at) > today {
        return Err(bad("is in the future"));
    }
    Ok(Some(at.min(now.utc)))
}

fn date(text: &str) -> Result<NaiveDate, &'static str> {
    let sep = text
        .chars()
        .find(|c| matches!(c, '-' | '.' | '/'))
        .ok_or("is not a date")?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [first, second, third] = parts[..] else {
        return Err("is not a date");
    };
    let num = |p: &str| -> Result<u32, &'static str> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            Err("is not a date")
        } else {
            p.parse().map_err(|_| "is not a date")
        }
    };
    let (year, month, day) = if first.len() == 4 {
        (num(first)?, num(second)?, num(third)?)
    } else if third.len() == 4 {
        let (a, b) = (num(first)?, num(second)?);
        if sep != '/' || a > 12 {
            (num(third)?, b, a)
        } else if b > 12 {
            (num(third)?, a, b)
        } else {
            return Err("is ambiguous: day/month or month/day");
        }
    } else {
        return Err("has no four-digit year");
    };
    NaiveDate::from_ymd_opt(year.cast_signed(), month, day).ok_or("is not a day in the calendar")
}

/// `hh:mm`, `hh:mm:ss`, `hh:mm:ss.fff`.
fn time(s: &str) -> Option<NaiveTime> {
    let s = s.split('.').next().unwrap_or(s);
    NaiveTime::parse_from_str(s, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        Now::parse("2026-11-23T09:00:00Z").unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn last_contact_reads_the_common_forms() {
        let cases = [
            ("2026-11-20", "2026-11-20T12:00:00Z"),
            ("20-11-2026", "2026-11-20T12:00:00Z"),
            ("20.11.2026", "2026-11-20T12:00:00Z"),
            ("2026/11/20", "2026-11-20T12:00:00Z"),
            ("2026-11-20 14:30", "2026-11-20T14:30:00Z"),
            ("2026-11-20 14:30:15", "2026-11-20T14:30:15Z"),
            ("2026-11-20T14:30:00+01:00", "2026-11-20T13:30:00Z"),
            ("25/10/2026", "2026-10-25T12:00:00Z"),
            ("10/25/2026", "2026-10-25T12:00:00Z"),
            ("1-2-2026", "2026-02-01T12:00:00Z"),
        ];
        for (raw, want) in cases {
            assert_eq!(last_contact(raw, now()), Ok(Some(at(want))), "{raw}");
        }
        // Today, date only: noon would be after now.
        assert_eq!(last_contact("2026-11-23", now()), Ok(Some(now().utc)));
        assert_eq!(last_contact(" ", now()), Ok(None));
    }

    #[test]
    fn last_contact_refuses_what_it_cannot_place() {
        for (raw, why) in [
            ("next week", "is not a date"),
            ("31-02-2026", "not a day in the calendar"),
            ("03/05/2026", "ambiguous"),
            ("20-11-26", "four-digit year"),
            ("2027-01-01", "in the future"),
            ("2026-11-20 25:00", "not hh:mm"),
        ] {
            let err = last_contact(raw, now()).unwrap_err();
            assert!(
                err.contains(why) && err.contains(&format!("'{raw}'")),
                "{raw}: {err}"
            );
        }
    }
}
