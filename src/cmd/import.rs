//! `import FILE`: customers from a CSV file, vCards or an exported book — all of them in
//! one transaction, or none. Reading the records is `import`'s and matching them
//! `app::import`'s; this shows the progress and the report.

use std::io::{IsTerminal as _, Write as _};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};

use super::Ctx;
use crate::app::import::ImportReport;
use crate::cli::ImportArgs;
use crate::domain::text::sanitize;
use crate::import::{self, BookFormat, ColumnMap, Field, Invalid, Location, Options};

/// `import --json`: what the import did, or would do with `--dry-run`.
#[derive(serde::Serialize)]
struct ReportJson<'a> {
    dry_run: bool,
    /// Accounts added, each with its first person.
    added: usize,
    /// People added to accounts already there (in the book or earlier in the file).
    people_added: usize,
    /// The first few of them, and the account each joined.
    joined: Vec<JoinedJson<'a>>,
    updated: usize,
    unchanged: usize,
    /// Last contacts recorded as contacts.
    contacts: usize,
    likely_duplicates: Vec<DuplicateJson<'a>>,
    /// The invalid records skipped (`--skip-invalid`), each where it is and why.
    skipped: Vec<String>,
}

impl<'a> ReportJson<'a> {
    fn new(dry_run: bool, report: &'a ImportReport, invalid: &[Invalid]) -> ReportJson<'a> {
        ReportJson {
            dry_run,
            added: report.added,
            people_added: report.people_added,
            joined: report
                .joined
                .iter()
                .map(|j| JoinedJson {
                    at: &j.at,
                    person: &j.person,
                    account: &j.account,
                })
                .collect(),
            updated: report.updated,
            unchanged: report.unchanged,
            contacts: report.contacts,
            likely_duplicates: report
                .likely_duplicates
                .iter()
                .map(|d| DuplicateJson {
                    at: &d.at,
                    name: &d.name,
                    like: &d.like,
                    why: d.why,
                })
                .collect(),
            skipped: invalid.iter().map(ToString::to_string).collect(),
        }
    }
}

#[derive(serde::Serialize)]
struct JoinedJson<'a> {
    at: &'a str,
    person: &'a str,
    account: &'a str,
}

#[derive(serde::Serialize)]
struct DuplicateJson<'a> {
    at: &'a str,
    name: &'a str,
    like: &'a str,
    why: &'a str,
}

/// Imports smaller than this finish before a bar would be worth drawing.
const PROGRESS_FROM: usize = 5000;
/// How many invalid records an error or a report lists.
const LISTED: usize = 20;

pub fn run(cx: &mut Ctx, args: &ImportArgs) -> anyhow::Result<()> {
    let format = args.format.as_deref().map(BookFormat::parse).transpose()?;
    let maps = args
        .map
        .iter()
        .map(|m| m.parse::<ColumnMap>())
        .collect::<Result<Vec<_>, _>>()?;
    let opts = Options {
        format,
        maps,
        now: cx.now,
    };
    let parsed = import::read(&args.file, &opts)?;
    let file = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if !parsed.invalid.is_empty() && !args.skip_invalid {
        anyhow::bail!(
            "'{file}' has {}, so nothing was imported:\n{}\nFix {} and import again, or pass --skip-invalid to import the rest.",
            count(parsed.invalid.len(), noun(&parsed.invalid)),
            listing(&parsed.invalid),
            if parsed.invalid.len() == 1 { "it" } else { "them" }
        );
    }

    let bar = progress_bar(parsed.records.len());
    let report = crate::app::import::run(
        &mut *cx.store,
        &parsed.records,
        &file,
        cx.now.utc,
        args.dry_run,
        |done| bar.set_position(done as u64),
    )
    .with_context(|| format!("importing '{file}'"))?;
    bar.finish_and_clear();

    if args.json {
        return super::print_json(
            &mut cx.out,
            &ReportJson::new(args.dry_run, &report, &parsed.invalid),
        );
    }
    let out = &mut cx.out;
    if args.dry_run {
        writeln!(
            out,
            "Dry run, nothing was changed: importing '{}' would add {}, update {} and leave {} unchanged{}{}.",
            sanitize(&file),
            report.added,
            report.updated,
            report.unchanged,
            people(&report, "would join"),
            contacts(&report, "would be")
        )?;
        if !parsed.columns.is_empty() {
            let columns: Vec<String> = parsed
                .columns
                .iter()
                .map(|(header, field)| match field {
                    Field::Ignore => format!("{} (ignored)", sanitize(header)),
                    Field::Extra => format!("{} (kept in the person's notes)", sanitize(header)),
                    f => format!("{} → {f}", sanitize(header)),
                })
                .collect();
            writeln!(out, "Columns: {}", columns.join(", "))?;
        }
    } else {
        writeln!(
            out,
            "Imported '{}': {} added, {} updated, {} unchanged{}{}.",
            sanitize(&file),
            report.added,
            report.updated,
            report.unchanged,
            people(&report, "joined"),
            contacts(&report, "")
        )?;
    }
    print_joined(out, &report, args.dry_run)?;
    print_updates(out, &report)?;
    if args.dry_run {
        print_duplicates(out, &report)?;
    }
    if !parsed.invalid.is_empty() {
        let verb = if args.dry_run { "Would skip" } else { "Skipped" };
        writeln!(
            out,
            "{verb} {}:\n{}",
            count(parsed.invalid.len(), noun(&parsed.invalid)),
            listing(&parsed.invalid)
        )?;
    }
    Ok(())
}

