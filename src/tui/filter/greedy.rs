//! nucleo's greedy fuzzy match (`Matcher::fuzzy_match_greedy`) of a needle in ASCII text,
//! as the filter configures the matcher (case and accents folded beforehand, so neither
//! ignored nor normalised there): the same matches with the same scores (the tests compare
//! the two on random text), without a call's checks and dispatch, and with each character
//! found by a plain loop, which over a field's few bytes is quicker than `memchr`.
//!
//! A needle that is not ASCII never matches ASCII text, as in nucleo: its bytes are all
//! above 127.

/// nucleo's scores (`score.rs`), for its default configuration.
const SCORE_MATCH: u16 = 16;
const PENALTY_GAP_START: u16 = 3;
const PENALTY_GAP_EXTENSION: u16 = 1;
const BONUS_BOUNDARY: u16 = SCORE_MATCH / 2;
const BONUS_BOUNDARY_WHITE: u16 = BONUS_BOUNDARY + 2;
const BONUS_BOUNDARY_DELIMITER: u16 = BONUS_BOUNDARY + 1;
const BONUS_CAMEL123: u16 = BONUS_BOUNDARY - PENALTY_GAP_START;
const BONUS_NON_WORD: u16 = BONUS_BOUNDARY;
const BONUS_CONSECUTIVE: u16 = PENALTY_GAP_START + PENALTY_GAP_EXTENSION;
const BONUS_FIRST_CHAR_MULTIPLIER: u16 = 2;

/// nucleo's character classes, in its order (the bonus compares them).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Whitespace,
    NonWord,
    Delimiter,
    Lower,
    Upper,
    Number,
}

/// Every byte's class, looked up: a scan classes every byte of the window it scores.
static CLASSES: [Class; 256] = {
    let mut classes = [Class::NonWord; 256];
    let mut c = 0;
    while c < 256 {
        classes[c] = class_of(c as u8);
        c += 1;
    }
    classes
};

/// The bonus for each class after each, looked up (see `bonus_for`).
static BONUSES: [[u16; 6]; 6] = {
    const ALL: [Class; 6] = [
        Class::Whitespace,
        Class::NonWord,
        Class::Delimiter,
        Class::Lower,
        Class::Upper,
        Class::Number,
    ];
    let mut bonuses = [[0; 6]; 6];
    let mut prev = 0;
    while prev < 6 {
        let mut class = 0;
        while class < 6 {
            bonuses[prev][class] = bonus_of(ALL[prev], ALL[class]);
            class += 1;
        }
        prev += 1;
    }
    bonuses
};

fn class(c: u8) -> Class {
    CLASSES[usize::from(c)]
}

fn bonus_for(prev: Class, class: Class) -> u16 {
    BONUSES[prev as usize][class as usize]
}

const fn class_of(c: u8) -> Class {
    match c {
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Number,
        // `u8::is_ascii_whitespace`.
        b' ' | b'\t' | b'\n' | b'\x0C' | b'\r' => Class::Whitespace,
        // nucleo's default delimiters.
        b'/' | b',' | b':' | b';' | b'|' => Class::Delimiter,
        _ => Class::NonWord,
    }
}

/// The bonus for a match at a character of `class` after one of `prev` (nucleo's
/// `Config::bonus_for`).
const fn bonus_of(prev: Class, class: Class) -> u16 {
    let (prev, class) = (prev as u8, class as u8);
    if class > Class::Delimiter as u8 {
        if prev == Class::Whitespace as u8 {
            return BONUS_BOUNDARY_WHITE;
        }
        if prev == Class::Delimiter as u8 {
            return BONUS_BOUNDARY_DELIMITER;
        }
        if prev == Class::NonWord as u8 {
            return BONUS_BOUNDARY;
        }
    }
    if prev == Class::Lower as u8 && class == Class::Upper as u8
        || prev != Class::Number as u8 && class == Class::Number as u8
    {
        BONUS_CAMEL123
    } else if class == Class::Whitespace as u8 {
        BONUS_BOUNDARY_WHITE
    } else if class == Class::NonWord as u8 {
        BONUS_NON_WORD
    } else {
        0
    }
}

/// The score of `needle` in ASCII `haystack`, as `Matcher::fuzzy_match_greedy` gives it;
/// `None` when it does not match. `before` is the character in front of `haystack`, if
/// it is part of longer text (the start of a text scores as after a space).
pub fn score(haystack: &[u8], needle: &[u8], before: Option<u8>) -> Option<u16> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    // The first of each character in turn, then back from the last: the shortest window
    // that ends where the first one found does.
    let mut start = haystack.iter().position(|&c| c == first)?;
    let mut end = start + 1;
    for &n in rest {
        end += haystack[end..].iter().position(|&c| c == n)? + 1;
    }
    if end - start != needle.len() {
        let mut left = needle.len();
        for i in (start..end).rev() {
            if haystack[i] == needle[left - 1] {
                left -= 1;
                if left == 0 {
                    start = i;
                    break;
                }
            }
        }
    }
    Some(window_score(haystack, needle, start, end, before))
}

