//! Money in minor units (cents), never floats, and the value tiers that weigh nudges.

use std::fmt;

/// An amount in cents, parsed from what a salesperson types: `1250.50`, `1250,50`,
/// `1.250,50`, `1,250.50`, `€ 99`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cents(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadAmount {
    #[error("amount '{0}' is not a number — type it like 1250.50 or 1250,50")]
    NotANumber(String),
    #[error("amount '{0}' is negative — record a credit as a note instead")]
    Negative(String),
    #[error("amount '{0}' has more than two decimals")]
    TooPrecise(String),
    #[error("amount '{0}' is too large")]
    TooLarge(String),
}

impl Cents {
    pub fn parse(input: &str) -> Result<Cents, BadAmount> {
        let s: String = input
            .trim()
            .trim_start_matches(['€', '$', '£'])
            .trim_start_matches("EUR")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\'')
            .collect();
        if s.starts_with('-') {
            return Err(BadAmount::Negative(input.to_string()));
        }
        let bad = || BadAmount::NotANumber(input.to_string());
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            return Err(bad());
        }
        // The last separator followed by one or two digits is the decimal point; every
        // other separator groups thousands.
        let (whole, frac) = match s.rfind(['.', ',']) {
            Some(i) if s.len() - i - 1 <= 2 && s.len() - i - 1 > 0 => (&s[..i], &s[i + 1..]),
            Some(i) if s.len() - i - 1 == 3 => (&s[..], ""),
            Some(_) => return Err(BadAmount::TooPrecise(input.to_string())),
            None => (&s[..], ""),
        };
        let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
        if whole.is_empty() {
            return Err(bad());
        }
        let units: i64 = whole
            .parse()
            .map_err(|_| BadAmount::TooLarge(input.to_string()))?;
        let frac_cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac.parse::<i64>().map_err(|_| bad())?,
        };
        units
            .checked_mul(100)
            .and_then(|c| c.checked_add(frac_cents))
            .map(Cents)
            .ok_or_else(|| BadAmount::TooLarge(input.to_string()))
    }

    /// The value tier: 0 under 1,000; 1 under 10,000; 2 under 50,000; 3 from 50,000 on
    /// (in major units). The store keeps the same thresholds (migration 3).
    pub fn tier(self) -> u8 {
        match self.0 {
            c if c >= 5_000_000 => 3,
            c if c >= 1_000_000 => 2,
            c if c >= 100_000 => 1,
            _ => 0,
        }
    }
}

impl Cents {
    /// "1,251": rounded to whole units, for columns.
    pub fn whole(self) -> String {
        grouped((self.0 + 50) / 100)
    }
}

/// "1,250" from 1250.
fn grouped(units: i64) -> String {
    let digits = units.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Cents {
    /// "1,250.50".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", grouped(self.0 / 100), self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(Cents::parse("1250.50"), Ok(Cents(125_050)));
        assert_eq!(Cents::parse("12,50"), Ok(Cents(1250)));
        assert_eq!(Cents::parse("1.250,50"), Ok(Cents(125_050)));
        assert_eq!(Cents::parse("1,250.50"), Ok(Cents(125_050)));
        assert_eq!(Cents::parse("€ 99"), Ok(Cents(9900)));
        assert_eq!(Cents::parse("99.5"), Ok(Cents(9950)));
        assert_eq!(
            Cents::parse("1.250"),
            Ok(Cents(125_000)),
            "three digits after a dot group thousands"
        );
        assert_eq!(Cents::parse("0"), Ok(Cents(0)));
    }

    #[test]
    fn nonsense_and_negative_amounts_are_refused_by_name() {
        assert_eq!(Cents::parse("abc"), Err(BadAmount::NotANumber("abc".into())));
        assert_eq!(Cents::parse("-5"), Err(BadAmount::Negative("-5".into())));
        assert_eq!(
            Cents::parse("1.2345"),
            Err(BadAmount::TooPrecise("1.2345".into()))
        );
        assert!(Cents::parse("99999999999999999999").is_err());
        assert!(Cents::parse("").is_err());
        assert!(Cents::parse(",").is_err());
    }

    #[test]
    fn shown_with_thousands_and_cents() {
        assert_eq!(Cents(125_050).to_string(), "1,250.50");
        assert_eq!(Cents(5).to_string(), "0.05");
        assert_eq!(Cents(125_050).whole(), "1,251");
        assert_eq!(Cents(0).whole(), "0");
    }

    #[test]
    fn tiers_turn_at_1k_10k_50k() {
        assert_eq!(Cents(99_999).tier(), 0);
        assert_eq!(Cents(100_000).tier(), 1);
        assert_eq!(Cents(1_000_000).tier(), 2);
        assert_eq!(Cents(5_000_000).tier(), 3);
    }
}
