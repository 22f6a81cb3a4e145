//! Undoing a change in SQLite. Each action leaves a `Change` that holds what it wrote
//! (plain data, stored as JSON on the journal, `journal.rs`), and undoing it is one
//! IMMEDIATE transaction: first check that nothing else changed or built on what the
//! action wrote since, then take back exactly that and nothing more. Other processes
//! write to the same book, and their records are never ours to delete.

mod checks;
mod customers;
mod people;
mod records;

pub(super) use checks::customer_row;
pub(super) use customers::put_back;

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, params};

use super::SqliteBook;
use super::sql::ts;
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::MomentStatus;
use crate::domain::trigger::{Trigger, TriggerKind};
use crate::domain::{Tags, prose};
use crate::store::{Action, By, Change, Entry, Followed, Logged, Undid, Undo, UndoRefused};
use checks::{customer_fields, follow_up_moved};

fn refuse(what: impl Into<String>, why: impl Into<String>) -> anyhow::Error {
    UndoRefused {
        what: what.into(),
        why: why.into(),
    }
    .into()
}

impl Undo for SqliteBook {
    fn undo(&mut self, change: &Change, now: DateTime<Utc>) -> anyhow::Result<()> {
        self.write("undo", |tx| undo_change(tx, change, now))
    }

    fn journaled(&mut self, by: By, now: DateTime<Utc>, action: &mut Action<'_>) -> anyhow::Result<()> {
        self.run_journaled(by, now, action)
    }

    fn undo_latest(&mut self, now: DateTime<Utc>) -> anyhow::Result<Undid> {
        self.undo_newest(now)
    }

    fn journal(&self, limit: usize) -> anyhow::Result<Vec<Entry>> {
        self.journal_entries(limit)
    }
}

/// Takes `change` back inside the open transaction `tx`, or refuses (`UndoRefused`)
/// before writing anything.
pub(super) fn undo_change(tx: &Connection, change: &Change, now: DateTime<Utc>) -> anyhow::Result<()> {
    match change {
        Change::Logged { customer_id, logged } => undo_log(tx, *customer_id, logged, now),
        Change::FollowUpAdded { follow_up: f } => {
            let what = format!("the follow-up “{}”", f.text);
            if let Some(why) = follow_up_moved(tx, f.id, &f.text, f.due)? {
                return Err(refuse(what, format!("it {why}")));
            }
            tx.execute("DELETE FROM follow_ups WHERE id = ?1", [f.id])
                .context("undoing the follow-up")?;
            Ok(())
        }
        Change::FollowUpDone { id, done_at } => undo_done(tx, *id, *done_at),
        Change::FollowUpsDone { ids, done_at } => {
            for id in ids {
                if let Err((text, why)) = still_done(tx, *id, *done_at)? {
                    let which = text.map_or_else(|| format!("follow-up {id}"), |t| format!("“{t}”"));
                    let what = format!(
                        "marking {} done",
                        prose::counted(ids.len() as i64, "follow-up", "follow-ups")
                    );
                    return Err(refuse(
                        what,
                        format!("{which} {}", why.strip_prefix("it ").unwrap_or(why)),
                    ));
                }
            }
            ids.iter().try_for_each(|id| reopen(tx, *id, *done_at))
        }
        Change::FollowUpSnoozed { id, from, to } => undo_snooze(tx, *id, *from, *to),
        Change::NudgeSnoozed { snooze, replaced } => undo_nudge_snooze(tx, snooze, replaced.as_ref()),
        Change::CustomerPaused { id, before, after } => {
            undo_pause(tx, *id, before.as_ref(), after.as_ref(), now)
        }
        Change::MomentAdded { moment: m } => {
            let what = format!("the moment “{}”", m.title);
            if let Some(why) = checks::moment_changed(tx, m)? {
                return Err(refuse(what, format!("it {why}")));
            }
            tx.execute("DELETE FROM moments WHERE id = ?1", [m.id])
                .context("removing the moment")?;
            Ok(())
        }
        Change::MomentClosed {
            id,
            title,
            status,
            closed_at,
            note,
            note_before,
        } => undo_close(tx, *id, title, (*status, *closed_at), (note, note_before)),
        Change::TriggerAdded { trigger: t } => {
            let what = format!("the {} trigger", t.kind);
            if let Some(why) = checks::trigger_changed(tx, t)? {
                return Err(refuse(what, format!("it {why}")));
            }
            tx.execute("DELETE FROM triggers WHERE id = ?1", [t.id])
                .context("removing the trigger")?;
            Ok(())
        }
        Change::TriggerResolved {
            id,
            kind,
            resolved_at,
            note,
            note_before,
        } => undo_resolve(tx, *id, *kind, *resolved_at, (note, note_before)),
        Change::BalanceAdded { entry: e } => {
            let what = format!("the {} “{}”", e.side, e.note);
            if let Some(why) = checks::balance_entry_changed(tx, e)? {
                return Err(refuse(what, format!("it {why}")));
            }
            tx.execute("DELETE FROM balance_entries WHERE id = ?1", [e.id])
                .context("removing the give/ask")?;
            super::summary::refresh(tx, e.customer_id)
        }
        Change::OrderAdded { order: o } => {
            let what = format!("the order of {} {}", o.currency, o.amount);
            if let Some(why) = checks::order_changed(tx, o)? {
                return Err(refuse(what, format!("it {why}")));
            }
            tx.execute("DELETE FROM orders WHERE id = ?1", [o.id])
                .context("removing the order")?;
            super::summary::refresh(tx, o.customer_id)
        }
        Change::CustomerAdded { id, added } => customers::undo_add(tx, *id, added),
        Change::CustomerEdited { id, before, after } => customers::undo_edit(tx, *id, before, after, now),
        Change::CustomerArchived { id, name, archived } => {
            customers::undo_archive(tx, *id, name, *archived, now)
        }
        Change::Merged { merge } => super::merge::undo(tx, merge, now),
        Change::Edited { before, after } => records::undo_edit(tx, before, after),
        Change::Deleted { row, kept } => records::undo_delete(tx, row, kept),
        Change::CustomerDeleted { removed } => records::undo_customer_delete(tx, removed),
        Change::PersonAdded { person, main_before } => people::undo_add(tx, person, *main_before, now),
        Change::PersonEdited { before, after } => people::undo_edit(tx, before, after, now),
        Change::MainPersonSet { id, name, before } => people::undo_main(tx, *id, name, *before, now),
        Change::PersonLeft { .. } => undo_left(tx, change, now),
    }
}

