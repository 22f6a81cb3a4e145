//! Phone numbers: what counts as one, and the key a number is found by. Pure.
//!
//! The key rule: keep the digits, drop a leading international prefix (`+` or `00`) or
//! national trunk `0`, then keep the LAST 9 digits (all of them when there are fewer).
//! So "+31 6 1234 5678", "0031 6 12345678", "06-12345678" and "06 1234 5678" all key
//! to `612345678`: a number typed with its country code and the same number typed
//! nationally meet, whatever the spaces and dashes. Nine digits is the length of a Dutch
//! or German subscriber number without its trunk 0 (and of most European mobile
//! numbers), short enough to ignore any country code in front, long enough that two
//! numbers in one book rarely share it. Two numbers that differ only before their last
//! nine digits (the same local number in two countries) share a key: finding by phone
//! may then list both, which is a shortlist, never a wrong merge.

/// The characters a phone number may hold besides digits.
const ALLOWED: &str = " +-()./";

/// How many trailing digits the key keeps.
pub const KEY_DIGITS: usize = 9;

/// A phone number that is not one, as typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{typed}' is not a phone number: {why} — type digits, optionally with spaces and + - ( ) . /, like +31 6 1234 5678"
)]
pub struct BadPhone {
    pub typed: String,
    pub why: &'static str,
}

/// Whether `c` may stand in a phone number: a digit, or one of `ALLOWED`.
pub fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || ALLOWED.contains(c)
}

/// The digits of `typed`, in order ("+31 (6) 12-34" → "3161234").
pub fn digits(typed: &str) -> String {
    typed.chars().filter(char::is_ascii_digit).collect()
}

/// `Ok` when `typed` (trimmed) holds at least one digit and only digits and `ALLOWED`.
pub fn check(typed: &str) -> Result<(), BadPhone> {
    let bad = |why| {
        Err(BadPhone {
            typed: typed.to_string(),
            why,
        })
    };
    if typed.chars().any(char::is_alphabetic) {
        return bad("it holds letters");
    }
    if typed.chars().any(|c| !is_number_char(c)) {
        return bad("it holds a character other than digits, spaces and + - ( ) . /");
    }
    if !typed.chars().any(|c| c.is_ascii_digit()) {
        return bad("it holds no digits");
    }
    Ok(())
}

/// How many digits a typed CUSTOMER argument needs to be looked up as a phone number.
pub const LOOKUP_DIGITS: usize = 6;

/// Whether `typed` reads as a phone number to find someone by: only digits and
/// `ALLOWED`, no letters, and at least `LOOKUP_DIGITS` digits ("06 1234 5678",
/// "+31612345678"; not "42", not "Route 66").
pub fn is_lookup(typed: &str) -> bool {
    let typed = typed.trim();
    typed.chars().all(is_number_char) && digits(typed).len() >= LOOKUP_DIGITS
}

/// The key `typed` is found by (see the module doc); empty when it holds no digits.
pub fn key(typed: &str) -> String {
    let digits = digits(typed);
    let international = typed.trim_start().starts_with('+');
    let national = if international {
        digits.as_str()
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else {
        digits.as_str()
    };
    let skip = national.len().saturating_sub(KEY_DIGITS);
    national[skip..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_typed_four_ways_has_one_key() {
        for typed in [
            "+31 6 1234 5678",
            "0031 6 12345678",
            "06-12345678",
            "06 1234 5678",
            "(06) 1234.5678",
        ] {
            assert_eq!(key(typed), "612345678", "{typed}");
        }
    }

    #[test]
    fn a_lookup_is_six_digits_or_more_and_nothing_but_a_number() {
        for typed in ["06 1234 5678", "+31612345678", "0031 6 12345678", "(030) 123456"] {
            assert!(is_lookup(typed), "{typed}");
        }
        for typed in ["42", "12345", "Route 666666", "06 1234 567x", "anna@acme.nl"] {
            assert!(!is_lookup(typed), "{typed}");
        }
    }

    #[test]
    fn german_numbers_meet_too() {
        assert_eq!(key("+49 30 1234567"), key("030 1234567"));
    }

    #[test]
    fn a_short_number_keeps_all_its_digits() {
        assert_eq!(key("112"), "112");
        assert_eq!(key("0800 1234"), "8001234");
    }

    #[test]
    fn letters_and_strange_characters_are_refused_naming_the_value() {
        let e = check("06 CALL ME").expect_err("letters");
        assert_eq!(e.why, "it holds letters");
        assert!(e.to_string().contains("'06 CALL ME'"), "{e}");
        assert!(check("06#123").is_err());
        assert!(check("+ - ()").is_err());
        assert!(check("+31 (0)6-1234.5678 / 9").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn spacing_and_punctuation_never_change_the_key(
            digits in "[1-9][0-9]{8}",
            seps in proptest::collection::vec(proptest::sample::select(vec!["", " ", "-", ".", "/"]), 9),
        ) {
            let mut spaced = String::new();
            for (d, s) in digits.chars().zip(&seps) {
                spaced.push_str(s);
                spaced.push(d);
            }
            let k = key(&digits);
            proptest::prop_assert_eq!(key(&format!("0{spaced}")), k.clone());
            proptest::prop_assert_eq!(key(&format!("+31 {spaced}")), k.clone());
            proptest::prop_assert_eq!(key(&format!("0031{spaced}")), k.clone());
            let international = format!("+31 {spaced}");
            proptest::prop_assert!(check(&international).is_ok());
        }

        #[test]
        fn a_key_is_digits_and_at_most_nine(typed in "[0-9 +()./-]{0,30}") {
            let k = key(&typed);
            proptest::prop_assert!(k.len() <= KEY_DIGITS);
            proptest::prop_assert!(k.chars().all(|c| c.is_ascii_digit()));
        }
    }
}
