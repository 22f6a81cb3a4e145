//! The windows the digest and the prompt line count in. `touchbase status`'s "to
//! prepare" and the digest's section of moments to prepare are the same days, so both
//! read them here. Knows no SQL and no output.

use chrono::{Days, NaiveDate};

/// The last day whose decision moments are to be prepared `today`: `preparation_days`
/// (`[nudge]`) on. Saturates at the end of the calendar; a negative number counts as 0.
/// (The same days as `nudge::Rules::prepare_through`.)
pub fn prepare_through(today: NaiveDate, preparation_days: i64) -> NaiveDate {
    today
        .checked_add_days(Days::new(u64::try_from(preparation_days).unwrap_or(0)))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_window_runs_preparation_days_on_and_saturates() {
        assert_eq!(prepare_through(day("2026-11-30"), 3), day("2026-12-03"));
        assert_eq!(prepare_through(day("2026-11-30"), 0), day("2026-11-30"));
        assert_eq!(prepare_through(day("2026-11-30"), -2), day("2026-11-30"));
        assert_eq!(prepare_through(NaiveDate::MAX, 3), NaiveDate::MAX);
    }
}
