//! Field values as other tools write them, cleaned and checked the same way for every
//! format: names from parts, e-mail addresses, tags from labels, last-contact dates,
//! cadences. Values only: which file they came from is the readers', and no store.

use super::dates::last_contact;
use super::headers::Field;
use super::{ImportedCustomer, Location};
use crate::clock::Now;
use crate::domain::limits::{FIELD_CHARS, NAME_CHARS, NOTE_CHARS, too_long};
use crate::domain::person::{Detail, Left};
use crate::domain::{Cadence, Tags};

/// A customer's fields as found in a file, not yet checked. Several columns or properties
/// may offer the same field: the first non-empty e-mail and phone win; tags and notes add
/// up.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub name: String,
    pub first: String,
    pub middle: String,
    pub last: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub labels: Vec<String>,
    pub notes: String,
    pub last_contact: String,
    pub cadence: String,
    /// The person's name when `name` is the account's (our own export's `Person`).
    pub person: String,
    pub role: String,
    /// Every e-mail address offered, with its label, in order (`email` is the first).
    pub emails: Vec<Detail>,
    /// Every phone number offered, with its label, in order.
    pub phones: Vec<Detail>,
    pub person_notes: String,
    pub left_on: String,
    pub left_to: String,
    /// A value the file offered that was over its limit, and so was never copied here.
    pub oversize: Option<String>,
}

/// What a field is called in a message, and how many characters it may hold.
pub fn limit(field: Field) -> Option<(&'static str, usize)> {
    Some(match field {
        Field::Name | Field::FirstName | Field::MiddleName | Field::LastName | Field::Person => {
            ("name", NAME_CHARS)
        }
        Field::Company => ("company", NAME_CHARS),
        Field::Email => ("e-mail address", FIELD_CHARS),
        Field::Phone => ("phone number", FIELD_CHARS),
        Field::Tags => ("list of tags", FIELD_CHARS),
        Field::Notes | Field::PersonNotes | Field::Extra => ("note", NOTE_CHARS),
        Field::LastContact => ("last contact", FIELD_CHARS),
        Field::Cadence => ("cadence", FIELD_CHARS),
        Field::Role => ("role", NAME_CHARS),
        Field::Emails => ("list of e-mail addresses", NOTE_CHARS),
        Field::Phones => ("list of phone numbers", NOTE_CHARS),
        Field::LeftOn | Field::LeftTo | Field::Main => ("field", FIELD_CHARS),
        Field::Ignore => return None,
    })
}

/// The problem with `value` as `field`, when it is longer than the field may be. Each
/// value is measured as it will be kept: notes keep their spacing (so the book's own
/// exports read back exactly), every other field is trimmed.
pub fn oversize(field: Field, value: &str) -> Option<String> {
    let (what, max) = limit(field)?;
    let kept = if matches!(field, Field::Notes | Field::PersonNotes) {
        value
    } else {
        value.trim()
    };
    too_long(what, kept, max)
}

impl Draft {
    /// Keeps the first non-empty value; Google writes several in one cell as `a ::: b`.
    pub fn offer(slot: &mut String, value: &str) {
        if slot.is_empty() {
            let first = value.split(":::").map(str::trim).find(|v| !v.is_empty());
            if let Some(v) = first {
                *slot = v.to_string();
            }
        }
    }

    pub fn add_note(&mut self, note: &str) {
        add_line(&mut self.notes, note);
    }

    /// A line of the person's own notes.
    pub fn add_person_note(&mut self, note: &str) {
        add_line(&mut self.person_notes, note);
    }

    /// An e-mail address with its label; Google writes several in one cell as `a ::: b`.
    pub fn add_email(&mut self, label: &str, value: &str) {
        Draft::offer(&mut self.email, value);
        push_details(&mut self.emails, label, value);
    }

    pub fn add_phone(&mut self, label: &str, value: &str) {
        Draft::offer(&mut self.phone, value);
        push_details(&mut self.phones, label, value);
    }

