//! Making text from the database safe to put on a terminal, and telling which text a
//! spreadsheet would run as a formula. Pure rules over `str`; nothing here knows whether
//! stdout is a terminal.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::RangeInclusive;
use std::path::Path;

/// Whether `c` must never reach a terminal as itself, given the character before it:
/// control characters (C0, DEL, C1: the ESC that starts escape sequences, the CSI of
/// 8-bit terminals), the bidi controls that reorder what follows (the "Trojan Source"
/// U+202E), and invisible format characters that make one text look like another (zero
/// width space, word joiner, BOM, soft hyphen, Hangul fillers, interlinear annotations,
/// line and paragraph separators).
///
/// Kept as they are: the zero-width joiner and non-joiner (U+200D, U+200C), which emoji
/// sequences (👨‍👩‍👧) and Persian and Indic scripts need to be spelled right, variation
/// selectors (emoji presentation), and tag characters inside a flag sequence (🏴 followed
/// by tags, as in the flag of Scotland); tag characters anywhere else are invisible
/// smuggled ASCII and are replaced.
pub fn is_hidden(c: char, prev: char) -> bool {
    const BIDI: &[RangeInclusive<char>] = &[
        '\u{061C}'..='\u{061C}',
        '\u{200E}'..='\u{200F}',
        '\u{202A}'..='\u{202E}',
        '\u{2066}'..='\u{2069}',
    ];
    const INVISIBLE: &[RangeInclusive<char>] = &[
        '\u{00AD}'..='\u{00AD}',
        '\u{115F}'..='\u{1160}',
        '\u{180E}'..='\u{180E}',
        '\u{200B}'..='\u{200B}',
        '\u{2028}'..='\u{2029}',
        '\u{2060}'..='\u{2064}',
        '\u{206A}'..='\u{206F}',
        '\u{3164}'..='\u{3164}',
        '\u{FEFF}'..='\u{FEFF}',
        '\u{FFA0}'..='\u{FFA0}',
        '\u{FFF9}'..='\u{FFFB}',
    ];
    // Most text is ASCII: only its controls are hidden.
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    if ('\u{E0000}'..='\u{E007F}').contains(&c) {
        return !in_flag(c, prev);
    }
    c.is_control() || BIDI.iter().chain(INVISIBLE).any(|r| r.contains(&c))
}

/// A tag character continuing a flag: 🏴 (U+1F3F4), then tag letters and digits, then
/// CANCEL TAG (U+E007F).
fn in_flag(c: char, prev: char) -> bool {
    let after_flag = prev == '\u{1F3F4}' || ('\u{E0020}'..='\u{E007E}').contains(&prev);
    after_flag && ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Whether any character of `s` is hidden (see [`is_hidden`]).
pub fn has_hidden(s: &str) -> bool {
    let mut prev = '\0';
    s.chars().any(|c| {
        let hidden = is_hidden(c, prev);
        prev = c;
        hidden
    })
}

/// The visible stand-in for a hidden character: the Control Pictures for C0 and DEL
/// (`␛`, `␇`, `␡`), the replacement character for the rest.
fn placeholder(c: char) -> char {
    match c as u32 {
        n @ 0..0x20 => char::from_u32(0x2400 + n).unwrap_or('�'),
        0x7f => '␡',
        _ => '�',
    }
}

/// Replaces hidden characters (see [`is_hidden`]) with visible placeholders, so a name or
/// note can never move the cursor, change colours, retitle the window or reorder the
/// line. Newlines become `⏎` and tabs a space because every place we draw text is a
/// single line.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    replace_hidden(s, |c| match c {
        '\n' => Some('⏎'),
        '\t' => Some(' '),
        _ => None,
    })
}

/// A path as a person reads it: [`sanitize`]d, since a file name may hold anything.
pub fn shown_path(path: &Path) -> String {
    sanitize(&path.display().to_string()).into_owned()
}

