//! `S`: the search over every note. The words are typed as in a prompt (readline's
//! habits); the hits follow each keystroke, best first, and Enter opens the hit's
//! customer. ↑↓ move while typing; Tab gives the keys to the hits, where j/k move. What is
//! found and how it is ranked is `app::search`'s.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::app::{App, Overlay};
use super::customer::CustomerView;
use super::text;
use super::theme::Look;
use crate::app::{Refused, search};
use crate::store::{Book, Hit};

/// Hits shown at most: more than a screen holds, few enough to fetch at each keystroke.
pub(crate) const SHOWN: usize = 50;

pub struct SearchView {
    pub input: TextArea<'static>,
    /// What the hits are for, as typed.
    pub typed: String,
    /// The hits, best first; or why the words search nothing (only punctuation).
    pub hits: Result<Vec<Hit>, String>,
    pub selected: usize,
    /// Whether the keys move through the hits (j/k) rather than type.
    pub on_hits: bool,
    pub look: Look,
}

impl SearchView {
    pub fn new(look: Look) -> SearchView {
        let mut input = TextArea::default();
        input.set_placeholder_text("words of a note: late delivery, quote, kuhne…");
        input.set_cursor_line_style(look.theme.input);
        SearchView {
            input,
            typed: String::new(),
            hits: Ok(Vec::new()),
            selected: 0,
            on_hits: false,
            look,
        }
    }

    /// Searches again for what the input holds now, if it changed.
    pub fn refresh(&mut self, store: &dyn Book) -> anyhow::Result<()> {
        let typed = self.input.lines().join(" ");
        if typed == self.typed {
            return Ok(());
        }
        self.typed = typed;
        self.selected = 0;
        self.hits = if self.typed.trim().is_empty() {
            Ok(Vec::new())
        } else {
            match search::search(store, &self.typed, SHOWN) {
                Ok(found) => Ok(found.hits),
                Err(e) if Refused::of(&e).is_some() => Err(e.to_string()),
                Err(e) => return Err(e),
            }
        };
        Ok(())
    }

    pub fn hits(&self) -> &[Hit] {
        self.hits.as_deref().unwrap_or_default()
    }

    fn select_by(&mut self, delta: i64) {
        let last = self.hits().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta as isize).min(last);
    }
}

impl App {
    /// The actions while the search has the keys.
    pub(super) fn update_search(&mut self, action: Action, key: KeyEvent) -> anyhow::Result<()> {
        let Some(Overlay::Search(view)) = &mut self.overlay else {
            return Ok(());
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Cancel => self.overlay = None,
            Action::NextField => view.on_hits = !view.on_hits,
            Action::Down => view.select_by(1),
            Action::Up => view.select_by(-1),
            Action::Top => view.select_by(i64::MIN / 2),
            Action::Bottom => view.select_by(i64::MAX / 2),
            Action::Edit(edit) if text::apply(&mut view.input, edit, key) => view.refresh(&*self.store)?,
            Action::Open => {
                if let Some(customer_id) = view.hits().get(view.selected).map(|h| h.customer_id) {
                    self.overlay = None;
                    self.customer = Some(CustomerView::load(
                        &*self.store,
                        customer_id,
                        self.look(),
                        &self.config,
                    )?);
                    self.opened_from(self.screen);
                }
            }
            _ => {}
        }
        Ok(())
    }
}
