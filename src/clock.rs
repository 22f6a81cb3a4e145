//! What time it is and where: the system clock or `TOUCHBASE_NOW`, in the system's time
//! zone or `TOUCHBASE_TZ`. Every "which local day is this instant" and "when does this
//! local day start" is answered here, once. Knows nothing of the store or the screen.

use anyhow::Context as _;
use chrono::{
    DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, Offset as _, TimeZone, Utc,
};

/// The user's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The system's zone (`TZ`, `/etc/localtime`), clock changes and all.
    System,
    /// One offset all year, so tests and demos read the same dates on every machine.
    Fixed(FixedOffset),
}

impl Zone {
    pub const UTC: Zone = Zone::Fixed(match FixedOffset::east_opt(0) {
        Some(utc) => utc,
        None => unreachable!(),
    });

    /// `TOUCHBASE_TZ` when set: an offset (`+01:00`, `-05:30`, `UTC`), else the system's.
    pub(crate) fn from_env() -> anyhow::Result<Zone> {
        match std::env::var("TOUCHBASE_TZ") {
            Ok(s) if !s.trim().is_empty() => Zone::parse(&s),
            _ => Ok(Zone::System),
        }
    }

    /// `UTC`, `Z`, `+01:00`, `-0530`, `+02`; `system` (or nothing) for the system's zone.
    pub fn parse(s: &str) -> anyhow::Result<Zone> {
        let t = s.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("system") {
            return Ok(Zone::System);
        }
        if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") {
            return Ok(Zone::UTC);
        }
        // chrono wants the minutes; "+02" is how people write a whole-hour offset.
        let hours_only = t.len() == 3 && t.starts_with(['+', '-']);
        let offset = if hours_only {
            format!("{t}:00")
        } else {
            t.to_string()
        };
        match offset.parse::<FixedOffset>() {
            Ok(offset) => Ok(Zone::Fixed(offset)),
            Err(_) => anyhow::bail!(
                "TOUCHBASE_TZ='{s}' is not an offset from UTC — use e.g. +01:00, -05:30 or UTC (unset, the system's time zone is used)"
            ),
        }
    }

    /// `at` on the local wall clock.
    pub(crate) fn local(self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self {
            Zone::System => at.with_timezone(&Local).fixed_offset(),
            Zone::Fixed(offset) => at.with_timezone(&offset),
        }
    }

    /// The local calendar day `at` falls on.
    pub(crate) fn day(self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date_naive()
    }

    /// The instant a local wall-clock time names: the earlier one when the clock is set
    /// back and the time happens twice, none when the clock skips it.
    pub(crate) fn instant(self, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::System => earliest(&Local, wall),
            Zone::Fixed(offset) => earliest(&offset, wall),
        }
    }

    /// The instant `day` starts in the local calendar, as UTC.
    pub(crate) fn midnight(self, day: NaiveDate) -> DateTime<Utc> {
        match self {
            Zone::System => midnight(&Local, day),
            Zone::Fixed(offset) => midnight(&offset, day),
        }
    }
}

fn earliest<Tz: TimeZone>(tz: &Tz, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&wall).earliest().map(|at| at.to_utc())
}

/// Where a clock change skips midnight, the day starts when the clock resumes, so the
/// first hour after the gap. Generic over the zone so the rule can be tested on a zone
/// with clock changes without touching the process's `TZ`.
fn midnight<Tz: TimeZone>(tz: &Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    earliest(tz, midnight)
        .or_else(|| earliest(tz, midnight + Duration::hours(1)))
        .unwrap_or_else(|| midnight.and_utc())
}

/// The moment the app works at, and the zone it reads local days in. Injected everywhere a
/// date depends on "now", so tests fix both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub utc: DateTime<Utc>,
    zone: Zone,
    /// The clock stands still (`TOUCHBASE_NOW`, a test): a screen left open never moves on.
    fixed: bool,
}

impl Now {
    /// `TOUCHBASE_NOW` (RFC 3339) when set, else the system clock; in the zone of
    /// `TOUCHBASE_TZ`, else the system's. The offset written in `TOUCHBASE_NOW` only says
    /// which instant it is, not where the user is.
    pub(crate) fn from_env() -> anyhow::Result<Now> {
        let zone = Zone::from_env()?;
        match std::env::var("TOUCHBASE_NOW") {
            Ok(s) if !s.trim().is_empty() => Ok(Now::parse(&s)?.in_zone(zone)),
            _ => Ok(Now::system(zone)),
        }
    }

    /// The system clock, now, in `zone`.
    pub(crate) fn system(zone: Zone) -> Now {
        Now {
            utc: Utc::now(),
            zone,
            fixed: false,
        }
    }

    /// A clock fixed at `utc`, in `zone`.
    pub fn at(utc: DateTime<Utc>, zone: Zone) -> Now {
        Now {
            utc,
            zone,
            fixed: true,
        }
    }

