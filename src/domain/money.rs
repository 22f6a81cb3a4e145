//! Money in minor units (cents), never floats, and the value tiers that weigh nudges.

use std::fmt;

/// An amount in cents, parsed from what a salesperson types: `1250.50`, `1250,50`,
/// `1.250,50`, `1,250.50`, `1 250,50`, `€ 99`, `300 EUR`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// Where value tiers 1, 2 and 3 start: a lifetime value of 1,000, 10,000 and 50,000 (in
/// major units). The one place these are written: the store computes its tier column from
/// them (migration 3 wrote the same numbers once, as history).
pub(crate) const TIER_FLOORS: [Cents; 3] = [Cents(100_000), Cents(1_000_000), Cents(5_000_000)];

/// The largest single amount: 1,000,000,000.00. No order comes near it, and it keeps a
/// customer's lifetime value far from `i64::MAX` cents for any number of orders a book
/// can hold.
pub(crate) const MAX_AMOUNT: Cents = Cents(100_000_000_000);

/// The forms an amount may take, said in every refusal.
const FORMS: &str = "type it like 1250.50, 1250,50, 1.250,50, 1,250.50 or € 1250 \
     (thousands in groups of three, at most two decimals)";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadAmount {
    #[error("amount '{0}' is not a number — {FORMS}")]
    NotANumber(String),
    #[error("amount '{0}' is negative — record a credit as a note instead")]
    Negative(String),
    #[error("amount '{0}' is zero — an order is for 0.01 or more")]
    Zero(String),
    #[error("amount '{0}' has more than two decimals — cents are the smallest unit")]
    TooPrecise(String),
    #[error("amount '{0}' is more than {MAX_AMOUNT} — the largest order touchbase records")]
    TooLarge(String),
}

/// Currency signs and codes that may stand before or after the number. The amount is
/// recorded in `[money] currency` whatever is typed here.
const CURRENCIES: [&str; 6] = ["€", "$", "£", "EUR", "USD", "GBP"];

/// The spaces people group thousands with: the ordinary one, the no-break space and the
/// narrow no-break space French typesetting uses, and the thin space.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

impl Cents {
    pub(crate) fn parse(input: &str) -> Result<Cents, BadAmount> {
        let quoted = || shortened(input.trim());
        let number = without_currency(input.trim()).trim_matches(is_space);
        if number.starts_with(['-', '\u{2212}']) {
            return Err(BadAmount::Negative(quoted()));
        }
        let (whole, frac) = split(number).ok_or_else(|| BadAmount::NotANumber(quoted()))?;
        if frac.len() > 2 {
            return Err(BadAmount::TooPrecise(quoted()));
        }
        // Digits only from here, and at most as many as the largest amount has.
        let whole = whole.trim_start_matches('0');
        if whole.len() > 10 {
            return Err(BadAmount::TooLarge(quoted()));
        }
        let units: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| BadAmount::NotANumber(quoted()))?
        };
        let frac_cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| BadAmount::NotANumber(quoted()))? * 10,
            _ => frac.parse::<i64>().map_err(|_| BadAmount::NotANumber(quoted()))?,
        };
        let cents = Cents(units * 100 + frac_cents);
        match cents {
            Cents(0) => Err(BadAmount::Zero(quoted())),
            c if c > MAX_AMOUNT => Err(BadAmount::TooLarge(quoted())),
            c => Ok(c),
        }
    }

    /// The value tier: 0 under 1,000; 1 under 10,000; 2 under 50,000; 3 from 50,000 on
    /// (in major units): how many of [`TIER_FLOORS`] the amount reaches.
    pub fn tier(self) -> u8 {
        TIER_FLOORS.iter().filter(|floor| self >= **floor).count() as u8
    }
}

/// What a refusal quotes: all of an amount, the start of a pasted paragraph.
fn shortened(input: &str) -> String {
    match input.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &input[..i]),
        None => input.to_string(),
    }
}

/// `input` without one currency sign or code before or after the number.
fn without_currency(input: &str) -> &str {
    for c in CURRENCIES {
        let starts = input.get(..c.len()).is_some_and(|h| h.eq_ignore_ascii_case(c));
        if starts {
            return &input[c.len()..];
        }
        let at = input.len().wrapping_sub(c.len());
        let ends = input.get(at..).is_some_and(|t| t.eq_ignore_ascii_case(c));
        if input.len() > c.len() && ends {
            return &input[..at];
        }
    }
    input
}

