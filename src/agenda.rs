//! What needs doing now: reads the candidates from the store and turns them into ranked
//! nudges with the domain rules. Shared by `touchbase due`, `why`, and the TUI's agenda.

use std::collections::HashSet;

use chrono::Duration;

use crate::clock::Now;
use crate::config::Config;
use crate::domain::Customer;
use crate::domain::nudge::{self, Nudge, Rules};
use crate::store::{Store, Window};

pub struct Due {
    /// Highest score first.
    pub nudges: Vec<Nudge>,
    /// How many more there are beyond `nudges` (at least).
    pub more: usize,
}

/// The top `limit` nudges (`None`: all of them).
pub fn due(store: &Store, now: Now, config: &Config, limit: Option<usize>) -> anyhow::Result<Due> {
    let mut due = scored(store, now, config, limit)?;
    let loaded = due.nudges.len();
    due.nudges.truncate(limit.unwrap_or(usize::MAX));
    due.more += loaded - due.nudges.len();
    Ok(due)
}

/// Every candidate nudge scored and ranked: at least the top `limit` of each kind (and
/// value tier), so any top `limit` taken from it is exact.
pub fn scored(store: &Store, now: Now, config: &Config, limit: Option<usize>) -> anyhow::Result<Due> {
    let rules = &config.nudge;
    // SQLite takes a LIMIT as i64.
    let limit = limit.unwrap_or(i64::MAX as usize);
    let today = now.today();
    let c = store.nudge_candidates(&Window {
        today,
        now: now.utc,
        moments_through: today + Duration::days(rules.preparation_days),
        complaints_before: now.utc - Duration::days(rules.complaint_days),
        loyalty_before: now.utc - Duration::days(rules.loyalty_days),
        limit,
    })?;
    let mut nudges: Vec<Nudge> = Vec::new();
    nudges.extend(
        c.follow_ups
            .iter()
            .filter_map(|(f, cu)| nudge::follow_up(f, cu, today, rules)),
    );
    nudges.extend(
        c.moments
            .iter()
            .filter_map(|(m, cu)| nudge::moment(m, cu, today, rules)),
    );
    nudges.extend(
        c.triggers
            .iter()
            .filter_map(|(t, cu)| nudge::trigger(t, cu, now.utc, rules)),
    );
    let mut seen = HashSet::new();
    for customer in c.customers.iter().filter(|cu| seen.insert(cu.id)) {
        nudges.extend(customer_rules(customer, now, rules));
    }
    nudge::rank(&mut nudges);
    Ok(Due {
        more: c.unloaded,
        nudges,
    })
}

/// The rules that need only the customer row and its summary.
fn customer_rules(customer: &Customer, now: Now, rules: &Rules) -> Vec<Nudge> {
    let mut out: Vec<Nudge> = nudge::cadence(customer, now.utc, rules).into_iter().collect();
    out.extend(nudge::balance(customer, now.utc, rules));
    out.extend(nudge::satisfaction(customer, rules));
    out
}

/// Every nudge for one customer, highest first: their urgency, term by term.
pub fn why(store: &Store, now: Now, config: &Config, customer: &Customer) -> anyhow::Result<Vec<Nudge>> {
    let rules = &config.nudge;
    let today = now.today();
    let mut nudges = customer_rules(customer, now, rules);
    for f in store.open_follow_ups(customer.id)? {
        nudges.extend(nudge::follow_up(&f, customer, today, rules));
    }
    for m in store.moments_of(customer.id)? {
        nudges.extend(nudge::moment(&m, customer, today, rules));
    }
    for t in store.triggers_of(customer.id)? {
        nudges.extend(nudge::trigger(&t, customer, now.utc, rules));
    }
    nudge::rank(&mut nudges);
    Ok(nudges)
}
