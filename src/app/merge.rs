//! Merging duplicates: two customers that are one (an import under another spelling, a
//! second e-mail address) become the one kept, undoably. Knows which customers are meant
//! and what may not be merged; what a merge moves and fills is the store contract's.

use super::customers::{Shelf, Who, find_including_archived};
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::prose::and_list;
use crate::store::{Book, Change, Journaled, Merge, MergeRefused};

/// A merge done: the customer kept as it left them, what it did, and how to take it back.
#[derive(Debug, Clone)]
pub struct Merged {
    pub customer: Customer,
    pub merge: Merge,
    pub change: Change,
}

impl Undoable for Merged {
    fn journaled(&self) -> Option<Journaled> {
        let m = &self.merge;
        Some(entry(
            format!("merged {} into {}", m.other.name, m.keep_name),
            &self.change,
        ))
    }
}

/// The two customers `keep` and `other` name, refused when they are one, or either is
/// archived (found there too, so that the refusal can say so).
fn pair(store: &dyn Book, keep: Who<'_>, other: Who<'_>) -> anyhow::Result<(Customer, Customer)> {
    let keep = find_including_archived(store, keep, Shelf::Active)?;
    let other = find_including_archived(store, other, Shelf::Active)?;
    if keep.id == other.id {
        return Err(MergeRefused::Same { name: keep.name }.into());
    }
    for c in [&keep, &other] {
        if c.archived {
            return Err(MergeRefused::Archived { name: c.name.clone() }.into());
        }
    }
    Ok((keep, other))
}

/// What merging `other` into `keep` would do, changing nothing.
pub fn preview(store: &mut dyn Book, now: Now, keep: Who<'_>, other: Who<'_>) -> anyhow::Result<Merge> {
    let (keep, other) = pair(store, keep, other)?;
    store.preview_merge(keep.id, other.id, now.utc)
}

/// Merges `other` into `keep`.
pub fn merge(store: &mut dyn Book, now: Now, keep: Who<'_>, other: Who<'_>) -> anyhow::Result<Merged> {
    let (keep, other) = pair(store, keep, other)?;
    let merge = store.merge_customers(keep.id, other.id, now.utc)?;
    let customer = store.require_customer(keep.id)?;
    let change = Change::Merged {
        merge: Box::new(merge.clone()),
    };
    Ok(Merged {
        customer,
        merge,
        change,
    })
}

/// What a merge does, in a sentence: "Beta BV into Acme: moves 3 contacts and 1 order,
/// fills in the e-mail".
#[must_use]
pub fn said(m: &Merge) -> String {
    let mut parts = Vec::new();
    let moved = m.moved.counts();
    if !moved.is_empty() {
        parts.push(format!("moves {}", and_list(&moved)));
    }
    let filled = m.filled.names();
    if !filled.is_empty() {
        parts.push(format!("fills in the {}", and_list(&filled)));
    }
    if !m.tags_added.is_empty() {
        let tags: Vec<String> = m.tags_added.iter().map(|t| format!("#{t}")).collect();
        parts.push(format!("adds {}", tags.join(" ")));
    }
    let did = if parts.is_empty() {
        "nothing to move".to_string()
    } else {
        parts.join(", ")
    };
    format!("{} into {}: {did}", m.other.name, m.keep_name)
}
