//! How a customer is found by what a person remembers of them: text folded to lowercase
//! without accents ("Kühne" is "kuhne", "Straße" is "strasse", "Ørsted" is "orsted"), and
//! split into words. The one rule behind the CLI's CUSTOMER argument, the words the book
//! stores for it, and the TUI's filter. Pure: knows neither SQL nor the screen.

/// Appends `text` folded to `out`: lowercase, each letter without its accents or
/// diacritics, letters of other scripts transliterated (`deunicode`), everything that is
/// not a letter kept as it is. Folding folded text changes nothing.
pub fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        // Most text: nothing to fold but the case.
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // Only letters are transliterated: a symbol or an emoji would become words
        // ("grinning") nobody typed. What stands for nothing (a combining accent) goes.
        match deunicode::deunicode_char(c) {
            Some("") => {}
            Some(plain) if c.is_alphabetic() => {
                out.extend(plain.chars().map(|p| p.to_ascii_lowercase()));
            }
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// `text` folded (see [`fold_into`]).
#[must_use]
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(&mut folded, text);
    folded
}

/// The folded words of `text`, in order: runs of letters and digits. An apostrophe inside
/// a word joins it ("O'Brien" is "obrien"); any other character separates words
/// ("Jean-Pierre" is "jean" and "pierre").
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in fold(text).chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if !is_apostrophe(c) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`' | 'ʼ')
}

/// A name as it is compared whole: its words, one space apart. Two names with the same
/// key are the same name to a person ("Thomas KÜHNE", "thomas kuhne", " Thomas  Kühne").
#[must_use]
pub fn key(name: &str) -> String {
    words(name).join(" ")
}

/// The words a customer is found by: their name's, their company's and those of any
/// other name they are known by, each once, sorted.
#[must_use]
pub fn customer_words<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut all: Vec<String> = names.into_iter().flat_map(words).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Whether every word of `typed` starts a word of `words`: "kuhne" finds "Thomas Kühne",
/// "th kü" too.
#[must_use]
pub fn matches(typed: &[String], words: &[String]) -> bool {
    typed
        .iter()
        .all(|t| words.iter().any(|w| w.starts_with(t.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Thomas Kühne"), "thomas kuhne");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Søren Ørsted"), "soren orsted");
        assert_eq!(fold("Łódź Æbeltoft Œuvre"), "lodz aebeltoft oeuvre");
        assert_eq!(fold("ÇA VA, François?"), "ca va, francois?");
        assert_eq!(fold("Иван"), "ivan");
        assert_eq!(fold("ACME B.V."), "acme b.v.");
        assert_eq!(
            fold(&fold("Zoë Brontë")),
            fold("Zoë Brontë"),
            "folding twice is once"
        );
    }

    #[test]
    fn symbols_and_emoji_stay_as_they_are() {
        assert_eq!(fold("Pizza 🍕 & Co"), "pizza 🍕 & co");
        assert_eq!(words("Pizza 🍕 & Co"), ["pizza", "co"]);
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(words("Marieke Jansen"), ["marieke", "jansen"]);
        assert_eq!(words("  Jean-Pierre   O'Brien "), ["jean", "pierre", "obrien"]);
        assert_eq!(words("Acme B.V. (NL) 2"), ["acme", "b", "v", "nl", "2"]);
        assert_eq!(words("d’Artagnan"), ["dartagnan"]);
        assert_eq!(
            words("Zoe\u{308} Kuhne"),
            ["zoe", "kuhne"],
            "a combining accent goes"
        );
        assert!(words(" -- ").is_empty());
        assert!(words("").is_empty());
    }

    #[test]
    fn a_key_is_the_name_whatever_its_spelling() {
        assert_eq!(key(" Thomas  KÜHNE "), key("thomas kuhne"));
        assert_eq!(key("Thomas Kühne"), "thomas kuhne");
        assert_ne!(key("Thomas Kühne"), key("Thomas"));
    }

    #[test]
    fn a_customer_is_found_by_the_start_of_any_of_their_words() {
        let stored = customer_words(["Thomas Kühne", "Kühne Bau GmbH"]);
        assert_eq!(stored, ["bau", "gmbh", "kuhne", "thomas"]);
        let typed = |t: &str| words(t);
        assert!(matches(&typed("kuhne"), &stored));
        assert!(matches(&typed("KÜH th"), &stored));
        assert!(matches(&typed("bau"), &stored));
        assert!(!matches(&typed("kuhnes"), &stored));
        assert!(
            !matches(&typed("thomas jansen"), &stored),
            "every word must match"
        );
    }

    #[test]
    fn nothing_panics_on_any_text() {
        for text in [
            "\u{0}",
            "\u{10FFFF}",
            "a\u{301}",
            "ﬁ",
            "İstanbul",
            "🏴\u{E0067}",
            "ǅ",
        ] {
            let _ = (fold(text), words(text), key(text));
        }
        assert_eq!(fold("İ").chars().filter(char::is_ascii_alphabetic).count(), 1);
    }
}
