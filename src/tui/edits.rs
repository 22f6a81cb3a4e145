//! The actions that change data: submitting a prompt or the customer form, done, undo.
//! Each is one store transaction, committed before the status line says it is done.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Overlay};
use super::form::{Form, FormKind};
use super::prompt::PromptKind;
use crate::domain::balance::Side;
use crate::domain::follow_up::{parse_plan, snooze_until};
use crate::domain::moment::NewMoment;
use crate::domain::money::Cents;
use crate::domain::quicklog;
use crate::domain::text::sanitize;
use crate::domain::trigger::TriggerKind;
use crate::domain::typed::{self, CustomerText};
use crate::domain::when::parse_when;
use crate::domain::{Cadence, Tags};
use crate::export;
use crate::human::{day, follow_up_summary};
use crate::store::{Change, CustomerFields, CustomerPatch, NewCustomer, UndoRefused};

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
        let kind = prompt.kind.clone();
        if matches!(
            kind,
            PromptKind::Trigger { .. } | PromptKind::Balance { .. } | PromptKind::Order { .. }
        ) {
            if let Some((change, said)) = self.submit_relationship(&kind, &text)? {
                self.overlay = None;
                self.remember(change, said)?;
            }
            return Ok(());
        }
        if kind == PromptKind::Export {
            self.export_week(&text);
            return Ok(());
        }
        let (change, said) = match kind {
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
                    let _ = write!(said, " · ={s}");
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
                    Change::FollowUpAdded { follow_up: f },
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
                        from: before.due,
                        to: until,
                    },
                    format!("Snoozed “{}” until {}", sanitize(&what), day(until, today)),
                )
            }
            // Handled above.
            PromptKind::Trigger { .. }
            | PromptKind::Balance { .. }
            | PromptKind::Order { .. }
            | PromptKind::Export => return Ok(()),
        };
        self.overlay = None;
        self.remember(change, said)
    }

    /// `x` on the Week screen: writes the plan shown to `path` (the extension picks the
    /// format), whole or not at all.
    fn export_week(&mut self, path: &str) {
        let Some(week) = &self.week else {
            return;
        };
        let path = std::path::PathBuf::from(path.trim());
        let saved = export::Format::chosen(None, Some(&path))
            .map_err(anyhow::Error::from)
            .and_then(|format| export::save(&week.plan, format, self.now, &path));
        match saved {
            Ok(()) => {
                let n = week.plan.items.len();
                let said = format!("Wrote {n} items for {} to {}", week.plan.week, path.display());
                self.overlay = None;
                self.say(said);
            }
            Err(e) => {
                if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
                    let len = prompt.text().len();
                    prompt.error = Some((format!("{e:#}"), 0..len));
                }
            }
        }
    }

    /// The relationship prompts (`t`, `b`, `$`): `Ok(None)` when the line was refused and
    /// the error is on the prompt.
    fn submit_relationship(
        &mut self,
        kind: &PromptKind,
        text: &str,
    ) -> anyhow::Result<Option<(Change, String)>> {
        let today = self.now.today();
        let refuse = |e: String| Err::<(Change, String), _>((e, 0..text.len()));
        let note = text.split_once(':').map_or(text, |(_, note)| note);
        let too_long = matches!(kind, PromptKind::Trigger { .. } | PromptKind::Balance { .. })
            .then(|| typed::note(note).err())
            .flatten();
        let result = match kind {
            _ if too_long.is_some() => refuse(too_long.map(|e| e.to_string()).unwrap_or_default()),
            PromptKind::Trigger { customer_id, name } => match text.split_once(':') {
                Some((k, note)) if !note.trim().is_empty() => match k.parse::<TriggerKind>() {
                    Ok(tk) => {
                        let t = self.store.add_trigger(*customer_id, tk, note, self.now.utc)?;
                        let said = format!(
                            "Opened a {} trigger for {}: {}",
                            t.kind,
                            sanitize(name),
                            sanitize(&t.note)
                        );
                        Ok((Change::TriggerAdded { trigger: t }, said))
                    }
                    Err(e) => refuse(e.to_string()),
                },
                _ => refuse("type the kind, a colon and a note: 'reactional: delivery 5 days late'".into()),
            },
            PromptKind::Balance { customer_id, name } => match text.split_once(':') {
                Some((side, note)) if !note.trim().is_empty() => match side.parse::<Side>() {
                    Ok(side) => {
                        let e = self
                            .store
                            .add_balance_entry(*customer_id, side, note, self.now.utc)?;
                        let said = format!(
                            "{} {}: {}",
                            if side == Side::Give { "Gave" } else { "Asked" },
                            sanitize(name),
                            sanitize(&e.note)
                        );
                        Ok((Change::BalanceAdded { entry: e }, said))
                    }
                    Err(e) => refuse(format!("{e} — start with 'give:' or 'ask:'")),
                },
                _ => refuse("start with 'give:' or 'ask:' and say what: 'give: christmas hamper'".into()),
            },
            PromptKind::Order { customer_id, name } => {
                let (amount, when) = match text.split_once('@') {
                    Some((a, w)) => (a.trim(), Some(w.trim())),
                    None => (text.trim(), None),
                };
                let on = match when.map(|w| parse_when(w, today)) {
                    None => Ok(today),
                    Some(Ok(d)) if d <= today => Ok(d),
                    Some(Ok(_)) => {
                        Err("an order is recorded on the day it was placed, not in the future".to_string())
                    }
                    Some(Err(e)) => Err(e.to_string()),
                };
                match (Cents::parse(amount), on) {
                    (Ok(cents), Ok(on)) => {
                        let currency = self.config.money.currency.clone();
                        let o = self
                            .store
                            .add_order(*customer_id, on, cents, &currency, self.now.utc)?;
                        let said = format!(
                            "Order of {currency} {} from {} ({})",
                            o.amount,
                            sanitize(name),
                            day(on, today)
                        );
                        Ok((Change::OrderAdded { order: o }, said))
                    }
                    (Err(e), _) => refuse(e.to_string()),
                    (_, Err(e)) => refuse(e),
                }
            }
            _ => return Ok(None),
        };
        match result {
            Ok(done) => Ok(Some(done)),
            Err((message, span)) => {
                if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
                    prompt.error = Some((message, span));
                }
                Ok(None)
            }
        }
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
        let today = self.now.today();
        let kind = form.kind.clone();
        if let FormKind::Moment { customer_id, name } = kind {
            let new = match read_moment(form, today) {
                Ok(m) => m,
                Err(e) => {
                    form.error = Some(e);
                    return Ok(());
                }
            };
            let m = self.store.add_moment(customer_id, &new, self.now.utc)?;
            self.overlay = None;
            let said = format!(
                "Planned “{}” for {} on {}",
                sanitize(&m.title),
                sanitize(&name),
                day(m.expected, today)
            );
            return self.remember(Change::MomentAdded { moment: m }, said);
        }
        let fields = match read_customer(form) {
            Ok(f) => f,
            Err(e) => {
                form.error = Some(e);
                return Ok(());
            }
        };
        let (change, said, id) = if let FormKind::EditCustomer(before) = kind {
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
            (Change::customer_edited(&before, &patch, &c), said, c.id)
        } else {
            let c = self.store.add_customer(&fields, self.now.utc)?;
            let said = format!("Added {} · in touch every {}", sanitize(&c.name), c.cadence);
            let added = CustomerFields::of(&c);
            (Change::CustomerAdded { id: c.id, added }, said, c.id)
        };
        self.overlay = None;
        self.remember(change, said)?;
        self.card = Some(super::card::CardView::load(
            &*self.store,
            id,
            self.now,
            &self.config,
        )?);
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
            super::action::Screen::Week => self
                .week
                .as_ref()
                .and_then(|w| w.selected_item())
                .and_then(|i| i.follow_up_id),
            super::action::Screen::Customers => None,
        };
        let Some(id) = id else {
            self.say("Select a follow-up to mark done.");
            return Ok(());
        };
        let f = self.store.complete_follow_up(id, self.now.utc)?;
        let done_at = f
            .done_at
            .ok_or_else(|| anyhow::anyhow!("follow-up {id} was marked done but reads as open"))?;
        self.remember(
            Change::FollowUpDone { id, done_at },
            format!("Done: “{}”", sanitize(&f.text)),
        )
    }

    /// Undoes the latest change of this session. A refused undo (another process changed
    /// or built on what it wrote) is dropped from the stack: what refused it is not this
    /// session's to take back, so trying again would refuse forever and keep every earlier
    /// change out of reach. Each earlier undo checks for itself, so going on is safe.
    pub(super) fn undo_last(&mut self) -> anyhow::Result<()> {
        let Some((change, said)) = self.undo.pop() else {
            self.say("Nothing to undo in this session.");
            return Ok(());
        };
        match self.store.undo(&change, self.now.utc) {
            Ok(()) => {
                self.refresh_views(changes_index(&change))?;
                self.say(format!("Undone: {said}"));
            }
            Err(e) => {
                let Some(refused) = e.downcast_ref::<UndoRefused>() else {
                    self.undo.push((change, said));
                    return Err(e);
                };
                // "Can't undo" says nothing changed; the status line has room for why.
                let text = format!("Can't undo {}: {}", refused.what, refused.why);
                // Show what the other process wrote, which is why.
                self.refresh_views(true)?;
                self.status = Some(super::app::Status { text, error: true });
            }
        }
        Ok(())
    }

    /// After a committed change: remember it for undo, refresh the views, say what happened.
    fn remember(&mut self, change: Change, said: String) -> anyhow::Result<()> {
        let index_changed = changes_index(&change);
        self.undo.push((change, said.clone()));
        self.refresh_views(index_changed)?;
        self.say(said);
        Ok(())
    }
}

