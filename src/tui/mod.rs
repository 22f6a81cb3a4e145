//! The terminal app: a synchronous loop of key → action → update → draw. A local SQLite
//! app needs no async runtime.

pub mod action;
pub mod agenda;
pub mod app;
pub mod card;
pub mod customers;
mod edits;
pub mod filter;
pub mod form;
pub mod keymap;
pub mod preload;
pub mod prompt;
pub mod ui;
pub mod week;

use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

pub use app::App;

use crate::clock::Now;

/// How often the clock is read again while waiting for keys.
const TICK: Duration = Duration::from_secs(30);

/// Runs the app until the user quits. `ratatui::init` puts the terminal back on a panic;
/// on an error we put it back before returning, so the error prints on a sane terminal.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let mut first_frame = true;
    while !app.quit {
        let size = terminal.size()?;
        app.resize(ui::list_height(size.height))?;
        terminal.draw(|frame| ui::draw(frame, app))?;
        if first_frame {
            // Once the user sees something, get the filter ready in the background.
            app.prepare_in_background();
            first_frame = false;
        }
        if event::poll(TICK)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => app.on_key(key),
                // The next pass of the loop redraws at the new size.
                _ => {}
            }
        } else if std::env::var_os("TOUCHBASE_NOW").is_none() {
            app.tick(Now::from_env()?)?;
        }
    }
    Ok(())
}

impl App {
    /// The clock moved on: when the day changed, what is due changed too.
    pub fn tick(&mut self, now: Now) -> anyhow::Result<()> {
        let new_day = now.today() != self.now.today();
        self.now = now;
        if new_day {
            self.refresh()?;
        }
        Ok(())
    }
}
