//! How urgent a customer is: one customer's urgency term by term (`why`, the card), and the
//! whole book ranked by it (`list --sort urgency`, the customers screen's `o`). A
//! customer's urgency is the sum of their nudges (`nudge::urgency`); knows neither the
//! screen nor the command line.

use std::collections::{HashMap, HashSet};

use super::nudges::{StreamNudges, add_nudges, customer_rules, window};
use crate::clock::Now;
use crate::config::Config;
use crate::domain::moment::Moment;
use crate::domain::nudge::{self, Nudge, NudgeSnooze, Quiet, Rules, Thread};
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

/// What a customer's nudges are read from besides the customer row: their open
/// follow-ups, moments and triggers, and who their recent contacts were all with.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub follow_ups: &'a [FollowUp],
    pub moments: &'a [Moment],
    pub triggers: &'a [Trigger],
    pub thread: Option<&'a Thread>,
}

impl Why {
    /// The urgency of `customer` given `facts`.
    pub fn of(
        customer: &Customer,
        facts: &Facts<'_>,
        snoozed: &[NudgeSnooze],
        now: Now,
        rules: &Rules,
    ) -> Why {
        let today = now.today();
        let mut terms = customer_rules(customer, now, rules);
        terms.extend(
            facts
                .follow_ups
                .iter()
                .filter_map(|f| nudge::follow_up(f, customer, today, rules)),
        );
        terms.extend(
            facts
                .moments
                .iter()
                .filter_map(|m| nudge::moment(m, customer, today, rules)),
        );
        terms.extend(
            facts
                .triggers
                .iter()
                .filter_map(|t| nudge::trigger(t, customer, now.utc, now.zone(), rules)),
        );
        terms.extend(
            facts
                .thread
                .and_then(|t| nudge::single_threaded(customer, t, rules)),
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

/// Who `customer`'s recent contacts were all with, as the single-threaded rule reads it.
pub(crate) fn thread(
    store: &dyn Book,
    now: Now,
    config: &Config,
    customer: &Customer,
) -> anyhow::Result<Option<Thread>> {
    store.thread_of(customer.id, config.nudge.single_threaded_since(now.utc))
}

/// The urgency of `customer` read from the store; `snoozed` as given.
fn read(
    store: &dyn Book,
    now: Now,
    config: &Config,
    customer: &Customer,
    snoozed: &[NudgeSnooze],
) -> anyhow::Result<Why> {
    let thread = thread(store, now, config, customer)?;
    let facts = Facts {
        follow_ups: &store.open_follow_ups(customer.id)?,
        moments: &store.moments_of(customer.id)?,
        triggers: &store.triggers_of(customer.id)?,
        thread: thread.as_ref(),
    };
    Ok(Why::of(customer, &facts, snoozed, now, &config.nudge))
}

/// Every nudge for one customer, highest first: `touchbase why`.
pub fn why(store: &dyn Book, now: Now, config: &Config, customer: &Customer) -> anyhow::Result<Why> {
    let snoozed = store.nudge_snoozes_of(customer.id, now.today())?;
    read(store, now, config, customer, &snoozed)
}

/// Every nudge `customer` has now, the snoozed ones too, highest first: what a snooze
/// can name.
pub(crate) fn unsnoozed(
    store: &dyn Book,
    now: Now,
    config: &Config,
    customer: &Customer,
) -> anyhow::Result<Vec<Nudge>> {
    Ok(read(store, now, config, customer, &[])?.terms)
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
