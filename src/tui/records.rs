//! Editing and deleting the row selected on the customer card (and editing the follow-up
//! of an Agenda or Week row): `e` opens a form prefilled with the record's fields, `x` asks
//! in the footer whether to delete it. Each reads what
//! was typed into a patch with the use case's own readers, calls one use case
//! (`app::records`), and shows its outcome — a refusal on the form, a change on the status
//! line with `u` to undo it. The rules are the use cases', not this file's.

use super::action::Screen;
use super::app::{App, Overlay};
use super::customer::Selected;
use super::edits::refusal;
use super::form::{Form, FormKind};
use super::theme::Theme;
use crate::app::Refused;
use crate::app::moments;
use crate::app::records::{
    self, ContactPatch, EntryPatch, FollowUpPatch, MomentPatch, OrderPatch, Record, Row, TriggerPatch,
};
use crate::app::undo::journaled;
use crate::clock::Now;
use crate::domain::moment::{parse_people, people_text};
use crate::domain::text::sanitize;
use crate::human::day;
use crate::store::{By, Change};

const CONTACT_FIELDS: [&str; 4] = ["Kind", "When", "Note", "Satisfied"];
const FOLLOW_UP_FIELDS: [&str; 2] = ["Text", "Due"];
const MOMENT_FIELDS: [&str; 8] = [
    "Title", "When", "Concerns", "Steps", "Response", "Status", "Outcome", "People",
];
const TRIGGER_FIELDS: [&str; 3] = ["Kind", "Note", "Resolved"];
const ENTRY_FIELDS: [&str; 3] = ["Side", "Note", "When"];
const ORDER_FIELDS: [&str; 3] = ["Amount", "Date", "Note"];

/// The question before a delete, in the footer: only `y` deletes.
pub struct Confirm {
    pub record: Record,
    /// The record in words: "the call of Tue 1 Dec".
    pub what: String,
    pub theme: Theme,
}

impl Confirm {
    pub fn question(&self) -> String {
        format!("Delete {}? y/n", self.what)
    }
}

impl Selected<'_> {
    /// The record as stored, for the form to keep; a person has no form here (yet) and
    /// is not deleted, only marked as left.
    fn row(self) -> Option<Row> {
        Some(match self {
            Selected::FollowUp(r) => Row::FollowUp(r.clone()),
            Selected::Moment(r) => Row::Moment(r.clone()),
            Selected::Contact(r) => Row::Contact(r.clone()),
            Selected::Trigger(r) => Row::Trigger(r.clone()),
            Selected::Entry(r) => Row::Entry(r.clone()),
            Selected::Order(r) => Row::Order(r.clone()),
            Selected::Person(_) => return None,
        })
    }
}

/// The record in words, as the question and the form's title name it.
fn what(row: &Row, now: Now) -> String {
    let today = now.today();
    let on = |at| day(now.day(at), today);
    match row {
        Row::Contact(i) => format!("the {} of {}", i.kind, on(i.at)),
        Row::FollowUp(f) => format!("the follow-up “{}”", sanitize(&f.text)),
        Row::Moment(m) => format!("the moment “{}”", sanitize(&m.title)),
        Row::Trigger(t) => format!("the {} trigger of {}", t.kind, on(t.opened_at)),
        Row::Entry(e) => format!("the {} of {}", e.side, on(e.at)),
        Row::Order(o) => format!(
            "the order of {} {} on {}",
            o.currency,
            o.amount,
            day(o.ordered_on, today)
        ),
    }
}

/// A local time as the form shows it and the use case reads it back.
fn local(now: Now, at: chrono::DateTime<chrono::Utc>) -> String {
    now.zone().local(at).format("%Y-%m-%d %H:%M").to_string()
}

