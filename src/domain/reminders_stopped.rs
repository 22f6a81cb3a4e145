//! When reminders have stopped running: the rule behind "reminders have not run since
//! Mon 30 Nov" (the agenda's header, `touchbase status`). A timer that was set up once
//! and then quietly stopped (a removed crontab, a new laptop, a broken mail password) is
//! the failure users of such tools complain of most, so once reminders are set up a
//! workday without a delivered digest is said out loud. Pure: the caller reads the
//! clock, the settings and the last run; this knows no SQL and no output.

use chrono::{Datelike as _, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::workdays::Workdays;

/// How long after `[remind] at` a digest may still be on its way (a laptop waking up, a
/// slow mail server) before its day counts as missed.
pub const GRACE: Duration = Duration::hours(2);

/// When digests are due: at `at` on each of `workdays` (`[remind] at`, `[week] workdays`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub at: NaiveTime,
    pub workdays: Workdays,
}

impl Schedule {
    /// The last workday whose digest should have gone out by `now` (local): today when it
    /// is a workday and `at` plus [`GRACE`] has passed, else the workday before.
    pub fn last_due_day(self, now: NaiveDateTime) -> Option<NaiveDate> {
        let mut day = now.date();
        // Today and a week back: a week holds at least one workday.
        for _ in 0..8 {
            if self.workdays.has(day.weekday()) && self.deadline(day) <= now {
                return Some(day);
            }
            day = day.pred_opt()?;
        }
        None
    }

    /// When `day`'s digest counts as missed.
    fn deadline(self, day: NaiveDate) -> NaiveDateTime {
        day.and_time(self.at) + GRACE
    }
}

