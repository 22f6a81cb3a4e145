//! The Week screen: the weekly to-do list grouped by day, overdue first, as exported.
//! Drawn from the `WeekView` alone: it cannot reach the book or the config.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use super::super::week::WeekView;
use crate::domain::text::sanitize;
use crate::domain::week::{Heading, Priority};
use crate::human::items;

impl Widget for &WeekView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let view = self;
        let theme = &view.look.theme;
        let plan = &view.plan;
        let today = view.look.now.today();
        let mut title = format!(
            " Week {} · {} – {} · {} · [ ] other weeks ",
            plan.week,
            plan.start.format("%a %-d %b"),
            plan.end.format("%a %-d %b"),
            items(plan.items.len())
        );
        if plan.left_out.total() > 0 {
            let _ = write!(title, "(+{} not listed) ", plan.left_out.total());
        }
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(title, theme.title));
        if plan.is_empty() {
            let text = vec![
                Line::from(""),
                Line::styled(
                    "  Nothing planned this week. [ and ] move between weeks.",
                    theme.dim,
                ),
            ];
            Paragraph::new(text).block(block).render(area, buf);
            return;
        }

        // Headings are rows too, so the table's selection is the item's row.
        let mut rows = Vec::new();
        let mut selected_row = 0;
        let mut index = 0;
        for group in plan.groups() {
            let heading = match group.heading {
                Heading::Overdue => Span::styled("Overdue", theme.overdue),
                Heading::Day(d) if d == today => {
                    Span::styled(format!("Today · {}", d.format("%a %-d %b")), theme.today)
                }
                Heading::Day(d) => Span::styled(d.format("%A %-d %B").to_string(), theme.header),
            };
            rows.push(Row::new(vec![Line::from(""), Line::from(heading)]));
            for item in group.items {
                if index == view.selected {
                    selected_row = rows.len();
                }
                index += 1;
                let priority = match item.priority {
                    Priority::A => Span::styled("A", theme.overdue),
                    Priority::B => Span::styled("B", theme.today),
                    Priority::C => Span::styled("C", theme.dim),
                };
                let mut what = sanitize(&item.action).into_owned();
                if !item.reason.is_empty() {
                    let _ = write!(what, " — {}", sanitize(&item.reason));
                }
                rows.push(Row::new(vec![
                    Line::from(vec![Span::raw("  "), priority]),
                    Line::from(sanitize(&item.customer).into_owned()),
                    Line::from(what),
                ]));
            }
        }
        let table = Table::new(
            rows,
            [Constraint::Length(3), Constraint::Length(20), Constraint::Fill(1)],
        )
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected);
        let mut state = TableState::default().with_selected(Some(selected_row));
        StatefulWidget::render(table, area, buf, &mut state);
    }
}