fn read_moment(form: &Form, today: chrono::NaiveDate) -> Result<NewMoment, String> {
    let title = form.value(0);
    if title.is_empty() {
        return Err("name the moment, like “Board approves the 2027 budget”".into());
    }
    let expected = parse_when(&form.value(1), today).map_err(|e| e.to_string())?;
    let moment = NewMoment {
        title,
        expected,
        concerns: form.value(2),
        steps: form.value(3),
        response: form.value(4),
    };
    typed::moment(&moment).map_err(|e| e.to_string())?;
    Ok(moment)
}

fn read_customer(form: &Form) -> Result<NewCustomer, String> {
    let name = form.value(0);
    if name.is_empty() {
        return Err("a customer needs a name".into());
    }
    CustomerText {
        name: &name,
        company: &form.value(1),
        email: &form.value(2),
        phone: &form.value(3),
        cadence: &form.value(4),
        notes: "",
    }
    .check()
    .map_err(|e| e.to_string())?;
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
        notes: match &form.kind {
            FormKind::EditCustomer(c) => c.notes.clone(),
            _ => String::new(),
        },
    })
}

/// Whether a change touches what the customers filter searches (names, companies, emails,
/// tags).
fn changes_index(change: &Change) -> bool {
    match change {
        Change::CustomerAdded { .. } | Change::CustomerEdited { .. } => true,
        Change::Logged { logged, .. } => !logged.tags_added.is_empty(),
        _ => false,
    }
}
