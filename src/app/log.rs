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
use crate::domain::person::Person;
use crate::domain::quicklog::{self, Named, QuickLogError};
use crate::domain::whom::{self, Whom};
use crate::domain::workdays::Workdays;
use crate::store::{Book, CannotClose, Change, Journaled, Logged};

/// What a logged line recorded (the parsed line is `logged.line`), for whom, and how to
/// take it back.
#[derive(Debug, Clone)]
pub struct Contact {
    pub customer: Customer,
    /// The person the line named, `None` when it named no one (the main contact).
    pub with: Option<Person>,
    pub logged: Logged,
    pub change: Change,
}

impl Undoable for Contact {
    fn journaled(&self) -> Option<Journaled> {
        let kind = self.logged.line.kind;
        let a = if kind == Kind::Email { "an" } else { "a" };
        let with = match &self.with {
            Some(p) => format!("{} at {}", p.name, whom::account(&self.customer)),
            None => self.customer.name.clone(),
        };
        let said = format!(
            "logged {a} {kind} with {with}{}",
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
/// it plans is due relative to today either way. It was with the person the line names
/// (`call anna yesterday:`), found among the customer's people (one indexed read, only
/// for a line that names someone), else with the main contact; a name that fits no one,
/// or several, is refused marking it and listing whom it could be, and nothing is saved.
pub fn contact(
    store: &mut dyn Book,
    now: Now,
    workdays: Workdays,
    who: Who<'_>,
    line: &str,
) -> anyhow::Result<Contact> {
    let mut parsed = quicklog::read_on(line, now.local().naive_local(), workdays).map_err(Refused::from)?;
    let customer = find(store, who)?;
    let with = match &parsed.with {
        Some(named) => Some(person_named(store, &customer, named, || {
            // Words that name no one and hold no time: first what they are not as a time,
            // as such a line was always refused.
            parsed
                .at
                .is_none()
                .then(|| quicklog::parse_on(line, now.local().naive_local(), workdays).err())
                .flatten()
        })?),
        // `log jan "call: …"`: the contact is with the person the customer was found by.
        None => match who {
            Who::Typed(typed) => super::customers::person_meant(store, &customer, typed)?,
            Who::Id(_) => None,
        },
    };
    parsed.person_id = with.as_ref().map(|p| p.id);
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
        with,
        logged,
        change,
    })
}

/// The one person at `customer` that `named` names, else the line's error marking the
/// name and listing the people it could be. Where the words are no time either (`no_time`
/// says how, as such a line was always refused), both: the time's refusal first when the
/// words hold a digit, marking what it marks.
fn person_named(
    store: &dyn Book,
    customer: &Customer,
    named: &Named,
    no_time: impl FnOnce() -> Option<QuickLogError>,
) -> anyhow::Result<Person> {
    let people = store.people_of(customer.id)?;
    let account = whom::account(customer);
    let refused = match whom::pick(&people, &named.words) {
        Whom::One(person) => return Ok(person.clone()),
        Whom::NoOne => {
            let no_one = whom::no_one(&named.words, account, &people);
            match no_time() {
                // Digits are a time mistyped ("3 times", "mon 25:00"): that first.
                Some(no_time) if named.words.bytes().any(|b| b.is_ascii_digit()) => QuickLogError {
                    message: format!(
                        "{}; nor is '{}' anyone at {account} — {}",
                        no_time.message,
                        named.words,
                        whom::listed(&people)
                    ),
                    span: no_time.span,
                },
                Some(no_time) => QuickLogError {
                    message: format!("{no_one}; and {}", no_time.message),
                    span: named.span.clone(),
                },
                None => QuickLogError {
                    message: no_one,
                    span: named.span.clone(),
                },
            }
        }
        Whom::Several(found) => QuickLogError {
            message: whom::several(&named.words, account, &found),
            span: named.span.clone(),
        },
    };
    Err(Refused::Line(refused).into())
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
