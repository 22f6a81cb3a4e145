//! What the daily digest counts, in one place: `touchbase remind`'s sections and the
//! prompt line of `touchbase status` ("3 overdue · 1 today · 2 to prepare") read the same
//! days through these, so their numbers can never disagree. Pure: the rows are the
//! store's, and it leaves archived customers out.
//!
//! - overdue: open follow-ups due before today;
//! - today: open follow-ups due today;
//! - to prepare: upcoming decision moments expected from today through
//!   [`prepare_through`] (`[nudge] preparation_days` ahead), but those a snooze of their
//!   nudge keeps quiet.

use chrono::{Days, NaiveDate};

use super::nudge::Rules;

/// The last day whose decision moments are to be prepared for on `today`.
pub fn prepare_through(today: NaiveDate, rules: &Rules) -> NaiveDate {
    rules.prepare_through(today)
}

/// The digest's sections as half-open ranges of days (`from` up to, not including,
/// `before`), as the store's range reads take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestDays {
    /// Follow-ups due in here are overdue.
    pub overdue: (NaiveDate, NaiveDate),
    /// Follow-ups due in here are today's.
    pub today: (NaiveDate, NaiveDate),
    /// Moments expected in here are to be prepared for.
    pub prepare: (NaiveDate, NaiveDate),
}

/// Before any day a follow-up can be due: the calendar starts here for every backend.
const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("1 January of year 1 is a date");

impl DigestDays {
    pub fn on(today: NaiveDate, rules: &Rules) -> DigestDays {
        let after = |d: NaiveDate| d.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
        DigestDays {
            overdue: (FIRST_DAY, today),
            today: (today, after(today)),
            prepare: (today, after(prepare_through(today, rules))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sections_meet_without_gaps_or_overlaps() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let days = DigestDays::on(today, &Rules::default());
        assert_eq!(days.overdue.1, today, "overdue ends where today starts");
        assert_eq!(days.today, (today, "2026-11-24".parse().unwrap()));
        assert_eq!(
            days.prepare,
            (today, "2026-11-27".parse().unwrap()),
            "three days ahead, the third included"
        );
        let last = DigestDays::on(NaiveDate::MAX, &Rules::default());
        assert_eq!(
            last.today.1,
            NaiveDate::MAX,
            "no panic at the end of the calendar"
        );
    }
}
