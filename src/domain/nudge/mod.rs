//! Nudges: why a customer needs attention now, scored, with a reason a salesperson would
//! say out loud. Each rule is a pure function of the facts and an injected `today`/`now`;
//! the store only finds the candidates.

use std::fmt;

use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};
use serde::Deserialize;

use super::moment::{Moment, MomentStatus};
use super::ranged;
use super::trigger::{Trigger, TriggerKind};
use super::{Customer, FollowUp};
use crate::clock::Zone;

mod snooze;
pub use snooze::{BadNudgeKind, NudgeSnooze, Quiet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NudgeKind {
    FollowUpOverdue,
    FollowUpToday,
    CadenceExceeded,
    MomentAhead,
    MomentPassed,
    ComplaintOpen,
    SituationUnanswered,
    InfluenceUnanswered,
    TakingTooMuch,
    LoyaltyUnrewarded,
    SatisfactionDrop,
    SingleThreaded,
}

impl NudgeKind {
    pub const ALL: [NudgeKind; 12] = [
        NudgeKind::FollowUpOverdue,
        NudgeKind::FollowUpToday,
        NudgeKind::CadenceExceeded,
        NudgeKind::MomentAhead,
        NudgeKind::MomentPassed,
        NudgeKind::ComplaintOpen,
        NudgeKind::SituationUnanswered,
        NudgeKind::InfluenceUnanswered,
        NudgeKind::TakingTooMuch,
        NudgeKind::LoyaltyUnrewarded,
        NudgeKind::SatisfactionDrop,
        NudgeKind::SingleThreaded,
    ];

    /// The stable name used in JSON and in `[nudge.weights]`.
    pub fn as_str(self) -> &'static str {
        match self {
            NudgeKind::FollowUpOverdue => "follow_up_overdue",
            NudgeKind::FollowUpToday => "follow_up_today",
            NudgeKind::CadenceExceeded => "cadence_exceeded",
            NudgeKind::MomentAhead => "moment_ahead",
            NudgeKind::MomentPassed => "moment_passed",
            NudgeKind::ComplaintOpen => "complaint_open",
            NudgeKind::SituationUnanswered => "situation_unanswered",
            NudgeKind::InfluenceUnanswered => "influence_unanswered",
            NudgeKind::TakingTooMuch => "taking_too_much",
            NudgeKind::LoyaltyUnrewarded => "loyalty_unrewarded",
            NudgeKind::SatisfactionDrop => "satisfaction_drop",
            NudgeKind::SingleThreaded => "single_threaded",
        }
    }
}

impl fmt::Display for NudgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much each kind of nudge weighs; `[nudge.weights]` in config.toml.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    #[serde(deserialize_with = "weight")]
    pub follow_up_overdue: f64,
    #[serde(deserialize_with = "weight")]
    pub follow_up_today: f64,
    #[serde(deserialize_with = "weight")]
    pub cadence_exceeded: f64,
    #[serde(deserialize_with = "weight")]
    pub moment_ahead: f64,
    #[serde(deserialize_with = "weight")]
    pub moment_passed: f64,
    #[serde(deserialize_with = "weight")]
    pub complaint_open: f64,
    #[serde(deserialize_with = "weight")]
    pub situation_unanswered: f64,
    #[serde(deserialize_with = "weight")]
    pub influence_unanswered: f64,
    #[serde(deserialize_with = "weight")]
    pub taking_too_much: f64,
    #[serde(deserialize_with = "weight")]
    pub loyalty_unrewarded: f64,
    #[serde(deserialize_with = "weight")]
    pub satisfaction_drop: f64,
    #[serde(deserialize_with = "weight")]
    pub single_threaded: f64,
    /// Added to the multiplier of every nudge per value tier (0–3) of the customer.
    #[serde(deserialize_with = "ranged::real::<_, 0, 10>")]
    pub value: f64,
}

/// A nudge's weight: 0 switches the nudge off; beyond 1000 one kind would drown the rest
/// however the others are set.
fn weight<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    ranged::real::<D, 0, 1000>(d)
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            follow_up_overdue: 10.0,
            follow_up_today: 8.0,
            cadence_exceeded: 4.0,
            moment_ahead: 9.0,
            moment_passed: 7.0,
            complaint_open: 9.0,
            situation_unanswered: 6.0,
            influence_unanswered: 7.0,
            taking_too_much: 3.0,
            loyalty_unrewarded: 4.0,
            satisfaction_drop: 5.0,
            single_threaded: 2.0,
            value: 0.1,
        }
    }
}

