//! What the binary prints for scripts: a command's `--json` output, parsed. Knows nothing
//! of the library.

use serde_json::Value;

use super::book::Book;
use super::clock::NOW;

impl Book {
    /// `ARGS… --json`, which must succeed, parsed.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_at(NOW, args)
    }

    /// `json`, with the clock at `now`.
    pub fn json_at(&self, now: &str, args: &[&str]) -> Value {
        let out = self
            .run_at(now, args)
            .arg("--json")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{args:?} --json: {e}"))
    }
}