    /// A list cell of our own export: `label: value; value; label: value`.
    pub fn add_list(&mut self, field: Field, cell: &str) {
        for item in cell.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            let (label, value) = match item.split_once(": ") {
                Some((l, v)) => (l.trim(), v.trim()),
                None => ("", item),
            };
            if field == Field::Emails {
                self.add_email(label, value);
            } else {
                self.add_phone(label, value);
            }
        }
    }

    /// Whether nothing at all was filled in (a blank spreadsheet row).
    pub fn is_blank(&self) -> bool {
        [
            &self.name,
            &self.first,
            &self.middle,
            &self.last,
            &self.company,
            &self.email,
            &self.phone,
            &self.notes,
            &self.last_contact,
            &self.cadence,
            &self.person,
            &self.role,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
            && self.emails.is_empty()
            && self.phones.is_empty()
            && self.labels.iter().all(|s| s.trim().is_empty())
    }

    /// The first field longer than it may be, said so a person can act on it.
    fn too_long(&self) -> Option<String> {
        if let Some(problem) = &self.oversize {
            return Some(problem.clone());
        }
        let fields = [
            (Field::Name, &self.name),
            (Field::FirstName, &self.first),
            (Field::MiddleName, &self.middle),
            (Field::LastName, &self.last),
            (Field::Company, &self.company),
            (Field::Email, &self.email),
            (Field::Phone, &self.phone),
            (Field::Notes, &self.notes),
            (Field::LastContact, &self.last_contact),
            (Field::Cadence, &self.cadence),
            (Field::Person, &self.person),
            (Field::Role, &self.role),
            (Field::PersonNotes, &self.person_notes),
        ];
        fields
            .into_iter()
            .find_map(|(field, value)| oversize(field, value))
            .or_else(|| self.labels.iter().find_map(|l| oversize(Field::Tags, l)))
    }

    /// Checks and cleans every field; the error says what is wrong, quoting the value.
    /// Sizes are checked first, so no work is done on a value that is refused anyway.
    pub fn finish(mut self, at: Location, now: Now) -> Result<ImportedCustomer, String> {
        if let Some(problem) = self.too_long() {
            return Err(problem);
        }
        let mut emails: Vec<Detail> = Vec::new();
        if self.emails.is_empty() && !self.email.trim().is_empty() {
            self.emails.push(Detail::new(&self.email));
        }
        for d in &self.emails {
            let value = email(&d.value)?;
            if !value.is_empty() && !emails.iter().any(|e| e.value.eq_ignore_ascii_case(&value)) {
                emails.push(Detail {
                    label: one_line(&d.label),
                    value,
                });
            }
        }
        let mut phones: Vec<Detail> = Vec::new();
        if self.phones.is_empty() && !self.phone.trim().is_empty() {
            self.phones.push(Detail::new(&self.phone));
        }
        for d in &self.phones {
            let value = one_line(&d.value);
            if !value.is_empty() && !phones.iter().any(|p| p.value == value) {
                phones.push(Detail {
                    label: one_line(&d.label),
                    value,
                });
            }
        }
        let email = emails.first().map(|d| d.value.clone()).unwrap_or_default();
        let phone = phones.first().map(|d| d.value.clone()).unwrap_or_default();
        let company = one_line(&self.company);
        let person = one_line(&self.person);
        let account = if person.is_empty() {
            String::new()
        } else {
            std::mem::replace(&mut self.name, person)
        };
        let name = Some(one_line(&self.name))
            .filter(|n| !n.is_empty())
            .or_else(|| {
                let parts = [&self.first, &self.middle, &self.last].map(|p| one_line(p));
                let joined = parts
                    .iter()
                    .filter(|p| !p.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                (!joined.is_empty()).then_some(joined)
            })
            .or_else(|| (!company.is_empty()).then(|| company.clone()))
            .or_else(|| (!email.is_empty()).then(|| email.clone()))
            .ok_or("no name — fill in a name, a company or an e-mail address")?;
        // Parts that fit can still add up to more than a name may hold.
        if let Some(problem) = oversize(Field::Name, &name) {
            return Err(problem);
        }
        let tags = tags(&self.labels);
        if let Some(problem) = oversize(Field::Tags, &tags.to_stored()) {
            return Err(problem);
        }
        let cadence = match self.cadence.trim() {
            "" => None,
            c => Some(c.parse::<Cadence>().map_err(|e| e.to_string())?),
        };
        let notes = if self.notes.trim().is_empty() {
            String::new()
        } else {
            self.notes
        };
        let left = match self.left_on.trim() {
            "" => None,
            on => Some(Left {
                on: on.parse().map_err(|_| {
                    format!("left on '{on}' is not a day — write it as YYYY-MM-DD, like 2026-03-31")
                })?,
                to: one_line(&self.left_to),
            }),
        };
        let person_notes = if self.person_notes.trim().is_empty() {
            String::new()
        } else {
            self.person_notes
        };
        Ok(ImportedCustomer {
            name,
            company,
            email,
            phone,
            account: one_line(&account),
            role: one_line(&self.role),
            emails,
            phones,
            person_notes,
            left,
            tags,
            cadence,
            notes,
            last_contact: last_contact(&self.last_contact, now)?,
            at,
        })
    }
}

fn add_line(notes: &mut String, note: &str) {
    if note.trim().is_empty() {
        return;
    }
    if !notes.is_empty() {
        notes.push('\n');
    }
    // Line breaks are kept, as LF: a CR would show as a control character.
    notes.push_str(&note.replace("\r\n", "\n"));
}

fn push_details(details: &mut Vec<Detail>, label: &str, value: &str) {
    for v in value.split(":::").map(str::trim).filter(|v| !v.is_empty()) {
        details.push(Detail {
            label: label.trim().to_string(),
            value: v.to_string(),
        });
    }
}

/// Trimmed, with line breaks and tabs made spaces: a name or a phone number is one line.
/// Other spacing is kept as it is, so the book's own exports read back exactly.
fn one_line(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .collect()
}

/// An e-mail address: `mailto:` and `Name <address>` forms are unwrapped; anything that
/// is not an address by the domain's rule (`domain::email`) is refused rather than
/// stored, because matching relies on it.
pub fn email(raw: &str) -> Result<String, String> {
    let mut s = raw.trim();
    if let Some(rest) = super::strip_prefix_ignore_case(s, "mailto:") {
        s = rest.trim();
    }
    if let (Some(open), true) = (s.rfind('<'), s.ends_with('>')) {
        s = s[open + 1..s.len() - 1].trim();
    }
    if s.is_empty() {
        return Ok(String::new());
    }
    let ok = crate::domain::email::check(s).is_ok();
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "e-mail '{}' is not an e-mail address (like jan@example.com)",
            raw.trim()
        ))
    }
}

