//! Text laid out in lines a few cells wide, for notes that keep their own lines: the
//! customer's notes on the card, a contact's full note. Words wrap at spaces, a word wider
//! than the line is broken, and the text is made safe for the terminal line by line (its
//! newlines are lines, not placeholders). Counts terminal cells, never bytes.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar as _;

use crate::domain::text::sanitize;

/// `text` in lines at most `width` cells wide; its own line breaks are kept. An empty
/// text is no line at all.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    if text.trim().is_empty() {
        return lines;
    }
    for raw in text.trim_end().lines() {
        let safe = sanitize(raw.trim_end());
        wrap_line(&safe, width, &mut lines);
    }
    lines
}

/// At most `max` of `lines`; when some are left out, the last one kept ends in "…"
/// within `width` cells (after a space, where it fits).
pub fn cut(mut lines: Vec<String>, max: usize, width: usize) -> Vec<String> {
    if lines.len() <= max {
        return lines;
    }
    lines.truncate(max);
    if let Some(last) = lines.last_mut() {
        if cells(last.trim_end()) + 2 <= width {
            let kept = last.trim_end().to_string();
            *last = if kept.is_empty() {
                "…".to_string()
            } else {
                format!("{kept} …")
            };
            return lines;
        }
        let room = width.saturating_sub(1);
        let mut kept = String::new();
        let mut used = 0;
        for c in last.trim_end().chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            kept.push(c);
        }
        kept.push('…');
        *last = kept;
    }
    lines
}

fn cells(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// One line of the text, wrapped at spaces into `out`.
fn wrap_line(line: &str, width: usize, out: &mut Vec<String>) {
    let mut current = String::new();
    let mut used = 0;
    for word in line.split(' ') {
        let w = cells(word);
        let gap = usize::from(!current.is_empty());
        if used + gap + w <= width {
            if gap == 1 {
                current.push(' ');
            }
            current.push_str(word);
            used += gap + w;
            continue;
        }
        if !current.is_empty() {
            out.push(std::mem::take(&mut current));
            used = 0;
        }
        // A word wider than a line is broken where the line ends.
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && !current.is_empty() {
                out.push(std::mem::take(&mut current));
                used = 0;
            }
            current.push(c);
            used += cw;
        }
    }
    out.push(current);
}

/// `line` as it fits in `width` cells: whole when it fits, else cut with "…" as its last
/// cell, each span keeping its style.
pub fn fit(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        if used >= room {
            break;
        }
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            kept.push(c);
        }
        let style = span.style;
        let cut = kept.len() < span.content.len();
        spans.push(Span::styled(kept, style));
        if cut {
            break;
        }
    }
    let last = spans.last().map(|s| s.style).unwrap_or_default();
    spans.push(Span::styled("…", last));
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_and_lines_are_kept() {
        assert_eq!(
            wrap("Prefers calls before 10:00.\nAsk for Jörg", 12),
            ["Prefers", "calls before", "10:00.", "Ask for Jörg"]
        );
        assert_eq!(wrap("one\n\ntwo\n", 10), ["one", "", "two"]);
        assert!(wrap("  \n ", 10).is_empty());
    }

    #[test]
    fn a_long_word_is_broken_by_cells_not_bytes() {
        assert_eq!(wrap("ääääää", 4), ["ääää", "ää"]);
        assert_eq!(wrap("日本語の", 4), ["日本", "語の"]);
        assert_eq!(wrap("a\u{1b}b", 10), ["a␛b"], "made safe for the terminal");
    }

    #[test]
    fn cutting_marks_what_is_left_out() {
        let lines = wrap("one two three four five", 9);
        assert_eq!(lines, ["one two", "three", "four five"]);
        assert_eq!(cut(lines.clone(), 2, 9), ["one two", "three …"]);
        assert_eq!(cut(lines.clone(), 1, 8), ["one two…"]);
        assert_eq!(cut(lines.clone(), 3, 9), lines);
        assert_eq!(cut(vec!["123456789".into(), "x".into()], 1, 9), ["12345678…"]);
    }

    #[test]
    fn a_line_too_long_is_cut_with_an_ellipsis_in_its_last_cell() {
        let line = Line::from(vec![Span::raw("Mon 16 Nov "), Span::raw("discussed the renewal")]);
        let fitted = fit(line.clone(), 20);
        assert_eq!(fitted.width(), 20);
        assert_eq!(fitted.to_string(), "Mon 16 Nov discusse…");
        assert_eq!(
            fit(line.clone(), 40).to_string(),
            line.to_string(),
            "whole when it fits"
        );
        let wide = fit(Line::from("山田太郎さん"), 7);
        assert!(wide.width() <= 7 && wide.to_string().ends_with('…'), "{wide}");
    }
}
