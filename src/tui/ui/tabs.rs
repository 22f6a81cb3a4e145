//! The top line: the app's name, the screens as tabs with the current one marked, and
//! today's date. Drawn from what it is given.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::action::Screen;
use super::super::theme::Look;

pub struct Tabs {
    pub current: Screen,
    pub look: Look,
}

impl Widget for &Tabs {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.look.theme;
        let mut spans = vec![Span::styled(" touchbase ", theme.title)];
        for (i, screen) in Screen::TABS.iter().enumerate() {
            let style = if *screen == self.current {
                theme.tab_active
            } else {
                theme.tab
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!(" {} {} ", i + 1, screen.title()), style));
        }
        let date = self.look.now.local().format("%a %-d %b %Y ").to_string();
        let used: usize = spans.iter().map(Span::width).sum();
        let pad = usize::from(area.width).saturating_sub(used + date.len());
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(date, theme.dim));
        Line::from(spans).render(area, buf);
    }
}
