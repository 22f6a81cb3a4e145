//! The quick actions on the selected customer's e-mail address and phone number: `y`
//! copies one to the clipboard (OSC 52, written on the terminal app's own output by the
//! loop), `O` opens it as `mailto:` or `tel:` with the system's opener; after either, `e`
//! or `p` says which. The bytes and the command are `deliver`'s; whom to reach is a
//! [`Reach`], built from the customer today and from a person of the account later.

use super::action::{Screen, Verb};
use super::app::{App, Overlay};
use super::theme::Theme;
use crate::deliver::{clipboard, opener};
use crate::domain::reach::{Means, Reach};

/// The question after `y` or `O`: which of the two, shown where the status line goes.
pub struct Pick {
    pub verb: Verb,
    pub reach: Reach,
    pub theme: Theme,
}

impl Pick {
    /// "Copy Acme BV's e-mail (anna@acme.example) or phone (+31 20 555 0101)?", or with
    /// one of them: "Copy Acme BV's phone (+31 20 555 0101)? No e-mail address."
    pub fn question(&self) -> String {
        let verb = match self.verb {
            Verb::Copy => "Copy",
            Verb::Open => "Open",
        };
        let name = &self.reach.name;
        match (self.reach.get(Means::Email), self.reach.get(Means::Phone)) {
            (Ok(email), Ok(phone)) => format!("{verb} {name}'s e-mail ({email}) or phone ({phone})?"),
            (Ok(email), Err(_)) => format!("{verb} {name}'s e-mail ({email})? No phone number."),
            (Err(_), Ok(phone)) => format!("{verb} {name}'s phone ({phone})? No e-mail address."),
            (Err(_), Err(_)) => format!("{name} has no e-mail address or phone number"),
        }
    }

    /// The ways this customer lacks, whose keys the footer leaves out.
    pub(crate) fn missing(&self) -> impl Iterator<Item = Means> + '_ {
        [Means::Email, Means::Phone]
            .into_iter()
            .filter(|m| self.reach.get(*m).is_err())
    }
}

impl App {
    /// `y` or `O`: asks which of the selected customer's e-mail address and phone number,
    /// or says there is neither.
    pub(super) fn ask_reach(&mut self, verb: Verb) -> anyhow::Result<()> {
        let Some(reach) = self.target_reach()? else {
            self.tell("Select a customer first (2: Customers).");
            return Ok(());
        };
        if reach.is_unreachable() {
            self.refuse(format!("{} has no e-mail address or phone number", reach.name));
            return Ok(());
        }
        self.overlay = Some(Overlay::Pick(Box::new(Pick {
            verb,
            reach,
            theme: self.theme,
        })));
        Ok(())
    }

    /// Whom the quick actions reach on this screen: the customer on the card as shown,
    /// else the selected row's, as stored.
    fn target_reach(&self) -> anyhow::Result<Option<Reach>> {
        if let (Screen::Customer, Some(card)) = (self.screen, &self.customer) {
            return Ok(Some(Reach::of_customer(&card.customer)));
        }
        let Some((id, _)) = self.target_customer() else {
            return Ok(None);
        };
        Ok(self.store.customer(id)?.as_ref().map(Reach::of_customer))
    }

    /// `e` or `p` after `y` or `O`: copies or opens it, or says it is missing.
    pub(super) fn reach(&mut self, means: Means) {
        let Some(Overlay::Pick(pick)) = self.overlay.take() else {
            return;
        };
        let done = match pick.verb {
            Verb::Copy => pick.reach.get(means).map(|value| {
                self.terminal_output.push_str(&clipboard::osc52(value, self.host));
                format!("Copied {value} to the clipboard")
            }),
            Verb::Open => pick.reach.uri(means).and_then(|uri| {
                opener::open(&mut *self.opener, opener::Os::current(), &uri)
                    .map(|o| format!("Opened {uri} with {}", o.program))
                    .map_err(|e| e.0)
            }),
        };
        match done {
            Ok(said) => self.say(said),
            Err(refusal) => self.refuse(refusal),
        }
    }

    /// What the app has to write on the terminal besides its frames (the clipboard's
    /// escape), taken: the loop writes it on the app's own output.
    pub fn take_terminal_output(&mut self) -> String {
        std::mem::take(&mut self.terminal_output)
    }
}
