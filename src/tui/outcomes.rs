//! Ending what the card's buying process and triggers hold: `c` on a selected decision
//! moment asks how it went (won, lost, passed) and closes it, `r` on a selected trigger
//! resolves it. Each calls one use case (`app::moments::close`, `app::triggers::resolve`)
//! on the undo journal; the rules, and the refusal of closing twice, are theirs.

use super::app::{App, Overlay};
use super::customer::Selected;
use super::edits::refusal;
use super::form::Form;
use crate::app::undo::journaled;
use crate::app::{moments, triggers};
use crate::domain::text::sanitize;
use crate::store::{By, NotOpen};

impl App {
    /// `c` on the card: the form asking how the selected moment went.
    pub(super) fn ask_close_moment(&mut self) {
        let Some(Selected::Moment(m)) = self.selected_row() else {
            self.say("Select a decision moment to close: ] picks the buying process, j/k a moment.");
            return;
        };
        let form = Form::close_moment(m.id, m.title.clone(), self.theme);
        self.form(form);
    }

    /// Enter in the close form: closes the moment as typed. A refusal (an unknown
    /// outcome, a moment closed already) stays on the form.
    pub(super) fn submit_close_moment(&mut self, id: i64) -> anyhow::Result<()> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return Ok(());
        };
        let outcome = form.value(0);
        let now = self.now;
        let closed = journaled(&mut *self.store, now, By::Tui, |s| {
            moments::close(s, now, id, &outcome)
        });
        let closed = match refused(closed)? {
            Ok(closed) => closed,
            Err(refused) => {
                form.error = Some(refused);
                return Ok(());
            }
        };
        self.overlay = None;
        let m = &closed.moment;
        let said = format!("Closed “{}” as {} — u undoes", sanitize(&m.title), m.status);
        self.committed(&closed.change, said)
    }

    /// `r` on the card: resolves the selected trigger.
    pub(super) fn resolve_trigger(&mut self) -> anyhow::Result<()> {
        let Some(Selected::Trigger(t)) = self.selected_row() else {
            self.say("Select a trigger to resolve: ] picks the triggers, j/k one of them.");
            return Ok(());
        };
        let (id, now) = (t.id, self.now);
        let resolved = journaled(&mut *self.store, now, By::Tui, |s| triggers::resolve(s, now, id));
        match refused(resolved)? {
            Ok(resolved) => {
                let t = &resolved.trigger;
                let said = format!(
                    "Resolved the {} trigger “{}” — u undoes",
                    t.kind,
                    sanitize(&t.note)
                );
                self.committed(&resolved.change, said)
            }
            Err(refused) => {
                self.say(refused);
                Ok(())
            }
        }
    }
}

/// An action's outcome, with what it refused in words apart from what failed. A record no
/// longer open (closed or resolved already, perhaps by another process since the card was
/// drawn) is said like a refusal, where the user acted, not as a failure.
fn refused<T>(result: anyhow::Result<T>) -> anyhow::Result<Result<T, String>> {
    match result {
        Ok(done) => Ok(Ok(done)),
        Err(e) => match e.downcast::<NotOpen>() {
            Ok(not_open) => Ok(Err(not_open.to_string())),
            Err(e) => Ok(refusal::<T>(Err(e))?.map_err(|r| r.to_string())),
        },
    }
}
