//! The help overlay: every binding with its description, straight from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::super::action::Action;
use super::super::keymap::{BINDINGS, Binding, Scope};
use super::{Theme, centered};

pub fn draw(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let popup = centered(area, 96, 24);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(Span::styled(" Keys · Esc closes ", theme.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);

    let mut actions = section(
        "Everywhere",
        |b| b.scope == Scope::Everywhere && !moves(b.action),
        theme,
    );
    for scope in [Scope::Agenda, Scope::Customers, Scope::Customer] {
        actions.extend(section(scope.title(), |b| b.scope == scope && !repeats(b), theme));
    }
    let mut moving = section("Week", |b| b.scope == Scope::Week && !repeats(b), theme);
    moving.extend(section(
        "Moving around",
        |b| b.scope == Scope::Everywhere && moves(b.action),
        theme,
    ));
    frame.render_widget(Paragraph::new(actions), left);
    frame.render_widget(Paragraph::new(moving), right);
}

fn section(title: &str, keep: impl Fn(&Binding) -> bool, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(title.to_string(), theme.header)];
    for b in BINDINGS.iter().filter(|b| keep(b)) {
        out.push(Line::from(vec![
            Span::styled(format!(" {:<6}", b.label), theme.key),
            Span::raw(b.help),
        ]));
    }
    out
}

/// Keys that move around rather than change anything.
fn moves(action: Action) -> bool {
    matches!(
        action,
        Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp
            | Action::Show(_)
            | Action::NextScreen
            | Action::PreviousWeek
            | Action::NextWeek
            | Action::Back
            | Action::ToggleHelp
            | Action::Quit
    )
}

/// A screen binding that only puts an everywhere-binding in that screen's footer.
fn repeats(b: &Binding) -> bool {
    BINDINGS
        .iter()
        .any(|e| e.scope == Scope::Everywhere && e.action == b.action && e.keys == b.keys)
}
