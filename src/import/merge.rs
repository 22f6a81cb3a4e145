//! Who in the book an imported record is, and what it may change there. A record matches
//! the customer with the same e-mail address (ignoring case); without one, the customer
//! with the same name and company. A record with an e-mail address matches by name and
//! company only a customer who has no e-mail yet: another address means another person.
//! A match only fills what is empty, adds tags, and records a later last contact, so
//! importing the same file twice changes nothing the second time.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::ImportedCustomer;
use crate::domain::{Customer, Tags};

/// Who is in the book, by the keys records are matched on. Built once per import (one
/// pass over the customers), then kept up to date as records are added, so duplicates
/// inside one file match each other too.
#[derive(Debug, Default)]
pub struct Matcher {
    by_email: HashMap<String, i64>,
    /// (name, company) → customers, oldest first, and whether each has an e-mail address.
    by_name: HashMap<(String, String), Vec<(i64, bool)>>,
}

fn key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Matcher {
    pub fn remember(&mut self, id: i64, name: &str, company: &str, email: &str) {
        let email = email.trim();
        if !email.is_empty() {
            self.by_email.entry(email.to_lowercase()).or_insert(id);
        }
        self.by_name
            .entry((key(name), key(company)))
            .or_default()
            .push((id, !email.is_empty()));
    }

    /// Notes that a matched customer was given an e-mail address.
    pub fn learned_email(&mut self, id: i64, name: &str, company: &str, email: &str) {
        self.by_email.entry(email.trim().to_lowercase()).or_insert(id);
        if let Some(ids) = self.by_name.get_mut(&(key(name), key(company))) {
            for (candidate, has_email) in ids {
                if *candidate == id {
                    *has_email = true;
                }
            }
        }
    }

    pub fn find(&self, r: &ImportedCustomer) -> Option<i64> {
        if !r.email.is_empty()
            && let Some(id) = self.by_email.get(&r.email.to_lowercase())
        {
            return Some(*id);
        }
        let candidates = self.by_name.get(&(key(&r.name), key(&r.company)))?;
        candidates
            .iter()
            .find(|(_, has_email)| r.email.is_empty() || !has_email)
            .map(|(id, _)| *id)
    }
}

/// What an import changes on a matched customer; `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fill {
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub tags: Option<Tags>,
    /// A last contact later than the book's, to record as a contact.
    pub contact: Option<DateTime<Utc>>,
}

impl Fill {
    pub fn is_empty(&self) -> bool {
        *self == Fill::default()
    }

    /// Whether a customer field changes (not only a contact to record).
    pub fn changes_fields(&self) -> bool {
        Fill {
            contact: None,
            ..self.clone()
        } != Fill::default()
    }

    /// The names of what changes, for the report: "email, phone, last contact".
    pub fn describe(&self) -> String {
        [
            ("company", self.company.is_some()),
            ("email", self.email.is_some()),
            ("phone", self.phone.is_some()),
            ("notes", self.notes.is_some()),
            ("tags", self.tags.is_some()),
            ("last contact", self.contact.is_some()),
        ]
        .iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// What `r` adds to `existing` (the matched customer, with their last contact as of the
/// import): empty fields filled, new tags, a later last contact.
pub fn fill(existing: &Customer, r: &ImportedCustomer) -> Fill {
    let empty_then =
        |old: &str, new: &str| (old.trim().is_empty() && !new.is_empty()).then(|| new.to_string());
    let tags = existing.tags.union(&r.tags);
    Fill {
        company: empty_then(&existing.company, &r.company),
        email: empty_then(&existing.email, &r.email),
        phone: empty_then(&existing.phone, &r.phone),
        notes: empty_then(&existing.notes, &r.notes),
        tags: (tags != existing.tags).then_some(tags),
        contact: r
            .last_contact
            .filter(|at| existing.last_contact_at.is_none_or(|old| *at > old)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Location;

    fn record(name: &str, company: &str, email: &str) -> ImportedCustomer {
        ImportedCustomer {
            name: name.into(),
            company: company.into(),
            email: email.into(),
            phone: String::new(),
            tags: Tags::default(),
            cadence: None,
            notes: String::new(),
            last_contact: None,
            at: Location::Entry { index: 1 },
        }
    }

    #[test]
    fn email_first_then_name_and_company() {
        let mut m = Matcher::default();
        m.remember(1, "Jan Jansen", "Acme", "jan@acme.nl");
        m.remember(2, "Piet", "Beta", "");
        assert_eq!(m.find(&record("Someone", "", "JAN@acme.nl")), Some(1));
        assert_eq!(m.find(&record("jan  jansen", "ACME", "")), Some(1));
        // Another address is another person, even with the same name.
        assert_eq!(m.find(&record("Jan Jansen", "Acme", "jan.j@acme.nl")), None);
        // A customer without an address gets matched, and then known by it.
        assert_eq!(m.find(&record("Piet", "Beta", "piet@beta.nl")), Some(2));
        m.learned_email(2, "Piet", "Beta", "piet@beta.nl");
        assert_eq!(m.find(&record("P.", "", "piet@beta.nl")), Some(2));
        assert_eq!(m.find(&record("Piet", "Beta", "other@beta.nl")), None);
        assert_eq!(m.find(&record("Piet", "Gamma", "")), None);
    }

    #[test]
    fn only_empty_fields_are_filled() {
        let existing = Customer {
            id: 1,
            name: "Jan".into(),
            company: "Acme".into(),
            email: String::new(),
            phone: "010".into(),
            tags: Tags::new(["vip"]).unwrap(),
            cadence: crate::domain::Cadence::DEFAULT,
            notes: String::new(),
            archived: false,
            created_at: "2026-01-01T10:00:00Z".parse().unwrap(),
            last_contact_at: Some("2026-11-01T10:00:00Z".parse().unwrap()),
            summary: crate::domain::customer::Summary::default(),
            paused: None,
        };
        let mut r = record("Jan", "Other", "jan@acme.nl");
        r.phone = "020".into();
        r.tags = Tags::new(["vip", "new"]).unwrap();
        r.last_contact = Some("2026-10-01T10:00:00Z".parse().unwrap());
        let f = fill(&existing, &r);
        assert_eq!(f.company, None);
        assert_eq!(f.email.as_deref(), Some("jan@acme.nl"));
        assert_eq!(f.phone, None);
        assert_eq!(f.tags.unwrap().as_slice(), ["new", "vip"]);
        assert_eq!(f.contact, None, "an older last contact is not news");
    }
}
