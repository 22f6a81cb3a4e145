//! `config.toml`: any text is a config or an error naming its line; a config that reads
//! must then work at the ends of the calendar.
#![no_main]

use chrono::{DateTime, NaiveDate, Utc};
use libfuzzer_sys::fuzz_target;
use touchbase::config::Config;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(config) = Config::from_toml(&text) else {
        return;
    };
    let rules = &config.nudge;
    for day in [NaiveDate::MIN, NaiveDate::MAX] {
        let _ = rules.prepare_through(day);
        let _ = rules.prepare_from(day);
    }
    for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
        let _ = rules.complaints_before(now);
        let _ = rules.loyalty_before(now);
    }
});
