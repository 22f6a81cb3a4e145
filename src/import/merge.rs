//! Who in the book an imported record is, and what it may change there. A record is a
//! person at an account. It is a person already in the book when one of its e-mail
//! addresses is one of theirs (ignoring case), wherever they are. Otherwise it joins the
//! account of its company: the oldest customer whose company folds to the same key
//! (`company_key`: "ACME B.V.", "Acme BV" and "acme" are one account); there it is the
//! person with the same name (ignoring case, accents and spacing), or a new person. A record
//! without a company is an account of its own named after the person, matched as before
//! people: by name, and when the record has an e-mail address only a customer who has
//! none yet (another address means another person). A match only fills what is empty,
//! adds details, tags and a later last contact, so importing the same file twice changes
//! nothing the second time. A row that names its account apart from its person (our own
//! export's `Name` beside `Person`) joins the account of that name at that company only,
//! so a book with two accounts at one company comes back with two.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::ImportedCustomer;
use crate::domain::company::company_key;
use crate::domain::person::DetailKind;
use crate::domain::{Customer, Tags, words};

/// What an account is known by: its company, or (without one) its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum AccountKey {
    Company(String),
    Named(String),
    /// The company's key and the account's name: what a row of our own export, which
    /// names its account, is matched on, so two accounts at one company stay two.
    Exact(String, String),
}

fn account_key(name: &str, company: &str) -> AccountKey {
    let company = company_key(company);
    if company.is_empty() {
        AccountKey::Named(key(name))
    } else {
        AccountKey::Company(company)
    }
}

fn key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Who a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A person already in the book (or earlier in the file), at that customer.
    Person {
        customer: i64,
        person: i64,
    },
    /// No one yet, at an account already there.
    Account(i64),
    Nobody,
}

/// Who is in the book, by the keys records are matched on. Built once per import (one
/// pass over the customers and one over the people), then kept up to date as records are
/// added, so rows of one file match each other too.
#[derive(Debug, Default)]
pub struct Matcher {
    /// E-mail key → (customer, person).
    by_email: HashMap<String, (i64, i64)>,
    /// Account key → customers, oldest first.
    accounts: HashMap<AccountKey, Vec<i64>>,
    /// Customers whose main person has an e-mail address.
    has_email: HashSet<i64>,
    /// (customer, name key) → person, the oldest.
    by_name: HashMap<(i64, String), i64>,
}

impl Matcher {
    /// A customer, by its name and company; `email` is its (main person's) address.
    pub fn remember_account(&mut self, id: i64, name: &str, company: &str, email: &str) {
        for k in [
            account_key(name, company),
            AccountKey::Exact(company_key(company), key(name)),
        ] {
            let ids = self.accounts.entry(k).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if !email.trim().is_empty() {
            self.has_email.insert(id);
        }
    }

    pub fn remember_person(&mut self, customer: i64, person: i64, name: &str) {
        self.by_name.entry((customer, words::key(name))).or_insert(person);
    }

    pub fn remember_email(&mut self, customer: i64, person: i64, email: &str) {
        if !email.trim().is_empty() {
            self.by_email
                .entry(DetailKind::Email.key(email))
                .or_insert((customer, person));
        }
    }

    /// Notes that customer `id`'s main person now has an e-mail address.
    pub fn learned_email(&mut self, id: i64) {
        self.has_email.insert(id);
    }

    pub fn find(&self, r: &ImportedCustomer) -> Found {
        let emails = r
            .emails
            .iter()
            .map(|e| e.value.as_str())
            .chain([r.email.as_str()]);
        for e in emails.filter(|e| !e.is_empty()) {
            if let Some((customer, person)) = self.by_email.get(&DetailKind::Email.key(e)) {
                return Found::Person {
                    customer: *customer,
                    person: *person,
                };
            }
        }
        let key_ = if r.account.is_empty() {
            account_key(&r.name, &r.company)
        } else {
            AccountKey::Exact(company_key(&r.company), key(&r.account))
        };
        // Without a company or an account named apart, the rule from before people.
        let strict = matches!(key_, AccountKey::Named(_)) && r.account.is_empty() && !r.email.is_empty();
        let Some(customer) = self
            .accounts
            .get(&key_)
            .and_then(|ids| ids.iter().find(|id| !strict || !self.has_email.contains(id)))
        else {
            return Found::Nobody;
        };
        match self.by_name.get(&(*customer, words::key(&r.name))) {
            Some(person) => Found::Person {
                customer: *customer,
                person: *person,
            },
            None => Found::Account(*customer),
        }
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
    use crate::domain::person::Detail;

    fn record(name: &str, company: &str, email: &str) -> ImportedCustomer {
        ImportedCustomer {
            name: name.into(),
            company: company.into(),
            email: email.into(),
            emails: if email.is_empty() {
                Vec::new()
            } else {
                vec![Detail::new(email)]
            },
            ..ImportedCustomer::default()
        }
    }

    #[test]
    fn email_first_then_company_then_name() {
        let mut m = Matcher::default();
        m.remember_account(1, "Jan Jansen", "Acme BV", "jan@acme.nl");
        m.remember_person(1, 10, "Jan Jansen");
        m.remember_email(1, 10, "jan@acme.nl");
        m.remember_account(2, "Piet", "", "");
        m.remember_person(2, 20, "Piet");
        let person = |customer, person| Found::Person { customer, person };
        assert_eq!(m.find(&record("Someone", "", "JAN@acme.nl")), person(1, 10));
        assert_eq!(m.find(&record("jan  jansen", "ACME B.V.", "")), person(1, 10));
        // The same name at the account is the same person, whatever the address.
        assert_eq!(
            m.find(&record("Jan Jansen", "acme", "jan.j@acme.nl")),
            person(1, 10)
        );
        assert_eq!(
            m.find(&record("Anna", "Acme, Inc.", "anna@acme.nl")),
            Found::Account(1)
        );
        // Without a company: the rule from before people.
        assert_eq!(m.find(&record("Piet", "", "piet@beta.nl")), person(2, 20));
        m.learned_email(2);
        assert_eq!(m.find(&record("Piet", "", "other@beta.nl")), Found::Nobody);
        assert_eq!(m.find(&record("Piet", "Gamma", "")), Found::Nobody);
        // A row of our own export names its account: another one at Acme is another.
        let mut ours = record("Klaas", "Acme", "");
        ours.account = "Acme Noord".into();
        assert_eq!(m.find(&ours), Found::Nobody);
        ours.account = "jan jansen".into();
        assert_eq!(m.find(&ours), Found::Account(1));
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
