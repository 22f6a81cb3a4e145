//! What needs doing now: reads the candidates from the store and turns them into ranked
//! nudges with the domain rules. Shared by `touchbase due`, `why`, and the TUI's agenda.

use std::collections::{HashMap, HashSet};

use crate::clock::Now;
use crate::config::Config;
use crate::domain::Customer;
use crate::domain::nudge::{self, Nudge, NudgeKind, Rules};
use crate::store::{Book, Rows, Stream, Window};

#[derive(Default)]
pub struct Due {
    /// Highest score first.
    pub nudges: Vec<Nudge>,
    /// How many more there are beyond `nudges` (at least).
    pub more: usize,
    /// How many follow-ups are overdue, and due today, in all (shown or not).
    pub overdue: usize,
    pub today: usize,
}

/// The top `limit` nudges (`None`: all of them).
pub fn due(store: &dyn Book, now: Now, config: &Config, limit: Option<usize>) -> anyhow::Result<Due> {
    let mut due = scored(store, now, config, limit)?;
    let loaded = due.nudges.len();
    due.nudges.truncate(limit.unwrap_or(usize::MAX));
    due.more += loaded - due.nudges.len();
    Ok(due)
}

/// Rows read from every stream before it is known which streams matter (at least).
const FIRST_ROWS: usize = 8;

/// Every candidate nudge scored and ranked: at least the top `limit` of each agenda
/// section (overdue follow-ups, today's, the other kinds), so any top `limit` taken from
/// it has the scores scoring every candidate would give. (Of several nudges scoring the
/// same as the last one in, which make the cut may differ.)
///
/// Each stream of candidates comes most urgent first. So the first rows of every stream
/// are read, and then the rest of `limit` only from the streams whose last row still
/// scores above the `limit`-th best nudge found in its section: the others cannot beat
/// it. On a large book that reads a fraction of the rows.
pub fn scored(store: &dyn Book, now: Now, config: &Config, limit: Option<usize>) -> anyhow::Result<Due> {
    let rules = &config.nudge;
    let today = now.today();
    let w = window(now, rules);
    // SQLite takes a LIMIT as i64.
    let all = limit.unwrap_or(i64::MAX as usize);
    let streams = store.nudge_streams()?;
    // Enough first rows that each section's streams together can fill its top `limit`.
    let per_section = SECTIONS.map(|s| streams.iter().filter(|&&st| stream_section(st) == s).count());
    let first = |stream: Stream| {
        let share = all.div_ceil(per_section[usize::from(stream_section(stream))].max(1));
        limit.map_or(all, |l| l.min(share.max(FIRST_ROWS)))
    };
    let mut rows = streams
        .iter()
        .map(|&stream| store.stream_rows(stream, &w, first(stream)))
        .collect::<anyhow::Result<Vec<Rows>>>()?;
    if limit.is_some() {
        // The `limit`-th best score of each agenda section so far: the agenda shows the
        // top `limit` of each, `due` the top `limit` of all (which is no lower).
        let found = from_streams(&streams, &rows, now, rules).nudges;
        let threshold = SECTIONS.map(|s| {
            let scores = found.iter().filter(|n| section(n.kind) == s).map(|n| n.score);
            nth_best(scores.collect(), all)
        });
        for (stream, rows) in streams.iter().zip(&mut rows) {
            let full = rows.len() == first(*stream) && first(*stream) < all;
            let bar = threshold[usize::from(stream_section(*stream))];
            if full && bound(*stream, rows, now, rules).is_none_or(|b| b > bar) {
                *rows = store.stream_rows(*stream, &w, all)?;
            }
        }
    }
    let mut found = from_streams(&streams, &rows, now, rules);
    nudge::rank(&mut found.nudges);
    let (overdue, due_today) = store.count_follow_ups_due(today)?;
    let cadence_total = store.count_cadence_overdue(now.utc)?;
    Ok(Due {
        more: (overdue + due_today).saturating_sub(found.follow_ups)
            + cadence_total.saturating_sub(found.cadence),
        nudges: found.nudges,
        overdue,
        today: due_today,
    })
}

