//! How urgent a customer is: one customer's urgency term by term (`why`, the card), and the
//! whole book ranked by it (`list --sort urgency`, the customers screen's `o`). A
//! customer's urgency is the sum of their nudges (`nudge::urgency`); knows neither the
//! screen nor the command line.

use std::collections::{HashMap, HashSet};

use super::nudges::{StreamNudges, add_nudges, customer_rules, window};
use crate::clock::Now;
use crate::config::Config;
use crate::domain::moment::Moment;
use crate::domain::nudge::{self, Nudge, NudgeSnooze, Quiet, Rules};
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};
use crate::store::Book;

/// One customer's urgency, term by term.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// Every nudge for the customer, highest first.
    pub terms: Vec<Nudge>,
    /// Their sum.
    pub total: f64,
    /// What the customer's value tier multiplies each score by (1 for tier 0).
    pub lift: f64,
    /// The customer's nudges snoozed today, left out of `terms`; soonest to wake first.
    pub snoozed: Vec<NudgeSnooze>,
}

impl Why {
    /// The urgency of `customer` given their open follow-ups, moments and triggers.
    pub fn of(
        customer: &Customer,
        follow_ups: &[FollowUp],
        moments: &[Moment],
        triggers: &[Trigger],
        snoozed: &[NudgeSnooze],
        now: Now,
        rules: &Rules,
    ) -> Why {
        let today = now.today();
        let mut terms = customer_rules(customer, now, rules);
        terms.extend(
            follow_ups
                .iter()
                .filter_map(|f| nudge::follow_up(f, customer, today, rules)),
        );
        terms.extend(
            moments
                .iter()
                .filter_map(|m| nudge::moment(m, customer, today, rules)),
        );
        terms.extend(
            triggers
                .iter()
                .filter_map(|t| nudge::trigger(t, customer, now.utc, now.zone(), rules)),
        );
        let quiet = Quiet::of(snoozed);
        terms.retain(|n| !quiet.hides(n));
        nudge::rank(&mut terms);
        Why {
            total: nudge::urgency(&terms),
            lift: nudge::value_lift(customer, rules),
            terms,
            snoozed: snoozed.to_vec(),
        }
    }
}

/// Every nudge for one customer, highest first: `touchbase why`.
pub fn why(store: &dyn Book, now: Now, config: &Config, customer: &Customer) -> anyhow::Result<Why> {
    Ok(Why::of(
        customer,
        &store.open_follow_ups(customer.id)?,
        &store.moments_of(customer.id)?,
        &store.triggers_of(customer.id)?,
        &store.nudge_snoozes_of(customer.id, now.today())?,
        now,
        &config.nudge,
    ))
}

/// Every nudge `customer` has now, the snoozed ones too, highest first: what a snooze
/// can name.
pub(crate) fn unsnoozed(
    store: &dyn Book,
    now: Now,
    config: &Config,
    customer: &Customer,
) -> anyhow::Result<Vec<Nudge>> {
    Ok(Why::of(
        customer,
        &store.open_follow_ups(customer.id)?,
        &store.moments_of(customer.id)?,
        &store.triggers_of(customer.id)?,
        &[],
        now,
        &config.nudge,
    )
    .terms)
}

/// Every customer's urgency (the sum of their nudges), for those that have any. Read a
/// stream at a time, so a large book never has all its nudges in memory at once.
pub fn urgencies(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<HashMap<i64, f64>> {
    let rules = &config.nudge;
    let w = window(now, rules);
    let quiet = Quiet::of(&store.nudge_snoozes_holding(now.today())?);
    let mut seen = HashSet::new();
    let mut urgency: HashMap<i64, f64> = HashMap::new();
    for stream in store.nudge_streams()? {
        // SQLite takes a LIMIT as i64.
        let rows = store.stream_rows(stream, &w, i64::MAX as usize)?;
        let mut found = StreamNudges::default();
        add_nudges(stream, &rows, now, rules, &quiet, &mut seen, &mut found);
        for n in found.nudges {
            *urgency.entry(n.customer_id).or_default() += n.score;
        }
    }
    Ok(urgency)
}

/// The book's order by urgency: most urgent first, and those equally urgent (no nudge at
/// all, say) in the order they came in, which is by last contact.
pub struct Ranking {
    urgency: HashMap<i64, f64>,
}

impl Ranking {
    pub fn of(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<Ranking> {
        Ok(Ranking {
            urgency: urgencies(store, now, config)?,
        })
    }

    /// A customer's urgency; 0 without a nudge.
    pub fn urgency(&self, customer_id: i64) -> f64 {
        self.urgency.get(&customer_id).copied().unwrap_or(0.0)
    }

    /// Puts `items`, given in last-contact order, in this order.
    pub fn sort<T>(&self, items: &mut [T], customer_id: impl Fn(&T) -> i64) {
        items.sort_by(|a, b| {
            self.urgency(customer_id(b))
                .total_cmp(&self.urgency(customer_id(a)))
        });
    }
}

/// Every active customer's id, most urgent first.
pub fn ranked_ids(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<Vec<i64>> {
    let ranking = Ranking::of(store, now, config)?;
    let mut ids = store.customer_ids()?;
    ranking.sort(&mut ids, |id| *id);
    Ok(ids)
}
