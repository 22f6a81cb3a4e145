//! The store: where the book is kept. Today one implementation, SQLite, in `sqlite/`.

pub mod sqlite;

pub use sqlite::*;
