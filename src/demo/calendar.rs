//! Days and business hours relative to `now` in the user's time zone. The hour offices
//! open is worked out once a day, so placing two million contacts costs an addition each
//! instead of a time-zone lookup each. Knows nothing of the store.

use chrono::{DateTime, Datelike as _, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use fastrand::Rng;

use crate::clock::Now;

/// How far back days are precomputed; older ones are worked out one by one.
const DAYS_BACK: usize = 800;
const OPENS: i64 = 8 * 3600;
const CLOSES: i64 = 17 * 3600 + 30 * 60;

pub(super) struct Calendar {
    now: Now,
    today: NaiveDate,
    /// When offices open on `today - i` days, as UTC.
    opens: Vec<DateTime<Utc>>,
}

impl Calendar {
    pub fn new(now: Now) -> Calendar {
        let today = now.today();
        let opens = (0..DAYS_BACK as i64)
            .map(|i| opens(now, today - TimeDelta::days(i)))
            .collect();
        Calendar { now, today, opens }
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The calendar date `day` days from today.
    pub fn date(&self, day: i64) -> NaiveDate {
        self.today + TimeDelta::days(day)
    }

    /// `day` moved back from a weekend to the Friday before.
    pub fn workday(&self, day: i64) -> i64 {
        match self.date(day).weekday() {
            Weekday::Sat => day - 1,
            Weekday::Sun => day - 2,
            _ => day,
        }
    }

    /// The date `day` days from today, as a due date: off the weekend, back to Friday in
    /// the past and on to Monday ahead. Today stays today.
    pub fn due_date(&self, day: i64) -> NaiveDate {
        let ahead = match self.date(day).weekday() {
            Weekday::Sat => 2,
            Weekday::Sun => 1,
            _ => 0,
        };
        match day {
            0 => self.today,
            d if d > 0 => self.date(d + ahead),
            d => self.date(self.workday(d)),
        }
    }

    /// A minute during business hours on the workday at or before `day`; never in the
    /// future, so a day ahead means today.
    pub fn at(&self, rng: &mut Rng, day: i64) -> DateTime<Utc> {
        let day = self.workday(day.min(0));
        let opens = usize::try_from(-day)
            .ok()
            .and_then(|i| self.opens.get(i).copied())
            .unwrap_or_else(|| opens(self.now, self.date(day)));
        let minute = rng.i64(OPENS / 60..CLOSES / 60);
        let at = opens + TimeDelta::minutes(minute - OPENS / 60);
        if at < self.now.utc {
            at
        } else {
            self.now.utc - TimeDelta::minutes(rng.i64(1..=90))
        }
    }
}

/// When offices open on `date`, as UTC: counted from the local opening hour rather than
/// from midnight, business hours land on the right local hour also on the days clocks
/// change (at night).
fn opens(now: Now, date: NaiveDate) -> DateTime<Utc> {
    let open = date.and_time(NaiveTime::MIN) + TimeDelta::seconds(OPENS);
    now.zone()
        .instant(open)
        .unwrap_or_else(|| now.midnight(date) + TimeDelta::seconds(OPENS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        // A Monday morning, in UTC.
        Now::parse("2026-11-23T10:00:00Z").unwrap()
    }

    #[test]
    fn weekends_move_to_the_friday_before() {
        let cal = Calendar::new(now());
        let monday = cal.today();
        assert_eq!(monday.weekday(), Weekday::Mon);
        assert_eq!(cal.workday(-1), -3);
        assert_eq!(cal.workday(-2), -3);
        assert_eq!(cal.workday(-3), -3);
        assert_eq!(cal.workday(-4), -4);
    }

    #[test]
    fn due_dates_avoid_weekends_except_today() {
        let cal = Calendar::new(now());
        assert_eq!(cal.due_date(-1), cal.date(-3));
        assert_eq!(cal.due_date(0), cal.today());
        assert_eq!(cal.due_date(4), cal.date(4));
        assert_eq!(cal.due_date(5), cal.date(7));
        assert_eq!(cal.due_date(6), cal.date(7));
    }

    #[test]
    fn times_fall_in_local_business_hours_and_never_after_now() {
        let cal = Calendar::new(now());
        let mut rng = Rng::with_seed(7);
        for day in [-900, -400, -30, -3, 0, 5] {
            for _ in 0..50 {
                let at = cal.at(&mut rng, day);
                assert!(at < now().utc);
                let local = now().zone().local(at);
                assert!(!matches!(local.weekday(), Weekday::Sat | Weekday::Sun), "{local}");
                if day < 0 {
                    let hour = chrono::Timelike::hour(&local);
                    assert!((8..18).contains(&hour), "{local}");
                    assert_eq!(local.date_naive(), cal.date(cal.workday(day)));
                }
            }
        }
    }
}
