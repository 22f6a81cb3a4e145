//! Customers in and out of other tools: reading CSV, vCard and our own JSON into
//! [`ImportedCustomer`] records, the rules that match them to the book, and writing the
//! book in the same formats. Everything here is pure: it knows neither SQL nor the screen;
//! `app::import` matches and writes the records, in one transaction of the store.

mod contain;
pub mod csv;
mod dates;
mod decode;
pub(crate) mod fields;
pub(crate) mod headers;
pub mod json;
pub(crate) mod merge;
#[cfg(test)]
mod props;
mod quotes;
pub mod vcard;
pub(crate) mod write;

use std::fmt;
use std::path::Path;

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use crate::clock::Now;
use crate::domain::limits::FIELD_CHARS;
use crate::domain::person::{Detail, Left};
use crate::domain::{Cadence, Tags};

pub(crate) use headers::{ColumnMap, Field};

/// One person and their account as a file describes them, cleaned and checked: a CSV
/// row, a vCard, or a person of a JSON entry. `name`, `email` and `phone` are the
/// person's (their first address and number); the account is the company, else the
/// person themselves (see `app::import`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportedCustomer {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    /// The account's name when the file names it apart from the person (our own
    /// export's `Name` beside `Person`, vCard's `X-TOUCHBASE-ACCOUNT`); else empty.
    pub account: String,
    /// Job title, position.
    pub role: String,
    /// Every e-mail address with its label; the first is `email`.
    pub emails: Vec<Detail>,
    /// Every phone number with its label; the first is `phone`.
    pub phones: Vec<Detail>,
    /// The person's own notes: a `Person Notes` column, and every column that is no
    /// field of ours as a "Header: value" line.
    pub person_notes: String,
    pub left: Option<Left>,
    pub tags: Tags,
    pub cadence: Option<Cadence>,
    pub notes: String,
    /// When the file says we were last in touch; becomes an imported contact.
    pub last_contact: Option<DateTime<Utc>>,
    pub at: Location,
}

/// Where in the file a record came from, for messages a person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A CSV data row (the first after the header is row 1) and the line it starts on.
    Row { row: usize, line: u64 },
    /// The n-th vCard and the line of its BEGIN:VCARD.
    Card { card: usize, line: usize },
    /// The n-th customer of a JSON array.
    Entry { index: usize },
    /// A line outside any record.
    Line(usize),
}

impl Default for Location {
    fn default() -> Self {
        Location::Line(0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Row { row, line } => write!(f, "row {row} (line {line})"),
            Location::Card { card, line } => write!(f, "card {card} (line {line})"),
            Location::Entry { index } => write!(f, "customer {index}"),
            Location::Line(line) => write!(f, "line {line}"),
        }
    }
}

/// A row or card that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub at: Location,
    pub problem: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.problem)
    }
}

/// What a file holds: the good records and the bad ones, in file order.
#[derive(Debug, Default)]
pub struct Parsed {
    pub records: Vec<ImportedCustomer>,
    pub invalid: Vec<Invalid>,
    /// For CSV: how each column was read, to show in a dry run.
    pub columns: Vec<(String, Field)>,
}

impl Parsed {
    fn push(&mut self, at: Location, record: Result<ImportedCustomer, String>) {
        match record {
            Ok(r) => self.records.push(r),
            Err(problem) => self.invalid.push(Invalid { at, problem }),
        }
    }
}

/// The formats a whole customer book is read in (`import`) and written in (`export
/// customers`). The weekly to-do list's formats are `export::WeekFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BookFormat {
    Csv,
    Vcard,
    Json,
}

#[derive(Debug, thiserror::Error)]
#[error("format '{0}' is not known — use csv, vcard or json")]
pub(crate) struct UnknownBookFormat(pub String);

