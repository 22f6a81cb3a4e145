//! Work done on a second handle on the book while the user reads the screen, so that the
//! first `/` (the filter's index) or the first sort by urgency (every nudge scored) on a
//! large book does not wait for it.

use std::thread::JoinHandle;

use crate::store::{Book, Reopen};

pub struct Preload<T>(Option<JoinHandle<anyhow::Result<T>>>);

impl<T> Default for Preload<T> {
    fn default() -> Self {
        Preload(None)
    }
}

impl<T: Send + 'static> Preload<T> {
    /// Runs `job` on a handle of its own, opened by `reopen` on the job's thread.
    pub fn start(
        reopen: Reopen,
        job: impl FnOnce(&dyn Book) -> anyhow::Result<T> + Send + 'static,
    ) -> Preload<T> {
        Preload(Some(std::thread::spawn(move || job(&*reopen()?))))
    }

    /// The result, once it is ready (waiting for it if need be). `None` when nothing was
    /// started, it was discarded, or it failed: then the caller does the work itself.
    pub fn take(&mut self) -> Option<T> {
        let result = self.0.take()?.join().ok()?;
        result.ok()
    }

    /// Whether work is under way or ready.
    pub fn pending(&self) -> bool {
        self.0.is_some()
    }

    /// Whether the work is done (or failed).
    pub fn finished(&self) -> bool {
        self.0.as_ref().is_some_and(JoinHandle::is_finished)
    }

    /// Forgets work that the book has changed under; its thread ends on its own.
    pub fn discard(&mut self) {
        self.0 = None;
    }
}
