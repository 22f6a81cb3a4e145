//! Submitting a prompt or a form, done and undo: each reads what was typed, calls one use
//! case (`app`) through the undo journal (`undo::journaled`), and shows its outcome — a
//! refusal on the prompt or form, a change on the status line once it is committed. The
//! rules are the use cases', not this file's.

use std::fmt::Write as _;

use super::app::{App, Overlay};
use super::form::{Form, FormKind};
use super::prompt::PromptKind;
use crate::app::customers::{self, CustomerInput};
use crate::app::export;
use crate::app::moments::{self, MomentInput};
use crate::app::undo::{self, journaled};
use crate::app::{Refused, Who, balance, follow_ups, log, orders, triggers};
use crate::domain::balance::Side;
use crate::domain::moment::parse_people;
use crate::domain::text::{sanitize, shown_path};
use crate::domain::whom;
use crate::files;
use crate::human::{day, follow_up_summary, items, local_time};
use crate::store::{By, Change, Undid};

/// "Logged call with Jan de Vries on Mon 16 Nov 10:00 · follow-up … · =4 · closed …"; "with
/// Frau Albrecht at Jan de Vries" when the line named someone.
fn logged_said(done: &log::Contact, now: crate::clock::Now) -> String {
    let line = &done.logged.line;
    let mut said = match &done.with {
        Some(p) => format!(
            "Logged {} with {} at {}",
            line.kind,
            sanitize(&p.name),
            sanitize(whom::account(&done.customer))
        ),
        None => format!("Logged {} with {}", line.kind, sanitize(&done.customer.name)),
    };
    if line.at.is_some() {
        let _ = write!(said, " on {}", local_time(done.logged.at, now));
    }
    if let Some(plan) = &line.follow_up {
        let _ = write!(
            said,
            " · follow-up {}",
            follow_up_summary(&plan.text, plan.due, now.today())
        );
    }
    if let Some(s) = line.satisfaction {
        let _ = write!(said, " · ={s}");
    }
    said += &sanitize(&log::closed(&done.logged.closed, " · closed "));
    said
}

impl App {
    pub(super) fn submit_prompt(&mut self) -> anyhow::Result<()> {
        let Some(Overlay::Prompt(prompt)) = &mut self.overlay else {
            return Ok(());
        };
        let text = prompt.text();
        let today = self.now.today();
        // A line the action refuses stays in the input, and nothing is saved.
        let kind = prompt.kind.clone();
        if matches!(
            kind,
            PromptKind::Trigger { .. } | PromptKind::Balance { .. } | PromptKind::Order { .. }
        ) {
            if let Some((change, said)) = self.submit_relationship(&kind, &text)? {
                self.overlay = None;
                self.committed(&change, said)?;
            }
            return Ok(());
        }
        if matches!(kind, PromptKind::SnoozeNudge { .. } | PromptKind::Pause { .. }) {
            return self.submit_parking(&kind, &text);
        }
        if kind == PromptKind::Export {
            self.export_week(&text);
            return Ok(());
        }
        if let PromptKind::OutcomeNote { id, outcome, .. } = kind {
            return self.close_moment(id, outcome, &text);
        }
        if let PromptKind::Resolution { id, .. } = kind {
            return self.resolve_trigger(id, &text);
        }
        if matches!(kind, PromptKind::Left { .. }) {
            return self.submit_left(&kind, &text);
        }
        if let PromptKind::Merge {
            customer_id, other, ..
        } = kind
        {
            return self.submit_merge(customer_id, other.map(|(id, _)| id), &text);
        }
        let (store, now) = (&mut *self.store, self.now);
        let workdays = self.config.week.workdays;
        let done = match kind {
            PromptKind::QuickLog { customer_id, .. } => journaled(store, now, By::Tui, |s| {
                log::contact(s, now, workdays, Who::Id(customer_id), &text)
            })
            .map(|done| {
                let said = logged_said(&done, now);
                (done.change, said)
            }),
            PromptKind::FollowUp { customer_id, .. } => journaled(store, now, By::Tui, |s| {
                follow_ups::add(s, now, workdays, Who::Id(customer_id), &text)
            })
            .map(|done| {
                let f = &done.follow_up;
                let said = format!(
                    "Follow-up for {}: {}",
                    sanitize(&done.customer.name),
                    follow_up_summary(&f.text, f.due, today)
                );
                (done.change, said)
            }),
            PromptKind::Snooze {
                follow_up_id,
                text: what,
            } => journaled(store, now, By::Tui, |s| {
                follow_ups::snooze(s, now, workdays, follow_up_id, &text)
            })
            .map(|done| {
                let said = snoozed(&done, &what, today);
                (done.change, said)
            }),
            // Handled above.
            PromptKind::Trigger { .. }
            | PromptKind::Balance { .. }
            | PromptKind::Order { .. }
            | PromptKind::Merge { .. }
            | PromptKind::Export
            | PromptKind::OutcomeNote { .. }
            | PromptKind::Resolution { .. }
            | PromptKind::Left { .. }
            | PromptKind::SnoozeNudge { .. }
            | PromptKind::Pause { .. } => return Ok(()),
        };
        match refusal(done)? {
            Ok((change, said)) => {
                self.overlay = None;
                self.committed(&change, said)?;
                match &change {
                    Change::Logged { customer_id, logged } => {
                        self.offer_to_close(*customer_id, logged.follow_up_id)
                    }
                    _ => Ok(()),
                }
            }
            Err(refused) => {
                let span = refused.span().unwrap_or(0..text.len());
                prompt.error = Some((refused.to_string(), span));
                Ok(())
            }
        }
    }

