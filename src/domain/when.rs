//! The one reader of typed dates: the "@when" of a quick log, a snooze or an order, and a
//! contact's own time ("visit yesterday:", "call mon 14:30:"), relative to an injected
//! `today` or `now`. It can face ahead (a follow-up's `fri` is the next Friday) or back (a
//! contact's `fri` is the last one). Pure: knows neither the clock nor whether a date in
//! the past or the future is acceptable.

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::workdays::Workdays;

/// Relative dates further out than this are almost certainly typos.
const MAX_DAYS: u32 = 3650;

/// Characters in the longest input worth reading ("@next wednesday" is 15).
const LONGEST: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a date I understand — use today, tomorrow, a weekday (fri), +3d, +2w, +1m, next week or 2026-12-01"
)]
pub struct BadWhen(pub String);

/// Which way a bare weekday looks from today. Only the weekday is ambiguous: `+3d` and
/// `next fri` are always ahead, `3 days ago` and `last fri` always back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    /// A follow-up, a snooze, a moment: `fri` is the first Friday after today.
    Ahead,
    /// A contact, an order: `fri` is the last Friday before today.
    Back,
}

/// A day facing ahead, as a follow-up's `@when` is read: see [`parse_day`].
pub fn parse_when(input: &str, today: NaiveDate) -> Result<NaiveDate, BadWhen> {
    parse_day(input, today, Facing::Ahead)
}

/// A day facing ahead on the user's calendar: a day worked out from today (`+3d`, `+1m`,
/// `next week`) moves on to the next of `workdays`; a day named exactly (`today`,
/// `tomorrow`, `fri`, `2026-12-05`) is taken as given.
pub fn parse_workday(input: &str, today: NaiveDate, workdays: Workdays) -> Result<NaiveDate, BadWhen> {
    let day = parse_when(input, today)?;
    Ok(if is_worked_out(input) {
        workdays.on_or_after(day)
    } else {
        day
    })
}

/// Whether `input` (which reads as a day) is worked out from today rather than named: an
/// offset or `next week`.
fn is_worked_out(input: &str) -> bool {
    let t = input.trim();
    let t = t.strip_prefix('@').unwrap_or(t).trim().to_ascii_lowercase();
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.as_slice() {
        ["next", "week"] => true,
        ["today" | "tomorrow" | "tmrw" | "yesterday"] | ["next" | "last", _] => false,
        [day] if weekday(day).is_some() || day.contains('-') => false,
        _ => true,
    }
}

/// `today`, `tomorrow`, `yesterday`, a weekday (which one depends on `facing`), `next fri`,
/// `last fri`, `+3d`/`+2w`/`+1m` (or `in 3 days`), `-3d` (or `3 days ago`), `next week`,
/// `2026-12-01` or `1-12-2026`; an optional leading `@`, any case.
pub fn parse_day(input: &str, today: NaiveDate, facing: Facing) -> Result<NaiveDate, BadWhen> {
    let trimmed = input.trim();
    // No date word is this long; quote the start of a pasted paragraph, not all of it.
    if trimmed.chars().nth(LONGEST).is_some() {
        let start: String = trimmed.chars().take(LONGEST).collect();
        return Err(BadWhen(format!("{start}…")));
    }
    let words: Vec<String> = trimmed
        .strip_prefix('@')
        .unwrap_or(trimmed)
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let date = match words.as_slice() {
        ["today"] => Some(today),
        ["tomorrow" | "tmrw"] => today.succ_opt(),
        ["yesterday"] => today.pred_opt(),
        ["next", "week"] => monday_of_next_week(today),
        // "next fri" is the coming Friday, as a follow-up's "fri" is: being a week late is
        // the worse mistake.
        ["next", day] if weekday(day).is_some() => weekday(day).and_then(|w| next_weekday(today, w)),
        ["last", day] if weekday(day).is_some() => weekday(day).and_then(|w| last_weekday(today, w)),
        [day] if weekday(day).is_some() => weekday(day).and_then(|w| match facing {
            Facing::Ahead => next_weekday(today, w),
            Facing::Back => last_weekday(today, w),
        }),
        [back] if back.starts_with('-') => offset_back(&[&back[1..]], today),
        [amount @ .., "ago"] => offset_back(amount, today),
        [date] if date.contains('-') => calendar_date(date),
        ["in", amount @ ..] | amount => offset(amount, today),
    };
    date.ok_or_else(|| BadWhen(trimmed.to_string()))
}

