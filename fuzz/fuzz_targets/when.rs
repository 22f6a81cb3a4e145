//! The date words: `@when` of a log, a snooze, a follow-up plan, a contact's own time
//! (facing back, with a time of day), an ISO week, a cadence.
#![no_main]

use chrono::{NaiveDate, NaiveTime};
use libfuzzer_sys::fuzz_target;
use touchbase::domain::Cadence;
use touchbase::domain::follow_up::{parse_plan, snooze_until};
use touchbase::domain::week::{IsoWeek, WeekStart};
use touchbase::domain::when::{Facing, parse_day, parse_moment, parse_when};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let words: Vec<&str> = text.split_whitespace().collect();
    for today in [monday, NaiveDate::MAX, NaiveDate::MIN] {
        let _ = parse_when(&text, today);
        let _ = parse_day(&text, today, Facing::Back);
        for time in [NaiveTime::MIN, NaiveTime::from_hms_opt(23, 59, 59).unwrap()] {
            if let Err(bad) = parse_moment(&words, today.and_time(time), Facing::Back) {
                assert!(bad.0.start <= bad.0.end && bad.0.end <= words.len(), "{bad:?} of {words:?}");
            }
        }
        let _ = snooze_until(&text, today, today);
        let _ = snooze_until(&text, NaiveDate::MAX, today);
        let _ = parse_plan(&text, today);
    }
    let _ = text.parse::<IsoWeek>();
    let _ = text.parse::<WeekStart>();
    let _ = text.parse::<Cadence>();
});
