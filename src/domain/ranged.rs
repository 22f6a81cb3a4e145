//! Numbers read from `config.toml` that must lie in a range, refused as serde reads them so
//! the error carries the value's place in the file. Used as `#[serde(deserialize_with)]` on
//! the config structs; the ranges are written there, next to the keys.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// A whole number from `MIN` to `MAX`.
pub fn int<'de, D: Deserializer<'de>, const MIN: i64, const MAX: i64>(d: D) -> Result<i64, D::Error> {
    d.deserialize_i64(Whole::<MIN, MAX>)
}

/// A count from `MIN` to `MAX` (`MIN` is never negative).
pub fn count<'de, D: Deserializer<'de>, const MIN: i64, const MAX: i64>(d: D) -> Result<usize, D::Error> {
    let n = int::<D, MIN, MAX>(d)?;
    usize::try_from(n).map_err(|_| de::Error::custom(out_of_range(n, MIN, MAX)))
}

/// A finite number from `MIN` to `MAX`; NaN and the infinities are refused.
pub fn real<'de, D: Deserializer<'de>, const MIN: i64, const MAX: i64>(d: D) -> Result<f64, D::Error> {
    d.deserialize_f64(Real::<MIN, MAX>)
}

fn out_of_range(value: impl fmt::Display, min: i64, max: i64) -> String {
    format!("{value} is out of range — use {min} to {max}")
}

struct Whole<const MIN: i64, const MAX: i64>;

impl<const MIN: i64, const MAX: i64> Visitor<'_> for Whole<MIN, MAX> {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole number from {MIN} to {MAX}")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        if (MIN..=MAX).contains(&v) {
            Ok(v)
        } else {
            Err(E::custom(out_of_range(v, MIN, MAX)))
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) => Err(E::custom(out_of_range(v, MIN, MAX))),
        }
    }
}

struct Real<const MIN: i64, const MAX: i64>;

impl<const MIN: i64, const MAX: i64> Visitor<'_> for Real<MIN, MAX> {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a number from {MIN} to {MAX}")
    }

    #[allow(clippy::cast_precision_loss)] // the bounds are small whole numbers
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        // `contains` is false for NaN, so NaN is refused with the infinities.
        if (MIN as f64..=MAX as f64).contains(&v) {
            Ok(v)
        } else {
            Err(E::custom(out_of_range(v, MIN, MAX)))
        }
    }

    #[allow(clippy::cast_precision_loss)] // out of range anyway when it is imprecise
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        if (MIN..=MAX).contains(&v) {
            Ok(v as f64)
        } else {
            Err(E::custom(out_of_range(v, MIN, MAX)))
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) => Err(E::custom(out_of_range(v, MIN, MAX))),
        }
    }
}
