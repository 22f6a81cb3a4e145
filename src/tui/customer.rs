//! The Customer screen's state: one customer's card (`app::customer`), the selected
//! follow-up and the look. It reads the book through the use case; drawing it
//! (ui/customer/) needs nothing but this.

use super::theme::Look;
use crate::app::customer::CustomerCard;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::moment::Moment;
use crate::domain::nudge::Nudge;
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};
use crate::store::{Book, Interaction};

/// How much of the timeline the card loads.
const TIMELINE: usize = 50;

pub struct CustomerView {
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
    /// The names of the customers merged into this one.
    pub also_known_as: Vec<String>,
    /// What money is counted in.
    pub currency: String,
    pub look: Look,
}

impl CustomerView {
    pub fn load(
        store: &dyn Book,
        customer_id: i64,
        look: Look,
        config: &Config,
    ) -> anyhow::Result<CustomerView> {
        let card = CustomerCard::load(store, customer_id, look.now, config, TIMELINE)?;
        Ok(CustomerView::of(card, look, config))
    }

    fn of(card: CustomerCard, look: Look, config: &Config) -> CustomerView {
        CustomerView {
            customer: card.customer,
            follow_ups: card.follow_ups,
            timeline: card.timeline,
            moments: card.moments,
            triggers: card.triggers,
            why: card.why.terms,
            also_known_as: card.also_known_as,
            selected: 0,
            currency: config.money.currency.clone(),
            look,
        }
    }

    /// Re-reads everything; `None` when the customer is gone (an undone add).
    pub fn reload(
        &self,
        store: &dyn Book,
        now: Now,
        config: &Config,
    ) -> anyhow::Result<Option<CustomerView>> {
        let Some(customer) = store.customer(self.customer.id)? else {
            return Ok(None);
        };
        let look = Look { now, ..self.look };
        let mut fresh = CustomerView::of(
            CustomerCard::of(store, customer, now, config, TIMELINE)?,
            look,
            config,
        );
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
