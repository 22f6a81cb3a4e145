//! `A`: archiving the customer of the screen, or bringing an archived one back, through the
//! use case (`app::archive`), with what happened on the status line and `u` to undo it.
//! The rule that doing either twice changes nothing is the use case's, not this file's.

use super::action::Screen;
use super::app::App;
use crate::app::undo::journaled;
use crate::app::{Who, archive};
use crate::domain::text::sanitize;
use crate::store::By;

impl App {
    /// `A`: archives the customer of this screen, or brings an archived one back. Which
    /// of the two is decided by what the screen shows, not by what another process may
    /// have written since: the user asks for the opposite of what they see.
    pub(super) fn toggle_archive(&mut self) -> anyhow::Result<()> {
        let Some((id, _)) = self.target_customer() else {
            self.tell("Select a customer to archive.");
            return Ok(());
        };
        let was_archived = match self.screen {
            Screen::Customers => self
                .customers
                .as_ref()
                .and_then(|v| v.selected_row())
                .is_some_and(|r| r.customer.archived),
            Screen::Customer => self.customer.as_ref().is_some_and(|c| c.customer.archived),
            // They show active customers only.
            Screen::Agenda | Screen::Week => false,
        };
        let (store, now, who) = (&mut *self.store, self.now, Who::Id(id));
        let shelved = journaled(store, now, By::Tui, |s| {
            if was_archived {
                archive::unarchive(s, now, who)
            } else {
                archive::archive(s, now, who)
            }
        })?;
        let name = sanitize(&shelved.customer.name).into_owned();
        let Some(change) = shelved.change else {
            // Another process got there first: show what it wrote.
            self.refresh()?;
            let already = if was_archived {
                "is not archived"
            } else {
                "is already archived"
            };
            self.tell(format!("{name} {already} — nothing changed"));
            return Ok(());
        };
        let said = if was_archived {
            format!("Unarchived {name} — back in the agenda, lists and the week")
        } else {
            format!("Archived {name} — out of the agenda, lists and the week; u undoes")
        };
        self.committed(&change, said)
    }
}