/// A mark as left goes with what it did, the newest first: where they were followed to,
/// the trigger it opened (while still as opened), then the mark.
fn undo_left(tx: &Connection, change: &Change, now: DateTime<Utc>) -> anyhow::Result<()> {
    let Change::PersonLeft {
        person,
        trigger,
        followed,
    } = change
    else {
        return Ok(());
    };
    match followed {
        Some(Followed::NewAccount { id, added }) => customers::undo_add(tx, *id, added)?,
        Some(Followed::Joined { person }) => people::undo_add(tx, person, None, now)?,
        None => {}
    }
    if let Some(t) = trigger {
        if let Some(why) = checks::trigger_changed(tx, t)? {
            return Err(refuse(
                format!("marking {} as left", person.name),
                format!("its trigger {why}"),
            ));
        }
        tx.execute("DELETE FROM triggers WHERE id = ?1", [t.id])
            .context("removing the trigger of the leaving")?;
    }
    people::undo_left(tx, person, now)
}

/// A logged line goes with the follow-up, give and trigger it created and the tags it
/// added, each only while it is as the line left it.
fn undo_log(tx: &Connection, customer_id: i64, logged: &Logged, now: DateTime<Utc>) -> anyhow::Result<()> {
    let line = &logged.line;
    let what = format!("the logged {}", line.kind);
    if let Some(why) = checks::interaction_changed(tx, customer_id, logged)? {
        return Err(refuse(what, why));
    }
    if let (Some(id), Some(plan)) = (logged.follow_up_id, &line.follow_up)
        && let Some(why) = follow_up_moved(tx, id, &plan.text, plan.due)?
    {
        return Err(refuse(what, format!("its follow-up “{}” {why}", plan.text)));
    }
    if let Some(id) = logged.balance_entry_id {
        let give = BalanceEntry {
            id,
            customer_id,
            side: crate::domain::balance::Side::Give,
            note: line.note.clone(),
            at: logged.at,
        };
        if let Some(why) = checks::balance_entry_changed(tx, &give)? {
            return Err(refuse(what, format!("its give {why}")));
        }
    }
    if let Some(id) = logged.trigger_id {
        let trigger = Trigger {
            id,
            customer_id,
            kind: crate::domain::trigger::TriggerKind::Reactional,
            note: line.note.clone(),
            opened_at: logged.at,
            resolved_at: None,
            resolution_note: String::new(),
            person_id: None,
            answered_at: None,
        };
        if let Some(why) = checks::trigger_changed(tx, &trigger)? {
            return Err(refuse(what, format!("its reactional trigger {why}")));
        }
    }
    for f in &logged.closed {
        let done_at = f.done_at.unwrap_or(logged.at);
        if let Err((_, why)) = still_done(tx, f.id, done_at)? {
            let why = why.strip_prefix("it ").unwrap_or(why);
            return Err(refuse(
                what,
                format!("the follow-up it closed, “{}”, {why}", f.text),
            ));
        }
    }
    for f in &logged.closed {
        reopen(tx, f.id, f.done_at.unwrap_or(logged.at))?;
    }

    for (table, id) in [
        ("follow_ups", logged.follow_up_id),
        ("balance_entries", logged.balance_entry_id),
        ("triggers", logged.trigger_id),
    ] {
        if let Some(id) = id {
            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])
                .with_context(|| format!("undoing a row in {table}"))?;
        }
    }
    tx.execute("DELETE FROM interactions WHERE id = ?1", [logged.interaction_id])
        .context("undoing the contact")?;
    if !logged.tags_added.is_empty()
        && let Some(current) = customer_fields(tx, customer_id)?
    {
        let kept = without(&current.tags, &logged.tags_added);
        if kept != current.tags {
            tx.execute(
                "UPDATE customers SET tags = ?2, updated_at = ?3 WHERE id = ?1",
                params![customer_id, kept.to_stored(), ts(now)],
            )
            .context("taking back the tags the line added")?;
        }
    }
    super::summary::refresh(tx, customer_id)
}

