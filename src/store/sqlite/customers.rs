//! Customers in SQLite: adding, editing, archiving, finding by name, and the book (or the
//! archive) in the order of each sort's index. Knows nothing of who reads them or how they
//! are ranked.

use std::collections::HashMap;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, as_text, int, ts};
use crate::domain::Pause;
use crate::domain::balance::Balance;
use crate::domain::customer::Summary;
use crate::domain::money::Cents;
use crate::domain::{Cadence, Customer, Tags, words};
use crate::store::{
    CustomerPatch, CustomerRow, Customers, IndexEntry, Named, NewCustomer, NotFound, SortKey,
};

/// The typed fields of a customer to write, as they are to be stored; `None` leaves one as
/// it is. An edit and the undo of one both write through `set_fields`.
pub(super) struct FieldsToSet<'a> {
    pub name: Option<&'a str>,
    pub company: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub tags: Option<&'a Tags>,
    pub cadence: Option<Cadence>,
    pub notes: Option<&'a str>,
}

/// Writes `fields` to customer `id` and stamps the change, and the words they are found by
/// when the name or company changed, and keeps its main person in step (`people.rs`);
/// returns how many rows changed (0: no such customer).
pub(super) fn set_fields(
    tx: &Connection,
    id: i64,
    fields: &FieldsToSet<'_>,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    let old_name: Option<String> = match fields.name {
        Some(_) => tx
            .prepare_cached("SELECT name FROM customers WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?,
        None => None,
    };
    let changed = write_fields(tx, id, fields, now)?;
    if changed > 0 {
        let renamed = old_name.as_deref().zip(fields.name);
        super::people::follow_customer(tx, id, renamed, fields.email, fields.phone, now)?;
    }
    Ok(changed)
}

/// As `set_fields`, but the customer's row alone: for the main person's own writes.
pub(super) fn write_fields(
    tx: &Connection,
    id: i64,
    fields: &FieldsToSet<'_>,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    let changed = tx.execute(
        "UPDATE customers SET
            name = coalesce(?2, name), company = coalesce(?3, company),
            email = coalesce(?4, email), phone = coalesce(?5, phone),
            tags = coalesce(?6, tags), cadence_days = coalesce(?7, cadence_days),
            notes = coalesce(?8, notes), updated_at = ?9
         WHERE id = ?1",
        params![
            id,
            fields.name,
            fields.company,
            fields.email,
            fields.phone,
            fields.tags.map(Tags::to_stored),
            fields.cadence.map(Cadence::days),
            fields.notes,
            ts(now),
        ],
    )?;
    if changed > 0 && (fields.name.is_some() || fields.company.is_some()) {
        super::words::index(tx, id)?;
    }
    Ok(changed)
}

/// Adds a customer with the fields as given, the words they are found by and its main
/// person (the in-step rule, `people.rs`); their id.
pub(super) fn insert(
    conn: &Connection,
    new: &NewCustomer,
    created_at: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let id = insert_row(conn, new, created_at)?;
    super::words::add(
        conn,
        id,
        &words::customer_words([new.name.as_str(), new.company.as_str()]),
    )?;
    super::people::insert_main(conn, id, &new.name, &new.email, &new.phone, created_at)?;
    Ok(id)
}