/// What the candidate walks need to know of the clock and the rules.
fn window(now: Now, rules: &Rules) -> Window {
    let today = now.today();
    Window {
        today,
        now: now.utc,
        moments_through: rules.prepare_through(today),
        complaints_before: rules.complaints_before(now.utc),
        loyalty_before: rules.loyalty_before(now.utc),
    }
}

/// The agenda's sections: overdue follow-ups (loud), today's, then the other nudges.
const SECTIONS: [u8; 3] = [0, 1, 2];

/// Which section of the agenda a nudge of `kind` goes in.
pub fn section(kind: NudgeKind) -> u8 {
    match kind {
        NudgeKind::FollowUpOverdue => 0,
        NudgeKind::FollowUpToday => 1,
        _ => 2,
    }
}

/// The kind of nudge a stream's rows are read for.
fn own_kind(stream: Stream) -> NudgeKind {
    match stream {
        Stream::Overdue { .. } => NudgeKind::FollowUpOverdue,
        Stream::Today { .. } => NudgeKind::FollowUpToday,
        Stream::Cadence { .. } => NudgeKind::CadenceExceeded,
        Stream::Moments { .. } => NudgeKind::MomentAhead,
        Stream::Complaints { .. } => NudgeKind::ComplaintOpen,
        Stream::Situations { .. } => NudgeKind::SituationUnanswered,
        Stream::Taking { .. } => NudgeKind::TakingTooMuch,
        Stream::Loyal { .. } => NudgeKind::LoyaltyUnrewarded,
        Stream::LessSatisfied { .. } => NudgeKind::SatisfactionDrop,
    }
}

fn stream_section(stream: Stream) -> u8 {
    section(own_kind(stream))
}

/// The nudges of some streams' rows, and how many follow-ups and customers past their
/// cadence they came from.
#[derive(Default)]
struct Found {
    nudges: Vec<Nudge>,
    follow_ups: usize,
    cadence: usize,
}

/// The nudges of the streams' rows, each customer's rules once.
fn from_streams(streams: &[Stream], rows: &[Rows], now: Now, rules: &Rules) -> Found {
    let mut found = Found::default();
    let mut seen = HashSet::new();
    for (stream, rows) in streams.iter().zip(rows) {
        add_nudges(*stream, rows, now, rules, &mut seen, &mut found);
    }
    found
}

/// Adds the nudges of one stream's rows to `found`; the rules of customers in `seen` were
/// applied already.
fn add_nudges(
    stream: Stream,
    rows: &Rows,
    now: Now,
    rules: &Rules,
    seen: &mut HashSet<i64>,
    found: &mut Found,
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
                .filter_map(|(t, cu)| nudge::trigger(t, cu, now.utc, rules)),
        ),
    }
}

/// Every customer's urgency (the sum of their nudges), for those that have any. Read a
/// stream at a time, so a large book never has all its nudges in memory at once.
pub fn urgencies(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<HashMap<i64, f64>> {
    let rules = &config.nudge;
    let w = window(now, rules);
    let mut seen = HashSet::new();
    let mut urgency: HashMap<i64, f64> = HashMap::new();
    for stream in store.nudge_streams()? {
        let rows = store.stream_rows(stream, &w, i64::MAX as usize)?;
        let mut found = Found::default();
        add_nudges(stream, &rows, now, rules, &mut seen, &mut found);
        for n in found.nudges {
            *urgency.entry(n.customer_id).or_default() += n.score;
        }
    }
    Ok(urgency)
}

/// The score of the nudge the stream's last row was read for: no later row of the stream
/// scores more. `None` when there is no such nudge to go by.
fn bound(stream: Stream, rows: &Rows, now: Now, rules: &Rules) -> Option<f64> {
    let kind = own_kind(stream);
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
            nudge::trigger(t, cu, now.utc, rules)
        }
    };
    last.filter(|n| n.kind == kind).map(|n| n.score)
}

