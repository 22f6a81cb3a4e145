//! The words a customer is found by, in SQLite: `customer_words` (every folded word of
//! their name, company, former names and their people's names, indexed by word),
//! `customers.name_key` and `people.name_key` (the folded names, for the exact and the
//! starting match), written in the transaction that writes the names, and the lookups
//! over them, each a range on an index. A person's name finds their account as the
//! account's own name does (schema 15). What a word is, is `domain::words`'.

use std::fmt::Write as _;

use rusqlite::{Connection, OptionalExtension as _, params};

use super::sql::{as_text as text, int};
use crate::domain::company::company_key;
use crate::domain::words;
use crate::store::FormerName;

/// Inserts the words of a customer who has none stored yet (one just added).
pub(super) fn add(conn: &Connection, id: i64, words: &[String]) -> rusqlite::Result<()> {
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO customer_words (word, customer_id) VALUES (?1, ?2)")?;
    for word in words {
        insert.execute(params![word, id])?;
    }
    Ok(())
}

/// What customer `id`'s words and name key are, from their row, former names and people
/// as they are stored now; `None` when there is no such customer.
pub(in crate::store::sqlite) fn expected(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Option<(String, Vec<String>)>> {
    expected_of(conn, id, true)
}

/// As `expected`; `with_people` false for a schema before people (the migration to 7).
fn expected_of(
    conn: &Connection,
    id: i64,
    with_people: bool,
) -> rusqlite::Result<Option<(String, Vec<String>)>> {
    let Some((name, company)) = conn
        .prepare_cached("SELECT name, company FROM customers WHERE id = ?1")?
        .query_row([id], |r| Ok((text(r.get_ref(0)?), text(r.get_ref(1)?))))
        .optional()?
    else {
        return Ok(None);
    };
    let mut aliases = aliases(conn, id)?;
    if with_people {
        aliases.extend(people_names(conn, id)?);
    }
    let names = [name.as_str(), company.as_str()]
        .into_iter()
        .chain(aliases.iter().map(String::as_str));
    Ok(Some((words::key(&name), words::customer_words(names))))
}

/// The names customer `id` is also known by (those merged into them), oldest first.
pub(in crate::store::sqlite) fn aliases(conn: &Connection, id: i64) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT name FROM customer_aliases WHERE customer_id = ?1 ORDER BY id")?
        .query_map([id], |r| r.get_ref(0).map(text))?
        .collect()
}

/// The names of customer `id`'s people, those who left too.
fn people_names(conn: &Connection, id: i64) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT name FROM people WHERE customer_id = ?1")?
        .query_map([id], |r| r.get_ref(0).map(text))?
        .collect()
}

/// Customer `id`'s former names with their ids, oldest first: what deleting them keeps,
/// so that undo puts back [`restore`] exactly.
pub(in crate::store::sqlite) fn former_names(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Vec<FormerName>> {
    conn.prepare_cached(
        "SELECT id, name, merged_from FROM customer_aliases WHERE customer_id = ?1 ORDER BY id",
    )?
    .query_map([id], |r| {
        Ok(FormerName {
            id: r.get(0)?,
            name: text(r.get_ref(1)?),
            merged_from: r.get(2)?,
        })
    })?
    .collect()
}

/// A deleted customer's former names back under their own ids, and every word of theirs
/// written again: the customer's row is back already.
pub(in crate::store::sqlite) fn restore(
    conn: &Connection,
    id: i64,
    names: &[FormerName],
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO customer_aliases (id, customer_id, name, name_key, merged_from) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for n in names {
        insert.execute(params![n.id, id, n.name, words::key(&n.name), n.merged_from])?;
    }
    index(conn, id)
}

/// Writes customer `id`'s words and name key again from their row: after any write of
/// their name, company, former names or their people's names.
pub(in crate::store::sqlite) fn index(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    index_of(conn, id, true)
}

fn index_of(conn: &Connection, id: i64, with_people: bool) -> rusqlite::Result<()> {
    let Some((key, words)) = expected_of(conn, id, with_people)? else {
        return Ok(());
    };
    conn.prepare_cached("UPDATE customers SET name_key = ?2 WHERE id = ?1 AND name_key IS NOT ?2")?
        .execute(params![id, key])?;
    if with_people {
        for (person, key) in stale_people_keys(conn, id)? {
            conn.prepare_cached("UPDATE people SET name_key = ?2 WHERE id = ?1")?
                .execute(params![person, key])?;
        }
    }
    if stored(conn, id)? != words {
        conn.prepare_cached("DELETE FROM customer_words WHERE customer_id = ?1")?
            .execute([id])?;
        add(conn, id, &words)?;
    }
    Ok(())
}

/// Every customer's words and name key, written again (the migration to 7, which adds
/// them: there are no people yet).
pub(super) fn index_all(conn: &Connection) -> rusqlite::Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM customers ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        index_of(conn, id, false)?;
    }
    Ok(())
}

