//! The customer book written in the formats `import` reads back without loss: CSV with
//! the headers it recognises, vCard 3.0 (what phones take) with our cadence and last
//! contact as X- properties, and JSON. Kept beside the readers so the two cannot drift.

use std::io::Write;

use anyhow::Context as _;
use chrono::{DateTime, SecondsFormat, Utc};

use super::BookFormat;
use super::fields::needs_guard;
use super::json::BookEntry;
use super::vcard::{CADENCE, LAST_CONTACT};
use crate::domain::Customer;

/// The CSV header; each name is one `headers::recognise` knows.
pub const CSV_HEADER: [&str; 8] = [
    "Name",
    "Company",
    "Email",
    "Phone",
    "Tags",
    "Cadence",
    "Notes",
    "Last Contact",
];

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

    pub fn write(&mut self, c: &Customer) -> anyhow::Result<()> {
        let last_contact = c.last_contact_at.map(rfc3339);
        match self {
            BookWriter::Csv(w) => {
                let tags = c.tags.to_stored();
                let cadence = c.cadence.to_string();
                let last = last_contact.unwrap_or_default();
                let cells = [
                    &c.name, &c.company, &c.email, &c.phone, &tags, &cadence, &c.notes, &last,
                ];
                let guarded = cells.map(|s| guard(s));
                w.write_record(guarded.iter().map(|g| g.as_bytes()))
                    .context("writing a CSV row")?;
            }
            BookWriter::Vcard(out) => out.write_all(vcard(c, last_contact.as_deref()).as_bytes())?,
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

fn vcard(c: &Customer, last_contact: Option<&str>) -> String {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:3.0".to_string(),
        format!("FN:{}", escape(&c.name)),
        format!("N:{}", structured_name(c)),
    ];
    let mut add = |name: &str, value: &str| {
        if !value.is_empty() {
            lines.push(format!("{name}:{value}"));
        }
    };
    add("ORG", &escape(&c.company));
    add("EMAIL;TYPE=INTERNET", &escape(&c.email));
    add("TEL", &escape(&c.phone));
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
    lines.push("END:VCARD".to_string());
    let mut out = String::new();
    for line in &lines {
        fold(&mut out, line);
    }
    out
}

/// `N` is required in 3.0: "Jansen, Jan" is family, given; otherwise the last word is the
/// family name. A company's name is left whole, as the family name.
fn structured_name(c: &Customer) -> String {
    let split = if c.name == c.company {
        None
    } else if let Some((family, given)) = c.name.split_once(',') {
        Some((family.trim(), given.trim()))
    } else {
        c.name.rsplit_once(' ').map(|(given, family)| (family, given))
    };
    match split {
        Some((family, given)) => format!("{};{};;;", escape(family), escape(given)),
        None => format!("{};;;;", escape(&c.name)),
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
