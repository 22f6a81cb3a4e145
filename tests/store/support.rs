//! What the contract tests share: the clock, parsed lines, new customers.

use chrono::{DateTime, NaiveDate, Utc};
use touchbase::domain::Cadence;
use touchbase::domain::quicklog::{self, QuickLog};
use touchbase::store::NewCustomer;

/// Friday 20 November 2026, 10:00 UTC: "now" for the tests that do not say otherwise.
pub const NOW: &str = "2026-11-20T10:00:00Z";

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn now() -> DateTime<Utc> {
    at(NOW)
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A quick-log line as typed at `NOW` (UTC is the wall clock in these tests).
pub fn line(s: &str) -> QuickLog {
    quicklog::parse(s, now().naive_utc()).unwrap()
}

/// "Name" of "Name BV", in touch every 14 days.
pub fn customer(name: &str) -> NewCustomer {
    NewCustomer {
        name: name.into(),
        company: format!("{name} BV"),
        cadence: Some(Cadence::from_days(14).unwrap()),
        ..NewCustomer::default()
    }
}

/// The `NotFound` an error is, or a panic saying what it was instead.
pub fn not_found(e: &anyhow::Error) -> &touchbase::store::NotFound {
    e.downcast_ref()
        .unwrap_or_else(|| panic!("not a NotFound: {e:#}"))
}
