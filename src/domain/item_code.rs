//! Item codes: the short names the digest gives what it lists, so a line can be acted on
//! from a shell (`touchbase done f114`, `touchbase snooze c12 +2w`). A code is a letter and
//! an id, never a position: the same thing has the same code in every run and every
//! output. Pure: which record a code names is the store's to say.
//!
//! - `f<id>` a follow-up; a bare number is one too (as `done 114` always took);
//! - `m<id>` a decision moment; `t<id>` a switching trigger;
//! - a nudge about a customer as a whole, one letter per kind with the customer's id:
//!   `c<id>` cadence exceeded, `a<id>` asks outnumber gives, `l<id>` loyalty unrewarded,
//!   `s<id>` satisfaction dropped, `p<id>` the account hangs on one person. One letter each, so `snooze` quiets exactly that nudge.

use std::fmt;
use std::str::FromStr;

use super::nudge::{Nudge, NudgeKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemCode {
    FollowUp(i64),
    Moment(i64),
    Trigger(i64),
    /// A customer's nudge of a kind about them as a whole, by the customer's id.
    Customer(i64, CustomerNudge),
}

/// The kinds of nudge about a customer as a whole (no follow-up, moment or trigger).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerNudge {
    Cadence,
    Taking,
    Loyalty,
    Satisfaction,
    /// Single-threaded: the account hangs on one person.
    Single,
}

impl CustomerNudge {
    const ALL: [CustomerNudge; 5] = [
        CustomerNudge::Cadence,
        CustomerNudge::Taking,
        CustomerNudge::Loyalty,
        CustomerNudge::Satisfaction,
        CustomerNudge::Single,
    ];

    fn letter(self) -> char {
        match self {
            CustomerNudge::Cadence => 'c',
            CustomerNudge::Taking => 'a',
            CustomerNudge::Loyalty => 'l',
            CustomerNudge::Satisfaction => 's',
            CustomerNudge::Single => 'p',
        }
    }

    pub fn kind(self) -> NudgeKind {
        match self {
            CustomerNudge::Cadence => NudgeKind::CadenceExceeded,
            CustomerNudge::Taking => NudgeKind::TakingTooMuch,
            CustomerNudge::Loyalty => NudgeKind::LoyaltyUnrewarded,
            CustomerNudge::Satisfaction => NudgeKind::SatisfactionDrop,
            CustomerNudge::Single => NudgeKind::SingleThreaded,
        }
    }

    fn of(kind: NudgeKind) -> Option<CustomerNudge> {
        CustomerNudge::ALL.into_iter().find(|c| c.kind() == kind)
    }
}

impl ItemCode {
    /// The code of what `nudge` is about: its follow-up, moment or trigger, else the
    /// customer's nudge of its kind.
    pub fn of(nudge: &Nudge) -> ItemCode {
        if let Some(id) = nudge.follow_up_id {
            return ItemCode::FollowUp(id);
        }
        if let Some(id) = nudge.moment_id {
            return ItemCode::Moment(id);
        }
        if let Some(id) = nudge.trigger_id {
            return ItemCode::Trigger(id);
        }
        // Every kind without a subject is about the customer as a whole; cadence is the
        // fallback should a new kind be added without a letter.
        let kind = CustomerNudge::of(nudge.kind).unwrap_or(CustomerNudge::Cadence);
        ItemCode::Customer(nudge.customer_id, kind)
    }
}

impl fmt::Display for ItemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemCode::FollowUp(id) => write!(f, "f{id}"),
            ItemCode::Moment(id) => write!(f, "m{id}"),
            ItemCode::Trigger(id) => write!(f, "t{id}"),
            ItemCode::Customer(id, kind) => write!(f, "{}{id}", kind.letter()),
        }
    }
}

/// Text that is no item code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not an item code — use one `touchbase remind` prints: f<id> (a follow-up; a bare number is one too), m<id> (a decision moment), t<id> (a trigger), or c<id>, a<id>, l<id>, s<id>, p<id> (a customer's cadence, asks, loyalty, satisfaction or single-threaded nudge)"
)]
pub struct BadItemCode(pub String);

