//! What needs doing now: reads the due candidates from the store and turns them into ranked
//! nudges with the domain rules. Shared by `touchbase due` and the TUI's agenda.

use crate::clock::Now;
use crate::config::Config;
use crate::domain::nudge::{self, Nudge};
use crate::store::Store;

pub struct Due {
    /// Highest score first.
    pub nudges: Vec<Nudge>,
    /// How many more there are beyond `nudges`.
    pub more: usize,
}

/// The top `limit` nudges (`None`: all of them).
pub fn due(store: &Store, now: Now, config: &Config, limit: Option<usize>) -> anyhow::Result<Due> {
    // SQLite takes a LIMIT as i64.
    let limit = limit.unwrap_or(i64::MAX as usize);
    let today = now.today();
    let weights = &config.nudge.weights;
    let (follow_ups, follow_ups_total) = store.follow_ups_due(today, limit)?;
    let (stale, stale_total) = store.cadence_overdue(now.utc, limit)?;
    let mut nudges: Vec<Nudge> = follow_ups
        .iter()
        .filter_map(|c| nudge::follow_up(&c.follow_up, &c.customer, today, weights))
        .chain(
            stale
                .iter()
                .filter_map(|c| nudge::cadence(&c.customer, now.utc, weights)),
        )
        .collect();
    nudge::rank(&mut nudges);
    nudges.truncate(limit);
    let more = (follow_ups_total + stale_total).saturating_sub(nudges.len());
    Ok(Due { nudges, more })
}
