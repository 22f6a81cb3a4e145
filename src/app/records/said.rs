//! The sentences both front ends show after an edit or a delete: "Edited the call of Tue
//! 1 Dec with Acme: note", "Deleted the order of EUR 1,250.00 for Acme". Typed text is
//! made safe to show here, once.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike as _, NaiveDate, Utc};

use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::prose::and_list;
use crate::domain::text::sanitize;
use crate::store::{Record, RecordCounts, Row};

/// "the call of Tue 1 Dec with Acme", "the order of EUR 1,250.00 for Acme".
pub(super) fn the(row: &Row, customer: &Customer, now: Now) -> String {
    let who = sanitize(&customer.name);
    match row {
        Row::Contact(c) => format!("the {} of {} with {who}", c.kind, when(c.at, now)),
        Row::FollowUp(f) => format!("the follow-up “{}” for {who}", sanitize(&f.text)),
        Row::Moment(m) => format!("the moment “{}” of {who}", sanitize(&m.title)),
        Row::Trigger(t) => format!("the {} trigger “{}” of {who}", t.kind, sanitize(&t.note)),
        Row::Entry(e) => format!("the {} “{}” for {who}", e.side, sanitize(&e.note)),
        Row::Order(o) => format!("the order of {} {} for {who}", sanitize(&o.currency), o.amount),
    }
}

/// "Edited the call of Tue 1 Dec with Acme: note and satisfaction".
pub(super) fn edited(after: &Row, customer: &Customer, now: Now, fields: &[&str]) -> String {
    format!("Edited {}: {}", the(after, customer, now), and_list(fields))
}

/// "Deleted the call of Tue 1 Dec with Acme (its follow-up is kept)".
pub(super) fn deleted(row: &Row, customer: &Customer, now: Now, unlinked: &[Record]) -> String {
    let mut said = format!("Deleted {}", the(row, customer, now));
    if !unlinked.is_empty() {
        let names: Vec<&str> = unlinked
            .iter()
            .map(|r| match r {
                Record::FollowUp(_) => "follow-up",
                Record::Entry(_) => "give",
                _ => "trigger",
            })
            .collect();
        let verb = if names.len() == 1 { "is" } else { "are" };
        let _ = write!(said, " (its {} {verb} kept)", and_list(&names));
    }
    said
}

/// "2 contacts and 1 order"; empty when nothing is recorded.
pub(super) fn counted(n: &RecordCounts) -> String {
    and_list(&n.named())
}

/// "Tue 1 Dec", with the year when it is not this year.
fn when(at: DateTime<Utc>, now: Now) -> String {
    date(now.day(at), now.today())
}

pub(super) fn date(d: NaiveDate, today: NaiveDate) -> String {
    let format = if d.year() == today.year() {
        "%a %-d %b"
    } else {
        "%a %-d %b %Y"
    };
    d.format(format).to_string()
}
