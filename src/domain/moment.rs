//! Decision moments: the decisive points in a customer's buying process, and how they end.
//! Plain data: knows neither the store nor the screen; when one nudges is `nudge`'s.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MomentStatus {
    #[default]
    Upcoming,
    Won,
    Lost,
    Passed,
}

impl MomentStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MomentStatus::Upcoming => "upcoming",
            MomentStatus::Won => "won",
            MomentStatus::Lost => "lost",
            MomentStatus::Passed => "passed",
        }
    }
}

impl fmt::Display for MomentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown outcome '{0}' — use won, lost or passed")]
pub struct BadOutcome(pub String);

impl FromStr for MomentStatus {
    type Err = BadOutcome;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "upcoming" => Ok(MomentStatus::Upcoming),
            "won" => Ok(MomentStatus::Won),
            "lost" => Ok(MomentStatus::Lost),
            "passed" => Ok(MomentStatus::Passed),
            _ => Err(BadOutcome(s.to_string())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moment {
    pub id: i64,
    pub customer_id: i64,
    pub title: String,
    pub expected: NaiveDate,
    pub concerns: String,
    pub steps: String,
    pub response: String,
    pub status: MomentStatus,
    pub planned_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// How it went, in words ("lost on price to Heller"); empty when none was given.
    /// Defaulted for the rows an older journal entry holds.
    #[serde(default)]
    pub outcome_note: String,
}

/// What the user types for a new moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewMoment {
    pub title: String,
    pub expected: NaiveDate,
    pub concerns: String,
    pub steps: String,
    pub response: String,
}
