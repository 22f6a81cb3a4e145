//! The customer book written in the formats `import` reads back without loss: CSV with
//! the headers it recognises, one row per person with the account's columns first;
//! vCard 3.0 (what phones take), one card per person with ORG the account's company and
//! our cadence, last contact and the person's state as X- properties; and JSON, accounts
//! with their people nested. Kept beside the readers so the two cannot drift.

use std::io::Write;

use anyhow::Context as _;
use chrono::{DateTime, SecondsFormat, Utc};

use super::BookFormat;
use super::fields::needs_guard;
use super::json::{BookEntry, PersonEntry};
use super::vcard::{ACCOUNT, CADENCE, LAST_CONTACT, LEFT_ON, LEFT_TO, PERSON_NOTE};
use crate::domain::Customer;
use crate::domain::person::{Detail, Person};

/// The CSV header; each name is one `headers::recognise` knows. The account's columns
/// come first, as they were before people (a script reading them keeps working; `Name`,
/// `Email` and `Phone` are the account's, that is its main person's), then the person's
/// of the row: their name, role, every address and number as `label: value; value`,
/// whether they are the main contact (yes or empty), when they left and where to, and
/// their own notes.
pub const CSV_HEADER: [&str; 16] = [
    "Name",
    "Company",
    "Email",
    "Phone",
    "Tags",
    "Cadence",
    "Notes",
    "Last Contact",
    "Person",
    "Role",
    "Emails",
    "Phones",
    "Main",
    "Left On",
    "Left To",
    "Person Notes",
];

