//! People in SQLite: the persons at a customer and their e-mail addresses and phone
//! numbers, and the in-step rule (`store::people`) that keeps a customer's own name,
//! e-mail and phone equal to its main person's, written once here and called from every
//! write on either side.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, params};

use super::SqliteBook;
use super::customers::{FieldsToSet, explain_missing_customer, write_fields};
use super::sql::{as_text, from_ts, ts};
use crate::domain::Customer;
use crate::domain::person::{Detail, DetailKind, Left, NewPerson, Person, PersonPatch};
use crate::domain::words;
use crate::store::{NewCustomer, NotFound, NotOpen, People, RemovedDetail, RemovedPerson};

const PERSON_COLUMNS: &str = "p.id, p.customer_id, p.name, p.role, p.notes, p.main, p.left_on, p.left_to";

/// The order `people_of` promises: main, then those still there by name, then who left.
const PEOPLE_ORDER: &str = "p.main DESC, p.left_on IS NOT NULL, CASE WHEN p.left_on IS NULL THEN p.name END COLLATE NOCASE, p.left_on DESC, p.id";

fn person_not_found(id: i64) -> NotFound {
    NotFound::new("person", id)
}

fn person_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let left_on: Option<NaiveDate> = r
        .get_ref(6)?
        .as_str_or_null()
        .ok()
        .flatten()
        .and_then(|s| s.parse().ok());
    Ok(Person {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        name: as_text(r.get_ref(2)?),
        role: as_text(r.get_ref(3)?),
        notes: as_text(r.get_ref(4)?),
        main: r.get::<_, i64>(5)? != 0,
        left: left_on.map(|on| Left {
            on,
            to: as_text(r.get_ref(7).unwrap_or(rusqlite::types::ValueRef::Null)),
        }),
        emails: Vec::new(),
        phones: Vec::new(),
    })
}

/// Fills in each person's details, in their order.
fn with_details(conn: &Connection, mut people: Vec<Person>) -> rusqlite::Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(
        // By kind first, as `person_details_by_person` has them: each kind's own order is
        // the same, and no sort is needed.
        "SELECT kind, label, value FROM person_details WHERE person_id = ?1 ORDER BY kind, position, id",
    )?;
    for p in &mut people {
        let rows = stmt.query_map([p.id], |r| {
            Ok((
                as_text(r.get_ref(0)?),
                as_text(r.get_ref(1)?),
                as_text(r.get_ref(2)?),
            ))
        })?;
        for row in rows {
            let (kind, label, value) = row?;
            let detail = Detail { label, value };
            match kind.as_str() {
                "email" => p.emails.push(detail),
                _ => p.phones.push(detail),
            }
        }
    }
    Ok(people)
}

fn people_where(conn: &Connection, filter: &str, param: i64) -> rusqlite::Result<Vec<Person>> {
    let people = conn
        .prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM people p WHERE {filter} ORDER BY {PEOPLE_ORDER}"
        ))?
        .query_map([param], person_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    with_details(conn, people)
}

fn by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<Person>> {
    Ok(people_where(conn, "p.id = ?1", id)
        .context("loading a person")?
        .pop())
}

fn required(conn: &Connection, id: i64) -> anyhow::Result<Person> {
    by_id(conn, id)?.ok_or_else(|| person_not_found(id).into())
}

/// Replaces person `id`'s details of `kind` with `details` (empty values skipped).
fn write_details(conn: &Connection, id: i64, kind: DetailKind, details: &[Detail]) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM person_details WHERE person_id = ?1 AND kind = ?2")?
        .execute(params![id, kind.as_str()])?;
    add_details(conn, id, kind, details)
}

fn add_details(conn: &Connection, id: i64, kind: DetailKind, details: &[Detail]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO person_details (person_id, kind, label, value, key, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, d) in details.iter().filter(|d| !d.value.trim().is_empty()).enumerate() {
        let value = d.value.trim();
        stmt.execute(params![
            id,
            kind.as_str(),
            d.label.trim(),
            value,
            kind.key(value),
            position as i64
        ])?;
    }
    Ok(())
}

