//! The demo book, as `touchbase demo` writes it at `NOW`: 40 customers and their history.
//! Knows nothing of the library.

use super::book::Book;

impl Book {
    /// A fresh demo book, for this test alone.
    pub fn demo() -> Book {
        let book = Book::empty();
        book.ok(&["demo"]);
        book
    }
}
