//! The prompt line's read model (`touchbase status`), and whether reminders have stopped
//! running, which the agenda's header says too. Counts only, answered from the store's
//! indexes: a prompt asks on every command line. Knows neither the screen nor the
//! command line.

use chrono::{DateTime, NaiveDate};

use crate::app::remind::{self, Counts};
use crate::clock::Now;
use crate::config::Config;
use crate::domain::reminders_stopped::{Schedule, stopped_since};
use crate::store::{Book, Setting};

/// What `touchbase status` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Overdue and today's follow-ups, moments to prepare: the digest's section sizes.
    pub counts: Counts,
    /// The last day a digest went out (or reminders were set up), when one should have
    /// gone out since; see [`reminders_stopped`].
    pub stopped_since: Option<NaiveDate>,
}

impl Status {
    /// Nothing due and no warning: a prompt may show nothing.
    pub fn is_clear(&self) -> bool {
        self.counts.is_empty() && self.stopped_since.is_none()
    }
}

pub fn status(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<Status> {
    Ok(Status {
        counts: remind::counts(store, now, config)?,
        stopped_since: reminders_stopped(store, now, config)?,
    })
}

/// Records that reminders were set up at `now`, in the form [`reminders_stopped`] reads.
pub fn record_set_up(store: &mut dyn Book, now: DateTime<chrono::Utc>) -> anyhow::Result<()> {
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    store.set_setting(Setting::RemindersSetUp, Some(&at), now)
}

/// Since which day reminders have not run, once they were set up (`remind --setup
/// --write`, or the first scheduled run): `None` when all is well or they never were.
/// A set-up time that does not read as RFC 3339 (written by hand) counts as not set up.
pub fn reminders_stopped(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<Option<NaiveDate>> {
    let Some(set_up) = store.setting(Setting::RemindersSetUp)? else {
        return Ok(None);
    };
    let Ok(set_up) = DateTime::parse_from_rfc3339(set_up.trim()) else {
        return Ok(None);
    };
    let local = |at: DateTime<chrono::Utc>| now.zone().local(at).naive_local();
    let last_run = store.last_remind_run()?.map(|run| run.day);
    let schedule = Schedule {
        at: config.remind.at,
        workdays: config.week.workdays,
    };
    Ok(stopped_since(
        Some(local(set_up.to_utc())),
        last_run,
        now.local().naive_local(),
        schedule,
    ))
}

/// "reminders have not run since Mon 30 Nov" ("… since yesterday").
pub fn stopped_warning(since: NaiveDate, today: NaiveDate) -> String {
    format!("reminders have not run since {}", crate::human::day(since, today))
}
