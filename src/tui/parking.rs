//! `s` on a nudge that is no follow-up and `P`: snoozing the nudge, pausing the customer
//! (or ending their pause), each through its use case (`app::quiet`), with what happened
//! on the status line and `u` to undo it. Which days are accepted is the use case's.

use super::app::{App, Overlay};
use super::edits::refusal;
use super::prompt::{Prompt, PromptKind};
use crate::app::Who;
use crate::app::quiet::{self, Target};
use crate::app::undo::journaled;
use crate::domain::text::sanitize;
use crate::human::{because, day};
use crate::store::By;

impl App {
    /// `P`: a prompt for the day to pause the screen's customer until; a customer paused
    /// already has their pause ended at once (`u` puts it back).
    pub(super) fn pause(&mut self) -> anyhow::Result<()> {
        let Some((id, name)) = self.target_customer() else {
            self.tell("Select a customer to pause.");
            return Ok(());
        };
        let today = self.now.today();
        let paused = self
            .store
            .customer(id)?
            .is_some_and(|c| c.paused_on(today).is_some());
        if !paused {
            self.prompt(Prompt::new(
                PromptKind::Pause {
                    customer_id: id,
                    name,
                },
                self.theme,
            ));
            return Ok(());
        }
        let now = self.now;
        let done = refusal(journaled(&mut *self.store, now, By::Tui, |s| {
            quiet::resume(s, now, Who::Id(id))
        }))?;
        match done {
            Ok(done) => {
                let said = format!(
                    "Ended the pause of {} — their cadence counts again",
                    sanitize(&name)
                );
                self.committed(&done.change, said)
            }
            Err(refused) => {
                self.refuse(refused.to_string());
                Ok(())
            }
        }
    }

    /// Submits the snooze-a-nudge or the pause prompt; a refusal stays on the prompt.
    pub(super) fn submit_parking(&mut self, kind: &PromptKind, text: &str) -> anyhow::Result<()> {
        let (store, now, config) = (&mut *self.store, self.now, &self.config);
        let today = now.today();
        let done = match kind {
            PromptKind::SnoozeNudge {
                customer_id,
                kind,
                subject,
                ..
            } => {
                let target = Target {
                    kind: *kind,
                    subject: Some(*subject),
                };
                refusal(journaled(store, now, By::Tui, |s| {
                    quiet::snooze(s, now, config, Who::Id(*customer_id), target, text)
                }))?
                .map(|done| {
                    let s = &done.snooze;
                    let said = format!(
                        "Snoozed the {} nudge for {} until {}{} — u undoes",
                        s.kind.short(),
                        sanitize(&done.customer.name),
                        day(s.until, today),
                        because(&s.reason)
                    );
                    (done.change, said)
                })
            }
            PromptKind::Pause { customer_id, .. } => refusal(journaled(store, now, By::Tui, |s| {
                quiet::pause(s, now, Who::Id(*customer_id), text)
            }))?
            .map(|done| {
                let until = done.customer.paused.as_ref().map(|p| (p.until, p.reason.clone()));
                let said = match until {
                    Some((until, reason)) => format!(
                        "Paused {} until {}{} — P again ends it, u undoes",
                        sanitize(&done.customer.name),
                        day(until, today),
                        because(&reason)
                    ),
                    None => format!("Ended the pause of {}", sanitize(&done.customer.name)),
                };
                (done.change, said)
            }),
            _ => return Ok(()),
        };
        match done {
            Ok((change, said)) => {
                self.overlay = None;
                self.committed(&change, said)
            }
            Err(refused) => {
                if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
                    prompt.error = Some((refused.to_string(), 0..text.len()));
                }
                Ok(())
            }
        }
    }
}
