//! Drawing: one widget per view, each drawn from a borrowed view that holds what it shows
//! and its look — rendering never clones or changes state, and no view can reach the
//! book, the config or the app. How they make up a frame is `tui::draw`'s.

mod agenda;
mod checklist;
mod customer;
mod customers;
mod footer;
mod form;
mod help;
mod note;
mod prompt;
mod search;
mod tabs;
mod week;
mod wrap;

use ratatui::layout::Rect;

pub(crate) use customer::none_open;
pub(crate) use footer::{KeysFooter, StatusLine};
pub(crate) use prompt::prompt_height;
pub(crate) use tabs::{DEMO_NOTE, Tabs};

/// Rows above and below the customers table: tabs, block title, filter line, table
/// header, status and footer.
const CHROME_ROWS: u16 = 6;

/// How many customer rows fit in a terminal `height` rows high.
pub fn list_height(height: u16) -> usize {
    usize::from(height.saturating_sub(CHROME_ROWS).max(1))
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
