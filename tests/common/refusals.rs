//! What the binary says when it refuses: exit 1 and a message naming what was wrong,
//! never a panic (a usage error that clap catches exits 2, and is not this). Knows nothing
//! of the library.

use super::book::Book;

impl Book {
    /// Runs `args`, which must be refused; returns the message.
    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args).assert().code(1).get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        err
    }

    /// `refused`, with a message that says `says`.
    pub fn refuses(&self, args: &[&str], says: &str) {
        let err = self.refused(args);
        assert!(err.contains(says), "{args:?} does not say {says:?}: {err}");
    }
}
