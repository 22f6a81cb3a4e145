//! Decision moments in SQLite: planning them, closing them, the buying process of a
//! customer, and the people who take part in each (`moment_people`). When a moment needs
//! attention is `domain::nudge`'s rule.

use anyhow::{Context as _, bail};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, ts};
use crate::domain::moment::{Moment, MomentPerson, MomentStatus, NewMoment, Part};
use crate::store::{Moments, NotFound, NotOpen, NotTheirs};

pub(super) const MOMENT_COLUMNS: &str = "m.id, m.customer_id, m.title, m.expected, m.concerns, m.steps, \
     m.response, m.status, m.planned_at, m.closed_at, m.outcome_note";
pub(super) const MOMENT_COLUMN_COUNT: usize = 11;

pub(super) fn moment_from_row(row: &Row<'_>) -> rusqlite::Result<Moment> {
    let r = Lenient::new(row, "moments", 0)?;
    Ok(Moment {
        id: r.id(),
        customer_id: row.get(1)?,
        title: r.text(2)?,
        expected: r.day(3)?,
        concerns: r.text(4)?,
        steps: r.text(5)?,
        response: r.text(6)?,
        // An unknown status is not nudged about: 'passed' asks for nothing.
        status: r.parsed(7, "a status (upcoming, won, lost, passed)", MomentStatus::Passed)?,
        planned_at: r.instant(8)?,
        closed_at: r.happened_at(9)?,
        outcome_note: r.text(10)?,
        people: Vec::new(),
    })
}

/// The moment `id` as `conn` sees it (inside a write: as that transaction sees it), with
/// its people.
pub(super) fn by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<Moment>> {
    let Some(mut moment) = conn
        .prepare_cached(&format!("SELECT {MOMENT_COLUMNS} FROM moments m WHERE m.id = ?1"))?
        .query_row([id], moment_from_row)
        .optional()
        .context("loading a decision moment")?
    else {
        return Ok(None);
    };
    let people = conn
        .prepare_cached(
            "SELECT mp.moment_id, p.id, p.name, mp.part FROM moment_people mp
             JOIN people p ON p.id = mp.person_id WHERE mp.moment_id = ?1",
        )?
        .query_map([id], person_from_row)?
        .collect::<Result<Vec<_>, _>>()
        .context("loading a decision moment's people")?;
    moment.people = in_order(people.into_iter().map(|(_, p)| p).collect());
    Ok(Some(moment))
}

/// A row of `moment_id, person id, name, part`; an unknown part reads as involved.
fn person_from_row(row: &Row<'_>) -> rusqlite::Result<(i64, MomentPerson)> {
    let part: String = row.get(3)?;
    Ok((
        row.get(0)?,
        MomentPerson {
            id: row.get(1)?,
            name: row.get(2)?,
            part: part.parse().unwrap_or(Part::Involved),
        },
    ))
}

/// By part, then by name, then by id.
fn in_order(mut people: Vec<MomentPerson>) -> Vec<MomentPerson> {
    people.sort_by(|a, b| (a.part, &a.name, a.id).cmp(&(b.part, &b.name, b.id)));
    people
}

/// Fills in the people of each of `moments`, all of customer `customer_id`.
fn with_people(conn: &Connection, customer_id: i64, moments: &mut [Moment]) -> anyhow::Result<()> {
    let rows = conn
        .prepare_cached(
            "SELECT mp.moment_id, p.id, p.name, mp.part FROM moment_people mp
             JOIN moments m ON m.id = mp.moment_id JOIN people p ON p.id = mp.person_id
             WHERE m.customer_id = ?1",
        )?
        .query_map([customer_id], person_from_row)?
        .collect::<Result<Vec<_>, _>>()
        .context("loading the decision moments' people")?;
    for m in moments.iter_mut() {
        let people = rows
            .iter()
            .filter(|(id, _)| *id == m.id)
            .map(|(_, p)| p.clone())
            .collect();
        m.people = in_order(people);
    }
    Ok(())
}

