//! Full-text search as a person types it: the query read into plain words (no operators:
//! quotes, `*`, `-`, `NEAR`, `OR` are words or separators like any punctuation), and the
//! snippet of a found note with those words marked. Every word must appear in a note; the
//! last one may be the start of a word, so results come as you type. Pure: the store
//! turns the words into its own query syntax, the front ends draw the marks.

use std::ops::Range;

use super::words::fold;

/// At most this many words are searched for; more narrow nothing a person would notice.
pub const MAX_WORDS: usize = 16;
/// A word longer than this is cut: no note has one.
const MAX_WORD_CHARS: usize = 64;

/// The words of a search, as typed (lowercase), in order, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    words: Vec<String>,
}

/// A search that has nothing to look for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadSearch {
    #[error("nothing to search for — type words of a note, like \"quote\" or \"late delivery\"")]
    Empty,
    #[error(
        "'{0}' has no words to search for (only punctuation or symbols) — type words of a note, like \"quote\" or \"late delivery\""
    )]
    NoWords(String),
}

impl SearchQuery {
    /// Reads what was typed into words: runs of letters and digits, lowercased. Anything
    /// else (spaces, quotes, `*`, `-`, apostrophes, other punctuation) separates words, as
    /// it does in the index, so no typed character has a meaning of its own.
    pub fn parse(typed: &str) -> Result<SearchQuery, BadSearch> {
        let mut words: Vec<String> = Vec::new();
        for word in typed.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
            let word: String = word
                .chars()
                .take(MAX_WORD_CHARS)
                .flat_map(char::to_lowercase)
                .collect();
            if !words.contains(&word) {
                words.push(word);
            }
            if words.len() == MAX_WORDS {
                break;
            }
        }
        if words.is_empty() {
            return Err(if typed.trim().is_empty() {
                BadSearch::Empty
            } else {
                BadSearch::NoWords(typed.trim().to_string())
            });
        }
        Ok(SearchQuery { words })
    }

    /// The words, in the order typed; the last one is matched as the start of a word.
    #[must_use]
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether `word` of a note (as written) is one of the `folded` words looked for.
    fn finds(folded: &[String], word: &str) -> bool {
        let word = fold(word);
        let last = folded.len() - 1;
        folded.iter().enumerate().any(|(i, w)| {
            if i == last {
                word.starts_with(w.as_str())
            } else {
                word == *w
            }
        })
    }

    /// The words folded as notes' words are compared (case and accents ignored).
    fn folded(&self) -> Vec<String> {
        self.words.iter().map(|w| fold(w)).collect()
    }
}

/// What the index counts as part of a word: letters and digits of any script.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A piece of a note around the words a search found, on one line, with those words
/// marked. The front ends draw the marks (bold, reverse, «»).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` that are found words, in order, never overlapping, each on
    /// character boundaries.
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The text in pieces, each with whether it is a found word.
    pub fn pieces(&self) -> impl Iterator<Item = (&str, bool)> {
        let mut at = 0;
        let mut out = Vec::with_capacity(self.marks.len() * 2 + 1);
        for m in &self.marks {
            if m.start > at {
                out.push((&self.text[at..m.start], false));
            }
            out.push((&self.text[m.clone()], true));
            at = m.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out.into_iter()
    }

    /// The text with each found word between `open` and `close` (`«` `»` for plain text).
    #[must_use]
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 4);
        for (piece, found) in self.pieces() {
            if found {
                out.push_str(open);
                out.push_str(piece);
                out.push_str(close);
            } else {
                out.push_str(piece);
            }
        }
        out
    }
}

/// Context shown before the first found word, in characters.
const BEFORE: usize = 24;