/// [`sanitize`] for text of several lines (an error message, a whole document shown on a
/// terminal): line breaks and tabs stay, and a carriage return stays only as the first
/// half of a CRLF line end (alone it would let a line overwrite itself).
pub fn sanitize_lines(s: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut tail = String::new();
    let mut prev = '\0';
    push_lines(&mut out, s, &mut prev, &mut tail, true);
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

fn replace_hidden(s: &str, keep: impl Fn(char) -> Option<char>) -> Cow<'_, str> {
    if !has_hidden(s) {
        return Cow::Borrowed(s);
    }
    let mut prev = '\0';
    Cow::Owned(
        s.chars()
            .map(|c| {
                let shown = if is_hidden(c, prev) {
                    keep(c).unwrap_or_else(|| placeholder(c))
                } else {
                    c
                };
                prev = c;
                shown
            })
            .collect(),
    )
}

/// Appends `s` to `out` as [`sanitize_lines`] does. A carriage return at the very end is
/// left in `tail` unless `last`, since only the next character tells whether it ends a
/// line; `prev` carries the character before `s` across calls.
fn push_lines(out: &mut String, s: &str, prev: &mut char, tail: &mut String, last: bool) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => match chars.peek() {
                Some('\n') => out.push('\r'),
                None if !last => tail.push('\r'),
                _ => out.push(placeholder('\r')),
            },
            c if is_hidden(c, *prev) => out.push(placeholder(c)),
            c => out.push(c),
        }
        *prev = c;
    }
}

/// A writer that passes text on with hidden characters replaced (as [`sanitize_lines`]),
/// for output that may land on a terminal; `TerminalSafe::new(w, false)` passes
/// everything on unchanged. Writes may split a UTF-8 character or a CRLF: the unfinished
/// end waits for the next write; bytes that are not UTF-8 become `�`.
pub struct TerminalSafe<W: Write> {
    inner: W,
    on: bool,
    pending: Vec<u8>,
    prev: char,
}

impl<W: Write> TerminalSafe<W> {
    pub fn new(inner: W, on: bool) -> Self {
        TerminalSafe {
            inner,
            on,
            pending: Vec::new(),
            prev: '\0',
        }
    }

