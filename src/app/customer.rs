//! One customer's card: the customer with their open follow-ups, timeline, buying
//! process, triggers, latest gives/asks and orders, and urgency, read once for `touchbase show` and the Customer screen.
//! Knows neither how they print nor how they draw it. Finding, adding and editing
//! customers is `customers`'s.

use super::urgency::Why;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::Moment;
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};
use crate::store::{Book, Interaction, Order};

/// How many of the latest gives/asks, and of the latest orders, a card holds.
pub const LEDGER_ROWS: usize = 5;

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
    /// The latest gives and asks, newest first, at most `LEDGER_ROWS`.
    pub entries: Vec<BalanceEntry>,
    /// The latest orders, newest first, at most `LEDGER_ROWS`.
    pub orders: Vec<Order>,
    /// The customer's urgency, term by term.
    pub why: Why,
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

    /// The card of `customer`, as just read, with at most `timeline` contacts.
    pub fn of(
        store: &dyn Book,
        customer: Customer,
        now: Now,
        config: &Config,
        timeline: usize,
    ) -> anyhow::Result<CustomerCard> {
        let follow_ups = store.open_follow_ups(customer.id)?;
        let timeline = store.interactions(customer.id, timeline)?;
        let moments = store.moments_of(customer.id)?;
        let triggers = store.triggers_of(customer.id)?;
        let entries = store.entries_of(customer.id, LEDGER_ROWS)?;
        let orders = store.orders_of(customer.id, LEDGER_ROWS)?;
        let why = Why::of(&customer, &follow_ups, &moments, &triggers, now, &config.nudge);
        Ok(CustomerCard {
            customer,
            follow_ups,
            timeline,
            moments,
            triggers,
            entries,
            orders,
            why,
        })
    }
}
