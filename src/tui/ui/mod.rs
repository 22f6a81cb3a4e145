//! Drawing: one file per screen, each a function of a borrowed `App` — rendering never
//! clones or changes state.

mod agenda;
mod customer;
mod customers;
mod footer;
mod help;
mod overlay;
mod relationship;
mod week;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::action::Screen;
use super::app::{App, Overlay};
use super::theme::Theme;

/// Rows above and below the customers table: tabs, block title, filter line, table
/// header, status and footer.
const CHROME_ROWS: u16 = 6;

/// How many customer rows fit in a terminal `height` rows high.
pub fn list_height(height: u16) -> usize {
    usize::from(height.saturating_sub(CHROME_ROWS).max(1))
}

pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let theme = &app.theme;
    let bottom_rows = match &app.overlay {
        Some(Overlay::Prompt(prompt)) => overlay::prompt_height(prompt, frame.area().width),
        _ => 1,
    };
    let [tabs, body, bottom, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(bottom_rows),
        Constraint::Length(1),
    ])
    .areas(frame.area());

    draw_tabs(frame, tabs, app);
    match app.screen {
        Screen::Agenda => frame.render_widget(&app.agenda, body),
        Screen::Customers => {
            if let Some(view) = &app.customers {
                frame.render_widget(view, body);
            }
        }
        Screen::Customer => match &app.card {
            Some(card) => frame.render_widget(card, body),
            None => frame.render_widget(customer::none_open(theme), body),
        },
        Screen::Week => {
            if let Some(view) = &app.week {
                frame.render_widget(view, body);
            }
        }
    }
    match &app.overlay {
        Some(Overlay::Prompt(prompt)) => overlay::draw_prompt(frame, bottom, prompt, theme),
        _ => {
            if let Some(status) = &app.status {
                let line = footer::StatusLine {
                    text: &status.text,
                    error: status.error,
                    theme,
                };
                frame.render_widget(&line, bottom);
            }
        }
    }
    let keys = footer::KeysFooter {
        mode: app.mode(),
        theme,
    };
    frame.render_widget(&keys, footer_area);
    match &app.overlay {
        Some(Overlay::Help(view)) => frame.render_widget(&**view, frame.area()),
        Some(Overlay::Form(form)) => overlay::draw_form(frame, frame.area(), form, theme),
        _ => {}
    }
}

fn draw_tabs(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let mut spans = vec![Span::styled(" touchbase ", theme.title)];
    for (i, screen) in Screen::TABS.iter().enumerate() {
        let style = if *screen == app.screen {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} {} ", i + 1, screen.title()), style));
    }
    let date = app.now.local().format("%a %-d %b %Y ").to_string();
    let used: usize = spans.iter().map(Span::width).sum();
    let pad = usize::from(area.width).saturating_sub(used + date.len());
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(date, theme.dim));
    frame.render_widget(Line::from(spans), area);
}

/// A rectangle of at most `width` × `height` centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
