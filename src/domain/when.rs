//! Reads the "@when" of a quick log or a snooze into a date, relative to an injected
//! `today`. Pure: knows neither the clock nor whether a date in the past is acceptable.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Relative dates further out than this are almost certainly typos.
const MAX_DAYS: u32 = 3650;

/// Characters in the longest input worth reading ("@next wednesday" is 15).
const LONGEST: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a date I understand — use today, tomorrow, a weekday (fri), +3d, +2w, +1m, next week or 2026-12-01"
)]
pub struct BadWhen(pub String);

/// `today`, `tomorrow`, a weekday, `+3d`/`+2w`/`+1m` (or `in 3 days`), `next week`,
/// `2026-12-01` or `1-12-2026`; an optional leading `@`, any case.
pub fn parse_when(input: &str, today: NaiveDate) -> Result<NaiveDate, BadWhen> {
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
        ["next", "week"] => monday_of_next_week(today),
        // "next fri" is the coming Friday, as "fri" is: being a week late is the worse mistake.
        [day] | ["next", day] if weekday(day).is_some() => weekday(day).and_then(|w| next_weekday(today, w)),
        [date] if date.contains('-') => calendar_date(date),
        ["in", amount @ ..] | amount => offset(amount, today),
    };
    date.ok_or_else(|| BadWhen(trimmed.to_string()))
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

fn monday_of_next_week(today: NaiveDate) -> Option<NaiveDate> {
    next_weekday(today, Weekday::Mon)
}

/// `3d`, `+2w`, `1 month`: a positive amount and a unit, no more than [`MAX_DAYS`] worth
/// (a month counting as 30 days, as the cadence does).
fn offset(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let (digits, unit) = match words {
        [spec] => spec.split_at(spec.find(|c: char| c.is_ascii_alphabetic())?),
        [digits, unit] => (*digits, *unit),
        _ => return None,
    };
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
    if calendar_months {
        // Calendar months, so "+1m" from Jan 31 is the end of February.
        today.checked_add_months(Months::new(amount))
    } else {
        today.checked_add_days(Days::new(u64::from(amount * days_worth)))
    }
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
            "-3d",
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
    fn a_long_input_is_quoted_shortened() {
        let err = parse_when(&format!("next {}", "very ".repeat(10_000)), monday()).unwrap_err();
        assert_eq!(err.0, format!("next {}…", "very ".repeat(7)));
    }

    #[test]
    fn the_end_of_the_calendar_is_an_error_not_a_panic() {
        for input in ["tomorrow", "fri", "next week", "+3650d", "+2w", "+1m"] {
            assert!(parse_when(input, NaiveDate::MAX).is_err(), "{input}");
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
            for day in [today, NaiveDate::MAX, NaiveDate::MIN] {
                let _ = parse_when(&input, day);
            }
        }

        #[test]
        fn the_other_date_words_never_panic(input in wordish(), days in 0i64..2_000_000) {
            use crate::domain::follow_up::{parse_plan, snooze_until};
            use crate::domain::week::{IsoWeek, WeekStart};
            let today = NaiveDate::MIN + chrono::Duration::days(days);
            for day in [today, NaiveDate::MAX, NaiveDate::MIN] {
                let _ = snooze_until(&input, day, today);
                let _ = snooze_until(&input, today, day);
                let _ = parse_plan(&input, day);
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
