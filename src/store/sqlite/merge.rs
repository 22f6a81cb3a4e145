//! Merging two customers in SQLite, and undoing a merge: one IMMEDIATE transaction each,
//! the moves by id, so an undo puts back exactly the records the merge moved. Which
//! customer is meant is the use case's; what a merge does is the contract's (`Merges`).

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

use super::SqliteBook;
use super::customers::{FieldsToSet, customer_not_found, set_fields};
use super::records::ids_of;
use super::sql::from_ts;
use super::undo::without;
use crate::domain::{Tags, words};
use crate::store::{Filled, Merge, MergeRefused, MergedRow, Merges, Moved, UndoRefused};

/// The tables whose rows belong to one customer, as `Moved` lists them.
const RECORDS: [&str; 6] = [
    "interactions",
    "follow_ups",
    "moments",
    "triggers",
    "balance_entries",
    "orders",
];

fn moved_ids(moved: &Moved) -> [(&'static str, &[i64]); 7] {
    [
        (RECORDS[0], &moved.contacts),
        (RECORDS[1], &moved.follow_ups),
        (RECORDS[2], &moved.moments),
        (RECORDS[3], &moved.triggers),
        (RECORDS[4], &moved.balance_entries),
        (RECORDS[5], &moved.orders),
        ("customer_aliases", &moved.aliases),
    ]
}

/// A customer's own row, and whether they are archived.
fn row(conn: &Connection, id: i64) -> anyhow::Result<Option<(MergedRow, bool)>> {
    conn.prepare_cached(
        "SELECT id, name, company, email, phone, tags, cadence_days, notes, created_at, updated_at, archived,
                paused_until, paused_reason
         FROM customers WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok((
            MergedRow {
                id: r.get(0)?,
                name: r.get(1)?,
                company: r.get(2)?,
                email: r.get(3)?,
                phone: r.get(4)?,
                tags: r.get(5)?,
                cadence_days: r.get(6)?,
                notes: r.get(7)?,
                created_at: from_ts(r.get(8)?),
                updated_at: from_ts(r.get(9)?),
                paused: match r.get::<_, Option<chrono::NaiveDate>>(11) {
                    Ok(Some(until)) => Some(crate::domain::Pause {
                        until,
                        reason: r.get(12)?,
                    }),
                    // A damaged day is no pause to keep.
                    Ok(None) | Err(_) => None,
                },
            },
            r.get::<_, bool>(10)?,
        ))
    })
    .optional()
    .context("loading a customer to merge")
}

/// `theirs` for a field of ours that is empty while theirs is not.
fn fill(ours: &str, theirs: &str) -> Option<String> {
    (ours.trim().is_empty() && !theirs.trim().is_empty()).then(|| theirs.to_string())
}

impl Merges for SqliteBook {
    fn merge_customers(&mut self, keep: i64, other: i64, now: DateTime<Utc>) -> anyhow::Result<Merge> {
        self.write("merge the customers", |tx| merge(tx, keep, other, now))
    }

    /// The merge, in a transaction that is rolled back: what it would do, exactly.
    fn preview_merge(&mut self, keep: i64, other: i64, now: DateTime<Utc>) -> anyhow::Result<Merge> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .context("starting to preview a merge")?;
        // Dropped without a commit: nothing is kept.
        merge(&tx, keep, other, now)
    }

    fn former_names(&self, id: i64) -> anyhow::Result<Vec<String>> {
        super::words::aliases(&self.conn, id).context("loading the names a customer had")
    }
}