/// `[nudge]` in config.toml: the rules' windows and weights.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// How many nudges `due` and the agenda show.
    #[serde(deserialize_with = "ranged::count::<_, 1, 10_000>")]
    pub limit: usize,
    /// Days before a decision moment that preparing for it starts.
    #[serde(deserialize_with = "ranged::int::<_, 0, 365>")]
    pub preparation_days: i64,
    /// Days a fresh complaint (reactional trigger) takes to calm from three times its
    /// weight to once; open longer, it grows again.
    #[serde(deserialize_with = "ranged::int::<_, 0, 365>")]
    pub complaint_days: i64,
    /// Days without a give after which a very satisfied customer should be rewarded.
    #[serde(deserialize_with = "ranged::int::<_, 0, 3650>")]
    pub loyalty_days: i64,
    /// Days back a valuable account's contacts are looked at: all with one person (and at
    /// least two) is single-threaded.
    #[serde(deserialize_with = "ranged::int::<_, 1, 3650>")]
    pub single_threaded_days: i64,
    pub weights: Weights,
    /// The currency amounts are said in (`[money] currency`, copied in when the config is
    /// read; not a key of `[nudge]`).
    #[serde(skip)]
    pub currency: String,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            limit: 50,
            preparation_days: 3,
            complaint_days: 3,
            loyalty_days: 180,
            single_threaded_days: 90,
            weights: Weights::default(),
            currency: "EUR".to_string(),
        }
    }
}

