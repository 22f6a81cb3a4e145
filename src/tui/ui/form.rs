//! A small form over the screen (a customer, a decision moment): its fields, the focused
//! one marked, then the error or the keys. Drawn from the `Form` alone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::super::form::{Form, LINES_SHOWN};
use super::super::keymap::{self, Mode};
use super::centered;
use crate::domain::text::sanitize;

impl Widget for &Form {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (form, theme) = (self, &self.theme);
        let n = form.fields.len();
        let height = |i: usize| if form.lines == Some(i) { LINES_SHOWN } else { 1 };
        let rows: u16 = (0..n).map(height).sum();
        let popup = centered(area, 72, rows + 5);
        Clear.render(popup, buf);
        let block = Block::bordered().title(Span::styled(
            format!(" {} ", sanitize(&form.title())),
            theme.title,
        ));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let rows = Layout::vertical(
            (0..n)
                .map(|i| Constraint::Length(height(i)))
                .chain(std::iter::repeat_n(Constraint::Length(1), 3)),
        )
        .split(inner);
        for (i, name) in form.labels.iter().enumerate() {
            let [label, input] =
                Layout::horizontal([Constraint::Length(11), Constraint::Min(1)]).areas(rows[i]);
            let style = if i == form.focus { theme.key } else { theme.dim };
            Span::styled(format!(" {name:<9}"), style).render(label, buf);
            form.fields[i].render(input, buf);
        }
        let message = match &form.error {
            Some(e) => Line::styled(format!(" {}", sanitize(e)), theme.error),
            None => Line::styled(format!(" {}", keys(form)), theme.dim),
        };
        message.render(rows[n + 1], buf);
    }
}

/// The form's keys from the keymap, as the footer shows them: "Tab next field · Enter
/// save", and in the notes "Enter new line · Ctrl-S save".
fn keys(form: &Form) -> String {
    let mode = if form.on_lines() { Mode::Lines } else { Mode::Form };
    keymap::footer(mode)
        .iter()
        .map(|f| format!("{} {}", f.keys, f.word))
        .collect::<Vec<_>>()
        .join(" · ")
}
