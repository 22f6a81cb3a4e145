//! Snoozing a nudge until a day, with why ("champion on leave until March"): the one use
//! case both front ends call, and the snoozes `why` lists. A snoozed nudge is left out of
//! `due`, the agenda and urgency (`nudges::add_nudges`) until that day.

use super::customers::{Who, find};
use super::refused::Refused;
use super::undo::{Undoable, entry};
use crate::clock::Now;
use crate::domain::Customer;
use crate::domain::nudge::{NudgeKind, NudgeSnooze};
use crate::domain::when::{BadWhen, parse_when};
use crate::store::{Book, Change, Journaled};

/// A nudge as the snooze left it, whose it is, and the snooze it replaced.
#[derive(Debug, Clone)]
pub struct Snoozed {
    pub snooze: NudgeSnooze,
    pub replaced: Option<NudgeSnooze>,
    pub customer: Customer,
}

impl Undoable for Snoozed {
    fn journaled(&self) -> Option<Journaled> {
        let s = &self.snooze;
        let said = format!(
            "snoozed the {} nudge for {} until {}",
            s.kind,
            self.customer.name,
            s.until.format("%a %-d %b %Y")
        );
        let change = Change::NudgeSnoozed {
            snooze: s.clone(),
            replaced: self.replaced.clone(),
        };
        Some(entry(said, &change))
    }
}

/// Keeps `who`'s nudge of `kind` quiet until the day `until` starts with ("+2w", "@next
/// week", "2027-03-01"), the rest of it the reason. The day must be after today; a
/// follow-up is snoozed on its own (`follow_ups::snooze`), which moves its due day.
pub fn snooze(store: &mut dyn Book, now: Now, who: Who<'_>, kind: NudgeKind, until: &str) -> anyhow::Result<Snoozed> {
    if matches!(kind, NudgeKind::FollowUpOverdue | NudgeKind::FollowUpToday) {
        return Err(Refused::SnoozeFollowUpNudge.into());
    }
    let today = now.today();
    let (day, reason) = split_until(until, today).map_err(Refused::from)?;
    if day <= today {
        return Err(Refused::SnoozeNotLater(until.trim().to_string()).into());
    }
    let customer = find(store, who)?;
    let (snooze, replaced) = store.snooze_nudge(customer.id, kind, day, &reason, now.utc)?;
    Ok(Snoozed {
        snooze,
        replaced,
        customer,
    })
}

/// "@+2w champion on leave" → (the day, "champion on leave"): the longest run of up to
/// three leading words that reads as a day, the rest the reason.
fn split_until(line: &str, today: chrono::NaiveDate) -> Result<(chrono::NaiveDate, String), BadWhen> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() {
        return Err(BadWhen(String::new()));
    }
    for n in (1..=words.len().min(3)).rev() {
        if let Ok(day) = parse_when(&words[..n].join(" "), today) {
            return Ok((day, words[n..].join(" ")));
        }
    }
    parse_when(words[0], today).map(|day| (day, words[1..].join(" ")))
}

/// `who`'s nudges snoozed today, soonest to wake first: `why` lists them.
pub fn snoozed(store: &dyn Book, now: Now, customer: &Customer) -> anyhow::Result<Vec<NudgeSnooze>> {
    store.nudge_snoozes_of(customer.id, now.today())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_is_the_longest_leading_words_that_read_as_one() {
        let today = "2026-11-23".parse().unwrap(); // a Monday
        let (day, why) = split_until("@next week champion on leave", today).unwrap();
        assert_eq!((day.to_string(), why.as_str()), ("2026-11-30".into(), "champion on leave"));
        let (day, why) = split_until("2027-03-01", today).unwrap();
        assert_eq!((day.to_string(), why.as_str()), ("2027-03-01".into(), ""));
        assert!(split_until("someday soon", today).is_err());
        assert!(split_until("  ", today).is_err());
    }
}
