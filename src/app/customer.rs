//! One customer's card: the customer with their open follow-ups, timeline, buying
//! process, triggers, latest gives/asks and orders, people and when each was last in
//! touch, and urgency, read once for `touchbase show` and the Customer screen.
//! Knows neither how they print nor how they draw it. Finding, adding and editing
//! customers is `customers`'s.

use chrono::{DateTime, Utc};

use super::urgency::{Facts, Why};
use crate::clock::Now;
use crate::config::Config;
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::Moment;
use crate::domain::person::Person;
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};
use crate::store::{Book, Interaction, Order};

#[derive(Debug, Clone, PartialEq)]
pub struct CustomerCard {
    pub customer: Customer,
    /// Open follow-ups, soonest first.
    pub follow_ups: Vec<FollowUp>,
    /// The latest contacts, newest first.
    pub timeline: Vec<Interaction>,
    /// The buying process, in date order.
    pub moments: Vec<Moment>,
    /// Open triggers first.
    pub triggers: Vec<Trigger>,
    /// The latest gives and asks, newest first, as many as the timeline.
    pub entries: Vec<BalanceEntry>,
    /// The latest orders, newest first, as many as the timeline.
    pub orders: Vec<Order>,
    /// The customer's urgency, term by term.
    pub why: Why,
    /// The names of the customers merged into this one, oldest first.
    pub also_known_as: Vec<String>,
    /// The people at the customer: main first, then by name, then who left.
    pub people: Vec<Person>,
    /// When each person was last in touch (a contact, not a note), by person id; contacts
    /// with no person recorded (logged before people were) count as the main contact's.
    pub last_contacts: Vec<(i64, DateTime<Utc>)>,
}

/// When `last` (a card's `last_contacts`) says the contacts were last with `person`, if
/// ever.
pub fn last_contact_with(last: &[(i64, DateTime<Utc>)], person: &Person) -> Option<DateTime<Utc>> {
    last.iter().find(|(id, _)| *id == person.id).map(|(_, at)| *at)
}

/// Each person's last contact, by person id: who it was with, else the main contact.
pub(crate) fn by_person(
    people: &[Person],
    last: Vec<(Option<i64>, DateTime<Utc>)>,
) -> Vec<(i64, DateTime<Utc>)> {
    let main = people.iter().find(|p| p.main).map(|p| p.id);
    let mut out: Vec<(i64, DateTime<Utc>)> = Vec::with_capacity(last.len());
    for (id, at) in last {
        let Some(id) = id.or(main) else { continue };
        match out.iter_mut().find(|(seen, _)| *seen == id) {
            Some(entry) => entry.1 = entry.1.max(at),
            None => out.push((id, at)),
        }
    }
    out
}

impl CustomerCard {
    /// The card of the customer with `id`, with at most `timeline` contacts.
    pub fn load(
        store: &dyn Book,
        id: i64,
        now: Now,
        config: &Config,
        timeline: usize,
    ) -> anyhow::Result<CustomerCard> {
        CustomerCard::of(store, store.require_customer(id)?, now, config, timeline)
    }

    /// The card of `customer`, as just read, with at most `timeline` contacts (and as
    /// many gives/asks and orders).
    pub fn of(
        store: &dyn Book,
        customer: Customer,
        now: Now,
        config: &Config,
        timeline: usize,
    ) -> anyhow::Result<CustomerCard> {
        let follow_ups = store.open_follow_ups(customer.id)?;
        let entries = store.entries_of(customer.id, timeline)?;
        let orders = store.orders_of(customer.id, timeline)?;
        let timeline = store.interactions(customer.id, timeline)?;
        let moments = store.moments_of(customer.id)?;
        let triggers = store.triggers_of(customer.id)?;
        let snoozed = store.nudge_snoozes_of(customer.id, now.today())?;
        let thread = super::urgency::thread(store, now, config, &customer)?;
        let facts = Facts {
            follow_ups: &follow_ups,
            moments: &moments,
            triggers: &triggers,
            thread: thread.as_ref(),
        };
        let why = Why::of(&customer, &facts, &snoozed, now, &config.nudge);
        let also_known_as = store.former_names(customer.id)?;
        let people = store.people_of(customer.id)?;
        let last_contacts = by_person(&people, store.last_contacts(customer.id)?);
        Ok(CustomerCard {
            customer,
            follow_ups,
            timeline,
            moments,
            triggers,
            entries,
            orders,
            why,
            also_known_as,
            people,
            last_contacts,
        })
    }
}
