//! Why an action refused what the user typed: nothing was written, and both front ends say
//! it in these words (the CLI on stderr, the TUI on the prompt or form). Knows neither how
//! they say it nor which command or key led here.

use std::fmt::Write as _;
use std::ops::Range;

use crate::domain::balance::BadSide;
use crate::domain::customer::{BadCadence, BadTag};
use crate::domain::email::BadEmail;
use crate::domain::kind::UnknownKind;
use crate::domain::moment::BadOutcome;
use crate::domain::money::BadAmount;
use crate::domain::quicklog::{self, QuickLogError};
use crate::domain::search::BadSearch;
use crate::domain::text::sanitize;
use crate::domain::trigger::BadTriggerKind;
use crate::domain::typed::TooLong;
use crate::domain::when::BadWhen;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// A quick-log line that does not parse; its span marks the part to blame.
    #[error(transparent)]
    Line(#[from] QuickLogError),
    #[error(transparent)]
    When(#[from] BadWhen),
    #[error(transparent)]
    TooLong(#[from] TooLong),
    #[error(transparent)]
    Amount(#[from] BadAmount),
    #[error(transparent)]
    Cadence(#[from] BadCadence),
    #[error(transparent)]
    Tag(#[from] BadTag),
    #[error(transparent)]
    Email(#[from] BadEmail),
    #[error(transparent)]
    Phone(#[from] crate::domain::phone::BadPhone),
    #[error(transparent)]
    TriggerKind(#[from] BadTriggerKind),
    #[error(transparent)]
    Outcome(#[from] BadOutcome),
    /// A moment's People field that does not read.
    #[error(transparent)]
    People(#[from] crate::domain::moment::BadPeople),
    #[error(transparent)]
    Search(#[from] BadSearch),
    #[error(transparent)]
    Kind(#[from] UnknownKind),
    #[error("{0} — use give or ask")]
    Side(#[from] BadSide),
    /// An edit that names no field to change; the fields it could have named.
    #[error("nothing to change — give the {0}")]
    NothingToChange(&'static str),
    #[error("the follow-up is empty — say what to do, like \"send the quote\"")]
    NoFollowUpText,
    #[error(
        "satisfaction '{0}' is not 1 to 5 — give 1 (very unhappy) to 5 (very happy), or none to clear it"
    )]
    Satisfaction(String),
    /// A contact's time that does not read, in the quick-log line's words.
    #[error("{}", quicklog::not_a_time(.0))]
    BadTime(String),
    /// A contact's time after now, in the quick-log line's words.
    #[error("{}", quicklog::contact_ahead(.0))]
    ContactAhead(String),
    #[error("'{0}' is before today — an open follow-up is due today or later")]
    DueInPast(String),
    /// A moment planned for a day gone by, without saying how it went.
    #[error(
        "'{0}' is before today — plan a moment for today or later, or record how it went (outcome won, lost or passed)"
    )]
    MomentInPast(String),
    /// Deleting a customer, not confirmed: who, and what of theirs would go with them
    /// ("2 contacts and 1 order", or nothing).
    #[error("{}", unconfirmed(.name, .records))]
    Unconfirmed { name: String, records: String },
    /// A person named for a contact (`edit contact --with`) who is no one, or more than
    /// one, at its customer: what `domain::whom` says.
    #[error("{0}")]
    Whom(String),
    /// A follow-up's "text @when" that does not read as one.
    #[error("{0}")]
    Plan(String),
    #[error("the name is empty — give the customer a name, like \"Acme BV\"")]
    NoName,
    /// `add NAME --company C` when the book has an account of C already.
    #[error(
        "{company} is in your book already ({account}, id {id}) — add {name} to it: touchbase person add {id} \"{name}\""
    )]
    AccountThere {
        name: String,
        company: String,
        account: String,
        id: i64,
    },
    #[error("the title is empty — name the moment, like \"Board approves the 2027 budget\"")]
    NoTitle,
    #[error("the note is empty — say what happened, like \"delivery 5 days late\"")]
    NoTriggerNote,
    #[error("the note is empty — say what it was, like \"christmas hamper\" or \"asked for a referral\"")]
    NoBalanceNote,
    #[error("'{0}' is not after today — snooze to a later day, like tomorrow, +3d or next week")]
    SnoozeNotLater(String),
    #[error(
        "a follow-up is snoozed on its own, which moves its due day — use `touchbase snooze FOLLOW_UP_ID WHEN` (the id is in `touchbase due`), or `s` on it in the agenda"
    )]
    SnoozeFollowUpNudge,
    #[error(transparent)]
    NudgeKind(#[from] crate::domain::nudge::BadNudgeKind),
    #[error(transparent)]
    ItemCode(#[from] crate::domain::item_code::BadItemCode),
    /// `done` on a decision moment's code: a moment is closed with how it went.
    #[error(
        "m{0} is a decision moment — close it with how it went: `touchbase moment close {0} --outcome won|lost|passed`"
    )]
    DoneMoment(i64),
    /// `done` on the code of a nudge about a customer as a whole: what ends it.
    #[error("{code} is a nudge, not a task to tick off — {how}; `touchbase snooze {code} WHEN` quiets it")]
    DoneNudge { code: String, how: String },
    #[error(
        "{customer} has no {kind} nudge now — `touchbase why` lists their nudges; `touchbase pause` parks the customer as a whole"
    )]
    NoSuchNudge { customer: String, kind: String },
    #[error("which one? {} — add its id: {}", .0.join("; "), .0.first().and_then(|s| s.split(' ').next()).unwrap_or(""))]
    WhichNudge(Vec<String>),
    #[error("a {0} nudge is about the customer as a whole — name it without an id")]
    NudgeNeedsNoId(String),
    #[error("'{0}' is not after today — pause until a later day, like +2w, +1m or 2027-03-01")]
    PauseNotLater(String),
    #[error("{0} is not paused — `touchbase pause CUSTOMER WHEN [REASON]` pauses them")]
    NotPaused(String),
    #[error("'{0}' is after today — an order is recorded on the day it was placed, not in the future")]
    OrderAhead(String),
    #[error("no customer given — pass an id, or words of the name or company")]
    NoCustomerGiven,
    #[error("{}", no_such_customer(.0))]
    NoSuchCustomer(String),
    #[error("{}", ambiguous(.typed, .candidates, *.more))]
    Ambiguous {
        typed: String,
        /// Id, name and company of the first few that match, and the person at them
        /// that matched ("Anna de Boer", "Anna de Boer, left"; empty when the account's
        /// own name did).
        candidates: Vec<(i64, String, String, String)>,
        /// Whether more match than `candidates` holds.
        more: bool,
    },
}

impl Refused {
    /// The part of the typed line the refusal is about, when it is one part of it.
    pub fn span(&self) -> Option<Range<usize>> {
        match self {
            Refused::Line(e) => Some(e.span.clone()),
            _ => None,
        }
    }

    /// The refusal inside `e`, if `e` is one.
    pub fn of(e: &anyhow::Error) -> Option<&Refused> {
        e.downcast_ref::<Refused>()
    }
}

fn unconfirmed(name: &str, records: &str) -> String {
    let name = sanitize(name);
    if records.is_empty() {
        format!("deleting {name} (nothing else is recorded for them) — confirm to delete")
    } else {
        format!("deleting {name} deletes their {records} too — confirm to delete")
    }
}

fn no_such_customer(typed: &str) -> String {
    if crate::domain::phone::is_lookup(typed) {
        format!("no one at any customer has the phone number '{typed}'")
    } else if typed.contains('@') {
        format!("no one at any customer has the e-mail address '{typed}'")
    } else {
        format!("no customer is called '{typed}', and no name or company has words starting like it")
    }
}

fn ambiguous(typed: &str, candidates: &[(i64, String, String, String)], more: bool) -> String {
    let mut msg = format!("'{typed}' matches more than one customer — use more of the name, or the id:");
    for (id, name, company, via) in candidates {
        let _ = write!(msg, "\n  {id:>6}  {}", sanitize(name));
        let company = (!company.is_empty() && !company.eq_ignore_ascii_case(name)).then_some(company);
        match (company, via.is_empty()) {
            (Some(company), true) => {
                let _ = write!(msg, " ({})", sanitize(company));
            }
            (Some(company), false) => {
                let _ = write!(msg, " ({}; {})", sanitize(company), sanitize(via));
            }
            (None, false) => {
                let _ = write!(msg, " ({})", sanitize(via));
            }
            (None, true) => {}
        }
    }
    if more {
        msg.push_str("\n  …");
    }
    msg
}
