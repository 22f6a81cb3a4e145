//! The agenda: overdue follow-ups (loud), today's, then nudges by score, each with its reason.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

use super::super::app::App;
use crate::domain::nudge::NudgeKind;
use crate::domain::text::sanitize;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let view = &app.agenda;
    let nudges = &view.due.nudges;
    let overdue = nudges
        .iter()
        .filter(|n| n.kind == NudgeKind::FollowUpOverdue)
        .count();
    let today = nudges
        .iter()
        .filter(|n| n.kind == NudgeKind::FollowUpToday)
        .count();
    let title = format!(
        " Agenda · {overdue} overdue · {today} today · {} nudges ",
        nudges.len() - overdue - today
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title));

    if !view.has_customers {
        let text = Text::from(vec![
            Line::from(""),
            Line::styled("  Your book is empty.", theme.title),
            Line::from(""),
            Line::from("  Press a to add your first customer, or from a shell:"),
            Line::from("    touchbase add \"Acme BV\" --cadence 2w"),
            Line::from(""),
            Line::from("  Just looking? Run touchbase --demo for a full demo book."),
        ]);
        frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), area);
        return;
    }
    if nudges.is_empty() {
        let text = Text::from(vec![
            Line::from(""),
            Line::styled(
                "  Nothing is due. Every customer is within their cadence.",
                theme.ok,
            ),
        ]);
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }

    let rows = nudges.iter().map(|n| {
        let (label, style) = match n.kind {
            NudgeKind::FollowUpOverdue => ("OVERDUE", theme.overdue),
            NudgeKind::FollowUpToday => ("TODAY", theme.today),
            NudgeKind::CadenceExceeded => ("nudge", theme.dim),
        };
        Row::new(vec![
            Span::styled(label, style),
            Span::raw(sanitize(&n.customer).into_owned()),
            Span::raw(sanitize(&n.reason).into_owned()),
        ])
    });
    let mut footer_rows = Vec::new();
    if view.due.more > 0 {
        footer_rows.push(Row::new(vec![
            Span::raw(""),
            Span::styled(format!("+ {} more", view.due.more), theme.dim),
            Span::styled("touchbase due --all lists every one", theme.dim),
        ]));
    }
    let table = Table::new(
        rows.chain(footer_rows),
        [Constraint::Length(7), Constraint::Length(20), Constraint::Fill(1)],
    )
    .block(block)
    .column_spacing(1)
    .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(table, area, &mut state);
}