/// The migration to 15: the people whose name key the SQL could not copy from their
/// customer (a name other than the account's) get theirs, and their words join their
/// account's. A book from before people has none such: its people are the customers.
pub(super) fn index_people(conn: &Connection) -> rusqlite::Result<()> {
    let rest: Vec<(i64, i64, String)> = conn
        .prepare("SELECT id, customer_id, name FROM people WHERE name_key = ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, text(r.get_ref(2)?))))?
        .collect::<Result<_, _>>()?;
    let mut set = conn.prepare("UPDATE people SET name_key = ?2 WHERE id = ?1")?;
    for (id, customer_id, name) in rest {
        set.execute(params![id, words::key(&name)])?;
        add(conn, customer_id, &words::words(&name))?;
    }
    Ok(())
}

/// A person's name written (renamed): their name key, and the words of their account
/// again.
pub(in crate::store::sqlite) fn person_named(conn: &Connection, person_id: i64) -> rusqlite::Result<()> {
    let customer_id: Option<i64> = conn
        .prepare_cached("SELECT customer_id FROM people WHERE id = ?1")?
        .query_row([person_id], |r| r.get(0))
        .optional()?;
    match customer_id {
        Some(customer_id) => index(conn, customer_id),
        None => Ok(()),
    }
}

/// Customer `id`'s people whose stored name key is not their folded name, with the key
/// they should have.
pub(in crate::store::sqlite) fn stale_people_keys(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut stale = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT id, name, name_key FROM people WHERE customer_id = ?1")?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let key = words::key(&text(r.get_ref(1)?));
        if r.get_ref(2)?.as_str().ok() != Some(key.as_str()) {
            stale.push((r.get(0)?, key));
        }
    }
    Ok(stale)
}

/// Customer `id`'s words as stored, sorted.
pub(in crate::store::sqlite) fn stored(conn: &Connection, id: i64) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT word FROM customer_words WHERE customer_id = ?1 ORDER BY word")?
        .query_map([id], |r| r.get_ref(0).map(text))?
        .collect()
}

/// The ids of the customers `typed` finds on one shelf (`archived` 0 or 1), tier by tier,
/// at most `limit` in each.
pub(super) struct Found {
    pub exact: Vec<i64>,
    pub starting: Vec<i64>,
    pub by_words: Vec<i64>,
}

