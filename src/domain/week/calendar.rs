//! ISO weeks and the seven days a week covers when it starts on another day than Monday.
//! Plain dates only: no clock, no time zone.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike as _, Duration, IsoWeek as ChronoIsoWeek, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer};

/// An ISO 8601 week, written `2026-W48`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    year: i32,
    week: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadWeek {
    #[error("week '{0}' is not understood — use an ISO week like 2026-W48 (year, W, week number)")]
    Malformed(String),
    #[error("week '{input}' does not exist — {year} has ISO weeks 1 to {last}")]
    NoSuchWeek { input: String, year: i32, last: u32 },
}

impl IsoWeek {
    pub fn new(year: i32, week: u32) -> Option<IsoWeek> {
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(|_| IsoWeek { year, week })
    }

    /// The ISO week `day` falls in (which may belong to the previous or next year).
    pub fn of(day: NaiveDate) -> IsoWeek {
        let w: ChronoIsoWeek = day.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn week(self) -> u32 {
        self.week
    }

    /// The Monday the week starts on, by ISO 8601.
    pub fn monday(self) -> NaiveDate {
        // `new` and `of` only make weeks that exist.
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or(NaiveDate::MIN)
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl FromStr for IsoWeek {
    type Err = BadWeek;

    /// `2026-W48`; the `W` may be lowercase, the week number one digit (`2026-W5`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadWeek::Malformed(s.to_string());
        let t = s.trim();
        let (year, week) = t.split_once(['W', 'w']).ok_or_else(bad)?;
        let year = year.strip_suffix('-').ok_or_else(bad)?;
        let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4..=4) || !digits(week, 1..=2) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let week: u32 = week.parse().map_err(|_| bad())?;
        IsoWeek::new(year, week).ok_or_else(|| BadWeek::NoSuchWeek {
            input: s.to_string(),
            year,
            last: IsoWeek::of(NaiveDate::from_ymd_opt(year, 12, 28).unwrap_or(NaiveDate::MIN)).week,
        })
    }
}

/// The day a week starts on: `[week] start` in config.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekStart(pub Weekday);

impl Default for WeekStart {
    fn default() -> Self {
        WeekStart(Weekday::Mon)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a day of the week — use monday, tuesday, … or sunday")]
pub struct BadWeekStart(pub String);

impl FromStr for WeekStart {
    type Err = BadWeekStart;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<Weekday>()
            .map(WeekStart)
            .map_err(|_| BadWeekStart(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for WeekStart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// The seven days of one week, from `start` through `end`.
///
/// A week that starts on another day than Monday is still named by an ISO week: the one
/// it shares at least four days with (the ISO rule for the first week of a year). So with
/// `start = "sunday"`, 2026-W48 runs from Sunday 22 through Saturday 28 November.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub week: IsoWeek,
    pub start: NaiveDate,
    /// The last day of the week (inclusive).
    pub end: NaiveDate,
}

impl Span {
    pub fn of_week(week: IsoWeek, first: WeekStart) -> Span {
        // Tuesday to Thursday start after the ISO Monday, Friday to Sunday before it.
        let mut offset = i64::from(first.0.num_days_from_monday());
        if offset > 3 {
            offset -= 7;
        }
        let start = week.monday() + Duration::days(offset);
        Span {
            week,
            start,
            end: start + Duration::days(6),
        }
    }

    /// The week `day` falls in.
    pub fn containing(day: NaiveDate, first: WeekStart) -> Span {
        let back = (day.weekday().num_days_from_monday() + 7 - first.0.num_days_from_monday()) % 7;
        let start = day - Duration::days(i64::from(back));
        Span {
            week: IsoWeek::of(start + Duration::days(3)),
            start,
            end: start + Duration::days(6),
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        (self.start..=self.end).contains(&day)
    }

    /// Open follow-ups due before this day are overdue in the plan: today while the week
    /// runs or for a week ahead (what is late already is carried in, what falls between
    /// today and the week belongs to the weeks between), the day after it for a week gone by.
    pub fn overdue_before(&self, today: NaiveDate) -> NaiveDate {
        today.min(self.end + Duration::days(1))
    }

    /// The first day whose follow-ups are the week's own: today while the week runs, its
    /// first day for a week ahead (the day after it, none, for a week gone by).
    pub fn own_from(&self, today: NaiveDate) -> NaiveDate {
        today.clamp(self.start, self.end + Duration::days(1))
    }

    /// Whether the week starts after `today`.
    pub fn is_ahead_of(&self, today: NaiveDate) -> bool {
        self.start > today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_read_and_print_as_iso() {
        let w: IsoWeek = "2026-W48".parse().unwrap();
        assert_eq!((w.year(), w.week()), (2026, 48));
        assert_eq!(w.to_string(), "2026-W48");
        assert_eq!(w.monday(), day("2026-11-23"));
        assert_eq!("2026-w5".parse::<IsoWeek>().unwrap().to_string(), "2026-W05");
        assert_eq!(
            " 2020-W53 ".parse::<IsoWeek>().unwrap().monday(),
            day("2020-12-28")
        );
    }

    #[test]
    fn malformed_weeks_are_named() {
        for bad in [
            "",
            "2026",
            "2026-48",
            "26-W48",
            "2026-W",
            "2026-W123",
            "2026W48",
            "2026-W4a",
            "W48",
        ] {
            let err = bad.parse::<IsoWeek>().unwrap_err();
            assert_eq!(err, BadWeek::Malformed(bad.to_string()), "{bad}");
            assert!(err.to_string().contains(&format!("'{bad}'")), "{err}");
            assert!(err.to_string().contains("2026-W48"), "{err}");
        }
    }

    #[test]
    fn weeks_that_do_not_exist_say_how_many_there_are() {
        let err = "2027-W53".parse::<IsoWeek>().unwrap_err().to_string();
        assert_eq!(err, "week '2027-W53' does not exist — 2027 has ISO weeks 1 to 52");
        let err = "2026-W00".parse::<IsoWeek>().unwrap_err().to_string();
        assert!(err.contains("1 to 53"), "{err}");
    }

    #[test]
    fn iso_weeks_cross_years() {
        assert_eq!(IsoWeek::of(day("2027-01-01")).to_string(), "2026-W53");
        assert_eq!(IsoWeek::of(day("2021-01-03")).to_string(), "2020-W53");
        assert_eq!(IsoWeek::of(day("2024-12-30")).to_string(), "2025-W01");
    }

    #[test]
    fn a_week_starts_on_the_configured_day() {
        let w48: IsoWeek = "2026-W48".parse().unwrap();
        let span = |d: Weekday| Span::of_week(w48, WeekStart(d));
        assert_eq!(span(Weekday::Mon).start, day("2026-11-23"));
        assert_eq!(span(Weekday::Mon).end, day("2026-11-29"));
        assert_eq!(span(Weekday::Sun).start, day("2026-11-22"));
        assert_eq!(span(Weekday::Sat).start, day("2026-11-21"));
        assert_eq!(span(Weekday::Thu).start, day("2026-11-26"));
    }

    #[test]
    fn the_week_containing_a_day_has_the_name_of_its_iso_week() {
        for first in [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sun,
        ] {
            for d in day("2026-12-20").iter_days().take(21) {
                let s = Span::containing(d, WeekStart(first));
                assert!(s.contains(d), "{d} {first}");
                assert_eq!(s.start.weekday(), first);
                assert_eq!(Span::of_week(s.week, WeekStart(first)), s, "{d} {first}");
            }
        }
        let sunday = Span::containing(day("2026-11-29"), WeekStart(Weekday::Sun));
        assert_eq!(
            (sunday.week.to_string(), sunday.start),
            ("2026-W49".into(), day("2026-11-29"))
        );
    }

    #[test]
    fn overdue_means_before_today_while_the_week_runs() {
        let s = Span::containing(day("2026-11-25"), WeekStart::default());
        assert_eq!(s.overdue_before(day("2026-11-25")), day("2026-11-25"));
        assert_eq!(s.overdue_before(day("2026-11-20")), day("2026-11-20"));
        assert_eq!(s.overdue_before(day("2026-12-09")), day("2026-11-30"));
        assert_eq!(s.own_from(day("2026-11-25")), day("2026-11-25"));
        assert_eq!(s.own_from(day("2026-11-20")), day("2026-11-23"));
        assert_eq!(s.own_from(day("2026-12-09")), day("2026-11-30"));
    }

    #[test]
    fn week_start_reads_day_names() {
        assert_eq!("sunday".parse::<WeekStart>(), Ok(WeekStart(Weekday::Sun)));
        assert_eq!("Mon".parse::<WeekStart>(), Ok(WeekStart(Weekday::Mon)));
        assert_eq!(
            "someday".parse::<WeekStart>().unwrap_err().to_string(),
            "'someday' is not a day of the week — use monday, tuesday, … or sunday"
        );
    }
}