impl FromStr for ItemCode {
    type Err = BadItemCode;

    /// Ignoring case and surrounding blanks: "F114", " m12 ", "114".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadItemCode(s.to_string());
        let typed = s.trim();
        let (letter, digits) = match typed.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => (Some(c.to_ascii_lowercase()), &typed[1..]),
            _ => (None, typed),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let id: i64 = digits.parse().map_err(|_| bad())?;
        let customer = |kind| Ok(ItemCode::Customer(id, kind));
        match letter {
            None | Some('f') => Ok(ItemCode::FollowUp(id)),
            Some('m') => Ok(ItemCode::Moment(id)),
            Some('t') => Ok(ItemCode::Trigger(id)),
            Some(l) => match CustomerNudge::ALL.into_iter().find(|k| k.letter() == l) {
                Some(kind) => customer(kind),
                None => Err(bad()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> ItemCode {
        s.parse().unwrap()
    }

    #[test]
    fn codes_read_ignoring_case_and_blanks() {
        assert_eq!(code("f114"), ItemCode::FollowUp(114));
        assert_eq!(code("F114"), ItemCode::FollowUp(114));
        assert_eq!(code(" m12 "), ItemCode::Moment(12));
        assert_eq!(code("T7"), ItemCode::Trigger(7));
        assert_eq!(code("c3"), ItemCode::Customer(3, CustomerNudge::Cadence));
        assert_eq!(code("A3"), ItemCode::Customer(3, CustomerNudge::Taking));
        assert_eq!(code("l3"), ItemCode::Customer(3, CustomerNudge::Loyalty));
        assert_eq!(code("s3"), ItemCode::Customer(3, CustomerNudge::Satisfaction));
        assert_eq!(code("P3"), ItemCode::Customer(3, CustomerNudge::Single));
    }

    #[test]
    fn a_bare_number_is_a_follow_up() {
        assert_eq!(code("114"), ItemCode::FollowUp(114));
    }

    #[test]
    fn every_code_reads_back_as_it_prints() {
        let all = [
            ItemCode::FollowUp(1),
            ItemCode::Moment(22),
            ItemCode::Trigger(333),
            ItemCode::Customer(4, CustomerNudge::Cadence),
            ItemCode::Customer(5, CustomerNudge::Taking),
            ItemCode::Customer(6, CustomerNudge::Loyalty),
            ItemCode::Customer(7, CustomerNudge::Satisfaction),
        ];
        for c in all {
            assert_eq!(code(&c.to_string()), c, "{c}");
        }
    }

    #[test]
    fn a_bad_code_is_named_with_the_shapes_that_work() {
        for bad in [
            "",
            "f",
            "x12",
            "f-1",
            "f1x",
            "ff1",
            "m 12",
            "99999999999999999999",
            "!f1",
        ] {
            let err = bad.parse::<ItemCode>().unwrap_err().to_string();
            assert!(err.starts_with(&format!("'{bad}' is not an item code")), "{err}");
            assert!(
                err.contains("f<id>") && err.contains("m<id>") && err.contains("t<id>"),
                "{err}"
            );
        }
    }

    #[test]
    fn each_kind_about_the_customer_has_its_own_letter() {
        let letters: std::collections::HashSet<char> =
            CustomerNudge::ALL.iter().map(|k| k.letter()).collect();
        assert_eq!(letters.len(), CustomerNudge::ALL.len());
        assert!(!letters.contains(&'f') && !letters.contains(&'m') && !letters.contains(&'t'));
        let kinds_without_subject = NudgeKind::ALL.into_iter().filter(|k| {
            !k.has_subject() && !matches!(k, NudgeKind::FollowUpOverdue | NudgeKind::FollowUpToday)
        });
        for kind in kinds_without_subject {
            assert!(CustomerNudge::of(kind).is_some(), "{kind} has a letter");
        }
    }
}