pub(super) fn named(conn: &Connection, archived: i32, typed: &str, limit: usize) -> rusqlite::Result<Found> {
    let typed_words = words::words(typed);
    let limit = int(limit);
    if typed_words.is_empty() {
        // Nothing to fold (a name of symbols): the name as it is, ignoring case.
        let exact = ids(
            conn,
            &format!(
                "SELECT id FROM customers WHERE archived = {archived} AND name = ?1 ORDER BY id LIMIT ?2"
            ),
            params![typed, limit],
        )?;
        return Ok(Found {
            exact,
            starting: Vec::new(),
            by_words: Vec::new(),
        });
    }
    let key = typed_words.join(" ");
    // Former names are few: the exact match looks there too. A person's name counts as
    // their account's own.
    let exact = ids(
        conn,
        &format!(
            "SELECT id FROM customers WHERE archived = {archived} AND name_key = ?1
             UNION
             SELECT a.customer_id FROM customer_aliases a JOIN customers c ON c.id = a.customer_id
             WHERE a.name_key = ?1 AND c.archived = {archived}
             UNION
             SELECT p.customer_id FROM people p CROSS JOIN customers c ON c.id = p.customer_id
             WHERE p.name_key = ?1 AND c.archived = {archived}
             LIMIT ?2"
        ),
        params![key, limit],
    )?;
    // `?1 || x'ff'` is just above every text that starts with ?1: no valid UTF-8 byte is
    // 0xff. A range on the index, where LIKE with a bound pattern would scan the table.
    // The customers' names and their people's each walk their own index in name order,
    // merged here: a union sorted in SQL would read every name that starts so.
    let keyed = |sql: &str| -> rusqlite::Result<Vec<(String, i64)>> {
        conn.prepare_cached(sql)?
            .query_map(params![key, limit], |r| Ok((text(r.get_ref(0)?), r.get(1)?)))?
            .collect()
    };
    let mut both = keyed(&format!(
        "SELECT name_key, id FROM customers
         WHERE archived = {archived} AND name_key >= ?1 AND name_key < ?1 || x'ff'
         ORDER BY name_key, id LIMIT ?2"
    ))?;
    both.extend(keyed(&format!(
        "SELECT p.name_key, p.customer_id FROM people p CROSS JOIN customers c ON c.id = p.customer_id
         WHERE p.name_key >= ?1 AND p.name_key < ?1 || x'ff' AND c.archived = {archived}
         ORDER BY p.name_key, p.customer_id LIMIT ?2"
    ))?);
    both.sort_unstable();
    let mut starting: Vec<i64> = Vec::with_capacity(both.len());
    for (_, id) in both {
        if !starting.contains(&id) {
            starting.push(id);
        }
    }
    starting.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(Found {
        exact,
        starting,
        by_words: by_words(conn, archived, &typed_words, limit)?,
    })
}

/// Customers every one of whose `typed` words starts a word of theirs: the longest word
/// (the fewest customers) is walked on the word index, each of the others is a seek in
/// that customer's words. CROSS JOIN keeps the words the outer loop: without statistics
/// the planner would rather walk every customer.
fn by_words(conn: &Connection, archived: i32, typed: &[String], limit: i64) -> rusqlite::Result<Vec<i64>> {
    let mut typed: Vec<&str> = typed.iter().map(String::as_str).collect();
    typed.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    typed.dedup();
    let mut others = String::new();
    for n in 2..=typed.len() {
        let _ = write!(
            others,
            " AND EXISTS (SELECT 1 FROM customer_words o WHERE o.customer_id = w.customer_id
               AND o.word >= ?{n} AND o.word < ?{n} || x'ff')"
        );
    }
    let sql = format!(
        "SELECT DISTINCT w.customer_id FROM customer_words w CROSS JOIN customers c ON c.id = w.customer_id
         WHERE w.word >= ?1 AND w.word < ?1 || x'ff' AND c.archived = {archived}{others}
         LIMIT {limit}"
    );
    ids(conn, &sql, rusqlite::params_from_iter(typed))
}

fn ids(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(sql)?
        .query_map(params, |r| r.get(0))?
        .collect()
}

/// The migration to 18: each customer named as its main person, with a company that is not
/// its name and no other customer of that company, takes the company's name
/// (`domain::company::account_name`; the file 018 says why). Their words stay: the
/// name's are the person's now, the company's were the account's already.
pub(super) fn name_accounts_after_companies(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare(
        "SELECT c.id, c.name, c.company, p.name FROM customers c
         LEFT JOIN people p ON p.customer_id = c.id AND p.main = 1
         WHERE trim(c.company) <> ''",
    )?;
    let rows: Vec<(i64, String, String, Option<String>)> = read
        .query_map([], |r| {
            let main = r.get_ref(3)?;
            let main = (main != rusqlite::types::ValueRef::Null).then(|| text(main));
            Ok((r.get(0)?, text(r.get_ref(1)?), text(r.get_ref(2)?), main))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut of_company: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, _, company, _) in &rows {
        *of_company.entry(company_key(company)).or_default() += 1;
    }
    let mut rename = conn.prepare("UPDATE customers SET name = ?2, name_key = ?3 WHERE id = ?1")?;
    for (id, name, company, main) in &rows {
        let account = crate::domain::company::account_name(name, company);
        let alone = of_company.get(&company_key(company)) == Some(&1);
        if alone && account != name.trim() && main.as_deref() == Some(name.as_str()) {
            rename.execute(params![id, account, words::key(account)])?;
        }
    }
    Ok(())
}
