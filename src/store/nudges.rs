//! The nudges part of the contract: the candidate rows the nudge rules score, each kind
//! of candidate a walk that hands out its rows most urgent first. Knows no SQL and no
//! scores: the rules are `domain::nudge`'s.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::moment::Moment;
use crate::domain::money::TIER_FLOORS;
use crate::domain::nudge::{NudgeKind, Thread};
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};

/// The value tiers of `domain::money::Cents::tier`, each its own walk.
pub const TIERS: [i64; TIER_FLOORS.len() + 1] = {
    let mut tiers = [0; TIER_FLOORS.len() + 1];
    let mut i = 0;
    while i < tiers.len() {
        tiers[i] = i as i64;
        i += 1;
    }
    tiers
};

/// What the candidate walks need to know about the rules.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    /// Moments expected from today through this day.
    pub moments_through: NaiveDate,
    /// Complaints opened before this instant.
    pub complaints_before: DateTime<Utc>,
    /// Gives before this instant are too long ago for a very satisfied customer.
    pub loyalty_before: DateTime<Utc>,
    /// Only customers added before this can be loyal (a history, not one good call).
    pub loyal_if_added_before: DateTime<Utc>,
    /// Contacts from this instant on count for single-threadedness.
    pub single_threaded_since: DateTime<Utc>,
}

/// One walk over what may need a nudge, of one kind and value tier (and cadence). Its
/// order is part of the contract, see [`Nudges::stream_rows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Open follow-ups due before today: by due day, then id.
    Overdue { tier: i64 },
    /// Open follow-ups due today: by id.
    Today { tier: i64 },
    /// Customers past this cadence (in days), since their last contact (or since they
    /// were added), but those paused on `today`: the longest silence first, then by id.
    Cadence { days: i64, tier: i64 },
    /// Upcoming decision moments expected from today through `moments_through`, with
    /// nothing logged for the customer since the moment was planned: soonest first, then
    /// by id.
    Moments { tier: i64 },
    /// Upcoming decision moments expected before today: the longest ago first, then by id.
    MomentsPassed { tier: i64 },
    /// Open reactional triggers opened before `complaints_before`: the oldest first, then
    /// by id.
    Complaints { tier: i64 },
    /// Open reactional triggers opened from `complaints_before` on (fresh ones): the
    /// newest first, then by the highest id.
    FreshComplaints { tier: i64 },
    /// Open situational triggers not answered by a contact since: the oldest first, then
    /// by id.
    Situations { tier: i64 },
    /// Open influential triggers not answered by a contact since: the oldest first, then
    /// by id.
    Influences { tier: i64 },
    /// Customers asked more often than given to: the most asks over gives first, ties by
    /// the newest id.
    Taking { tier: i64 },
    /// Very satisfied customers (5) more than once, added before `loyal_if_added_before`,
    /// without a give since `loyalty_before`: never given to
    /// first, then the longest ago, then by id.
    Loyal { tier: i64 },
    /// Customers whose satisfaction dropped, not talked to since it was recorded: the
    /// largest drop first, ties by the newest id.
    LessSatisfied { tier: i64 },
    /// Valuable accounts (value tier `nudge::SINGLE_THREADED_TIER` or more, or with an
    /// upcoming decision moment) whose contacts since `single_threaded_since`, at least
    /// two, were all with one person (no one named: the main contact): by customer id (the
    /// score is flat within a tier).
    SingleThreaded { tier: i64 },
}

impl Stream {
    /// The kind of nudge this walk's rows are read for.
    pub fn kind(self) -> NudgeKind {
        match self {
            Stream::Overdue { .. } => NudgeKind::FollowUpOverdue,
            Stream::Today { .. } => NudgeKind::FollowUpToday,
            Stream::Cadence { .. } => NudgeKind::CadenceExceeded,
            Stream::Moments { .. } => NudgeKind::MomentAhead,
            Stream::MomentsPassed { .. } => NudgeKind::MomentPassed,
            Stream::Complaints { .. } | Stream::FreshComplaints { .. } => NudgeKind::ComplaintOpen,
            Stream::Situations { .. } => NudgeKind::SituationUnanswered,
            Stream::Influences { .. } => NudgeKind::InfluenceUnanswered,
            Stream::Taking { .. } => NudgeKind::TakingTooMuch,
            Stream::Loyal { .. } => NudgeKind::LoyaltyUnrewarded,
            Stream::LessSatisfied { .. } => NudgeKind::SatisfactionDrop,
            Stream::SingleThreaded { .. } => NudgeKind::SingleThreaded,
        }
    }
}

/// The rows of a stream, each with its customer.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    FollowUps(Vec<(FollowUp, Customer)>),
    Customers(Vec<Customer>),
    Moments(Vec<(Moment, Customer)>),
    Triggers(Vec<(Trigger, Customer)>),
    Threads(Vec<(Thread, Customer)>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::FollowUps(rows) => rows.len(),
            Rows::Customers(rows) => rows.len(),
            Rows::Moments(rows) => rows.len(),
            Rows::Triggers(rows) => rows.len(),
            Rows::Threads(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every walk leaves out archived customers and what is theirs.
pub trait Nudges {
    /// Every stream there is: one per kind and value tier in [`TIERS`], and for
    /// `Cadence` one per cadence in use.
    fn nudge_streams(&self) -> anyhow::Result<Vec<Stream>>;

    /// The first `limit` rows of `stream` at `w`, in the stream's order.
    ///
    /// The order is the contract the agenda relies on: within one stream (one kind, one
    /// value tier and, for cadences, one cadence) the nudge the domain rules score for a
    /// later row never scores above the one for an earlier row, at the same `w`. So the
    /// agenda can read the first rows of every stream and more only of those whose last
    /// row could still make the top; a backend that returned rows in any other order
    /// would make `due` miss urgent nudges. Each `Stream` variant says its order.
    fn stream_rows(&self, stream: Stream, w: &Window, limit: usize) -> anyhow::Result<Rows>;

    /// Who customer `customer_id`'s contacts since `since` were all with, as
    /// `Stream::SingleThreaded` counts them, whatever the account's value; `None` when
    /// there were none, or with more than one person.
    fn thread_of(&self, customer_id: i64, since: DateTime<Utc>) -> anyhow::Result<Option<Thread>>;

    /// How many open follow-ups are overdue at `today`, and how many are due on it.
    fn count_follow_ups_due(&self, today: NaiveDate) -> anyhow::Result<(usize, usize)>;

    /// How many customers are past their cadence at `now`, but those paused on `today`.
    fn count_cadence_overdue(&self, now: DateTime<Utc>, today: NaiveDate) -> anyhow::Result<usize>;
}
