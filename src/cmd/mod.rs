//! Running a parsed command line: open the store, do one thing, print the result for a
//! person or (with `--json`) for a script. Each command is thin: the checks are the use
//! cases' (`app`), the SQL the store's; this adds only the command line's own words
//! (`hints`).

mod archive;
mod book;
mod calendar;
mod check;
mod customers;
mod demo;
mod due;
mod export;
mod follow_ups;
mod hints;
mod import;
mod json;
mod log;
mod manual;
mod merge;
mod people;
mod quiet;
mod records;
mod relationship;
mod remind;
mod search;
mod setup;
mod status;
mod undo;
mod why;

use std::io::{self, BufWriter, IsTerminal as _, Write};
use std::path::Path;

use crate::cli::{Args, Command, ExportWhat};
use crate::clock::Now;
use crate::config::{self, Config};
use crate::domain::balance::Side;
use crate::domain::text::{TerminalSafe, shown_path};
use crate::store::{self, Book};

/// What every command gets: the open store, the clock, the config and stdout. On a
/// terminal, stdout shows hidden characters as placeholders whatever is written (an
/// exported book, JSON); to a file or a pipe it passes the data on exactly.
pub struct Ctx {
    pub store: Box<dyn Book>,
    pub now: Now,
    pub config: Config,
    pub out: Out,
}

/// Stdout as every command writes it: buffered, and on a terminal with hidden characters
/// shown as placeholders.
pub type Out = BufWriter<TerminalSafe<io::StdoutLock<'static>>>;

/// Stdout, as [`Out`].
fn stdout() -> Out {
    BufWriter::new(TerminalSafe::new(io::stdout().lock(), io::stdout().is_terminal()))
}

impl Ctx {
    fn open(db: &Path) -> anyhow::Result<Ctx> {
        let now = Now::from_env()?;
        let config = load_config()?;
        let store = crate::store::open(db)?;
        warn_if_shared(&*store);
        Ok(Ctx {
            store,
            now,
            config,
            out: stdout(),
        })
    }
}

/// Runs `args`. A store error comes back with what to type instead (another `--db`, where
/// to find an id).
pub fn run(args: Args) -> anyhow::Result<()> {
    run_args(args).map_err(hints::hinted)
}

fn run_args(args: Args) -> anyhow::Result<()> {
    if args.demo {
        return demo::open_throwaway();
    }
    if let Some(Command::Completions { shell }) = args.command {
        return manual::completions(shell);
    }
    if let Some(Command::Man { dir }) = &args.command {
        return manual::man_pages(dir.as_deref());
    }
    let db = config::database_path(args.db.as_deref())?;
    let Some(command) = args.command else {
        let now = Now::from_env()?;
        // The config first: a bad one is reported before a new database is created.
        let config = load_config()?;
        let store = crate::store::open(&db)?;
        warn_if_shared(&*store);
        return open_tui(store, now, config);
    };
    store::on_long_wait(|| {
        // Written, not `eprintln!`: a closed stderr must not turn a wait into a panic.
        let _ = writeln!(
            io::stderr(),
            "touchbase: waiting for another touchbase to finish writing…"
        );
    });
    // A command that failed on a machine without a database leaves none behind: bad input
    // changes nothing, not even by creating an empty book. Only the process that created
    // the file may remove it, and only while it holds nothing a user wrote and no other
    // process has it open, so nothing anyone wrote can go. An import that added nobody (a
    // dry run, every row skipped) leaves no book either.
    // A prompt runs `status` in every new shell, on machines without a book too: it must
    // not leave an empty one behind, and with nothing in the book there is nothing due.
    if let Command::Status(args) = &command
        && !db.exists()
    {
        return status::without_a_book(args);
    }
    let created = store::create_file(&db)?;
    let import = matches!(command, Command::Import(_));
    let result = run_command(&db, command);
    if created && (import || result.as_ref().is_err_and(|e| !crate::is_broken_pipe(e))) {
        store::remove_if_unused_and_empty(&db);
    }
    result.map_err(|e| match store::trouble(&e, &db) {
        Some(said) => e.context(said),
        None => e,
    })
}

/// Other users of the machine should not read a customer book: say so, once a run.
fn warn_if_shared(store: &dyn Book) {
    if let Some(warning) = store.warning() {
        eprintln!("touchbase: {}", crate::domain::text::sanitize(&warning));
    }
}