fn merge(tx: &Connection, keep: i64, other: i64, now: DateTime<Utc>) -> anyhow::Result<Merge> {
    let (kept, kept_archived) = row(tx, keep)?.ok_or_else(|| customer_not_found(keep))?;
    let (gone, gone_archived) = row(tx, other)?.ok_or_else(|| customer_not_found(other))?;
    if keep == other {
        return Err(MergeRefused::Same { name: kept.name }.into());
    }
    for (c, archived) in [(&kept, kept_archived), (&gone, gone_archived)] {
        if archived {
            return Err(MergeRefused::Archived { name: c.name.clone() }.into());
        }
    }
    let mut moved = Moved {
        contacts: ids_of(tx, RECORDS[0], other)?,
        follow_ups: ids_of(tx, RECORDS[1], other)?,
        moments: ids_of(tx, RECORDS[2], other)?,
        triggers: ids_of(tx, RECORDS[3], other)?,
        balance_entries: ids_of(tx, RECORDS[4], other)?,
        orders: ids_of(tx, RECORDS[5], other)?,
        aliases: Vec::new(),
        people: Vec::new(),
        main_person: super::people::main_id(tx, other)?,
    };
    moved.aliases = ids_of(tx, "customer_aliases", other)?;
    for table in RECORDS.iter().chain(&["customer_aliases"]) {
        tx.execute(
            &format!("UPDATE {table} SET customer_id = ?1 WHERE customer_id = ?2"),
            [keep, other],
        )
        .with_context(|| format!("moving the rows of {table}"))?;
    }
    let filled = Filled {
        company: fill(&kept.company, &gone.company),
        email: fill(&kept.email, &gone.email),
        phone: fill(&kept.phone, &gone.phone),
        notes: fill(&kept.notes, &gone.notes),
    };
    let (ours, theirs) = (Tags::from_stored(&kept.tags), Tags::from_stored(&gone.tags));
    let added = without(&theirs, &ours);
    let tags = ours.union(&theirs);
    tx.execute(
        "INSERT INTO customer_aliases (customer_id, name, name_key, merged_from) VALUES (?1, ?2, ?3, ?4)",
        params![keep, gone.name, words::key(&gone.name), other],
    )
    .context("keeping the merged customer's name")?;
    let alias_id = tx.last_insert_rowid();
    moved.people = super::people::move_all(tx, other, keep).context("moving the merged customer's people")?;
    tx.execute("DELETE FROM customers WHERE id = ?1", [other])
        .context("removing the merged customer")?;
    let fields = FieldsToSet {
        name: None,
        company: filled.company.as_deref(),
        email: filled.email.as_deref(),
        phone: filled.phone.as_deref(),
        tags: Some(&tags),
        cadence: None,
        notes: filled.notes.as_deref(),
    };
    set_fields(tx, keep, &fields, now).context("filling in the kept customer")?;
    super::words::index(tx, keep).context("keeping the merged name findable")?;
    super::summary::refresh(tx, keep)?;
    Ok(Merge {
        keep,
        keep_name: kept.name,
        other: gone,
        filled,
        tags_added: added.as_slice().to_vec(),
        moved,
        alias_id,
    })
}

fn refuse(m: &Merge, why: impl Into<String>) -> anyhow::Error {
    UndoRefused {
        what: format!("merging {} into {}", m.other.name, m.keep_name),
        why: why.into(),
    }
    .into()
}