/// Which of the words given to [`parse_moment`] it could not read (indices into them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMoment(pub Range<usize>);

/// A moment on the wall clock, from words: a day as [`parse_day`] reads it, a time of day
/// (`14:30`, `9:05`), or a day then a time (`mon 14:30`, `2026-11-30 09:15`). A day alone
/// keeps `now`'s time of day, so contacts logged for one day keep the order they were
/// typed in; a time alone is today. Whether it may be in the future is the caller's rule.
pub fn parse_moment(words: &[&str], now: NaiveDateTime, facing: Facing) -> Result<NaiveDateTime, BadMoment> {
    let today = now.date();
    let day = |words: &[&str]| parse_day(&words.join(" "), today, facing).ok();
    let Some((last, before)) = words.split_last() else {
        return Err(BadMoment(0..0));
    };
    if let Some(time) = time_of_day(last) {
        return match before {
            [] => Ok(today.and_time(time)),
            _ => day(before)
                .map(|d| d.and_time(time))
                .ok_or(BadMoment(0..before.len())),
        };
    }
    if let Some(d) = day(words) {
        return Ok(d.and_time(now.time()));
    }
    // Name the word to blame: the time when the day before it reads, else all of them.
    Err(if !before.is_empty() && day(before).is_some() {
        BadMoment(before.len()..words.len())
    } else {
        BadMoment(0..words.len())
    })
}

