//! The quick-log line (`touchbase log`, the TUI's `l`): any text, on an ordinary day and
//! at both ends of the calendar, must parse or be refused, never panic.
#![no_main]

use chrono::{NaiveDate, NaiveDateTime};
use libfuzzer_sys::fuzz_target;
use touchbase::domain::quicklog;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    for now in [
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap(),
        NaiveDateTime::MAX,
        NaiveDateTime::MIN,
    ] {
        if let Err(e) = quicklog::parse(&line, now) {
            // The TUI underlines the span: it must lie on the line's character boundaries.
            assert!(
                line.get(e.span.clone()).is_some(),
                "span {:?} of {line:?}",
                e.span
            );
        }
    }
});
