//! `demo`, and `--demo`: a realistic book to try touchbase on. What the demo book holds is
//! `demo`'s; this checks the size asked for, guards an existing book and reports.

use std::io::Write as _;
use std::time::Instant;

use anyhow::{Context as _, bail};

use super::Ctx;
use crate::clock::Now;
use crate::demo;
use crate::domain::limits::IMPORT_RECORDS;
use crate::domain::text::sanitize;

pub fn run(cx: &mut Ctx, customers: usize, force: bool) -> anyhow::Result<()> {
    // A demo book larger than any importable file is a typo, and would fill the disk.
    if customers > IMPORT_RECORDS {
        bail!(
            "'{customers}' customers is more than a demo book holds — pass --customers 1 to {IMPORT_RECORDS}"
        );
    }
    let existing = cx.store.count_customers()?;
    if existing > 0 && !force {
        bail!(
            "'{}' already holds {existing} customers — demo data belongs in its own file: pass --db demo.db (or --force to add it anyway)",
            cx.store.location()
        );
    }
    let started = Instant::now();
    let s = demo::generate(&mut *cx.store, cx.now, customers)?;
    writeln!(
        cx.out,
        "Wrote a demo book to '{}' in {:.1}s: {} customers, {} people, {} contacts, {} follow-ups, {} decision moments, {} triggers, {} gives/asks, {} orders.",
        sanitize(&cx.store.location()),
        started.elapsed().as_secs_f64(),
        s.customers,
        s.people,
        s.interactions,
        s.follow_ups,
        s.moments,
        s.triggers,
        s.balance_entries,
        s.orders
    )?;
    Ok(())
}

/// `touchbase --demo`: the terminal app on a fresh demo book in a temporary directory,
/// removed when the app closes.
pub fn open_throwaway() -> anyhow::Result<()> {
    let now = Now::from_env()?;
    let config = super::load_config()?;
    let dir = tempfile::Builder::new()
        .prefix("touchbase-demo-")
        .tempdir()
        .context("creating a temporary directory for the demo")?;
    let mut store = crate::store::open(&dir.path().join("touchbase.db"))?;
    demo::generate(&mut *store, now, DEFAULT_CUSTOMERS)?;
    let mut app = crate::tui::App::new(store, now, config)?;
    app.book = crate::tui::app::BookKind::Demo;
    crate::tui::run(app)
}

/// How many customers `--demo` shows.
const DEFAULT_CUSTOMERS: usize = 40;
