//! Writing many records in one SQLite transaction: demo books and imports. Which record
//! matches whom is the import's rule (`app::import`), not this module's.

use std::collections::{HashMap, HashSet};

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Transaction, TransactionBehavior, params};

use super::SqliteBook;
use super::customers::{CUSTOMER_COLUMNS, FieldsToSet, customer_from_row, set_fields};
use super::sql::{from_ts, ts};
use crate::domain::moment::Part;
use crate::domain::person::{NewPerson, Person};
use crate::domain::{Customer, Kind, words};
use crate::store::{Bulk, CustomerPatch, NewCustomer, PersonFill};

/// One open IMMEDIATE transaction with cached statements. Nothing is visible to others
/// until `finish`; dropping it without finishing rolls everything back.
pub(super) struct SqliteBulk<'a> {
    tx: Transaction<'a>,
    /// Customers whose summary needs recomputing at `finish`.
    touched: HashSet<i64>,
    /// The search index, paused until `finish` indexes what was added in one pass.
    search: super::search::Paused,
    /// The indexes taken out for a write into an empty book, as the schema held them.
    deferred: Vec<String>,
    /// Words customers are found by (word, customer), not written yet: see `Words`.
    words: Words,
}

/// The words of the customers and people a bulk write adds, gathered and written sorted
/// by word, a batch at a time: written as they come, each is a seek to a random page of
/// `customer_words` (a million rows in a 100k demo book), one of the largest costs of the
/// write. A batch is small enough to hold (about 10 MB) and covers recent customers only, so
/// their entries in `customer_words_by_customer` stay near its end. A customer's are
/// written before anything reads them (`update_customer`), and all before `finish` commits.
#[derive(Default)]
struct Words {
    /// By customer, so that one customer's can be written on their own.
    pending: HashMap<i64, Vec<String>>,
    count: usize,
}

/// How many words `Words` holds before it writes them.
const WORDS_BATCH: usize = 1 << 18;

impl Words {
    fn add(&mut self, tx: &Connection, customer_id: i64, words: Vec<String>) -> rusqlite::Result<()> {
        self.count += words.len();
        self.pending.entry(customer_id).or_default().extend(words);
        if self.count >= WORDS_BATCH {
            self.write(tx)?;
        }
        Ok(())
    }

    /// Writes customer `id`'s words now.
    fn write_of(&mut self, tx: &Connection, id: i64) -> rusqlite::Result<()> {
        let words = self.pending.remove(&id).unwrap_or_default();
        self.count -= words.len();
        insert_words(tx, words.into_iter().map(|w| (w, id)).collect())
    }

    fn write(&mut self, tx: &Connection) -> rusqlite::Result<()> {
        let mut all = Vec::with_capacity(self.count);
        for (id, words) in self.pending.drain() {
            all.extend(words.into_iter().map(|w| (w, id)));
        }
        self.count = 0;
        insert_words(tx, all)
    }
}

fn insert_words(tx: &Connection, mut words: Vec<(String, i64)>) -> rusqlite::Result<()> {
    words.sort_unstable();
    words.dedup();
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO customer_words (word, customer_id) VALUES (?1, ?2)")?;
    for (word, id) in words {
        insert.execute(params![word, id])?;
    }
    Ok(())
}

/// The indexes a bulk write into an empty book builds once at `finish` instead of row by
/// row: those whose rows arrive in no order of theirs (names, addresses, the words
/// customers are found by, due dates) or that `finish` rewrites (the summary and tier
/// columns). Sorting once beats a random B-tree insert per row: these are 60 MB of a
/// 100k demo book, more than the page cache. Nothing a bulk write reads needs them: it
/// reads by id, by customer (`*_by_customer`, kept) and by person.
const DEFERRED: [&str; 19] = [
    "customers_by_name",
    "customers_by_name_key",
    "customers_by_last_contact",
    "customers_by_touch_due",
    "customers_by_cadence_tier_since",
    "customers_by_value",
    "customers_taking",
    "customers_very_satisfied",
    "customers_less_satisfied",
    "customers_paused",
    "customers_by_tier",
    "people_by_name_key",
    "person_details_by_key",
    "follow_ups_open_by_due",
    "follow_ups_open_by_tier_due",
    "moments_upcoming_by_expected",
    "moments_upcoming_by_tier",
    "triggers_open_by_opened",
    "triggers_open_by_kind_tier",
];