/// The whole units and the decimals of `number`, both plain digits: `None` when it is not
/// written in one of the accepted forms. One kind of separator groups thousands (`.`,
/// `,`, `'` or a space), in groups of three after a first of one to three digits; the
/// other of `.` and `,` may come once, last, as the decimal point. A lone `.` or `,`
/// before exactly three digits groups thousands (`1.250` is 1250), unless the number
/// cannot be grouped that way (`0.001`, `1250.500`): then those are decimals, and too
/// many.
fn split(number: &str) -> Option<(String, &str)> {
    let is_sep = |c: char| matches!(c, '.' | ',' | '\'') || is_space(c);
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || is_sep(c)) {
        return None;
    }
    // The pieces between separators, and the separator before each piece after the first.
    let pieces: Vec<&str> = number.split(is_sep).collect();
    let seps: Vec<char> = number
        .chars()
        .filter(|&c| is_sep(c))
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    if pieces.iter().any(|p| p.is_empty()) {
        return None;
    }
    let last = seps.last().copied();
    let grouped = |groups: &[&str], by: &[char]| {
        by.windows(2).all(|w| w[0] == w[1])
            && groups
                .first()
                .is_some_and(|g| g.len() <= 3 && !g.starts_with('0'))
            && groups[1..].iter().all(|g| g.len() == 3)
    };
    let n = pieces.len();
    // The last separator is the decimal point when it is `.` or `,`, is not also among the
    // grouping ones, and, when it is the only separator, the number does not read as
    // grouped thousands.
    let decimal = match last {
        Some(d @ ('.' | ',')) => {
            let before = &seps[..seps.len() - 1];
            let lone_and_grouped = before.is_empty() && grouped(&pieces, &seps);
            !before.contains(&d) && !lone_and_grouped
        }
        _ => false,
    };
    if decimal {
        let whole = &pieces[..n - 1];
        let ok = whole.len() == 1 || grouped(whole, &seps[..seps.len() - 1]);
        ok.then(|| (whole.concat(), pieces[n - 1]))
    } else if n == 1 || grouped(&pieces, &seps) {
        Some((pieces.concat(), ""))
    } else {
        None
    }
}

impl Cents {
    /// "1,251": rounded to whole units, for columns.
    pub(crate) fn whole(self) -> String {
        let units = self.0.unsigned_abs().saturating_add(50) / 100;
        format!("{}{}", if self.0 < 0 { "-" } else { "" }, grouped(units))
    }
}