    /// A clock fixed at the RFC 3339 time `s`, in the fixed zone of the offset written in
    /// it: `…T09:00:00Z` is 09:00 in UTC on every machine.
    pub fn parse(s: &str) -> anyhow::Result<Now> {
        let at = DateTime::parse_from_rfc3339(s.trim()).with_context(|| {
            format!("TOUCHBASE_NOW='{s}' is not an RFC 3339 time — use e.g. 2026-11-23T09:00:00+01:00")
        })?;
        Ok(Now::at(at.to_utc(), Zone::Fixed(at.offset().fix())))
    }

    /// The same instant, read in `zone`.
    #[must_use]
    pub fn in_zone(self, zone: Zone) -> Now {
        Now { zone, ..self }
    }

    pub(crate) fn zone(&self) -> Zone {
        self.zone
    }

    /// The clock read again, for a screen left open; none when the clock is fixed.
    pub(crate) fn ticked(&self) -> Option<Now> {
        (!self.fixed).then(|| Now::system(self.zone))
    }

    /// Today in the user's local calendar.
    pub fn today(&self) -> NaiveDate {
        self.zone.day(self.utc)
    }

    /// Now on the user's wall clock (what a quick-log line's times are read against).
    pub fn local(&self) -> DateTime<FixedOffset> {
        self.zone.local(self.utc)
    }

    /// The user's local calendar day of `at`.
    pub(crate) fn day(&self, at: DateTime<Utc>) -> NaiveDate {
        self.zone.day(at)
    }

    /// The instant the user's local `day` starts, as UTC.
    pub(crate) fn midnight(&self, day: NaiveDate) -> DateTime<Utc> {
        self.zone.midnight(day)
    }

    /// The instant a time on the user's wall clock names: the earlier one when the clock
    /// is set back and the time happens twice; where a clock change skips it, the same
    /// time an hour on, as the clock reads after the gap.
    pub(crate) fn instant(&self, wall: NaiveDateTime) -> DateTime<Utc> {
        match self.zone {
            Zone::System => on_the_clock(&Local, wall),
            Zone::Fixed(offset) => on_the_clock(&offset, wall),
        }
    }
}

/// [`Now::instant`], generic over the zone so the rule can be tested on a zone with clock
/// changes.
fn on_the_clock<Tz: TimeZone>(tz: &Tz, wall: NaiveDateTime) -> DateTime<Utc> {
    earliest(tz, wall)
        .or_else(|| earliest(tz, wall + Duration::hours(1)))
        .unwrap_or_else(|| wall.and_utc())
}

#[cfg(test)]
mod tests {
    use chrono::{MappedLocalTime, Offset};

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn offset(s: &str) -> FixedOffset {
        s.parse().unwrap()
    }

    /// A zone with one clock change, at `change` (UTC), from `before` to `after`: enough to
    /// test the rules for skipped and doubled wall-clock times without the process's `TZ`.
    #[derive(Debug, Clone, Copy)]
    struct OneChange {
        change: DateTime<Utc>,
        before: FixedOffset,
        after: FixedOffset,
    }

    impl TimeZone for OneChange {
        type Offset = FixedOffset;

        fn from_offset(offset: &FixedOffset) -> Self {
            OneChange {
                change: DateTime::UNIX_EPOCH,
                before: *offset,
                after: *offset,
            }
        }

        fn offset_from_local_date(&self, _: &NaiveDate) -> MappedLocalTime<FixedOffset> {
            unreachable!("not used by the clock")
        }

        fn offset_from_local_datetime(&self, wall: &NaiveDateTime) -> MappedLocalTime<FixedOffset> {
            let fits = |o: FixedOffset| {
                let utc = (*wall - Duration::seconds(i64::from(o.local_minus_utc()))).and_utc();
                (self.offset_from_utc_datetime(&utc.naive_utc()) == o).then_some(o)
            };
            match (fits(self.before), fits(self.after)) {
                (Some(a), Some(b)) if a != b => MappedLocalTime::Ambiguous(a, b),
                (Some(o), _) | (_, Some(o)) => MappedLocalTime::Single(o),
                (None, None) => MappedLocalTime::None,
            }
        }

        fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
            unreachable!("not used by the clock")
        }

        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
            if utc.and_utc() < self.change {
                self.before
            } else {
                self.after
            }
        }
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_starts_when_the_clock_resumes() {
        // Chile moves its clocks from 00:00 to 01:00 on Sunday 6 September 2026.
        let santiago = OneChange {
            change: at("2026-09-06T04:00:00Z"),
            before: offset("-04:00"),
            after: offset("-03:00"),
        };
        assert_eq!(midnight(&santiago, day("2026-09-05")), at("2026-09-05T04:00:00Z"));
        assert_eq!(
            midnight(&santiago, day("2026-09-06")),
            at("2026-09-06T04:00:00Z"),
            "01:00 -03:00, the first minute of the day"
        );
        assert_eq!(midnight(&santiago, day("2026-09-07")), at("2026-09-07T03:00:00Z"));
    }

    #[test]
    fn midnights_around_a_clock_change_at_night_keep_their_own_offset() {
        // Amsterdam: 02:00 becomes 03:00 on Sunday 28 March 2027, and 03:00 becomes 02:00
        // again on Sunday 31 October 2027.
        let spring = OneChange {
            change: at("2027-03-28T01:00:00Z"),
            before: offset("+01:00"),
            after: offset("+02:00"),
        };
        assert_eq!(midnight(&spring, day("2027-03-28")), at("2027-03-27T23:00:00Z"));
        assert_eq!(midnight(&spring, day("2027-03-29")), at("2027-03-28T22:00:00Z"));
        let wall = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(earliest(&spring, wall("2027-03-28 02:30")), None, "skipped");

        let autumn = OneChange {
            change: at("2027-10-31T01:00:00Z"),
            before: offset("+02:00"),
            after: offset("+01:00"),
        };
        assert_eq!(midnight(&autumn, day("2027-10-31")), at("2027-10-30T22:00:00Z"));
        assert_eq!(midnight(&autumn, day("2027-11-01")), at("2027-10-31T23:00:00Z"));
        assert_eq!(
            earliest(&autumn, wall("2027-10-31 02:30")),
            Some(at("2027-10-31T00:30:00Z")),
            "02:30 happens twice; the first one"
        );
    }

    #[test]
    fn a_wall_clock_time_a_clock_change_skips_is_the_same_time_an_hour_on() {
        let spring = OneChange {
            change: at("2027-03-28T01:00:00Z"),
            before: offset("+01:00"),
            after: offset("+02:00"),
        };
        let wall = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            on_the_clock(&spring, wall("2027-03-28 01:30")),
            at("2027-03-28T00:30:00Z")
        );
        assert_eq!(
            on_the_clock(&spring, wall("2027-03-28 02:30")),
            at("2027-03-28T01:30:00Z"),
            "03:30 +02:00"
        );
        assert_eq!(
            on_the_clock(&spring, wall("2027-03-28 03:30")),
            at("2027-03-28T01:30:00Z")
        );
        let autumn = OneChange {
            change: at("2027-10-31T01:00:00Z"),
            before: offset("+02:00"),
            after: offset("+01:00"),
        };
        assert_eq!(
            on_the_clock(&autumn, wall("2027-10-31 02:30")),
            at("2027-10-31T00:30:00Z")
        );
        let now = Now::at(at("2026-11-23T09:00:00Z"), Zone::Fixed(offset("+01:00")));
        assert_eq!(now.instant(wall("2026-11-22 14:30")), at("2026-11-22T13:30:00Z"));
    }

    #[test]
    fn the_same_instant_is_a_different_day_in_different_zones() {
        let late = at("2026-11-23T23:30:00Z");
        assert_eq!(Zone::UTC.day(late), day("2026-11-23"));
        assert_eq!(Zone::Fixed(offset("+02:00")).day(late), day("2026-11-24"));
        assert_eq!(
            Zone::Fixed(offset("-05:00")).day(at("2026-11-24T03:00:00Z")),
            day("2026-11-23")
        );
        assert_eq!(
            Zone::Fixed(offset("+02:00")).midnight(day("2026-11-24")),
            at("2026-11-23T22:00:00Z")
        );
    }

    #[test]
    fn a_fixed_clock_never_ticks_and_keeps_its_zone() {
        let now = Now::parse("2026-11-23T09:00:00+01:00").unwrap();
        assert_eq!(now.utc, at("2026-11-23T08:00:00Z"));
        assert_eq!(now.zone(), Zone::Fixed(offset("+01:00")));
        assert_eq!(now.ticked(), None);
        assert_eq!(
            now.in_zone(Zone::UTC).local().to_rfc3339(),
            "2026-11-23T08:00:00+00:00"
        );

        let running = Now::system(Zone::Fixed(offset("+02:00")));
        let later = running.ticked().expect("the system clock moves on");
        assert!(later.utc >= running.utc);
        assert_eq!(later.zone(), running.zone());
    }

    #[test]
    fn zones_are_read_as_offsets_or_the_system() {
        for (s, want) in [
            ("UTC", Zone::UTC),
            ("z", Zone::UTC),
            ("+00:00", Zone::UTC),
            ("+01:00", Zone::Fixed(offset("+01:00"))),
            ("-0530", Zone::Fixed(offset("-05:30"))),
            (" +02 ", Zone::Fixed(offset("+02:00"))),
            ("system", Zone::System),
            ("", Zone::System),
        ] {
            assert_eq!(Zone::parse(s).unwrap(), want, "{s:?}");
        }
        for bad in ["Europe/Amsterdam", "+25:00", "1", "CET"] {
            let err = Zone::parse(bad).unwrap_err().to_string();
            assert!(
                err.contains(&format!("TOUCHBASE_TZ='{bad}'")) && err.contains("+01:00"),
                "{err}"
            );
        }
        assert_eq!(Zone::UTC, Zone::Fixed(Utc.fix()));
    }
}
