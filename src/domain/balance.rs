//! The give/take balance (equity theory): what we gave the customer and what we asked, as
//! plain data. Knows neither the store nor the screen; when it nudges is `nudge`'s.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Give,
    Ask,
}

impl Side {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Side::Give => "give",
            Side::Ask => "ask",
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is neither give nor ask")]
pub struct BadSide(pub String);

impl FromStr for Side {
    type Err = BadSide;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "give" | "gave" => Ok(Side::Give),
            "ask" | "asked" => Ok(Side::Ask),
            _ => Err(BadSide(s.to_string())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BalanceEntry {
    pub id: i64,
    pub customer_id: i64,
    pub side: Side,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// "gave 3 · asked 1" and a gauge position from -1 (all asks) to +1 (all gives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Balance {
    pub gives: u32,
    pub asks: u32,
}

/// How many more gives than asks (or the other way) lean the gauge half-way.
const HALF_WAY: f64 = 4.0;

impl Balance {
    /// Leans with the difference, a small step per entry and never all the way: one give
    /// is 0.2, four more gives than asks 0.5, twelve 0.75. (A ratio of the two would swing
    /// a single give to the end.)
    pub(crate) fn tilt(self) -> f64 {
        let lead = f64::from(self.gives) - f64::from(self.asks);
        lead / (lead.abs() + HALF_WAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gauge_leans_towards_what_happened_more_a_small_step_per_entry() {
        let tilt = |gives, asks| Balance { gives, asks }.tilt();
        assert!((tilt(1, 0) - 0.2).abs() < 1e-9, "one give is a small step");
        assert!((tilt(5, 1) - 0.5).abs() < 1e-9);
        assert!((tilt(0, 2) + 1.0 / 3.0).abs() < 1e-9);
        assert!(tilt(0, 0).abs() < 1e-9);
        assert!(tilt(3, 3).abs() < 1e-9);
        assert!(tilt(1000, 0) < 1.0, "never all the way");
    }
}
