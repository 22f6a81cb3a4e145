//! The search over the screen: the words typed, then the hits, best first — the day, the
//! customer, what was found and the snippet with the found words bold and underlined (and
//! yellow, with colours: visible under `NO_COLOR` too), the selected hit highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::app::search::day;
use crate::human::{cell, short_day};
use crate::tui::search::SearchView;

impl Widget for &SearchView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.look.theme;
        let found_style = theme
            .today
            .patch(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Search every note ", theme.title))
            .border_style(theme.dim);
        let inner = block.inner(area);
        block.render(area, buf);
        let [input_row, said_row, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let [label, input] = Layout::horizontal([Constraint::Length(7), Constraint::Min(1)]).areas(input_row);
        Paragraph::new(Span::styled("words:", theme.header)).render(label, buf);
        self.input.render(input, buf);

        let hits = match &self.hits {
            Err(why) => {
                Paragraph::new(Span::styled(why.as_str(), theme.error)).render(said_row, buf);
                return;
            }
            Ok(hits) => hits,
        };
        let said = match hits.len() {
            _ if self.typed.trim().is_empty() => {
                "every word must appear in a note; the last may be the start of one".to_string()
            }
            0 => "no notes match — archived customers are left out".to_string(),
            1 => "1 note".to_string(),
            n if n == crate::tui::search::SHOWN => format!("the best {n} notes (more match: add a word)"),
            n => format!("{n} notes, best first"),
        };
        Paragraph::new(Span::styled(said, theme.dim)).render(said_row, buf);

        let rows = usize::from(list.height);
        let first = self.selected.saturating_sub(rows.saturating_sub(1));
        let today = self.look.now.today();
        let lines: Vec<Line<'_>> = hits
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(i, hit)| {
                let when = hit
                    .when
                    .map_or_else(|| "?".to_string(), |w| short_day(day(w, self.look.now), today));
                let mut spans = vec![
                    Span::styled(cell(&when, 11), theme.dim),
                    Span::raw(" "),
                    Span::styled(cell(&hit.customer, 20), theme.base),
                    Span::raw(" "),
                    Span::styled(cell(hit.found.label(), 9), theme.dim),
                    Span::raw(" "),
                ];
                for (piece, found) in hit.snippet.pieces() {
                    let safe = crate::domain::text::sanitize(piece).into_owned();
                    spans.push(Span::styled(safe, if found { found_style } else { theme.base }));
                }
                let line = Line::from(spans);
                if i == self.selected {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
    }
}