/// The windows as dates. The arithmetic saturates at the ends of the calendar, so no
/// setting in range and no clock can make it panic.
impl Rules {
    /// The last day whose moments are inside their preparation window `today`.
    pub fn prepare_through(&self, today: NaiveDate) -> NaiveDate {
        today
            .checked_add_days(Days::new(u64::try_from(self.preparation_days).unwrap_or(0)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The first day to prepare for a moment expected on `expected`.
    pub fn prepare_from(&self, expected: NaiveDate) -> NaiveDate {
        expected
            .checked_sub_days(Days::new(u64::try_from(self.preparation_days).unwrap_or(0)))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Complaints opened before this have been open longer than `complaint_days`; those
    /// opened since are fresh.
    pub fn complaints_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        days_before(now, self.complaint_days)
    }

    /// A give before this is too long ago to count as rewarding loyalty.
    pub fn loyalty_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        days_before(now, self.loyalty_days)
    }

    /// Contacts from this instant on count for single-threadedness.
    pub fn single_threaded_since(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        days_before(now, self.single_threaded_days)
    }

    /// Only customers added before this have a history long enough to call them loyal.
    pub fn loyal_if_added_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        days_before(now, LOYALTY_HISTORY_DAYS)
    }
}

fn days_before(now: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    TimeDelta::try_days(days)
        .and_then(|d| now.checked_sub_signed(d))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Nudge {
    pub customer_id: i64,
    pub customer: String,
    /// How to reach them, so a nudge can be acted on where it is read.
    pub phone: String,
    pub email: String,
    pub kind: NudgeKind,
    pub score: f64,
    pub reason: String,
    pub follow_up_id: Option<i64>,
    pub moment_id: Option<i64>,
    pub trigger_id: Option<i64>,
}

impl Nudge {
    /// A nudge for `customer`, its score lifted by their value tier.
    fn new(customer: &Customer, kind: NudgeKind, base: f64, reason: String, rules: &Rules) -> Nudge {
        let lift = value_lift(customer, rules);
        Nudge {
            customer_id: customer.id,
            customer: customer.name.clone(),
            phone: customer.phone.clone(),
            email: customer.email.clone(),
            kind,
            score: round2(base * lift),
            reason,
            follow_up_id: None,
            moment_id: None,
            trigger_id: None,
        }
    }
}

/// What a customer's value tier multiplies each of their nudges' scores by.
pub(crate) fn value_lift(customer: &Customer, rules: &Rules) -> f64 {
    1.0 + rules.weights.value * f64::from(customer.summary.value.tier())
}

/// Overdue follow-ups weigh up to three times their weight, reached after two weeks.
const OVERDUE_RAMP_DAYS: f64 = 14.0;

/// An open follow-up due today or earlier.
#[allow(clippy::cast_precision_loss)]
pub fn follow_up(f: &FollowUp, customer: &Customer, today: NaiveDate, rules: &Rules) -> Option<Nudge> {
    if f.done_at.is_some() {
        return None;
    }
    let w = &rules.weights;
    let (kind, base, reason) = match f.days_overdue(today) {
        0 => (
            NudgeKind::FollowUpToday,
            w.follow_up_today,
            format!("“{}” is due today", f.text),
        ),
        d if d > 0 => (
            NudgeKind::FollowUpOverdue,
            w.follow_up_overdue * (1.0 + (d as f64).min(OVERDUE_RAMP_DAYS) / OVERDUE_RAMP_DAYS * 2.0),
            format!("“{}” is {} overdue (due {})", f.text, days(d), short_date(f.due)),
        ),
        _ => return None,
    };
    let mut n = Nudge::new(customer, kind, base, reason, rules);
    n.follow_up_id = Some(f.id);
    Some(n)
}

/// The keep-in-touch cadence has run out.
pub fn cadence(customer: &Customer, now: DateTime<Utc>, rules: &Rules) -> Option<Nudge> {
    let staleness = customer.staleness(now);
    if staleness <= 1.0 {
        return None;
    }
    let every = days(i64::from(customer.cadence.days()));
    let reason = match customer.last_contact_at {
        Some(last) => format!(
            "last contact {} ago; you aim for every {every}",
            days((now - last).num_days())
        ),
        None => format!(
            "no contact yet, added {} ago; you aim for every {every}",
            days((now - customer.created_at).num_days())
        ),
    };
    // Logarithmic: twice the cadence weighs 1.7x, ten times 3.3x. A customer silent for a
    // year is more urgent than one a week over, but not fifty times as urgent.
    let base = rules.weights.cadence_exceeded * (1.0 + staleness.ln());
    Some(Nudge::new(
        customer,
        NudgeKind::CadenceExceeded,
        base,
        reason,
        rules,
    ))
}

/// A decision moment inside its preparation window, with nothing logged since it was
/// planned: arrive prepared. One whose day has passed while it is still open: ask how it
/// went and close it.
#[allow(clippy::cast_precision_loss)]
pub fn moment(m: &Moment, customer: &Customer, today: NaiveDate, rules: &Rules) -> Option<Nudge> {
    let ahead = (m.expected - today).num_days();
    if m.status != MomentStatus::Upcoming || ahead > rules.preparation_days {
        return None;
    }
    if ahead < 0 {
        return Some(moment_passed(m, customer, rules));
    }
    // Times are kept to the second. A contact in the same second as the planning came
    // first (log the call, then plan what it revealed, as a script does in one go), so only
    // a later one counts as logged since; the store's nudge walk asks the same.
    if customer
        .summary
        .last_logged_at
        .is_some_and(|at| at > m.planned_at)
    {
        return None;
    }
    let when = match ahead {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        d => format!("in {d} days"),
    };
    // Closer weighs more: the day itself counts double.
    let window = rules.preparation_days.max(1) as f64;
    let base = rules.weights.moment_ahead * (1.0 + (window - ahead as f64) / window);
    let reason = format!("“{}” {when}; nothing logged since you planned it", m.title);
    let mut n = Nudge::new(customer, NudgeKind::MomentAhead, base, reason, rules);
    n.moment_id = Some(m.id);
    Some(n)
}

/// Asks how a moment whose day has gone by went. The weight is flat: the question does
/// not get more urgent, it only stays until answered.
fn moment_passed(m: &Moment, customer: &Customer, rules: &Rules) -> Nudge {
    let reason = format!(
        "how did “{}” go ({})? — close it",
        m.title,
        short_date(m.expected)
    );
    let mut n = Nudge::new(
        customer,
        NudgeKind::MomentPassed,
        rules.weights.moment_passed,
        reason,
        rules,
    );
    n.moment_id = Some(m.id);
    n
}

/// How much an open complaint's weight is multiplied by: side with the customer, so three
/// times the day it arrives, calming to once over `complaint_days`; left open longer, it
/// grows again, doubling a week later and tripling after two.
#[allow(clippy::cast_precision_loss)]
fn complaint_factor(t: &Trigger, open: i64, now: DateTime<Utc>, rules: &Rules) -> f64 {
    let limit = rules.complaint_days;
    if t.opened_at >= rules.complaints_before(now) {
        if limit == 0 {
            return 3.0;
        }
        return 3.0 - 2.0 * open.clamp(0, limit) as f64 / limit as f64;
    }
    1.0 + ((open - limit).max(0) as f64 / 7.0).min(2.0)
}

/// "today", "yesterday", "3 days ago".
fn ago(n: i64) -> String {
    match n {
        i64::MIN..=0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{} ago", days(n)),
    }
}

/// An open switching trigger: a complaint (from the day it arrives), or a changed
/// situation or a competitor's offer nobody has answered with a contact. Its age is
/// counted in local calendar days, as the card's "opened 5d ago" is.
#[allow(clippy::cast_precision_loss)]
pub fn trigger(
    t: &Trigger,
    customer: &Customer,
    now: DateTime<Utc>,
    zone: Zone,
    rules: &Rules,
) -> Option<Nudge> {
    if t.resolved_at.is_some() {
        return None;
    }
    let open = (zone.day(now) - zone.day(t.opened_at)).num_days();
    let unanswered = unanswered(t, customer);
    let (kind, base, reason) = match t.kind {
        TriggerKind::Reactional => (
            NudgeKind::ComplaintOpen,
            // Complaints are where customers leave.
            rules.weights.complaint_open * complaint_factor(t, open, now, rules),
            if t.opened_at >= rules.complaints_before(now) {
                format!(
                    "complaint “{}” arrived {} — side with them: resolve it and tell them",
                    t.note,
                    ago(open)
                )
            } else {
                format!(
                    "complaint “{}” open for {} — resolve it and tell them",
                    t.note,
                    days(open)
                )
            },
        ),
        TriggerKind::Situational if unanswered && t.person_id.is_some() => (
            NudgeKind::SituationUnanswered,
            rules.weights.situation_unanswered,
            format!(
                "“{}” noted {} and no contact with anyone else there since — meet the successor",
                t.note,
                ago(open)
            ),
        ),
        TriggerKind::Situational if unanswered => (
            NudgeKind::SituationUnanswered,
            rules.weights.situation_unanswered,
            format!(
                "“{}” noted {} and no contact since — reach out",
                t.note,
                ago(open)
            ),
        ),
        TriggerKind::Influential if unanswered => (
            NudgeKind::InfluenceUnanswered,
            rules.weights.influence_unanswered,
            format!(
                "“{}” noted {} and no contact since — answer it before they switch",
                t.note,
                ago(open)
            ),
        ),
        _ => return None,
    };
    let mut n = Nudge::new(customer, kind, base, reason, rules);
    n.trigger_id = Some(t.id);
    Some(n)
}

/// Whether no contact has answered trigger `t` yet. Any contact since it opened answers a
/// trigger; a leaver's (`person_id` set, opened when that person was marked as left) only
/// one with another person at the account, which the store reads as `answered_at`: a
/// contact naming someone else, or naming no one while the main contact is not the leaver.
/// The relationship has to be built with the successor, not kept with the one who left.
fn unanswered(t: &Trigger, customer: &Customer) -> bool {
    match t.person_id {
        Some(_) => t.answered_at.is_none(),
        None => customer.last_contact_at.is_none_or(|at| at < t.opened_at),
    }
}

/// Equity: asking more than giving, and very satisfied customers left unrewarded.
pub fn balance(customer: &Customer, now: DateTime<Utc>, rules: &Rules) -> Vec<Nudge> {
    let s = &customer.summary;
    let mut out = Vec::new();
    if s.balance.asks > s.balance.gives {
        let over = s.balance.asks - s.balance.gives;
        let reason = format!(
            "you asked {} and gave {} — give something before the next ask",
            times(s.balance.asks),
            times(s.balance.gives)
        );
        let base = rules.weights.taking_too_much * f64::from(over.min(3));
        out.push(Nudge::new(
            customer,
            NudgeKind::TakingTooMuch,
            base,
            reason,
            rules,
        ));
    }
    if s.satisfaction == Some(5) && has_loyal_history(customer, now, rules) {
        let since = s.last_give_at.map(|at| (now - at).num_days());
        if since.is_none_or(|d| d >= rules.loyalty_days) {
            let reason = match since {
                Some(d) => format!(
                    "very satisfied (5) and nothing given in {} — reward their loyalty",
                    days(d)
                ),
                None => "very satisfied (5) and never given anything — reward their loyalty".to_string(),
            };
            out.push(Nudge::new(
                customer,
                NudgeKind::LoyaltyUnrewarded,
                rules.weights.loyalty_unrewarded,
                reason,
                rules,
            ));
        }
    }
    out
}

/// Days a customer must have been in the book before they can be called loyal.
pub const LOYALTY_HISTORY_DAYS: i64 = 90;

/// Loyalty needs a history: a customer for at least [`LOYALTY_HISTORY_DAYS`] and
/// satisfaction recorded more than once, the latest a 5. A customer added today with one
/// `=5` call is pleased, not yet loyal. The store's walk (`Stream::Loyal`) asks the same.
fn has_loyal_history(customer: &Customer, now: DateTime<Utc>, rules: &Rules) -> bool {
    customer.summary.prev_satisfaction.is_some() && customer.created_at <= rules.loyal_if_added_before(now)
}

/// Satisfaction fell since the previous record, and nobody has talked to them since: a
/// contact after the drop is the answer to "ask what changed". The reason dates the drop
/// by the local day in `zone`.
pub fn satisfaction(customer: &Customer, zone: Zone, rules: &Rules) -> Option<Nudge> {
    let s = &customer.summary;
    let (Some(now), Some(before)) = (s.satisfaction, s.prev_satisfaction) else {
        return None;
    };
    if now >= before {
        return None;
    }
    if customer.last_contact_at > s.satisfaction_at {
        return None;
    }
    let when = s
        .satisfaction_at
        .map(|at| format!(" ({})", short_date(zone.day(at))))
        .unwrap_or_default();
    let reason = format!("satisfaction dropped from {before} to {now}{when} — ask what changed");
    let base = rules.weights.satisfaction_drop * f64::from(before - now);
    Some(Nudge::new(
        customer,
        NudgeKind::SatisfactionDrop,
        base,
        reason,
        rules,
    ))
}

/// Who a valuable account's recent contacts were all with, as the store counts them: the
/// contacts (not notes) since `Rules::single_threaded_since`, a contact with no one named
/// counted as the main contact's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub person_id: i64,
    pub person: String,
    /// How many contacts there were, all with them.
    pub contacts: u32,
    /// Whether the account has an open (upcoming) decision moment.
    pub open_moment: bool,
}

/// The value tier from which an account is valuable enough that hanging on one person is a
/// risk (10,000 and up, `money::TIER_FLOORS`); below it, only an open decision moment makes
/// it one.
pub const SINGLE_THREADED_TIER: u8 = 2;

/// Single-threaded: a valuable account (value tier [`SINGLE_THREADED_TIER`] or more, or an
/// open decision moment) whose contacts in the window, at least two, were all with one
/// person. When that person leaves, the relationship leaves with them: meet a second one.
/// The weight is flat; the value tier lifts it as it lifts every nudge.
pub fn single_threaded(customer: &Customer, thread: &Thread, rules: &Rules) -> Option<Nudge> {
    let valuable = customer.summary.value.tier() >= SINGLE_THREADED_TIER || thread.open_moment;
    if !valuable || thread.contacts < 2 {
        return None;
    }
    let value = customer.summary.value;
    let hangs = if value.0 > 0 {
        format!("{} {value} hangs", rules.currency)
    } else {
        "an open decision hangs".to_string()
    };
    let reason = format!(
        "{hangs} on {} alone: all {} contacts in {} were with them — meet a second person",
        thread.person,
        thread.contacts,
        days(rules.single_threaded_days)
    );
    Some(Nudge::new(
        customer,
        NudgeKind::SingleThreaded,
        rules.weights.single_threaded,
        reason,
        rules,
    ))
}

/// Highest score first; ties by customer name, then by what they are about, so the order
/// never depends on the order they were found in.
pub(crate) fn rank(nudges: &mut [Nudge]) {
    nudges.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.customer_id.cmp(&b.customer_id))
            .then_with(|| a.kind.as_str().cmp(b.kind.as_str()))
            .then_with(|| a.follow_up_id.cmp(&b.follow_up_id))
            .then_with(|| a.moment_id.cmp(&b.moment_id))
            .then_with(|| a.trigger_id.cmp(&b.trigger_id))
    });
}

/// A customer's urgency: the sum of their nudges.
pub fn urgency(nudges: &[Nudge]) -> f64 {
    round2(nudges.iter().map(|n| n.score).sum())
}

/// `x` to two decimals, never negative zero: an empty sum is -0.0 and so is a weight of 0
/// times anything negative or a tiny negative rounded, and each would print as "-0.0" on
/// the card, "-0.00" in `why` and `-0.0` in JSON. Adding 0.0 turns -0.0 into 0.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0 + 0.0
}

/// "1 day", "3 days".
pub(crate) fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

fn times(n: u32) -> String {
    match n {
        0 => "nothing".to_string(),
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// "Fri 20 Nov".
pub(crate) fn short_date(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests;