/// The piece of `text`, at most `width` characters (plus an ellipsis at a cut end), that
/// starts a little before the first word `query` finds (at the start when it all fits), with every found word in it
/// marked. Line breaks and tabs become spaces, runs of spaces one. A text where the
/// search finds no word (the index matched it by a folding of its own) starts at the
/// beginning, unmarked.
#[must_use]
pub fn snippet(text: &str, query: &SearchQuery, width: usize) -> Snippet {
    let folded = query.folded();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Words as char index ranges, and whether each is found.
    let mut words: Vec<(Range<usize>, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_word_char(chars[i].1) {
            let start = i;
            while i < chars.len() && is_word_char(chars[i].1) {
                i += 1;
            }
            let bytes = chars[start].0..chars.get(i).map_or(text.len(), |c| c.0);
            words.push((start..i, SearchQuery::finds(&folded, &text[bytes])));
        } else {
            i += 1;
        }
    }
    let first = words.iter().find(|(_, found)| *found).map_or(0, |(r, _)| r.start);
    // Start at a word's beginning, at most BEFORE characters before the first found word.
    let start = if first <= BEFORE || chars.len() <= width {
        0
    } else {
        words
            .iter()
            .map(|(r, _)| r.start)
            .find(|&s| s + BEFORE >= first)
            .unwrap_or(first)
    };
    let end = (start + width.max(1)).min(chars.len());

    let mut out = Snippet::default();
    if start > 0 {
        out.text.push('…');
    }
    let mut mark_at = words
        .iter()
        .filter(|(_, found)| *found)
        .map(|(r, _)| r.clone())
        .peekable();
    let mut open: Option<usize> = None;
    for (ci, &(_, c)) in chars.iter().enumerate().take(end).skip(start) {
        while mark_at.peek().is_some_and(|m| m.end <= ci) {
            mark_at.next();
        }
        let in_mark = mark_at.peek().is_some_and(|m| m.contains(&ci));
        match (in_mark, open) {
            (true, None) => open = Some(out.text.len()),
            (false, Some(s)) => {
                out.marks.push(s..out.text.len());
                open = None;
            }
            _ => {}
        }
        if c.is_whitespace() || c.is_control() {
            if !out.text.ends_with(' ') && !out.text.is_empty() {
                out.text.push(' ');
            }
        } else {
            out.text.push(c);
        }
    }
    if let Some(s) = open {
        out.marks.push(s..out.text.len());
    }
    if end < chars.len() {
        let trimmed = out.text.trim_end().len();
        out.text.truncate(trimmed);
        out.marks.retain(|m| m.start < trimmed);
        if let Some(m) = out.marks.last_mut() {
            m.end = m.end.min(trimmed);
        }
        out.text.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(typed: &str) -> SearchQuery {
        SearchQuery::parse(typed).expect("a query")
    }

    #[test]
    fn a_query_is_its_words_lowercased_each_once() {
        assert_eq!(q("Late  DELIVERY late").words(), ["late", "delivery"]);
        assert_eq!(q("  kühne ").words(), ["kühne"]);
        assert_eq!(q("Иван Петров").words(), ["иван", "петров"]);
        assert_eq!(q("O'Brien").words(), ["o", "brien"], "as the index splits it");
    }

    #[test]
    fn operators_and_quotes_are_not_operators() {
        assert_eq!(q("\"late delivery\"").words(), ["late", "delivery"]);
        assert_eq!(q("quot*").words(), ["quot"]);
        assert_eq!(q("-price +offer").words(), ["price", "offer"]);
        assert_eq!(q("late NEAR delivery").words(), ["late", "near", "delivery"]);
        assert_eq!(q("call OR email").words(), ["call", "or", "email"]);
        assert_eq!(q("body:quote (a)").words(), ["body", "quote", "a"]);
        assert_eq!(q("^start").words(), ["start"]);
    }

    #[test]
    fn punctuation_alone_is_refused_by_name() {
        assert_eq!(SearchQuery::parse(""), Err(BadSearch::Empty));
        assert_eq!(SearchQuery::parse("   "), Err(BadSearch::Empty));
        for typed in ["\"", "*", "-", "\"\"", "()", " -- ", "🍕", "…"] {
            let err = SearchQuery::parse(typed).unwrap_err();
            assert_eq!(err, BadSearch::NoWords(typed.trim().to_string()));
            assert!(err.to_string().contains("no words"), "{err}");
        }
    }

    #[test]
    fn many_or_long_words_are_cut() {
        let many = (0..40).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        assert_eq!(q(&many).words().len(), MAX_WORDS);
        assert_eq!(q(&"a".repeat(500)).words()[0].chars().count(), MAX_WORD_CHARS);
    }

    #[test]
    fn found_words_are_marked_ignoring_case_and_accents() {
        let s = snippet("Call with Thomas KÜHNE about the quote", &q("kuhne quo"), 80);
        assert_eq!(s.text, "Call with Thomas KÜHNE about the quote");
        assert_eq!(s.marked("«", "»"), "Call with Thomas «KÜHNE» about the «quote»");
        let s = snippet("quoted, not quote: requote", &q("quote"), 80);
        assert_eq!(
            s.marked("[", "]"),
            "[quoted], not [quote]: requote",
            "the last word is a prefix"
        );
        let s = snippet("quoted, not quote", &q("quote price"), 80);
        assert_eq!(s.marked("[", "]"), "quoted, not [quote]", "other words are whole");
    }

    #[test]
    fn a_long_note_is_cut_around_the_first_found_word() {
        let text = format!(
            "{} the proposal was sent {}",
            "word ".repeat(30),
            "tail ".repeat(30)
        );
        let s = snippet(&text, &q("proposal"), 40);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        assert!(s.marked("«", "»").contains("«proposal»"), "{}", s.text);
        assert!(s.text.chars().count() <= 42, "{}", s.text);
        let proposal = s.text.find("proposal").unwrap();
        assert!(s.text[..proposal].chars().count() <= BEFORE + 1);
    }

    #[test]
    fn lines_become_one() {
        let s = snippet("first line\n\n\tsecond  line", &q("second"), 80);
        assert_eq!(s.marked("«", "»"), "first line «second» line");
    }

    #[test]
    fn international_text_is_cut_on_characters() {
        let text = "Встреча с Иваном: ".repeat(10) + "договор подписан — Straße Ørsted 🍕";
        for width in 1..60 {
            let s = snippet(&text, &q("договор"), width);
            for m in &s.marks {
                assert!(s.text.is_char_boundary(m.start) && s.text.is_char_boundary(m.end));
            }
            let _ = s.marked("«", "»");
        }
        let s = snippet(&text, &q("orsted"), 200);
        assert!(s.marked("«", "»").contains("«Ørsted»"), "{}", s.text);
    }

    #[test]
    fn a_note_without_a_found_word_starts_at_its_beginning() {
        let s = snippet("nothing here", &q("else"), 80);
        assert_eq!((s.text.as_str(), s.marks.len()), ("nothing here", 0));
        let s = snippet("", &q("else"), 80);
        assert_eq!(s, Snippet::default());
    }
}