/// Replaces the people of moment `id` with `people` (a pair given twice counts once).
/// `strict`: a person not at the moment's customer is refused (`NotTheirs`); otherwise
/// (undo putting back what was) they are left out.
pub(super) fn write_people(
    tx: &Connection,
    id: i64,
    people: &[(i64, Part)],
    strict: bool,
) -> anyhow::Result<()> {
    tx.prepare_cached("DELETE FROM moment_people WHERE moment_id = ?1")?
        .execute([id])
        .context("clearing a decision moment's people")?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO moment_people (moment_id, person_id, part)
         SELECT m.id, p.id, ?3 FROM moments m JOIN people p ON p.customer_id = m.customer_id
         WHERE m.id = ?1 AND p.id = ?2",
    )?;
    let mut there = tx.prepare_cached(
        "SELECT 1 FROM moments m JOIN people p ON p.customer_id = m.customer_id WHERE m.id = ?1 AND p.id = ?2",
    )?;
    for &(person, part) in people {
        let wrote = insert
            .execute(params![id, person, part.as_str()])
            .context("naming a decision moment's people")?;
        if strict && wrote == 0 && !there.exists(params![id, person])? {
            return Err(NotTheirs { moment: id, person }.into());
        }
    }
    Ok(())
}

fn required(conn: &Connection, id: i64) -> anyhow::Result<Moment> {
    by_id(conn, id)?.ok_or_else(|| NotFound::new("decision moment", id).into())
}

impl Moments for SqliteBook {
    fn add_moment(
        &mut self,
        customer_id: i64,
        new: &NewMoment,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moment> {
        self.write("plan the decision moment", |tx| {
            tx.prepare_cached(
                "INSERT INTO moments (customer_id, title, expected, concerns, steps, response, planned_at, value_tier)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce((SELECT value_tier FROM customers WHERE id = ?1), 0))",
            )?
            .execute(params![
                customer_id,
                new.title.trim(),
                new.expected,
                new.concerns.trim(),
                new.steps.trim(),
                new.response.trim(),
                ts(now)
            ])
            .map_err(|e| super::customers::explain_missing_customer(e, customer_id))?;
            let id = tx.last_insert_rowid();
            write_people(tx, id, &new.people, true)?;
            required(tx, id)
        })
    }

    fn set_moment_people(&mut self, id: i64, people: &[(i64, Part)]) -> anyhow::Result<Moment> {
        self.write("name the decision moment's people", |tx| {
            required(tx, id)?;
            write_people(tx, id, people, true)?;
            required(tx, id)
        })
    }

    fn moment(&self, id: i64) -> anyhow::Result<Option<Moment>> {
        by_id(&self.conn, id)
    }

    fn close_moment(
        &mut self,
        id: i64,
        outcome: MomentStatus,
        note: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moment> {
        self.write("close the decision moment", |tx| {
            let m = required(tx, id)?;
            if m.status != MomentStatus::Upcoming {
                return Err(NotOpen::MomentClosed { id, status: m.status }.into());
            }
            if outcome == MomentStatus::Upcoming {
                bail!("a moment closes as won, lost or passed, not upcoming");
            }
            tx.prepare_cached(
                "UPDATE moments SET status = ?2, closed_at = ?3,
                    outcome_note = CASE WHEN ?4 <> '' THEN ?4 ELSE outcome_note END
                 WHERE id = ?1",
            )?
            .execute(params![id, outcome, ts(now), note.trim()])
            .context("closing a decision moment")?;
            required(tx, id)
        })
    }

    fn moments_of(&self, customer_id: i64) -> anyhow::Result<Vec<Moment>> {
        let mut moments = self
            .conn
            .prepare_cached(&format!(
                "SELECT {MOMENT_COLUMNS} FROM moments m WHERE m.customer_id = ?1 ORDER BY m.expected, m.id"
            ))?
            .query_map([customer_id], moment_from_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading decision moments")?;
        if !moments.is_empty() {
            with_people(&self.conn, customer_id, &mut moments)?;
        }
        Ok(moments)
    }

    fn next_moments(&self, ids: &[i64]) -> anyhow::Result<Vec<(i64, NaiveDate)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT min(expected) FROM moments WHERE customer_id = ?1 AND status = 'upcoming'",
        )?;
        let mut next = Vec::new();
        for &id in ids {
            let day = stmt
                .query_row([id], |r| Ok(super::sql::day(r.get_ref(0)?)))
                .context("finding the next decision moment")?;
            next.extend(day.map(|d| (id, d)));
        }
        Ok(next)
    }
}
