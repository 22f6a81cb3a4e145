//! People on an account: a customer is a company (or a household) with people in it, one
//! of them the main contact, some of whom may have left. The plain types the store and
//! the use cases speak in, and what makes a new person or an edit valid. Pure.

use chrono::NaiveDate;

use super::{email, phone};

/// Whether a detail is an e-mail address or a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DetailKind {
    Email,
    Phone,
}

impl DetailKind {
    /// As stored and as the JSON says it.
    pub fn as_str(self) -> &'static str {
        match self {
            DetailKind::Email => "email",
            DetailKind::Phone => "phone",
        }
    }

    /// The key `value` is found by: an address lowercased, a number by `phone::key`.
    pub fn key(self, value: &str) -> String {
        match self {
            DetailKind::Email => value.trim().to_lowercase(),
            DetailKind::Phone => phone::key(value),
        }
    }
}

/// One e-mail address or phone number of a person, as typed, with its label ("mobile",
/// "office", or empty).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Detail {
    pub label: String,
    pub value: String,
}

impl Detail {
    pub fn new(value: &str) -> Detail {
        Detail {
            label: String::new(),
            value: value.trim().to_string(),
        }
    }
}

/// When a person left the account, and where to ("" when not said).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Left {
    pub on: NaiveDate,
    pub to: String,
}

/// A leaving day still to come: someone is marked as left when they have gone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{on} is in the future (today is {today}) — a person leaves on a day that has come: mark them when they go"
)]
pub struct LeavesAhead {
    pub on: NaiveDate,
    pub today: NaiveDate,
}

impl Left {
    /// `Ok` for a leaving day `on` that has come by `today`: today or before.
    pub fn check_day(on: NaiveDate, today: NaiveDate) -> Result<(), LeavesAhead> {
        if on > today {
            return Err(LeavesAhead { on, today });
        }
        Ok(())
    }
}

/// The note of the situational trigger a person's leaving opens, however they are
/// marked (the CLI, the TUI, the demo). Their name, never a guessed pronoun: touchbase
/// does not know anyone's gender.
pub fn left_note(name: &str) -> String {
    format!("{} left — build the relationship with the successor", name.trim())
}

/// A person at a customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub role: String,
    pub notes: String,
    /// The main contact: the one a contact logged without a name was with.
    pub main: bool,
    pub left: Option<Left>,
    pub emails: Vec<Detail>,
    pub phones: Vec<Detail>,
}

impl Person {
    /// The first e-mail address, or "".
    pub fn email(&self) -> &str {
        self.emails.first().map_or("", |d| d.value.as_str())
    }

    /// The first phone number, or "".
    pub fn phone(&self) -> &str {
        self.phones.first().map_or("", |d| d.value.as_str())
    }
}

/// A person to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPerson {
    pub name: String,
    pub role: String,
    pub notes: String,
    pub emails: Vec<Detail>,
    pub phones: Vec<Detail>,
    /// Make them the main contact (the one who was stops being it).
    pub main: bool,
}

/// A change to some fields of a person; `None` leaves a field as it is. The e-mail and
/// phone lists, when given, replace the ones there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonPatch {
    pub name: Option<String>,
    pub role: Option<String>,
    pub notes: Option<String>,
    pub emails: Option<Vec<Detail>>,
    pub phones: Option<Vec<Detail>>,
}

/// Why a person or an edit of one is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadPerson {
    #[error("a person needs a name — type one, like \"Anna de Boer\"")]
    NoName,
    #[error(transparent)]
    Email(#[from] email::BadEmail),
    #[error(transparent)]
    Phone(#[from] phone::BadPhone),
}

/// Empty values are no detail (the store skips them), so they are not refused.
fn check_details(emails: &[Detail], phones: &[Detail]) -> Result<(), BadPerson> {
    let given = |d: &&Detail| !d.value.trim().is_empty();
    for d in emails.iter().filter(given) {
        email::check(d.value.trim())?;
    }
    for d in phones.iter().filter(given) {
        phone::check(d.value.trim())?;
    }
    Ok(())
}

impl NewPerson {
    /// `Ok` when the person has a name and every address and number reads as one.
    pub fn check(&self) -> Result<(), BadPerson> {
        if self.name.trim().is_empty() {
            return Err(BadPerson::NoName);
        }
        check_details(&self.emails, &self.phones)
    }
}

impl PersonPatch {
    /// `Ok` when a name given is not empty and every address and number reads as one.
    pub fn check(&self) -> Result<(), BadPerson> {
        if self.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(BadPerson::NoName);
        }
        check_details(
            self.emails.as_deref().unwrap_or_default(),
            self.phones.as_deref().unwrap_or_default(),
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A person at account 1, still there, with no details; person 1 is the main contact.
    pub(crate) fn person(id: i64, name: &str) -> Person {
        Person {
            id,
            customer_id: 1,
            name: name.into(),
            role: String::new(),
            notes: String::new(),
            main: id == 1,
            left: None,
            emails: Vec::new(),
            phones: Vec::new(),
        }
    }

    #[test]
    fn a_person_needs_a_name_and_real_details() {
        let mut p = NewPerson {
            name: " ".into(),
            ..NewPerson::default()
        };
        assert_eq!(p.check(), Err(BadPerson::NoName));
        p.name = "Anna".into();
        assert_eq!(p.check(), Ok(()));
        p.phones = vec![Detail::new("06 ANNA")];
        let e = p.check().expect_err("letters");
        assert!(e.to_string().contains("'06 ANNA'"), "{e}");
        p.phones = vec![Detail::new("06 1234 5678")];
        p.emails = vec![Detail::new("anna.example.com")];
        assert!(matches!(p.check(), Err(BadPerson::Email(_))));
    }

    #[test]
    fn a_person_leaves_on_a_day_that_has_come() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = day("2026-11-23");
        assert_eq!(Left::check_day(today, today), Ok(()));
        assert_eq!(Left::check_day(day("2026-10-01"), today), Ok(()));
        let e = Left::check_day(day("2027-05-01"), today).expect_err("ahead");
        assert_eq!(
            e.to_string(),
            "2027-05-01 is in the future (today is 2026-11-23) — a person leaves on a day that has come: \
             mark them when they go"
        );
    }

    #[test]
    fn keys_find_an_address_in_any_case() {
        assert_eq!(DetailKind::Email.key(" Anna@Acme.NL "), "anna@acme.nl");
        assert_eq!(DetailKind::Phone.key("+31 6 1234 5678"), "612345678");
    }
}