/// The form for `row`, each field holding what the record holds.
fn form(row: Row, now: Now, theme: Theme) -> Form {
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let (labels, values, hints): (&'static [&'static str], Vec<String>, &[&str]) = match &row {
        Row::Contact(i) => (
            &CONTACT_FIELDS,
            vec![
                i.kind.to_string(),
                local(now, i.at),
                i.note.clone(),
                i.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
            ],
            &[
                "call, email, meeting, visit, …",
                "2026-11-30 14:30, yesterday",
                "",
                "1 to 5; empty: none",
            ],
        ),
        Row::FollowUp(f) => (
            &FOLLOW_UP_FIELDS,
            vec![f.text.clone(), iso(f.due)],
            &["", "fri, +3d, 2026-12-01"],
        ),
        Row::Moment(m) => (
            &MOMENT_FIELDS,
            vec![
                m.title.clone(),
                iso(m.expected),
                m.concerns.clone(),
                m.steps.clone(),
                m.response.clone(),
                m.status.to_string(),
                m.outcome_note.clone(),
                people_text(&m.people),
            ],
            &[
                "",
                "fri, +2w, 2026-12-10",
                "",
                "",
                "",
                "upcoming, won, lost or passed",
                "how it went: lost on price to Heller",
                super::form::PEOPLE_HINT,
            ],
        ),
        Row::Trigger(t) => (
            &TRIGGER_FIELDS,
            vec![t.kind.to_string(), t.note.clone(), t.resolution_note.clone()],
            &[
                "situational, reactional or influential",
                "",
                "how: sent a counter-offer at -5%",
            ],
        ),
        Row::Entry(e) => (
            &ENTRY_FIELDS,
            vec![e.side.to_string(), e.note.clone(), local(now, e.at)],
            &["give or ask", "", "2026-11-30 14:30, yesterday"],
        ),
        Row::Order(o) => (
            &ORDER_FIELDS,
            vec![o.amount.to_string(), iso(o.ordered_on), o.note.clone()],
            &["1250.50", "2026-11-20", ""],
        ),
    };
    // "Edit the call of Mon 16 Nov".
    let title = format!("Edit {}", what(&row, now));
    let kind = FormKind::Record {
        row: Box::new(row),
        title,
    };
    Form::new(kind, labels, &values, hints, theme)
}

/// A changed field read by the use case's reader; `None` when it was left as it was.
fn read<T>(
    field: Option<String>,
    reader: impl FnOnce(&str) -> Result<T, Refused>,
) -> Result<Option<T>, Refused> {
    field.map(|typed| reader(&typed)).transpose()
}

impl App {
    /// `e`: on the card with a row selected, the form for that record; on a follow-up's
    /// row of the Agenda or the Week, the follow-up's; else the customer's form.
    pub(super) fn edit_selected(&mut self) -> anyhow::Result<()> {
        if let Some(selected) = self.selected_row() {
            match selected.row() {
                Some(row) => {
                    let form = form(row, self.now, self.theme);
                    self.form(form);
                }
                None => {
                    if let Selected::Person(p) = selected {
                        let said = super::reach::no_person_form(p);
                        self.tell(said);
                    }
                }
            }
            return Ok(());
        }
        if let Some(id) = self.listed_follow_up() {
            let follow_up = self.store.require_follow_up(id)?;
            self.form(form(Row::FollowUp(follow_up), self.now, self.theme));
            return Ok(());
        }
        match self.target_customer() {
            Some((id, _)) => {
                let c = self.store.require_customer(id)?;
                self.form(Form::edit_customer(&c, self.theme));
            }
            None => self.tell("Select a customer to edit."),
        }
        Ok(())
    }

    /// The follow-up the selected row of the Agenda or the Week is about.
    fn listed_follow_up(&self) -> Option<i64> {
        match self.screen {
            Screen::Agenda => self.agenda.selected_nudge()?.follow_up_id,
            Screen::Week => self.week.as_ref()?.selected_item()?.follow_up_id,
            Screen::Customers | Screen::Customer => None,
        }
    }

    /// `]` / `[` on the card.
    pub(super) fn focus_list(&mut self, forward: bool) {
        if let Some(card) = self.customer.as_mut().filter(|_| self.screen == Screen::Customer) {
            card.focus_next(forward);
        }
    }

