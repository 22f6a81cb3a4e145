//! The demo book, as `touchbase demo` writes it: 40 customers with half a year of history
//! around `NOW`. Knows nothing of the library.

use super::book::Book;

impl Book {
    /// A fresh demo book, for this test alone.
    pub fn demo() -> Book {
        let book = Book::empty();
        book.ok(&["demo"]);
        book
    }
}
