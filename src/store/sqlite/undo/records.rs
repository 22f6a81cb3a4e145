//! Undoing an edit or a delete of a logged record: the row goes back to exactly what it
//! was (a deleted one with its own id and bookkeeping, relinked to what its line created),
//! but only while it is still as the edit or delete left it.

use anyhow::Context as _;
use rusqlite::{Connection, params};

use super::refuse;
use crate::store::sqlite::records::{read, table};
use crate::store::sqlite::sql::ts;
use crate::store::sqlite::{people, words};
use crate::store::{Kept, MergedRow, RemovedCustomer, Row};

/// What undoing an edit of the row is called when it can't: "the edit of the follow-up “send the quote”".
fn what(row: &Row) -> String {
    match row {
        Row::Contact(c) => format!("the edit of contact {} (a {})", c.id, c.kind),
        Row::FollowUp(f) => format!("the edit of the follow-up “{}”", f.text),
        Row::Moment(m) => format!("the edit of the moment “{}”", m.title),
        Row::Trigger(t) => format!("the edit of the {} trigger", t.kind),
        Row::Entry(e) => format!("the edit of the {} “{}”", e.side, e.note),
        Row::Order(o) => format!("the edit of order {}", o.id),
    }
}

pub(super) fn undo_edit(tx: &Connection, before: &Row, after: &Row) -> anyhow::Result<()> {
    let record = after.record();
    match read(tx, record)? {
        None => return Err(refuse(what(after), "it was deleted since")),
        Some(now) if now != *after => return Err(refuse(what(after), "it was changed since")),
        Some(_) => {}
    }
    write_back(tx, before)?;
    crate::store::sqlite::summary::refresh(tx, before.customer_id())
}

/// Sets every field a person can edit back to `row`'s.
fn write_back(tx: &Connection, row: &Row) -> anyhow::Result<()> {
    match row {
        Row::Contact(c) => tx.execute(
            "UPDATE interactions SET kind = ?2, at = ?3, note = ?4, satisfaction = ?5,
                 person_id = (SELECT id FROM people WHERE id = ?6) WHERE id = ?1",
            params![c.id, c.kind, ts(c.at), c.note, c.satisfaction, c.person_id],
        ),
        Row::FollowUp(f) => tx.execute(
            "UPDATE follow_ups SET text = ?2, due = ?3 WHERE id = ?1",
            params![f.id, f.text, f.due],
        ),
        Row::Moment(m) => tx.execute(
            "UPDATE moments SET title = ?2, expected = ?3, concerns = ?4, steps = ?5, response = ?6,
                status = ?7, closed_at = ?8, outcome_note = ?9 WHERE id = ?1",
            params![
                m.id,
                m.title,
                m.expected,
                m.concerns,
                m.steps,
                m.response,
                m.status,
                m.closed_at.map(ts),
                m.outcome_note
            ],
        ),
        Row::Trigger(t) => tx.execute(
            "UPDATE triggers SET kind = ?2, note = ?3, resolution_note = ?4 WHERE id = ?1",
            params![t.id, t.kind, t.note, t.resolution_note],
        ),
        Row::Entry(e) => tx.execute(
            "UPDATE balance_entries SET side = ?2, note = ?3, at = ?4 WHERE id = ?1",
            params![e.id, e.side, e.note, ts(e.at)],
        ),
        Row::Order(o) => tx.execute(
            "UPDATE orders SET amount_cents = ?2, ordered_on = ?3, note = ?4 WHERE id = ?1",
            params![o.id, o.amount.0, o.ordered_on, o.note],
        ),
    }
    .context("putting the record back as it was")?;
    put_people_back(tx, row)
}

/// A moment's people as `row` holds them, those still at its customer (an entry older
/// than moment people holds none).
fn put_people_back(tx: &Connection, row: &Row) -> anyhow::Result<()> {
    if let Row::Moment(m) = row {
        let people: Vec<_> = m.people.iter().map(|p| (p.id, p.part)).collect();
        crate::store::sqlite::moments::write_people(tx, m.id, &people, false)?;
    }
    Ok(())
}

pub(super) fn undo_delete(tx: &Connection, row: &Row, kept: &Kept) -> anyhow::Result<()> {
    let record = row.record();
    let what = format!("deleting {} {}", record.what(), record.id());
    if !exists(tx, "customers", row.customer_id())? {
        return Err(refuse(what, "its customer was deleted since"));
    }
    if exists(tx, table(record), record.id())? {
        return Err(refuse(
            what,
            format!(
                "its id {} was given to a new {} since",
                record.id(),
                record.what()
            ),
        ));
    }
    insert(tx, row, kept)?;
    for linked in &kept.unlinked {
        // Only what is still there and still linked to no other contact.
        let sql = format!(
            "UPDATE {} SET interaction_id = ?2 WHERE id = ?1 AND interaction_id IS NULL AND customer_id = ?3",
            table(*linked)
        );
        tx.execute(&sql, params![linked.id(), record.id(), row.customer_id()])
            .context("linking the contact's records to it again")?;
    }
    // Value tiers of the child rows are recomputed with the summaries.
    crate::store::sqlite::summary::refresh(tx, row.customer_id())
}

