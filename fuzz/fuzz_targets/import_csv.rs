//! A CSV export from any program: read into customers or refused, never a panic.
#![no_main]

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use touchbase::clock::{Now, Zone};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let at = DateTime::<Utc>::from_timestamp(1_795_424_400, 0).unwrap(); // 2026-11-23 09:00
    let now = Now::at(at, Zone::UTC);
    let _ = touchbase::import::csv::read(&text, &[], now);
});
