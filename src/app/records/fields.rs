//! Reading one typed field of a record, the same for both front ends (the CLI's flags,
//! the TUI's edit form): each refuses in words that name the value and say what would do.
//! When a contact happened is read here, in one place, until the quick-log line's own
//! backward-looking reader takes over.

use chrono::{DateTime, Datelike as _, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::app::refused::Refused;
use crate::clock::Now;
use crate::domain::Kind;
use crate::domain::balance::Side;
use crate::domain::moment::MomentStatus;
use crate::domain::money::Cents;
use crate::domain::trigger::TriggerKind;
use crate::domain::when::parse_when;

/// The time of day a date alone stands for: noon, or now on today before noon.
const NOON: NaiveTime = match NaiveTime::from_hms_opt(12, 0, 0) {
    Some(t) => t,
    None => unreachable!(),
};

/// When a contact (or a give or ask) happened, in the user's zone, never in the future:
/// `2026-11-30 09:15`, `2026-11-30` (noon), `14:30` (today), `today`, `yesterday`, a
/// weekday (`mon`: the last one, today on a Monday), each with a time if you like
/// (`mon 14:30`); an optional leading `@`.
pub fn contact_time(now: Now, typed: &str) -> Result<DateTime<Utc>, Refused> {
    let trimmed = typed.trim();
    let bad = || Refused::BadTime(shortened(trimmed));
    let text = trimmed
        .strip_prefix('@')
        .unwrap_or(trimmed)
        .trim()
        .to_ascii_lowercase();
    let text = text.replacen('t', " ", usize::from(looks_iso_t(&text)));
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let time = match words
        .last()
        .and_then(|w| NaiveTime::parse_from_str(w, "%H:%M").ok())
    {
        Some(t) => {
            words.pop();
            Some(t)
        }
        None => None,
    };
    let today = now.today();
    let day = match words.as_slice() {
        [] if time.is_some() => today,
        ["today"] => today,
        ["yesterday"] => today.pred_opt().ok_or_else(bad)?,
        [word] => match weekday_back(word, today) {
            Some(d) => d,
            None => parse_when(word, today).map_err(|_| bad())?,
        },
        _ => return Err(bad()),
    };
    let wall = now
        .zone()
        .instant(NaiveDateTime::new(day, time.unwrap_or(NOON)))
        .ok_or_else(bad)?;
    // A date alone on today, before noon, is now rather than later today.
    let at = if time.is_none() && day == today {
        wall.min(now.utc)
    } else {
        wall
    };
    if at > now.utc {
        return Err(Refused::ContactAhead(shortened(trimmed)));
    }
    Ok(at)
}

/// "2026-11-30t09:15" (lowercased): an ISO date and time joined by `T`.
fn looks_iso_t(text: &str) -> bool {
    text.len() > 11 && text.is_char_boundary(10) && text[10..].starts_with('t') && text.as_bytes()[4] == b'-'
}

/// The latest `word` (a weekday name) on or before `today`.
fn weekday_back(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    let target = match word {
        "mon" | "monday" => 0,
        "tue" | "tues" | "tuesday" => 1,
        "wed" | "weds" | "wednesday" => 2,
        "thu" | "thur" | "thurs" | "thursday" => 3,
        "fri" | "friday" => 4,
        "sat" | "saturday" => 5,
        "sun" | "sunday" => 6,
        _ => return None,
    };
    let back = (7 + today.weekday().num_days_from_monday() - target) % 7;
    today.checked_sub_days(chrono::Days::new(u64::from(back)))
}

/// A day as `@when` reads it (`fri`, `+2w`, `2026-12-10`), and `yesterday`.
pub fn day(now: Now, typed: &str) -> Result<NaiveDate, Refused> {
    let today = now.today();
    let word = typed.trim().trim_start_matches('@').trim().to_ascii_lowercase();
    if word == "yesterday" {
        return Ok(today.pred_opt().unwrap_or(today));
    }
    Ok(parse_when(typed, today)?)
}

/// The day an order was placed: as `day`, never after today.
pub fn order_day(now: Now, typed: &str) -> Result<NaiveDate, Refused> {
    crate::app::orders::placed_on(typed, now.today())
}

pub fn kind(typed: &str) -> Result<Kind, Refused> {
    Ok(typed.trim().parse::<Kind>()?)
}

/// `1` to `5`, or `none` (also `-` or nothing) to clear it.
pub fn satisfaction(typed: &str) -> Result<Option<u8>, Refused> {
    let t = typed.trim().trim_start_matches('=');
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    match t.parse::<u8>() {
        Ok(s @ 1..=5) => Ok(Some(s)),
        _ => Err(Refused::Satisfaction(shortened(typed.trim()))),
    }
}

/// `1250.50`, `1.250,50`, … as an order is typed.
pub fn amount(typed: &str) -> Result<Cents, Refused> {
    Ok(Cents::parse(typed)?)
}

pub fn trigger_kind(typed: &str) -> Result<TriggerKind, Refused> {
    Ok(typed.parse::<TriggerKind>()?)
}

pub fn side(typed: &str) -> Result<Side, Refused> {
    Ok(typed.parse::<Side>()?)
}

/// upcoming, won, lost or passed.
pub fn status(typed: &str) -> Result<MomentStatus, Refused> {
    Ok(typed.parse::<MomentStatus>()?)
}

/// What a refusal quotes: all of a typed time, the start of a pasted paragraph.
fn shortened(typed: &str) -> String {
    match typed.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &typed[..i]),
        None => typed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Zone;

    /// Monday 23 November 2026, 09:00 at UTC+01:00.
    fn now() -> Now {
        Now::parse("2026-11-23T09:00:00+01:00").unwrap()
    }

    fn local(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn a_contact_time_is_read_looking_back() {
        let at = |s: &str| contact_time(now(), s);
        assert_eq!(at("2026-11-20 14:30"), Ok(local("2026-11-20T14:30:00+01:00")));
        assert_eq!(at("2026-11-20T14:30"), Ok(local("2026-11-20T14:30:00+01:00")));
        assert_eq!(at("@2026-11-20"), Ok(local("2026-11-20T12:00:00+01:00")));
        assert_eq!(at("yesterday"), Ok(local("2026-11-22T12:00:00+01:00")));
        assert_eq!(at("Yesterday 08:15"), Ok(local("2026-11-22T08:15:00+01:00")));
        // Today before noon: now, not later today.
        assert_eq!(at("today"), Ok(now().utc));
        assert_eq!(at("08:30"), Ok(local("2026-11-23T08:30:00+01:00")));
        // A weekday is the last one: on a Monday, "mon" is today and "fri" last Friday.
        assert_eq!(at("fri 16:00"), Ok(local("2026-11-20T16:00:00+01:00")));
        assert_eq!(at("mon 07:00"), Ok(local("2026-11-23T07:00:00+01:00")));
    }

    #[test]
    fn a_contact_time_in_the_future_or_unreadable_is_refused() {
        let at = |s: &str| contact_time(now(), s);
        assert_eq!(at("tomorrow"), Err(Refused::ContactAhead("tomorrow".into())));
        assert_eq!(at("10:00"), Err(Refused::ContactAhead("10:00".into())));
        assert_eq!(at("2026-12-01"), Err(Refused::ContactAhead("2026-12-01".into())));
        assert_eq!(at("someday"), Err(Refused::BadTime("someday".into())));
        assert_eq!(at(""), Err(Refused::BadTime(String::new())));
        assert_eq!(at("25:00"), Err(Refused::BadTime("25:00".into())));
        assert!(matches!(at(&"é".repeat(100)), Err(Refused::BadTime(_))));
        assert!(matches!(at("2026-1é-20T1"), Err(Refused::BadTime(_))));
        let utc = now().in_zone(Zone::UTC);
        assert_eq!(contact_time(utc, "07:59"), Ok(local("2026-11-23T07:59:00Z")));
    }

    #[test]
    fn a_satisfaction_is_one_to_five_or_none() {
        assert_eq!(satisfaction("4"), Ok(Some(4)));
        assert_eq!(satisfaction("=5"), Ok(Some(5)));
        assert_eq!(satisfaction("none"), Ok(None));
        assert_eq!(satisfaction("7"), Err(Refused::Satisfaction("7".into())));
        assert_eq!(satisfaction("0"), Err(Refused::Satisfaction("0".into())));
        assert_eq!(satisfaction("great"), Err(Refused::Satisfaction("great".into())));
    }
}
