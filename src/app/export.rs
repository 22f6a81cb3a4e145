//! Exports: the week plan in one of its formats (Markdown, CSV, iCalendar, JSON, todo.txt),
//! to a file written whole or not at all; and the whole customer book in the formats
//! `import` reads back. Knows the formats and files, not the flags or the prompt.

use std::io::Write;
use std::path::Path;

use super::week::plan_week;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::week::{IsoWeek, WeekPlan};
use crate::export::{self, WeekFormat};
use crate::import;
use crate::import::write::BookWriter;
use crate::store::Book;

/// The plan of the week typed ("2026-W48"; this week without one) and the format chosen
/// for it, by name or else by the file's extension. With a file, the plan is in it.
pub struct Week {
    pub plan: WeekPlan,
    pub format: WeekFormat,
}

pub fn week(
    store: &dyn Book,
    now: Now,
    config: &Config,
    week: Option<&str>,
    format: Option<&str>,
    file: Option<&Path>,
) -> anyhow::Result<Week> {
    // Everything typed is checked before the store is read.
    let week = week.map(str::parse::<IsoWeek>).transpose()?;
    let format = WeekFormat::chosen(format, file)?;
    let plan = plan_week(store, now, config, week)?;
    if let Some(path) = file {
        export::save(&plan, format, now, path)?;
    }
    Ok(Week { plan, format })
}

/// Writes a plan already read (the one on screen) to `file`, in the format its extension
/// names.
pub fn save_week(plan: &WeekPlan, now: Now, file: &Path) -> anyhow::Result<WeekFormat> {
    let format = WeekFormat::chosen(None, Some(file))?;
    export::save(plan, format, now, file)?;
    Ok(format)
}

/// The format the book is exported in: by name, else by the file's extension, else CSV.
pub fn book_format(format: Option<&str>, file: Option<&Path>) -> anyhow::Result<import::BookFormat> {
    Ok(match (format, file) {
        (Some(f), _) => import::BookFormat::parse(f)?,
        (None, Some(path)) => import::BookFormat::from_path(path).unwrap_or(import::BookFormat::Csv),
        (None, None) => import::BookFormat::Csv,
    })
}

/// Streams every active customer with its people to `out`; returns how many customers.
pub fn write_book(
    store: &dyn Book,
    format: import::BookFormat,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let mut w = BookWriter::new(format, out)?;
    // Both by customer id: each customer's people are the next ones, taken (and let go)
    // as it is written, with no map of everyone to build and free.
    let mut people = store.all_people()?.into_iter().peekable();
    let mut theirs = Vec::new();
    let mut n = 0;
    store.each_customer_by_id(&mut |c| {
        n += 1;
        theirs.clear();
        // The people of archived customers, who are not exported, are passed over.
        while let Some(p) = people.next_if(|p| p.customer_id <= c.id) {
            if p.customer_id == c.id {
                theirs.push(p);
            }
        }
        w.write(&c, &theirs)
    })?;
    w.finish()?;
    Ok(n)
}

/// Writes every active customer to `file`, whole or not at all; returns how many.
pub fn save_book(store: &dyn Book, format: import::BookFormat, file: &Path) -> anyhow::Result<usize> {
    export::write_atomically(file, |out| write_book(store, format, out))
}
