//! The date words: `@when` of a log, a snooze, a follow-up plan, an ISO week, a cadence.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use touchbase::domain::Cadence;
use touchbase::domain::follow_up::{parse_plan, snooze_until};
use touchbase::domain::week::{IsoWeek, WeekStart};
use touchbase::domain::when::parse_when;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for today in [monday, NaiveDate::MAX, NaiveDate::MIN] {
        let _ = parse_when(&text, today);
        let _ = snooze_until(&text, today, today);
        let _ = snooze_until(&text, NaiveDate::MAX, today);
        let _ = parse_plan(&text, today);
    }
    let _ = text.parse::<IsoWeek>();
    let _ = text.parse::<WeekStart>();
    let _ = text.parse::<Cadence>();
});