    /// Sanitises what is pending; keeps back an unfinished character or CRLF unless `last`.
    fn drain(&mut self, last: bool) -> io::Result<()> {
        let mut out = String::new();
        let mut tail = String::new();
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    push_lines(&mut out, s, &mut self.prev, &mut tail, last);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // Checked by `from_utf8` just now.
                    let good = std::str::from_utf8(good).unwrap_or_default();
                    match e.error_len() {
                        Some(n) => {
                            push_lines(&mut out, good, &mut self.prev, &mut tail, true);
                            out.push('�');
                            self.prev = '�';
                            rest = &bad[n..];
                        }
                        // A character cut short by the end of this write.
                        None if !last => {
                            push_lines(&mut out, good, &mut self.prev, &mut tail, false);
                            rest = bad;
                            break;
                        }
                        None => {
                            push_lines(&mut out, good, &mut self.prev, &mut tail, true);
                            out.push('�');
                            rest = &[];
                            break;
                        }
                    }
                }
            }
        }
        let mut keep = tail.into_bytes();
        keep.extend_from_slice(rest);
        self.pending = keep;
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> TerminalSafe<W> {
    /// Whether this writes to a terminal (and so makes what it writes safe).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Writes `styled` as it is, escape sequences included: a style the caller made around
    /// text it made safe itself (`sanitize`).
    pub fn write_styled(&mut self, styled: &str) -> io::Result<()> {
        self.drain(true)?;
        self.inner.write_all(styled.as_bytes())
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.on {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for TerminalSafe<W> {
    fn drop(&mut self) {
        if self.on && !self.pending.is_empty() {
            let _ = self.drain(true);
            let _ = self.inner.flush();
        }
    }
}

/// Whether a spreadsheet would run a cell holding `s` as a formula: it starts with `=`,
/// `+`, `-` or `@` (or their fullwidth and small forms, which spreadsheets in East Asian
/// locales read as the same signs), possibly after spaces or line breaks (which
/// spreadsheets skip), or with a tab or carriage return (OWASP's list for CSV injection).
pub fn looks_like_formula(s: &str) -> bool {
    if s.starts_with(['\t', '\r']) {
        return true;
    }
    s.trim_start()
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("evil\u{1b}[2Jname"), "evil␛[2Jname");
        assert_eq!(sanitize("line\nbreak"), "line⏎break");
        assert_eq!(sanitize("bell\u{7}"), "bell␇");
        assert_eq!(sanitize("del\u{7f}"), "del␡");
        assert_eq!(sanitize("c1\u{9b}"), "c1�");
    }

    #[test]
    fn bidi_and_invisible_characters_become_visible() {
        for c in [
            '\u{202E}',
            '\u{202A}',
            '\u{2066}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
            '\u{200B}',
            '\u{FEFF}',
            '\u{2028}',
            '\u{00AD}',
            '\u{E0041}',
        ] {
            assert_eq!(sanitize(&format!("a{c}b")), "a�b", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        for s in [
            "👨\u{200D}👩\u{200D}👧",
            "می\u{200C}خواهم",
            "❤\u{FE0F}",
            // The flag of Scotland: black flag, tags g b s c t, cancel tag.
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        ] {
            assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("Acme BV"), Cow::Borrowed(_)));
        assert!(matches!(sanitize_lines("two\nlines\r\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn several_lines_keep_their_breaks() {
        assert_eq!(
            sanitize_lines("a\u{1b}]0;x\u{7}\nb\r\n\tc\rd"),
            "a␛]0;x␇\nb\r\n\tc␍d"
        );
    }

    #[test]
    fn the_safe_writer_handles_characters_split_across_writes() {
        let text = "é\u{1b}[2J\r\n\u{202E}ok\r";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut out = Vec::new();
            {
                let mut w = TerminalSafe::new(&mut out, true);
                w.write_all(&bytes[..cut]).unwrap();
                w.write_all(&bytes[cut..]).unwrap();
            }
            assert_eq!(String::from_utf8(out).unwrap(), "é␛[2J\r\n�ok␍", "cut at {cut}");
        }
        let mut out = Vec::new();
        TerminalSafe::new(&mut out, false).write_all(bytes).unwrap();
        assert_eq!(out, bytes);
        let mut out = Vec::new();
        TerminalSafe::new(&mut out, true).write_all(b"a\xffb").unwrap();
        assert_eq!(out, "a�b".as_bytes());
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        #[test]
        fn nothing_hidden_gets_through(s in "(?s).{0,40}") {
            proptest::prop_assert!(!has_hidden(&sanitize(&s)));
            let lines = sanitize_lines(&s).replace("\r\n", "").replace(['\n', '\t'], "");
            proptest::prop_assert!(!has_hidden(&lines), "{:?}", lines);
        }

        #[test]
        fn the_safe_writer_is_sanitize_lines_however_writes_split(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<char>().prop_map(|c| c.to_string().into_bytes()),
                    proptest::sample::select(vec![
                        "\r", "\n", "\r\n", "\u{1b}[2J", "é", "🏴", "\u{E0067}", "\u{E007F}", "\u{202E}",
                        "\u{9b}", "a",
                    ])
                    .prop_map(|s| s.as_bytes().to_vec()),
                    proptest::prelude::Just(vec![0xff]),
                ],
                0..12,
            ),
            cuts in proptest::collection::vec(0..60usize, 0..4),
        ) {
            let bytes = parts.concat();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            let mut out = Vec::new();
            {
                let mut w = TerminalSafe::new(&mut out, true);
                let mut from = 0;
                for cut in cuts.into_iter().chain([bytes.len()]) {
                    w.write_all(&bytes[from..cut]).unwrap();
                    from = cut;
                }
            }
            let whole = sanitize_lines(&String::from_utf8_lossy(&bytes)).into_owned();
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }

    #[test]
    fn formulas_are_recognised_behind_spaces_and_in_fullwidth() {
        for s in [
            "=1+1",
            "+31 20",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            " =1",
            "\n=1",
            "  \n @x",
            "＝1",
            "＋1",
            "－1",
            "＠x",
            "\u{3000}=1",
        ] {
            assert!(looks_like_formula(s), "{s:?}");
        }
        for s in ["Acme = good", "", "  ", "'=1", "a-b"] {
            assert!(!looks_like_formula(s), "{s:?}");
        }
    }
}