/// Since which day reminders have not run, or `None` when all is well.
///
/// `set_up` is when reminders were set up (local), `None` when they never were: then
/// nothing is ever warned about. `last_run` is the day of the last delivered digest.
/// A warning needs both: no digest delivered on or after the last workday one was due
/// (see [`Schedule::last_due_day`]), and reminders set up before that day's `at` (set up
/// at 10:00 for 08:30, the first digest is due the next workday). The day it names is
/// the last delivered digest's, or the set-up's when none was ever delivered.
pub fn stopped_since(
    set_up: Option<NaiveDateTime>,
    last_run: Option<NaiveDate>,
    now: NaiveDateTime,
    schedule: Schedule,
) -> Option<NaiveDate> {
    let set_up = set_up?;
    let due = schedule.last_due_day(now)?;
    if last_run.is_some_and(|ran| ran >= due) || set_up >= due.and_time(schedule.at) {
        return None;
    }
    Some(last_run.unwrap_or(set_up.date()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A local time, "2026-12-01 09:00".
    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    /// 08:30, Monday to Friday (the defaults).
    fn weekdays() -> Schedule {
        Schedule {
            at: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
            workdays: Workdays::default(),
        }
    }

    // The days: Fri 27 Nov, Sat 28, Sun 29, Mon 30 Nov, Tue 1 Dec, Wed 2 Dec 2026.

    #[test]
    fn the_last_due_day_is_today_only_past_at_and_the_grace() {
        let s = weekdays();
        assert_eq!(s.last_due_day(at("2026-12-01 10:30")), Some(day("2026-12-01")));
        assert_eq!(s.last_due_day(at("2026-12-01 10:29")), Some(day("2026-11-30")));
        assert_eq!(s.last_due_day(at("2026-12-01 00:00")), Some(day("2026-11-30")));
    }

    #[test]
    fn over_a_weekend_the_last_due_day_is_friday() {
        let s = weekdays();
        assert_eq!(
            s.last_due_day(at("2026-11-28 12:00")),
            Some(day("2026-11-27")),
            "Saturday"
        );
        assert_eq!(
            s.last_due_day(at("2026-11-29 23:59")),
            Some(day("2026-11-27")),
            "Sunday"
        );
        assert_eq!(
            s.last_due_day(at("2026-11-30 09:00")),
            Some(day("2026-11-27")),
            "Monday early"
        );
        assert_eq!(
            s.last_due_day(at("2026-11-30 11:00")),
            Some(day("2026-11-30")),
            "Monday late"
        );
    }

    #[test]
    fn other_workdays_and_a_late_time_are_honoured() {
        let weekend = Schedule {
            at: NaiveTime::from_hms_opt(23, 30, 0).unwrap(),
            workdays: Workdays::of(&["sat", "sun"]).unwrap(),
        };
        // Sunday's 23:30 plus two hours is Monday 01:30.
        assert_eq!(
            weekend.last_due_day(at("2026-11-30 01:00")),
            Some(day("2026-11-28"))
        );
        assert_eq!(
            weekend.last_due_day(at("2026-11-30 01:30")),
            Some(day("2026-11-29"))
        );
        assert_eq!(
            weekend.last_due_day(at("2026-12-04 12:00")),
            Some(day("2026-11-29")),
            "Friday"
        );
    }

    #[test]
    fn never_set_up_never_warns() {
        let now = at("2026-12-02 12:00");
        assert_eq!(stopped_since(None, None, now, weekdays()), None);
        assert_eq!(
            stopped_since(None, Some(day("2026-10-01")), now, weekdays()),
            None
        );
    }

    #[test]
    fn a_run_on_or_after_the_due_day_is_all_well() {
        let s = weekdays();
        let set_up = Some(at("2026-11-01 12:00"));
        let now = at("2026-12-01 12:00");
        assert_eq!(
            stopped_since(set_up, Some(day("2026-12-01")), now, s),
            None,
            "run today"
        );
        // Before today's grace is over, yesterday's digest is enough.
        let early = at("2026-12-01 09:00");
        assert_eq!(stopped_since(set_up, Some(day("2026-11-30")), early, s), None);
    }

    #[test]
    fn a_missed_workday_warns_since_the_last_run() {
        let s = weekdays();
        let set_up = Some(at("2026-11-01 12:00"));
        let now = at("2026-12-01 12:00");
        assert_eq!(
            stopped_since(set_up, Some(day("2026-11-30")), now, s),
            Some(day("2026-11-30")),
            "Tuesday's digest is missing"
        );
        assert_eq!(
            stopped_since(set_up, Some(day("2026-11-27")), at("2026-12-01 09:00"), s),
            Some(day("2026-11-27")),
            "Monday's digest is missing"
        );
    }

    #[test]
    fn the_weekend_is_no_missed_day() {
        let s = weekdays();
        let set_up = Some(at("2026-11-01 12:00"));
        let friday = Some(day("2026-11-27"));
        for now in ["2026-11-28 12:00", "2026-11-29 20:00", "2026-11-30 10:00"] {
            assert_eq!(stopped_since(set_up, friday, at(now), s), None, "{now}");
        }
        assert_eq!(
            stopped_since(set_up, friday, at("2026-11-30 10:30"), s),
            Some(day("2026-11-27"))
        );
    }

    #[test]
    fn set_up_yesterday_after_at_first_expects_today() {
        let s = weekdays();
        let set_up = Some(at("2026-11-30 15:00"));
        assert_eq!(stopped_since(set_up, None, at("2026-12-01 10:00"), s), None);
        assert_eq!(
            stopped_since(set_up, None, at("2026-12-01 10:30"), s),
            Some(day("2026-11-30")),
            "never ran: since the day it was set up"
        );
    }

    #[test]
    fn set_up_before_at_expects_that_same_day() {
        let s = weekdays();
        let set_up = Some(at("2026-12-01 08:00"));
        assert_eq!(
            stopped_since(set_up, None, at("2026-12-01 10:30"), s),
            Some(day("2026-12-01"))
        );
        let after = Some(at("2026-12-01 08:30"));
        assert_eq!(stopped_since(after, None, at("2026-12-01 23:00"), s), None);
    }

    #[test]
    fn set_up_on_a_weekend_expects_monday() {
        let s = weekdays();
        let set_up = Some(at("2026-11-28 11:00"));
        assert_eq!(stopped_since(set_up, None, at("2026-11-29 11:00"), s), None);
        assert_eq!(stopped_since(set_up, None, at("2026-11-30 10:00"), s), None);
        assert_eq!(
            stopped_since(set_up, None, at("2026-11-30 10:30"), s),
            Some(day("2026-11-28"))
        );
    }

    #[test]
    fn a_run_long_ago_then_set_up_names_the_run() {
        let s = weekdays();
        let set_up = Some(at("2026-11-20 12:00"));
        assert_eq!(
            stopped_since(set_up, Some(day("2026-10-05")), at("2026-12-01 12:00"), s),
            Some(day("2026-10-05"))
        );
    }
}