/// The `n`-th highest score, or minus infinity when there are fewer than `n`.
fn nth_best(mut scores: Vec<f64>, n: usize) -> f64 {
    if n == 0 || scores.len() < n {
        return f64::NEG_INFINITY;
    }
    let (_, nth, _) = scores.select_nth_unstable_by(n - 1, |a, b| b.total_cmp(a));
    *nth
}

/// The rules that need only the customer row and its summary.
fn customer_rules(customer: &Customer, now: Now, rules: &Rules) -> Vec<Nudge> {
    let mut out: Vec<Nudge> = nudge::cadence(customer, now.utc, rules).into_iter().collect();
    out.extend(nudge::balance(customer, now.utc, rules));
    out.extend(nudge::satisfaction(customer, rules));
    out
}

/// Every nudge for one customer, highest first: their urgency, term by term.
pub fn why(store: &dyn Book, now: Now, config: &Config, customer: &Customer) -> anyhow::Result<Vec<Nudge>> {
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

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    /// The same top list: the same scores in the same order, and the same nudges above the
    /// last score (which of several equal to it make the cut may differ).
    fn assert_same_top(found: &[&Nudge], expected: &[&Nudge], what: &str) {
        let scores = |v: &[&Nudge]| v.iter().map(|n| n.score).collect::<Vec<_>>();
        assert_eq!(scores(found), scores(expected), "{what}: scores");
        let last = expected.last().map_or(f64::INFINITY, |n| n.score);
        let above = |v: &[&Nudge]| {
            v.iter()
                .filter(|n| n.score > last)
                .copied()
                .cloned()
                .collect::<Vec<Nudge>>()
        };
        assert_eq!(above(found), above(expected), "{what}: nudges");
    }

    /// Reading a few rows of every stream first, and the rest only where it matters, finds
    /// the top that scoring every candidate finds: for `due` (the top `limit`) and for the
    /// agenda (the top `limit` of each section).
    #[test]
    fn the_top_nudges_are_those_of_scoring_every_candidate() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::open(&dir.path().join("book.db")).unwrap();
        let utc = DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .unwrap()
            .to_utc();
        crate::demo::generate(&mut *store, utc, 1200).unwrap();
        let now = Now { utc };
        let config = Config::default();
        let every = scored(&*store, now, &config, None).unwrap().nudges;
        assert!(every.len() > 300, "a book with plenty to rank: {}", every.len());
        assert!(every.iter().any(|n| section(n.kind) == 1), "follow-ups due today");
        let mut sums: HashMap<i64, f64> = HashMap::new();
        for n in &every {
            *sums.entry(n.customer_id).or_default() += n.score;
        }
        let urgency = urgencies(&*store, now, &config).unwrap();
        assert_eq!(urgency.len(), sums.len(), "the same customers have an urgency");
        for (id, sum) in &sums {
            assert!(
                (urgency[id] - sum).abs() < 1e-6,
                "customer {id}: {} vs {sum}",
                urgency[id]
            );
        }
        for limit in [1, 3, 8, 9, 20, 50, 120] {
            let top = due(&*store, now, &config, Some(limit)).unwrap().nudges;
            let top: Vec<&Nudge> = top.iter().collect();
            let expected: Vec<&Nudge> = every.iter().take(limit).collect();
            assert_same_top(&top, &expected, &format!("due, top {limit}"));

            let some = scored(&*store, now, &config, Some(limit)).unwrap().nudges;
            let of = |v: &'_ [Nudge], s: u8| -> Vec<Nudge> {
                v.iter()
                    .filter(|n| section(n.kind) == s)
                    .take(limit)
                    .cloned()
                    .collect()
            };
            for s in [0, 1, 2] {
                let (found, expected) = (of(&some, s), of(&every, s));
                assert_same_top(
                    &found.iter().collect::<Vec<_>>(),
                    &expected.iter().collect::<Vec<_>>(),
                    &format!("section {s}, top {limit}"),
                );
            }
        }
    }
}