/// "1,250" from 1250.
fn grouped(units: u64) -> String {
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
        // A damaged book may hold a negative amount; show it as one, not as "0.-5".
        let sign = if self.0 < 0 { "-" } else { "" };
        let cents = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", grouped(cents / 100), cents % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_people_type_them() {
        let cases = [
            ("1250.50", 125_050),
            ("1250,50", 125_050),
            ("12,50", 1250),
            ("1.250,50", 125_050),
            ("1,250.50", 125_050),
            ("1250", 125_000),
            ("€ 99", 9900),
            ("€300", 30_000),
            ("EUR 300", 30_000),
            ("300 EUR", 30_000),
            ("300 eur", 30_000),
            ("$ 12.5", 1250),
            ("1 250,50", 125_050),
            ("1\u{a0}250,50", 125_050),
            ("1\u{202f}250.50", 125_050),
            ("1'250.50", 125_050),
            ("12 345 678", 1_234_567_800),
            ("1.000.000", 100_000_000),
            ("99.5", 9950),
            ("0.05", 5),
            ("0,5", 50),
            ("  42  ", 4200),
            ("1.000.000.000,00", 100_000_000_000),
        ];
        for (typed, cents) in cases {
            assert_eq!(Cents::parse(typed), Ok(Cents(cents)), "{typed}");
        }
        assert_eq!(
            Cents::parse("1.250"),
            Ok(Cents(125_000)),
            "three digits after a lone separator group thousands"
        );
    }

    #[test]
    fn anything_else_is_refused_naming_the_value_and_the_forms() {
        for bad in [
            "1.2.3",
            "1,2,3,4",
            "1..5",
            "1.250.50",
            "1,250,50",
            "1.",
            ".5",
            ",50",
            "1 2",
            "12 34",
            "1234.567.890",
            "1.2345,00",
            "1,250.000.00",
            "abc",
            "",
            "€",
            "EUR",
            "1e3",
            "+5",
            "1_000",
            "12€€",
            "１２",
            "1\t250",
            "0x10",
            "1.250 ,50",
        ] {
            let err = Cents::parse(bad).expect_err(bad);
            assert!(matches!(err, BadAmount::NotANumber(_)), "{bad}: {err}");
            let msg = err.to_string();
            assert!(msg.contains(&format!("'{}'", bad.trim())), "{msg}");
            assert!(msg.contains("1.250,50, 1,250.50"), "{msg}");
        }
    }

    #[test]
    fn more_than_two_decimals_zero_negative_and_absurd_are_refused() {
        for bad in ["0.001", "1.2345", "1250,500", "1 250.500", "1,234.567"] {
            assert_eq!(Cents::parse(bad), Err(BadAmount::TooPrecise(bad.into())), "{bad}");
        }
        for zero in ["0", "0.00", "€ 0", "000,0"] {
            assert_eq!(Cents::parse(zero), Err(BadAmount::Zero(zero.into())), "{zero}");
        }
        for negative in ["-5", "€ -5", "−5"] {
            assert_eq!(Cents::parse(negative), Err(BadAmount::Negative(negative.into())));
        }
        let pasted = "1".repeat(100_000);
        assert_eq!(
            Cents::parse(&pasted),
            Err(BadAmount::TooLarge(format!("{}…", "1".repeat(40))))
        );
        for large in [
            "1.000.000.000,01",
            "1000000001",
            "99999999999999999999",
            "9223372036854775807",
        ] {
            let err = Cents::parse(large).unwrap_err();
            assert_eq!(err, BadAmount::TooLarge(large.into()));
            assert!(err.to_string().contains("more than 1,000,000,000.00"), "{err}");
        }
    }

    #[test]
    fn shown_with_thousands_and_cents() {
        assert_eq!(Cents(125_050).to_string(), "1,250.50");
        assert_eq!(Cents(5).to_string(), "0.05");
        assert_eq!(Cents(125_050).whole(), "1,251");
        assert_eq!(Cents(0).whole(), "0");
    }

    #[test]
    fn extreme_values_from_a_damaged_book_are_shown_without_panicking() {
        assert_eq!(Cents(-5).to_string(), "-0.05");
        assert_eq!(Cents(-125_050).whole(), "-1,251");
        assert_eq!(Cents(i64::MAX).to_string(), "92,233,720,368,547,758.07");
        assert_eq!(Cents(i64::MAX).whole(), "92,233,720,368,547,758");
        assert_eq!(Cents(i64::MIN).to_string(), "-92,233,720,368,547,758.08");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn parsing_never_panics(input in "\\PC{0,24}") {
            let _ = Cents::parse(&input);
        }

        #[test]
        fn parsing_never_panics_on_amount_like_text(
            input in "[-€$ EURU0-9.,'\u{a0}\u{202f}]{0,20}",
        ) {
            if let Ok(c) = Cents::parse(&input) {
                proptest::prop_assert!(Cents(1) <= c && c <= MAX_AMOUNT, "{input}: {c:?}");
            }
        }

        #[test]
        fn every_amount_as_printed_reads_back(cents in 1..=MAX_AMOUNT.0) {
            let c = Cents(cents);
            proptest::prop_assert_eq!(Cents::parse(&c.to_string()), Ok(c));
            proptest::prop_assert_eq!(Cents::parse(&format!("EUR {c}")), Ok(c));
            // The European way round: dots group, a comma marks the cents.
            let european: String = c.to_string().chars().map(|ch| match ch {
                ',' => '.',
                '.' => ',',
                ch => ch,
            }).collect();
            proptest::prop_assert_eq!(Cents::parse(&european), Ok(c));
        }
    }

    #[test]
    fn tiers_turn_at_1k_10k_50k() {
        assert_eq!(Cents(99_999).tier(), 0);
        assert_eq!(Cents(100_000).tier(), 1);
        assert_eq!(Cents(1_000_000).tier(), 2);
        assert_eq!(Cents(5_000_000).tier(), 3);
    }
}
