//! Checking people's details and the in-step rule (`store::people`): a detail's key is
//! what its value is found by (`DetailKind::key`), every detail belongs to a person, a
//! customer's own e-mail and phone are its main person's first ones, and an account with
//! people still there has a main contact. `--repair` mends only what has one right answer:
//! a key, an empty side of the in-step rule, the one person left as main contact.

use anyhow::Context as _;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension as _, params};

use super::report::Finding;
use crate::domain::person::DetailKind;
use crate::store::Problem;
use crate::store::sqlite::sql::literal;

/// The tables whose findings this module repairs (and says how), not the generic pass.
const PEOPLE: &str = "people";
const DETAILS: &str = "person_details";

/// Whether `f` is one this module's `repair` acts on and reports.
pub(super) fn repaired_here(f: &Finding) -> bool {
    f.what.table == PEOPLE || f.what.table == DETAILS
}

fn finding(table: &str, id: i64, column: Option<&str>, found: Option<String>, problem: String) -> Finding {
    Finding {
        what: Problem {
            table: table.to_string(),
            id: Some(id),
            column: column.map(str::to_string),
            found,
            problem,
            repair: None,
        },
        fix: None,
        customer: None,
        poisons_summary: false,
    }
}

fn kind_of(stored: &str) -> Option<DetailKind> {
    match stored {
        "email" => Some(DetailKind::Email),
        "phone" => Some(DetailKind::Phone),
        _ => None,
    }
}

/// What is wrong with people's details and the in-step rule, customer by customer.
pub(super) fn problems(conn: &Connection) -> anyhow::Result<Vec<Finding>> {
    let mut found = details(conn)?;
    found.extend(in_step(conn)?);
    found.extend(no_main(conn)?);
    Ok(found)
}

/// Details whose key is not their value's, and details of no one.
fn details(conn: &Connection) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.person_id, d.kind, d.value, d.key, EXISTS (SELECT 1 FROM people p WHERE p.id = d.person_id)
         FROM person_details d ORDER BY d.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    while let Some(r) = rows.next().context("checking people's details")? {
        let id: i64 = r.get(0)?;
        let (kind, value) = (r.get_ref(2)?.as_str().ok(), r.get_ref(3)?.as_str().ok());
        let (Some(kind), Some(value)) = (kind.and_then(kind_of), value) else {
            // A kind or value that is no text is no detail touchbase reads.
            continue;
        };
        if !r.get::<_, bool>(5)? {
            found.push(finding(
                DETAILS,
                id,
                None,
                None,
                format!(
                    "is the {} {} of person {}, who is not in the book",
                    kind.as_str(),
                    literal(value.into()),
                    r.get::<_, i64>(1)?
                ),
            ));
            continue;
        }
        let key = kind.key(value);
        if r.get_ref(4)?.as_str().ok() != Some(key.as_str()) {
            let mut f = finding(
                DETAILS,
                id,
                Some("key"),
                Some(literal(r.get_ref(4)?)),
                format!(
                    "is not the key the {} {} is found by, so searching for it misses its person",
                    kind.as_str(),
                    literal(value.into())
                ),
            );
            f.what.repair = Some(format!("sets it to {}", literal(key.as_str().into())));
            found.push(f);
        }
    }
    Ok(found)
}

/// Customers whose own e-mail or phone is not their main person's first.
fn in_step(conn: &Connection) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.email, c.phone, p.id, p.name,
                (SELECT value FROM person_details WHERE person_id = p.id AND kind = 'email' ORDER BY position, id LIMIT 1),
                (SELECT value FROM person_details WHERE person_id = p.id AND kind = 'phone' ORDER BY position, id LIMIT 1)
         FROM customers c JOIN people p ON p.customer_id = c.id AND p.main = 1 ORDER BY c.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    while let Some(r) = rows
        .next()
        .context("checking customers against their main contacts")?
    {
        let (customer, person): (i64, i64) = (r.get(0)?, r.get(3)?);
        let name = r.get_ref(4)?.as_str().unwrap_or("their main contact").to_string();
        for (column, kind, ours, theirs) in [
            ("email", DetailKind::Email, 1, 5),
            ("phone", DetailKind::Phone, 2, 6),
        ] {
            // A customer value that is no text is the value checks' to report.
            let Ok(ours) = r.get_ref(ours)?.as_str() else {
                continue;
            };
            let theirs = r.get_ref(theirs)?.as_str().ok().unwrap_or_default();
            if ours == theirs {
                continue;
            }
            let what = if kind == DetailKind::Email {
                "e-mail"
            } else {
                "phone"
            };
            let problem = if theirs.is_empty() {
                format!("is not on its main contact {name}, who has no {what}")
            } else {
                format!(
                    "is not its main contact {name}'s first {what}, {}",
                    literal(theirs.into())
                )
            };
            let mut f = finding(
                "customers",
                customer,
                Some(column),
                Some(literal(ours.into())),
                problem,
            );
            if ours.is_empty() {
                // The customer's copy is missing: it takes the person's, nothing is lost.
                f.fix = Some(Value::Text(theirs.to_string()));
                f.what.repair = Some(format!("sets it to {}", literal(theirs.into())));
            } else if theirs.is_empty() {
                // The person's is missing: they take the customer's.
                f.what.table = PEOPLE.to_string();
                f.what.id = Some(person);
                f.what.problem = format!(
                    "has no {what}, while their customer {customer}'s is {}",
                    literal(ours.into())
                );
                f.what.found = None;
                f.what.column = Some(column.to_string());
                f.what.repair = Some(format!(
                    "gives {name} {} as their first {what}",
                    literal(ours.into())
                ));
            } else {
                f.what.problem = format!(
                    "{}: which is right is yours to say (touchbase edit customer {customer} --{column} …)",
                    f.what.problem
                );
            }
            f.customer = Some(customer);
            found.push(f);
        }
    }
    Ok(found)
}

