//! The merge part of the contract: two customers that are one (an import under another
//! spelling, a second address) become the one kept, in one transaction, with what is
//! needed to put the other back exactly. Plain data, serializable, so an undo journal can
//! keep it. Knows no SQL.

use chrono::{DateTime, Utc};

/// What a merge did: enough to undo it exactly, and to say what happened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Merge {
    /// The customer kept, and their name as it was after the merge.
    pub keep: i64,
    pub keep_name: String,
    /// The customer merged into them and deleted, as their row was.
    pub other: MergedRow,
    /// The fields of the kept customer that were empty and took the other's value.
    pub filled: Filled,
    /// The other's tags the kept customer did not have.
    pub tags_added: Vec<String>,
    /// The records moved from the other to the kept customer.
    pub moved: Moved,
    /// The former name stored for the kept customer (the other's), so it still finds them.
    pub alias_id: i64,
}

/// A customer's own row, as stored (the summaries are recomputed from the records).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MergedRow {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    /// As stored: lowercase, sorted, space separated.
    pub tags: String,
    pub cadence_days: u32,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Their pause (`touchbase pause`), so undo puts it back too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<crate::domain::Pause>,
}

/// The values a merge wrote into the kept customer's empty fields; `None`: left as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filled {
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

impl Filled {
    /// The fields filled, as a person names them.
    pub fn names(&self) -> Vec<&'static str> {
        [
            ("company", &self.company),
            ("e-mail", &self.email),
            ("phone", &self.phone),
            ("notes", &self.notes),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(n, _)| n)
        .collect()
    }
}

/// The ids of the records a merge moved, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Moved {
    pub contacts: Vec<i64>,
    pub follow_ups: Vec<i64>,
    pub moments: Vec<i64>,
    pub triggers: Vec<i64>,
    pub balance_entries: Vec<i64>,
    pub orders: Vec<i64>,
    /// Former names the other had from earlier merges.
    pub aliases: Vec<i64>,
    /// The other's people (they join the kept customer, none of them as its main
    /// contact), and which of them was the other's main contact. Empty in journal entries
    /// older than people.
    #[serde(default)]
    pub people: Vec<i64>,
    #[serde(default)]
    pub main_person: Option<i64>,
}

impl Moved {
    /// Each kind of record with how many moved, as a person names them, leaving out
    /// kinds none of which moved: `["3 contacts", "1 follow-up"]`.
    pub fn counts(&self) -> Vec<String> {
        let n = |ids: &Vec<i64>| i64::try_from(ids.len()).unwrap_or(i64::MAX);
        crate::domain::prose::records([
            n(&self.contacts),
            n(&self.follow_ups),
            n(&self.moments),
            n(&self.triggers),
            n(&self.balance_entries),
            n(&self.orders),
        ])
    }
}

/// A merge the two customers refuse: nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeRefused {
    #[error("{name} cannot be merged with themselves — name two different customers")]
    Same { name: String },
    #[error("{name} is archived — bring them back from the archive first, then merge")]
    Archived { name: String },
}

pub trait Merges {
    /// Merges customer `other` into `keep` in one transaction: every record of `other`
    /// moves to `keep`, `keep`'s empty company, e-mail, phone and notes take `other`'s,
    /// their tags are united (`keep`'s cadence stays), `other`'s name is kept as a former
    /// name of `keep` (it finds them), `other` is deleted and `keep`'s summaries are
    /// recomputed. Refuses (`MergeRefused`, `NotFound`) changing nothing.
    fn merge_customers(&mut self, keep: i64, other: i64, now: DateTime<Utc>) -> anyhow::Result<Merge>;

    /// What `merge_customers` would do now, changing nothing: to show before asking.
    fn preview_merge(&mut self, keep: i64, other: i64, now: DateTime<Utc>) -> anyhow::Result<Merge>;

    /// The former names of customer `id` (those merged into them), oldest first.
    fn former_names(&self, id: i64) -> anyhow::Result<Vec<String>>;
}
