//! The customer card's state: one customer, their open follow-ups and timeline.

use crate::clock::Now;
use crate::config::Config;
use crate::domain::moment::Moment;
use crate::domain::nudge::Nudge;
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};
use crate::store::{Book, Interaction};

/// How much of the timeline the card loads.
const TIMELINE: usize = 50;

pub struct CardView {
    pub customer: Customer,
    pub follow_ups: Vec<FollowUp>,
    pub timeline: Vec<Interaction>,
    /// The buying process, in date order.
    pub moments: Vec<Moment>,
    /// Open triggers first.
    pub triggers: Vec<Trigger>,
    /// The customer's urgency, term by term.
    pub why: Vec<Nudge>,
    /// The selected open follow-up.
    pub selected: usize,
}

impl CardView {
    pub fn load(store: &dyn Book, customer_id: i64, now: Now, config: &Config) -> anyhow::Result<CardView> {
        let customer = store.require_customer(customer_id)?;
        Ok(CardView {
            why: crate::agenda::why(store, now, config, &customer)?,
            customer,
            follow_ups: store.open_follow_ups(customer_id)?,
            timeline: store.interactions(customer_id, TIMELINE)?,
            moments: store.moments_of(customer_id)?,
            triggers: store.triggers_of(customer_id)?,
            selected: 0,
        })
    }

    /// Re-reads everything; `None` when the customer is gone (an undone add).
    pub fn reload(&self, store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<Option<CardView>> {
        if store.customer(self.customer.id)?.is_none() {
            return Ok(None);
        }
        let mut fresh = CardView::load(store, self.customer.id, now, config)?;
        fresh.selected = self.selected.min(fresh.follow_ups.len().saturating_sub(1));
        Ok(Some(fresh))
    }

    pub fn selected_follow_up(&self) -> Option<&FollowUp> {
        self.follow_ups.get(self.selected)
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.follow_ups.len().saturating_sub(1));
    }
}
