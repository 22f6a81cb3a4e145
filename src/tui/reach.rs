//! The quick actions on the selected customer's e-mail address and phone number: `y`
//! copies one to the clipboard (OSC 52, written on the terminal app's own output by the
//! loop), `O` opens it as `mailto:` or `tel:` with the system's opener; after either, `e`
//! or `p` says which. The bytes and the command are `deliver`'s; whom to reach is a
//! [`Reach`]: the person selected on the card, the person to contact of the Week's item
//! (`domain::contact_person`, as the week export names them), else the customer.

use super::action::{Screen, Verb};
use super::app::{App, Overlay};
use super::theme::Theme;
use crate::deliver::{clipboard, opener};
use crate::domain::person::Person;
use crate::domain::reach::{Means, Reach};
use crate::domain::text::sanitize;
use crate::domain::week::Item;

/// The question after `y` or `O`: which of the two, shown where the status line goes.
pub struct Pick {
    pub verb: Verb,
    pub reach: Reach,
    /// The person reached, by id, when it is one: a refusal says how to add what they lack.
    pub person: Option<i64>,
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

    /// The refusal when `means` is missing, with how to add it for a person.
    fn lacks(&self, refusal: String, means: Means) -> String {
        match self.person {
            Some(id) => format!("{refusal}{}", add_one(id, Some(means))),
            None => refusal,
        }
    }

    /// The ways this customer lacks, whose keys the footer leaves out.
    pub(crate) fn missing(&self) -> impl Iterator<Item = Means> + '_ {
        [Means::Email, Means::Phone]
            .into_iter()
            .filter(|m| self.reach.get(*m).is_err())
    }
}

/// " — add one: touchbase person edit 12 --phone NUMBER": the terminal app has no form
/// for a person yet, the command line has.
fn add_one(person_id: i64, means: Option<Means>) -> String {
    let flag = match means {
        Some(Means::Email) => "--email ADDRESS",
        Some(Means::Phone) => "--phone NUMBER",
        None => "--email ADDRESS --phone NUMBER",
    };
    format!(" — add one: touchbase person edit {person_id} {flag}")
}

/// What `e` on a selected person says: where a person is edited.
pub(super) fn no_person_form(person: &Person) -> String {
    format!(
        "{} is edited on the command line: touchbase person edit {} --name/--role/--email/--phone/--notes",
        sanitize(&person.name),
        person.id
    )
}

/// A Week item's person to contact, as the export names them; the customer where the
/// item names no one.
fn of_item(item: &Item) -> (Reach, Option<i64>) {
    let name = if item.contact.is_empty() {
        &item.customer
    } else {
        &item.contact
    };
    let reach = Reach {
        name: name.clone(),
        email: item.email.trim().to_string(),
        phone: item.phone.trim().to_string(),
    };
    (reach, item.contact_id)
}

impl App {
    /// `y` or `O`: asks which of the e-mail address and phone number of whom this screen
    /// reaches, or says there is neither.
    pub(super) fn ask_reach(&mut self, verb: Verb) -> anyhow::Result<()> {
        let Some((reach, person)) = self.target_reach()? else {
            self.tell("Select a customer first (2: Customers).");
            return Ok(());
        };
        if reach.is_unreachable() {
            let add = person.map(|id| add_one(id, None)).unwrap_or_default();
            self.refuse(format!(
                "{} has no e-mail address or phone number{add}",
                reach.name
            ));
            return Ok(());
        }
        self.overlay = Some(Overlay::Pick(Box::new(Pick {
            verb,
            reach,
            person,
            theme: self.theme,
        })));
        Ok(())
    }

    /// Whom the quick actions reach on this screen, and the person's id when it is one:
    /// on the card the person selected, else the customer as shown; on the Week the item's
    /// person to contact; else the selected row's customer, as stored.
    fn target_reach(&self) -> anyhow::Result<Option<(Reach, Option<i64>)>> {
        if let (Screen::Customer, Some(card)) = (self.screen, &self.customer) {
            return Ok(Some(match card.selected_person() {
                Some(p) => (Reach::of_person(p), Some(p.id)),
                None => (Reach::of_customer(&card.customer), None),
            }));
        }
        if self.screen == Screen::Week
            && let Some(item) = self.week.as_ref().and_then(|w| w.selected_item())
        {
            return Ok(Some(of_item(item)));
        }
        let Some((id, _)) = self.target_customer() else {
            return Ok(None);
        };
        Ok(self
            .store
            .customer(id)?
            .as_ref()
            .map(|c| (Reach::of_customer(c), None)))
    }

    /// `e` or `p` after `y` or `O`: copies or opens it, or says it is missing.
    pub(super) fn reach(&mut self, means: Means) {
        let Some(Overlay::Pick(pick)) = self.overlay.take() else {
            return;
        };
        let missing = |refusal| pick.lacks(refusal, means);
        let done = match pick.verb {
            Verb::Copy => pick.reach.get(means).map_err(missing).map(|value| {
                self.terminal_output.push_str(&clipboard::osc52(value, self.host));
                format!("Copied {value} to the clipboard")
            }),
            Verb::Open => match pick.reach.get(means) {
                Err(refusal) => Err(missing(refusal)),
                Ok(_) => pick.reach.uri(means).and_then(|uri| {
                    opener::open(&mut *self.opener, opener::Os::current(), &uri)
                        .map(|o| format!("Opened {uri} with {}", o.program))
                        .map_err(|e| e.0)
                }),
            },
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
