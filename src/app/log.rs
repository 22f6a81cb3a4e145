//! Logging a contact from one quick-log line, all or nothing: the contact, its follow-up,
//! tags, a give for a gift, a trigger for a complaint, the open follow-ups it closes. Knows the line's rules (in
//! `domain::quicklog`), not where it was typed.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::customers::{Who, find};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::FollowUp;
use crate::domain::Kind;
use crate::domain::quicklog::{self, QuickLogError};
use crate::domain::workdays::Workdays;
use crate::store::{Book, CannotClose, Change, Journaled, Logged};

/// What a logged line recorded (the parsed line is `logged.line`), for whom, and how to
/// take it back.
#[derive(Debug, Clone)]
pub struct Contact {
    pub customer: Customer,
    pub logged: Logged,
    pub change: Change,
}

impl Undoable for Contact {
    fn journaled(&self) -> Option<Journaled> {
        let kind = self.logged.line.kind;
        let a = if kind == Kind::Email { "an" } else { "a" };
        let said = format!(
            "logged {a} {kind} with {}{}",
            self.customer.name,
            closed(&self.logged.closed, " and closed ")
        );
        Some(entry(said, &self.change))
    }
}

/// What a line's `!done` or `!ID` closed, after `lead`: " · closed “Send proposal”",
/// " · closed “A” and “B”", " · closed 3 follow-ups"; empty when it closed none.
pub fn closed(follow_ups: &[FollowUp], lead: &str) -> String {
    match follow_ups {
        [] => String::new(),
        [one] => format!("{lead}“{}”", one.text),
        [a, b] => format!("{lead}“{}” and “{}”", a.text, b.text),
        many => format!("{lead}{} follow-ups", many.len()),
    }
}

/// The instant a contact's time on the user's wall clock names, as every contact's time is
/// stored (the line's `yesterday:`, an edit's `--at`): never after now, even where a clock
/// change moved the wall-clock time on.
pub(crate) fn happened_at(now: Now, wall: NaiveDateTime) -> DateTime<Utc> {
    now.instant(wall).min(now.utc)
}

/// Logs `line` for the customer `who` names. The contact is recorded at its own time (the
/// line's `yesterday:`, `mon 14:30:`, read on the user's wall clock), else now; a follow-up
/// it plans is due relative to today either way.
pub fn contact(
    store: &mut dyn Book,
    now: Now,
    workdays: Workdays,
    who: Who<'_>,
    line: &str,
) -> anyhow::Result<Contact> {
    let parsed = quicklog::parse_on(line, now.local().naive_local(), workdays).map_err(Refused::from)?;
    let customer = find(store, who)?;
    let at = parsed.at.map_or(now.utc, |wall| happened_at(now, wall));
    let logged = store
        .log_contact(customer.id, &parsed, at)
        .map_err(|e| marked(e, line))?;
    let change = Change::Logged {
        customer_id: customer.id,
        logged: logged.clone(),
    };
    Ok(Contact {
        customer,
        logged,
        change,
    })
}

/// The book's refusal of a `!done` or `!ID` as the line's own error, marking the marker.
fn marked(e: anyhow::Error, line: &str) -> anyhow::Error {
    match e.downcast::<CannotClose>() {
        Ok(cannot) => {
            let span = quicklog::close_span(line, cannot.id()).unwrap_or(0..line.len());
            Refused::Line(QuickLogError {
                message: cannot.to_string(),
                span,
            })
            .into()
        }
        Err(e) => e,
    }
}