/// Sets the first detail of `kind` to `value` (its label kept), or removes it when `value`
/// is empty; the others stay.
fn set_first_detail(conn: &Connection, id: i64, kind: DetailKind, value: &str) -> rusqlite::Result<()> {
    let first: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM person_details WHERE person_id = ?1 AND kind = ?2 ORDER BY position, id LIMIT 1",
        )?
        .query_row(params![id, kind.as_str()], |r| r.get(0))
        .optional()?;
    match (first, value.is_empty()) {
        (Some(d), true) => {
            conn.prepare_cached("DELETE FROM person_details WHERE id = ?1")?
                .execute([d])?;
        }
        (Some(d), false) => {
            conn.prepare_cached("UPDATE person_details SET value = ?2, key = ?3 WHERE id = ?1")?
                .execute(params![d, value, kind.key(value)])?;
        }
        (None, false) => {
            conn.prepare_cached(
                "INSERT INTO person_details (person_id, kind, value, key, position)
                 VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(min(position), 1) - 1 FROM person_details
                                           WHERE person_id = ?1 AND kind = ?2))",
            )?
            .execute(params![id, kind.as_str(), value, kind.key(value)])?;
        }
        (None, true) => {}
    }
    Ok(())
}

/// Adds a person, findable by their name: their words join their account's.
fn insert_person(
    conn: &Connection,
    customer_id: i64,
    new: &NewPerson,
    main: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let id = insert_row(conn, customer_id, new, main, now)?;
    super::words::add(conn, customer_id, &words::words(&new.name))?;
    Ok(id)
}

/// Adds a person's row and details, with their name key; their words are the caller's.
pub(super) fn insert_row(
    conn: &Connection,
    customer_id: i64,
    new: &NewPerson,
    main: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO people (customer_id, name, role, notes, main, created_at, updated_at, name_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?
    .execute(params![
        customer_id,
        new.name.trim(),
        new.role.trim(),
        new.notes,
        main,
        ts(now),
        words::key(new.name.trim()),
    ])?;
    let id = conn.last_insert_rowid();
    add_details(conn, id, DetailKind::Email, &new.emails)?;
    add_details(conn, id, DetailKind::Phone, &new.phones)?;
    Ok(id)
}

/// A new customer's main person, from the customer's own fields (the in-step rule): their
/// words are the customer's name's, written with it.
pub(super) fn insert_main(
    conn: &Connection,
    customer_id: i64,
    name: &str,
    email: &str,
    phone: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let new = NewPerson {
        name: name.to_string(),
        emails: vec![Detail::new(email)],
        phones: vec![Detail::new(phone)],
        ..NewPerson::default()
    };
    insert_row(conn, customer_id, &new, true, now)
}

/// Adds to person `id` what a bulk write's `fill` holds, and keeps the customer in step.
pub(super) fn fill(
    conn: &Connection,
    id: i64,
    fill: &crate::store::PersonFill,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE people SET role = coalesce(?2, role), notes = coalesce(?3, notes),
             left_on = coalesce(left_on, ?4), left_to = CASE WHEN left_on IS NULL THEN coalesce(?5, left_to) ELSE left_to END,
             updated_at = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        fill.role.as_deref().map(str::trim),
        fill.notes,
        fill.left.as_ref().map(|l| l.on.to_string()),
        fill.left.as_ref().map(|l| l.to.trim()),
        ts(now)
    ])
    .context("filling in an imported person")?;
    let mut append = conn.prepare_cached(
        "INSERT INTO person_details (person_id, kind, label, value, key, position)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), -1) + 1 FROM person_details
                                      WHERE person_id = ?1 AND kind = ?2))",
    )?;
    for (kind, details) in [
        (DetailKind::Email, &fill.emails),
        (DetailKind::Phone, &fill.phones),
    ] {
        for d in details.iter().filter(|d| !d.value.trim().is_empty()) {
            let value = d.value.trim();
            append.execute(params![id, kind.as_str(), d.label.trim(), value, kind.key(value)])?;
        }
    }
    if !fill.emails.is_empty() || !fill.phones.is_empty() {
        customer_follows(conn, id, None, now)?;
    }
    Ok(())
}

