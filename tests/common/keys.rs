//! The terminal app on a book, driven by keys as a user types them. Knows nothing of the
//! binary.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use touchbase::clock::Now;
use touchbase::config::Config;
use touchbase::store::Book;
use touchbase::tui::App;

use super::clock::NOW;

/// The app on `store` with the default config, its clock fixed at `NOW` in UTC, so local
/// days are UTC days whatever the machine's time zone.
pub fn app(store: Box<dyn Book>) -> App {
    App::new(store, Now::parse(NOW).unwrap(), Config::default()).unwrap()
}

/// Keys for the app, or for a test's fixture around one.
pub trait Keys {
    /// The app the keys go to.
    fn target(&mut self) -> &mut App;

    fn press(&mut self, code: KeyCode) {
        self.target().on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// Types `text`, one key a character.
    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Opens the prompt or form behind `key`, types `text` and presses Enter.
    fn submit(&mut self, key: &str, text: &str) {
        self.keys(key);
        self.keys(text);
        self.press(KeyCode::Enter);
    }
}

impl Keys for App {
    fn target(&mut self) -> &mut App {
        self
    }
}