/// Customers with people still there and no main contact.
fn no_main(conn: &Connection) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, count(*), min(p.id) FROM customers c JOIN people p ON p.customer_id = c.id AND p.left_on IS NULL
         WHERE NOT EXISTS (SELECT 1 FROM people m WHERE m.customer_id = c.id AND m.main = 1)
         GROUP BY c.id ORDER BY c.id",
    )?;
    let rows: Vec<(i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()
        .context("checking that accounts have a main contact")?;
    let mut found = Vec::new();
    for (customer, there, first) in rows {
        let problem = format!(
            "has {there} {} still there but no main contact",
            if there == 1 { "person" } else { "people" }
        );
        let mut f = finding("customers", customer, None, None, problem);
        if there == 1 && one_to_make_main(conn, customer, first)? {
            let name: String =
                conn.query_row("SELECT name FROM people WHERE id = ?1", [first], |r| r.get(0))?;
            f.what.table = PEOPLE.to_string();
            f.what.id = Some(first);
            f.what.column = Some("main".to_string());
            f.what.problem =
                format!("is the only one still at customer {customer}, which has no main contact");
            f.what.repair = Some(format!("makes {name} its main contact"));
        } else {
            f.what.problem = format!(
                "{}: choose one (touchbase person list {customer}, then touchbase person main ID)",
                f.what.problem
            );
        }
        f.customer = Some(customer);
        found.push(f);
    }
    Ok(found)
}

/// Whether making `person` the main contact changes nothing else: the customer's own
/// e-mail and phone already are the person's first ones (or the in-step rule would
/// overwrite one).
fn one_to_make_main(conn: &Connection, customer: i64, person: i64) -> anyhow::Result<bool> {
    let same: Option<bool> = conn
        .query_row(
            "SELECT c.email IS coalesce((SELECT value FROM person_details WHERE person_id = ?2 AND kind = 'email'
                                         ORDER BY position, id LIMIT 1), '')
                AND c.phone IS coalesce((SELECT value FROM person_details WHERE person_id = ?2 AND kind = 'phone'
                                         ORDER BY position, id LIMIT 1), '')
             FROM customers c WHERE c.id = ?1",
            [customer, person],
            |r| r.get(0),
        )
        .optional()?;
    Ok(same == Some(true))
}

/// Repairs the findings of this module that have a repair; what it changed, as `--repair`
/// lists it.
pub(super) fn repair(conn: &Connection, findings: &[Finding]) -> anyhow::Result<Vec<String>> {
    let mut changed = Vec::new();
    for f in findings
        .iter()
        .filter(|f| repaired_here(f) && f.what.repair.is_some())
    {
        let (Some(id), Some(column)) = (f.what.id, f.what.column.as_deref()) else {
            continue;
        };
        match (f.what.table.as_str(), column) {
            (DETAILS, "key") => {
                let (kind, value): (String, String) = conn.query_row(
                    "SELECT kind, value FROM person_details WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let Some(kind) = kind_of(&kind) else { continue };
                let key = kind.key(&value);
                conn.execute(
                    "UPDATE person_details SET key = ?2 WHERE id = ?1",
                    params![id, key],
                )
                .context("repairing a detail's key")?;
                changed.push(format!(
                    "person detail {id}: key {} → {}",
                    f.what.found.as_deref().unwrap_or("?"),
                    literal(key.as_str().into())
                ));
            }
            (PEOPLE, "email" | "phone") => {
                let customer = f.customer.context("repairing a person without their customer")?;
                let value: String = conn.query_row(
                    &format!("SELECT {column} FROM customers WHERE id = ?1"),
                    [customer],
                    |r| r.get(0),
                )?;
                let kind = kind_of(column).context("repairing an unknown detail")?;
                conn.execute(
                    "INSERT INTO person_details (person_id, kind, value, key, position)
                     VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(min(position), 1) - 1 FROM person_details
                                               WHERE person_id = ?1 AND kind = ?2))",
                    params![id, kind.as_str(), value, kind.key(&value)],
                )
                .context("giving a main contact their customer's detail")?;
                changed.push(format!(
                    "person {id}: {} {} added as their first",
                    kind.as_str(),
                    literal(value.as_str().into())
                ));
            }
            (PEOPLE, "main") => {
                conn.execute("UPDATE people SET main = 1 WHERE id = ?1", [id])
                    .context("making the one person still there the main contact")?;
                changed.push(format!("person {id}: made the main contact"));
            }
            _ => {}
        }
    }
    Ok(changed)
}