/// Adds a customer's row, with its name key; its words and main person are the caller's.
pub(super) fn insert_row(
    conn: &Connection,
    new: &NewCustomer,
    created_at: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO customers (name, company, email, phone, tags, cadence_days, notes, created_at, updated_at, name_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
    )?
    .execute(params![
        new.name,
        new.company,
        new.email,
        new.phone,
        new.tags.to_stored(),
        new.cadence.unwrap_or(Cadence::DEFAULT).days(),
        new.notes,
        ts(created_at),
        words::key(&new.name),
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) const CUSTOMER_COLUMNS: &str = "c.id, c.name, c.company, c.email, c.phone, c.tags, \
     c.cadence_days, c.notes, c.archived, c.created_at, c.last_contact_at, c.value_cents, \
     c.last_order_on, c.satisfaction, c.prev_satisfaction, c.satisfaction_at, c.gives, c.asks, \
     c.last_give_at, c.last_logged_at, c.paused_until, c.paused_reason";
/// How many columns `CUSTOMER_COLUMNS` selects.
pub(super) const CUSTOMER_COLUMN_COUNT: usize = 22;

pub(super) fn customer_from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    customer_from_row_offset(row, 0)
}

/// Reads `CUSTOMER_COLUMNS` starting at column `o` (for joins). A damaged value reads as
/// unknown (or the default cadence) and is recorded, so one bad row never stops the book.
pub(super) fn customer_from_row_offset(row: &Row<'_>, o: usize) -> rusqlite::Result<Customer> {
    let r = Lenient::new(row, "customers", o)?;
    // A cadence typed as words ('2w') stands for what it says, as `check --repair` writes
    // it; anything else damaged stands for the default.
    let written = row.get_ref(o + 6)?.as_str().ok().and_then(|s| s.parse().ok());
    let cadence = r.value(
        o + 6,
        |v| {
            let days = u32::try_from(v.as_i64().ok()?).ok()?;
            Cadence::from_days(days).ok()
        },
        "a cadence (1 to 3650 days)",
        written.unwrap_or(Cadence::DEFAULT),
        || match written {
            Some(c) => c.to_string(),
            None => format!("{} (the default)", Cadence::DEFAULT),
        },
    )?;
    let count =
        |i| -> rusqlite::Result<u32> { Ok(r.int_in(i, 0..=i64::from(u32::MAX), "a count", 0)? as u32) };
    let satisfaction = |i| -> rusqlite::Result<Option<u8>> {
        Ok(r.opt_int_in(i, 1..=5, "a satisfaction (1 to 5)")?
            .map(|s| s as u8))
    };
    Ok(Customer {
        id: r.id(),
        name: r.text(o + 1)?,
        company: r.text(o + 2)?,
        email: r.text(o + 3)?,
        phone: r.text(o + 4)?,
        tags: r.tags(o + 5)?,
        cadence,
        notes: r.text(o + 7)?,
        archived: r.flag(o + 8)?,
        created_at: r.instant(o + 9)?,
        last_contact_at: r.opt_instant(o + 10)?,
        summary: Summary {
            value: Cents(r.int_in(o + 11, 0..=i64::MAX, "an amount in cents", 0)?),
            last_order_on: r.opt_day(o + 12)?,
            satisfaction: satisfaction(o + 13)?,
            prev_satisfaction: satisfaction(o + 14)?,
            satisfaction_at: r.opt_instant(o + 15)?,
            balance: Balance {
                gives: count(o + 16)?,
                asks: count(o + 17)?,
            },
            last_give_at: r.opt_instant(o + 18)?,
            last_logged_at: r.opt_instant(o + 19)?,
        },
        paused: match r.opt_day(o + 20)? {
            Some(until) => Some(Pause {
                until,
                reason: r.text(o + 21)?,
            }),
            None => None,
        },
    })
}

/// A row of `CUSTOMER_COLUMNS` followed by `NEXT_FOLLOW_UP`.
fn customer_row(row: &Row<'_>) -> rusqlite::Result<CustomerRow> {
    let customer = customer_from_row(row)?;
    // A damaged due date is reported where the follow-up itself is read.
    let next_follow_up = super::sql::day(row.get_ref(CUSTOMER_COLUMN_COUNT)?);
    Ok(CustomerRow {
        customer,
        next_follow_up,
    })
}

/// Each order is one index read front to back, so a page is an index walk, never a sort.
fn order_by(sort: SortKey) -> &'static str {
    match sort {
        SortKey::LastContact => "c.last_contact_at, c.id",
        SortKey::Name => "c.name, c.id",
        SortKey::Value => "c.value_cents DESC, c.id DESC",
    }
}

/// The same order back to front: the same index read from its other end.
fn order_by_reversed(sort: SortKey) -> &'static str {
    match sort {
        SortKey::LastContact => "c.last_contact_at DESC, c.id DESC",
        SortKey::Name => "c.name DESC, c.id DESC",
        SortKey::Value => "c.value_cents, c.id",
    }
}

/// The customer `id` as `conn` sees it (inside a write: as that transaction sees it).
pub(super) fn by_id(conn: &Connection, id: i64) -> anyhow::Result<Option<Customer>> {
    conn.prepare_cached(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers c WHERE c.id = ?1"
    ))?
    .query_row([id], customer_from_row)
    .optional()
    .context("loading a customer")
}

pub(super) fn required(conn: &Connection, id: i64) -> anyhow::Result<Customer> {
    by_id(conn, id)?.ok_or_else(|| customer_not_found(id).into())
}

const NEXT_FOLLOW_UP: &str = "(SELECT min(f.due) FROM follow_ups f \
     WHERE f.customer_id = c.id AND f.done_at IS NULL)";

