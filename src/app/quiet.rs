//! Parking what the user chose not to hear about yet: a nudge snoozed until a day, with why
//! ("champion on leave until March"), and a whole customer paused until one. The use cases
//! both front ends call; a snoozed nudge is left out of `due`, the agenda and urgency
//! (`nudges::add_nudges`, `Why::of`) until that day, a paused customer's cadence does not
//! count (the store's cadence walks, `nudges::customer_rules`).

use chrono::NaiveDate;

use super::customers::{Who, find};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use super::urgency;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::moment::MomentStatus;
use crate::domain::nudge::{NudgeKind, NudgeSnooze};
use crate::domain::typed;
use crate::domain::when::{BadWhen, parse_when};
use crate::domain::{Customer, Pause};
use crate::store::{Book, Change, Journaled};

/// A nudge as the snooze left it, whose it is, and the snooze it replaced.
#[derive(Debug, Clone)]
pub struct Snoozed {
    pub snooze: NudgeSnooze,
    pub replaced: Option<NudgeSnooze>,
    pub customer: Customer,
    pub change: Change,
}

impl Undoable for Snoozed {
    fn journaled(&self) -> Option<Journaled> {
        let s = &self.snooze;
        let said = format!(
            "snoozed the {} nudge for {} until {}",
            s.kind.short(),
            self.customer.name,
            long_day(s.until)
        );
        Some(entry(said, &self.change))
    }
}

/// A customer as pausing them (or ending their pause) left them, and the pause before.
#[derive(Debug, Clone)]
pub struct Paused {
    pub customer: Customer,
    pub before: Option<Pause>,
    pub change: Change,
}

impl Undoable for Paused {
    fn journaled(&self) -> Option<Journaled> {
        let name = &self.customer.name;
        let said = match &self.customer.paused {
            Some(p) => format!("paused {name} until {}", long_day(p.until)),
            None => format!("ended the pause of {name}"),
        };
        Some(entry(said, &self.change))
    }
}

fn long_day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// Which nudge to snooze: its kind, and for a nudge about one moment or trigger, which one
/// (`None`: the customer's only nudge of that kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: NudgeKind,
    pub subject: Option<i64>,
}

/// Keeps `who`'s nudge `target` quiet until the day `until` starts with ("+2w", "next
/// week", "2027-03-01"), the rest of it the reason. The day must be after today. A nudge
/// about a moment or trigger must be nudging now (so the snooze names the right one), or
/// be named by the id of an open moment or trigger of theirs; a nudge about the customer as
/// a whole (cadence, taking, loyalty, satisfaction) can be snoozed ahead. A follow-up is snoozed on its own (`follow_ups::snooze`), which moves
/// its due day.
pub fn snooze(
    store: &mut dyn Book,
    now: Now,
    config: &Config,
    who: Who<'_>,
    target: Target,
    until: &str,
) -> anyhow::Result<Snoozed> {
    let Target { kind, subject } = target;
    if matches!(kind, NudgeKind::FollowUpOverdue | NudgeKind::FollowUpToday) {
        return Err(Refused::SnoozeFollowUpNudge.into());
    }
    let (day, reason) = later_day(until, now.today(), Refused::SnoozeNotLater)?;
    let customer = find(store, who)?;
    let subject_id = if kind.has_subject() {
        let nudges = urgency::unsnoozed(store, now, config, &customer)?;
        let found: Vec<_> = nudges
            .iter()
            .filter(|n| n.kind == kind && subject.is_none_or(|s| n.subject() == s))
            .collect();
        // Named by its id, an open moment or trigger of theirs can be snoozed ahead, like
        // a nudge about the customer: a moment already prepared for is still on the
        // digest's list to prepare.
        let ahead = match subject {
            Some(s) if found.is_empty() && is_open_subject(store, &customer, kind, s)? => Some(s),
            _ => None,
        };
        match (found.as_slice(), ahead) {
            ([], Some(s)) => s,
            ([], None) => {
                return Err(Refused::NoSuchNudge {
                    customer: customer.name.clone(),
                    kind: kind.short().to_string(),
                }
                .into());
            }
            ([one], _) => one.subject(),
            (several, _) => {
                let listed = several
                    .iter()
                    .map(|n| format!("{}:{} ({})", kind.short(), n.subject(), n.reason))
                    .collect();
                return Err(Refused::WhichNudge(listed).into());
            }
        }
    } else if subject.is_some_and(|s| s != 0) {
        return Err(Refused::NudgeNeedsNoId(kind.short().to_string()).into());
    } else {
        0
    };
    let (snooze, replaced) = store.snooze_nudge(customer.id, kind, subject_id, day, &reason, now.utc)?;
    let change = Change::NudgeSnoozed {
        snooze: snooze.clone(),
        replaced: replaced.clone(),
    };
    Ok(Snoozed {
        snooze,
        replaced,
        customer,
        change,
    })
}

