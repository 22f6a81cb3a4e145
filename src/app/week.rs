//! The week plan: one week's to-do list, read from the store in the user's local calendar
//! and put together by the domain rules (`domain::week`). What `touchbase export week`
//! writes and the Week screen shows; knows neither.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::agenda;
use super::customer::by_person;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::contact_person::About;
use crate::domain::nudge::{Nudge, NudgeKind};
use crate::domain::week::{
    self, AccountPeople, IsoWeek, LeftOut, Span, Subject, TouchBase, WeekPlan, WeekRecords,
};
use crate::store::Book;

/// The first day dates can have; follow-ups due before it are not a thing.
const EARLIEST: NaiveDate = NaiveDate::MIN;

/// The plan for `week` (default: the week of today), as seen at `now`.
pub fn plan_week(
    store: &dyn Book,
    now: Now,
    config: &Config,
    week: Option<IsoWeek>,
) -> anyhow::Result<WeekPlan> {
    let today = now.today();
    let first = config.week.start;
    let span = week.map_or_else(|| Span::containing(today, first), |w| Span::of_week(w, first));
    let limit = config.week.limit;
    let after_end = span.end + Duration::days(1);
    let overdue = store.follow_ups_due_between(EARLIEST, span.overdue_before(today), limit)?;
    let upcoming = store.follow_ups_due_between(span.own_from(today), after_end, limit)?;
    let prepare_through = config.nudge.prepare_through(after_end);
    let moments = store.moments_expected_between(span.start, prepare_through, limit)?;
    // A cadence running out on a day off is the next workday's to do: the week holds those
    // that land in it, from the day after the last workday before it.
    let workdays = config.week.workdays;
    let (touch_from, touch_until) = workdays.landing_in(span.start, span.end);
    let touch = store.cadence_runs_out_between(now.midnight(touch_from), now.midnight(touch_until), limit)?;
    // Nudges are about now: only the week that holds today lists them.
    let nudges = if span.contains(today) {
        agenda::due(store, now, config, Some(config.nudge.limit))?.nudges
    } else {
        Vec::new()
    };

    let left_out = LeftOut {
        overdue: overdue.left_out(),
        follow_ups: upcoming.left_out(),
        moments: moments.left_out(),
        touch_base: touch.left_out(),
    };
    let mut moments = moments.rows;
    for (m, _) in &mut moments {
        // The week's page of moments is read without their people.
        if let Some(read) = store.moment(m.id)? {
            m.people = read.people;
        }
    }
    let mut follow_ups = overdue.rows;
    follow_ups.extend(upcoming.rows);
    let touch_base = touch
        .rows
        .into_iter()
        .map(|customer| TouchBase {
            runs_out: workdays.on_or_after(now.day(customer.touch_due_at())),
            last_contact: customer.last_contact_at.map(|at| now.day(at)),
            customer,
        })
        .collect();
    let mut records = WeekRecords {
        follow_ups,
        moments,
        touch_base,
        nudges,
        left_out,
        people: HashMap::new(),
        about: HashMap::new(),
    };
    records.about = nudges_about(store, now, config, &records.nudges)?;
    // Who was last in touch decides only beside someone (a leaver, the one person of a
    // single-threaded account): only those accounts' contacts are read.
    let beside: HashSet<i64> = records
        .nudges
        .iter()
        .filter(|n| matches!(records.nudge_about(n), About::Beside(_)))
        .map(|n| n.customer_id)
        .collect();
    records.people = people_of(store, &records, &beside)?;
    Ok(week::plan(span, today, &config.nudge, &records))
}

/// Whom the nudges concern where it is someone in particular: a leaver's trigger is
/// about the leaver, a single-threaded account about the one person, a moment about its
/// own people.
fn nudges_about(
    store: &dyn Book,
    now: Now,
    config: &Config,
    nudges: &[Nudge],
) -> anyhow::Result<HashMap<Subject, About>> {
    let mut about = HashMap::new();
    for n in nudges {
        if let Some(id) = n.trigger_id {
            let leaver = store
                .triggers_of(n.customer_id)?
                .into_iter()
                .find(|t| t.id == id)
                .and_then(|t| t.person_id);
            if let Some(person) = leaver {
                about.insert(Subject::Trigger(id), About::Beside(person));
            }
        }
        if let Some(id) = n.moment_id
            && let Some(m) = store.moment(id)?
        {
            about.insert(Subject::Moment(id), About::moment(&m));
        }
        if n.kind == NudgeKind::SingleThreaded
            && let Some(thread) =
                store.thread_of(n.customer_id, config.nudge.single_threaded_since(now.utc))?
        {
            about.insert(Subject::Thread(n.customer_id), About::Beside(thread.person_id));
        }
    }
    Ok(about)
}

/// The people of every account the records are of, with when each was last in touch
/// where that can decide (the accounts in `beside`, and those whose main contact left).
fn people_of(
    store: &dyn Book,
    records: &WeekRecords,
    beside: &HashSet<i64>,
) -> anyhow::Result<HashMap<i64, AccountPeople>> {
    let ids = records
        .follow_ups
        .iter()
        .map(|(_, c)| c.id)
        .chain(records.moments.iter().map(|(_, c)| c.id))
        .chain(records.touch_base.iter().map(|t| t.customer.id))
        .chain(records.nudges.iter().map(|n| n.customer_id));
    let mut people = HashMap::new();
    for id in ids {
        if people.contains_key(&id) {
            continue;
        }
        let of = store.people_of(id)?;
        let main_there = of.iter().any(|p| p.main && p.left.is_none());
        let last_contacts = if of.len() > 1 && (beside.contains(&id) || !main_there) {
            by_person(&of, store.last_contacts(id)?)
        } else {
            Vec::new()
        };
        people.insert(
            id,
            AccountPeople {
                people: of,
                last_contacts,
            },
        );
    }
    Ok(people)
}