impl Customers for SqliteBook {
    fn add_customer(&mut self, new: &NewCustomer, now: DateTime<Utc>) -> anyhow::Result<Customer> {
        self.write("add the customer", |tx| {
            let trimmed = NewCustomer {
                name: new.name.trim().to_string(),
                company: new.company.trim().to_string(),
                email: new.email.trim().to_string(),
                phone: new.phone.trim().to_string(),
                ..new.clone()
            };
            let id = insert(tx, &trimmed, now).context("adding a customer")?;
            required(tx, id)
        })
    }

    fn update_customer(
        &mut self,
        id: i64,
        patch: &CustomerPatch,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Customer> {
        self.write("edit the customer", |tx| {
            let fields = FieldsToSet {
                name: patch.name.as_deref().map(str::trim),
                company: patch.company.as_deref().map(str::trim),
                email: patch.email.as_deref().map(str::trim),
                phone: patch.phone.as_deref().map(str::trim),
                tags: patch.tags.as_ref(),
                cadence: patch.cadence,
                notes: patch.notes.as_deref(),
            };
            let changed = set_fields(tx, id, &fields, now).context("editing a customer")?;
            if changed == 0 {
                return Err(customer_not_found(id).into());
            }
            required(tx, id)
        })
    }

    /// Only a row whose flag differs is written (`archived <> ?2`), inside the write's
    /// IMMEDIATE transaction: the check and the change cannot be split by another writer.
    fn set_archived(&mut self, id: i64, archived: bool, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let what = if archived {
            "archive the customer"
        } else {
            "unarchive the customer"
        };
        self.write(what, |tx| {
            let changed = tx
                .execute(
                    "UPDATE customers SET archived = ?2, updated_at = ?3 WHERE id = ?1 AND archived <> ?2",
                    params![id, archived, ts(now)],
                )
                .context("archiving a customer")?;
            if changed == 0 && by_id(tx, id)?.is_none() {
                return Err(customer_not_found(id).into());
            }
            Ok(changed == 1)
        })
    }

    fn customer(&self, id: i64) -> anyhow::Result<Option<Customer>> {
        by_id(&self.conn, id)
    }

    /// Active customers only; each tier a range on an index (see `words::named`).
    fn customers_named(&self, typed: &str, limit: usize) -> anyhow::Result<Named> {
        self.named(Shelf::Active, typed, limit)
    }

    fn archived_customers_named(&self, typed: &str, limit: usize) -> anyhow::Result<Named> {
        self.named(Shelf::Archive, typed, limit)
    }

    /// One page of the book, active customers only.
    fn list_customers(&self, sort: SortKey, offset: usize, limit: usize) -> anyhow::Result<Vec<CustomerRow>> {
        self.page(order_by(sort), offset, limit)
    }

    /// The page that ends `skip` rows before the end of the book, in `sort` order. OFFSET
    /// steps over rows one by one, so a page deep in a large book is read from the nearer
    /// end: this is the same page as `list_customers(sort, total - skip - limit, limit)`.
    fn list_customers_from_end(
        &self,
        sort: SortKey,
        skip: usize,
        limit: usize,
    ) -> anyhow::Result<Vec<CustomerRow>> {
        let mut rows = self.page(order_by_reversed(sort), skip, limit)?;
        rows.reverse();
        Ok(rows)
    }

    /// The customer right after `c` in `sort` order (`forward`), or right before it: one
    /// seek in the sort's index, where a page at a deep offset walks it from the start.
    fn neighbour(&self, sort: SortKey, c: &Customer, forward: bool) -> anyhow::Result<Option<CustomerRow>> {
        let (after, before) = (">", "<");
        let id = c.id;
        match (sort, c.last_contact_at.map(ts)) {
            // Never contacted come first, by id; then by last contact.
            (SortKey::LastContact, None) if forward => {
                match self.one("c.last_contact_at IS NULL AND c.id > ?1", "c.id", params![id])? {
                    Some(row) => Ok(Some(row)),
                    None => self.one(
                        "c.last_contact_at IS NOT NULL",
                        "c.last_contact_at, c.id",
                        params![],
                    ),
                }
            }
            (SortKey::LastContact, None) => self.one(
                "c.last_contact_at IS NULL AND c.id < ?1",
                "c.id DESC",
                params![id],
            ),
            (SortKey::LastContact, Some(at)) if forward => self.one(
                "(c.last_contact_at, c.id) > (?1, ?2)",
                "c.last_contact_at, c.id",
                params![at, id],
            ),
            (SortKey::LastContact, Some(at)) => match self.one(
                "(c.last_contact_at, c.id) < (?1, ?2) AND c.last_contact_at IS NOT NULL",
                "c.last_contact_at DESC, c.id DESC",
                params![at, id],
            )? {
                Some(row) => Ok(Some(row)),
                None => self.one("c.last_contact_at IS NULL", "c.id DESC", params![]),
            },
            (SortKey::Name, _) => {
                let (op, order) = if forward {
                    (after, "c.name, c.id")
                } else {
                    (before, "c.name DESC, c.id DESC")
                };
                self.one(
                    &format!("(c.name, c.id) {op} (?1, ?2)"),
                    order,
                    params![c.name, id],
                )
            }
            // Highest value first.
            (SortKey::Value, _) => {
                let (op, order) = if forward {
                    (before, "c.value_cents DESC, c.id DESC")
                } else {
                    (after, "c.value_cents, c.id")
                };
                self.one(
                    &format!("(c.value_cents, c.id) {op} (?1, ?2)"),
                    order,
                    params![c.summary.value.0, id],
                )
            }
        }
    }

    /// Calls `f` with every active customer in `sort` order, from one query, so a large
    /// book streams out without paging; an error from `f` stops the walk.
    fn each_customer(
        &self,
        sort: SortKey,
        f: &mut dyn FnMut(CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.each_on(Shelf::Active, sort, f)
    }

    fn each_archived_customer(
        &self,
        sort: SortKey,
        f: &mut dyn FnMut(CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.each_on(Shelf::Archive, sort, f)
    }

    /// The active book in the order of its rows (one pass over the table's pages, where a
    /// walk of a sort's index reads each row from a page of its own), the places from the
    /// sort's index alone and the next follow-ups from one walk of theirs, merged by id:
    /// no query per customer. The archive is a few rows: walked in order.
    fn each_customer_placed(
        &self,
        sort: SortKey,
        archived: bool,
        f: &mut dyn FnMut(usize, CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        if archived {
            let mut place = 0;
            return self.each_on(Shelf::Archive, sort, &mut |row| {
                f(place, row)?;
                place += 1;
                Ok(())
            });
        }
        self.in_snapshot(|| self.placed(sort, f))
    }

    fn each_customer_by_id(&self, f: &mut dyn FnMut(Customer) -> anyhow::Result<()>) -> anyhow::Result<()> {
        // The table in its own order (`+` keeps the planner off the indexes that lead
        // with `archived`: through one, every row is a seek, and then a sort).
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c WHERE +c.archived = 0 ORDER BY c.id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next().context("loading customers for export")? {
            f(customer_from_row(row)?)?;
        }
        Ok(())
    }

    fn count_customers(&self) -> anyhow::Result<usize> {
        self.conn
            .prepare_cached("SELECT count(*) FROM customers WHERE archived = 0")?
            .query_row([], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .context("counting customers")
    }
    /// Every active customer's id, in last-contact order: a walk of the index alone.
    fn customer_ids(&self) -> anyhow::Result<Vec<i64>> {
        self.conn
            .prepare_cached("SELECT id FROM customers WHERE archived = 0 ORDER BY last_contact_at, id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()
            .context("listing customers")
    }

    /// Every active customer's searchable text, in last-contact order (so equal fuzzy
    /// scores keep the book's order). One pass over the table, then sorted here: quicker
    /// than fetching the rows in index order, each from its own page.
    fn customer_index(&self) -> anyhow::Result<Vec<IndexEntry>> {
        self.index(Shelf::Active)
    }

    fn archived_index(&self) -> anyhow::Result<Vec<IndexEntry>> {
        self.index(Shelf::Archive)
    }

    /// The rows for `ids`, in the order given.
    fn customer_rows(&self, ids: &[i64]) -> anyhow::Result<Vec<CustomerRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS}, {NEXT_FOLLOW_UP} FROM customers c WHERE c.id = ?1"
        ))?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            let row = stmt
                .query_row([id], customer_row)
                .optional()
                .context("loading a customer row")?;
            rows.extend(row);
        }
        Ok(rows)
    }

    /// Whether there is any active customer; cheaper than counting a large book.
    fn has_customers(&self) -> anyhow::Result<bool> {
        self.conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE archived = 0)")?
            .query_row([], |r| r.get(0))
            .context("checking for customers")
    }
}

