//! Our own JSON: an array of customers, as `export customers --format json` writes it. The
//! output of `list --json` reads too (its extra fields are ignored). Text in, records
//! out: no file, no store.

use serde::{Deserialize, Serialize};

use super::fields::Draft;
use super::{Location, Parsed};
use crate::clock::Now;
use crate::domain::limits::IMPORT_RECORDS;
use crate::domain::person::Detail;

/// One person of a customer in the exported book, the main contact first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PersonEntry {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub emails: Vec<Detail>,
    #[serde(default)]
    pub phones: Vec<Detail>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub main: bool,
    /// YYYY-MM-DD; absent while they are there.
    #[serde(default)]
    pub left_on: Option<String>,
    #[serde(default)]
    pub left_to: String,
}

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
    /// Absent on import: the customer's name, e-mail and phone are its one person.
    #[serde(default)]
    pub people: Vec<PersonEntry>,
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
        let entry = match serde_json::from_value::<BookEntry>(value) {
            Ok(e) => e,
            Err(e) => {
                parsed.push(
                    at,
                    Err(format!("not a customer: {}", super::clip(&e.to_string()))),
                );
                continue;
            }
        };
        let account = Draft {
            name: entry.name,
            company: entry.company,
            email: entry.email,
            phone: entry.phone,
            labels: entry.tags,
            notes: entry.notes,
            last_contact: entry.last_contact.unwrap_or_default(),
            cadence: entry.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            ..Draft::default()
        };
        if entry.people.is_empty() {
            parsed.push(at, account.finish(at, now));
            continue;
        }
        // A record per person, the account's fields on each (as a CSV row has them).
        for p in entry.people {
            let draft = Draft {
                person: p.name,
                role: p.role,
                email: String::new(),
                phone: String::new(),
                emails: p.emails,
                phones: p.phones,
                person_notes: p.notes,
                left_on: p.left_on.unwrap_or_default(),
                left_to: p.left_to,
                ..account.clone()
            };
            parsed.push(at, draft.finish(at, now));
        }
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
