//! The demo's content, embedded from `assets/demo/`: the hand-written customers and the
//! pools that generated histories draw from. Parsing and checking only; no dates, no store.

pub(super) use crate::domain::moment::MomentStatus as Status;
pub(super) use crate::domain::trigger::TriggerKind;
use anyhow::{Context as _, ensure};
use serde::{Deserialize, Deserializer};

use crate::domain::Kind;

const CUSTOMERS: &str = include_str!("../../assets/demo/customers.toml");
const POOLS: &str = include_str!("../../assets/demo/pools.toml");

/// Everything the demo is written from.
pub(super) struct Content {
    pub customers: Vec<Customer>,
    pub pools: Pools,
}

impl Content {
    pub fn load() -> anyhow::Result<Content> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Book {
            customer: Vec<Customer>,
        }
        let book: Book = toml::from_str(CUSTOMERS).context("reading assets/demo/customers.toml")?;
        let pools: Pools = toml::from_str(POOLS).context("reading assets/demo/pools.toml")?;
        pools.check().context("checking assets/demo/pools.toml")?;
        Ok(Content {
            customers: book.customer,
            pools,
        })
    }
}

/// A hand-written customer and their story. Days are relative to today (negative: past).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Customer {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    /// The main contact's role, and a mobile number beside `phone` (then the office one).
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub mobile: String,
    /// The other people at the account; contacts and moments name them by name.
    #[serde(default)]
    pub people: Vec<PersonData>,
    /// Every generated contact is with the main contact.
    #[serde(default)]
    pub single_threaded: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    pub cadence: u32,
    #[serde(default)]
    pub notes: String,
    /// The last generated contact; `None` picks one within the cadence.
    pub last_contact: Option<i64>,
    #[serde(default)]
    pub never_contacted: bool,
    pub created: Option<i64>,
    #[serde(default)]
    pub value: Value,
    pub mood: Option<u8>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    #[serde(default)]
    pub moments: Vec<Moment>,
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    #[serde(default)]
    pub gives: Vec<Entry>,
    #[serde(default)]
    pub asks: Vec<Entry>,
}

/// A person at a hand-written account besides the main contact.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PersonData {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub notes: String,
    /// The day they joined (none: before the story begins).
    pub since: Option<i64>,
    /// The day they left, and where to ("" when not said).
    pub left: Option<i64>,
    #[serde(default)]
    pub left_to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Contact {
    /// Whom it was with, by name; none: the main contact.
    pub with: Option<String>,
    pub on: i64,
    #[serde(deserialize_with = "kind")]
    pub kind: Kind,
    pub note: String,
    pub satisfaction: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FollowUp {
    pub text: String,
    pub due: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Moment {
    pub title: String,
    pub expected: i64,
    pub planned: i64,
    #[serde(default)]
    pub concerns: String,
    #[serde(default)]
    pub steps: String,
    #[serde(default)]
    pub response: String,
    #[serde(default)]
    pub status: Status,
    pub closed: Option<i64>,
    /// The people taking part, by name (the customer's own name is the main contact).
    #[serde(default)]
    pub decides: Vec<String>,
    #[serde(default)]
    pub signs: Vec<String>,
    #[serde(default)]
    pub champion: Vec<String>,
    #[serde(default)]
    pub involved: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Trigger {
    pub kind: TriggerKind,
    pub note: String,
    pub opened: i64,
    pub resolved: Option<i64>,
    /// For a reactional trigger: the satisfaction recorded on its complaint.
    pub satisfaction: Option<u8>,
}

/// A give or an ask on the balance ledger.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Entry {
    pub note: String,
    pub on: i64,
    pub weight: u8,
    #[serde(default)]
    pub gift: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Value {
    #[default]
    None,
    Low,
    Mid,
    High,
}

fn kind<'de, D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
    String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Pools {
    pub customer_notes: Vec<String>,
    pub follow_ups: Vec<String>,
    pub order_notes: Vec<String>,
    pub notes: Notes,
    pub moment: Vec<MomentTemplate>,
    pub triggers: Triggers,
    pub give: Vec<Favour>,
    pub ask: Vec<Favour>,
    pub country: Vec<Country>,
}

/// What a contact of each kind was about.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Notes {
    pub call: Vec<String>,
    pub email: Vec<String>,
    pub meeting: Vec<String>,
    pub visit: Vec<String>,
    pub message: Vec<String>,
    pub note: Vec<String>,
}

impl Notes {
    /// Notes for a kind of routine contact; gifts and complaints come with their own.
    pub fn of(&self, kind: Kind) -> &[String] {
        match kind {
            Kind::Call | Kind::Gift | Kind::Complaint => &self.call,
            Kind::Email => &self.email,
            Kind::Meeting => &self.meeting,
            Kind::Visit => &self.visit,
            Kind::Message => &self.message,
            Kind::Note => &self.note,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MomentTemplate {
    pub title: String,
    pub concerns: String,
    pub steps: String,
    pub response: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Triggers {
    pub situational: Vec<String>,
    pub reactional: Vec<String>,
    pub influential: Vec<String>,
}

impl Triggers {
    pub fn of(&self, kind: TriggerKind) -> &[String] {
        match kind {
            TriggerKind::Situational => &self.situational,
            TriggerKind::Reactional => &self.reactional,
            TriggerKind::Influential => &self.influential,
        }
    }
}

/// A give or an ask the generator can pick; a gift is also logged as a gift contact.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Favour {
    pub note: String,
    pub weight: u8,
    #[serde(default)]
    pub gift: bool,
}

/// Names, phone prefixes and company forms generated customers are made of.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Country {
    pub tld: String,
    pub phones: Vec<String>,
    /// What generated people do at their account, in the country's words.
    pub roles: Vec<String>,
    pub first: Vec<String>,
    pub last: Vec<String>,
    pub stems: Vec<String>,
    pub forms: Vec<Form>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Form {
    /// "Logistiek BV": follows the stem in the company name.
    pub suffix: String,
    /// "logistiek": the second half of the web domain.
    pub web: String,
    pub tag: String,
}

impl Pools {
    /// The generator picks from every pool by index, so none may be empty.
    fn check(&self) -> anyhow::Result<()> {
        let n = &self.notes;
        let t = &self.triggers;
        let lists = [
            ("customer_notes", self.customer_notes.len()),
            ("follow_ups", self.follow_ups.len()),
            ("order_notes", self.order_notes.len()),
            ("notes.call", n.call.len()),
            ("notes.email", n.email.len()),
            ("notes.meeting", n.meeting.len()),
            ("notes.visit", n.visit.len()),
            ("notes.message", n.message.len()),
            ("notes.note", n.note.len()),
            ("moment", self.moment.len()),
            ("triggers.situational", t.situational.len()),
            ("triggers.reactional", t.reactional.len()),
            ("triggers.influential", t.influential.len()),
            ("give", self.give.len()),
            ("ask", self.ask.len()),
            ("country", self.country.len()),
        ];
        for (name, len) in lists {
            ensure!(len > 0, "the pool '{name}' is empty");
        }
        for c in &self.country {
            for (name, len) in [
                ("phones", c.phones.len()),
                ("roles", c.roles.len()),
                ("first", c.first.len()),
                ("last", c.last.len()),
                ("stems", c.stems.len()),
                ("forms", c.forms.len()),
            ] {
                ensure!(len > 0, "the pool '{name}' of country '{}' is empty", c.tld);
            }
        }
        Ok(())
    }
}
