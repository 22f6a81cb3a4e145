//! The upkeep part of the contract: checking the book for damage and repairing what can be
//! repaired, the damaged values a read met, and backups. Knows no SQL; what counts as
//! damage is the backend's (a hand-edited file, a value of the wrong type).

use std::fmt;
use std::path::Path;

/// A stored value that touchbase cannot use as it stands: a hand-edited or damaged book.
/// Reading goes on with a neutral stand-in, and the damage is reported once per command.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Damage {
    pub table: &'static str,
    pub id: i64,
    pub column: String,
    /// The value as SQL would write it, shortened and with control characters escaped.
    pub found: String,
    /// What is wrong, in words: "is not a cadence (1 to 3650 days)".
    pub problem: String,
    /// What touchbase uses instead: "unknown", "30d".
    pub shown_as: String,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} = {} {} — shown as {}",
            record_name(self.table),
            self.id,
            self.column,
            self.found,
            self.problem,
            self.shown_as
        )
    }
}

/// What a record of `table` is called in a message.
pub(crate) fn record_name(table: &str) -> &'static str {
    match table {
        "customers" => "customer",
        "interactions" => "contact",
        "follow_ups" => "follow-up",
        "moments" => "decision moment",
        "triggers" => "trigger",
        "balance_entries" => "give/ask",
        "orders" => "order",
        "people" => "person",
        "person_details" => "person detail",
        _ => "row",
    }
}

/// One thing wrong with the book.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[expect(
    clippy::struct_field_names,
    reason = "`problem` is the key `check --json` prints, a stable interface"
)]
pub struct Problem {
    /// The table of the row, or "database" for the file itself.
    pub table: String,
    pub id: Option<i64>,
    pub column: Option<String>,
    /// The stored value, as SQL would write it.
    pub found: Option<String>,
    /// What is wrong, in words.
    pub problem: String,
    /// What `--repair` does about it; `None` when it cannot repair it.
    pub repair: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id {
            Some(id) => write!(f, "{} {id}: ", record_name(&self.table))?,
            None => write!(f, "{}: ", self.table)?,
        }
        if let (Some(column), Some(found)) = (&self.column, &self.found) {
            write!(f, "{column} = {found} ")?;
        }
        write!(f, "{}", self.problem)?;
        match &self.repair {
            Some(repair) => write!(f, " — `--repair` {repair}"),
            None => write!(
                f,
                " — `--repair` cannot recover it: correct it by hand or restore a backup"
            ),
        }
    }
}

/// What `check` found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CheckReport {
    pub customers: usize,
    pub contacts: usize,
    pub problems: Vec<Problem>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn repairable(&self) -> usize {
        self.problems.iter().filter(|p| p.repair.is_some()).count()
    }
}

pub trait Upkeep {
    /// Checks the whole book: the backend's own checks, values touchbase cannot use, and
    /// summaries that disagree with the records they sum up. Changes nothing.
    fn check(&self) -> anyhow::Result<CheckReport>;

    /// Repairs, in one transaction, what `check` finds repairable: the damaged values it
    /// has a fix for, then the summaries. Deletes nothing. Returns what was changed.
    fn repair(&mut self) -> anyhow::Result<Vec<String>>;

    /// The damaged values read on this thread since the last call, each once, in the
    /// order met.
    fn take_damage(&self) -> Vec<Damage>;

    /// Copies the whole book to a new file `dest`, consistent even while another writer
    /// writes; a failed copy leaves nothing behind, and an existing file is never
    /// overwritten.
    fn backup_to(&self, dest: &Path) -> anyhow::Result<()>;
}