fn undo_done(tx: &Connection, id: i64, done_at: DateTime<Utc>) -> anyhow::Result<()> {
    match still_done(tx, id, done_at)? {
        Err((text, why)) => {
            let what = text.map_or_else(
                || format!("marking follow-up {id} done"),
                |t| format!("marking “{t}” done"),
            );
            Err(refuse(what, why))
        }
        Ok(()) => reopen(tx, id, done_at),
    }
}

/// Whether follow-up `id` is still done as a change left it, at `done_at`; else its text
/// (if it is still there) and why not.
fn still_done(
    tx: &Connection,
    id: i64,
    done_at: DateTime<Utc>,
) -> anyhow::Result<Result<(), (Option<String>, &'static str)>> {
    let Some((f, _)) = checks::follow_up(tx, id)? else {
        return Ok(Err((None, "it was deleted since")));
    };
    Ok(match f.done_at {
        None => Err((Some(f.text), "it was reopened since")),
        Some(at) if at != done_at => Err((Some(f.text), "it was reopened and done again since")),
        Some(_) => Ok(()),
    })
}

fn reopen(tx: &Connection, id: i64, done_at: DateTime<Utc>) -> anyhow::Result<()> {
    tx.execute(
        "UPDATE follow_ups SET done_at = NULL WHERE id = ?1 AND done_at = ?2",
        params![id, ts(done_at)],
    )
    .context("reopening the follow-up")?;
    Ok(())
}

fn undo_snooze(tx: &Connection, id: i64, from: NaiveDate, to: NaiveDate) -> anyhow::Result<()> {
    let what = "the snooze";
    let Some((f, _)) = checks::follow_up(tx, id)? else {
        return Err(refuse(what, format!("follow-up {id} was deleted since")));
    };
    let it = format!("the follow-up “{}”", f.text);
    if f.done_at.is_some() {
        return Err(refuse(what, format!("{it} was marked done since")));
    }
    if f.due != to {
        return Err(refuse(what, format!("{it} was moved to {} since", f.due)));
    }
    tx.execute(
        "UPDATE follow_ups SET due = ?2, snoozes = max(snoozes - 1, 0) WHERE id = ?1",
        params![id, from],
    )
    .context("unsnoozing the follow-up")?;
    Ok(())
}

/// The snooze is gone and the one it replaced back, while the snooze is as it was left.
fn undo_nudge_snooze(
    tx: &Connection,
    snooze: &crate::domain::nudge::NudgeSnooze,
    replaced: Option<&crate::domain::nudge::NudgeSnooze>,
) -> anyhow::Result<()> {
    let what = format!("snoozing the {} nudge", snooze.kind);
    match super::snoozes::of_nudge(tx, snooze.customer_id, snooze.kind, snooze.subject_id)? {
        None => return Err(refuse(what, "the snooze was removed since")),
        Some(now) if now != *snooze => {
            return Err(refuse(
                what,
                format!("it was snoozed again since, until {}", now.until),
            ));
        }
        Some(_) => {}
    }
    tx.execute("DELETE FROM nudge_snoozes WHERE id = ?1", [snooze.id])
        .context("unsnoozing the nudge")?;
    if let Some(old) = replaced {
        super::snoozes::insert(tx, old)?;
    }
    Ok(())
}

