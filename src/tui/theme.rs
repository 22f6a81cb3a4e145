//! Every style the app uses, in one place, so `NO_COLOR` is one switch; and the look a
//! view is drawn with. It knows nothing of screens, state or data.

use ratatui::style::{Color, Modifier, Style};

use crate::clock::Now;
use crate::domain::customer::Freshness;

/// What a view is drawn with besides its own data: the styles, and the clock its relative
/// days ("3d ago", "tomorrow") and staleness are read against. Each view keeps its own
/// copy, so drawing needs nothing but the view.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub theme: Theme,
    pub now: Now,
}

/// Behind the selected row (see `Theme::color`).
const SELECTED_BG: Color = Color::Indexed(236);

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub selected: Style,
    pub overdue: Style,
    pub today: Style,
    pub ok: Style,
    pub due_soon: Style,
    pub error: Style,
    pub key: Style,
    pub input: Style,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set (<https://no-color.org>).
    pub(crate) fn from_env() -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::mono()
        } else {
            Theme::color()
        }
    }

    pub(crate) fn color() -> Theme {
        Theme {
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            // A dark grey of the 256-colour cube, not colour 8: the dim labels are colour 8,
            // and they must stay readable on the selected row.
            selected: Style::new().bg(SELECTED_BG).add_modifier(Modifier::BOLD),
            overdue: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            today: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            due_soon: Style::new().fg(Color::Yellow),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            input: Style::new().fg(Color::White),
        }
    }

    /// Without colour: emphasis by bold, reverse and underline only.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            base: plain,
            dim: plain,
            title: bold,
            tab: plain,
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            header: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            overdue: bold,
            today: bold,
            ok: plain,
            due_soon: plain,
            error: bold,
            key: bold,
            input: Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub(crate) fn freshness(&self, f: Freshness) -> Style {
        match f {
            Freshness::Ok => self.ok,
            Freshness::DueSoon => self.due_soon,
            Freshness::Overdue => self.overdue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The selected row is drawn over the cells' own styles: none of their colours may be
    /// its background, or that text vanishes on it (the dim labels did, grey on grey).
    #[test]
    fn every_colour_stays_readable_on_the_selected_row() {
        let t = Theme::color();
        let bg = t.selected.bg.expect("the selected row has a background");
        for style in [
            t.base, t.dim, t.title, t.tab, t.header, t.overdue, t.today, t.ok, t.due_soon, t.error, t.key,
            t.input,
        ] {
            assert_ne!(style.fg, Some(bg), "{style:?} on the selected row");
        }
        assert_ne!(t.dim.fg, None, "dim is a colour, which is what made it vanish");
    }
}
