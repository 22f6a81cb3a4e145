//! A nudge snoozed until a day ("champion on leave until March"): which nudges a snooze
//! keeps quiet, and how a kind of nudge is typed. Pure: the rows come from the store.

use std::collections::HashSet;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Nudge, NudgeKind};

/// A customer's nudge of one kind, kept quiet until `until` (it nudges again that day).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NudgeSnooze {
    pub id: i64,
    pub customer_id: i64,
    pub kind: NudgeKind,
    /// The decision moment or trigger the nudge is about ([`Nudge::subject`]), 0 for a
    /// nudge about the customer as a whole.
    pub subject_id: i64,
    pub until: NaiveDate,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

impl NudgeSnooze {
    /// Whether it still keeps its nudge quiet on `today`.
    pub fn holds_on(&self, today: NaiveDate) -> bool {
        self.until > today
    }
}

/// The snoozes in force, as a set the nudge walk asks once per nudge.
#[derive(Debug, Clone, Default)]
pub struct Quiet(HashSet<(i64, NudgeKind, i64)>);

impl Quiet {
    pub fn of<'a>(snoozes: impl IntoIterator<Item = &'a NudgeSnooze>) -> Quiet {
        Quiet(
            snoozes
                .into_iter()
                .map(|s| (s.customer_id, s.kind, s.subject_id))
                .collect(),
        )
    }

    /// Whether `nudge` is snoozed.
    pub fn hides(&self, nudge: &Nudge) -> bool {
        self.holds(nudge.customer_id, nudge.kind, nudge.subject())
    }

    /// Whether the nudge of `kind` about `subject` ([`Nudge::subject`]) of customer
    /// `customer_id` is snoozed, whether or not it nudges now.
    pub fn holds(&self, customer_id: i64, kind: NudgeKind, subject: i64) -> bool {
        !self.0.is_empty() && self.0.contains(&(customer_id, kind, subject))
    }
}

/// A kind of nudge typed as nothing we know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a kind of nudge — use one of: {list}", list = SHORT.map(|(s, _)| s).join(", "))]
pub struct BadNudgeKind(pub String);

/// The short names a person types; the full names (`cadence_exceeded`) work too.
const SHORT: [(&str, NudgeKind); 12] = [
    ("cadence", NudgeKind::CadenceExceeded),
    ("moment", NudgeKind::MomentAhead),
    ("passed", NudgeKind::MomentPassed),
    ("complaint", NudgeKind::ComplaintOpen),
    ("situation", NudgeKind::SituationUnanswered),
    ("influence", NudgeKind::InfluenceUnanswered),
    ("taking", NudgeKind::TakingTooMuch),
    ("loyalty", NudgeKind::LoyaltyUnrewarded),
    ("satisfaction", NudgeKind::SatisfactionDrop),
    ("overdue", NudgeKind::FollowUpOverdue),
    ("today", NudgeKind::FollowUpToday),
    ("single", NudgeKind::SingleThreaded),
];

impl Nudge {
    /// What a snooze of this nudge is about besides its customer and kind: the decision
    /// moment's or trigger's id, 0 for a nudge about the customer as a whole. A follow-up's
    /// nudge is snoozed by moving the follow-up, so its id is no subject.
    pub fn subject(&self) -> i64 {
        self.moment_id.or(self.trigger_id).unwrap_or(0)
    }
}

impl NudgeKind {
    /// Whether nudges of this kind are about one moment or trigger (so a snooze names it).
    pub fn has_subject(self) -> bool {
        matches!(
            self,
            NudgeKind::MomentAhead
                | NudgeKind::MomentPassed
                | NudgeKind::ComplaintOpen
                | NudgeKind::SituationUnanswered
                | NudgeKind::InfluenceUnanswered
        )
    }

    /// The short name a person types (`cadence` for `cadence_exceeded`).
    pub fn short(self) -> &'static str {
        SHORT
            .iter()
            .find(|(_, k)| *k == self)
            .map_or(self.as_str(), |(s, _)| s)
    }
}

impl crate::domain::trigger::TriggerKind {
    /// The kind of nudge an open trigger of this kind gives.
    pub fn nudge_kind(self) -> NudgeKind {
        use crate::domain::trigger::TriggerKind;
        match self {
            TriggerKind::Reactional => NudgeKind::ComplaintOpen,
            TriggerKind::Situational => NudgeKind::SituationUnanswered,
            TriggerKind::Influential => NudgeKind::InfluenceUnanswered,
        }
    }
}

impl FromStr for NudgeKind {
    type Err = BadNudgeKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let typed = s.trim().to_lowercase().replace('-', "_");
        SHORT
            .iter()
            .find(|(short, _)| *short == typed)
            .map(|(_, k)| *k)
            .or_else(|| NudgeKind::ALL.into_iter().find(|k| k.as_str() == typed))
            .ok_or_else(|| BadNudgeKind(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_by_its_full_and_short_name() {
        for kind in NudgeKind::ALL {
            assert_eq!(kind.as_str().parse::<NudgeKind>(), Ok(kind));
        }
        assert_eq!("Cadence".parse::<NudgeKind>(), Ok(NudgeKind::CadenceExceeded));
        assert_eq!(
            "taking-too-much".parse::<NudgeKind>(),
            Ok(NudgeKind::TakingTooMuch)
        );
        let bad = "cadense".parse::<NudgeKind>().unwrap_err().to_string();
        assert!(
            bad.contains("'cadense'") && bad.contains("cadence, moment"),
            "{bad}"
        );
    }

    #[test]
    fn a_snooze_holds_until_the_day_before_its_until() {
        let s = NudgeSnooze {
            id: 1,
            customer_id: 7,
            kind: NudgeKind::CadenceExceeded,
            subject_id: 0,
            until: "2027-03-01".parse().unwrap(),
            reason: String::new(),
            created_at: DateTime::UNIX_EPOCH,
        };
        assert!(s.holds_on("2027-02-28".parse().unwrap()));
        assert!(!s.holds_on("2027-03-01".parse().unwrap()));
    }
}
