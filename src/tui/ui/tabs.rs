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
    /// On a throwaway demo book: marked beside the name.
    pub demo: bool,
}

/// Where the status line goes when it has nothing to say, on a demo book.
pub const DEMO_NOTE: &str = "A demo book: nothing is saved — every change is thrown away when you quit.";

impl Widget for &Tabs {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.look.theme;
        let mut spans = vec![Span::styled(" touchbase ", theme.title)];
        if self.demo {
            // Short enough to fit with the tabs and the longest date in 80 columns.
            spans[0] = Span::styled(" touchbase", theme.title);
            spans.push(Span::styled(" DEMO ", theme.today));
        }
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
