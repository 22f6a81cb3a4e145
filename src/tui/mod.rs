//! The terminal app: a synchronous loop of key → action → update → draw (a local SQLite
//! app needs no async runtime), and the terminal set up and put back on every way out.
//! It reaches the book only through the use cases and the store contract: no SQL, no
//! command line.

pub mod action;
pub(crate) mod agenda;
pub mod app;
mod archive;
pub(crate) mod checklist;
pub mod customer;
pub mod customers;
mod draw;
mod edits;
pub(crate) mod filter;
pub(crate) mod form;
pub mod help;
pub mod keymap;
mod keys;
mod leaving;
mod live;
mod merge;
mod note;
mod outcomes;
mod parking;
pub(crate) mod preload;
pub(crate) mod prompt;
pub(crate) mod reach;
mod records;
pub(crate) mod search;
mod text;
pub mod theme;
mod tty;
pub mod ui;
pub(crate) mod week;

use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

pub use app::App;
pub use draw::draw;

use crate::clock::Now;

/// How often the clock is read again while waiting for keys (each action reads it too).
const TICK: Duration = Duration::from_secs(30);

/// How often the book is asked whether another process changed it: a change made
/// elsewhere is on screen within this (plus a frame), and asking costs next to nothing.
const LOOK_FOR_CHANGES: Duration = Duration::from_millis(250);

/// How long a wait for keys lasts before the loop looks for a signal: crossterm's poll
/// does not wake for one, so this bounds how long SIGTERM takes to end the app.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The app was ended by a signal (SIGTERM, SIGHUP when its terminal closed, SIGINT from
/// outside: in raw mode Ctrl-C is a key that quits normally). The terminal is restored by
/// then; the process exits with 128 + the signal's number, as shells report it.
#[derive(Debug, thiserror::Error)]
#[error("ended by signal {0}")]
pub(crate) struct Signalled(pub i32);

/// Runs the app until the user quits or a signal ends it. The terminal is put back on
/// every way out: here after a quit, an error or a signal (so an error prints on a sane
/// terminal), and by the hook `ratatui::try_init` installs on a panic.
pub(crate) fn run(mut app: App) -> anyhow::Result<()> {
    // Registered before the terminal changes, so no moment is left where the default
    // action would kill the app in raw mode on the alternate screen.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT]).context("listening for signals")?;
    let watchdog = hang_up_watchdog()?;
    let tty = tty::Tty::open().context("opening the terminal")?;
    let mut terminal = ratatui::try_init()
        .inspect_err(|_| {
            // Raw mode may be on already.
            let _ = ratatui::try_restore();
        })
        .context("setting up the terminal")?;
    let result = event_loop(&mut terminal, &mut app, &mut signals, &tty);
    // After SIGHUP the terminal is gone and restoring fails; there is nobody to tell.
    let _ = ratatui::try_restore();
    if terminal.show_cursor().is_err() {
        // Dropping the terminal would try again and report the failure with `eprintln!`,
        // which panics when stderr is the closed terminal too.
        std::mem::forget(terminal);
    }
    watchdog.close();
    result
}

/// Should the loop be stuck when the terminal hangs up (inside crossterm, see `tty`), the
/// process still ends, a moment later: there is no terminal left to restore, and every
/// write to the book is already committed.
fn hang_up_watchdog() -> anyhow::Result<signal_hook::iterator::Handle> {
    let mut hup = Signals::new([SIGHUP]).context("listening for signals")?;
    let handle = hup.handle();
    std::thread::spawn(move || {
        if hup.forever().next().is_some() {
            std::thread::sleep(Duration::from_secs(2));
            std::process::exit(128 + SIGHUP);
        }
    });
    Ok(handle)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signals: &mut Signals,
    tty: &tty::Tty,
) -> anyhow::Result<()> {
    let mut waiting = Waiting {
        first_frame: true,
        redraw: true,
        size: None,
        last_tick: Instant::now(),
        last_look: Instant::now(),
    };
    while !app.quit {
        let step = waiting.step(terminal, app, tty);
        // A signal wins over an error: after SIGHUP, reading the closed terminal fails.
        if let Some(signal) = signals.pending().next() {
            return Err(Signalled(signal).into());
        }
        step?;
    }
    Ok(())
}

/// The state of the loop between two waits for a key.
struct Waiting {
    first_frame: bool,
    /// Something may have changed on screen since the last frame.
    redraw: bool,
    /// The size of the last frame.
    size: Option<ratatui::layout::Size>,
    last_tick: Instant,
    /// When the book was last asked for changes made elsewhere.
    last_look: Instant,
}

impl Waiting {
    /// Draws when something changed, then waits a little for a key.
    fn step(&mut self, terminal: &mut DefaultTerminal, app: &mut App, tty: &tty::Tty) -> anyhow::Result<()> {
        // A resize reaches crossterm by SIGWINCH, not on the terminal `tty` waits on.
        let size = terminal.size()?;
        if self.redraw || self.size != Some(size) {
            self.size = Some(size);
            app.resize(ui::list_height(size.height))?;
            terminal.draw(|frame| draw(frame, app))?;
            self.redraw = false;
        }
        if self.first_frame {
            // Once the user sees something, get the filter ready in the background.
            app.prepare_in_background();
            self.first_frame = false;
        }
        match tty.wait(SIGNAL_CHECK)? {
            tty::Input::HungUp => return Err(Signalled(SIGHUP).into()),
            tty::Input::Ready => {
                // Everything that arrived (a paste is many keys), then one frame; crossterm
                // is asked only now, when it will not wait on a terminal that may hang up.
                while !app.quit && event::poll(Duration::ZERO)? {
                    match event::read()? {
                        Event::Key(key) if key.kind == KeyEventKind::Press => {
                            app.on_key(key);
                            write_beside_frames(terminal, app)?;
                        }
                        // The next pass of the loop redraws at the new size.
                        _ => {}
                    }
                }
                self.redraw = true;
            }
            tty::Input::Timeout if self.last_tick.elapsed() >= TICK => {
                self.last_tick = Instant::now();
                app.catch_up_with_clock()?;
                self.redraw = true;
            }
            tty::Input::Timeout => {}
        }
        // Also while keys keep coming: typing in one terminal does not hide another's
        // change.
        if self.last_look.elapsed() >= LOOK_FOR_CHANGES {
            self.last_look = Instant::now();
            self.redraw |= app.look_for_changes();
        }
        Ok(())
    }
}

/// Writes what the app has for the terminal besides its frames (the clipboard's escape) on
/// the app's own output, at once: it changes no cell on the screen.
fn write_beside_frames(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    use std::io::Write as _;
    let out = app.take_terminal_output();
    if !out.is_empty() {
        let backend = terminal.backend_mut();
        backend.write_all(out.as_bytes())?;
        backend.flush()?;
    }
    Ok(())
}

impl App {
    /// The clock moved on: the views read their relative days against the new time, and
    /// when the day changed, what is due changed too.
    pub(crate) fn tick(&mut self, now: Now) -> anyhow::Result<()> {
        let new_day = now.today() != self.now.today();
        self.now = now;
        self.agenda.look.now = now;
        if let Some(view) = self.customers.as_mut() {
            view.look.now = now;
        }
        if let Some(customer) = self.customer.as_mut() {
            customer.look.now = now;
        }
        if let Some(week) = self.week.as_mut() {
            week.look.now = now;
        }
        if new_day {
            self.refresh()?;
        }
        Ok(())
    }
}