impl BookFormat {
    pub(crate) fn parse(s: &str) -> Result<BookFormat, UnknownBookFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(BookFormat::Csv),
            "vcard" | "vcf" => Ok(BookFormat::Vcard),
            "json" => Ok(BookFormat::Json),
            _ => Err(UnknownBookFormat(s.to_string())),
        }
    }

    /// From a file name's extension, if it names one.
    pub(crate) fn from_path(path: &Path) -> Option<BookFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tsv" | "txt" => Some(BookFormat::Csv),
            _ => BookFormat::parse(&ext).ok(),
        }
    }

    /// From the first bytes of the content, when the name says nothing.
    fn sniff(text: &str) -> BookFormat {
        let head = text.trim_start();
        if strip_prefix_ignore_case(head, "BEGIN:VCARD").is_some() {
            BookFormat::Vcard
        } else if head.starts_with('[') {
            BookFormat::Json
        } else {
            BookFormat::Csv
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            BookFormat::Csv => "csv",
            BookFormat::Vcard => "vcard",
            BookFormat::Json => "json",
        }
    }
}

/// `s` without `prefix`, compared ignoring ASCII case; None when `s` does not start with
/// it. Cutting by the prefix's length is only safe once the bytes compared equal, as a
/// non-ASCII letter may straddle that length.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.as_bytes().get(..prefix.len())?;
    // An ASCII prefix that matches ends on a character boundary.
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// The error for the record past `max` in one file: the file is refused whole, as
/// importing its first part only would be a surprise.
fn too_many(at: Location, max: usize, what: &str) -> anyhow::Error {
    anyhow::anyhow!("{at}: the file holds more than {max} {what} — split it into files of at most {max}")
}

/// A parser's message cut to what a person reads: some quote the value they failed on,
/// however large it is.
fn clip(message: &str) -> String {
    match message.char_indices().nth(FIELD_CHARS) {
        Some((end, _)) => format!("{}…", &message[..end]),
        None => message.to_string(),
    }
}

/// How to read a file.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// None: from the extension, else from the content.
    pub format: Option<BookFormat>,
    /// `--map` overrides, CSV only.
    pub maps: Vec<ColumnMap>,
    /// Last contacts after now are refused; date-only ones never land after it.
    pub now: Now,
}

/// Reads and checks every record of `path`.
pub(crate) fn read(path: &Path, opts: &Options) -> anyhow::Result<Parsed> {
    let bytes = std::fs::read(path).with_context(|| format!("reading '{}'", path.display()))?;
    let text = decode::owned(bytes);
    let format = opts.format.or_else(|| BookFormat::from_path(path));
    read_text(&text, format, opts, &format!("'{}'", path.display()))
}

/// `what` names the file in a message.
fn read_text(text: &str, format: Option<BookFormat>, opts: &Options, what: &str) -> anyhow::Result<Parsed> {
    let format = format.unwrap_or_else(|| BookFormat::sniff(text));
    if !opts.maps.is_empty() && format != BookFormat::Csv {
        anyhow::bail!(
            "--map names CSV columns, but {what} is read as {} — drop --map, or pass --format csv",
            format.as_str()
        );
    }
    let parsed = match format {
        BookFormat::Csv => csv::read(text, &opts.maps, opts.now),
        BookFormat::Vcard => vcard::read(text, opts.now),
        BookFormat::Json => json::read(text, opts.now),
    };
    parsed.with_context(|| format!("reading {what} as {}", format.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_reads_letters_not_bytes() {
        assert_eq!(BookFormat::sniff("Name,Compañía\n"), BookFormat::Csv);
        assert_eq!(BookFormat::sniff("ñ"), BookFormat::Csv);
        assert_eq!(BookFormat::sniff("BEGIN:VCARDé"), BookFormat::Vcard);
        assert_eq!(BookFormat::sniff(" begin:vcard\n"), BookFormat::Vcard);
        assert_eq!(BookFormat::sniff("BEGIN:VCAR"), BookFormat::Csv);
        assert_eq!(BookFormat::sniff("\n[{}]"), BookFormat::Json);
        assert_eq!(strip_prefix_ignore_case("TEL:é", "tel:"), Some("é"));
        assert_eq!(strip_prefix_ignore_case("té", "tel:"), None);
    }
}