/// The customer's pause is as it was before, while it is still as the pause left it.
fn undo_pause(
    tx: &Connection,
    id: i64,
    before: Option<&crate::domain::Pause>,
    after: Option<&crate::domain::Pause>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let what = if after.is_some() {
        "pausing the customer"
    } else {
        "ending the customer's pause"
    };
    let Some(customer) = super::customers::by_id(tx, id)? else {
        return Err(refuse(what, "the customer was deleted since"));
    };
    if customer.paused.as_ref() != after {
        return Err(refuse(what, "their pause was changed since"));
    }
    super::snoozes::write_pause(tx, id, before, now)
}

/// A closed moment is upcoming again, with the outcome note it had before, while it is
/// still closed as the close left it. `(note, before)`: its outcome note after the close
/// and before it.
fn undo_close(
    tx: &Connection,
    id: i64,
    title: &str,
    (status, closed_at): (MomentStatus, DateTime<Utc>),
    (note, before): (&str, &str),
) -> anyhow::Result<()> {
    use super::moments::{MOMENT_COLUMNS, moment_from_row};
    let what = format!("closing “{title}” as {status}");
    let now = tx
        .prepare_cached(&format!("SELECT {MOMENT_COLUMNS} FROM moments m WHERE m.id = ?1"))?
        .query_row([id], moment_from_row)
        .optional()
        .context("loading the moment to reopen")?;
    match now {
        None => Err(refuse(what, "the moment was deleted since")),
        Some(m) if m.status == MomentStatus::Upcoming => Err(refuse(what, "it was reopened since")),
        Some(m) if m.status != status || m.closed_at != Some(closed_at) => Err(refuse(
            what,
            format!("it was reopened and closed as {} since", m.status),
        )),
        Some(m) if m.outcome_note != note => Err(refuse(what, "its outcome note was edited since")),
        Some(_) => {
            tx.execute(
                "UPDATE moments SET status = 'upcoming', closed_at = NULL, outcome_note = ?2 WHERE id = ?1",
                params![id, before],
            )
            .context("reopening the moment")?;
            Ok(())
        }
    }
}

/// A resolved trigger is open again, with the resolution note it had before, while it is
/// still resolved as the resolve left it. `(note, before)`: its resolution note after the
/// resolve and before it.
fn undo_resolve(
    tx: &Connection,
    id: i64,
    kind: TriggerKind,
    resolved_at: DateTime<Utc>,
    (note, before): (&str, &str),
) -> anyhow::Result<()> {
    use super::triggers::{TRIGGER_COLUMNS, trigger_from_row};
    let what = format!("resolving the {kind} trigger");
    let now = tx
        .prepare_cached(&format!(
            "SELECT {TRIGGER_COLUMNS} FROM triggers t WHERE t.id = ?1"
        ))?
        .query_row([id], trigger_from_row)
        .optional()
        .context("loading the trigger to reopen")?;
    match now.map(|t| (t.resolved_at, t.resolution_note)) {
        None => Err(refuse(what, "the trigger was deleted since")),
        Some((None, _)) => Err(refuse(what, "it was reopened since")),
        Some((Some(at), _)) if at != resolved_at => {
            Err(refuse(what, "it was reopened and resolved again since"))
        }
        Some((_, now_note)) if now_note != note => Err(refuse(what, "its resolution note was edited since")),
        Some(_) => {
            tx.execute(
                "UPDATE triggers SET resolved_at = NULL, resolution_note = ?2 WHERE id = ?1",
                params![id, before],
            )
            .context("reopening the trigger")?;
            Ok(())
        }
    }
}

/// The tags of `tags` that are not in `minus`, still sorted and unique.
pub(super) fn without(tags: &Tags, minus: &Tags) -> Tags {
    let kept: Vec<&str> = tags
        .as_slice()
        .iter()
        .filter(|t| !minus.contains(t))
        .map(String::as_str)
        .collect();
    // A subset of stored, sorted tags is itself in stored form.
    Tags::from_stored(&kept.join(" "))
}