/// A list cell: `label: value; value; label: value`.
fn list(details: &[Detail]) -> String {
    details
        .iter()
        .map(|d| {
            if d.label.is_empty() {
                d.value.clone()
            } else {
                format!("{}: {}", d.label, d.value)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes customers one at a time, so a large book streams out.
pub enum BookWriter<W: Write> {
    // Boxed: the CSV writer carries its buffer.
    Csv(Box<::csv::Writer<W>>),
    Vcard(W),
    Json { out: W, first: bool },
}

impl<W: Write> BookWriter<W> {
    pub fn new(format: BookFormat, mut out: W) -> anyhow::Result<Self> {
        Ok(match format {
            BookFormat::Csv => {
                let mut w = ::csv::WriterBuilder::new()
                    .terminator(::csv::Terminator::CRLF)
                    .from_writer(out);
                w.write_record(CSV_HEADER)?;
                BookWriter::Csv(Box::new(w))
            }
            BookFormat::Vcard => BookWriter::Vcard(out),
            BookFormat::Json => {
                write!(out, "[")?;
                BookWriter::Json { out, first: true }
            }
        })
    }

    /// Writes customer `c` with its people (`people_of`'s order: the main contact first).
    pub fn write(&mut self, c: &Customer, people: &[Person]) -> anyhow::Result<()> {
        let last_contact = c.last_contact_at.map(rfc3339);
        match self {
            BookWriter::Csv(w) => {
                let tags = c.tags.to_stored();
                let cadence = c.cadence.to_string();
                let last = last_contact.unwrap_or_default();
                let account = [
                    &c.name, &c.company, &c.email, &c.phone, &tags, &cadence, &c.notes, &last,
                ];
                let nobody = [""; 8].map(String::from);
                let rows: Vec<[String; 8]> = if people.is_empty() {
                    vec![nobody]
                } else {
                    people.iter().map(person_cells).collect()
                };
                for person in &rows {
                    let cells = account
                        .iter()
                        .map(|s| s.as_str())
                        .chain(person.iter().map(String::as_str));
                    let guarded: Vec<_> = cells.map(guard).collect();
                    w.write_record(guarded.iter().map(|g| g.as_bytes()))
                        .context("writing a CSV row")?;
                }
            }
            BookWriter::Vcard(out) => {
                for p in people {
                    out.write_all(vcard(c, p, last_contact.as_deref()).as_bytes())?;
                }
            }
            BookWriter::Json { out, first } => {
                write!(out, "{}\n  ", if *first { "" } else { "," })?;
                *first = false;
                let entry = BookEntry {
                    name: c.name.clone(),
                    company: c.company.clone(),
                    email: c.email.clone(),
                    phone: c.phone.clone(),
                    tags: c.tags.as_slice().to_vec(),
                    cadence_days: Some(c.cadence.days()),
                    notes: c.notes.clone(),
                    last_contact,
                    people: people
                        .iter()
                        .map(|p| PersonEntry {
                            name: p.name.clone(),
                            role: p.role.clone(),
                            emails: p.emails.clone(),
                            phones: p.phones.clone(),
                            notes: p.notes.clone(),
                            main: p.main,
                            left_on: p.left.as_ref().map(|l| l.on.to_string()),
                            left_to: p.left.as_ref().map(|l| l.to.clone()).unwrap_or_default(),
                        })
                        .collect(),
                };
                serde_json::to_writer(&mut *out, &entry)?;
            }
        }
        Ok(())
    }

    /// Closes the document and hands back the writer, flushed.
    pub fn finish(self) -> anyhow::Result<W> {
        let mut out = match self {
            // The io::Error itself, so a closed pipe is still recognised as one.
            BookWriter::Csv(w) => w.into_inner().map_err(::csv::IntoInnerError::into_error)?,
            BookWriter::Vcard(out) => out,
            BookWriter::Json { mut out, first } => {
                writeln!(out, "{}]", if first { "" } else { "\n" })?;
                out
            }
        };
        out.flush()?;
        Ok(out)
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A cell a spreadsheet will not run as a formula: a leading quote, which `import` drops.
fn guard(s: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The person columns of a CSV row.
fn person_cells(p: &Person) -> [String; 8] {
    [
        p.name.clone(),
        p.role.clone(),
        list(&p.emails),
        list(&p.phones),
        if p.main { "yes".into() } else { String::new() },
        p.left.as_ref().map(|l| l.on.to_string()).unwrap_or_default(),
        p.left.as_ref().map(|l| l.to.clone()).unwrap_or_default(),
        p.notes.clone(),
    ]
}

/// A label as a vCard TYPE: mobile is `CELL`, work, home, fax and pager are vCard's own,
/// any other one-word label an `X-` type; a label of other characters is left out.
fn vcard_type(label: &str) -> Option<String> {
    let l = label.trim().to_ascii_lowercase();
    match l.as_str() {
        "" => None,
        "mobile" => Some("CELL".into()),
        "work" | "home" | "fax" | "pager" => Some(l.to_ascii_uppercase()),
        _ if l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            Some(format!("X-{}", l.to_ascii_uppercase()))
        }
        _ => None,
    }
}

/// One card for person `p` of customer `c`: ORG is the account's company, and the
/// account's name is in `X-TOUCHBASE-ACCOUNT`, so its people come back together under
/// its name, two accounts at one company stay two, and an account without a company gets
/// none (an ORG would make its name one).
fn vcard(c: &Customer, p: &Person, last_contact: Option<&str>) -> String {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:3.0".to_string(),
        format!("FN:{}", escape(&p.name)),
        format!("N:{}", structured_name(&p.name, &c.company)),
    ];
    let mut add = |name: &str, value: &str| {
        if !value.is_empty() {
            lines.push(format!("{name}:{value}"));
        }
    };
    add("ORG", &escape(&c.company));
    add(ACCOUNT, &escape(&c.name));
    add("TITLE", &escape(&p.role));
    for e in &p.emails {
        let name = match vcard_type(&e.label) {
            Some(t) => format!("EMAIL;TYPE=INTERNET,{t}"),
            None => "EMAIL;TYPE=INTERNET".to_string(),
        };
        add(&name, &escape(&e.value));
    }
    for t in &p.phones {
        let name = match vcard_type(&t.label) {
            Some(ty) => format!("TEL;TYPE={ty}"),
            None => "TEL".to_string(),
        };
        add(&name, &escape(&t.value));
    }
    add(
        "CATEGORIES",
        &c.tags
            .as_slice()
            .iter()
            .map(|t| escape(t))
            .collect::<Vec<_>>()
            .join(","),
    );
    add("NOTE", &escape(&c.notes));
    add(CADENCE, &c.cadence.to_string());
    add(LAST_CONTACT, last_contact.unwrap_or(""));
    add(PERSON_NOTE, &escape(&p.notes));
    if let Some(left) = &p.left {
        add(LEFT_ON, &left.on.to_string());
        add(LEFT_TO, &escape(&left.to));
    }
    lines.push("END:VCARD".to_string());
    let mut out = String::new();
    for line in &lines {
        fold(&mut out, line);
    }
    out
}

/// `N` is required in 3.0: "Jansen, Jan" is family, given; otherwise the last word is the
/// family name. A company's name is left whole, as the family name.
fn structured_name(name: &str, company: &str) -> String {
    let split = if name == company {
        None
    } else if let Some((family, given)) = name.split_once(',') {
        Some((family.trim(), given.trim()))
    } else {
        name.rsplit_once(' ').map(|(given, family)| (family, given))
    };
    match split {
        Some((family, given)) => format!("{};{};;;", escape(family), escape(given)),
        None => format!("{};;;;", escape(name)),
    }
}

/// RFC 6350 text escaping; a CRLF becomes one line break.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a character), CRLF terminated.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_on_character_boundaries() {
        let mut out = String::new();
        fold(&mut out, &format!("NOTE:{}", "é".repeat(60)));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("NOTE:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn formulas_are_guarded_and_read_back_exactly() {
        for bad in [
            "=1+1", "+31 20", "-2", "@x", "\tx", "\rx", " =1", "\n=1", " \r\n@x", "＝1", "＋1", "－1", "＠x",
            "'=1", "' =1", "''＝1",
        ] {
            let cell = guard(bad);
            assert!(cell.starts_with('\''), "{bad:?} is guarded");
            assert_eq!(super::super::fields::unguard(&cell), bad, "{bad:?} reads back");
        }
        for fine in ["Acme", "a=b", "'quoted'", "", " "] {
            assert_eq!(guard(fine), fine);
            assert_eq!(super::super::fields::unguard(fine), fine);
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }
}
