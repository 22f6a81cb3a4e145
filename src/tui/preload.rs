//! The filter's index, built on a second connection while the user reads the first screen,
//! so the first `/` on a large book does not wait for it. SQLite in WAL mode lets the
//! second connection read beside the first.

use std::path::Path;
use std::thread::JoinHandle;

use super::filter::Filter;
use crate::store::Store;

#[derive(Default)]
pub struct Preload(Option<JoinHandle<anyhow::Result<Filter>>>);

impl Preload {
    pub fn start(path: &Path) -> Preload {
        let path = path.to_owned();
        Preload(Some(std::thread::spawn(move || {
            let store = Store::open(&path)?;
            Ok(Filter::new(store.customer_index()?))
        })))
    }

    /// The filter, once it is built (waiting for it if need be). `None` when none was
    /// started, it was discarded, or it failed: then the caller builds one itself.
    pub fn take(&mut self) -> Option<Filter> {
        let filter = self.0.take()?.join().ok()?;
        filter.ok()
    }

    /// Whether a filter is being built or ready.
    pub fn pending(&self) -> bool {
        self.0.is_some()
    }

    /// Whether the filter is built (or its building failed).
    pub fn finished(&self) -> bool {
        self.0.as_ref().is_some_and(JoinHandle::is_finished)
    }

    /// Forgets a filter that the book has changed under; its thread ends on its own.
    pub fn discard(&mut self) {
        self.0 = None;
    }
}
