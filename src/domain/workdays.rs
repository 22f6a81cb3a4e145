//! The days of the week the user works (`[week] workdays`), and the one rule for the dates
//! touchbase works out itself: they land on a workday. A cadence running out, `+3d`, a
//! follow-up without a day, "tomorrow" offered on a Friday all move on to the next
//! workday; a day the user names exactly (`fri`, `2026-12-05`) is taken as given.

use std::fmt;

use chrono::{Datelike as _, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer};

/// A set of weekdays, at least one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Workdays {
    /// Bit `n` is the weekday `n` days from Monday.
    bits: u8,
}

impl Default for Workdays {
    /// Monday to Friday.
    fn default() -> Self {
        Workdays { bits: 0b001_1111 }
    }
}

impl fmt::Debug for Workdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days: Vec<Weekday> = WEEK.into_iter().filter(|d| self.has(*d)).collect();
        write!(f, "Workdays({days:?})")
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadWorkdays {
    #[error("'{0}' is not a day of the week — use monday, tuesday, … or sunday")]
    NotADay(String),
    #[error("no workdays — name at least one, like [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")]
    None,
}

impl Workdays {
    /// Every day a workday: dates are never moved.
    pub const ALL: Workdays = Workdays { bits: 0b111_1111 };

    /// The days named, like `["mon", "tuesday"]`; at least one.
    pub fn of<S: AsRef<str>>(names: &[S]) -> Result<Workdays, BadWorkdays> {
        let mut bits = 0u8;
        for name in names {
            let day: Weekday = name
                .as_ref()
                .trim()
                .parse()
                .map_err(|_| BadWorkdays::NotADay(name.as_ref().to_string()))?;
            bits |= 1 << day.num_days_from_monday();
        }
        if bits == 0 {
            return Err(BadWorkdays::None);
        }
        Ok(Workdays { bits })
    }

    pub fn has(self, day: Weekday) -> bool {
        self.bits & (1 << day.num_days_from_monday()) != 0
    }

    /// `day` if it is a workday, else the first workday after it.
    pub fn on_or_after(self, day: NaiveDate) -> NaiveDate {
        day.iter_days()
            .take(7)
            .find(|d| self.has(d.weekday()))
            .unwrap_or(day)
    }
}

impl Workdays {
    /// The days whose dates land on a workday from `first` through `last` when moved on
    /// (`on_or_after`): from the day after the last workday before `first`, up to (not
    /// including) the day after the last workday through `last`.
    pub fn landing_in(self, first: NaiveDate, last: NaiveDate) -> (NaiveDate, NaiveDate) {
        let back = |mut d: NaiveDate| {
            for _ in 0..7 {
                if self.has(d.weekday()) {
                    break;
                }
                d = d.pred_opt().unwrap_or(d);
            }
            d
        };
        let from = first.pred_opt().map_or(first, |before| {
            let worked = back(before);
            if self.has(worked.weekday()) {
                worked.succ_opt().unwrap_or(first)
            } else {
                first
            }
        });
        let until = back(last).succ_opt().unwrap_or(last);
        (from.min(first), until)
    }
}

impl<'de> Deserialize<'de> for Workdays {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        Workdays::of(&names).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_weekend_day_moves_to_monday_a_workday_stays() {
        let w = Workdays::default();
        assert_eq!(w.on_or_after(day("2026-11-28")), day("2026-11-30"), "Saturday");
        assert_eq!(w.on_or_after(day("2026-11-29")), day("2026-11-30"), "Sunday");
        assert_eq!(w.on_or_after(day("2026-11-27")), day("2026-11-27"), "Friday");
        assert_eq!(Workdays::ALL.on_or_after(day("2026-11-28")), day("2026-11-28"));
    }

    #[test]
    fn a_week_holds_the_dates_that_land_in_it() {
        let w = Workdays::default();
        // Mon 30 Nov – Sun 6 Dec: from Sat 28 Nov (lands on Mon 30) up to Sat 5 Dec.
        assert_eq!(
            w.landing_in(day("2026-11-30"), day("2026-12-06")),
            (day("2026-11-28"), day("2026-12-05"))
        );
        assert_eq!(
            Workdays::ALL.landing_in(day("2026-11-30"), day("2026-12-06")),
            (day("2026-11-30"), day("2026-12-07"))
        );
        // A week starting on Sunday: Sun 29 Nov – Sat 5 Dec.
        assert_eq!(
            w.landing_in(day("2026-11-29"), day("2026-12-05")),
            (day("2026-11-28"), day("2026-12-05"))
        );
    }

    #[test]
    fn workdays_read_day_names_and_refuse_none_or_nonsense() {
        let w = Workdays::of(&["sun", "Thursday"]).unwrap();
        assert!(w.has(Weekday::Sun) && w.has(Weekday::Thu) && !w.has(Weekday::Mon));
        assert_eq!(w.on_or_after(day("2026-11-23")), day("2026-11-26"));
        assert_eq!(Workdays::of::<&str>(&[]), Err(BadWorkdays::None));
        assert_eq!(
            Workdays::of(&["someday"]).unwrap_err().to_string(),
            "'someday' is not a day of the week — use monday, tuesday, … or sunday"
        );
    }
}
