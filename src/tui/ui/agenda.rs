//! The agenda: overdue follow-ups (loud), today's, then nudges by score, each with its
//! reason. Drawn from the `AgendaView` alone: it cannot reach the book or the config.

use std::fmt::Write as _;

use super::wrap;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::super::agenda::{AgendaView, Item};
use super::super::theme::Theme;
use crate::app::status::stopped_warning;
use crate::domain::nudge::NudgeKind;
use crate::domain::text::sanitize;
use crate::human::day;

impl Widget for &AgendaView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let view = self;
        let theme = &view.look.theme;
        let nudges = &view.due.nudges;
        let follow_ups = nudges
            .iter()
            .filter(|n| matches!(n.kind, NudgeKind::FollowUpOverdue | NudgeKind::FollowUpToday))
            .count();
        // Follow-ups counted in all, even those beyond the list: they are promises.
        let title = format!(
            " Agenda · {} overdue · {} today · {} nudges ",
            view.due.overdue,
            view.due.today,
            nudges.len() - follow_ups
        );
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(title, theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let area = match view.reminders_stopped {
            Some(since) => {
                let [warning, rest] =
                    Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
                stopped(since, view.look.now.today(), theme, warning.width).render(warning, buf);
                rest
            }
            None => inner,
        };

        if !view.has_customers {
            let text = Text::from(vec![
                Line::from(""),
                Line::styled("  Your book is empty.", theme.title),
                Line::from(""),
                Line::from("  Press a to add your first customer, or from a shell:"),
                Line::from("    touchbase add \"Acme BV\" --cadence 2w"),
                Line::from("    touchbase import contacts.csv   (a spreadsheet, or .vcf from a phone)"),
                Line::from(""),
                Line::from("  Just looking? Run touchbase --demo for a full demo book."),
            ]);
            Paragraph::new(text).wrap(Wrap { trim: false }).render(area, buf);
            return;
        }
        if view.is_empty() {
            let text = Text::from(vec![
                Line::from(""),
                Line::styled(
                    "  Nothing is due. Every customer is within their cadence.",
                    theme.ok,
                ),
            ]);
            Paragraph::new(text).render(area, buf);
            return;
        }

        let today = view.look.now.today();
        // The columns' widths (7, 20, the rest, one cell apart): a longer cell ends in "…".
        let reason_width = usize::from(area.width).saturating_sub(7 + 20 + 2);
        let name = |s: &str| wrap::fit(Line::raw(sanitize(s).into_owned()), 20);
        let rows = nudges.iter().map(|n| {
            let (label, style) = label(n.kind, theme);
            Row::new(vec![
                Line::from(Span::styled(label, style)),
                name(&n.customer),
                wrap::fit(Line::raw(sanitize(&n.reason).into_owned()), reason_width),
            ])
        });
        // This week's decision moments, after what is due.
        let moments = view.moments.iter().map(|(m, c)| {
            Row::new(vec![
                Line::from(Span::styled("moment", theme.header)),
                name(&c.name),
                wrap::fit(
                    Line::raw(format!("{} · {}", day(m.expected, today), sanitize(&m.title))),
                    reason_width,
                ),
            ])
        });
        let mut footer_rows = Vec::new();
        if view.due.more > 0 {
            footer_rows.push(Row::new(vec![
                Span::raw(""),
                Span::styled(format!("+ {} more", view.due.more), theme.dim),
                Span::styled("2 then o: every customer by urgency", theme.dim),
            ]));
        }
        let table = Table::new(
            rows.chain(moments).chain(footer_rows),
            [Constraint::Length(7), Constraint::Length(20), Constraint::Fill(1)],
        )
        .column_spacing(1)
        .row_highlight_style(theme.selected);
        let [list_area, detail_area] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(area);
        let mut state = TableState::default().with_selected(Some(view.selected));
        StatefulWidget::render(table, list_area, buf, &mut state);
        if let Some(item) = view.selected() {
            detail(&item, today, theme).render(detail_area, buf);
        }
    }
}

/// A digest that stopped going out, said under the header as a refusal is: its mark and
/// words, not its colour alone, so it reads under `NO_COLOR` too.
fn stopped(since: NaiveDate, today: NaiveDate, theme: &Theme, width: u16) -> Line<'static> {
    let text = stopped_warning(since, today);
    wrap::fit(
        Line::from(vec![
            Span::styled("✗ ", theme.error),
            Span::styled(format!("{text} — see touchbase remind --setup"), theme.error),
        ]),
        usize::from(width),
    )
}

/// How each kind of nudge is labelled in the agenda.
fn label(kind: NudgeKind, theme: &Theme) -> (&'static str, Style) {
    match kind {
        NudgeKind::FollowUpOverdue => ("OVERDUE", theme.overdue),
        NudgeKind::FollowUpToday => ("TODAY", theme.today),
        NudgeKind::MomentAhead => ("PREPARE", theme.today),
        NudgeKind::MomentPassed => ("CLOSE", theme.due_soon),
        NudgeKind::ComplaintOpen => ("COMPLNT", theme.overdue),
        NudgeKind::SituationUnanswered => ("CHANGE", theme.due_soon),
        NudgeKind::InfluenceUnanswered => ("RIVAL", theme.overdue),
        NudgeKind::TakingTooMuch => ("BALANCE", theme.due_soon),
        NudgeKind::LoyaltyUnrewarded => ("REWARD", theme.ok),
        NudgeKind::SatisfactionDrop => ("SATISF", theme.due_soon),
        NudgeKind::SingleThreaded => ("SINGLE", theme.due_soon),
        NudgeKind::CadenceExceeded => ("cadence", theme.dim),
    }
}

/// The selected item in full, with how to reach the customer: the table cuts long reasons.
fn detail(item: &Item<'_>, today: NaiveDate, theme: &Theme) -> Paragraph<'static> {
    let (name, phone, email, what) = match item {
        Item::Nudge(n) => (&n.customer, &n.phone, &n.email, sanitize(&n.reason).into_owned()),
        Item::Moment(m, c) => {
            let mut what = format!("{}: {}", day(m.expected, today), sanitize(&m.title));
            if !m.concerns.is_empty() {
                let _ = write!(what, " · concerns: {}", sanitize(&m.concerns));
            }
            (&c.name, &c.phone, &c.email, what)
        }
    };
    let reach: Vec<String> = [phone, email]
        .into_iter()
        .filter(|v| !v.is_empty())
        .map(|v| sanitize(v).into_owned())
        .collect();
    let mut who = vec![Span::styled(sanitize(name).into_owned(), theme.title)];
    if !reach.is_empty() {
        who.push(Span::styled(format!(" · {}", reach.join(" · ")), theme.dim));
    }
    let text = vec![Line::from(who), Line::from(what)];
    let block = Block::new().borders(Borders::TOP).border_style(theme.dim);
    Paragraph::new(text).block(block).wrap(Wrap { trim: true })
}
