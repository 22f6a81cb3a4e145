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

impl Balance {
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn tilt(self) -> f64 {
        let total = self.gives + self.asks;
        if total == 0 {
            0.0
        } else {
            (f64::from(self.gives) - f64::from(self.asks)) / f64::from(total)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gauge_leans_towards_what_happened_more() {
        assert!((Balance { gives: 3, asks: 1 }.tilt() - 0.5).abs() < 1e-9);
        assert!((Balance { gives: 0, asks: 2 }.tilt() + 1.0).abs() < 1e-9);
        assert!(Balance::default().tilt().abs() < 1e-9);
    }
}