/// Puts the merged customer back as they were, with the records the merge moved, and
/// empties what it filled in: only while the kept customer, those records and the former
/// name are as the merge left them, and nobody has taken the merged customer's id.
pub(super) fn undo(tx: &Connection, m: &Merge, now: DateTime<Utc>) -> anyhow::Result<()> {
    let Some((kept, _)) = row(tx, m.keep)? else {
        return Err(refuse(m, format!("{} was deleted since", m.keep_name)));
    };
    if let Some((taken, _)) = row(tx, m.other.id)? {
        return Err(refuse(
            m,
            format!("its id {} was given to {} since", m.other.id, taken.name),
        ));
    }
    for (table, ids) in moved_ids(&m.moved) {
        let mut still = tx.prepare_cached(&format!(
            "SELECT count(*) FROM {table} WHERE id = ?1 AND customer_id = ?2"
        ))?;
        for id in ids {
            if still.query_row([*id, m.keep], |r| r.get::<_, i64>(0))? == 0 {
                let what = crate::store::record_name(table);
                return Err(refuse(
                    m,
                    format!("the {what} {id} it moved was deleted or moved since"),
                ));
            }
        }
    }
    let alias: i64 = tx.query_row(
        "SELECT count(*) FROM customer_aliases WHERE id = ?1 AND customer_id = ?2",
        [m.alias_id, m.keep],
        |r| r.get(0),
    )?;
    if alias == 0 {
        return Err(refuse(
            m,
            format!("{}'s former name was removed since", m.keep_name),
        ));
    }
    let f = &m.filled;
    for (field, filled, now_there) in [
        ("company", &f.company, &kept.company),
        ("e-mail", &f.email, &kept.email),
        ("phone", &f.phone, &kept.phone),
        ("notes", &f.notes, &kept.notes),
    ] {
        if filled.as_ref().is_some_and(|v| v != now_there) {
            return Err(refuse(m, format!("{}'s {field} was changed since", m.keep_name)));
        }
    }

    if let Some(main) = super::people::main_id(tx, m.keep)?.filter(|id| m.moved.people.contains(id)) {
        let name = super::people::in_tx(tx, main)?
            .map(|p| p.name)
            .unwrap_or_default();
        return Err(refuse(
            m,
            format!("{name} was made {}'s main contact since", m.keep_name),
        ));
    }

    let o = &m.other;
    // Only a customer who was not archived is merged.
    super::undo::put_back(tx, o, false)?;
    for (table, ids) in moved_ids(&m.moved) {
        let mut back = tx.prepare_cached(&format!("UPDATE {table} SET customer_id = ?2 WHERE id = ?1"))?;
        for id in ids {
            back.execute([*id, o.id])
                .with_context(|| format!("moving a row of {table} back"))?;
        }
    }
    super::people::move_back(tx, &m.moved.people, m.moved.main_person, o.id)
        .context("moving the merged customer's people back")?;
    // A merge journaled before people: the merged customer's main person from its fields.
    super::people::ensure_main(tx, o.id, now).context("putting the main person back")?;
    // What was written since across the two, with someone of the other: it would name a
    // person of another account (this transaction is rolled back with the refusal).
    if let Some((person, what)) = named_across(tx, m.keep, o.id)? {
        return Err(refuse(m, format!("{person} was named in {what} since")));
    }
    tx.execute("DELETE FROM customer_aliases WHERE id = ?1", [m.alias_id])
        .context("removing the former name")?;
    let tags = without(
        &Tags::from_stored(&kept.tags),
        &Tags::from_stored(&m.tags_added.join(" ")),
    );
    let empty = |v: &Option<String>| v.as_ref().map(|_| "");
    let fields = FieldsToSet {
        name: None,
        company: empty(&f.company),
        email: empty(&f.email),
        phone: empty(&f.phone),
        tags: Some(&tags),
        cadence: None,
        notes: empty(&f.notes),
    };
    set_fields(tx, m.keep, &fields, now).context("emptying what the merge filled in")?;
    for id in [m.keep, o.id] {
        super::words::index(tx, id)?;
        super::summary::refresh(tx, id)?;
    }
    Ok(())
}

/// A person of one of the customers `a` and `b` named by a record of the other (a
/// contact, a trigger, a decision moment), and what names them: "a contact with Acme BV".
fn named_across(tx: &Connection, a: i64, b: i64) -> anyhow::Result<Option<(String, String)>> {
    tx.prepare_cached(
        "SELECT p.name, x.what, c.name FROM (
             SELECT i.person_id AS person_id, i.customer_id AS customer_id, 'a contact with ' AS what
             FROM interactions i WHERE i.customer_id IN (?1, ?2) AND i.person_id IS NOT NULL
             UNION ALL
             SELECT t.person_id, t.customer_id, 'a trigger of ' FROM triggers t
             WHERE t.customer_id IN (?1, ?2) AND t.person_id IS NOT NULL
             UNION ALL
             SELECT mp.person_id, mo.customer_id, 'a decision moment of ' FROM moment_people mp
             JOIN moments mo ON mo.id = mp.moment_id WHERE mo.customer_id IN (?1, ?2)
         ) x
         JOIN people p ON p.id = x.person_id
         JOIN customers c ON c.id = x.customer_id
         WHERE p.customer_id <> x.customer_id LIMIT 1",
    )?
    .query_row([a, b], |r| {
        Ok((
            r.get::<_, String>(0)?,
            format!("{}{}", r.get::<_, String>(1)?, r.get::<_, String>(2)?),
        ))
    })
    .optional()
    .context("looking for records that name someone of the other customer")
}