/// Which customers a read is over: the active book or the archive. Its flag is written
/// into the statement, not bound, so each keeps a plan (and a cached statement) of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shelf {
    Active,
    Archive,
}

impl Shelf {
    fn flag(self) -> i32 {
        i32::from(self == Shelf::Archive)
    }
}

impl SqliteBook {
    fn named(&self, which: Shelf, typed: &str, limit: usize) -> anyhow::Result<Named> {
        let found = super::words::named(&self.conn, which.flag(), typed, limit)
            .context("finding customers by name")?;
        let load = |ids: &[i64]| -> anyhow::Result<Vec<Customer>> {
            ids.iter()
                .filter_map(|id| by_id(&self.conn, *id).transpose())
                .collect()
        };
        let mut by_words = load(&found.by_words)?;
        // Found in the order of their words: listed by name.
        by_words.sort_by_cached_key(|c| (words::key(&c.name), c.id));
        Ok(Named {
            exact: load(&found.exact)?,
            starting: load(&found.starting)?,
            by_words,
        })
    }

    fn each_on(
        &self,
        which: Shelf,
        sort: SortKey,
        f: &mut dyn FnMut(CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let sql = format!(
            "SELECT {CUSTOMER_COLUMNS}, {NEXT_FOLLOW_UP} FROM customers c
             WHERE c.archived = {} ORDER BY {}",
            which.flag(),
            order_by(sort)
        );
        // In an index's order every row is on a page of its own: with SQLite's default
        // 2 MB page cache a walk of the 100k book read its 6,256 pages of customers
        // 137,198 times (`list --json`: 0.48 s, now 0.41). 32 MB holds them, and is
        // taken only as pages are read, so the first rows cost no more (`list | head -1`).
        self.conn
            .pragma_update(None, "cache_size", -32_768)
            .context("making room for a walk of the book")?;
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next().context("loading customers")? {
            f(customer_row(row)?)?;
        }
        Ok(())
    }

    /// Runs `read` in one read transaction, so that all its statements see the same book;
    /// inside a transaction already, in that one.
    fn in_snapshot<T>(&self, read: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
        if !self.conn.is_autocommit() {
            return read();
        }
        self.conn
            .execute_batch("BEGIN")
            .context("starting to read the book")?;
        let result = read();
        // It only read: ending it cannot lose anything, whatever `read` gave.
        let ended = self.conn.execute_batch("COMMIT");
        let value = result?;
        ended.context("finishing reading the book")?;
        Ok(value)
    }

    /// `each_customer_placed` over the active book, in a snapshot.
    fn placed(
        &self,
        sort: SortKey,
        f: &mut dyn FnMut(usize, CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        // Each id's place, from a walk of the sort's index alone, then by id.
        let mut places = self
            .conn
            .prepare_cached(&format!(
                "SELECT c.id FROM customers c WHERE c.archived = 0 ORDER BY {}",
                order_by(sort)
            ))?
            .query_map([], |r| r.get::<_, i64>(0))?
            .enumerate()
            .map(|(place, id)| id.map(|id| (id, place)))
            .collect::<Result<Vec<_>, _>>()
            .context("ordering customers")?;
        places.sort_unstable();
        let mut places = places.into_iter().peekable();
        // Every customer's earliest open follow-up, by customer: one walk of the index of
        // open ones.
        let mut due = self.conn.prepare_cached(
            "SELECT customer_id, min(due) FROM follow_ups WHERE done_at IS NULL
             GROUP BY customer_id ORDER BY customer_id",
        )?;
        let mut due = due.query([])?;
        let next_due =
            |due: &mut rusqlite::Rows<'_>| -> rusqlite::Result<Option<(i64, Option<chrono::NaiveDate>)>> {
                Ok(match due.next()? {
                    Some(r) => Some((r.get(0)?, super::sql::day(r.get_ref(1)?))),
                    None => None,
                })
            };
        let mut pending_due = next_due(&mut due).context("loading follow-ups")?;
        // NOT INDEXED: the planner would walk an index that leads with the flag and sort.
        let mut rows = self.conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c NOT INDEXED WHERE c.archived = 0 ORDER BY c.id"
        ))?;
        let mut rows = rows.query([])?;
        while let Some(row) = rows.next().context("loading customers")? {
            let customer = customer_from_row(row)?;
            let id = customer.id;
            while pending_due.is_some_and(|(of, _)| of < id) {
                pending_due = next_due(&mut due).context("loading follow-ups")?;
            }
            let next_follow_up = match pending_due {
                Some((of, day)) if of == id => day,
                _ => None,
            };
            // The same snapshot, the same rows: every id has its place.
            while places.next_if(|&(of, _)| of < id).is_some() {}
            let Some((_, place)) = places.next_if(|&(of, _)| of == id) else {
                continue;
            };
            f(
                place,
                CustomerRow {
                    customer,
                    next_follow_up,
                },
            )?;
        }
        Ok(())
    }

    /// What `IndexEntry::people` holds, for every customer on `which` that has any: one
    /// pass over the people and one over their details, not a query per customer.
    fn people_text(&self, which: Shelf) -> rusqlite::Result<HashMap<i64, String>> {
        let archived = which.flag();
        let mut text: HashMap<i64, String> = HashMap::new();
        let mut add = |id: i64, line: &str| {
            let t = text.entry(id).or_default();
            if !t.is_empty() {
                t.push('\n');
            }
            t.push_str(line);
        };
        let mut names = self.conn.prepare_cached(
            "SELECT p.customer_id, p.name FROM people p CROSS JOIN customers c ON c.id = p.customer_id
             WHERE c.archived = ?1 AND p.name <> c.name",
        )?;
        let mut rows = names.query([archived])?;
        while let Some(r) = rows.next()? {
            add(r.get(0)?, as_text(r.get_ref(1)?).as_str());
        }
        let mut details = self.conn.prepare_cached(
            "SELECT p.customer_id, d.value FROM person_details d
             CROSS JOIN people p ON p.id = d.person_id CROSS JOIN customers c ON c.id = p.customer_id
             WHERE c.archived = ?1 AND NOT (d.kind = 'email' AND d.value = c.email)",
        )?;
        let mut rows = details.query([archived])?;
        while let Some(r) = rows.next()? {
            add(r.get(0)?, as_text(r.get_ref(1)?).as_str());
        }
        Ok(text)
    }

    fn index(&self, which: Shelf) -> anyhow::Result<Vec<IndexEntry>> {
        // The active book is most of the table: one pass over it. The archive is a few
        // rows: a seek in an index that leads with the flag.
        let sql = match which {
            Shelf::Active => {
                "SELECT id, name, company, email, tags, last_contact_at FROM customers NOT INDEXED
                 WHERE archived = 0"
            }
            Shelf::Archive => {
                "SELECT id, name, company, email, tags, last_contact_at FROM customers
                 WHERE archived = 1"
            }
        };
        let mut people = self.people_text(which).context("loading people for the filter")?;
        let mut entries = self
            .conn
            .prepare_cached(sql)?
            .query_map([], |r| {
                let id = r.get(0)?;
                let entry = IndexEntry {
                    id,
                    name: r.get(1)?,
                    company: r.get(2)?,
                    email: r.get(3)?,
                    tags: r.get(4)?,
                    people: people.remove(&id).unwrap_or_default(),
                };
                Ok((r.get(5)?, entry))
            })?
            .collect::<Result<Vec<(Option<i64>, IndexEntry)>, _>>()
            .context("loading customers for the filter")?;
        entries.sort_unstable_by_key(|(last_contact, e)| (*last_contact, e.id));
        Ok(entries.into_iter().map(|(_, e)| e).collect())
    }

    /// The first active customer that passes `filter`, in `order`.
    fn one(
        &self,
        filter: &str,
        order: &str,
        params: impl rusqlite::Params,
    ) -> anyhow::Result<Option<CustomerRow>> {
        let sql = format!(
            "SELECT {CUSTOMER_COLUMNS}, {NEXT_FOLLOW_UP} FROM customers c
             WHERE c.archived = 0 AND {filter} ORDER BY {order} LIMIT 1"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_row(params, customer_row)
            .optional()
            .context("loading a customer")
    }

    fn page(&self, order: &str, offset: usize, limit: usize) -> anyhow::Result<Vec<CustomerRow>> {
        let sql = format!(
            "SELECT {CUSTOMER_COLUMNS}, {NEXT_FOLLOW_UP} FROM customers c
             WHERE c.archived = 0 ORDER BY {order} LIMIT ?1 OFFSET ?2"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_map(params![int(limit), int(offset)], customer_row)?
            .collect::<Result<Vec<_>, _>>()
            .context("loading customers")
    }
}

pub(super) fn customer_not_found(id: i64) -> NotFound {
    NotFound::new("customer", id)
}

/// Turns the foreign-key failure of an insert for a missing customer into `NotFound`.
pub(super) fn explain_missing_customer(e: rusqlite::Error, customer_id: i64) -> anyhow::Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
        {
            customer_not_found(customer_id).into()
        }
        _ => anyhow::Error::new(e).context("saving for a customer"),
    }
}
