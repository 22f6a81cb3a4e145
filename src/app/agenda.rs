//! The agenda and `due`: what needs doing now, read from the store's candidate walks and
//! ranked with the domain rules; and the agenda screen's read model (the top of each
//! section, then this week's decision moments). Knows neither the screen nor the command
//! line.

use chrono::Duration;

use super::nudges::{bound, from_streams, window};
use crate::clock::Now;
use crate::config::Config;
use crate::domain::Customer;
use crate::domain::moment::Moment;
use crate::domain::nudge::{self, Nudge, NudgeKind, Quiet};
use crate::domain::week::Span;
use crate::store::{Book, Rows, Stream};

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

/// The agenda screen: what needs doing now, then this week's decision moments.
#[derive(Default)]
pub struct Agenda {
    /// Overdue follow-ups first (loud), then today's, then the other nudges by score; the
    /// top `nudge.limit` of each, so promises are never crowded out by nudges.
    pub due: Due,
    /// Upcoming moments expected this week (from `[week] start`), with their customers;
    /// not those a nudge above already names ("PREPARE …"): each moment shows once.
    pub moments: Vec<(Moment, Customer)>,
    /// Whether the book has any customers at all (an empty book shows how to start).
    pub has_customers: bool,
    /// Once reminders are set up, the last day a digest went out when one should have
    /// gone out since (`status::reminders_stopped`): read with the rest, not per frame.
    pub reminders_stopped: Option<chrono::NaiveDate>,
}