    /// `x` on the Week screen: writes the plan shown to `path` (the extension picks the
    /// format), whole or not at all.
    fn export_week(&mut self, path: &str) {
        let Some(week) = &self.week else {
            return;
        };
        let path = files::expand_home(path.trim(), files::home().as_deref());
        match export::save_week(&week.plan, self.now, &path) {
            Ok(_) => {
                let said = format!(
                    "Wrote {} for {} to {}",
                    items(week.plan.items.len()),
                    week.plan.week,
                    shown_path(&files::full(&path))
                );
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
    /// the error is on the prompt. Each prompt's line is split into the action's fields
    /// here ("kind: note", "give: note", "amount @when"); the action checks them.
    fn submit_relationship(
        &mut self,
        kind: &PromptKind,
        text: &str,
    ) -> anyhow::Result<Option<(Change, String)>> {
        let today = self.now.today();
        let (store, now) = (&mut *self.store, self.now);
        let done = match kind {
            PromptKind::Trigger { customer_id, .. } => match text.split_once(':') {
                Some((kind, note)) => journaled(store, now, By::Tui, |s| {
                    triggers::open(s, now, Who::Id(*customer_id), kind, note)
                })
                .map(|done| {
                    let t = &done.trigger;
                    let said = format!(
                        "Opened {} trigger for {}: {}",
                        t.kind.with_article(),
                        sanitize(&done.customer.name),
                        sanitize(&t.note)
                    );
                    Ok((done.change, said))
                }),
                None => Ok(Err(
                    "type the kind, a colon and a note: 'reactional: delivery 5 days late'".to_string(),
                )),
            },
            PromptKind::Balance { customer_id, .. } => match text.split_once(':') {
                Some((side, note)) => match side.parse::<Side>() {
                    Ok(side) => journaled(store, now, By::Tui, |s| {
                        balance::record(s, now, Who::Id(*customer_id), side, note)
                    })
                    .map(|done| {
                        let said = format!(
                            "{} {}: {}",
                            if side == Side::Give { "Gave" } else { "Asked" },
                            sanitize(&done.customer.name),
                            sanitize(&done.entry.note)
                        );
                        Ok((done.change, said))
                    }),
                    Err(e) => Ok(Err(format!("{e} — start with 'give:' or 'ask:'"))),
                },
                None => Ok(Err(
                    "start with 'give:' or 'ask:' and say what: 'give: christmas hamper'".to_string(),
                )),
            },
            PromptKind::Order { customer_id, .. } => {
                // The '@' stays with the day, as the CLI's `@WHEN` has it.
                let (amount, when) = match text.find('@') {
                    Some(at) => (&text[..at], Some(&text[at..])),
                    None => (text, None),
                };
                let config = &self.config;
                journaled(store, now, By::Tui, |s| {
                    orders::record(s, now, config, Who::Id(*customer_id), amount, when)
                })
                .map(|done| {
                    let o = &done.order;
                    let said = format!(
                        "Order of {} {} from {} ({})",
                        o.currency,
                        o.amount,
                        sanitize(&done.customer.name),
                        day(o.ordered_on, today)
                    );
                    Ok((done.change, said))
                })
            }
            _ => return Ok(None),
        };
        let refused = match refusal(done)? {
            Ok(Ok(done)) => return Ok(Some(done)),
            Ok(Err(syntax)) => syntax,
            Err(refused) => refused.to_string(),
        };
        if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
            prompt.error = Some((refused, 0..text.len()));
        }
        Ok(None)
    }

    pub(super) fn submit_form(&mut self) -> anyhow::Result<()> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return Ok(());
        };
        let today = self.now.today();
        let kind = form.kind.clone();
        if let FormKind::Record { .. } = kind {
            return self.submit_record();
        }
        if let FormKind::CloseMoment { id, .. } = kind {
            return self.submit_close_moment(id);
        }
        if let FormKind::Moment { customer_id, .. } = kind {
            let values: Vec<String> = (0..6).map(|i| form.value(i)).collect();
            let people = match parse_people(&values[5]) {
                Ok(people) => people,
                Err(bad) => {
                    form.error = Some(Refused::from(bad).to_string());
                    return Ok(());
                }
            };
            let input = MomentInput {
                title: &values[0],
                when: &values[1],
                concerns: &values[2],
                steps: &values[3],
                response: &values[4],
                outcome: "",
                people: &people,
            };
            let (now, workdays) = (self.now, self.config.week.workdays);
            let planned = match refusal(journaled(&mut *self.store, now, By::Tui, |s| {
                moments::plan(s, now, workdays, Who::Id(customer_id), &input)
            }))? {
                Ok(planned) => planned,
                Err(refused) => {
                    form.error = Some(refused.to_string());
                    return Ok(());
                }
            };
            self.overlay = None;
            let m = &planned.moment;
            let said = format!(
                "Planned “{}” for {} on {}",
                sanitize(&m.title),
                sanitize(&planned.customer.name),
                day(m.expected, today)
            );
            return self.committed(&planned.change, said);
        }
        let input = customer_input(form);
        let (store, now) = (&mut *self.store, self.now);
        let saved = journaled(store, now, By::Tui, |s| match &kind {
            FormKind::EditCustomer(before) => customers::edit(s, now, before, &input),
            _ => customers::add(s, now, &input),
        });
        let saved = match refusal(saved)? {
            Ok(saved) => saved,
            Err(refused) => {
                form.error = Some(refused.to_string());
                return Ok(());
            }
        };
        let c = &saved.customer;
        let said = if let FormKind::EditCustomer(_) = kind {
            format!("Saved {}", sanitize(&c.name))
        } else {
            format!(
                "Added {}{} · in touch every {}",
                sanitize(&c.name),
                saved.with_main_contact(),
                c.cadence
            )
        };
        let id = c.id;
        self.overlay = None;
        self.committed(&saved.change, said)?;
        self.customer = Some(super::customer::CustomerView::load(
            &*self.store,
            id,
            self.look(),
            &self.config,
        )?);
        self.screen = super::action::Screen::Customer;
        Ok(())
    }

