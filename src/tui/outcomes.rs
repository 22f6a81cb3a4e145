//! Ending what the card's buying process and triggers hold: `c` on a selected decision
//! moment asks how it went (won, lost, passed), then for a note on it, and closes it; `r`
//! on a selected trigger asks how it was resolved and resolves it. Each calls one use case
//! (`app::moments::close`, `app::triggers::resolve`) on the undo journal; the rules, and
//! the refusal of closing twice, are theirs. A moment closed or a trigger resolved already
//! is said before anything is asked.

use super::app::{App, Overlay};
use super::customer::Selected;
use super::edits::refusal;
use super::form::Form;
use super::prompt::{Prompt, PromptKind};
use crate::app::undo::journaled;
use crate::app::{moments, triggers};
use crate::domain::moment::MomentStatus;
use crate::domain::text::sanitize;
use crate::store::{By, NotFound, NotOpen};

impl App {
    /// `c` on the card: the form asking how the selected moment went.
    pub(super) fn ask_close_moment(&mut self) -> anyhow::Result<()> {
        let Some(Selected::Moment(m)) = self.selected_row() else {
            self.tell("Select a decision moment to close: ] picks the buying process, j/k a moment.");
            return Ok(());
        };
        let (id, title) = (m.id, m.title.clone());
        // As the book has it now: another process may have closed it since it was drawn.
        if let Err(refused) = refused(moments::closable(&*self.store, id))? {
            self.fail(&anyhow::anyhow!(refused));
            return Ok(());
        }
        let form = Form::close_moment(id, title, self.theme);
        self.form(form);
        Ok(())
    }

    /// Enter in the close form: an outcome the use case takes goes on to the note; one it
    /// refuses stays on the form.
    pub(super) fn submit_close_moment(&mut self, id: i64) -> anyhow::Result<()> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return Ok(());
        };
        match refused(moments::outcome(&form.value(0)))? {
            Ok(outcome) => {
                let title = match &form.kind {
                    super::form::FormKind::CloseMoment { title, .. } => title.clone(),
                    _ => String::new(),
                };
                let kind = PromptKind::OutcomeNote { id, title, outcome };
                self.overlay = Some(Overlay::Prompt(Box::new(Prompt::new(kind, self.theme))));
            }
            Err(refused) => form.error = Some(refused),
        }
        Ok(())
    }

    /// Enter in the note prompt after `c`: closes the moment as chosen, with the note typed
    /// (none when empty). A refusal (closed meanwhile, a note too long) stays on the prompt.
    pub(super) fn close_moment(&mut self, id: i64, outcome: MomentStatus, note: &str) -> anyhow::Result<()> {
        let now = self.now;
        let closed = journaled(&mut *self.store, now, By::Tui, |s| {
            moments::close(s, now, id, outcome.as_str(), note)
        });
        match refused(closed)? {
            Ok(closed) => {
                self.overlay = None;
                let m = &closed.moment;
                let said = format!(
                    "Closed “{}” as {}{} — u undoes",
                    sanitize(&m.title),
                    m.status,
                    noted(&m.outcome_note)
                );
                self.committed(&closed.change, said)
            }
            Err(refused) => {
                self.prompt_refused(refused, note);
                Ok(())
            }
        }
    }

    /// `r` on the card: asks how the selected trigger was resolved.
    pub(super) fn ask_resolve_trigger(&mut self) -> anyhow::Result<()> {
        let Some(Selected::Trigger(t)) = self.selected_row() else {
            self.tell("Select a trigger to resolve: ] picks the triggers, j/k one of them.");
            return Ok(());
        };
        let (id, note) = (t.id, t.note.clone());
        if let Err(refused) = refused(triggers::resolvable(&*self.store, id))? {
            self.fail(&anyhow::anyhow!(refused));
            return Ok(());
        }
        let kind = PromptKind::Resolution { id, note };
        self.overlay = Some(Overlay::Prompt(Box::new(Prompt::new(kind, self.theme))));
        Ok(())
    }

    /// Enter in the prompt after `r`: resolves the trigger with the note typed (none when
    /// empty). A refusal stays on the prompt.
    pub(super) fn resolve_trigger(&mut self, id: i64, note: &str) -> anyhow::Result<()> {
        let now = self.now;
        let resolved = journaled(&mut *self.store, now, By::Tui, |s| {
            triggers::resolve(s, now, id, note)
        });
        match refused(resolved)? {
            Ok(resolved) => {
                self.overlay = None;
                let t = &resolved.trigger;
                let said = format!(
                    "Resolved the {} trigger “{}”{} — u undoes",
                    t.kind,
                    sanitize(&t.note),
                    noted(&t.resolution_note)
                );
                self.committed(&resolved.change, said)
            }
            Err(refused) => {
                self.prompt_refused(refused, note);
                Ok(())
            }
        }
    }

    /// A refusal of the whole line typed, on the prompt open.
    fn prompt_refused(&mut self, refused: String, typed: &str) {
        if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
            prompt.error = Some((refused, 0..typed.len()));
        }
    }
}

/// ": lost on price to Heller" after what was done, or nothing without a note.
fn noted(note: &str) -> String {
    if note.is_empty() {
        String::new()
    } else {
        format!(": {}", sanitize(note))
    }
}

/// An action's outcome, with what it refused in words apart from what failed. A record no
/// longer open (closed or resolved already, perhaps by another process since the card was
/// drawn) or gone (deleted elsewhere) is said like a refusal, where the user acted, not as
/// a failure.
pub(super) fn refused<T>(result: anyhow::Result<T>) -> anyhow::Result<Result<T, String>> {
    match result {
        Ok(done) => Ok(Ok(done)),
        Err(e) => match e.downcast::<NotOpen>() {
            Ok(not_open) => Ok(Err(not_open.to_string())),
            Err(e) => match e.downcast::<NotFound>() {
                Ok(gone) => Ok(Err(gone.to_string())),
                Err(e) => Ok(refusal::<T>(Err(e))?.map_err(|r| r.to_string())),
            },
        },
    }
}
