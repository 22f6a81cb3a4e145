//! The work behind `touchbase due`, `remind`, `log`, `edit`, `delete`, `export week` and
//! finding a CUSTOMER argument on a 100k-customer book, without starting a process or
//! printing; `benches/process.sh` times the whole commands, and `import`.
//!
//! `cargo bench --bench cli` (the first run generates the book, about 10 s).

mod common;

use common::WritableCopy;
use divan::Bencher;
use touchbase::app::week::plan_week;
use touchbase::app::{agenda, remind};
use touchbase::config::Config;
use touchbase::domain::quicklog;
use touchbase::export::{self, WeekFormat};

/// What the hyperfine run of `touchbase log` logs, too.
const LINE: &str = "call: checked in >> send brochure @fri";

/// A contact logged the day after it happened, as the second hyperfine run of `log` does:
/// older than some customers' last contact, newer than others'.
const BACKDATED: &str = "visit yesterday 14:30: site tour =5 >> send the offer @fri";

fn main() {
    // Under `cargo test --benches` compiling is the test: running each benchmark once
    // would first generate the book in a debug build.
    if !common::benchmarking() {
        return;
    }
    common::book();
    divan::main();
}

/// `agenda::due` with the default limit of 50, on an open store: what `touchbase due` does
/// after opening.
#[divan::bench(sample_count = 100)]
fn due(bencher: Bencher) {
    let store = touchbase::store::open(common::book()).expect("opening the bench book");
    let config = Config::default();
    let now = common::now();
    bencher.bench_local(|| agenda::due(&*store, now, &config, Some(config.nudge.limit)).expect("due"));
}

/// `remind::digest`: today's digest (`touchbase remind` to stdout after opening, but
/// printing and recording the run).
#[divan::bench(sample_count = 100)]
fn remind_digest(bencher: Bencher) {
    let store = touchbase::store::open(common::book()).expect("opening the bench book");
    let config = Config::default();
    let now = common::now();
    bencher.bench_local(|| remind::digest(&*store, now, &config, false).expect("the digest"));
}

/// `store::open` + `agenda::due`: all of `touchbase due` but the process, the config file
/// and printing. The store is closed outside the timing.
#[divan::bench(sample_count = 100)]
fn open_and_due(bencher: Bencher) {
    let path = common::book();
    let config = Config::default();
    let now = common::now();
    bencher.bench_local(|| {
        let store = touchbase::store::open(path).expect("opening the bench book");
        let due = agenda::due(&*store, now, &config, Some(config.nudge.limit)).expect("due");
        (store, due)
    });
}

/// The week's plan rendered in each format: all of `touchbase export week --format F` but
/// opening, the process and printing.
#[divan::bench(args = [WeekFormat::Md, WeekFormat::Csv, WeekFormat::Ics, WeekFormat::Json, WeekFormat::TodoTxt], sample_count = 40)]
fn export_week(bencher: Bencher, format: WeekFormat) {
    let store = touchbase::store::open(common::book()).expect("opening the bench book");
    let config = Config::default();
    let now = common::now();
    bencher.bench_local(|| {
        let plan = plan_week(&*store, now, &config, None).expect("planning the week");
        export::render(&plan, format, now)
    });
}

mod log {
    use touchbase::app::{Who, log};

    use super::{BACKDATED, Bencher, LINE, WritableCopy, common, quicklog};

    /// Reading the quick-log line.
    #[divan::bench(sample_size = 1000)]
    fn parse(bencher: Bencher) {
        let now = common::now().local().naive_local();
        bencher.bench(|| quicklog::parse(divan::black_box(LINE), now).expect("a valid line"));
    }

    /// `Book::log_contact` of the parsed line: one IMMEDIATE transaction adding the
    /// contact and its follow-up and refreshing the customer's summary, on a store kept
    /// open. Runs on a fresh copy of the book, so the read benchmarks keep reading the book
    /// as generated; each iteration logs for another customer, so no one timeline grows
    /// through the run. The slowest samples are the WAL's automatic checkpoints.
    #[divan::bench(sample_count = 200, sample_size = 1)]
    fn write(bencher: Bencher) {
        let now = common::now();
        let line = quicklog::parse(LINE, now.local().naive_local()).expect("a valid line");
        let copy = WritableCopy::new("book-100k-log.db");
        let mut store = touchbase::store::open(&copy.0).expect("opening the copy");
        let customer = spread();
        bencher.with_inputs(customer).bench_local_values(|customer_id| {
            store.log_contact(customer_id, &line, now.utc).expect("logging")
        });
    }

    /// `store::open` + `log_contact` + closing the store, as one `touchbase log` process
    /// does: closing the last connection checkpoints the WAL into the database file.
    #[divan::bench(sample_count = 40, sample_size = 1)]
    fn open_write_close(bencher: Bencher) {
        let now = common::now();
        let line = quicklog::parse(LINE, now.local().naive_local()).expect("a valid line");
        let copy = WritableCopy::new("book-100k-log.db");
        let customer = spread();
        bencher.with_inputs(customer).bench_local_values(|customer_id| {
            let mut store = touchbase::store::open(&copy.0).expect("opening the copy");
            store.log_contact(customer_id, &line, now.utc).expect("logging");
            drop(store);
        });
    }

