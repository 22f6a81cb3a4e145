//! The status line and the footer of keys that matter on this screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::action::Screen;
use super::super::app::{App, Overlay};
use super::super::keymap;
use super::super::prompt::PromptKind;
use crate::domain::text::sanitize;

pub fn draw_status(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let Some(status) = &app.status else {
        return;
    };
    let style = if status.error {
        app.theme.error
    } else {
        app.theme.ok
    };
    let mark = if status.error { "✗ " } else { "✓ " };
    frame.render_widget(
        Line::from(vec![
            Span::styled(mark, style),
            Span::styled(sanitize(&status.text).into_owned(), style),
        ]),
        area,
    );
}

pub fn draw_keys(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let typing = app.screen == Screen::Customers && app.customers.as_ref().is_some_and(|c| c.typing);
    let pairs: Vec<(&str, &str)> = match &app.overlay {
        Some(Overlay::Prompt(p)) if matches!(p.kind, PromptKind::Snooze { .. }) => {
            vec![
                ("Enter", "save"),
                ("Esc", "cancel"),
                ("Tab", "tomorrow / +3d / +1w"),
            ]
        }
        Some(Overlay::Prompt(_)) => vec![("Enter", "save"), ("Esc", "cancel")],
        Some(Overlay::Form(_)) => vec![("Tab", "next field"), ("Enter", "save"), ("Esc", "cancel")],
        Some(Overlay::Help) => vec![("Esc", "close")],
        None if typing => vec![
            ("type", "filter"),
            ("#tag", "by tag"),
            ("↑↓", "move"),
            ("Enter", "keep"),
            ("Esc", "clear"),
        ],
        None => keymap::footer(app.screen)
            .iter()
            .filter_map(|b| Some((b.label, b.footer?)))
            .collect(),
    };
    let mut spans = Vec::new();
    for (key, what) in pairs {
        spans.push(Span::styled(format!(" {key}"), app.theme.key));
        spans.push(Span::styled(format!(" {what} "), app.theme.dim));
    }
    frame.render_widget(Line::from(spans), area);
}
