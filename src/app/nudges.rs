//! From the store's candidate walks to nudges: what each walk is read for and how its rows
//! become nudges with the domain rules. Shared by the agenda and the urgency read models;
//! knows the walks' contract, not how the store runs them.

use std::collections::HashSet;

use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::nudge::{self, Nudge, Quiet, Rules};
use crate::store::{Rows, Stream, Window};

/// What the candidate walks need to know of the clock and the rules.
pub(super) fn window(now: Now, rules: &Rules) -> Window {
    let today = now.today();
    Window {
        today,
        now: now.utc,
        moments_through: rules.prepare_through(today),
        complaints_before: rules.complaints_before(now.utc),
        loyalty_before: rules.loyalty_before(now.utc),
        loyal_if_added_before: rules.loyal_if_added_before(now.utc),
        single_threaded_since: rules.single_threaded_since(now.utc),
    }
}

/// The nudges of some streams' rows, and how many follow-ups and customers past their
/// cadence they came from.
#[derive(Default)]
pub(super) struct StreamNudges {
    pub nudges: Vec<Nudge>,
    pub follow_ups: usize,
    pub cadence: usize,
}

/// The nudges of the streams' rows but those `quiet` keeps snoozed, each customer's rules
/// once.
pub(super) fn from_streams(
    streams: &[Stream],
    rows: &[Rows],
    now: Now,
    rules: &Rules,
    quiet: &Quiet,
) -> StreamNudges {
    let mut found = StreamNudges::default();
    let mut seen = HashSet::new();
    for (stream, rows) in streams.iter().zip(rows) {
        add_nudges(*stream, rows, now, rules, quiet, &mut seen, &mut found);
    }
    found
}

/// Adds the nudges of one stream's rows to `found`, but those `quiet` keeps snoozed; the
/// rules of customers in `seen` were applied already.
///
/// A snoozed nudge is dropped here, after the walk, not from the walk's rows: the rows
/// stay as the store handed them out, so `bound` and "was the stream read to its limit"
/// still hold for the agenda's reading only what can make the top.
pub(super) fn add_nudges(
    stream: Stream,
    rows: &Rows,
    now: Now,
    rules: &Rules,
    quiet: &Quiet,
    seen: &mut HashSet<i64>,
    found: &mut StreamNudges,
) {
    let start = found.nudges.len();
    add_all_nudges(stream, rows, now, rules, seen, found);
    let added = found.nudges.split_off(start);
    found.nudges.extend(added.into_iter().filter(|n| !quiet.hides(n)));
}

fn add_all_nudges(
    stream: Stream,
    rows: &Rows,
    now: Now,
    rules: &Rules,
    seen: &mut HashSet<i64>,
    found: &mut StreamNudges,
) {
    let today = now.today();
    let nudges = &mut found.nudges;
    match rows {
        Rows::FollowUps(follow_ups) => {
            found.follow_ups += follow_ups.len();
            nudges.extend(
                follow_ups
                    .iter()
                    .filter_map(|(f, cu)| nudge::follow_up(f, cu, today, rules)),
            );
        }
        Rows::Customers(customers) => {
            if matches!(stream, Stream::Cadence { .. }) {
                found.cadence += customers.len();
            }
            for customer in customers.iter().filter(|cu| seen.insert(cu.id)) {
                nudges.extend(customer_rules(customer, now, rules));
            }
        }
        Rows::Moments(moments) => nudges.extend(
            moments
                .iter()
                .filter_map(|(m, cu)| nudge::moment(m, cu, today, rules)),
        ),
        Rows::Triggers(triggers) => nudges.extend(
            triggers
                .iter()
                .filter_map(|(t, cu)| nudge::trigger(t, cu, now.utc, now.zone(), rules)),
        ),
        Rows::Threads(threads) => nudges.extend(
            threads
                .iter()
                .filter_map(|(t, cu)| nudge::single_threaded(cu, t, rules)),
        ),
    }
}

/// The score of the nudge the stream's last row was read for: no later row of the stream
/// scores more. `None` when there is no such nudge to go by.
pub(super) fn bound(stream: Stream, rows: &Rows, now: Now, rules: &Rules) -> Option<f64> {
    let kind = stream.kind();
    let last = match rows {
        Rows::FollowUps(follow_ups) => {
            let (f, cu) = follow_ups.last()?;
            nudge::follow_up(f, cu, now.today(), rules)
        }
        Rows::Customers(customers) => customer_rules(customers.last()?, now, rules)
            .into_iter()
            .find(|n| n.kind == kind),
        Rows::Moments(moments) => {
            let (m, cu) = moments.last()?;
            nudge::moment(m, cu, now.today(), rules)
        }
        Rows::Triggers(triggers) => {
            let (t, cu) = triggers.last()?;
            nudge::trigger(t, cu, now.utc, now.zone(), rules)
        }
        Rows::Threads(threads) => {
            let (t, cu) = threads.last()?;
            nudge::single_threaded(cu, t, rules)
        }
    };
    last.filter(|n| n.kind == kind).map(|n| n.score)
}

/// The rules that need only the customer row and its summary.
pub(super) fn customer_rules(customer: &Customer, now: Now, rules: &Rules) -> Vec<Nudge> {
    // A paused customer's cadence does not count (the store's cadence walks skip them too).
    let mut out: Vec<Nudge> = if customer.paused_on(now.today()).is_some() {
        Vec::new()
    } else {
        nudge::cadence(customer, now.utc, rules).into_iter().collect()
    };
    out.extend(nudge::balance(customer, now.utc, rules));
    out.extend(nudge::satisfaction(customer, now.zone(), rules));
    out
}