/// Takes the `DEFERRED` indexes out if the book has no customers yet (so nothing else
/// either), inside the write's transaction `tx`; their SQL, for `finish` to build them
/// again before it commits. A write that fails rolls back with them in place, and whoever
/// reads meanwhile sees them.
fn defer_indexes(tx: &Connection) -> rusqlite::Result<Vec<String>> {
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM customers)", [], |r| r.get(0))?;
    if !empty {
        return Ok(Vec::new());
    }
    let mut deferred = Vec::with_capacity(DEFERRED.len());
    let mut stmt = tx.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1")?;
    for name in DEFERRED {
        let Some(sql) = stmt.query_row([name], |r| r.get::<_, String>(0)).optional()? else {
            continue;
        };
        tx.execute(&format!("DROP INDEX \"{name}\""), [])?;
        deferred.push(sql);
    }
    Ok(deferred)
}

impl SqliteBook {
    pub(super) fn start_bulk(&mut self) -> anyhow::Result<SqliteBulk<'_>> {
        self.writable()?;
        // A bulk write inserts into indexes in no order of theirs (the words customers
        // are found by, names): with SQLite's default 2 MB page cache a large book spills
        // and re-reads pages all the time (a 100k demo book: 25 s instead of 14). 24 MB
        // holds them; bulk writes are one-shot commands (demo, import), which exit after.
        self.conn
            .pragma_update(None, "cache_size", -24_576)
            .context("making room for a bulk write")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a bulk write")?;
        let search = super::search::pause(&tx).context("starting a bulk write")?;
        let deferred = defer_indexes(&tx).context("starting a bulk write")?;
        Ok(SqliteBulk {
            tx,
            touched: HashSet::new(),
            search,
            deferred,
            words: Words::default(),
        })
    }
}

impl SqliteBulk<'_> {
    fn insert_trigger(
        &mut self,
        customer_id: i64,
        interaction_id: Option<i64>,
        kind: &str,
        note: &str,
        opened_at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO triggers (customer_id, interaction_id, kind, note, opened_at, resolved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                customer_id,
                interaction_id,
                kind,
                note,
                ts(opened_at),
                resolved_at.map(ts)
            ])
            .context("adding a switching trigger")?;
        Ok(self.tx.last_insert_rowid())
    }

    fn insert_balance(
        &mut self,
        customer_id: i64,
        interaction_id: Option<i64>,
        side: &str,
        note: &str,
        weight: u8,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO balance_entries (customer_id, interaction_id, side, note, weight, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![customer_id, interaction_id, side, note, weight, ts(at)])
            .context("adding a give/take entry")?;
        Ok(self.tx.last_insert_rowid())
    }
}

