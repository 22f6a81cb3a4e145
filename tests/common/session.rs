//! The terminal app on a book of its own, written through the library first, with the id
//! of Acme, the customer the test is about, and more handles on that book as other
//! processes would open them. Knows nothing of the binary.

use tempfile::TempDir;
use touchbase::store::Book;
use touchbase::tui::App;

use super::keys::{self, Keys};
use super::store::{new_book, open};

pub struct Session {
    pub dir: TempDir,
    pub app: App,
    pub acme: i64,
}

impl Keys for Session {
    fn target(&mut self) -> &mut App {
        &mut self.app
    }
}

impl Session {
    /// A new book that `write` fills (returning Acme's id), and the app opened on it.
    pub fn new(write: impl FnOnce(&mut dyn Book) -> i64) -> Session {
        let (dir, mut store) = new_book();
        let acme = write(&mut *store);
        Session {
            dir,
            app: keys::app(store),
            acme,
        }
    }

    /// Another handle on the book, as another process opens it.
    pub fn other(&self) -> Box<dyn Book> {
        open(self.dir.path())
    }
}
