//! The status line (or the question before a delete, or after `y`/`O`), and the footer of the keys that matter in the current mode, straight
//! from the keymap table. Drawn from what they are given: no app, book or config.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::action::Action;
use super::super::app::Tone;
use super::super::keymap::{self, Mode};
use super::super::reach::Pick;
use super::super::records::Confirm;
use super::super::theme::Theme;
use crate::domain::text::sanitize;

/// What the last action said: done, a pointer, or a refusal, each with its own mark.
pub struct StatusLine<'a> {
    pub text: &'a str,
    pub tone: Tone,
    pub theme: &'a Theme,
}

impl Widget for &StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (mark, mark_style, style) = match self.tone {
            Tone::Done => ("✓ ", self.theme.ok, self.theme.ok),
            Tone::Info => ("‣ ", self.theme.key, ratatui::style::Style::default()),
            Tone::Refused => ("✗ ", self.theme.error, self.theme.error),
        };
        Line::from(vec![
            Span::styled(mark, mark_style),
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

/// "Copy Acme BV's e-mail … (e) or phone … (p)?", where the status line goes.
impl Widget for &Pick {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Line::from(vec![
            Span::styled("? ", self.theme.today),
            Span::styled(sanitize(&self.question()).into_owned(), self.theme.today),
        ])
        .render(area, buf);
    }
}

/// The keys that matter in a mode, but those that would do nothing on the selected row.
pub struct KeysFooter<'a> {
    pub mode: Mode,
    pub idle: &'a [Action],
    pub theme: &'a Theme,
}

impl Widget for &KeysFooter<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let spans = fitted(
            &keymap::footer_without(self.mode, self.idle),
            usize::from(area.width),
        )
        .into_iter()
        .flat_map(|f| {
            [
                Span::styled(format!(" {}", f.keys), self.theme.key),
                Span::styled(format!(" {} ", f.word), self.theme.dim),
            ]
        });
        spans.collect::<Line>().render(area, buf);
    }
}

/// The entries that fit in `width` columns, whole, in their order: where not all fit, the
/// last ones that do not are left out, but never the two that end the footer ("? keys",
/// "q quit"), so the rest is always one key away.
fn fitted(entries: &[keymap::Footer], width: usize) -> Vec<keymap::Footer> {
    let cost = |f: &keymap::Footer| Line::from(format!(" {} {} ", f.keys, f.word)).width();
    let kept = entries.len().saturating_sub(2);
    let mut room = width.saturating_sub(entries[kept..].iter().map(cost).sum());
    let mut shown = Vec::with_capacity(entries.len());
    for f in &entries[..kept] {
        if cost(f) > room {
            break;
        }
        room -= cost(f);
        shown.push(*f);
    }
    shown.extend_from_slice(&entries[kept..]);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(keys: &'static str, word: &'static str) -> keymap::Footer {
        keymap::Footer {
            keys,
            word,
            spare: false,
        }
    }

    /// Under `NO_COLOR` only the mark tells them apart, so each has its own.
    #[test]
    fn done_a_pointer_and_a_refusal_each_have_their_own_mark() {
        let theme = Theme::mono();
        let first = |tone| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
            (&StatusLine {
                text: "x",
                tone,
                theme: &theme,
            })
                .render(buf.area, &mut buf);
            buf[(0, 0)].symbol().to_string()
        };
        let marks = [first(Tone::Done), first(Tone::Info), first(Tone::Refused)];
        assert_eq!(marks, ["✓", "‣", "✗"]);
    }

    #[test]
    fn what_does_not_fit_is_left_out_whole_but_the_way_to_every_key_stays() {
        let all = [
            entry("l", "log"),
            entry("f", "follow-up"),
            entry("S", "search"),
            entry("?", "keys"),
            entry("q", "quit"),
        ];
        let words = |w| fitted(&all, w).iter().map(|f| f.word).collect::<Vec<_>>();
        assert_eq!(words(80), ["log", "follow-up", "search", "keys", "quit"]);
        // " l log  f follow-up " is 20 columns, " ? keys  q quit " 16.
        assert_eq!(words(36), ["log", "follow-up", "keys", "quit"]);
        assert_eq!(words(35), ["log", "keys", "quit"]);
        assert_eq!(words(3), ["keys", "quit"]);
    }
}