    /// `store::open` + the `log` use case with a line that says when the contact happened
    /// (parsing it, finding the customer, logging it at its own time, every summary
    /// following the contacts' times) + closing the store: `touchbase log` backdated.
    #[divan::bench(sample_count = 40, sample_size = 1)]
    fn backdated_open_write_close(bencher: Bencher) {
        let now = common::now();
        let copy = WritableCopy::new("book-100k-log.db");
        let customer = spread();
        bencher.with_inputs(customer).bench_local_values(|customer_id| {
            let mut store = touchbase::store::open(&copy.0).expect("opening the copy");
            log::contact(
                &mut *store,
                now,
                touchbase::domain::workdays::Workdays::default(),
                Who::Id(customer_id),
                BACKDATED,
            )
            .expect("logging");
            drop(store);
        });
    }

    /// `backdated_open_write_close` with a line that names the person it was with (`call
    /// NAME: …`, NAME the full name of the customer's main contact): the use case also
    /// reads the account's people, one indexed query, to find them.
    #[divan::bench(sample_count = 40, sample_size = 1)]
    fn named_open_write_close(bencher: Bencher) {
        let now = common::now();
        let copy = WritableCopy::new("book-100k-log.db");
        let mut customer = spread();
        let path = copy.0.clone();
        let line = move || {
            let id = customer();
            let store = touchbase::store::open(&path).expect("opening the copy");
            let people = store.people_of(id).expect("reading the people");
            (
                id,
                format!("call {}: site tour >> send the offer @fri", people[0].name),
            )
        };
        bencher
            .with_inputs(line)
            .bench_local_values(|(customer_id, line)| {
                let mut store = touchbase::store::open(&copy.0).expect("opening the copy");
                log::contact(
                    &mut *store,
                    now,
                    touchbase::domain::workdays::Workdays::default(),
                    Who::Id(customer_id),
                    &line,
                )
                .expect("logging");
                drop(store);
            });
    }

    /// Customer ids spread over the book by a stride prime to its size.
    fn spread() -> impl FnMut() -> i64 {
        let mut i = 0_usize;
        move || {
            i += 1;
            i64::try_from(1 + (i * 7_919) % common::CUSTOMERS).expect("an id")
        }
    }
}

mod records {
    use super::{Bencher, WritableCopy, common};
    use touchbase::app::records::{self, ContactPatch, Record};

    /// `app::records::edit_contact` of a note, on a store kept open: one IMMEDIATE
    /// transaction writing the contact and recomputing its customer's summaries, then the
    /// customer read for the message. Each iteration edits another contact.
    #[divan::bench(sample_count = 200, sample_size = 1)]
    fn edit_contact(bencher: Bencher) {
        let now = common::now();
        let copy = WritableCopy::new("book-100k-records.db");
        let mut store = touchbase::store::open(&copy.0).expect("opening the copy");
        let patch = ContactPatch {
            note: Some("checked in, sent the brochure".into()),
            ..ContactPatch::default()
        };
        bencher
            .with_inputs(contact())
            .bench_local_values(|id| records::edit_contact(&mut *store, now, id, &patch).expect("editing"));
    }

    /// `app::records::delete` of a contact: the row, its links, the customer's summaries.
    /// Each iteration deletes another contact.
    #[divan::bench(sample_count = 200, sample_size = 1)]
    fn delete_contact(bencher: Bencher) {
        let now = common::now();
        let copy = WritableCopy::new("book-100k-records.db");
        let mut store = touchbase::store::open(&copy.0).expect("opening the copy");
        bencher.with_inputs(contact()).bench_local_values(|id| {
            records::delete(&mut *store, now, Record::Contact(id)).expect("deleting")
        });
    }

    /// Contact ids spread over the first million (the book holds about two), none twice
    /// in a run.
    fn contact() -> impl FnMut() -> i64 {
        let mut i = 0_usize;
        move || {
            i += 1;
            i64::try_from(1 + (i * 7_919) % 1_000_000).expect("an id")
        }
    }
}

/// Two-word searches over every note, as `touchbase search` runs them (20 hits): a common
/// pair that matches many contacts and follow-ups, a rarer one, a prefix as typed, and a
/// word nothing has. Target: ≤ 50 ms.
#[divan::bench(args = ["send revised", "delivery late", "trade fai", "zeppelin quote"], sample_count = 50)]
fn search(bencher: Bencher, typed: &str) {
    let store = touchbase::store::open(common::book()).expect("opening the bench book");
    bencher.bench_local(|| touchbase::app::search::search(&*store, typed, 20).expect("search"));
}

/// Finding the customer a CUSTOMER argument names, as every command does first: an exact
/// name, a first name many share (the "several match" refusal, which names the person
/// that matched), a person's e-mail address and phone number (customer 1 of the demo
/// book). Target: ≤ 10 ms (it is part of `log`'s).
#[divan::bench(
    args = ["sanne de vries", "sanne", "sanne.devries@vanderberg-logistiek.nl", "+31 20 794 1123"],
    sample_count = 50
)]
fn find_customer(bencher: Bencher, typed: &str) {
    use touchbase::app::customers::{Who, find};
    let store = touchbase::store::open(common::book()).expect("opening the bench book");
    bencher.bench_local(|| find(&*store, Who::Typed(typed)).map(|c| c.id).ok());
}
