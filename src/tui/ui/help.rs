//! The help overlay: every binding with its description, straight from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::super::keymap::{BINDINGS, Scope};
use super::{Theme, centered};

pub fn draw(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let popup = centered(area, 96, 24);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(Span::styled(" Keys · Esc closes ", theme.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(lines(&[Scope::Everywhere], theme)), left);
    frame.render_widget(
        Paragraph::new(lines(&[Scope::Agenda, Scope::Customers, Scope::Customer], theme)),
        right,
    );
}

fn lines(scopes: &[Scope], theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for scope in scopes {
        out.push(Line::styled(scope.title(), theme.header));
        for b in BINDINGS.iter().filter(|b| b.scope == *scope) {
            out.push(Line::from(vec![
                Span::styled(format!(" {:<6}", b.label), theme.key),
                Span::raw(b.help),
            ]));
        }
    }
    out
}
