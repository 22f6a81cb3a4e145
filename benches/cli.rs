//! The work behind `touchbase due` and `touchbase log` on a 100k-customer book, without
//! starting a process or printing (hyperfine measures the whole command; see the bench
//! report).
//!
//! `cargo bench --bench cli` (the first run generates the book, about 10 s).

mod common;

use std::cell::Cell;
use std::fs;
use std::path::PathBuf;

use divan::Bencher;
use touchbase::agenda;
use touchbase::config::Config;
use touchbase::domain::quicklog;
use touchbase::store::Store;

/// What the hyperfine run of `touchbase log` logs, too.
const LINE: &str = "call: checked in >> send brochure @fri";

fn main() {
    if common::benchmarking() {
        common::book();
    }
    divan::main();
}

/// `agenda::due` with the default limit of 50, on an open store: what `touchbase due` does
/// after opening.
#[divan::bench(sample_count = 100)]
fn due(bencher: Bencher) {
    let store = Store::open(common::book()).expect("opening the bench book");
    let config = Config::default();
    let now = common::now();
    bencher.bench_local(|| agenda::due(&store, now, &config, Some(config.nudge.limit)).expect("due"));
}

/// `Store::open` + `agenda::due`: all of `touchbase due` but the process, the config file
/// and printing. The store is closed outside the timing.
#[divan::bench(sample_count = 100)]
fn open_and_due(bencher: Bencher) {
    let path = common::book();
    let config = Config::default();
    let now = common::now();
    bencher.bench_local(|| {
        let store = Store::open(path).expect("opening the bench book");
        let due = agenda::due(&store, now, &config, Some(config.nudge.limit)).expect("due");
        (store, due)
    });
}

mod log {
    use super::{Bencher, Cell, LINE, Store, common, quicklog, writable_copy};

    /// Reading the quick-log line.
    #[divan::bench]
    fn parse(bencher: Bencher) {
        let today = common::now().today();
        bencher.bench(|| quicklog::parse(divan::black_box(LINE), today).expect("a valid line"));
    }

    /// `Store::log_contact` of the parsed line: one IMMEDIATE transaction adding the
    /// contact and its follow-up and refreshing the customer's summary. Runs on a fresh
    /// copy of the book, so the read benchmarks keep reading the book as generated; each
    /// iteration logs for another customer, so no one timeline grows through the run.
    #[divan::bench(sample_count = 200, sample_size = 1)]
    fn write(bencher: Bencher) {
        let now = common::now();
        let line = quicklog::parse(LINE, now.today()).expect("a valid line");
        let mut store = Store::open(&writable_copy("book-100k-log.db")).expect("opening the copy");
        let next = Cell::new(0_i64);
        bencher
            .with_inputs(|| {
                // Spread over the book by a stride prime to its size.
                let i = next.get();
                next.set(i + 1);
                1 + (i * 7_919) % common::CUSTOMERS as i64
            })
            .bench_local_values(|customer_id| {
                store.log_contact(customer_id, &line, now.utc).expect("logging")
            });
    }
}

/// A fresh copy of the book under `name`, for benchmarks that write.
fn writable_copy(name: &str) -> PathBuf {
    let copy = common::data_dir().join(name);
    common::remove_db(&copy);
    fs::copy(common::book(), &copy).expect("copying the bench book");
    copy
}
