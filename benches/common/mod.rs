//! The book every benchmark reads: 100,000 generated customers (about two million
//! contacts) at a fixed `now`, generated once into `target/bench-data/` and reused while
//! its marker file says it matches this build's schema. The marker cannot see a change to
//! the demo generator: remove `target/bench-data/` after one.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use touchbase::clock::Now;
use touchbase::store::LATEST_VERSION;

/// The clock of every benchmark, and of the generated book, so dates never drift.
pub const NOW: &str = "2026-11-23T09:00:00Z";

pub const CUSTOMERS: usize = 100_000;

pub fn now() -> Now {
    Now::parse(NOW).expect("NOW is RFC 3339")
}

/// Whether cargo runs this binary as a benchmark (`cargo bench` passes `--bench`;
/// `cargo test --benches` and `--all-targets` do not).
pub fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The directory the books live in.
pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("bench-data")
}

/// The 100k book, generated on first use. Nothing that writes may use this path: writing
/// benchmarks work on a copy, so read benchmarks stay comparable from run to run.
pub fn book() -> &'static Path {
    static BOOK: OnceLock<PathBuf> = OnceLock::new();
    BOOK.get_or_init(|| {
        let dir = data_dir();
        let path = dir.join(format!("book-{}k.db", CUSTOMERS / 1000));
        let marker = path.with_extension("db.done");
        // What the book was made from; another schema means another book.
        let stamp = format!("customers={CUSTOMERS} now={NOW} schema={LATEST_VERSION}\n");
        if fs::read_to_string(&marker).ok().as_deref() == Some(stamp.as_str()) && path.exists() {
            return path;
        }
        fs::create_dir_all(&dir).expect("creating target/bench-data");
        let _ = fs::remove_file(&marker);
        // Generate beside the final name and rename, so an interrupted run never leaves a
        // half-written book behind under the name the benchmarks read.
        let partial = dir.join(format!(
            "book-{}k.{}.partial.db",
            CUSTOMERS / 1000,
            std::process::id()
        ));
        remove_db(&partial);
        eprintln!("generating {} ({CUSTOMERS} customers)…", path.display());
        let started = Instant::now();
        {
            let mut store = touchbase::store::open(&partial).expect("creating the bench book");
            let summary =
                touchbase::demo::generate(&mut *store, now(), CUSTOMERS).expect("generating the bench book");
            eprintln!(
                "generated {} customers, {} contacts, {} follow-ups in {:.1}s",
                summary.customers,
                summary.interactions,
                summary.follow_ups,
                started.elapsed().as_secs_f64()
            );
            // Dropping the only connection checkpoints the WAL into the main file.
        }
        remove_db(&path);
        fs::rename(&partial, &path).expect("moving the bench book into place");
        fs::write(&marker, stamp).expect("writing the bench book's marker");
        path
    })
}

/// Removes a database and its WAL files, if there.
pub fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

/// A fresh copy of the book for benchmarks that write, removed when dropped (after the
/// store on it: declare it first).
pub struct WritableCopy(pub PathBuf);

impl WritableCopy {
    pub fn new(name: &str) -> WritableCopy {
        let copy = data_dir().join(name);
        remove_db(&copy);
        fs::copy(book(), &copy).expect("copying the bench book");
        // Flush the copy now: otherwise the first checkpoint's fsync writes out the whole
        // file, and one sample measures the copy instead of the log.
        fs::File::open(&copy)
            .and_then(|f| f.sync_all())
            .expect("syncing the copy");
        WritableCopy(copy)
    }
}

impl Drop for WritableCopy {
    fn drop(&mut self) {
        remove_db(&self.0);
    }
}
