//! Undoing an added, edited or archived customer: only while their fields (or the flag)
//! hold what the change wrote, and an add only while nothing at all was recorded for them.
//! Other records' undo is `undo.rs`'s.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::checks::{self, customer_fields};
use super::{refuse, without};
use crate::domain::prose::and_list;
use crate::store::sqlite::customers::{FieldsToSet, set_fields};
use crate::store::sqlite::sql::ts;
use crate::store::{CustomerFields, MergedRow};

/// A customer goes only while nothing at all was recorded for them and their fields are
/// as the add wrote them. Their rows are counted, never left to ON DELETE CASCADE.
pub(super) fn undo_add(tx: &Connection, id: i64, added: &CustomerFields) -> anyhow::Result<()> {
    let what = format!("adding {}", added.name);
    let Some((fields, archived)) = checks::customer_row(tx, id)? else {
        return Err(refuse(what, "they were deleted since"));
    };
    let records = checks::records_of(tx, id)?;
    if !records.is_empty() {
        let were = if records.len() == 1 && records[0].starts_with("1 ") {
            "was"
        } else {
            "were"
        };
        return Err(refuse(what, format!("{} {were} added since", and_list(&records))));
    }
    let edited = checks::differing(added, &fields);
    if !edited.is_empty() {
        return Err(refuse(what, changed_since(&edited)));
    }
    if archived {
        return Err(refuse(what, "they were archived since"));
    }
    tx.execute("DELETE FROM customers WHERE id = ?1", [id])
        .context("removing the added customer")?;
    Ok(())
}

/// Puts back the fields the edit changed, each only if it still holds what the edit wrote.
/// Tags are a set: the edit's additions are taken away and its removals put back, so tags
/// another process added or removed since stay as they are.
pub(super) fn undo_edit(
    tx: &Connection,
    id: i64,
    before: &CustomerFields,
    after: &CustomerFields,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let what = format!("the edit of {}", after.name);
    let Some(current) = customer_fields(tx, id)? else {
        return Err(refuse(what, "the customer was deleted since"));
    };
    let wrote = checks::differing(before, after);
    let changed: Vec<&str> = checks::differing(after, &current)
        .into_iter()
        .filter(|f| wrote.contains(f) && *f != checks::TAGS)
        .collect();
    if !changed.is_empty() {
        return Err(refuse(what, changed_since(&changed)));
    }
    let put_back = |field: &str| wrote.contains(&field);
    let tags = without(&current.tags, &without(&after.tags, &before.tags))
        .union(&without(&before.tags, &after.tags));
    let fields = FieldsToSet {
        name: put_back(checks::NAME).then_some(&before.name),
        company: put_back(checks::COMPANY).then_some(&before.company),
        email: put_back(checks::EMAIL).then_some(&before.email),
        phone: put_back(checks::PHONE).then_some(&before.phone),
        tags: Some(&tags),
        cadence: put_back(checks::CADENCE).then_some(before.cadence),
        notes: put_back(checks::NOTES).then_some(&before.notes),
    };
    set_fields(tx, id, &fields, now).context("restoring the customer")?;
    Ok(())
}

/// Puts the archived flag back, only while it still holds what the change set it to.
pub(super) fn undo_archive(
    tx: &Connection,
    id: i64,
    name: &str,
    archived: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let what = if archived {
        format!("archiving {name}")
    } else {
        format!("unarchiving {name}")
    };
    let Some((_, now_archived)) = checks::customer_row(tx, id)? else {
        return Err(refuse(what, "they were deleted since"));
    };
    if now_archived != archived {
        let since = if archived {
            "they were unarchived since"
        } else {
            "they were archived again since"
        };
        return Err(refuse(what, since));
    }
    tx.execute(
        "UPDATE customers SET archived = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, !archived, ts(now)],
    )
    .context("putting the archived flag back")?;
    Ok(())
}

/// A customer's own row back under its id, as it was stored (undoing a delete or a merge):
/// their records, former names, words and summaries are the caller's to put back.
pub(in crate::store::sqlite) fn put_back(
    tx: &Connection,
    row: &MergedRow,
    archived: bool,
) -> anyhow::Result<()> {
    tx.execute(
        "INSERT INTO customers (id, name, company, email, phone, tags, cadence_days, notes, archived, created_at, updated_at,
                                paused_until, paused_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            row.id,
            row.name,
            row.company,
            row.email,
            row.phone,
            row.tags,
            row.cadence_days,
            row.notes,
            archived,
            ts(row.created_at),
            ts(row.updated_at),
            row.paused.as_ref().map(|p| p.until),
            row.paused.as_ref().map_or("", |p| p.reason.as_str())
        ],
    )
    .with_context(|| format!("putting {} back", row.name))?;
    Ok(())
}

/// "the e-mail was changed since", "the e-mail and the phone were changed since".
fn changed_since(fields: &[&str]) -> String {
    let were = if fields.len() == 1 { "was" } else { "were" };
    let named: Vec<String> = fields.iter().map(|f| format!("the {f}")).collect();
    format!("{} {were} changed since", and_list(&named))
}
