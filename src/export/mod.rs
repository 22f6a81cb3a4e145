//! The weekly to-do list in the formats it leaves the terminal in, and the calendar feed
//! (`feed`) as iCalendar. Each format is a pure function of one `WeekPlan` (or `Feed`) and
//! `now`; none reads the store or the clock, so the same plan always gives the same bytes.

mod csv;
pub(crate) mod feed;
mod file;
mod ics;
mod json;
mod md;
mod todotxt;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::clock::Now;
use crate::domain::week::WeekPlan;

pub(crate) use file::{default_file_name, save, write_atomically};

/// The formats the weekly to-do list is exported in (`export week --format`). The whole
/// book's formats are `import::BookFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekFormat {
    Md,
    Csv,
    Ics,
    Json,
    TodoTxt,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadWeekFormat {
    #[error("unknown format '{0}' — use md, csv, ics, json or todotxt")]
    Unknown(String),
    #[error(
        "cannot tell the format of '{0}' from its extension — name the file .md, .csv, .ics, .json or .txt"
    )]
    Extension(String),
}

impl WeekFormat {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            WeekFormat::Md => "md",
            WeekFormat::Csv => "csv",
            WeekFormat::Ics => "ics",
            WeekFormat::Json => "json",
            WeekFormat::TodoTxt => "todotxt",
        }
    }

    /// The extension a file of this format gets.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            WeekFormat::TodoTxt => "txt",
            f => f.as_str(),
        }
    }

    /// What the user asked for: `--format` when given, else the extension of the output
    /// file, else Markdown.
    pub(crate) fn chosen(format: Option<&str>, output: Option<&Path>) -> Result<WeekFormat, BadWeekFormat> {
        match (format, output) {
            (Some(f), _) => f.parse(),
            (None, Some(path)) => WeekFormat::of_path(path),
            (None, None) => Ok(WeekFormat::Md),
        }
    }

    /// The format a file name asks for: `.md`, `.csv`, `.ics`, `.json`, `.txt`.
    pub(crate) fn of_path(path: &Path) -> Result<WeekFormat, BadWeekFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Ok(WeekFormat::Md),
            Some("csv") => Ok(WeekFormat::Csv),
            Some("ics" | "ical") => Ok(WeekFormat::Ics),
            Some("json") => Ok(WeekFormat::Json),
            Some("txt") => Ok(WeekFormat::TodoTxt),
            _ => Err(BadWeekFormat::Extension(path.display().to_string())),
        }
    }
}

impl fmt::Display for WeekFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WeekFormat {
    type Err = BadWeekFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(WeekFormat::Md),
            "csv" => Ok(WeekFormat::Csv),
            "ics" | "ical" | "icalendar" => Ok(WeekFormat::Ics),
            "json" => Ok(WeekFormat::Json),
            "todotxt" | "todo.txt" | "txt" => Ok(WeekFormat::TodoTxt),
            _ => Err(BadWeekFormat::Unknown(s.to_string())),
        }
    }
}

/// `plan` in `format`, as exported at `now`.
pub fn render(plan: &WeekPlan, format: WeekFormat, now: Now) -> String {
    match format {
        WeekFormat::Md => md::render(plan),
        WeekFormat::Csv => csv::render(plan),
        WeekFormat::Ics => ics::render(plan, now),
        WeekFormat::Json => json::render(plan),
        WeekFormat::TodoTxt => todotxt::render(plan, now),
    }
}

/// Text from the database on one line: line breaks and tabs become spaces, other control
/// characters (such as the ESC of terminal escape sequences) are dropped.
fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// The contact person as the formats for reading show them beside the phone and e-mail:
/// "" when no one is named or they are what the customer is called already (a customer
/// named after its main contact). JSON and CSV give the name always.
fn contact_name(item: &crate::domain::week::Item) -> &str {
    if item.contact.trim() == item.customer.trim() {
        ""
    } else {
        &item.contact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMATS: [WeekFormat; 5] = [
        WeekFormat::Md,
        WeekFormat::Csv,
        WeekFormat::Ics,
        WeekFormat::Json,
        WeekFormat::TodoTxt,
    ];

    #[test]
    fn formats_by_name_and_by_extension() {
        for f in FORMATS {
            assert_eq!(f.as_str().parse::<WeekFormat>(), Ok(f));
            assert_eq!(
                WeekFormat::of_path(Path::new(&format!("w.{}", f.extension()))),
                Ok(f)
            );
        }
        assert_eq!(WeekFormat::of_path(Path::new("W48.ICS")), Ok(WeekFormat::Ics));
        let out = Some(Path::new("w.csv"));
        assert_eq!(WeekFormat::chosen(None, out), Ok(WeekFormat::Csv));
        assert_eq!(WeekFormat::chosen(Some("json"), out), Ok(WeekFormat::Json));
        assert_eq!(WeekFormat::chosen(None, None), Ok(WeekFormat::Md));
        assert_eq!(
            "xlsx".parse::<WeekFormat>().unwrap_err().to_string(),
            "unknown format 'xlsx' — use md, csv, ics, json or todotxt"
        );
        let err = WeekFormat::of_path(Path::new("out/week"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("'out/week'") && err.contains(".txt"), "{err}");
        // The command line adds its flag; the terminal app has none to offer.
        assert!(!err.contains("--"), "{err}");
    }

    #[test]
    fn one_line_keeps_words_apart_and_drops_escapes() {
        assert_eq!(one_line("a\r\nb\tc"), "a  b c");
        assert_eq!(one_line("evil\u{1b}[2J"), "evil[2J");
        assert!(matches!(one_line("plain"), Cow::Borrowed(_)));
    }
}
