//! Logging a contact from one quick-log line, all or nothing: the contact, its follow-up,
//! tags, a give for a gift, a trigger for a complaint. Knows the line's rules (in
//! `domain::quicklog`), not where it was typed.

use super::customers::{Who, find};
use super::refused::Refused;
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::quicklog;
use crate::store::{Book, Change, Logged};

/// What a logged line recorded (the parsed line is `logged.line`), for whom, and how to
/// take it back.
#[derive(Debug, Clone)]
pub struct Contact {
    pub customer: Customer,
    pub logged: Logged,
    pub change: Change,
}

/// Logs `line` for the customer `who` names. The contact is recorded at its own time (the
/// line's `yesterday:`, `mon 14:30:`, read on the user's wall clock), else now; a follow-up
/// it plans is due relative to today either way.
pub fn contact(store: &mut dyn Book, now: Now, who: Who<'_>, line: &str) -> anyhow::Result<Contact> {
    let parsed = quicklog::parse(line, now.local().naive_local()).map_err(Refused::from)?;
    let customer = find(store, who)?;
    // Never after now, even where a clock change moved the wall-clock time on.
    let at = parsed.at.map_or(now.utc, |wall| now.instant(wall).min(now.utc));
    let logged = store.log_contact(customer.id, &parsed, at)?;
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
