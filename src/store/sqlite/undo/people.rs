//! Undoing what was done to a person: an add, an edit, a new main contact, a mark as
//! left; each only while the person is as the action left them, the customer kept in step
//! with its main person (`sqlite::people`).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::refuse;
use crate::domain::person::{Person, PersonPatch};
use crate::store::sqlite::people;

/// The person as stored now, or a refusal saying they are gone.
fn now_as(tx: &Connection, what: &str, id: i64) -> anyhow::Result<Person> {
    people::in_tx(tx, id)?.ok_or_else(|| refuse(what, "they were removed since"))
}

fn unchanged(tx: &Connection, what: &str, left: &Person) -> anyhow::Result<()> {
    if now_as(tx, what, left.id)? != *left {
        return Err(refuse(what, "they were changed since"));
    }
    Ok(())
}

pub(super) fn undo_add(
    tx: &Connection,
    person: &Person,
    main_before: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let what = format!("adding {}", person.name);
    unchanged(tx, &what, person)?;
    let named: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM moment_people WHERE person_id = ?1)")?
        .query_row([person.id], |r| r.get(0))?;
    if named {
        return Err(refuse(what, "they were named in a decision moment since"));
    }
    if person.main {
        match main_before {
            Some(before) => people::make_main_in_tx(tx, before, now)?,
            None => return Err(refuse(what, "they are the customer's only main contact")),
        }
    }
    people::remove(tx, person.id)?;
    Ok(())
}

pub(super) fn undo_edit(
    tx: &Connection,
    before: &Person,
    after: &Person,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let what = format!("the edit of {}", after.name);
    unchanged(tx, &what, after)?;
    let patch = PersonPatch {
        name: Some(before.name.clone()),
        role: Some(before.role.clone()),
        notes: Some(before.notes.clone()),
        emails: Some(before.emails.clone()),
        phones: Some(before.phones.clone()),
    };
    people::update_in_tx(tx, before.id, &patch, now)
}

pub(super) fn undo_main(
    tx: &Connection,
    id: i64,
    name: &str,
    before: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let what = format!("making {name} the main contact");
    if !now_as(tx, &what, id)?.main {
        return Err(refuse(what, "someone else was made the main contact since"));
    }
    match before {
        Some(before) => people::make_main_in_tx(tx, before, now),
        None => Err(refuse(what, "nobody was the main contact before")),
    }
}

pub(super) fn undo_left(tx: &Connection, person: &Person, now: DateTime<Utc>) -> anyhow::Result<()> {
    let what = format!("marking {} as left", person.name);
    unchanged(tx, &what, person)?;
    people::unmark_left(tx, person.id, now)
}