/// `14:30`, `9:05`, `09:05`: 24-hour clock, minutes in two digits.
fn time_of_day(word: &str) -> Option<NaiveTime> {
    let (hours, minutes) = word.split_once(':')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || hours.len() > 2 || !digits(minutes) || minutes.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// The first `day` strictly after `today`: on a Friday, "fri" is a week away.
fn next_weekday(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let ahead = (day.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today.checked_add_days(Days::new(u64::from(ahead)))
}

/// The last `day` strictly before `today`: on a Monday, "mon" is a week ago.
fn last_weekday(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let back = (today.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    let back = if back == 0 { 7 } else { back };
    today.checked_sub_days(Days::new(u64::from(back)))
}

fn monday_of_next_week(today: NaiveDate) -> Option<NaiveDate> {
    next_weekday(today, Weekday::Mon)
}

/// `3d`, `+2w`, `1 month` ahead of `today`.
fn offset(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let (_, amount) = amount(words)?;
    match amount {
        Amount::Days(days) => today.checked_add_days(Days::new(u64::from(days))),
        // Calendar months, so "+1m" from Jan 31 is the end of February.
        Amount::Months(months) => today.checked_add_months(Months::new(months)),
    }
}

/// `3d`, `2 weeks`, `1 month` before `today` (the `-` or `ago` already taken off).
fn offset_back(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let (digits, amount) = amount(words)?;
    if digits.starts_with('+') {
        return None;
    }
    match amount {
        Amount::Days(days) => today.checked_sub_days(Days::new(u64::from(days))),
        Amount::Months(months) => today.checked_sub_months(Months::new(months)),
    }
}

enum Amount {
    Days(u32),
    Months(u32),
}

/// `3d`, `+2w`, `1 month`: a positive amount and a unit, no more than [`MAX_DAYS`] worth
/// (a month counting as 30 days, as the cadence does). Also returns the digits as typed.
fn amount<'a>(words: &[&'a str]) -> Option<(&'a str, Amount)> {
    let (digits, unit) = match words {
        [spec] => spec.split_at(spec.find(|c: char| c.is_ascii_alphabetic())?),
        [digits, unit] => (*digits, *unit),
        _ => return None,
    };
    let typed = digits;
    let digits = digits.strip_prefix('+').unwrap_or(digits);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let amount: u32 = digits.parse().ok()?;
    let (days_worth, calendar_months) = match unit {
        "d" | "day" | "days" => (1, false),
        "w" | "wk" | "wks" | "week" | "weeks" => (7, false),
        "m" | "mo" | "month" | "months" => (30, true),
        _ => return None,
    };
    if amount == 0 || amount.checked_mul(days_worth)? > MAX_DAYS {
        return None;
    }
    Some((
        typed,
        if calendar_months {
            Amount::Months(amount)
        } else {
            Amount::Days(amount * days_worth)
        },
    ))
}

/// `2026-12-01` (ISO) or `1-12-2026` (day first, as written in the Netherlands).
fn calendar_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split('-').collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let short = |p: &str| p.len() <= 2;
    let (year, month, day) = match (a.len(), c.len()) {
        (4, _) if short(b) && short(c) => (*a, *b, *c),
        (_, 4) if short(a) && short(b) => (*c, *b, *a),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A Monday.
    fn monday() -> NaiveDate {
        date(2026, 11, 23)
    }

    /// A Friday.
    fn friday() -> NaiveDate {
        date(2026, 11, 27)
    }

    fn when(input: &str, today: NaiveDate) -> NaiveDate {
        parse_when(input, today).unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    #[test]
    fn today_and_tomorrow() {
        assert_eq!(when("today", monday()), monday());
        assert_eq!(when("tomorrow", monday()), date(2026, 11, 24));
        assert_eq!(when("tmrw", friday()), date(2026, 11, 28));
    }

    #[test]
    fn at_sign_case_and_whitespace_do_not_matter() {
        assert_eq!(when("@Tomorrow", monday()), date(2026, 11, 24));
        assert_eq!(when("  @FRI ", monday()), date(2026, 11, 27));
        assert_eq!(when("@next   Week", monday()), date(2026, 11, 30));
    }

    #[test]
    fn weekdays_are_the_next_one_strictly_after_today() {
        let cases = [
            ("mon", date(2026, 11, 30)),
            ("tue", date(2026, 11, 24)),
            ("tues", date(2026, 11, 24)),
            ("wednesday", date(2026, 11, 25)),
            ("wed", date(2026, 11, 25)),
            ("thu", date(2026, 11, 26)),
            ("thur", date(2026, 11, 26)),
            ("thurs", date(2026, 11, 26)),
            ("friday", date(2026, 11, 27)),
            ("sat", date(2026, 11, 28)),
            ("sunday", date(2026, 11, 29)),
        ];
        for (input, expected) in cases {
            assert_eq!(when(input, monday()), expected, "{input}");
        }
    }

    #[test]
    fn on_a_friday_fri_is_a_week_away() {
        assert_eq!(when("fri", friday()), date(2026, 12, 4));
        assert_eq!(when("sat", friday()), date(2026, 11, 28));
        assert_eq!(when("thu", friday()), date(2026, 12, 3));
    }

    #[test]
    fn next_weekday_is_the_same_as_the_weekday() {
        assert_eq!(when("next fri", monday()), when("fri", monday()));
        assert_eq!(when("next friday", friday()), date(2026, 12, 4));
    }

    #[test]
    fn next_week_is_the_monday_of_next_week() {
        assert_eq!(when("next week", monday()), date(2026, 11, 30));
        assert_eq!(when("next week", friday()), date(2026, 11, 30));
        assert_eq!(when("next week", date(2026, 11, 29)), date(2026, 11, 30));
    }

    #[test]
    fn offsets_in_days_weeks_and_months() {
        assert_eq!(when("+3d", monday()), date(2026, 11, 26));
        assert_eq!(when("3d", monday()), date(2026, 11, 26));
        assert_eq!(when("+2w", monday()), date(2026, 12, 7));
        assert_eq!(when("2w", monday()), date(2026, 12, 7));
        assert_eq!(when("+1m", monday()), date(2026, 12, 23));
        assert_eq!(when("in 3 days", monday()), date(2026, 11, 26));
        assert_eq!(when("in 1 day", monday()), date(2026, 11, 24));
        assert_eq!(when("in 2 weeks", monday()), date(2026, 12, 7));
        assert_eq!(when("in 1 month", monday()), date(2026, 12, 23));
        assert_eq!(when("in 3d", monday()), date(2026, 11, 26));
        assert_eq!(when("+3650d", monday()), date(2036, 11, 20));
    }

    #[test]
    fn months_are_calendar_months_clamped_to_the_month_end() {
        assert_eq!(when("+1m", date(2027, 1, 31)), date(2027, 2, 28));
        assert_eq!(when("+1m", date(2028, 1, 31)), date(2028, 2, 29));
        assert_eq!(when("+12m", monday()), date(2027, 11, 23));
    }

    #[test]
    fn calendar_dates_iso_and_day_first() {
        assert_eq!(when("2026-12-01", monday()), date(2026, 12, 1));
        assert_eq!(when("@2026-12-1", monday()), date(2026, 12, 1));
        assert_eq!(when("1-12-2026", monday()), date(2026, 12, 1));
        assert_eq!(when("01-12-2026", monday()), date(2026, 12, 1));
    }

    #[test]
    fn past_dates_are_for_the_caller_to_refuse() {
        assert_eq!(when("2020-01-01", monday()), date(2020, 1, 1));
    }

    #[test]
    fn nonsense_is_refused_naming_the_input() {
        let bad = [
            "",
            "@",
            "soon",
            "next",
            "next month",
            "in",
            "in days",
            "+0d",
            "0w",
            "-0d",
            "-+3d",
            "+3d ago",
            "in 3 days ago",
            "ago",
            "-",
            "last",
            "last week",
            "yesterday yesterday",
            "+3",
            "3y",
            "+3651d",
            "+522w",
            "+122m",
            "+99999999999999999999d",
            "2026-13-01",
            "2026-02-30",
            "12-2026",
            "2026-12-01-01",
            "1-2-3",
            "26-12-01",
            "--",
            "fri fri",
            "in 3 days please",
            "next week now",
            "3 d a y s",
            "+ 3d",
            "3d 2",
            "in in 3d",
        ];
        for input in bad {
            let err = parse_when(input, monday()).unwrap_err();
            assert_eq!(err, BadWhen(input.trim().to_string()));
        }
        assert_eq!(
            parse_when("@someday", monday()).unwrap_err().to_string(),
            "'@someday' is not a date I understand — use today, tomorrow, a weekday (fri), +3d, +2w, +1m, next week or 2026-12-01"
        );
    }

    #[test]
    fn yesterday_and_offsets_back() {
        assert_eq!(when("yesterday", monday()), date(2026, 11, 22));
        assert_eq!(when("@Yesterday", monday()), date(2026, 11, 22));
        assert_eq!(when("-3d", monday()), date(2026, 11, 20));
        assert_eq!(when("3 days ago", monday()), date(2026, 11, 20));
        assert_eq!(when("3d ago", monday()), date(2026, 11, 20));
        assert_eq!(when("1 day ago", monday()), date(2026, 11, 22));
        assert_eq!(when("-2w", monday()), date(2026, 11, 9));
        assert_eq!(when("2 weeks ago", monday()), date(2026, 11, 9));
        assert_eq!(when("-1m", date(2026, 3, 31)), date(2026, 2, 28));
        assert_eq!(when("-3650d", monday()), date(2016, 11, 25));
        assert!(parse_when("-3651d", monday()).is_err());
    }

    fn back(input: &str, today: NaiveDate) -> NaiveDate {
        parse_day(input, today, Facing::Back).unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    #[test]
    fn facing_back_a_weekday_is_the_last_one_strictly_before_today() {
        let cases = [
            ("mon", date(2026, 11, 16)),
            ("tue", date(2026, 11, 17)),
            ("wednesday", date(2026, 11, 18)),
            ("thu", date(2026, 11, 19)),
            ("fri", date(2026, 11, 20)),
            ("sat", date(2026, 11, 21)),
            ("sun", date(2026, 11, 22)),
        ];
        for (input, expected) in cases {
            assert_eq!(back(input, monday()), expected, "{input}");
            assert_eq!(back(&format!("last {input}"), monday()), expected, "last {input}");
            assert_eq!(when(&format!("last {input}"), monday()), expected, "last {input}");
        }
        assert_eq!(back("fri", friday()), date(2026, 11, 20));
        assert_eq!(back("thu", friday()), date(2026, 11, 26));
    }

    #[test]
    fn facing_back_everything_but_a_bare_weekday_reads_the_same() {
        for input in [
            "today",
            "tomorrow",
            "yesterday",
            "next fri",
            "last fri",
            "+3d",
            "in 2 weeks",
            "-3d",
            "3 days ago",
            "next week",
            "2026-11-30",
            "30-11-2026",
        ] {
            assert_eq!(back(input, monday()), when(input, monday()), "{input}");
        }
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    /// Monday 23 November 2026, 10:17:42.
    fn monday_morning() -> NaiveDateTime {
        date(2026, 11, 23).and_hms_opt(10, 17, 42).unwrap()
    }

    fn moment(input: &str) -> Result<NaiveDateTime, BadMoment> {
        let words: Vec<&str> = input.split_whitespace().collect();
        parse_moment(&words, monday_morning(), Facing::Back)
    }

    #[test]
    fn a_moment_is_a_day_a_time_or_both() {
        let keeps_the_time = |d: NaiveDate| d.and_time(monday_morning().time());
        assert_eq!(moment("yesterday"), Ok(keeps_the_time(date(2026, 11, 22))));
        assert_eq!(moment("Today"), Ok(monday_morning()));
        assert_eq!(moment("fri"), Ok(keeps_the_time(date(2026, 11, 20))));
        assert_eq!(moment("3 days ago"), Ok(keeps_the_time(date(2026, 11, 20))));
        assert_eq!(moment("14:30"), Ok(at(2026, 11, 23, 14, 30)));
        assert_eq!(moment("9:05"), Ok(at(2026, 11, 23, 9, 5)));
        assert_eq!(moment("00:00"), Ok(at(2026, 11, 23, 0, 0)));
        assert_eq!(moment("mon 14:30"), Ok(at(2026, 11, 16, 14, 30)));
        assert_eq!(moment("last fri 23:59"), Ok(at(2026, 11, 20, 23, 59)));
        assert_eq!(moment("2026-11-30 09:15"), Ok(at(2026, 11, 30, 9, 15)));
        assert_eq!(moment("3 days ago 8:00"), Ok(at(2026, 11, 20, 8, 0)));
        assert_eq!(
            moment("tomorrow"),
            Ok(keeps_the_time(date(2026, 11, 24))),
            "the future is the caller's to refuse"
        );
        let ahead = parse_moment(&["fri"], monday_morning(), Facing::Ahead);
        assert_eq!(ahead, Ok(keeps_the_time(date(2026, 11, 27))));
    }

    #[test]
    fn a_moment_names_the_words_it_cannot_read() {
        assert_eq!(moment(""), Err(BadMoment(0..0)));
        assert_eq!(moment("gestern"), Err(BadMoment(0..1)));
        assert_eq!(moment("3 times"), Err(BadMoment(0..2)));
        assert_eq!(moment("mon 25:00"), Err(BadMoment(1..2)), "the time is to blame");
        assert_eq!(moment("mon 14:60"), Err(BadMoment(1..2)));
        assert_eq!(moment("mon 14:5"), Err(BadMoment(1..2)));
        assert_eq!(moment("mon 14h30"), Err(BadMoment(1..2)));
        assert_eq!(
            moment("someday 14:30"),
            Err(BadMoment(0..1)),
            "the day is to blame"
        );
        assert_eq!(moment("in three days 14:30"), Err(BadMoment(0..3)));
        assert_eq!(moment("14:30 mon"), Err(BadMoment(0..2)));
        assert_eq!(moment("123:00"), Err(BadMoment(0..1)));
        assert_eq!(moment(":30"), Err(BadMoment(0..1)));
        assert_eq!(
            moment("１４:３０"),
            Err(BadMoment(0..1)),
            "fullwidth digits are not read"
        );
    }

    #[test]
    fn a_long_input_is_quoted_shortened() {
        let err = parse_when(&format!("next {}", "very ".repeat(10_000)), monday()).unwrap_err();
        assert_eq!(err.0, format!("next {}…", "very ".repeat(7)));
    }

    #[test]
    fn the_end_of_the_calendar_is_an_error_not_a_panic() {
        for input in ["tomorrow", "fri", "next week", "+3650d", "+2w", "+1m"] {
            assert!(parse_when(input, NaiveDate::MAX).is_err(), "{input}");
        }
        for input in ["yesterday", "fri", "last fri", "-3d", "3 days ago", "-1m"] {
            assert!(parse_day(input, NaiveDate::MIN, Facing::Back).is_err(), "{input}");
        }
    }

    /// Text that looks like date words, so the properties reach past the first refusal.
    fn wordish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "@",
            "next",
            "in",
            "week",
            "fri",
            "today",
            "tomorrow",
            "+3d",
            "2w",
            "1m",
            "3",
            "days",
            "months",
            "2026-12-01",
            "1-12-2026",
            "0-0-0000",
            "9999-12-31",
            "+",
            "-",
            "99999999999",
            "yesterday",
            "last",
            "ago",
            "-3d",
            "14:30",
            "25:61",
            ":",
            "w",
            "W52",
            "2026-W53",
            " ",
            "\u{3000}",
            "é",
        ]);
        prop_oneof![
            "\\PC{0,30}",
            prop::collection::vec(prop_oneof![word.prop_map(str::to_string), "\\PC{0,4}"], 0..5)
                .prop_map(|w| w.concat()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        #[test]
        fn never_panics(input in wordish(), days in 0i64..2_000_000) {
            let today = NaiveDate::MIN + chrono::Duration::days(days);
            let words: Vec<&str> = input.split_whitespace().collect();
            for day in [today, NaiveDate::MAX, NaiveDate::MIN] {
                let _ = parse_when(&input, day);
                for facing in [Facing::Ahead, Facing::Back] {
                    let _ = parse_day(&input, day, facing);
                    for time in [NaiveTime::MIN, NaiveTime::from_hms_opt(23, 59, 59).unwrap()] {
                        if let Err(BadMoment(bad)) = parse_moment(&words, day.and_time(time), facing) {
                            proptest::prop_assert!(bad.end <= words.len() && bad.start <= bad.end);
                        }
                    }
                }
            }
        }

        #[test]
        fn the_other_date_words_never_panic(input in wordish(), days in 0i64..2_000_000) {
            use crate::domain::follow_up::{parse_plan, snooze_until};
            use crate::domain::week::{IsoWeek, WeekStart};
            let today = NaiveDate::MIN + chrono::Duration::days(days);
            for day in [today, NaiveDate::MAX, NaiveDate::MIN] {
                let _ = snooze_until(&input, day, today, Workdays::default());
                let _ = snooze_until(&input, today, day, Workdays::default());
                let _ = parse_plan(&input, day, Workdays::default());
            }
            let _ = input.parse::<IsoWeek>();
            let _ = input.parse::<WeekStart>();
            let _ = input.parse::<crate::domain::Cadence>();
        }

        #[test]
        fn calendar_dates_read_back_as_written(days in 0i64..3_652_059) {
            // Every day from 0001-01-01 to 9999-12-31, ISO and day first.
            let day = date(1, 1, 1) + chrono::Duration::days(days);
            proptest::prop_assert_eq!(parse_when(&day.format("%Y-%m-%d").to_string(), monday()), Ok(day));
            proptest::prop_assert_eq!(parse_when(&day.format("@%-d-%-m-%Y").to_string(), monday()), Ok(day));
        }

        #[test]
        fn offsets_land_that_many_days_ahead(n in 1u64..=3650) {
            let ahead = monday() + chrono::Duration::days(i64::try_from(n).unwrap());
            proptest::prop_assert_eq!(parse_when(&format!("+{n}d"), monday()), Ok(ahead));
            proptest::prop_assert_eq!(parse_when(&format!("in {n} days"), monday()), Ok(ahead));
        }

        #[test]
        fn iso_weeks_read_back_as_printed(days in 0i64..3_652_059) {
            use crate::domain::week::IsoWeek;
            let week = IsoWeek::of(date(1, 1, 8) + chrono::Duration::days(days));
            proptest::prop_assume!(week.year() <= 9999);
            proptest::prop_assert_eq!(week.to_string().parse::<IsoWeek>(), Ok(week));
        }
    }
}