pub fn agenda(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<Agenda> {
    let limit = config.nudge.limit;
    let mut scored = scored(store, now, config, Some(limit))?;
    scored.nudges.sort_by_key(|n| section(n.kind));
    let mut taken = [0usize; 3];
    let mut more = scored.more;
    scored.nudges.retain(|n| {
        let s = usize::from(section(n.kind));
        taken[s] += 1;
        let keep = taken[s] <= limit;
        more += usize::from(!keep);
        keep
    });
    let due = Due {
        nudges: scored.nudges,
        more,
        ..scored
    };
    // The user's week, as the Week screen and `export week` count it (`[week] start`).
    let week = Span::containing(now.today(), config.week.start);
    let nudged: std::collections::HashSet<i64> = due.nudges.iter().filter_map(|n| n.moment_id).collect();
    let mut moments = store
        .moments_expected_between(week.start, week.end + Duration::days(1), limit)?
        .rows;
    moments.retain(|(m, _)| !nudged.contains(&m.id));
    let has_customers = !due.nudges.is_empty() || store.has_customers()?;
    Ok(Agenda {
        due,
        moments,
        has_customers,
        reminders_stopped: super::status::reminders_stopped(store, now, config)?,
    })
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
pub(crate) fn scored(
    store: &dyn Book,
    now: Now,
    config: &Config,
    limit: Option<usize>,
) -> anyhow::Result<Due> {
    scored_from(store, now, config, limit, |_| true)
}

/// [`scored`], of only the streams `read` keeps: the digest ranks the nudges its other
/// lines do not already say, without reading the follow-ups and moments it lists itself.
pub(crate) fn scored_from(
    store: &dyn Book,
    now: Now,
    config: &Config,
    limit: Option<usize>,
    read: impl Fn(Stream) -> bool,
) -> anyhow::Result<Due> {
    let rules = &config.nudge;
    let today = now.today();
    let w = window(now, rules);
    // SQLite takes a LIMIT as i64.
    let all = limit.unwrap_or(i64::MAX as usize);
    let mut streams = store.nudge_streams()?;
    streams.retain(|&s| read(s));
    let quiet = Quiet::of(&store.nudge_snoozes_holding(today)?);
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
        let found = from_streams(&streams, &rows, now, rules, &quiet).nudges;
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
    let mut found = from_streams(&streams, &rows, now, rules, &quiet);
    nudge::rank(&mut found.nudges);
    let (overdue, due_today) = store.count_follow_ups_due(today)?;
    let cadence_total = store.count_cadence_overdue(now.utc, today)?;
    Ok(Due {
        more: (overdue + due_today).saturating_sub(found.follow_ups)
            + cadence_total.saturating_sub(found.cadence),
        nudges: found.nudges,
        overdue,
        today: due_today,
    })
}

/// The agenda's sections: overdue follow-ups (loud), today's, then the other nudges.
const SECTIONS: [u8; 3] = [0, 1, 2];

/// Which section of the agenda a nudge of `kind` goes in.
pub(crate) fn section(kind: NudgeKind) -> u8 {
    match kind {
        NudgeKind::FollowUpOverdue => 0,
        NudgeKind::FollowUpToday => 1,
        _ => 2,
    }
}

fn stream_section(stream: Stream) -> u8 {
    section(stream.kind())
}

/// The `n`-th highest score, or minus infinity when there are fewer than `n`.
fn nth_best(mut scores: Vec<f64>, n: usize) -> f64 {
    if n == 0 || scores.len() < n {
        return f64::NEG_INFINITY;
    }
    let (_, nth, _) = scores.select_nth_unstable_by(n - 1, |a, b| b.total_cmp(a));
    *nth
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

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

    /// A book in a temporary directory with one customer, Acme, whose two decision moments
    /// "board meets" and "budget call" are expected on `days`, planned `now`.
    fn acme_with_moments(now: Now, days: [&str; 2]) -> (tempfile::TempDir, Box<dyn Book>) {
        use crate::domain::moment::NewMoment;

        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::open(&dir.path().join("book.db")).unwrap();
        let new = crate::store::NewCustomer {
            name: "Acme".into(),
            ..crate::store::NewCustomer::default()
        };
        let acme = store.add_customer(&new, now.utc).unwrap().id;
        for (title, day) in ["board meets", "budget call"].into_iter().zip(days) {
            let moment = NewMoment {
                title: title.into(),
                expected: day.parse().unwrap(),
                concerns: String::new(),
                steps: String::new(),
                response: String::new(),
                people: Vec::new(),
            };
            store.add_moment(acme, &moment, now.utc).unwrap();
        }
        (dir, store)
    }

    /// "This week" on the agenda is the user's week, the one the Week screen shows: with
    /// `[week] start = "sunday"`, on a Sunday, a moment expected on the Saturday after is in
    /// it and one on the Sunday after is not; with Monday weeks that Sunday ends the week.
    #[test]
    fn the_agenda_week_starts_where_the_week_screen_starts() {
        use chrono::Weekday;

        use crate::domain::week::WeekStart;

        let now = Now::parse("2026-11-29T09:00:00Z").unwrap(); // a Sunday
        let (_dir, store) = acme_with_moments(now, ["2026-12-05", "2026-12-06"]);
        let mut config = Config::default();
        config.week.start = WeekStart(Weekday::Sun);
        let titles = |config: &Config| -> Vec<String> {
            let agenda = agenda(&*store, now, config).unwrap();
            agenda.moments.into_iter().map(|(m, _)| m.title).collect()
        };
        assert_eq!(titles(&config), ["board meets"]);
        config.week.start = WeekStart(Weekday::Mon);
        assert_eq!(
            titles(&config),
            Vec::<String>::new(),
            "Mon 23 – Sun 29 Nov holds neither"
        );
    }

    /// A moment the agenda nudges to prepare for ("PREPARE …") is not listed again under
    /// this week's moments; one outside its preparation window is.
    #[test]
    fn a_moment_shows_once_on_the_agenda() {
        let now = Now::parse("2026-11-23T09:00:00Z").unwrap(); // a Monday
        let (_dir, store) = acme_with_moments(now, ["2026-11-25", "2026-11-28"]);
        let agenda = agenda(&*store, now, &Config::default()).unwrap();
        let prepare: Vec<&str> = agenda
            .due
            .nudges
            .iter()
            .filter(|n| n.kind == NudgeKind::MomentAhead)
            .map(|n| n.reason.as_str())
            .collect();
        assert_eq!(prepare.len(), 1, "{prepare:?}");
        assert!(prepare[0].contains("board meets"), "{prepare:?}");
        let listed: Vec<String> = agenda.moments.into_iter().map(|(m, _)| m.title).collect();
        assert_eq!(listed, ["budget call"]);
    }

    /// Reading a few rows of every stream first, and the rest only where it matters, finds
    /// the top that scoring every candidate finds: for `due` (the top `limit`) and for the
    /// agenda (the top `limit` of each section).
    #[test]
    fn the_top_nudges_are_those_of_scoring_every_candidate() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::open(&dir.path().join("book.db")).unwrap();
        let now = Now::parse("2026-11-23T09:00:00Z").unwrap();
        crate::demo::generate(&mut *store, now, 1200).unwrap();
        let config = Config::default();
        let every = scored(&*store, now, &config, None).unwrap().nudges;
        assert!(every.len() > 300, "a book with plenty to rank: {}", every.len());
        assert!(every.iter().any(|n| section(n.kind) == 1), "follow-ups due today");
        let mut sums: HashMap<i64, f64> = HashMap::new();
        for n in &every {
            *sums.entry(n.customer_id).or_default() += n.score;
        }
        let urgency = crate::app::urgency::urgencies(&*store, now, &config).unwrap();
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
