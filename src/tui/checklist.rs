//! After a contact is logged for a customer who still has open follow-ups: a short
//! checklist of them ("Close any of these?"), so that "sent the proposal" does not leave
//! "send proposal" overdue. j/k move, Space checks, Enter closes the checked ones as one
//! action on the undo journal (`app::follow_ups::done_several`), Esc keeps them all.

use super::app::{App, Overlay};
use super::theme::Look;
use crate::app::follow_ups;
use crate::app::undo::journaled;
use crate::domain::FollowUp;
use crate::domain::text::sanitize;
use crate::store::By;

pub struct Checklist {
    pub customer_id: i64,
    pub name: String,
    /// The customer's open follow-ups, soonest first, and whether each is checked.
    pub rows: Vec<(FollowUp, bool)>,
    pub selected: usize,
    pub look: Look,
}

impl Checklist {
    pub fn move_by(&mut self, delta: i64) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta as isize).min(last);
    }

    pub fn toggle(&mut self) {
        if let Some((_, checked)) = self.rows.get_mut(self.selected) {
            *checked = !*checked;
        }
    }

    fn checked(&self) -> Vec<i64> {
        self.rows.iter().filter(|(_, c)| *c).map(|(f, _)| f.id).collect()
    }
}

impl App {
    /// After a log for `customer_id`: offers the follow-ups still open, all but `planned`
    /// (the one the line itself just made), if any.
    pub(super) fn offer_to_close(&mut self, customer_id: i64, planned: Option<i64>) -> anyhow::Result<()> {
        let rows: Vec<(FollowUp, bool)> = self
            .store
            .open_follow_ups(customer_id)?
            .into_iter()
            .filter(|f| Some(f.id) != planned)
            .map(|f| (f, false))
            .collect();
        if rows.is_empty() {
            return Ok(());
        }
        let name = self.store.require_customer(customer_id)?.name;
        self.overlay = Some(Overlay::Checklist(Box::new(Checklist {
            customer_id,
            name,
            rows,
            selected: 0,
            look: self.look(),
        })));
        Ok(())
    }

    /// Enter on the checklist: closes the checked follow-ups, one undo for them all;
    /// with none checked it is Esc.
    pub(super) fn close_checked(&mut self) -> anyhow::Result<()> {
        let Some(Overlay::Checklist(list)) = self.overlay.take() else {
            return Ok(());
        };
        let ids = list.checked();
        if ids.is_empty() {
            return Ok(());
        }
        let now = self.now;
        let done = journaled(&mut *self.store, now, By::Tui, |s| {
            follow_ups::done_several(s, now, list.customer_id, &ids)
        })?;
        let said = if done.follow_ups.is_empty() {
            "Those were closed already, elsewhere.".to_string()
        } else {
            format!("Done: {} — u undoes", sanitize(&done.named()))
        };
        self.committed(&done.change, said)
    }
}
