//! Nudges: why a customer needs attention now, scored, with a reason a salesperson would
//! say out loud. Each rule is a pure function of the facts and an injected `today`/`now`.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::{Customer, FollowUp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NudgeKind {
    FollowUpOverdue,
    FollowUpToday,
    CadenceExceeded,
}

impl NudgeKind {
    /// The stable name used in JSON and in `[nudge.weights]`.
    pub fn as_str(self) -> &'static str {
        match self {
            NudgeKind::FollowUpOverdue => "follow_up_overdue",
            NudgeKind::FollowUpToday => "follow_up_today",
            NudgeKind::CadenceExceeded => "cadence_exceeded",
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
    pub follow_up_overdue: f64,
    pub follow_up_today: f64,
    pub cadence_exceeded: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            follow_up_overdue: 10.0,
            follow_up_today: 8.0,
            cadence_exceeded: 4.0,
        }
    }
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
}

impl Nudge {
    fn new(
        customer: &Customer,
        kind: NudgeKind,
        score: f64,
        reason: String,
        follow_up_id: Option<i64>,
    ) -> Nudge {
        Nudge {
            customer_id: customer.id,
            customer: customer.name.clone(),
            phone: customer.phone.clone(),
            email: customer.email.clone(),
            kind,
            score: round2(score),
            reason,
            follow_up_id,
        }
    }
}

/// Overdue follow-ups weigh up to three times their weight, reached after two weeks.
const OVERDUE_RAMP_DAYS: f64 = 14.0;

/// An open follow-up due today or earlier.
#[allow(clippy::cast_precision_loss)]
pub fn follow_up(f: &FollowUp, customer: &Customer, today: NaiveDate, w: &Weights) -> Option<Nudge> {
    if f.done_at.is_some() {
        return None;
    }
    let overdue = f.days_overdue(today);
    let (kind, score, reason) = match overdue {
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
    Some(Nudge::new(customer, kind, score, reason, Some(f.id)))
}

/// The keep-in-touch cadence has run out.
pub fn cadence(customer: &Customer, now: DateTime<Utc>, w: &Weights) -> Option<Nudge> {
    let staleness = customer.staleness(now);
    if staleness <= 1.0 {
        return None;
    }
    let reason = match customer.last_contact_at {
        Some(last) => format!(
            "last contact {} ago; you aim for every {}",
            days((now - last).num_days()),
            days(i64::from(customer.cadence.days()))
        ),
        None => format!(
            "no contact yet, added {} ago; you aim for every {}",
            days((now - customer.created_at).num_days()),
            days(i64::from(customer.cadence.days()))
        ),
    };
    // Logarithmic: twice the cadence weighs 1.7x, ten times 3.3x. A customer silent for a
    // year is more urgent than one a week over, but not fifty times as urgent.
    let score = w.cadence_exceeded * (1.0 + staleness.ln());
    Some(Nudge::new(
        customer,
        NudgeKind::CadenceExceeded,
        score,
        reason,
        None,
    ))
}

/// Highest score first; ties by customer name so output is stable.
pub fn rank(nudges: &mut [Nudge]) {
    nudges.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.follow_up_id.cmp(&b.follow_up_id))
    });
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// "1 day", "3 days".
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// "Fri 20 Nov".
pub fn short_date(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Cadence, Tags};
    use chrono::TimeZone as _;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        Utc.from_utc_datetime(&format!("{s}T12:00:00").parse().unwrap())
    }

    fn acme(last: Option<&str>) -> Customer {
        Customer {
            id: 1,
            name: "Acme BV".into(),
            company: "Acme".into(),
            email: String::new(),
            phone: String::new(),
            tags: Tags::default(),
            cadence: Cadence::from_days(30).unwrap(),
            notes: String::new(),
            archived: false,
            created_at: at("2026-01-01"),
            last_contact_at: last.map(at),
        }
    }

    fn quote(due: &str) -> FollowUp {
        FollowUp {
            id: 7,
            customer_id: 1,
            text: "send the quote".into(),
            due: day(due),
            done_at: None,
        }
    }

    #[test]
    fn a_follow_up_nudges_from_its_day_on() {
        let w = Weights::default();
        let c = acme(None);
        assert_eq!(follow_up(&quote("2026-11-24"), &c, day("2026-11-23"), &w), None);

        let today = follow_up(&quote("2026-11-23"), &c, day("2026-11-23"), &w).unwrap();
        assert_eq!(today.kind, NudgeKind::FollowUpToday);
        assert_eq!(today.reason, "“send the quote” is due today");

        let late = follow_up(&quote("2026-11-20"), &c, day("2026-11-23"), &w).unwrap();
        assert_eq!(late.kind, NudgeKind::FollowUpOverdue);
        assert_eq!(late.reason, "“send the quote” is 3 days overdue (due Fri 20 Nov)");
        assert_eq!(late.follow_up_id, Some(7));
    }

    #[test]
    fn overdue_grows_for_two_weeks_then_holds() {
        let w = Weights::default();
        let c = acme(None);
        let score = |due| follow_up(&quote(due), &c, day("2026-11-30"), &w).unwrap().score;
        assert!(score("2026-11-29") < score("2026-11-23"));
        assert!((score("2026-11-16") - 30.0).abs() < 1e-9);
        assert!((score("2026-10-01") - 30.0).abs() < 1e-9);
    }

    #[test]
    fn a_done_follow_up_never_nudges() {
        let mut f = quote("2026-11-01");
        f.done_at = Some(at("2026-11-02"));
        assert_eq!(
            follow_up(&f, &acme(None), day("2026-11-23"), &Weights::default()),
            None
        );
    }

    #[test]
    fn cadence_nudges_only_once_it_has_run_out() {
        let w = Weights::default();
        let c = acme(Some("2026-10-24"));
        assert_eq!(
            cadence(&c, at("2026-11-23"), &w),
            None,
            "exactly 30 days is on time"
        );
        let n = cadence(&c, at("2026-11-24"), &w).unwrap();
        assert_eq!(n.kind, NudgeKind::CadenceExceeded);
        assert_eq!(n.reason, "last contact 31 days ago; you aim for every 30 days");
        let never = cadence(&acme(None), at("2026-11-23"), &w).unwrap();
        assert!(
            never.reason.starts_with("no contact yet, added 326 days ago"),
            "{}",
            never.reason
        );
        let twice = cadence(&c, at("2026-12-23"), &w).unwrap().score;
        assert!((twice - 4.0 * (1.0 + 2f64.ln())).abs() < 0.01, "{twice}");
        assert!(never.score > twice, "staler weighs more");
    }

    #[test]
    fn rank_puts_the_highest_score_first() {
        let w = Weights::default();
        let c = acme(Some("2026-09-01"));
        let mut all = vec![
            cadence(&c, at("2026-11-23"), &w).unwrap(),
            follow_up(&quote("2026-11-10"), &c, day("2026-11-23"), &w).unwrap(),
        ];
        rank(&mut all);
        assert_eq!(all[0].kind, NudgeKind::FollowUpOverdue);
    }
}
