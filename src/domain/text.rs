//! Making text from the database safe to put on a terminal.

use std::borrow::Cow;

/// Replaces control characters (which include the ESC that starts terminal escape
/// sequences) with visible placeholders, so a name or note can never move the cursor,
/// change colours or retitle the window. Newlines become `⏎` because every place we draw
/// text is a single line.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '⏎',
                '\t' => ' ',
                c if c.is_control() => char::from_u32(0x2400 + c as u32)
                    .filter(|_| (c as u32) < 0x20)
                    .unwrap_or('�'),
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("evil\u{1b}[2Jname"), "evil␛[2Jname");
        assert_eq!(sanitize("line\nbreak"), "line⏎break");
        assert_eq!(sanitize("bell\u{7}"), "bell␇");
        assert_eq!(sanitize("del\u{7f}"), "del�");
        assert_eq!(sanitize("c1\u{9b}"), "c1�");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("Acme BV"), Cow::Borrowed(_)));
    }
}
