//! `merge KEEP OTHER`: the use case does the work; this says what it did.

use std::io::Write as _;

use serde::Serialize;

use super::json::CustomerJson;
use super::{Ctx, print_json};
use crate::app::Who;
use crate::app::merge;
use crate::app::undo::journaled;
use crate::domain::text::sanitize;
use crate::store::{By, Merge};

/// `merge --json`: the customer kept, as `list --json` shows one, and what the merge did.
#[derive(Serialize)]
struct MergedJson<'a> {
    #[serde(flatten)]
    customer: CustomerJson<'a>,
    merged: MergeJson<'a>,
}

#[derive(Serialize)]
struct MergeJson<'a> {
    /// The id and name the merged customer had.
    id: i64,
    name: &'a str,
    /// How many records of each kind moved.
    moved: MovedJson,
    /// The fields that were empty and took the merged customer's value.
    filled: Vec<&'static str>,
    tags_added: &'a [String],
}

#[derive(Serialize)]
struct MovedJson {
    contacts: usize,
    follow_ups: usize,
    moments: usize,
    triggers: usize,
    balance_entries: usize,
    orders: usize,
}

impl<'a> From<&'a Merge> for MergeJson<'a> {
    fn from(m: &'a Merge) -> MergeJson<'a> {
        let moved = &m.moved;
        MergeJson {
            id: m.other.id,
            name: &m.other.name,
            moved: MovedJson {
                contacts: moved.contacts.len(),
                follow_ups: moved.follow_ups.len(),
                moments: moved.moments.len(),
                triggers: moved.triggers.len(),
                balance_entries: moved.balance_entries.len(),
                orders: moved.orders.len(),
            },
            filled: m.filled.names(),
            tags_added: &m.tags_added,
        }
    }
}

pub fn merge(cx: &mut Ctx, keep: &str, other: &str, json: bool) -> anyhow::Result<()> {
    let now = cx.now;
    let merged = journaled(&mut *cx.store, now, By::Cli, |s| {
        merge::merge(s, now, Who::Typed(keep), Who::Typed(other))
    })?;
    if json {
        let next_follow_up = cx
            .store
            .customer_rows(&[merged.customer.id])?
            .first()
            .and_then(|row| row.next_follow_up);
        let shown = MergedJson {
            customer: CustomerJson::new(&merged.customer, next_follow_up),
            merged: MergeJson::from(&merged.merge),
        };
        return print_json(&mut cx.out, &shown);
    }
    let m = &merged.merge;
    writeln!(
        cx.out,
        "Merged {}; “{}” still finds {}",
        sanitize(&merge::said(m)),
        sanitize(&m.other.name),
        sanitize(&m.keep_name)
    )?;
    Ok(())
}