/// Whether `subject` is an open moment or trigger of `customer` that could give a nudge
/// of `kind`.
fn is_open_subject(
    store: &dyn Book,
    customer: &Customer,
    kind: NudgeKind,
    subject: i64,
) -> anyhow::Result<bool> {
    Ok(match kind {
        NudgeKind::MomentAhead | NudgeKind::MomentPassed => store
            .moment(subject)?
            .is_some_and(|m| m.customer_id == customer.id && m.status == MomentStatus::Upcoming),
        _ => store.trigger(subject)?.is_some_and(|t| {
            t.customer_id == customer.id && t.resolved_at.is_none() && t.kind.nudge_kind() == kind
        }),
    })
}

/// Pauses `who` until the day `until` starts with, the rest of it the reason: their
/// cadence and staleness do not count before that day. The day must be after today; a
/// pause already there is replaced.
pub fn pause(store: &mut dyn Book, now: Now, who: Who<'_>, until: &str) -> anyhow::Result<Paused> {
    let (day, reason) = later_day(until, now.today(), Refused::PauseNotLater)?;
    let customer = find(store, who)?;
    let pause = Pause { until: day, reason };
    let (customer, before) = store.set_pause(customer.id, Some(&pause), now.utc)?;
    Ok(paused(customer, before))
}

/// Ends `who`'s pause: their cadence counts again from today. Refused when they are not
/// paused.
pub fn resume(store: &mut dyn Book, now: Now, who: Who<'_>) -> anyhow::Result<Paused> {
    let customer = find(store, who)?;
    if customer.paused_on(now.today()).is_none() {
        return Err(Refused::NotPaused(customer.name).into());
    }
    let (customer, before) = store.set_pause(customer.id, None, now.utc)?;
    Ok(paused(customer, before))
}

fn paused(customer: Customer, before: Option<Pause>) -> Paused {
    let change = Change::CustomerPaused {
        id: customer.id,
        before: before.clone(),
        after: customer.paused.clone(),
    };
    Paused {
        customer,
        before,
        change,
    }
}

/// The day `until` starts with and the reason after it, for a snooze or a pause: the day
/// must be after `today` (else `not_later` names it as typed), the reason a valid note.
fn later_day(
    until: &str,
    today: NaiveDate,
    not_later: fn(String) -> Refused,
) -> Result<(NaiveDate, String), Refused> {
    let (day, typed, reason) = until_and_day_words(until, today)?;
    if day <= today {
        return Err(not_later(typed));
    }
    typed::note(&reason)?;
    Ok((day, reason))
}

/// "+2w champion on leave" → (the day, "+2w", "champion on leave"): the longest run of up
/// to three leading words that reads as a day (as typed: what a refusal quotes), the rest
/// the reason.
fn until_and_day_words(line: &str, today: NaiveDate) -> Result<(NaiveDate, String, String), BadWhen> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() {
        return Err(BadWhen(String::new()));
    }
    for n in (1..=words.len().min(3)).rev() {
        let typed = words[..n].join(" ");
        if let Ok(day) = parse_when(&typed, today) {
            return Ok((day, typed, words[n..].join(" ")));
        }
    }
    parse_when(words[0], today).map(|day| (day, words[0].to_string(), words[1..].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_reason(line: &str, today: NaiveDate) -> Result<(NaiveDate, String), BadWhen> {
        until_and_day_words(line, today).map(|(day, _, reason)| (day, reason))
    }

    #[test]
    fn a_refusal_quotes_the_day_as_typed_not_the_reason() {
        let today = "2026-11-23".parse().unwrap();
        let (_, typed, reason) = until_and_day_words("last fri back from Japan", today).unwrap();
        assert_eq!((typed.as_str(), reason.as_str()), ("last fri", "back from Japan"));
    }

    #[test]
    fn the_day_is_the_longest_leading_words_that_read_as_one() {
        let today = "2026-11-23".parse().unwrap(); // a Monday
        let (day, why) = split_reason("@next week champion on leave", today).unwrap();
        assert_eq!(
            (day.to_string(), why.as_str()),
            ("2026-11-30".into(), "champion on leave")
        );
        let (day, why) = split_reason("2027-03-01", today).unwrap();
        assert_eq!((day.to_string(), why.as_str()), ("2027-03-01".into(), ""));
        let (day, why) = split_reason("in 3 days back from Japan", today).unwrap();
        assert_eq!(
            (day.to_string(), why.as_str()),
            ("2026-11-26".into(), "back from Japan")
        );
        assert!(split_reason("someday soon", today).is_err());
        assert!(split_reason("  ", today).is_err());
    }
}
