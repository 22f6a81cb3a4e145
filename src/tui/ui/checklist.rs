//! The checklist after a log, over the screen: the customer's open follow-ups, each
//! checked or not, the selected one marked, then the keys. Drawn from the `Checklist`
//! alone.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::super::checklist::Checklist;
use super::super::keymap::{self, Mode};
use super::centered;
use crate::domain::text::sanitize;
use crate::human::{cell, short_day};

/// The most follow-ups shown at once; more scroll.
const MOST_ROWS: usize = 10;
const WIDTH: u16 = 66;

impl Widget for &Checklist {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.look.theme;
        let today = self.look.now.today();
        let fits = usize::from(area.height.saturating_sub(4)).max(1);
        let shown = self.rows.len().min(MOST_ROWS).min(fits);
        let popup = centered(area, WIDTH, shown as u16 + 4);
        Clear.render(popup, buf);
        let title = format!(" Close any of these? · {} ", sanitize(&self.name));
        let block = Block::bordered().title(Span::styled(
            cell(&title, usize::from(WIDTH) - 4).trim_end().to_string() + " ",
            theme.title,
        ));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let first = (self.selected + 1).saturating_sub(shown);
        let text_width = usize::from(inner.width).saturating_sub(19);
        for (row, (i, (f, checked))) in self.rows.iter().enumerate().skip(first).take(shown).enumerate() {
            let line_area = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            let mark = if *checked { "[x]" } else { "[ ]" };
            // Marked in words too, for NO_COLOR.
            let pointer = if i == self.selected { "▸" } else { " " };
            let due_style = match f.due.cmp(&today) {
                std::cmp::Ordering::Less => theme.overdue,
                std::cmp::Ordering::Equal => theme.today,
                std::cmp::Ordering::Greater => theme.dim,
            };
            let mut line = Line::from(vec![
                Span::raw(format!("{pointer}{mark} ")),
                Span::styled(format!("{:<11} ", short_day(f.due, today)), due_style),
                Span::raw(format!(" {}", cell(&f.text, text_width))),
            ]);
            if i == self.selected {
                line = line.style(theme.selected);
            }
            line.render(line_area, buf);
        }
        let keys = keymap::footer(Mode::Checklist)
            .iter()
            .map(|f| format!("{} {}", f.keys, f.word))
            .collect::<Vec<_>>()
            .join(" · ");
        let hint_area = Rect::new(inner.x, inner.y + shown as u16 + 1, inner.width, 1);
        Line::styled(format!(" {keys}"), theme.dim).render(hint_area, buf);
    }
}