    pub(super) fn done(&mut self) -> anyhow::Result<()> {
        let id = match self.screen {
            super::action::Screen::Agenda => self.agenda.selected_nudge().and_then(|n| n.follow_up_id),
            super::action::Screen::Customer => self
                .customer
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
            self.tell("Select a follow-up to mark done.");
            return Ok(());
        };
        let now = self.now;
        let done = journaled(&mut *self.store, now, By::Tui, |s| follow_ups::done(s, now, id))?;
        let said = format!("Done: “{}”", sanitize(&done.follow_up.text));
        self.committed(&done.change, said)
    }

    /// `u`: undoes the newest action on the book's journal, whoever made it (this
    /// session, an earlier one, the command line). One that cannot be undone any more
    /// says why and is passed over from then on (see `store::Undo::undo_latest`); the
    /// status line says what the next `u` would take back.
    pub(super) fn undo_last(&mut self) -> anyhow::Result<()> {
        let now = self.now;
        match undo::last(&mut *self.store, now)? {
            Undid::Nothing => self.tell("Nothing to undo."),
            Undid::Undone { entry, change } => {
                self.refresh_views(changes_index(&change))?;
                self.say(format!(
                    "Undone: {} ({})",
                    sanitize(&entry.said),
                    local_time(entry.at, now)
                ));
            }
            Undid::Refused { entry, refused, next } => {
                let then = match next {
                    Some(next) => format!("u again undoes “{}”", sanitize(&next.said)),
                    None => "nothing older to undo".to_string(),
                };
                // "Can't undo" says nothing changed; the status line has room for why.
                let text = format!("Can't undo {}: {} — {then}", sanitize(&entry.said), refused.why);
                // Show what the other process wrote, which is why.
                self.refresh_views(true)?;
                self.refuse(text);
            }
        }
        Ok(())
    }