/// Tags from label cells: `a ::: b` (Google), `a, b` or `a; b`, else space separated.
/// Each label becomes a tag: lowercase, spaces and punctuation turned into `-`, so a label
/// never makes a row invalid. Google's own `* myContacts` is dropped.
pub fn tags(cells: &[String]) -> Tags {
    let mut out = Vec::new();
    for cell in cells {
        let parts: Vec<&str> = if cell.contains(":::") {
            cell.split(":::").collect()
        } else if cell.contains([',', ';']) {
            cell.split([',', ';']).collect()
        } else {
            cell.split_whitespace().collect()
        };
        for part in parts {
            let part = part.trim().trim_start_matches("* ");
            if part.eq_ignore_ascii_case("mycontacts") {
                continue;
            }
            let slug = slug(part);
            if !slug.is_empty() {
                out.push(slug);
            }
        }
    }
    // Slugs hold only what a tag may hold.
    Tags::new(out).unwrap_or_default()
}

fn slug(label: &str) -> String {
    let mut s = String::with_capacity(label.len());
    for c in label.trim_start_matches('#').chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' || c == '/' {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// Whether a spreadsheet would run `s` as a formula (see `text::looks_like_formula`). A
/// leading quote before such text is guarded as well, so that adding and removing one
/// quote is exact both ways.
pub fn needs_guard(s: &str) -> bool {
    match s.strip_prefix('\'') {
        Some(rest) => needs_guard(rest),
        None => crate::domain::text::looks_like_formula(s),
    }
}

/// A cell as we read it back: the guarding quote of our own export removed.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        Now::parse("2026-11-23T09:00:00Z").unwrap()
    }

    #[test]
    fn names_come_from_parts_then_company_then_email() {
        let loc = Location::Entry { index: 1 };
        let mut d = Draft {
            first: "Jan".into(),
            middle: "van der".into(),
            last: "Berg".into(),
            ..Draft::default()
        };
        assert_eq!(d.clone().finish(loc, now()).unwrap().name, "Jan van der Berg");
        d.add_note("two\r\nlines");
        d.add_note("  ");
        d.add_note("more");
        assert_eq!(d.clone().finish(loc, now()).unwrap().notes, "two\nlines\nmore");
        d = Draft {
            company: "Acme BV".into(),
            ..Draft::default()
        };
        assert_eq!(d.finish(loc, now()).unwrap().name, "Acme BV");
        d = Draft {
            email: "info@acme.nl".into(),
            ..Draft::default()
        };
        assert_eq!(d.finish(loc, now()).unwrap().name, "info@acme.nl");
        let err = Draft {
            phone: "06 1234".into(),
            ..Draft::default()
        }
        .finish(loc, now())
        .unwrap_err();
        assert!(err.starts_with("no name"), "{err}");
    }

    /// Finding (proptest): a note of the limit's length after a space passed the check,
    /// which trimmed it, and was kept whole, one character over the limit.
    #[test]
    fn a_note_is_measured_as_it_is_kept_spaces_and_all() {
        let loc = Location::Entry { index: 1 };
        let draft = |notes: String| Draft {
            name: "Jan".into(),
            notes,
            ..Draft::default()
        };
        let note = "é".repeat(NOTE_CHARS);
        let kept = draft(note.clone()).finish(loc, now()).unwrap().notes;
        assert_eq!(kept.chars().count(), NOTE_CHARS);
        for spaced in [format!(" {note}"), format!("{note}\n")] {
            let err = draft(spaced).finish(loc, now()).unwrap_err();
            assert!(
                err.starts_with("the note is longer than 20000 characters"),
                "{err}"
            );
        }
        // A name is trimmed before it is kept, so its spaces do not count.
        let name = format!(" {} ", "é".repeat(NAME_CHARS));
        assert_eq!(oversize(Field::Name, &name), None);
    }

    #[test]
    fn emails_are_unwrapped_and_checked() {
        assert_eq!(email(" mailto:Jan@Acme.nl ").unwrap(), "Jan@Acme.nl");
        assert_eq!(email("Jan Jansen <jan@acme.nl>").unwrap(), "jan@acme.nl");
        assert_eq!(email("").unwrap(), "");
        for bad in [
            "jan",
            "jan@",
            "@acme.nl",
            "jan@@acme.nl",
            "jan at acme.nl",
            "a@b.nl, c@d.nl",
        ] {
            let err = email(bad).unwrap_err();
            assert!(err.contains(&format!("'{bad}'")), "{err}");
        }
    }

    #[test]
    fn international_addresses_are_addresses() {
        // RFC 6531: the local part and the domain may hold any script.
        for ok in ["иван@пример.рф", "山田太郎@example.jp", "jörg@müller.de"] {
            assert_eq!(email(ok).unwrap(), ok);
        }
        assert_eq!(email("mailto:иван@пример.рф").unwrap(), "иван@пример.рф");
        assert_eq!(email("José Ñúñez <jose@x.es>").unwrap(), "jose@x.es");
        // Shorter than "mailto:" in characters, longer in bytes.
        assert!(email("иванов").unwrap_err().contains("'иванов'"));
        assert!(email("mailtö:x").is_err());
    }

    #[test]
    fn labels_become_tags() {
        let t = tags(&["* myContacts ::: Key accounts ::: VIP".into()]);
        assert_eq!(t.as_slice(), ["key-accounts", "vip"]);
        assert_eq!(tags(&["vip logistics".into()]).as_slice(), ["logistics", "vip"]);
        assert_eq!(tags(&["R&D; #Export".into()]).as_slice(), ["export", "r-d"]);
    }

    #[test]
    fn guarding_is_exact_both_ways() {
        for s in [
            "+31 20 123",
            "=1+1",
            "'=x",
            "''+y",
            "'t Hoen",
            "plain",
            "-",
            "'",
            "",
        ] {
            let out = if needs_guard(s) {
                format!("'{s}")
            } else {
                s.to_string()
            };
            assert_eq!(unguard(&out), s, "{s}");
        }
        assert!(!needs_guard("'t Hoen"));
    }
}
