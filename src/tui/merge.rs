//! `M`: merging a duplicate into the customer of the screen. The prompt asks which
//! customer (found as the CLI finds one), then shows what the merge will do and asks y/n;
//! the merge goes on the undo stack like every change. What a merge does is the use
//! case's (`app::merge`).

use super::app::{App, Overlay};
use super::prompt::PromptKind;
use crate::app::undo::journaled;
use crate::app::{Refused, Who, merge};
use crate::domain::text::sanitize;
use crate::store::{By, MergeRefused, NotFound};

/// Whether `e` is the user's input refused (shown on the prompt), not a failure.
fn refused(e: &anyhow::Error) -> bool {
    e.downcast_ref::<Refused>().is_some()
        || e.downcast_ref::<MergeRefused>().is_some()
        || e.downcast_ref::<NotFound>().is_some()
}

impl App {
    /// Enter in the merge prompt: the duplicate named (`other` is `None`), or the answer.
    pub(super) fn submit_merge(&mut self, keep: i64, other: Option<i64>, text: &str) -> anyhow::Result<()> {
        let (store, now) = (&mut *self.store, self.now);
        let outcome = match other {
            None => match merge::preview(store, now, Who::Id(keep), Who::Typed(text)) {
                Ok(m) => {
                    if let Some(Overlay::Prompt(prompt)) = &mut self.overlay
                        && let PromptKind::Merge { other, .. } = &mut prompt.kind
                    {
                        *other = Some((m.other.id, merge::said(&m)));
                        prompt.input = ratatui_textarea::TextArea::default();
                        prompt
                            .input
                            .set_placeholder_text("y to merge, n to leave both as they are");
                        prompt.error = None;
                    }
                    return Ok(());
                }
                Err(e) => e,
            },
            Some(other) => match text.trim().to_lowercase().as_str() {
                "y" | "yes" => match journaled(store, now, By::Tui, |s| {
                    merge::merge(s, now, Who::Id(keep), Who::Id(other))
                }) {
                    Ok(done) => {
                        let m = &done.merge;
                        let said = format!("Merged {} — u undoes", sanitize(&merge::said(m)));
                        self.overlay = None;
                        return self.committed(&done.change, said);
                    }
                    Err(e) => e,
                },
                "n" | "no" => {
                    self.overlay = None;
                    self.tell("Nothing merged.");
                    return Ok(());
                }
                _ => anyhow::Error::new(Refused::Plan(
                    "type y to merge them, or n (or Esc) to leave both as they are".to_string(),
                )),
            },
        };
        if !refused(&outcome) {
            return Err(outcome);
        }
        if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
            prompt.error = Some((outcome.to_string(), 0..text.len()));
        }
        Ok(())
    }
}
