//! The weekly to-do list in the formats it leaves the terminal in. Each format is a pure
//! function of one `WeekPlan` and `now`; none reads the store or the clock, so the same
//! plan always gives the same bytes.

mod csv;
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

pub use file::{default_file_name, save, write_atomically};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Csv,
    Ics,
    Json,
    TodoTxt,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadFormat {
    #[error("unknown format '{0}' — use md, csv, ics, json or todotxt")]
    Unknown(String),
    #[error(
        "cannot tell the format of '{0}' from its extension — name the file .md, .csv, .ics, .json or .txt, or pass --format"
    )]
    Extension(String),
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Csv,
        Format::Ics,
        Format::Json,
        Format::TodoTxt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::Json => "json",
            Format::TodoTxt => "todotxt",
        }
    }

    /// The extension a file of this format gets.
    pub fn extension(self) -> &'static str {
        match self {
            Format::TodoTxt => "txt",
            f => f.as_str(),
        }
    }

    /// What the user asked for: `--format` when given, else the extension of the output
    /// file, else Markdown.
    pub fn chosen(format: Option<&str>, output: Option<&Path>) -> Result<Format, BadFormat> {
        match (format, output) {
            (Some(f), _) => f.parse(),
            (None, Some(path)) => Format::of_path(path),
            (None, None) => Ok(Format::Md),
        }
    }

    /// The format a file name asks for: `.md`, `.csv`, `.ics`, `.json`, `.txt`.
    pub fn of_path(path: &Path) -> Result<Format, BadFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Ok(Format::Md),
            Some("csv") => Ok(Format::Csv),
            Some("ics" | "ical") => Ok(Format::Ics),
            Some("json") => Ok(Format::Json),
            Some("txt") => Ok(Format::TodoTxt),
            _ => Err(BadFormat::Extension(path.display().to_string())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = BadFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Md),
            "csv" => Ok(Format::Csv),
            "ics" | "ical" | "icalendar" => Ok(Format::Ics),
            "json" => Ok(Format::Json),
            "todotxt" | "todo.txt" | "txt" => Ok(Format::TodoTxt),
            _ => Err(BadFormat::Unknown(s.to_string())),
        }
    }
}

/// `plan` in `format`, as exported at `now`.
pub fn render(plan: &WeekPlan, format: Format, now: Now) -> String {
    match format {
        Format::Md => md::render(plan),
        Format::Csv => csv::render(plan),
        Format::Ics => ics::render(plan, now),
        Format::Json => json::render(plan),
        Format::TodoTxt => todotxt::render(plan, now),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_by_extension() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
            assert_eq!(Format::of_path(Path::new(&format!("w.{}", f.extension()))), Ok(f));
        }
        assert_eq!(Format::of_path(Path::new("W48.ICS")), Ok(Format::Ics));
        let out = Some(Path::new("w.csv"));
        assert_eq!(Format::chosen(None, out), Ok(Format::Csv));
        assert_eq!(Format::chosen(Some("json"), out), Ok(Format::Json));
        assert_eq!(Format::chosen(None, None), Ok(Format::Md));
        assert_eq!(
            "xlsx".parse::<Format>().unwrap_err().to_string(),
            "unknown format 'xlsx' — use md, csv, ics, json or todotxt"
        );
        let err = Format::of_path(Path::new("out/week")).unwrap_err().to_string();
        assert!(err.contains("'out/week'") && err.contains("--format"), "{err}");
    }

    #[test]
    fn one_line_keeps_words_apart_and_drops_escapes() {
        assert_eq!(one_line("a\r\nb\tc"), "a  b c");
        assert_eq!(one_line("evil\u{1b}[2J"), "evil[2J");
        assert!(matches!(one_line("plain"), Cow::Borrowed(_)));
    }
}
