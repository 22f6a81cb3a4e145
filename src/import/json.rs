//! Our own JSON: an array of customers, as `export customers --format json` writes it. The
//! output of `list --json` reads too (its extra fields are ignored). Text in, records
//! out: no file, no store.

use serde::{Deserialize, Serialize};

use super::fields::Draft;
use super::{Location, Parsed};
use crate::clock::Now;
use crate::domain::limits::IMPORT_RECORDS;

/// One customer in the exported book. Fields are only ever added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BookEntry {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Absent on import: the default cadence.
    #[serde(default)]
    pub cadence_days: Option<u32>,
    #[serde(default)]
    pub notes: String,
    /// RFC 3339, UTC.
    #[serde(default)]
    pub last_contact: Option<String>,
}

pub fn read(text: &str, now: Now) -> anyhow::Result<Parsed> {
    read_at_most(text, now, IMPORT_RECORDS)
}

fn read_at_most(text: &str, now: Now, max: usize) -> anyhow::Result<Parsed> {
    let entries: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        anyhow::anyhow!("{} — the file should hold a JSON array of customers, as `touchbase export customers --format json` writes", super::clip(&e.to_string()))
    })?;
    if entries.len() > max {
        return Err(super::too_many(
            Location::Entry { index: max + 1 },
            max,
            "customers",
        ));
    }
    let mut parsed = Parsed::default();
    for (i, value) in entries.into_iter().enumerate() {
        let at = Location::Entry { index: i + 1 };
        let draft = serde_json::from_value::<BookEntry>(value)
            .map_err(|e| format!("not a customer: {}", super::clip(&e.to_string())))
            .map(|e| Draft {
                name: e.name,
                company: e.company,
                email: e.email,
                phone: e.phone,
                labels: e.tags,
                notes: e.notes,
                last_contact: e.last_contact.unwrap_or_default(),
                cadence: e.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
                ..Draft::default()
            });
        parsed.push(at, draft.and_then(|d| d.finish(at, now)));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_checked_one_by_one() {
        let now = Now::parse("2026-11-23T09:00:00Z").unwrap();
        let p = read(
            r#"[{"name":"Jan","tags":["vip"],"cadence_days":14,"id":7},{"name":"Bad","email":"x"},{"name":3}]"#,
            now,
        )
        .unwrap();
        assert_eq!(p.records[0].cadence.map(crate::domain::Cadence::days), Some(14));
        assert_eq!(p.invalid.len(), 2);
        assert!(
            p.invalid[1].to_string().starts_with("customer 3: not a customer"),
            "{}",
            p.invalid[1]
        );
        assert!(read("{", now).is_err());
        // serde quotes a value of the wrong type whole.
        let big = "A".repeat(100_000);
        let p = read(&format!(r#"[{{"name":"x","cadence_days":"{big}"}}]"#), now).unwrap();
        assert!(
            p.invalid[0].problem.len() < 1000,
            "{}",
            p.invalid[0].problem.len()
        );
        let err = read(&format!(r#""{big}""#), now).unwrap_err().to_string();
        assert!(err.len() < 1000, "{}", err.len());
        let err = read_at_most("[{},{},{}]", now, 2).unwrap_err().to_string();
        assert_eq!(
            err,
            "customer 3: the file holds more than 2 customers — split it into files of at most 2"
        );
    }
}