    /// After a change is committed (with its entry on the undo journal): refresh the
    /// views, say what happened.
    pub(super) fn committed(&mut self, change: &Change, said: String) -> anyhow::Result<()> {
        self.refresh_views(changes_index(change))?;
        self.say(said);
        Ok(())
    }
}

/// The customer form's fields; the tags are words.
fn customer_input(form: &Form) -> CustomerInput {
    CustomerInput {
        name: form.value(0),
        company: form.value(1),
        email: form.value(2),
        phone: form.value(3),
        cadence: form.value(4),
        tags: form.value(5).split_whitespace().map(str::to_string).collect(),
        // Unchanged notes stay as they are, lines and all.
        notes: form.changed(6),
    }
}

/// An action's outcome, with what it refused apart from what failed: a refusal stays on
/// the prompt or form for the user to correct, a failure goes to the status line.
pub(super) fn refusal<T>(result: anyhow::Result<T>) -> anyhow::Result<Result<T, Refused>> {
    match result {
        Ok(done) => Ok(Ok(done)),
        Err(e) => match e.downcast::<Refused>() {
            Ok(refused) => Ok(Err(refused)),
            Err(e) => Err(e),
        },
    }
}

/// Whether a change touches what the customers filter searches (names, companies, emails,
/// tags).
fn changes_index(change: &Change) -> bool {
    match change {
        // Archiving moves a customer between the filter's active entries and its archive.
        Change::CustomerAdded { .. }
        | Change::CustomerEdited { .. }
        | Change::CustomerArchived { .. }
        | Change::Merged { .. }
        | Change::CustomerDeleted { .. }
        // The main contact's name and e-mail are the customer's (the in-step rule).
        | Change::PersonAdded { .. }
        | Change::PersonEdited { .. }
        | Change::MainPersonSet { .. } => true,
        Change::Logged { logged, .. } => !logged.tags_added.is_empty(),
        _ => false,
    }
}

/// "Snoozed “call back” until Mon 30 Nov", or "Moved earlier: …" when it was.
fn snoozed(done: &follow_ups::Done, what: &str, today: chrono::NaiveDate) -> String {
    let moved = if done.moved_earlier() {
        "Moved earlier:"
    } else {
        "Snoozed"
    };
    format!(
        "{moved} “{}” until {}",
        sanitize(what),
        day(done.follow_up.due, today)
    )
}