/// Every person's customer, id and name, then every e-mail key, for an import to match on.
pub(super) fn each_key(
    conn: &Connection,
    f: &mut dyn FnMut(i64, i64, &str),
    emails: &mut dyn FnMut(i64, i64, &str),
) -> anyhow::Result<()> {
    let mut stmt = conn.prepare("SELECT customer_id, id, name FROM people ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next().context("loading people to match against")? {
        f(r.get(0)?, r.get(1)?, r.get_ref(2)?.as_str()?);
    }
    // Person by person, each one's addresses in order on `person_details_by_person`: no
    // sort, and no seek into `people` per address.
    let mut stmt = conn.prepare(
        "SELECT p.customer_id, d.person_id, d.key
         FROM people p CROSS JOIN person_details d INDEXED BY person_details_by_person
              ON d.person_id = p.id AND d.kind = 'email'
         ORDER BY p.id, d.position, d.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next().context("loading addresses to match against")? {
        emails(r.get(0)?, r.get(1)?, r.get_ref(2)?.as_str()?);
    }
    Ok(())
}

/// The person `id` as a bulk write has them: `by_id` in one statement (an import reads
/// every person it matches), the row repeated beside each detail.
pub(super) fn so_far(conn: &Connection, id: i64) -> anyhow::Result<Option<Person>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PERSON_COLUMNS}, d.kind, d.label, d.value FROM people p
         LEFT JOIN person_details d ON d.person_id = p.id
         WHERE p.id = ?1 ORDER BY d.kind, d.position, d.id"
    ))?;
    let mut rows = stmt.query([id])?;
    let mut person: Option<Person> = None;
    while let Some(r) = rows.next().context("loading a person")? {
        let p = match &mut person {
            Some(p) => p,
            None => person.insert(person_from_row(r)?),
        };
        let Some(kind) = r.get_ref(8)?.as_str_or_null()? else {
            continue;
        };
        let detail = Detail {
            label: as_text(r.get_ref(9)?),
            value: as_text(r.get_ref(10)?),
        };
        match kind {
            "email" => p.emails.push(detail),
            _ => p.phones.push(detail),
        }
    }
    Ok(person)
}

/// A customer put back by an undo without people (its people went with it): a main
/// person from its own fields, as the migration gave every customer.
pub(in crate::store::sqlite) fn ensure_main(
    conn: &Connection,
    customer_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let (has, name, email, phone): (bool, String, String, String) = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM people WHERE customer_id = ?1 AND main = 1), name, email, phone
         FROM customers WHERE id = ?1",
        [customer_id],
        |r| {
            Ok((
                r.get(0)?,
                as_text(r.get_ref(1)?),
                as_text(r.get_ref(2)?),
                as_text(r.get_ref(3)?),
            ))
        },
    )?;
    if !has && !name.is_empty() {
        insert_main(conn, customer_id, &name, &email, &phone, now)?;
    }
    Ok(())
}

