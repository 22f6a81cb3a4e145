//! The command line: subcommands and flags (clap derive). Running them is `cmd`'s job.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Data: touchbase.db in the platform data directory (on Linux ~/.local/share/touchbase/);
--db PATH or TOUCHBASE_DB use another file. Config: config.toml in the platform config
directory, or TOUCHBASE_CONFIG. TOUCHBASE_NOW (RFC 3339) fixes the clock.

CUSTOMER is an id or a unique, case-insensitive name prefix.";

/// Who to touch base with, and why: a keyboard-driven CRM for salespeople.
///
/// Without a command, opens the terminal app.
#[derive(Debug, Parser)]
#[command(name = "touchbase", version, after_help = AFTER_HELP)]
pub struct Args {
    /// The database file (default: touchbase.db in the platform data directory)
    #[arg(long, global = true, env = "TOUCHBASE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Open on a fresh demo database in a temporary file (your data is not touched)
    #[arg(long, conflicts_with = "db")]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a realistic demo book (relative to now) in the database
    Demo {
        /// How many customers; above the built-in ~40 they are generated
        #[arg(long, default_value_t = 40, value_name = "N")]
        customers: usize,
        /// Fill the database even if it already holds customers
        #[arg(long)]
        force: bool,
    },
    /// Add a customer
    Add {
        /// The customer's name (a person or a company)
        name: String,
        #[arg(long, value_name = "C", default_value = "")]
        company: String,
        #[arg(long, value_name = "E", default_value = "")]
        email: String,
        #[arg(long, value_name = "P", default_value = "")]
        phone: String,
        /// How often to be in touch: 14d, 2w, 3m (default 30d)
        #[arg(long, value_name = "CADENCE")]
        cadence: Option<String>,
        /// A tag (repeatable): --tag vip --tag logistics
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
        #[arg(long, value_name = "TEXT", default_value = "")]
        notes: String,
        /// Print the created customer as JSON
        #[arg(long)]
        json: bool,
    },
    /// Log a contact in one line: "[kind:] note [>> follow-up] [@when] [=1..5] [#tag]"
    #[command(
        after_help = "Examples:\n  touchbase log acme \"call: discussed renewal >> send proposal @fri\"\n  touchbase log acme \"email: sent price list @+3d\"\n  touchbase log acme \"visit: site tour, very happy =5\"\n\nKinds: call, email, meeting, visit, message, note, gift, complaint (default call).\n@when: today, tomorrow, mon..sun, +3d, +2w, +1m, next week, 2026-12-01."
    )]
    Log {
        customer: String,
        line: String,
        /// Print what was recorded as JSON
        #[arg(long)]
        json: bool,
    },
    /// The book, oldest last contact first
    List {
        #[arg(long, value_enum, default_value_t = SortArg::LastContact)]
        sort: SortArg,
        #[arg(long)]
        json: bool,
    },
    /// What needs doing: overdue and today's follow-ups, then customers past their cadence
    Due {
        /// Show every nudge, not just the top ones (config: nudge.limit)
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One customer: details, open follow-ups, timeline
    Show {
        customer: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark a follow-up done
    Done {
        follow_up_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Move a follow-up to a later day: tomorrow, fri, +3d, next week, 2026-12-01
    Snooze {
        follow_up_id: i64,
        when: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    LastContact,
    Name,
}