/// A deleted customer back with their own id, and every record of theirs with its own.
pub(super) fn undo_customer_delete(tx: &Connection, removed: &RemovedCustomer) -> anyhow::Result<()> {
    let f = &removed.fields;
    let what = format!("deleting {}", f.name);
    if exists(tx, "customers", removed.id)? {
        return Err(refuse(
            what,
            format!("its id {} was given to a new customer since", removed.id),
        ));
    }
    for (row, _) in &removed.rows {
        let record = row.record();
        if exists(tx, table(record), record.id())? {
            return Err(refuse(
                what,
                format!(
                    "the id of their {} {} was given to a new one since",
                    record.what(),
                    record.id()
                ),
            ));
        }
    }
    for former in &removed.former_names {
        if exists(tx, "customer_aliases", former.id)? {
            return Err(refuse(
                what,
                format!(
                    "the id of their former name “{}” was given to another since",
                    former.name
                ),
            ));
        }
    }
    if let Some(taken) = people::taken_id(tx, &removed.people)? {
        return Err(refuse(what, format!("{taken} was given to a new one since")));
    }
    let row = MergedRow {
        id: removed.id,
        name: f.name.clone(),
        company: f.company.clone(),
        email: f.email.clone(),
        phone: f.phone.clone(),
        tags: f.tags.to_stored(),
        cadence_days: f.cadence.days(),
        notes: f.notes.clone(),
        created_at: removed.created_at,
        updated_at: removed.updated_at,
        paused: removed.paused.clone(),
    };
    super::put_back(tx, &row, removed.archived)?;
    // Its people, before what names them; an entry older than people keeps none, and
    // the main person comes back from the customer's own fields.
    people::put_back(tx, removed.id, &removed.people)?;
    people::ensure_main(tx, removed.id, removed.updated_at).context("putting the main person back")?;
    // Contacts come first, so what their lines made links to them again.
    for (row, kept) in &removed.rows {
        insert(tx, row, kept)?;
    }
    // The name key and the words are the row's; the former names add theirs.
    words::restore(tx, removed.id, &removed.former_names).context("making the customer findable again")?;
    crate::store::sqlite::summary::refresh(tx, removed.id)
}

/// Whether `table` holds a row with the id `id`: the customer a row goes back to, or an id
/// that undo would put back and someone took since.
fn exists(tx: &Connection, table: &str, id: i64) -> anyhow::Result<bool> {
    tx.prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"))?
        .query_row([id], |r| r.get(0))
        .with_context(|| format!("looking for a row of {table} with id {id}"))
}

fn insert(tx: &Connection, row: &Row, kept: &Kept) -> anyhow::Result<()> {
    let created = |fallback| kept.created_at.map_or(fallback, ts);
    match row {
        // With whom it was: that person, else (gone since, as a deleted customer's people
        // are) the main contact; a contact with no one recorded stays so.
        Row::Contact(c) => tx.execute(
            "INSERT INTO interactions (id, customer_id, at, kind, direction, note, satisfaction, person_id)
             VALUES (?1, ?2, ?3, ?4, coalesce(?5, 'out'), ?6, ?7,
                     CASE WHEN ?8 IS NOT NULL THEN coalesce(
                         (SELECT id FROM people WHERE id = ?8 AND customer_id = ?2),
                         (SELECT id FROM people WHERE customer_id = ?2 AND main = 1)) END)",
            params![c.id, c.customer_id, ts(c.at), c.kind, kept.direction, c.note, c.satisfaction, c.person_id],
        ),
        Row::FollowUp(f) => tx.execute(
            "INSERT INTO follow_ups (id, customer_id, interaction_id, text, due, first_due, snoozes, created_at, done_at)
             VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, ?5), ?7, ?8, ?9)",
            params![
                f.id,
                f.customer_id,
                linked_contact(tx, kept)?,
                f.text,
                f.due,
                kept.first_due,
                kept.snoozes,
                created(0),
                f.done_at.map(ts)
            ],
        ),
        Row::Moment(m) => tx.execute(
            "INSERT INTO moments (id, customer_id, title, expected, concerns, steps, response, status, planned_at, closed_at,
                                  outcome_note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                m.id,
                m.customer_id,
                m.title,
                m.expected,
                m.concerns,
                m.steps,
                m.response,
                m.status,
                ts(m.planned_at),
                m.closed_at.map(ts),
                m.outcome_note
            ],
        ),
        Row::Trigger(t) => tx.execute(
            "INSERT INTO triggers (id, customer_id, interaction_id, kind, note, opened_at, resolved_at, resolution_note,
                                   person_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT id FROM people WHERE id = ?9))",
            params![
                t.id,
                t.customer_id,
                linked_contact(tx, kept)?,
                t.kind,
                t.note,
                ts(t.opened_at),
                t.resolved_at.map(ts),
                t.resolution_note,
                t.person_id
            ],
        ),
        Row::Entry(e) => tx.execute(
            "INSERT INTO balance_entries (id, customer_id, interaction_id, side, note, weight, at)
             VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 1), ?7)",
            params![
                e.id,
                e.customer_id,
                linked_contact(tx, kept)?,
                e.side,
                e.note,
                kept.weight,
                ts(e.at)
            ],
        ),
        Row::Order(o) => tx.execute(
            "INSERT INTO orders (id, customer_id, ordered_on, amount_cents, currency, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                o.id,
                o.customer_id,
                o.ordered_on,
                o.amount.0,
                o.currency,
                o.note,
                created(0)
            ],
        ),
    }
    .context("putting the deleted record back")?;
    put_people_back(tx, row)
}

/// The contact a deleted follow-up, give or trigger came from, if it is still there.
fn linked_contact(tx: &Connection, kept: &Kept) -> anyhow::Result<Option<i64>> {
    let Some(id) = kept.interaction_id else {
        return Ok(None);
    };
    Ok(exists(tx, "interactions", id)?.then_some(id))
}
