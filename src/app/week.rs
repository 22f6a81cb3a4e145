//! The week plan: one week's to-do list, read from the store in the user's local calendar
//! and put together by the domain rules (`domain::week`). What `touchbase export week`
//! writes and the Week screen shows; knows neither.

use chrono::{Duration, NaiveDate};

use super::agenda;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::week::{self, IsoWeek, LeftOut, Span, TouchBase, WeekPlan, WeekRecords};
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
    Ok(week::plan(
        span,
        today,
        &config.nudge,
        &WeekRecords {
            follow_ups,
            moments: moments.rows,
            touch_base,
            nudges,
            left_out,
        },
    ))
}