/// The in-step rule, customer → main person: the customer's name, e-mail or phone
/// (those given) written to its main person. Called by every customer write.
pub(super) fn follow_customer(
    conn: &Connection,
    customer_id: i64,
    renamed: Option<(&str, &str)>,
    email: Option<&str>,
    phone: Option<&str>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let Some(main): Option<i64> = conn
        .prepare_cached("SELECT id FROM people WHERE customer_id = ?1 AND main = 1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?
    else {
        return Ok(());
    };
    // The name follows only an account named after its main person ("Jan de Vries", no
    // company): renaming "Acme BV" renames no one.
    if let Some((from, to)) = renamed.filter(|(_, to)| !to.is_empty()) {
        let renamed = conn
            .prepare_cached("UPDATE people SET name = ?3, updated_at = ?4 WHERE id = ?1 AND name = ?2")?
            .execute(params![main, from, to, ts(now)])?;
        if renamed > 0 {
            super::words::person_named(conn, main)?;
        }
    }
    if let Some(email) = email {
        set_first_detail(conn, main, DetailKind::Email, email)?;
    }
    if let Some(phone) = phone {
        set_first_detail(conn, main, DetailKind::Phone, phone)?;
    }
    Ok(())
}

/// The in-step rule, main person → customer: person `id`'s first e-mail and first phone
/// written onto their customer, if they are its main person; and their new name, if they
/// were `renamed_from` it and the account was named after them (it had their old name).
fn customer_follows(
    conn: &Connection,
    id: i64,
    renamed_from: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let p = required(conn, id)?;
    if !p.main {
        return Ok(());
    }
    let account: String = conn
        .prepare_cached("SELECT name FROM customers WHERE id = ?1")?
        .query_row([p.customer_id], |r| r.get(0))
        .context("reading the customer's name")?;
    let named_after = renamed_from.is_some_and(|old| old == account);
    let fields = FieldsToSet {
        name: named_after.then_some(p.name.as_str()),
        company: None,
        email: Some(p.email()),
        phone: Some(p.phone()),
        tags: None,
        cadence: None,
        notes: None,
    };
    write_fields(conn, p.customer_id, &fields, now)
        .context("keeping the customer in step with its main person")?;
    Ok(())
}

fn make_main(conn: &Connection, p: &Person, now: DateTime<Utc>) -> anyhow::Result<()> {
    conn.prepare_cached("UPDATE people SET main = 0, updated_at = ?2 WHERE customer_id = ?1 AND main = 1")?
        .execute(params![p.customer_id, ts(now)])?;
    conn.prepare_cached("UPDATE people SET main = 1, updated_at = ?2 WHERE id = ?1")?
        .execute(params![p.id, ts(now)])?;
    customer_follows(conn, p.id, None, now)
}

/// Moves customer `other`'s people to `keep` as people who are not its main contact (a
/// merge); their ids.
pub(super) fn move_all(conn: &Connection, other: i64, keep: i64) -> rusqlite::Result<Vec<i64>> {
    let ids = conn
        .prepare_cached("SELECT id FROM people WHERE customer_id = ?1 ORDER BY id")?
        .query_map([other], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    conn.prepare_cached("UPDATE people SET customer_id = ?1, main = 0 WHERE customer_id = ?2")?
        .execute([keep, other])?;
    Ok(ids)
}

/// The id of customer `customer_id`'s main person, if they have one.
pub(super) fn main_id(conn: &Connection, customer_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM people WHERE customer_id = ?1 AND main = 1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()
}

/// Moves the people `ids` (still there) back to customer `to`, `main` its main contact
/// again (an undone merge).
pub(super) fn move_back(conn: &Connection, ids: &[i64], main: Option<i64>, to: i64) -> rusqlite::Result<()> {
    let mut back =
        conn.prepare_cached("UPDATE people SET customer_id = ?2, main = (id IS ?3) WHERE id = ?1")?;
    for id in ids {
        back.execute(params![id, to, main])?;
    }
    Ok(())
}

/// Gives every customer of a schema-13 book its details: the migration to 14 made each
/// one a main person under the customer's id; its e-mail and phone become the person's.
pub(super) fn migrate_details(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare("SELECT id, email, phone FROM customers WHERE email <> '' OR phone <> ''")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (email, phone) = (as_text(r.get_ref(1)?), as_text(r.get_ref(2)?));
        add_details(conn, id, DetailKind::Email, &[Detail::new(&email)])?;
        add_details(conn, id, DetailKind::Phone, &[Detail::new(&phone)])?;
    }
    Ok(())
}

/// The person `id` as the transaction sees it (for undo's checks).
pub(in crate::store::sqlite) fn in_tx(conn: &Connection, id: i64) -> anyhow::Result<Option<Person>> {
    by_id(conn, id)
}

/// Makes person `id` the main contact (an undo putting the one before back).
pub(in crate::store::sqlite) fn make_main_in_tx(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    make_main(conn, &required(conn, id)?, now)
}

/// Removes person `id` and their details (an undone add), and their name from their
/// account's words.
pub(in crate::store::sqlite) fn remove(conn: &Connection, id: i64) -> anyhow::Result<()> {
    let customer_id: Option<i64> = conn
        .query_row("SELECT customer_id FROM people WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .context("reading a person")?;
    conn.execute("DELETE FROM people WHERE id = ?1", [id])
        .context("removing a person")?;
    if let Some(customer_id) = customer_id {
        super::words::index(conn, customer_id).context("forgetting the person's name")?;
    }
    Ok(())
}

/// Person `id` is there again (an undone mark as left).
pub(in crate::store::sqlite) fn unmark_left(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE people SET left_on = NULL, left_to = '', updated_at = ?2 WHERE id = ?1",
        params![id, ts(now)],
    )
    .context("marking a person as there again")?;
    Ok(())
}

/// Writes `patch` to person `id` and keeps the customer in step; `NotFound` for an
/// unknown id.
pub(in crate::store::sqlite) fn update_in_tx(
    tx: &Connection,
    id: i64,
    patch: &PersonPatch,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let before: Option<String> = tx
        .prepare_cached("SELECT name FROM people WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()
        .context("reading the person")?;
    let changed = tx
        .prepare_cached(
            "UPDATE people SET name = coalesce(?2, name), role = coalesce(?3, role),
                 notes = coalesce(?4, notes), updated_at = ?5 WHERE id = ?1",
        )?
        .execute(params![
            id,
            patch.name.as_deref().map(str::trim),
            patch.role.as_deref().map(str::trim),
            patch.notes,
            ts(now)
        ])
        .context("editing a person")?;
    if changed == 0 {
        return Err(person_not_found(id).into());
    }
    if patch.name.is_some() {
        super::words::person_named(tx, id).context("keeping the person findable")?;
    }
    if let Some(emails) = &patch.emails {
        write_details(tx, id, DetailKind::Email, emails)?;
    }
    if let Some(phones) = &patch.phones {
        write_details(tx, id, DetailKind::Phone, phones)?;
    }
    let renamed_from = before.filter(|_| patch.name.is_some());
    customer_follows(tx, id, renamed_from.as_deref(), now)
}

impl People for SqliteBook {
    fn people_of(&self, customer_id: i64) -> anyhow::Result<Vec<Person>> {
        people_where(&self.conn, "p.customer_id = ?1", customer_id)
            .context("loading the people of a customer")
    }

    fn person(&self, id: i64) -> anyhow::Result<Option<Person>> {
        by_id(&self.conn, id)
    }

    fn add_person(
        &mut self,
        customer_id: i64,
        new: &NewPerson,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Person> {
        new.check()?;
        self.write("add the person", |tx| {
            let id = insert_person(tx, customer_id, new, false, now)
                .map_err(|e| explain_missing_customer(e, customer_id))?;
            let has_main: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM people WHERE customer_id = ?1 AND main = 1)",
                [customer_id],
                |r| r.get(0),
            )?;
            if new.main || !has_main {
                make_main(tx, &required(tx, id)?, now)?;
            }
            required(tx, id)
        })
    }

    fn update_person(&mut self, id: i64, patch: &PersonPatch, now: DateTime<Utc>) -> anyhow::Result<Person> {
        patch.check()?;
        self.write("edit the person", |tx| {
            update_in_tx(tx, id, patch, now)?;
            required(tx, id)
        })
    }

    fn set_main_person(&mut self, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
        self.write("make the person the main contact", |tx| {
            let p = required(tx, id)?;
            if p.main {
                return Ok(false);
            }
            make_main(tx, &p, now)?;
            Ok(true)
        })
    }

    fn mark_left(&mut self, id: i64, on: NaiveDate, to: &str, now: DateTime<Utc>) -> anyhow::Result<Person> {
        self.write("mark the person as left", |tx| {
            let p = required(tx, id)?;
            if let Some(left) = p.left {
                return Err(NotOpen::PersonLeft {
                    id,
                    name: p.name,
                    on: left.on,
                }
                .into());
            }
            tx.prepare_cached("UPDATE people SET left_on = ?2, left_to = ?3, updated_at = ?4 WHERE id = ?1")?
                .execute(params![id, on.to_string(), to.trim(), ts(now)])
                .context("marking a person as left")?;
            required(tx, id)
        })
    }

    fn add_customer_with_main(
        &mut self,
        new: &NewCustomer,
        main: &NewPerson,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(Customer, Person)> {
        main.check()?;
        self.write("add the customer", |tx| {
            let first = |ds: &[Detail]| {
                ds.iter()
                    .map(|d| d.value.trim())
                    .find(|v| !v.is_empty())
                    .unwrap_or_default()
                    .to_string()
            };
            let trimmed = NewCustomer {
                name: new.name.trim().to_string(),
                company: new.company.trim().to_string(),
                email: first(&main.emails),
                phone: first(&main.phones),
                ..new.clone()
            };
            let id = super::customers::insert(tx, &trimmed, now).context("adding a customer")?;
            let person = main_id(tx, id)?.ok_or_else(|| person_not_found(0))?;
            // Written here, not by `update_in_tx`: the account is not to be renamed after them.
            let name = main.name.trim();
            tx.prepare_cached(
                "UPDATE people SET name = ?2, role = ?3, notes = ?4, name_key = ?5 WHERE id = ?1",
            )?
            .execute(params![
                person,
                name,
                main.role.trim(),
                main.notes,
                words::key(name)
            ])
            .context("naming the account's first person")?;
            super::words::add(tx, id, &words::words(name))?;
            write_details(tx, person, DetailKind::Email, &main.emails)?;
            write_details(tx, person, DetailKind::Phone, &main.phones)?;
            Ok((super::customers::required(tx, id)?, required(tx, person)?))
        })
    }

    fn people_by_detail(&self, kind: DetailKind, key: &str) -> anyhow::Result<Vec<(Person, i64)>> {
        let people = self
            .conn
            .prepare_cached(&format!(
                "SELECT {PERSON_COLUMNS} FROM people p WHERE p.id IN
                     (SELECT person_id FROM person_details WHERE kind = ?1 AND key = ?2) ORDER BY p.id"
            ))?
            .query_map(params![kind.as_str(), key], person_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("finding people by a detail")?;
        Ok(with_details(&self.conn, people)?
            .into_iter()
            .map(|p| {
                let c = p.customer_id;
                (p, c)
            })
            .collect())
    }

    fn all_people(&self) -> anyhow::Result<Vec<Person>> {
        let mut people = self
            .conn
            .prepare(&format!(
                "SELECT {PERSON_COLUMNS} FROM people p ORDER BY p.customer_id, {PEOPLE_ORDER}"
            ))?
            .query_map([], person_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading everyone")?;
        let at: std::collections::HashMap<i64, usize> =
            people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut stmt = self.conn.prepare(
            // Each kind's own order, as `person_details_by_person` holds it: no sort.
            "SELECT person_id, kind, label, value FROM person_details ORDER BY person_id, kind, position, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next().context("loading everyone's details")? {
            let Some(&i) = at.get(&r.get::<_, i64>(0)?) else {
                continue;
            };
            let detail = Detail {
                label: as_text(r.get_ref(2)?),
                value: as_text(r.get_ref(3)?),
            };
            match r.get_ref(1)?.as_str()? {
                "email" => people[i].emails.push(detail),
                _ => people[i].phones.push(detail),
            }
        }
        Ok(people)
    }
}

/// Customer `customer_id`'s people as stored, main first then by id, with their details:
/// what a customer delete keeps for its undo.
pub(in crate::store::sqlite) fn removable(
    conn: &Connection,
    customer_id: i64,
) -> anyhow::Result<Vec<RemovedPerson>> {
    let mut people = conn
        .prepare_cached(
            "SELECT id, name, role, notes, main, left_on, left_to, created_at, updated_at
             FROM people WHERE customer_id = ?1 ORDER BY main DESC, id",
        )?
        .query_map([customer_id], |r| {
            Ok(RemovedPerson {
                id: r.get(0)?,
                name: as_text(r.get_ref(1)?),
                role: as_text(r.get_ref(2)?),
                notes: as_text(r.get_ref(3)?),
                main: r.get::<_, i64>(4)? != 0,
                left_on: r.get_ref(5)?.as_str_or_null().ok().flatten().map(str::to_string),
                left_to: as_text(r.get_ref(6)?),
                created_at: from_ts(r.get(7)?),
                updated_at: from_ts(r.get(8)?),
                details: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()
        .context("loading the people to delete")?;
    let mut details = conn.prepare_cached(
        "SELECT id, kind, label, value, position FROM person_details WHERE person_id = ?1 ORDER BY id",
    )?;
    for p in &mut people {
        p.details = details
            .query_map([p.id], |r| {
                Ok(RemovedDetail {
                    id: r.get(0)?,
                    kind: as_text(r.get_ref(1)?),
                    label: as_text(r.get_ref(2)?),
                    value: as_text(r.get_ref(3)?),
                    position: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()
            .context("loading the details of the people to delete")?;
    }
    Ok(people)
}

/// The first id of `people` or of their details that another row holds now (given to
/// someone added since): "the id of their person 4 (Anna de Boer)".
pub(in crate::store::sqlite) fn taken_id(
    conn: &Connection,
    people: &[RemovedPerson],
) -> anyhow::Result<Option<String>> {
    let mut person = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)")?;
    let mut detail = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM person_details WHERE id = ?1)")?;
    for p in people {
        if person.query_row([p.id], |r| r.get::<_, bool>(0))? {
            return Ok(Some(format!("the id of their person {} ({})", p.id, p.name)));
        }
        for d in &p.details {
            if detail.query_row([d.id], |r| r.get::<_, bool>(0))? {
                return Ok(Some(format!(
                    "the id of {}'s {} {} ({})",
                    p.name, d.kind, d.id, d.value
                )));
            }
        }
    }
    Ok(None)
}

/// Puts `people` back at customer `customer_id` under their own ids, with their details
/// (an undone customer delete); the customer's words are the caller's to write again.
pub(in crate::store::sqlite) fn put_back(
    conn: &Connection,
    customer_id: i64,
    people: &[RemovedPerson],
) -> anyhow::Result<()> {
    let mut person = conn.prepare_cached(
        "INSERT INTO people (id, customer_id, name, role, notes, main, left_on, left_to, created_at, updated_at,
                             name_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut detail = conn.prepare_cached(
        "INSERT INTO person_details (id, person_id, kind, label, value, key, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for p in people {
        person
            .execute(params![
                p.id,
                customer_id,
                p.name,
                p.role,
                p.notes,
                p.main,
                p.left_on,
                p.left_to,
                ts(p.created_at),
                ts(p.updated_at),
                words::key(&p.name)
            ])
            .with_context(|| format!("putting {} back", p.name))?;
        for d in &p.details {
            let kind = if d.kind == "email" {
                DetailKind::Email
            } else {
                DetailKind::Phone
            };
            detail
                .execute(params![
                    d.id,
                    p.id,
                    kind.as_str(),
                    d.label,
                    d.value,
                    kind.key(&d.value),
                    d.position
                ])
                .with_context(|| format!("putting {}'s {} back", p.name, d.kind))?;
        }
    }
    Ok(())
}