impl Bulk for SqliteBulk<'_> {
    /// As `customers::insert`, its words waiting in `words`.
    fn customer(&mut self, c: &NewCustomer, created_at: DateTime<Utc>) -> anyhow::Result<i64> {
        let id = super::customers::insert_row(&self.tx, c, created_at).context("adding a customer")?;
        super::people::insert_main(&self.tx, id, &c.name, &c.email, &c.phone, created_at)
            .context("adding a customer")?;
        self.words
            .add(
                &self.tx,
                id,
                words::customer_words([c.name.as_str(), c.company.as_str()]),
            )
            .context("adding a customer")?;
        Ok(id)
    }

    /// The customer's row, then its main person's whole, in one go (not the main person
    /// `customers::insert` makes from the customer's fields, then corrected); the words
    /// of both wait in `words`.
    fn account(
        &mut self,
        c: &NewCustomer,
        main: &NewPerson,
        created_at: DateTime<Utc>,
    ) -> anyhow::Result<(i64, i64)> {
        let id = super::customers::insert_row(&self.tx, c, created_at).context("adding a customer")?;
        let person = super::people::insert_row(&self.tx, id, main, true, created_at)
            .context("adding a customer's main person")?;
        let names = [c.name.as_str(), c.company.as_str(), main.name.as_str()];
        self.words
            .add(&self.tx, id, words::customer_words(names))
            .context("adding a customer")?;
        Ok((id, person))
    }

    fn person(&mut self, customer_id: i64, p: &NewPerson, created_at: DateTime<Utc>) -> anyhow::Result<i64> {
        let id = super::people::insert_row(&self.tx, customer_id, p, false, created_at)
            .context("adding a person")?;
        self.words
            .add(&self.tx, customer_id, words::words(&p.name))
            .context("adding a person")?;
        Ok(id)
    }

    fn fill_person(&mut self, id: i64, fill: &PersonFill, now: DateTime<Utc>) -> anyhow::Result<()> {
        super::people::fill(&self.tx, id, fill, now)
    }

    fn each_person_key(
        &self,
        f: &mut dyn FnMut(i64, i64, &str),
        emails: &mut dyn FnMut(i64, i64, &str),
    ) -> anyhow::Result<()> {
        super::people::each_key(&self.tx, f, emails)
    }

    fn person_so_far(&self, id: i64) -> anyhow::Result<Option<Person>> {
        super::people::so_far(&self.tx, id)
    }

    fn interaction_with(
        &mut self,
        customer_id: i64,
        person_id: Option<i64>,
        at: DateTime<Utc>,
        kind: Kind,
        note: &str,
        satisfaction: Option<u8>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.tx
            .prepare_cached(
                "INSERT INTO interactions (customer_id, at, kind, note, satisfaction, person_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![customer_id, ts(at), kind, note, satisfaction, person_id])
            .context("adding an interaction")?;
        Ok(self.tx.last_insert_rowid())
    }

    fn follow_up(
        &mut self,
        customer_id: i64,
        text: &str,
        due: NaiveDate,
        created_at: DateTime<Utc>,
        done_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.tx
            .prepare_cached(
                "INSERT INTO follow_ups (customer_id, text, due, first_due, created_at, done_at)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
            )?
            .execute(params![customer_id, text, due, ts(created_at), done_at.map(ts)])
            .context("adding a follow-up")?;
        Ok(self.tx.last_insert_rowid())
    }

    /// A decision moment; `status` is upcoming, won, lost or passed.
    // One parameter per column, like the other rows a bulk write takes.
    #[allow(clippy::too_many_arguments)]
    fn moment(
        &mut self,
        customer_id: i64,
        title: &str,
        expected: NaiveDate,
        concerns: &str,
        steps: &str,
        response: &str,
        status: &str,
        planned_at: DateTime<Utc>,
        closed_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.tx
            .prepare_cached(
                "INSERT INTO moments (customer_id, title, expected, concerns, steps, response, status, planned_at, closed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                customer_id,
                title,
                expected,
                concerns,
                steps,
                response,
                status,
                ts(planned_at),
                closed_at.map(ts),
            ])
            .context("adding a decision moment")?;
        Ok(self.tx.last_insert_rowid())
    }

    fn moment_people(&mut self, moment_id: i64, people: &[(i64, Part)]) -> anyhow::Result<()> {
        super::moments::write_people(&self.tx, moment_id, people, true)
    }

    /// A switching trigger; `kind` is situational, reactional or influential.
    fn trigger(
        &mut self,
        customer_id: i64,
        kind: &str,
        note: &str,
        opened_at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.insert_trigger(customer_id, None, kind, note, opened_at, resolved_at)
    }

    /// A trigger opened by a logged interaction, as a complaint opens a reactional one.
    fn trigger_from_interaction(
        &mut self,
        interaction_id: i64,
        customer_id: i64,
        kind: &str,
        note: &str,
        opened_at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.insert_trigger(
            customer_id,
            Some(interaction_id),
            kind,
            note,
            opened_at,
            resolved_at,
        )
    }

    /// An entry on the give/take ledger; `side` is give or ask, `weight` 1 to 5.
    fn balance(
        &mut self,
        customer_id: i64,
        side: &str,
        note: &str,
        weight: u8,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.insert_balance(customer_id, None, side, note, weight, at)
    }

    /// A ledger entry made by a logged interaction, as a gift is also a give.
    fn balance_from_interaction(
        &mut self,
        interaction_id: i64,
        customer_id: i64,
        side: &str,
        note: &str,
        weight: u8,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.insert_balance(customer_id, Some(interaction_id), side, note, weight, at)
    }

    /// An order (a sale); money in minor units.
    fn order(
        &mut self,
        customer_id: i64,
        ordered_on: NaiveDate,
        amount_cents: i64,
        currency: &str,
        note: &str,
        created_at: DateTime<Utc>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.tx
            .prepare_cached(
                "INSERT INTO orders (customer_id, ordered_on, amount_cents, currency, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                customer_id,
                ordered_on,
                amount_cents,
                currency,
                note,
                ts(created_at)
            ])
            .context("adding an order")?;
        Ok(self.tx.last_insert_rowid())
    }

    fn each_customer_key(&self, f: &mut dyn FnMut(i64, &str, &str, &str)) -> anyhow::Result<()> {
        let mut stmt = self
            .tx
            .prepare("SELECT id, name, company, email FROM customers ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next().context("loading customers to match against")? {
            f(
                row.get(0)?,
                row.get_ref(1)?.as_str()?,
                row.get_ref(2)?.as_str()?,
                row.get_ref(3)?.as_str()?,
            );
        }
        Ok(())
    }

    /// The last contact is read from the contacts: the summary column is brought up to
    /// date only at `finish`. The latest first, on `interactions_by_customer`, so that a
    /// long history is not read whole (`max` would, past the notes).
    fn customer_so_far(&self, id: i64) -> anyhow::Result<Option<Customer>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {CUSTOMER_COLUMNS},
                    (SELECT i.at FROM interactions i WHERE i.customer_id = c.id AND i.kind <> 'note'
                     ORDER BY i.at DESC LIMIT 1)
                 FROM customers c WHERE c.id = ?1"
            ))?
            .query_row([id], |row| {
                let mut c = customer_from_row(row)?;
                c.last_contact_at = row
                    .get::<_, Option<i64>>(super::customers::CUSTOMER_COLUMN_COUNT)?
                    .map(from_ts);
                Ok(c)
            })
            .optional()
            .context("loading a matched customer")
    }

    fn update_customer(&mut self, id: i64, patch: &CustomerPatch, now: DateTime<Utc>) -> anyhow::Result<()> {
        let fields = FieldsToSet {
            name: patch.name.as_deref(),
            company: patch.company.as_deref(),
            email: patch.email.as_deref(),
            phone: patch.phone.as_deref(),
            tags: patch.tags.as_ref(),
            cadence: patch.cadence,
            notes: patch.notes.as_deref(),
        };
        // A new name or company writes the customer's words again from those stored.
        if fields.name.is_some() || fields.company.is_some() {
            self.words
                .write_of(&self.tx, id)
                .context("filling in an imported customer")?;
        }
        set_fields(&self.tx, id, &fields, now).context("filling in an imported customer")?;
        Ok(())
    }

    /// Brings the summaries of the customers written to up to date, and commits.
    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.words.write(&self.tx).context("indexing the names")?;
        // One set-based pass beats many seeks once a good part of the book changed.
        if self.touched.len() > 1000 {
            super::summary::refresh_all(&self.tx)?;
        } else {
            for id in &self.touched {
                super::summary::refresh(&self.tx, *id)?;
            }
        }
        super::search::resume(&self.tx, &self.search).context("indexing the notes for search")?;
        for sql in &self.deferred {
            self.tx.execute(sql, []).context("indexing what was written")?;
        }
        self.tx.commit().context("saving the bulk write")
    }

    fn leaver_trigger(
        &mut self,
        customer_id: i64,
        person_id: i64,
        note: &str,
        opened_at: DateTime<Utc>,
    ) -> anyhow::Result<i64> {
        self.touched.insert(customer_id);
        self.tx
            .prepare_cached(
                "INSERT INTO triggers (customer_id, kind, note, opened_at, person_id)
                 VALUES (?1, 'situational', ?2, ?3, ?4)",
            )?
            .execute(params![customer_id, note, ts(opened_at), person_id])
            .context("opening the trigger of a person's leaving")?;
        Ok(self.tx.last_insert_rowid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Book as _;

    fn new_customer(name: &str, company: &str) -> NewCustomer {
        NewCustomer {
            name: name.into(),
            company: company.into(),
            ..NewCustomer::default()
        }
    }

    fn indexes(book: &SqliteBook) -> Vec<String> {
        let mut stmt = book
            .conn
            .prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY sql")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    fn at() -> DateTime<Utc> {
        "2026-11-23T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_write_into_an_empty_book_leaves_every_index_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = SqliteBook::open(&dir.path().join("book.db")).unwrap();
        let before = indexes(&book);
        assert!(before.iter().any(|sql| sql.contains("person_details_by_key")));
        // Given up: rolled back with the indexes in place.
        let mut bulk = book.bulk().unwrap();
        bulk.customer(&new_customer("Anna de Boer", "Acme"), at())
            .unwrap();
        drop(bulk);
        assert_eq!(indexes(&book), before);
        let mut bulk = book.bulk().unwrap();
        bulk.customer(&new_customer("Anna de Boer", "Acme"), at())
            .unwrap();
        bulk.finish().unwrap();
        assert_eq!(indexes(&book), before);
        // A book with customers keeps its indexes through a bulk write.
        let mut bulk = book.start_bulk().unwrap();
        assert!(bulk.deferred.is_empty());
        bulk.customer(&new_customer("Jan Smit", "Beta"), at()).unwrap();
        Box::new(bulk).finish().unwrap();
        assert_eq!(indexes(&book), before);
    }

    #[test]
    fn words_waiting_to_be_written_are_the_words_of_the_book() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = SqliteBook::open(&dir.path().join("book.db")).unwrap();
        let mut bulk = book.start_bulk().unwrap();
        let anna = bulk.customer(&new_customer("Anna de Boer", ""), at()).unwrap();
        let person = NewPerson {
            name: "Jan Smit".into(),
            ..NewPerson::default()
        };
        bulk.person(anna, &person, at()).unwrap();
        let kees = bulk.customer(&new_customer("Kees Bos", "Gamma"), at()).unwrap();
        // A company given in the same write: the words waiting and the new ones, all; a
        // company changed: none of the old one's.
        for (id, company) in [(anna, "Acme Logistiek"), (kees, "Delta")] {
            let patch = CustomerPatch {
                company: Some(company.into()),
                ..CustomerPatch::default()
            };
            bulk.update_customer(id, &patch, at()).unwrap();
        }
        Box::new(bulk).finish().unwrap();
        for (id, words) in [
            (
                anna,
                &["acme", "anna", "boer", "de", "jan", "logistiek", "smit"][..],
            ),
            (kees, &["bos", "delta", "kees"][..]),
        ] {
            assert_eq!(super::super::words::stored(&book.conn, id).unwrap(), words);
            let (_, expected) = super::super::words::expected(&book.conn, id).unwrap().unwrap();
            assert_eq!(expected, words);
        }
    }
}
