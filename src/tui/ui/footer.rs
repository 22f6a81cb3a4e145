//! The status line (or the question before a delete), and the footer of the keys that matter in the current mode, straight
//! from the keymap table. Drawn from what they are given: no app, book or config.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::keymap::{self, Mode};
use super::super::records::Confirm;
use super::super::theme::Theme;
use crate::domain::text::sanitize;

/// What the last action said, good news or an error.
pub struct StatusLine<'a> {
    pub text: &'a str,
    pub error: bool,
    pub theme: &'a Theme,
}

impl Widget for &StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let style = if self.error {
            self.theme.error
        } else {
            self.theme.ok
        };
        let mark = if self.error { "✗ " } else { "✓ " };
        Line::from(vec![
            Span::styled(mark, style),
            Span::styled(sanitize(self.text).into_owned(), style),
        ])
        .render(area, buf);
    }
}

/// "Delete the call of Mon 16 Nov? y/n", where the status line goes; the footer below
/// says which key does what.
impl Widget for &Confirm {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Line::from(vec![
            Span::styled("? ", self.theme.today),
            Span::styled(sanitize(&self.question()).into_owned(), self.theme.today),
        ])
        .render(area, buf);
    }
}

/// The keys that matter in a mode.
pub struct KeysFooter<'a> {
    pub mode: Mode,
    pub theme: &'a Theme,
}

impl Widget for &KeysFooter<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        for f in keymap::footer(self.mode) {
            spans.push(Span::styled(format!(" {}", f.keys), self.theme.key));
            spans.push(Span::styled(format!(" {} ", f.word), self.theme.dim));
        }
        Line::from(spans).render(area, buf);
    }
}
