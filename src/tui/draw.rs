//! One frame, made of the views: the tabs, the screen shown, the prompt or the status line,
//! the footer, and the help or a form over it all. It only borrows the app and picks what
//! is shown where; each part draws itself (ui/).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use super::action::Screen;
use super::app::{App, BookKind, Overlay};
use super::ui;

pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let theme = &app.theme;
    let bottom_rows = match &app.overlay {
        Some(Overlay::Prompt(prompt)) => ui::prompt_height(prompt, frame.area().width),
        _ => 1,
    };
    let [tabs, body, bottom, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(bottom_rows),
        Constraint::Length(1),
    ])
    .areas(frame.area());

    let tab_line = ui::Tabs {
        current: app.screen,
        look: app.look(),
        demo: app.book == BookKind::Demo,
    };
    frame.render_widget(&tab_line, tabs);
    match app.screen {
        Screen::Agenda => frame.render_widget(&app.agenda, body),
        Screen::Customers => {
            if let Some(view) = &app.customers {
                frame.render_widget(view, body);
            }
        }
        Screen::Customer => match &app.customer {
            Some(customer) => frame.render_widget(customer, body),
            None => frame.render_widget(ui::none_open(theme), body),
        },
        Screen::Week => {
            if let Some(view) = &app.week {
                frame.render_widget(view, body);
            }
        }
    }
    match (&app.overlay, &app.status) {
        (Some(Overlay::Prompt(prompt)), _) => frame.render_widget(&**prompt, bottom),
        (Some(Overlay::Confirm(confirm)), _) => frame.render_widget(&**confirm, bottom),
        (Some(Overlay::Pick(pick)), _) => frame.render_widget(&**pick, bottom),
        (_, Some(status)) => {
            let line = ui::StatusLine {
                text: &status.text,
                tone: status.tone,
                theme,
            };
            frame.render_widget(&line, bottom);
        }
        (_, None) if app.book == BookKind::Demo => {
            let note = ratatui::text::Line::styled(format!(" {}", ui::DEMO_NOTE), theme.today);
            frame.render_widget(note, bottom);
        }
        (_, None) => {}
    }
    let idle = app.idle_keys();
    let keys = ui::KeysFooter {
        mode: app.mode(),
        idle: &idle,
        theme,
    };
    frame.render_widget(&keys, footer);
    match &app.overlay {
        Some(Overlay::Help(help)) => frame.render_widget(&**help, frame.area()),
        Some(Overlay::Form(form)) => frame.render_widget(&**form, frame.area()),
        Some(Overlay::Search(search)) => frame.render_widget(&**search, body),
        Some(Overlay::Note(note)) => frame.render_widget(&**note, body),
        Some(Overlay::Checklist(list)) => frame.render_widget(&**list, body),
        _ => {}
    }
}