    /// The row selected on the card shown.
    pub(super) fn selected_row(&self) -> Option<Selected<'_>> {
        let card = self
            .customer
            .as_ref()
            .filter(|_| self.screen == Screen::Customer)?;
        card.selected()
    }

    /// `x` on the card: asks whether to delete the selected row.
    pub(super) fn ask_delete(&mut self) {
        let Some(selected) = self.selected_row() else {
            self.tell("Select a row to delete: ] picks a list, j/k a row in it.");
            return;
        };
        let Some(row) = selected.row() else {
            self.tell("A person is not deleted: L marks them as left.");
            return;
        };
        let confirm = Confirm {
            record: row.record(),
            what: what(&row, self.now),
            theme: self.theme,
        };
        self.overlay = Some(Overlay::Confirm(Box::new(confirm)));
    }

    /// `y` to the question: deletes the record.
    pub(super) fn confirm_delete(&mut self) -> anyhow::Result<()> {
        let Some(Overlay::Confirm(confirm)) = self.overlay.take() else {
            return Ok(());
        };
        let now = self.now;
        let deleted = journaled(&mut *self.store, now, By::Tui, |s| {
            records::delete(s, now, confirm.record)
        })?;
        self.committed(&deleted.change, deleted.said)
    }

    /// Any other key to the question: nothing is deleted.
    pub(super) fn keep(&mut self) {
        if let Some(Overlay::Confirm(confirm)) = self.overlay.take() {
            self.tell(format!("Kept {}", confirm.what));
        }
    }

    /// Enter in a record's form: the changed fields as a patch, through the use case. A
    /// refusal stays on the form with what was typed; nothing changed closes it.
    pub(super) fn submit_record(&mut self) -> anyhow::Result<()> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return Ok(());
        };
        let FormKind::Record { row, .. } = &form.kind else {
            return Ok(());
        };
        if (0..form.fields.len()).all(|i| form.changed(i).is_none()) {
            self.overlay = None;
            self.tell("Nothing changed.");
            return Ok(());
        }
        let (store, now) = (&mut *self.store, self.now);
        let f = |i: usize| form.changed(i);
        let saved: Result<anyhow::Result<(Change, String)>, Refused> = (|| {
            Ok(match &**row {
                Row::Contact(r) => {
                    let patch = ContactPatch {
                        kind: read(f(0), records::kind)?,
                        at: read(f(1), |t| records::contact_time(now, t))?,
                        note: f(2),
                        satisfaction: read(f(3), records::satisfaction)?,
                        person_id: None,
                    };
                    journaled(store, now, By::Tui, |s| {
                        records::edit_contact(s, now, r.id, &patch)
                    })
                    .map(|e| (e.change, e.said))
                }
                Row::FollowUp(r) => {
                    let patch = FollowUpPatch {
                        text: f(0),
                        due: read(f(1), |t| records::day(now, t))?,
                    };
                    journaled(store, now, By::Tui, |s| {
                        records::edit_follow_up(s, now, r.id, &patch)
                    })
                    .map(|e| (e.change, e.said))
                }
                Row::Moment(r) => {
                    let patch = MomentPatch {
                        title: f(0),
                        expected: read(f(1), |t| records::day(now, t))?,
                        concerns: f(2),
                        steps: f(3),
                        response: f(4),
                        status: read(f(5), records::status)?,
                        outcome_note: f(6),
                        people: None,
                    };
                    // The field names the whole set: every part is replaced.
                    let people = read(f(7), |t| parse_people(t).map_err(Refused::from))?.unwrap_or_default();
                    journaled(store, now, By::Tui, |s| {
                        moments::edit(s, now, r.id, &patch, &people)
                    })
                    .map(|e| (e.change, e.said))
                }
                Row::Trigger(r) => {
                    let patch = TriggerPatch {
                        kind: read(f(0), records::trigger_kind)?,
                        note: f(1),
                        resolution_note: f(2),
                    };
                    journaled(store, now, By::Tui, |s| {
                        records::edit_trigger(s, now, r.id, &patch)
                    })
                    .map(|e| (e.change, e.said))
                }
                Row::Entry(r) => {
                    let patch = EntryPatch {
                        side: read(f(0), records::side)?,
                        note: f(1),
                        at: read(f(2), |t| records::contact_time(now, t))?,
                    };
                    journaled(store, now, By::Tui, |s| records::edit_entry(s, now, r.id, &patch))
                        .map(|e| (e.change, e.said))
                }
                Row::Order(r) => {
                    let patch = OrderPatch {
                        amount: read(f(0), records::amount)?,
                        ordered_on: read(f(1), |t| records::order_day(now, t))?,
                        note: f(2),
                    };
                    journaled(store, now, By::Tui, |s| records::edit_order(s, now, r.id, &patch))
                        .map(|e| (e.change, e.said))
                }
            })
        })();
        let saved = match saved {
            Ok(result) => refusal(result)?,
            Err(refused) => Err(refused),
        };
        match saved {
            Ok((change, said)) => {
                self.overlay = None;
                self.committed(&change, said)
            }
            Err(refused) => {
                form.error = Some(refused.to_string());
                Ok(())
            }
        }
    }
}
