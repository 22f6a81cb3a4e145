//! A book written through the library (`touchbase::store`) in a temporary directory, and
//! the instants and days the tests write into it. Knows nothing of the binary or the app.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use tempfile::TempDir;
use touchbase::store::Book;

/// An RFC 3339 instant.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

/// A `YYYY-MM-DD` day.
pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A new, empty book in a temporary directory, removed with it.
pub fn new_book() -> (TempDir, Box<dyn Book>) {
    let dir = TempDir::new().unwrap();
    let book = open(dir.path());
    (dir, book)
}

/// A handle on the book in `dir`, as another process opens it; the first creates it.
pub fn open(dir: &Path) -> Box<dyn Book> {
    touchbase::store::open(&file(dir)).unwrap()
}

/// The book's file in `dir`, for the binary and for SQLite itself.
pub fn file(dir: &Path) -> PathBuf {
    dir.join("touchbase.db")
}
