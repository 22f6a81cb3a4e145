//! The command line: subcommands and flags (clap derive), and the names the use cases'
//! choices take there (`--sort`). Running them is `cmd`'s job: nothing here opens the book
//! or knows what a command does.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::app::customers::Sort;

/// How a CUSTOMER argument finds its customer: in the main help and in `log`'s.
macro_rules! customer_help {
    () => {
        "\
CUSTOMER names one customer: an id (42), or words of the name. Case and accents do not
matter. The surest match wins: the exact name (\"jan de vries\"), else a name that starts
with what you typed (\"jan de\"), else the customer each typed word starts a word of, in
the name, the company or a name merged into it (\"kuhne\" finds Jörg Kühne, \"jan acme\"
Jan de Vries of Acme Logistics). A person's name counts as their account's own (\"anna\"
finds Acme BV through Anna de Boer, who left too); so does a person's e-mail address
(anna@acme.nl, any case) or phone number, however typed (\"06 1234 5678\", +31612345678,
\"0031 6 12345678\": at least 6 digits, no letters; a number starting with + or 0, or of
no customer's id, is a phone number). When several match equally, nothing is done and
they are listed with their ids and the person who matched. Names find active customers;
show, archive, unarchive, merge and delete customer look in the archive too."
    };
}

const AFTER_HELP: &str = concat!(
    "\
Data: touchbase.db in the platform data directory (on Linux ~/.local/share/touchbase/);
--db PATH or TOUCHBASE_DB use another file. Config: config.toml in the platform config
directory, or TOUCHBASE_CONFIG. TOUCHBASE_NOW (RFC 3339) fixes the clock; local days are
the system time zone's, or TOUCHBASE_TZ's (an offset: +01:00, -05:30, UTC).

",
    customer_help!()
);

const LOG_HELP: &str = concat!(
    "\
The line: [kind [person] [when]:] note [>> follow-up text] [@when] [=satisfaction] [#tag ...] [!done|!ID|!fID]

  kind      call, email, meeting, visit, message, note, gift, complaint; without
            \"kind:\" the line is a call. A note does not count as contact; a gift is
            also a give; a complaint also opens a reactional trigger.
  when      (before the colon) when the contact happened, looking back: yesterday,
            today, mon (the last Monday), last fri, 3 days ago, -3d, 2026-11-20,
            20-11-2026, each with or without 14:30, or a time alone (today). Default:
            now. A time in the future is refused.
  person    (between the kind and the when) whom the contact was with, one of the
            customer's people (`touchbase person list CUSTOMER`): a first name, the full
            name or the start of its words, in any case, accents optional; someone who
            left too. Without one it was with the main contact. A name that fits no one
            or several is refused, listing the people. Kind, person and when take at most
            four words before the colon: \"call anna 3 days ago:\".
  >> text   a follow-up to do; without @when it is due the next workday.
  @when     the follow-up's day, looking ahead: today, tomorrow, fri (the next one),
            +3d, +2w, +1m, in 3 days, next week (Monday), 2026-12-01, 1-12-2026.
            Without >>, the follow-up is \"follow up: NOTE\".
  =1..5     the customer's satisfaction.
  #tag      adds a tag to the customer.
  !done     marks every follow-up of the customer that was open done, in the same step;
  !114      marks follow-up 114 done (several may be given); !f114, the item code
            `touchbase remind` prints, too. An id that is not an open follow-up of
            this customer refuses the whole line.

Examples:
  touchbase log acme \"call: discussed renewal >> send proposal @fri\"
  touchbase log acme \"visit yesterday: site tour =5 >> send the offer @fri\"
  touchbase log acme \"call mon 14:30: discussed terms\"
  touchbase log acme \"call anna yesterday: discussed terms\"
  touchbase log acme \"visit jan de boer: site tour\"
  touchbase log acme \"email: sent price list @+3d\"
  touchbase log \"jan acme\" \"complaint: late delivery #logistics\"
  touchbase log acme \"email: sent the proposal !114\"

A line that does not parse is refused with the bad part named, and nothing is saved.

",
    customer_help!()
);

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
    /// Add a customer: touchbase add "Anna de Boer" --company "Acme BV" makes the account
    /// Acme BV with Anna as its main contact
    Add {
        /// A person's name, or a company's; with --company, the account's main contact
        name: String,
        /// The company: the account is named after it (unless NAME is the company)
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
    /// Log a contact in one line: "[kind [who] [when]:] note [>> follow-up] [@when] [=1..5] [#tag] [!done|!ID]"
    #[command(after_help = LOG_HELP)]
    Log {
        /// The customer: an id, or words of the name, company or a person there (who it was
        /// with, unless the line names someone)
        customer: String,
        /// The quick-log line, quoted as one argument (see below)
        line: String,
        /// Print what was recorded as JSON
        #[arg(long)]
        json: bool,
    },
    /// The book, oldest last contact first
    List {
        #[arg(long, value_enum, default_value_t = Sort::LastContact)]
        sort: Sort,
        /// List only the archived customers
        #[arg(long)]
        archived: bool,
        #[arg(long)]
        json: bool,
    },
    /// What needs doing now, highest score first, each with its reason
    ///
    /// Every kind of nudge (the names JSON and [nudge.weights] use):
    ///   follow_up_overdue     a follow-up past its day (it weighs more the longer)
    ///   follow_up_today       a follow-up due today
    ///   cadence_exceeded      no contact for longer than the customer's cadence
    ///   moment_ahead          a decision moment within 3 days (preparation_days), nothing
    ///                         logged since it was planned: prepare for it
    ///   moment_passed         a moment whose day has gone by, still open: how did it go?
    ///   complaint_open        an open complaint (reactional trigger), loudest the day it came
    ///   situation_unanswered  a situational trigger (new buyer, merger, move) not answered
    ///                         with a contact; when someone left (person left), only a
    ///                         contact with someone else there answers it
    ///   influence_unanswered  an influential trigger (a competitor's offer) not answered
    ///   taking_too_much       you asked more of them than you gave
    ///   loyalty_unrewarded    very satisfied (=5) and nothing given in loyalty_days (180)
    ///   satisfaction_drop     satisfaction fell and nobody has talked to them since
    ///   single_threaded       a valuable account (10,000+ or an open moment) whose contacts
    ///                         in single_threaded_days (90) were all with one person
    ///
    /// A customer's value tier lifts every score of theirs; `touchbase why CUSTOMER` shows
    /// the terms. Without --all, the top nudge.limit are shown.
    #[command(verbatim_doc_comment)]
    Due {
        /// Show every nudge, not just the top ones (config: nudge.limit)
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One customer: details, open follow-ups, timeline
    Show {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        #[arg(long)]
        json: bool,
    },
    /// Archive a customer: out of the agenda, lists and week, nothing deleted
    Archive {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        /// Print the customer as JSON, with whether anything changed
        #[arg(long)]
        json: bool,
    },
    /// Bring an archived customer back (`touchbase list --archived` lists them)
    Unarchive {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        /// Print the customer as JSON, with whether anything changed
        #[arg(long)]
        json: bool,
    },
    /// Merge a duplicate into the customer kept: its records move over, empty fields are
    /// filled in, tags united, and its name still finds the one kept
    Merge {
        /// The customer kept (an id, or words of the name or company)
        keep: String,
        /// The duplicate, merged into KEEP and removed
        other: String,
        /// Print the customer kept as JSON, with what the merge did
        #[arg(long)]
        json: bool,
    },
    /// Mark a follow-up done, or resolve a trigger, by the item code `remind` prints
    ///
    /// CODE: f114 (or 114) a follow-up, t7 a trigger (resolved). A decision moment (m12) is
    /// closed with its outcome: `touchbase moment close 12 --outcome won|lost|passed`.
    Done {
        /// An item code as `touchbase remind` prints it (f114, t7), or a follow-up's id
        #[arg(value_name = "CODE")]
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Move a follow-up to another day, or quiet another nudge until one, by its item code
    ///
    /// A follow-up (f114, or 114): +3d pushes it on from its date (from today once overdue);
    /// tomorrow, fri, next week, 2026-12-01 mean that day, earlier than its date too (said
    /// so). Any other code `remind` prints (m12 a moment, t7 a trigger, c3 a cadence, a3
    /// asks, l3 loyalty, s3 satisfaction) quiets that nudge until the day, as `touchbase
    /// quiet` does; words after the day are the reason.
    Snooze {
        /// An item code as `touchbase remind` prints it, or a follow-up's id
        #[arg(value_name = "CODE")]
        code: String,
        /// The day, and for a nudge why: +2w champion on leave
        #[arg(required = true, num_args = 1..)]
        when: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Snooze one of a customer's nudges until a day, with why: quiet acme cadence 2027-03-01 champion on leave
    ///
    /// Left out of `due`, the agenda and urgency until that day; `why` lists it as snoozed.
    /// A follow-up is snoozed with `touchbase snooze FOLLOWUP_ID WHEN`, which moves its day.
    Quiet(QuietArgs),
    /// Pause a customer until a day, with why: pause acme 2027-03-01 on sabbatical
    ///
    /// Their cadence and staleness do not count until that day (no cadence nudge, `list`
    /// says "paused until"); every other nudge stays. `--off` ends the pause.
    Pause(PauseArgs),
    /// Decision moments in a customer's buying process
    Moment {
        #[command(subcommand)]
        what: MomentCmd,
    },
    /// Switching triggers: situational, reactional (incidents, complaints), influential
    Trigger {
        #[command(subcommand)]
        what: TriggerCmd,
    },
    /// The people at a customer: add, edit, choose the main contact, mark one as left
    Person {
        #[command(subcommand)]
        what: PersonCmd,
    },
    /// Record something you gave the customer (gift, extra service, favour, discount)
    Give {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Record something you asked of the customer (referral, survey, price increase, favour)
    Ask {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Record an order (a sale): touchbase order acme 1250.50 @2026-11-20
    Order {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        /// 1250.50, 1250,50 or 1.250,50 (currency from config, default EUR)
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// The day of the order (default today): @today, @2026-11-20, …
        when: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Search every note (contacts, follow-ups, moments, triggers, customers), best first
    #[command(
        after_help = "Every word must appear in a note, ignoring case and accents; the last one may be the start of a word (quot finds quote). Quotes, *, -, NEAR and OR are plain words or punctuation, not operators (a word starting with - goes after --). Archived customers are left out.\n\nExamples:\n  touchbase search late delivery\n  touchbase search kuhne quot --limit 5"
    )]
    Search {
        /// The words to find
        #[arg(required = true, value_name = "WORDS")]
        words: Vec<String>,
        /// At most this many hits (1 to 1000)
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=1000))]
        limit: u16,
        /// Print the hits as JSON
        #[arg(long)]
        json: bool,
    },
    /// Correct a customer or anything logged, by id (`touchbase show CUSTOMER` lists the ids)
    ///
    /// Only the fields given change; every summary (last contact, value, satisfaction,
    /// balance, urgency) is right again afterwards.
    Edit {
        #[command(subcommand)]
        what: EditCmd,
    },
    /// Delete something logged, by id (`touchbase show CUSTOMER` lists the ids), or a customer
    ///
    /// Deleting a contact keeps the follow-up, give or trigger its line made. Every summary
    /// is right again afterwards. `delete customer CUSTOMER --yes` deletes the customer and
    /// every record of theirs.
    Delete {
        /// contact, follow-up, moment, trigger, give, ask, order or customer
        what: RecordKind,
        /// The record's id (for a customer: CUSTOMER, an id or a name)
        #[arg(value_name = "ID")]
        target: String,
        /// Delete the customer and all their records (asked for `delete customer` only)
        #[arg(long)]
        yes: bool,
        /// Print the deleted record as JSON
        #[arg(long)]
        json: bool,
    },
    /// Why a customer is urgent: their nudges, term by term
    Why {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        #[arg(long)]
        json: bool,
    },
    /// Export the weekly to-do list or the customer book
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Copy the whole database to FILE, consistently, even while the app is open
    Backup { file: PathBuf },
    /// Today's digest outside the app: overdue and today's follow-ups, moments to prepare,
    /// the top nudges, each with an item code `done` and `snooze` take
    ///
    /// Goes to stdout, the desktop (--notify) or e-mail (--email), or where `[remind]
    /// channels` in config.toml says. Exits 0 only when every channel took it.
    /// `--setup` prints (and with --write installs) a daily timer that runs it.
    ///
    /// Item codes: f114 a follow-up, m12 a decision moment, t7 a trigger, and a nudge about
    /// a customer as a whole by the customer's id: c3 cadence, a3 asks outnumber gives, l3
    /// loyalty, s3 satisfaction. `touchbase done CODE`, `touchbase snooze CODE WHEN` and the
    /// quick-log line's !f114 take them.
    ///
    /// Each delivered digest is recorded (its channels and codes): `--since-last` compares
    /// against it. A failed channel exits non-zero with the reason, and records nothing.
    ///
    /// On a day that is not one of `[week] workdays` no digest goes out (stderr says why,
    /// exit 0, nothing recorded) unless --anyway. A day with nothing in the digest prints
    /// "Nothing due today." on stdout and, unless `[remind] send_empty = true`, sends
    /// nothing to the desktop or by e-mail; it is recorded as run.
    Remind(RemindArgs),
    /// One short line for a shell prompt or a status bar: 3 overdue · 1 today · 2 to prepare
    Status(StatusArgs),
    /// The follow-ups and moments as a calendar feed (iCalendar) to subscribe to
    Calendar(CalendarArgs),
    /// Take back the newest action not undone yet, from this or any session, either front end
    ///
    /// Undo walks back through the last 100 actions. One that cannot be undone any more
    /// (the record changed since) says why, changes nothing and exits 1; it is marked so on
    /// the journal, and the next undo goes on to the one before.
    Undo {
        /// Show the newest 20 entries of the journal instead: when, by which front end, what
        #[arg(long)]
        list: bool,
        /// Print what was undone (or the list) as JSON
        #[arg(long)]
        json: bool,
    },
    /// Bring customers in from a CSV file, vCards or an exported book
    ///
    /// All or nothing: one invalid row imports nothing (unless --skip-invalid). Importing
    /// again is safe: a row matches a customer by e-mail, else by name and company, and
    /// then only fills empty fields, adds tags and records a later last contact.
    Import(ImportArgs),
    /// Print the shell completion script: touchbase completions bash > ~/.local/share/bash-completion/completions/touchbase
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// The manual: print touchbase(1), or write a page for every command into DIR
    ///
    /// touchbase man ~/.local/share/man/man1 && man touchbase
    Man {
        /// Where to write touchbase.1 and a page for each command (touchbase-log.1, …)
        dir: Option<PathBuf>,
    },
    /// Check the book for damage, and with --repair fix what can be fixed
    ///
    /// Runs SQLite's integrity and foreign key checks, then touchbase's own: every value
    /// is one touchbase can use (cadences, satisfactions, kinds, dates, times, amounts,
    /// tags), and each customer's summary (last contact, lifetime value, satisfaction,
    /// give/take, value tier) matches the records it sums up. One line per problem; exits
    /// non-zero when the book is not sound.
    Check {
        /// Recompute the summaries and fix the values that can be fixed without losing
        /// anything, in one transaction, then check again. No record is deleted.
        #[arg(long)]
        repair: bool,
        /// Print the findings as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The weekly to-do list: overdue and this week's follow-ups, moments, cadences, nudges
    Week(ExportWeekArgs),
    /// The whole customer book, for a spreadsheet, a phone or another CRM
    Customers(ExportCustomersArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportWeekArgs {
    /// The ISO week, like 2026-W48 (default: this week)
    #[arg(long, value_name = "WEEK")]
    pub week: Option<String>,
    /// md, csv, ics, json or todotxt (default: from the -o extension, else md)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExportCustomersArgs {
    /// csv, vcard or json (default: from the -o extension, else csv)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A .csv, .vcf or .json file (Google Contacts, Outlook, HubSpot, Pipedrive, Excel,
    /// phones, or `touchbase export customers`)
    pub file: PathBuf,
    /// csv, vcard or json (default: from the extension, else from the content)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Map a CSV column to a field (repeatable): --map "Klantnaam=name". Fields: name,
    /// first-name, middle-name, last-name, company, email, phone, tags, notes,
    /// last-contact, cadence, ignore
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Report what would be added, updated and skipped, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid rows and list the invalid ones, instead of importing nothing
    #[arg(long)]
    pub skip_invalid: bool,
    /// Print the report as JSON: the counts, the likely duplicates, the rows skipped
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Add a person: touchbase person add acme "Anna de Boer" --role inkoper --phone "06 1234 5678"
    Add {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        name: String,
        #[arg(long)]
        role: Option<String>,
        /// An e-mail address (repeat for more)
        #[arg(long)]
        email: Vec<String>,
        /// A phone number (repeat for more)
        #[arg(long)]
        phone: Vec<String>,
        /// The label of the first phone number: mobile, office, home…
        #[arg(long, value_name = "LABEL")]
        phone_label: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// Make them the main contact (the one who was stops being it)
        #[arg(long)]
        main: bool,
        #[arg(long)]
        json: bool,
    },
    /// Edit a person (ids: touchbase person list CUSTOMER); --email/--phone replace the list
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        email: Vec<String>,
        #[arg(long)]
        phone: Vec<String>,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make a person the main contact of their customer
    Main {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Record that a person left: touchbase person left 12 --on 2026-10-01 --to Globex [--follow]
    Left {
        id: i64,
        /// The day they left: yesterday, 2026-10-01… (default today)
        #[arg(long, value_name = "WHEN")]
        on: Option<String>,
        /// Where they went
        #[arg(long, value_name = "COMPANY", default_value = "")]
        to: String,
        /// Follow them there: make COMPANY a new prospect with them as its first person
        /// (or add them to its account, if there is one); needs --to
        #[arg(long)]
        follow: bool,
        #[arg(long)]
        json: bool,
    },
    /// List a customer's people with their ids: main first, then by name, then who left
    List {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MomentCmd {
    /// Plan a decision moment: touchbase moment add acme "Board approves budget" @2026-12-10
    Add {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        title: String,
        /// When it is expected: @fri, @+2w, @2026-12-10
        when: String,
        /// What worries the customer about this decision
        #[arg(long, default_value = "")]
        concerns: String,
        /// The steps the customer takes to decide
        #[arg(long, default_value = "")]
        steps: String,
        /// How we will respond, to excel at this moment
        #[arg(long, default_value = "")]
        response: String,
        /// How it went, for a moment already behind us (needed for a day before today)
        #[arg(long, value_name = "won|lost|passed", default_value = "")]
        outcome: String,
        #[command(flatten)]
        people: MomentPeopleArgs,
        #[arg(long)]
        json: bool,
    },
    /// Record how a moment turned out: touchbase moment close 4 lost --note "lost on price to Heller"
    Close {
        id: i64,
        /// won, lost or passed (or --outcome)
        #[arg(value_name = "won|lost|passed", required_unless_present = "outcome")]
        how: Option<String>,
        #[arg(long, value_name = "won|lost|passed", conflicts_with = "how")]
        outcome: Option<String>,
        /// How it went, in words: "lost on price to Heller"
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TriggerCmd {
    /// Open a trigger: touchbase trigger add acme reactional "delivery 5 days late"
    Add {
        /// An id, or words of the name or company (how they match: touchbase --help)
        customer: String,
        /// situational, reactional or influential
        kind: String,
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark a trigger resolved: touchbase trigger resolve 2 --note "sent a counter-offer at -5%"
    Resolve {
        id: i64,
        /// How it was resolved, in words
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
}

/// What `edit` changes. Each prints the record as it is afterwards; `--json` as JSON.
#[derive(Debug, Subcommand)]
pub enum EditCmd {
    /// A customer's own fields: touchbase edit customer acme --cadence 2w --tags "vip logistics"
    Customer(CustomerEditArgs),
    /// A logged contact: touchbase edit contact 42 --at "yesterday 14:30" --satisfaction 4
    Contact {
        id: i64,
        /// call, email, meeting, visit, message, note, gift or complaint
        #[arg(long, value_name = "K")]
        kind: Option<String>,
        /// When it happened: 2026-11-30 09:15, 2026-11-30, yesterday, mon 14:30 (never ahead)
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// 1 to 5, or none to clear it
        #[arg(long, value_name = "1..5|none", allow_hyphen_values = true)]
        satisfaction: Option<String>,
        /// Whom it was with: one of the customer's people, as the quick-log line names them
        #[arg(long, value_name = "PERSON")]
        with: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A follow-up: touchbase edit follow-up 7 --text "send the signed quote" --due fri
    FollowUp {
        id: i64,
        #[arg(long, value_name = "T")]
        text: Option<String>,
        /// The day it is due: fri, +3d, next week, 2026-12-01
        #[arg(long, value_name = "WHEN")]
        due: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A decision moment, any field: touchbase edit moment 3 --on 2026-12-15 --concerns "budget"
    Moment {
        id: i64,
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// The day it is expected: fri, +2w, 2026-12-10
        #[arg(long, value_name = "WHEN")]
        on: Option<String>,
        #[arg(long, value_name = "TEXT")]
        concerns: Option<String>,
        #[arg(long, value_name = "TEXT")]
        steps: Option<String>,
        #[arg(long, value_name = "TEXT")]
        response: Option<String>,
        /// upcoming, won, lost or passed (won, lost and passed close it; upcoming reopens it)
        #[arg(long, visible_alias = "outcome", value_name = "STATUS")]
        status: Option<String>,
        /// How it went, in words ("" clears it)
        #[arg(long, value_name = "TEXT")]
        outcome_note: Option<String>,
        /// Each of --with, --decides, --signs, --champion replaces that part's people
        /// ("" clears it); the parts not given stay as they are
        #[command(flatten)]
        people: MomentPeopleArgs,
        #[arg(long)]
        json: bool,
    },
    /// A switching trigger: touchbase edit trigger 5 --kind reactional --note "late again"
    Trigger {
        id: i64,
        /// situational, reactional or influential
        #[arg(long, value_name = "K")]
        kind: Option<String>,
        #[arg(long, value_name = "N")]
        note: Option<String>,
        /// How it was resolved, in words ("" clears it)
        #[arg(long, value_name = "TEXT")]
        resolution_note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A give: touchbase edit give 9 --note "christmas hamper" --on 2026-12-20
    Give(EntryArgs),
    /// An ask: touchbase edit ask 10 --side give (gives and asks are one list, one id each)
    Ask(EntryArgs),
    /// An order: touchbase edit order 4 --amount 1250,50 --on 2026-11-20
    Order {
        id: i64,
        /// 1250.50, 1250,50 or 1.250,50
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        amount: Option<String>,
        /// The day it was placed: 2026-11-20, yesterday, mon (never ahead)
        #[arg(long, value_name = "WHEN")]
        on: Option<String>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct CustomerEditArgs {
    /// An id, or words of the name or company (how they match: touchbase --help)
    pub customer: String,
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
    /// Every tag, replacing the ones they have: --tags "vip logistics" (--tags "" clears them)
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
    /// How often to be in touch: 14d, 2w, 3m
    #[arg(long, value_name = "CADENCE")]
    pub cadence: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// Who takes part in a decision moment: names of the customer's people, each a comma
/// list (first name, full name or the start of it, any case or accents).
#[derive(Debug, Default, clap::Args)]
pub struct MomentPeopleArgs {
    /// Who else takes part: --with anna,jan
    #[arg(long, value_name = "NAMES")]
    pub with: Option<String>,
    /// Who decides: --decides thomas
    #[arg(long, value_name = "NAMES")]
    pub decides: Option<String>,
    /// Who signs: --signs "frau albrecht"
    #[arg(long, value_name = "NAMES")]
    pub signs: Option<String>,
    /// Who champions us inside the customer: --champion piet
    #[arg(long, value_name = "NAMES")]
    pub champion: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EntryArgs {
    pub id: i64,
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// When it happened: 2026-11-30 09:15, 2026-11-30, yesterday, mon (never ahead)
    #[arg(long, value_name = "WHEN")]
    pub on: Option<String>,
    /// give or ask: turns one into the other
    #[arg(long, value_name = "give|ask")]
    pub side: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// What `delete` deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordKind {
    Contact,
    FollowUp,
    Moment,
    Trigger,
    Give,
    Ask,
    Order,
    Customer,
}

/// `--sort last-contact|urgency|name|value`. The use cases' `Sort` knows nothing of clap;
/// its names on the command line are given here.
impl ValueEnum for Sort {
    fn value_variants<'a>() -> &'a [Self] {
        &Sort::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Sort::LastContact => "last-contact",
            Sort::Urgency => "urgency",
            Sort::Name => "name",
            Sort::Value => "value",
        }))
    }
}

/// `touchbase quiet`'s arguments.
#[derive(Debug, clap::Args)]
pub struct QuietArgs {
    pub customer: String,
    /// cadence, moment, passed, complaint, situation, influence, taking, loyalty,
    /// satisfaction or single (or the full kind, cadence_exceeded); a nudge about one moment or
    /// trigger takes its id when the customer has several: complaint:7
    pub kind: String,
    /// The day it nudges again (tomorrow, fri, +2w, next week, 2027-03-01), then the reason
    #[arg(required = true, num_args = 1..)]
    pub until: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

/// `touchbase remind`'s arguments.
#[allow(clippy::struct_excessive_bools)] // each is one flag of the command line
#[derive(Debug, clap::Args)]
pub struct RemindArgs {
    /// Only what is new since the last delivered digest
    #[arg(long)]
    pub since_last: bool,
    /// Print to stdout (the default when no channel is named)
    #[arg(long)]
    pub stdout: bool,
    /// Show a desktop notification
    #[arg(long)]
    pub notify: bool,
    /// E-mail the digest to ADDRESS, through [remind.smtp] in config.toml
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    /// Deliver on a day off too (a day not in [week] workdays)
    #[arg(long)]
    pub anyway: bool,
    /// Run by the timer `--setup` installed (recorded, so a stopped timer is noticed)
    #[arg(long)]
    pub scheduled: bool,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// `touchbase remind --setup`'s arguments.
#[derive(Debug, clap::Args)]
pub struct SetupArgs {
    /// Print the daily timer that runs `touchbase remind`: a systemd user timer (Linux),
    /// a launchd agent (macOS) or a crontab line
    #[arg(long)]
    pub setup: bool,
    /// With --setup: install the systemd or launchd files where they belong
    #[arg(long, requires = "setup")]
    pub write: bool,
    /// With --setup: the time of day (24-hour clock); default `[remind] at`
    #[arg(long, requires = "setup", value_name = "HH:MM")]
    pub at: Option<String>,
}

/// `touchbase status`'s arguments.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// The line as TEXT with fields in braces: {overdue} {today} {prepare} {due}
    /// (overdue and today together) {warning} ("reminders have not run since …", or
    /// nothing); {{ and }} for braces
    #[arg(long, value_name = "TEXT", conflicts_with = "json")]
    pub format: Option<String>,
    /// Print nothing when nothing is due and reminders are running (for a prompt that
    /// should stay short); the exit code is 0 either way
    #[arg(long)]
    pub quiet_when_clear: bool,
    /// Print the counts and the warning as JSON
    #[arg(long)]
    pub json: bool,
}

/// `touchbase calendar`'s arguments.
#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// Write the feed to FILE (.ics), replaced only once whole; `-` for stdout (the default)
    #[arg(short, long, value_name = "FILE", conflicts_with = "serve")]
    pub output: Option<PathBuf>,
    /// Serve the feed over HTTP on ADDR (an IP address and port: 127.0.0.1:8765) for
    /// calendar apps to subscribe to; port 0 picks a free one
    #[arg(long, value_name = "ADDR")]
    pub serve: Option<String>,
    /// Put notes in the feed: the customer's notes, a moment's concerns, steps and response
    #[arg(long)]
    pub with_notes: bool,
    /// Print the served feed's full address, secret token and all
    #[arg(long, conflicts_with = "output")]
    pub show_url: bool,
    /// Make a new secret token for the served feed: the old address stops working
    #[arg(long, conflicts_with = "output")]
    pub rotate_token: bool,
}

/// `touchbase pause`'s arguments.
#[derive(Debug, clap::Args)]
pub struct PauseArgs {
    pub customer: String,
    /// The day their cadence counts again (+2w, +1m, 2027-03-01), then the reason
    #[arg(required_unless_present = "off", num_args = 1..)]
    pub until: Vec<String>,
    /// End the pause now
    #[arg(long, conflicts_with = "until")]
    pub off: bool,
    #[arg(long)]
    pub json: bool,
}
