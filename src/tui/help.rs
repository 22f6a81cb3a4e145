//! The help overlay's state: which page of keys is shown. What is on each page is the
//! keymap's, laid out by ui/help.rs; this knows neither.

use super::theme::Theme;

/// The screens' keys, the customer card's, those of the filter, prompts and forms, then
/// the search's.
pub const PAGES: usize = 4;

pub struct HelpView {
    pub page: usize,
    pub theme: Theme,
}

impl HelpView {
    pub(crate) fn new(theme: Theme) -> HelpView {
        HelpView { page: 0, theme }
    }

    pub(crate) fn next_page(&mut self) {
        self.page = (self.page + 1) % PAGES;
    }
}
