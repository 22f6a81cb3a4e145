//! Formatting for people, shared by both front ends: relative times ("12d ago"), days
//! ("tomorrow", "Fri 27 Nov"), the user's wall-clock time, fixed-width columns of safe
//! text. Knows neither the store nor which front end prints it; the words of a nudge's
//! reason are the domain's.

use std::borrow::Cow;

use chrono::{DateTime, Datelike as _, NaiveDate, Utc};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use crate::clock::Now;
use crate::domain::text::sanitize;

/// "today", "yesterday", "12d ago", "8mo ago", "2y ago", counted in local days.
pub fn ago(at: DateTime<Utc>, now: Now) -> String {
    let days = (now.today() - now.day(at)).num_days();
    match days {
        i64::MIN..=0 => "today".to_string(),
        1 => "yesterday".to_string(),
        2..=59 => format!("{days}d ago"),
        60..=364 => format!("{}mo ago", days / 30),
        _ => format!("{}y ago", days / 365),
    }
}

/// "today", "tomorrow", "Fri 27 Nov", or with the year when it is not this year.
pub fn day(d: NaiveDate, today: NaiveDate) -> String {
    let format = if d.year() == today.year() {
        "%a %-d %b"
    } else {
        "%a %-d %b %Y"
    };
    near(d, today).map_or_else(|| d.format(format).to_string(), str::to_string)
}

/// `day` for a table cell of 11 columns: the weekday makes way for the year when the day
/// is not within half a year of today ("Thu 7 Jan" then, "7 Jan 2028" later).
pub fn short_day(d: NaiveDate, today: NaiveDate) -> String {
    let format = if d.year() == today.year() || (d - today).num_days().abs() < 183 {
        "%a %-d %b"
    } else {
        "%-d %b %Y"
    };
    near(d, today).map_or_else(|| d.format(format).to_string(), str::to_string)
}

/// "today", "tomorrow" or "yesterday", when `d` is one of them.
fn near(d: NaiveDate, today: NaiveDate) -> Option<&'static str> {
    match (d - today).num_days() {
        0 => Some("today"),
        1 => Some("tomorrow"),
        -1 => Some("yesterday"),
        _ => None,
    }
}

/// "“send proposal” Fri 27 Nov".
pub fn follow_up_summary(text: &str, due: NaiveDate, today: NaiveDate) -> String {
    format!("“{}” {}", sanitize(text), day(due, today))
}

/// "Mon 16 Nov 10:00" on the user's wall clock, with the year when it is not this year.
pub fn local_time(at: DateTime<Utc>, now: Now) -> String {
    let local = now.zone().local(at);
    if local.year() == now.today().year() {
        local.format("%a %-d %b %H:%M").to_string()
    } else {
        local.format("%a %-d %b %Y %H:%M").to_string()
    }
}

/// "12 Nov" on the user's calendar, with the year when it is not this year: when someone
/// was last in touch, where a weekday would be noise.
pub fn short_date(at: DateTime<Utc>, now: Now) -> String {
    let d = now.day(at);
    if d.year() == now.today().year() {
        d.format("%-d %b").to_string()
    } else {
        d.format("%-d %b %Y").to_string()
    }
}

/// " (champion on leave)" after what a snooze or a pause was for, or nothing without a
/// reason.
pub fn because(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!(" ({})", sanitize(reason))
    }
}

/// "1 item", "3 items".
pub fn items(n: usize) -> String {
    if n == 1 {
        "1 item".to_string()
    } else {
        format!("{n} items")
    }
}

/// Sanitized `s`, cut or padded to exactly `width` terminal columns.
pub fn cell(s: &str, width: usize) -> String {
    let safe: Cow<'_, str> = sanitize(s);
    let mut out = String::new();
    let mut used = 0;
    if safe.width() > width {
        for c in safe.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    } else {
        out.push_str(&safe);
        used = safe.width();
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_days_fit_a_table_cell() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let on = |y, m, d| short_day(NaiveDate::from_ymd_opt(y, m, d).unwrap(), today);
        assert_eq!(on(2026, 11, 24), "tomorrow");
        assert_eq!(on(2026, 11, 27), "Fri 27 Nov");
        assert_eq!(on(2027, 1, 7), "Thu 7 Jan", "next year, but soon");
        assert_eq!(on(2027, 9, 30), "30 Sep 2027");
        assert_eq!(on(2025, 12, 1), "1 Dec 2025");
        for (y, m, d) in [(2027, 1, 7), (2027, 9, 30), (2028, 12, 31)] {
            assert!(on(y, m, d).chars().count() <= 11);
        }
    }

    #[test]
    fn cells_are_exactly_as_wide_as_asked() {
        assert_eq!(cell("Acme", 6), "Acme  ");
        assert_eq!(cell("Van der Berg Logistiek", 10), "Van der B…");
        assert_eq!(cell("日本語テキスト", 7).width(), 7);
        assert_eq!(cell("a\u{1b}[31mb", 9), "a␛[31mb  ");
    }
}