fn print_updates(out: &mut impl std::io::Write, report: &ImportReport) -> anyhow::Result<()> {
    if report.updates.is_empty() {
        return Ok(());
    }
    writeln!(out, "Updated (empty fields filled, tags added, later contacts):")?;
    for (name, what) in &report.updates {
        writeln!(out, "  {}: {what}", sanitize(name))?;
    }
    if report.updated > report.updates.len() {
        writeln!(out, "  … and {} more", report.updated - report.updates.len())?;
    }
    Ok(())
}

fn print_duplicates(out: &mut impl std::io::Write, report: &ImportReport) -> anyhow::Result<()> {
    let found = &report.likely_duplicates;
    if found.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Likely duplicates (they would be added beside someone like them; `touchbase merge KEEP OTHER` makes two one):"
    )?;
    for d in found.iter().take(LISTED) {
        writeln!(
            out,
            "  {} {}: {} as {}",
            d.at,
            sanitize(&d.name),
            d.why,
            sanitize(&d.like)
        )?;
    }
    if found.len() > LISTED {
        writeln!(out, "  … and {} more", found.len() - LISTED)?;
    }
    Ok(())
}

/// "; 3 people joined an account already there".
fn people(report: &ImportReport, verb: &str) -> String {
    match report.people_added {
        0 => String::new(),
        1 => format!("; 1 person {verb} an account already there"),
        n => format!("; {n} people {verb} an account already there"),
    }
}

/// Which account each person added to one already there joined: the first few.
fn print_joined(out: &mut impl std::io::Write, report: &ImportReport, dry_run: bool) -> anyhow::Result<()> {
    if report.joined.is_empty() {
        return Ok(());
    }
    let verb = if dry_run { "Would join" } else { "Joined" };
    writeln!(
        out,
        "{verb} an account already there (same company, ignoring case, punctuation and BV/GmbH/Ltd/Inc):"
    )?;
    for j in &report.joined {
        writeln!(
            out,
            "  {} {} → {}",
            j.at,
            sanitize(&j.person),
            sanitize(&j.account)
        )?;
    }
    if report.people_added > report.joined.len() {
        writeln!(out, "  … and {} more", report.people_added - report.joined.len())?;
    }
    Ok(())
}

/// "; 8 last contacts recorded".
fn contacts(report: &ImportReport, would: &str) -> String {
    match report.contacts {
        0 => String::new(),
        n => {
            let what = if n == 1 { "last contact" } else { "last contacts" };
            let verb = if would.is_empty() {
                "recorded".to_string()
            } else {
                format!("{would} recorded")
            };
            format!("; {n} {what} {verb}")
        }
    }
}

fn noun(invalid: &[Invalid]) -> &'static str {
    match invalid.first().map(|i| i.at) {
        Some(Location::Card { .. } | Location::Line(_)) => "invalid card",
        Some(Location::Entry { .. }) => "invalid customer",
        _ => "invalid row",
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The first few problems, one a line, made safe to print.
fn listing(invalid: &[Invalid]) -> String {
    let mut lines: Vec<String> = invalid
        .iter()
        .take(LISTED)
        .map(|i| format!("  {}", sanitize(&i.to_string())))
        .collect();
    if invalid.len() > LISTED {
        lines.push(format!("  … and {} more", invalid.len() - LISTED));
    }
    lines.join("\n")
}

/// A bar on stderr for a long import, and only when someone is watching it.
fn progress_bar(records: usize) -> ProgressBar {
    if records < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(records as u64);
    if let Ok(style) = ProgressStyle::with_template("importing {bar:30} {pos}/{len} ({eta} left)") {
        bar.set_style(style);
    }
    bar
}
