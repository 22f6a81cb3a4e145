//! Running a dependency's parser so that a panic inside it becomes an answer, not a crash
//! with a backtrace: touchbase reports the record it could not read and goes on.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether a panic on this thread is being contained, and so must not be printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// `f()`, or None when it panicked. The panic prints nothing: the default hook's message
/// and backtrace would reach the user's terminal although the panic is handled. Other
/// threads' panics, and this thread's outside `f`, print as they always do.
///
/// This relies on panics unwinding (the default; `panic = "abort"` in Cargo.toml would
/// end the process instead).
pub(crate) fn contained<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        // One hook for the whole process, installed once: swapping hooks around each call
        // would race with other threads.
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = QUIET.with(|q| q.replace(true));
    // What `f` touches is dropped or reported as broken when it panics, never used again.
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(outer));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_none_and_the_thread_goes_on() {
        assert_eq!(contained(|| 7), Some(7));
        let none: Option<()> = contained(|| panic!("inside a dependency"));
        assert_eq!(none, None);
        assert!(!QUIET.with(Cell::get), "later panics print again");
        assert_eq!(contained(|| contained(|| panic!("nested")).is_none()), Some(true));
    }
}