fn run_command(db: &Path, command: Command) -> anyhow::Result<()> {
    let mut cx = Ctx::open(db)?;
    match command {
        Command::Demo { customers, force } => demo::run(&mut cx, customers, force),
        // Answered before a book is opened (`run_args`); here only for completeness.
        Command::Completions { shell } => manual::completions(shell),
        Command::Man { dir } => manual::man_pages(dir.as_deref()),
        Command::Add {
            name,
            company,
            email,
            phone,
            cadence,
            tags,
            notes,
            json,
        } => customers::add(
            &mut cx,
            customers::AddArgs {
                name,
                company,
                email,
                phone,
                cadence,
                tags,
                notes,
            },
            json,
        ),
        Command::Log { customer, line, json } => log::run(&mut cx, &customer, &line, json),
        Command::List { sort, archived, json } => customers::list(&mut cx, sort, archived, json),
        Command::Due { all, json } => due::run(&mut cx, all, json),
        Command::Show { customer, json } => customers::show(&mut cx, &customer, json),
        Command::Archive { customer, json } => archive::archive(&mut cx, &customer, json),
        Command::Unarchive { customer, json } => archive::unarchive(&mut cx, &customer, json),
        Command::Merge { keep, other, json } => merge::merge(&mut cx, &keep, &other, json),
        Command::Done { code, json } => follow_ups::done(&mut cx, &code, json),
        Command::Snooze { code, when, json } => follow_ups::snooze(&mut cx, &code, &when.join(" "), json),
        Command::Quiet(args) => quiet::run(&mut cx, &args),
        Command::Pause(args) => quiet::pause(&mut cx, &args),
        Command::Export {
            what: ExportWhat::Week(args),
        } => export::week(&mut cx, &args),
        Command::Export {
            what: ExportWhat::Customers(args),
        } => book::export(&mut cx, &args),
        Command::Import(args) => import::run(&mut cx, &args),
        Command::Moment { what } => relationship::moment(&mut cx, what),
        Command::Trigger { what } => relationship::trigger(&mut cx, what),
        Command::Person { what } => people::run(&mut cx, what),
        Command::Give { customer, note, json } => {
            relationship::balance(&mut cx, Side::Give, &customer, &note, json)
        }
        Command::Ask { customer, note, json } => {
            relationship::balance(&mut cx, Side::Ask, &customer, &note, json)
        }
        Command::Order {
            customer,
            amount,
            when,
            json,
        } => relationship::order(&mut cx, &customer, &amount, when.as_deref(), json),
        Command::Why { customer, json } => why::run(&mut cx, &customer, json),
        Command::Search { words, limit, json } => {
            search::run(&mut cx, &words.join(" "), usize::from(limit), json)
        }
        Command::Edit { what } => records::edit(&mut cx, what),
        Command::Delete {
            what,
            target,
            yes,
            json,
        } => records::delete(&mut cx, what, &target, yes, json),
        Command::Check { repair, json } => check::run(&mut cx, repair, json),
        Command::Undo { list, json } => undo::run(&mut cx, list, json),
        Command::Remind(args) if args.setup.setup => setup::run(&mut cx, db, &args.setup),
        Command::Remind(args) => remind::run(&mut cx, &args),
        Command::Status(args) => status::run(&mut cx, &args),
        Command::Calendar(args) => calendar::run(&mut cx, &args),
        Command::Backup { file } => {
            if file.exists() {
                anyhow::bail!(
                    "'{}' already exists — name a new file for the backup",
                    file.display()
                );
            }
            cx.store.backup_to(&file)?;
            writeln!(
                cx.out,
                "Backed up '{}' to '{}'",
                crate::domain::text::sanitize(&cx.store.location()),
                shown_path(&file)
            )?;
            Ok(())
        }
    }?;
    cx.out.flush()?;
    check::warn_about_damage(&*cx.store);
    Ok(())
}

/// The terminal app on `store`.
fn open_tui(store: Box<dyn Book>, now: Now, config: Config) -> anyhow::Result<()> {
    crate::tui::run(crate::tui::App::new(store, now, config)?)
}

fn load_config() -> anyhow::Result<Config> {
    match config::config_path() {
        Some(p) => Config::load(&p),
        None => Ok(Config::default()),
    }
}

/// Writes `value` as pretty JSON and a newline.
fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
