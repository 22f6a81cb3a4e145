//! A contact's full note over the screen: when, what kind, with whom and how satisfied in
//! its title, the note wrapped with its own lines kept, and where it is when it is longer
//! than the box. Drawn from the `NoteView` alone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::super::keymap::{self, Mode};
use super::super::note::NoteView;
use super::{centered, wrap};
use crate::domain::text::sanitize;
use crate::human::local_time;

impl Widget for &NoteView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.look.theme;
        let c = &self.contact;
        let popup = centered(area, 76, area.height);
        Clear.render(popup, buf);
        let sat = c.satisfaction.map(|s| format!(" · ={s}")).unwrap_or_default();
        let title = format!(
            " {} with {} · {}{sat} ",
            c.kind.as_str(),
            sanitize(&self.customer),
            local_time(c.at, self.look.now)
        );
        let block = Block::bordered().title(Span::styled(title, theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let [text_area, keys_row] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        let width = usize::from(text_area.width.saturating_sub(2));
        let mut lines = wrap::wrap(&c.note, width);
        if lines.is_empty() {
            lines.push("(no note)".to_string());
        }
        let shown = usize::from(text_area.height);
        let most = lines.len().saturating_sub(shown);
        self.room.set((most, shown));
        let top = self.scroll.min(most);
        let body: Vec<Line<'_>> = lines
            .iter()
            .skip(top)
            .take(shown)
            .map(|l| Line::raw(format!(" {l}")))
            .collect();
        Paragraph::new(body).render(text_area, buf);

        let keys = keymap::footer(Mode::Note)
            .iter()
            .map(|f| format!("{} {}", f.keys, f.word))
            .collect::<Vec<_>>()
            .join(" · ");
        let place = if most > 0 {
            format!(
                "lines {}–{} of {} · ",
                top + 1,
                (top + shown).min(lines.len()),
                lines.len()
            )
        } else {
            String::new()
        };
        Line::styled(format!(" {place}{keys}"), theme.dim).render(keys_row, buf);
    }
}
