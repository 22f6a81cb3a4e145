//! The actions that change data: submitting a prompt or the customer form, done, undo.
//! Each is one store transaction, committed before the status line says it is done.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Overlay};
use super::form::CustomerForm;
use super::prompt::PromptKind;
use crate::domain::follow_up::{parse_plan, snooze_until};
use crate::domain::quicklog;
use crate::domain::text::sanitize;
use crate::domain::{Cadence, Tags};
use crate::human::{day, follow_up_summary};
use crate::store::{Change, CustomerPatch, NewCustomer};

impl App {
    pub(super) fn prompt_key(&mut self, key: KeyEvent) -> anyhow::Result<()> {
        let Some(Overlay::Prompt(prompt)) = &mut self.overlay else {
            return Ok(());
        };
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter => self.submit_prompt()?,
            KeyCode::Tab => prompt.next_suggestion(),
            _ => {
                if prompt.input.input(key) {
                    prompt.error = None;
                }
            }
        }
        Ok(())
    }

    fn submit_prompt(&mut self) -> anyhow::Result<()> {
        let Some(Overlay::Prompt(prompt)) = &mut self.overlay else {
            return Ok(());
        };
        let text = prompt.text();
        let today = self.now.today();
        // Parse first: a line that does not parse stays in the input, and nothing is saved.
        let (change, said) = match prompt.kind.clone() {
            PromptKind::QuickLog { customer_id, name } => {
                let log = match quicklog::parse(&text, today) {
                    Ok(log) => log,
                    Err(e) => {
                        prompt.error = Some((e.message, e.span));
                        return Ok(());
                    }
                };
                let logged = self.store.log_contact(customer_id, &log, self.now.utc)?;
                let mut said = format!("Logged {} with {}", log.kind, sanitize(&name));
                if let Some(plan) = &log.follow_up {
                    let _ = write!(
                        said,
                        " · follow-up {}",
                        follow_up_summary(&plan.text, plan.due, today)
                    );
                }
                if let Some(s) = log.satisfaction {
                    let _ = write!(said, " · satisfaction {s}");
                }
                (Change::Logged { customer_id, logged }, said)
            }
            PromptKind::FollowUp { customer_id, name } => {
                let (text, due) = match parse_plan(&text, today) {
                    Ok(plan) => plan,
                    Err(e) => {
                        prompt.error = Some((e, 0..text.len()));
                        return Ok(());
                    }
                };
                let f = self.store.add_follow_up(customer_id, &text, due, self.now.utc)?;
                (
                    Change::FollowUpAdded { id: f.id },
                    format!(
                        "Follow-up for {}: {}",
                        sanitize(&name),
                        follow_up_summary(&text, due, today)
                    ),
                )
            }
            PromptKind::Snooze {
                follow_up_id,
                text: what,
            } => {
                let before = self.store.require_follow_up(follow_up_id)?;
                let until = match snooze_until(&text, before.due, today) {
                    Ok(d) if d > today => d,
                    Ok(_) => {
                        prompt.error = Some(("snooze to a day after today".into(), 0..text.len()));
                        return Ok(());
                    }
                    Err(e) => {
                        prompt.error = Some((e.to_string(), 0..text.len()));
                        return Ok(());
                    }
                };
                self.store.snooze_follow_up(follow_up_id, until)?;
                (
                    Change::FollowUpSnoozed {
                        id: follow_up_id,
                        due: before.due,
                    },
                    format!("Snoozed “{}” until {}", sanitize(&what), day(until, today)),
                )
            }
        };
        self.overlay = None;
        self.remember(change, said)
    }

    pub(super) fn form_key(&mut self, key: KeyEvent) -> anyhow::Result<()> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return Ok(());
        };
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter => self.submit_form()?,
            KeyCode::Tab | KeyCode::Down => form.next(),
            KeyCode::BackTab | KeyCode::Up => form.prev(),
            _ => {
                let focus = form.focus;
                if form.fields[focus].input(key) {
                    form.error = None;
                }
            }
        }
        Ok(())
    }

    fn submit_form(&mut self) -> anyhow::Result<()> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return Ok(());
        };
        let fields = match read_form(form) {
            Ok(f) => f,
            Err(e) => {
                form.error = Some(e);
                return Ok(());
            }
        };
        let (change, said, id) = match form.editing.clone() {
            None => {
                let c = self.store.add_customer(&fields, self.now.utc)?;
                let said = format!("Added {} · in touch every {}", sanitize(&c.name), c.cadence);
                (Change::CustomerAdded { id: c.id }, said, c.id)
            }
            Some(before) => {
                let patch = CustomerPatch {
                    name: Some(fields.name),
                    company: Some(fields.company),
                    email: Some(fields.email),
                    phone: Some(fields.phone),
                    tags: Some(fields.tags),
                    cadence: fields.cadence,
                    notes: None,
                };
                let c = self.store.update_customer(before.id, &patch, self.now.utc)?;
                let said = format!("Saved {}", sanitize(&c.name));
                (Change::CustomerEdited { before }, said, c.id)
            }
        };
        self.overlay = None;
        self.remember(change, said)?;
        self.card = Some(super::card::CardView::load(&self.store, id)?);
        self.screen = super::action::Screen::Customer;
        Ok(())
    }

    pub(super) fn done(&mut self) -> anyhow::Result<()> {
        let id = match self.screen {
            super::action::Screen::Agenda => self.agenda.selected_nudge().and_then(|n| n.follow_up_id),
            super::action::Screen::Customer => self
                .card
                .as_ref()
                .and_then(|c| c.selected_follow_up())
                .map(|f| f.id),
            super::action::Screen::Customers => None,
        };
        let Some(id) = id else {
            self.say("Select a follow-up to mark done.");
            return Ok(());
        };
        let f = self.store.complete_follow_up(id, self.now.utc)?;
        self.remember(
            Change::FollowUpDone { id },
            format!("Done: “{}”", sanitize(&f.text)),
        )
    }

    pub(super) fn undo_last(&mut self) -> anyhow::Result<()> {
        let Some((change, said)) = self.undo.pop() else {
            self.say("Nothing to undo in this session.");
            return Ok(());
        };
        if let Err(e) = self.store.undo(&change, self.now.utc) {
            self.undo.push((change, said));
            return Err(e);
        }
        self.refresh()?;
        self.say(format!("Undone: {said}"));
        Ok(())
    }

    /// After a committed change: remember it for undo, refresh the views, say what happened.
    fn remember(&mut self, change: Change, said: String) -> anyhow::Result<()> {
        self.undo.push((change, said.clone()));
        self.refresh()?;
        self.say(said);
        Ok(())
    }
}

fn read_form(form: &CustomerForm) -> Result<NewCustomer, String> {
    let name = form.value(0);
    if name.is_empty() {
        return Err("a customer needs a name".into());
    }
    let cadence = match form.value(4) {
        s if s.is_empty() => None,
        s => Some(s.parse::<Cadence>().map_err(|e| e.to_string())?),
    };
    let tags = Tags::new(form.value(5).split_whitespace()).map_err(|e| e.to_string())?;
    Ok(NewCustomer {
        name,
        company: form.value(1),
        email: form.value(2),
        phone: form.value(3),
        tags,
        cadence,
        notes: form.editing.as_ref().map(|c| c.notes.clone()).unwrap_or_default(),
    })
}
