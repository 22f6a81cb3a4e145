//! Reading one typed field of a record, the same for both front ends (the CLI's flags,
//! the TUI's edit form): each refuses in words that name the value and say what would do.
//! When a contact happened is read by the quick-log line's own reader, facing back
//! (`domain::when::parse_moment`), and stored as the line's time is (`app::log`).

use chrono::{DateTime, NaiveDate, Utc};

use crate::app::log::happened_at;
use crate::app::refused::Refused;
use crate::clock::Now;
use crate::domain::Kind;
use crate::domain::balance::Side;
use crate::domain::moment::MomentStatus;
use crate::domain::money::Cents;
use crate::domain::trigger::TriggerKind;
use crate::domain::when::{Facing, parse_moment, parse_when};

/// When a contact (or a give or ask) happened, read as the quick-log line reads `call
/// mon 14:30:`: a day looking back (`yesterday`, `mon`, `last fri`, `3 days ago`,
/// `2026-11-30`), a time (`14:30`, today) or both (`mon 14:30`, `2026-11-30 09:15`); a day
/// without a time keeps the current time of day; an optional leading `@`. Never after now.
pub fn contact_time(now: Now, typed: &str) -> Result<DateTime<Utc>, Refused> {
    let trimmed = typed.trim();
    let text = trimmed.strip_prefix('@').unwrap_or(trimmed);
    let words: Vec<&str> = text.split_whitespace().collect();
    let wall_now = now.local().naive_local();
    let wall =
        parse_moment(&words, wall_now, Facing::Back).map_err(|_| Refused::BadTime(shortened(trimmed)))?;
    if wall > wall_now {
        return Err(Refused::ContactAhead(shortened(trimmed)));
    }
    Ok(happened_at(now, wall))
}

/// A day as `@when` reads it (`fri`, `+2w`, `2026-12-10`, `yesterday`).
pub fn day(now: Now, typed: &str) -> Result<NaiveDate, Refused> {
    Ok(parse_when(typed, now.today())?)
}

/// The day an order was placed, as `order ... @when` reads it: looking back, never after
/// today.
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
    fn a_contact_time_is_read_as_the_quick_log_line_reads_it() {
        let at = |s: &str| contact_time(now(), s);
        assert_eq!(at("2026-11-20 14:30"), Ok(local("2026-11-20T14:30:00+01:00")));
        // A day without a time keeps the current time of day.
        assert_eq!(at("@2026-11-20"), Ok(local("2026-11-20T09:00:00+01:00")));
        assert_eq!(at("yesterday"), Ok(local("2026-11-22T09:00:00+01:00")));
        assert_eq!(at("3 days ago"), Ok(local("2026-11-20T09:00:00+01:00")));
        assert_eq!(at("Yesterday 08:15"), Ok(local("2026-11-22T08:15:00+01:00")));
        assert_eq!(at("today"), Ok(now().utc));
        assert_eq!(at("08:30"), Ok(local("2026-11-23T08:30:00+01:00")));
        // A weekday is the last one before today: on a Monday, "mon" is a week ago.
        assert_eq!(at("fri 16:00"), Ok(local("2026-11-20T16:00:00+01:00")));
        assert_eq!(at("last fri"), Ok(local("2026-11-20T09:00:00+01:00")));
        assert_eq!(at("mon 07:00"), Ok(local("2026-11-16T07:00:00+01:00")));
    }

    #[test]
    fn a_contact_time_in_the_future_or_unreadable_is_refused() {
        let at = |s: &str| contact_time(now(), s);
        assert_eq!(at("tomorrow"), Err(Refused::ContactAhead("tomorrow".into())));
        assert_eq!(at("10:00"), Err(Refused::ContactAhead("10:00".into())));
        assert_eq!(at("2026-12-01"), Err(Refused::ContactAhead("2026-12-01".into())));
        assert_eq!(
            at("tomorrow").unwrap_err().to_string(),
            "the contact's time 'tomorrow' is in the future — a contact is logged when it happened"
        );
        assert_eq!(at("someday"), Err(Refused::BadTime("someday".into())));
        assert_eq!(at(""), Err(Refused::BadTime(String::new())));
        assert_eq!(at("@"), Err(Refused::BadTime("@".into())));
        assert_eq!(at("25:00"), Err(Refused::BadTime("25:00".into())));
        assert!(matches!(at(&"é".repeat(100)), Err(Refused::BadTime(_))));
        assert!(matches!(at("2026-1é-20T1"), Err(Refused::BadTime(_))));
        let utc = now().in_zone(Zone::UTC);
        assert_eq!(contact_time(utc, "07:59"), Ok(local("2026-11-23T07:59:00Z")));
        assert_eq!(
            contact_time(utc, "08:01"),
            Err(Refused::ContactAhead("08:01".into()))
        );
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
