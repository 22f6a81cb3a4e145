//! `check [--repair]`: is the book sound, and the one notice every command gives when it
//! read a damaged value. What counts as damage, and how it is repaired, is the store's;
//! this only says it.

use std::io::{self, Write as _};

use serde::Serialize;

use super::{Ctx, print_json};
use crate::domain::text::sanitize;
use crate::store::{Book, CheckReport};

/// At most this many damaged values are named after a command; `check` lists them all.
const NAMED: usize = 5;

#[derive(Serialize)]
struct CheckJson<'a> {
    sound: bool,
    customers: usize,
    contacts: usize,
    problems: &'a [crate::store::Problem],
    /// What `--repair` changed (absent without it).
    #[serde(skip_serializing_if = "Option::is_none")]
    repaired: Option<&'a [String]>,
}

pub fn run(cx: &mut Ctx, repair: bool, json: bool) -> anyhow::Result<()> {
    let mut report = cx.store.check()?;
    let mut repaired = None;
    if repair && !report.is_sound() {
        repaired = Some(cx.store.repair()?);
        report = cx.store.check()?;
    }
    if json {
        print_json(
            &mut cx.out,
            &CheckJson {
                sound: report.is_sound(),
                customers: report.customers,
                contacts: report.contacts,
                problems: &report.problems,
                repaired: repaired.as_deref(),
            },
        )?;
    } else {
        if let Some(changes) = &repaired {
            writeln!(cx.out, "Repaired {} in one transaction:", changes.len())?;
            for change in changes {
                writeln!(cx.out, "  {}", sanitize(change))?;
            }
        }
        for problem in &report.problems {
            writeln!(cx.out, "{}", sanitize(&problem.to_string()))?;
        }
        if report.is_sound() {
            writeln!(
                cx.out,
                "The book is sound: {} customers, {} contacts checked.",
                report.customers, report.contacts
            )?;
        }
    }
    if report.is_sound() {
        return Ok(());
    }
    cx.out.flush()?;
    anyhow::bail!("{}", verdict(&report, repaired.is_some()))
}

/// The last line when the book is not sound: how many problems, and what to do.
fn verdict(report: &CheckReport, repaired: bool) -> String {
    let n = report.problems.len();
    let problems = if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    };
    let fixable = report.repairable();
    if repaired || fixable == 0 {
        format!("the book has {problems} that --repair cannot fix: correct them by hand or restore a backup")
    } else {
        format!("the book has {problems}; `touchbase check --repair` fixes {fixable} of them")
    }
}

/// Names the damaged values the command read, once each, on stderr: the output went out
/// with stand-ins for them, and the user should know which.
pub(super) fn warn_about_damage(store: &dyn Book) {
    let damage = store.take_damage();
    if damage.is_empty() {
        return;
    }
    let mut err = io::stderr().lock();
    for d in damage.iter().take(NAMED) {
        // A damaged value may be any bytes: shown with placeholders, like every message.
        let _ = writeln!(err, "touchbase: {}", sanitize(&d.to_string()));
    }
    if damage.len() > NAMED {
        let _ = writeln!(
            err,
            "touchbase: … and {} more damaged values",
            damage.len() - NAMED
        );
    }
    let _ = writeln!(
        err,
        "touchbase: the book holds damaged values; `touchbase check` lists them and `touchbase check --repair` fixes what it can"
    );
}
