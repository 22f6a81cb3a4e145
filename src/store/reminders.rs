//! Reminders outside the app, in the contract: the digests delivered (for `--since-last`
//! and the "reminders have not run" warning) and the book's few named settings (when
//! reminders were set up, the calendar feed's token). Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

/// One digest that was delivered: every channel it was sent to took it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemindRun {
    pub id: i64,
    pub delivered_at: DateTime<Utc>,
    /// The local day the digest was for.
    pub day: NaiveDate,
    /// The channels it went to, as `config::Channel` names them ("stdout", "email").
    pub channels: Vec<String>,
    /// The item codes it held ("f114", "m12").
    pub items: Vec<String>,
    /// Started by the timer `remind --setup` installed, not by hand.
    pub scheduled: bool,
}

/// A named value of the book itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// When reminders were set up (`remind --setup --write`, or the first scheduled run):
    /// an RFC 3339 instant. From then on a workday without a digest is warned about.
    RemindersSetUp,
    /// The secret path segment `calendar --serve` answers on.
    CalendarToken,
}

impl Setting {
    pub fn key(self) -> &'static str {
        match self {
            Setting::RemindersSetUp => "reminders_set_up",
            Setting::CalendarToken => "calendar_token",
        }
    }
}

pub trait Reminders {
    /// Records a delivered digest; `run.id` is ignored and the new id comes back.
    fn record_remind_run(&mut self, run: &RemindRun) -> anyhow::Result<i64>;

    /// The digest delivered last, or `None` when none ever was.
    fn last_remind_run(&self) -> anyhow::Result<Option<RemindRun>>;

    /// The value of `setting`, or `None` when it was never set.
    fn setting(&self, setting: Setting) -> anyhow::Result<Option<String>>;

    /// Sets `setting` to `value`, or removes it (`None`).
    fn set_setting(
        &mut self,
        setting: Setting,
        value: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()>;
}