/// nucleo's `calculate_score` over `haystack[start..end]`, which starts and ends with a
/// match.
fn window_score(haystack: &[u8], needle: &[u8], start: usize, end: usize, before: Option<u8>) -> u16 {
    let mut prev_class = match start.checked_sub(1) {
        Some(i) => class(haystack[i]),
        None => before.map_or(Class::Whitespace, class),
    };
    let mut needle_chars = needle.iter();
    let mut needle_char = needle_chars.next().copied().unwrap_or_default();
    let mut in_gap = false;
    let mut consecutive = 1;
    let first_class = class(haystack[start]);
    let mut first_bonus = bonus_for(prev_class, first_class);
    let mut score = SCORE_MATCH.wrapping_add(first_bonus.wrapping_mul(BONUS_FIRST_CHAR_MULTIPLIER));
    prev_class = first_class;
    if let Some(&next) = needle_chars.next() {
        needle_char = next;
    }
    for &c in &haystack[start + 1..end] {
        let class = class(c);
        if c == needle_char {
            let mut bonus = bonus_for(prev_class, class);
            if consecutive != 0 {
                if bonus >= BONUS_BOUNDARY && bonus > first_bonus {
                    first_bonus = bonus;
                }
                bonus = bonus.max(first_bonus).max(BONUS_CONSECUTIVE);
            } else {
                first_bonus = bonus;
            }
            score = score.wrapping_add(SCORE_MATCH.wrapping_add(bonus));
            in_gap = false;
            consecutive += 1;
            if let Some(&next) = needle_chars.next() {
                needle_char = next;
            }
        } else {
            let penalty = if in_gap {
                PENALTY_GAP_EXTENSION
            } else {
                PENALTY_GAP_START
            };
            score = score.saturating_sub(penalty);
            in_gap = true;
            consecutive = 0;
        }
        prev_class = class;
    }
    score
}

#[cfg(test)]
mod tests {
    use nucleo_matcher::{Matcher, Utf32Str};

    use super::super::CONFIG;
    use super::*;

    fn nucleo(matcher: &mut Matcher, haystack: &str, needle: &str) -> Option<u16> {
        matcher.fuzzy_match_greedy(
            Utf32Str::Ascii(haystack.as_bytes()),
            Utf32Str::new(needle, &mut Vec::new()),
        )
    }

    #[test]
    fn scores_as_nucleo_does() {
        let mut matcher = Matcher::new(CONFIG);
        // Letters, the classes' other characters, and case, which nucleo here compares as is.
        let alphabet = b"abcdeab  -.@/:,;|_09XYZ\t";
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..200_000 {
            let len = rng.usize(0..40);
            let haystack: String = (0..len)
                .map(|_| char::from(alphabet[rng.usize(..alphabet.len())]))
                .collect();
            let needle_len = rng.usize(1..5);
            let needle: String = (0..needle_len)
                .map(|_| char::from(alphabet[rng.usize(..alphabet.len())]))
                .collect();
            assert_eq!(
                score(haystack.as_bytes(), needle.as_bytes(), None),
                nucleo(&mut matcher, &haystack, &needle),
                "{needle:?} in {haystack:?}"
            );
        }
        for (haystack, needle) in [
            ("jan de vries", "jdv"),
            ("anna de boer", "ab"),
            ("bakker bv", "bakker"),
            ("bakker", "bakker"),
            ("bak", "bakker"),
            ("", "a"),
            ("abc", ""),
        ] {
            assert_eq!(
                score(haystack.as_bytes(), needle.as_bytes(), None),
                nucleo(&mut matcher, haystack, needle),
                "{needle:?} in {haystack:?}"
            );
        }
        assert_eq!(score(b"abc", "ø".as_bytes(), None), None, "not ASCII");
    }

    #[test]
    fn the_character_before_scores_as_part_of_the_text() {
        let mut matcher = Matcher::new(CONFIG);
        for (before, text, needle) in [("jan", "smit", "s"), ("jan ", "smit", "s"), ("a-", "bc", "bc")] {
            let whole = format!("{before}{text}");
            let last = before.as_bytes().last().copied();
            assert_eq!(
                score(text.as_bytes(), needle.as_bytes(), last),
                nucleo(&mut matcher, &whole, needle),
                "{needle:?} in {before:?} + {text:?}"
            );
        }
    }
}
