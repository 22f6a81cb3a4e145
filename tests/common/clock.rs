//! The one instant the tests start from. Knows nothing of books, the binary or the app.

/// Monday 23 November 2026, 09:00 UTC, the first day of 2026-W48: "now" for every test
/// that does not say otherwise.
pub const NOW: &str = "2026-11-23T09:00:00Z";
