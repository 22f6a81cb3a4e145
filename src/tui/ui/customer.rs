//! The customer card: who they are, how fresh the relationship is, what we promised, and
//! what happened.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

use super::super::app::App;
use crate::domain::customer::Freshness;
use crate::domain::text::sanitize;
use crate::human::{ago, day, local_time};

/// Rows the follow-up list takes at most.
const FOLLOW_UP_ROWS: u16 = 6;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let Some(card) = &app.card else {
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(" Customer ", theme.title));
        let hint = Paragraph::new(vec![
            Line::from(""),
            Line::from("  No customer open: pick one on the Agenda (1) or in Customers (2) and press Enter."),
        ])
        .block(block);
        frame.render_widget(hint, area);
        return;
    };
    let c = &card.customer;
    let now = app.now.utc;
    let today = app.now.today();

    let follow_up_rows = (card.follow_ups.len().max(1) as u16 + 1).min(FOLLOW_UP_ROWS);
    let [head, follow_ups_area, timeline_area] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(follow_up_rows),
        Constraint::Min(2),
    ])
    .areas(area);

    let title = if c.company.is_empty() {
        format!(" {} ", sanitize(&c.name))
    } else {
        format!(" {} — {} ", sanitize(&c.name), sanitize(&c.company))
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title));
    let contact: Vec<String> = [&c.email, &c.phone]
        .into_iter()
        .filter(|v| !v.is_empty())
        .map(|v| sanitize(v).into_owned())
        .collect();
    let fresh = Freshness::of(c.staleness(now));
    let last = c.last_contact_at.map_or_else(
        || "no contact yet".to_string(),
        |at| format!("last contact {}", ago(at, now)),
    );
    let lines = vec![
        Line::from(if contact.is_empty() {
            "no email or phone yet (e to edit)".to_string()
        } else {
            contact.join(" · ")
        }),
        Line::from(vec![
            Span::raw(format!("in touch every {} · ", c.cadence)),
            Span::styled(last, theme.freshness(fresh)),
            Span::styled(format!("  {}", sanitize(&c.tags.to_string())), theme.dim),
        ]),
        Line::styled(sanitize(&c.notes).into_owned(), theme.dim),
    ];
    frame.render_widget(Paragraph::new(lines).block(block), head);

    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(" Open follow-ups ", theme.header));
    if card.follow_ups.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(" none · f adds one", theme.dim)).block(block),
            follow_ups_area,
        );
    } else {
        let items = card.follow_ups.iter().map(|f| {
            let style = match f.due.cmp(&today) {
                std::cmp::Ordering::Less => theme.overdue,
                std::cmp::Ordering::Equal => theme.today,
                std::cmp::Ordering::Greater => theme.base,
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {:<11}", day(f.due, today)), style),
                Span::raw(sanitize(&f.text).into_owned()),
            ]))
        });
        let follow_up_list = List::new(items).block(block).highlight_style(theme.selected);
        let mut state = ListState::default().with_selected(Some(card.selected));
        frame.render_stateful_widget(follow_up_list, follow_ups_area, &mut state);
    }

    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(" Timeline ", theme.header));
    if card.timeline.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(" nothing logged yet · l logs a contact", theme.dim)).block(block),
            timeline_area,
        );
        return;
    }
    let items = card.timeline.iter().map(|i| {
        let sat = i.satisfaction.map(|s| format!(" ={s}")).unwrap_or_default();
        ListItem::new(Line::from(vec![
            Span::styled(format!(" {:<17}", local_time(i.at, today)), theme.dim),
            Span::styled(format!("{:<10}", i.kind.as_str()), theme.key),
            Span::raw(sanitize(&i.note).into_owned()),
            Span::styled(sat, theme.ok),
        ]))
    });
    frame.render_widget(List::new(items).block(block), timeline_area);
}
