//! Enter on a contact selected on the card: its full note over the screen, wrapped, its
//! own lines kept; `j`/`k`, the pages, Home and End scroll a long one, Esc closes it. It
//! holds the contact as it was read with the card; drawing it is ui/note.rs's.

use std::cell::Cell;

use super::action::Action;
use super::app::{App, Overlay};
use super::customer::Selected;
use super::theme::Look;
use crate::store::Interaction;

pub struct NoteView {
    pub contact: Interaction,
    /// Whose contact it was.
    pub customer: String,
    /// The first line of the wrapped note in sight.
    pub scroll: usize,
    /// How far it can scroll and how many lines a page shows, as last drawn (the wrap
    /// depends on the width).
    pub(crate) room: Cell<(usize, usize)>,
    pub look: Look,
}

impl NoteView {
    pub fn new(contact: Interaction, customer: String, look: Look) -> NoteView {
        NoteView {
            contact,
            customer,
            scroll: 0,
            room: Cell::new((usize::MAX, 1)),
            look,
        }
    }

    /// Scrolls by `delta` lines, within the note.
    pub fn scroll_by(&mut self, delta: i64) {
        let (most, _) = self.room.get();
        let from = self.scroll.min(most);
        self.scroll = from.saturating_add_signed(delta as isize).min(most);
    }

    fn page(&self) -> i64 {
        self.room.get().1.max(1) as i64
    }
}

impl App {
    /// Enter on the card: the selected contact's note in full.
    pub(super) fn read_note(&mut self) {
        let (Some(Selected::Contact(contact)), Some(card)) = (self.selected_row(), &self.customer) else {
            self.tell("Select a contact to read: ] picks the timeline, j/k a contact.");
            return;
        };
        let view = NoteView::new(contact.clone(), card.customer.name.clone(), self.look());
        self.overlay = Some(Overlay::Note(Box::new(view)));
    }

    /// The keys while the note is open: they scroll it, or close it.
    pub(super) fn update_note(&mut self, action: Action) {
        let Some(Overlay::Note(note)) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Down => note.scroll_by(1),
            Action::Up => note.scroll_by(-1),
            Action::PageDown => note.scroll_by(note.page()),
            Action::PageUp => note.scroll_by(-note.page()),
            Action::Top => note.scroll_by(i64::MIN / 2),
            Action::Bottom => note.scroll_by(i64::MAX / 2),
            Action::Cancel | Action::Back => self.overlay = None,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }
}
