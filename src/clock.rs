//! What time it is: the system clock, or `TOUCHBASE_NOW` for tests and demos.

use anyhow::Context as _;
use chrono::{DateTime, Local, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub utc: DateTime<Utc>,
}

impl Now {
    /// `TOUCHBASE_NOW` (RFC 3339) when set, else the system clock.
    pub fn from_env() -> anyhow::Result<Now> {
        match std::env::var("TOUCHBASE_NOW") {
            Ok(s) if !s.trim().is_empty() => Now::parse(&s),
            _ => Ok(Now { utc: Utc::now() }),
        }
    }

    pub fn parse(s: &str) -> anyhow::Result<Now> {
        let at = DateTime::parse_from_rfc3339(s.trim()).with_context(|| {
            format!("TOUCHBASE_NOW='{s}' is not an RFC 3339 time — use e.g. 2026-11-23T09:00:00+01:00")
        })?;
        Ok(Now {
            utc: at.with_timezone(&Utc),
        })
    }

    /// Today in the user's local calendar.
    pub fn today(&self) -> NaiveDate {
        self.local().date_naive()
    }

    pub fn local(&self) -> DateTime<Local> {
        self.utc.with_timezone(&Local)
    }
}
