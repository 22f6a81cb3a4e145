//! Logging a contact from one quick-log line, all or nothing: the contact, its follow-up,
//! tags, a give for a gift, a trigger for a complaint. Knows the line's rules (in
//! `domain::quicklog`), not where it was typed.

use super::customers::{Who, find};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::Kind;
use crate::domain::quicklog;
use crate::store::{Book, Change, Journaled, Logged};

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
        let said = format!("logged {a} {kind} with {}", self.customer.name);
        Some(entry(said, &self.change))
    }
}

pub fn contact(store: &mut dyn Book, now: Now, who: Who<'_>, line: &str) -> anyhow::Result<Contact> {
    let parsed = quicklog::parse(line, now.today()).map_err(Refused::from)?;
    let customer = find(store, who)?;
    let logged = store.log_contact(customer.id, &parsed, now.utc)?;
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
