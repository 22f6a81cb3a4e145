//! `archive` and `unarchive`: the use case does the work; this says what it did.

use std::io::Write as _;

use super::json::{CustomerJson, ShelvedJson};
use super::{Ctx, print_json};
use crate::app::Who;
use crate::app::archive::{self, Shelved};
use crate::app::undo::journaled;
use crate::domain::text::sanitize;
use crate::store::By;

pub fn archive(cx: &mut Ctx, customer: &str, json: bool) -> anyhow::Result<()> {
    let shelved = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        archive::archive(s, cx.now, Who::Typed(customer))
    })?;
    let c = &shelved.customer;
    let (name, id) = (sanitize(&c.name), c.id);
    let said = if shelved.change.is_some() {
        format!(
            "Archived {name} — hidden from the agenda, lists and the week; `touchbase unarchive {id}` brings it back"
        )
    } else {
        format!("{name} is already archived — nothing changed; `touchbase unarchive {id}` brings it back")
    };
    tell(cx, &shelved, json, &said)
}

pub fn unarchive(cx: &mut Ctx, customer: &str, json: bool) -> anyhow::Result<()> {
    let shelved = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        archive::unarchive(s, cx.now, Who::Typed(customer))
    })?;
    let name = sanitize(&shelved.customer.name);
    let said = if shelved.change.is_some() {
        format!("Unarchived {name} — back in the agenda, lists and the week")
    } else {
        format!("{name} is not archived — nothing changed")
    };
    tell(cx, &shelved, json, &said)
}

fn tell(cx: &mut Ctx, shelved: &Shelved, json: bool, said: &str) -> anyhow::Result<()> {
    if json {
        // With the next follow-up, as `list --json` shows a customer: archiving keeps it.
        let next_follow_up = cx
            .store
            .customer_rows(&[shelved.customer.id])?
            .first()
            .and_then(|row| row.next_follow_up);
        let shown = ShelvedJson {
            customer: CustomerJson::new(&shelved.customer, next_follow_up),
            changed: shelved.change.is_some(),
        };
        return print_json(&mut cx.out, &shown);
    }
    writeln!(cx.out, "{said}")?;
    Ok(())
}
