//! The JSON shapes of `--json` output. They are a stable interface: documented in the
//! README, changed only by adding fields.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;

use crate::domain::balance::BalanceEntry;
use crate::domain::moment::Moment;
use crate::domain::nudge::Nudge;
use crate::domain::person::Person;
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};
use crate::store::{CustomerRow, Entry, Interaction, Order};

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An entry of the undo journal (`undo --list --json`, `undo --json`).
#[derive(Serialize)]
pub struct EntryJson<'a> {
    pub id: i64,
    pub at: String,
    pub by: &'static str,
    pub said: &'a str,
    pub undone_at: Option<String>,
    pub refused: Option<&'a str>,
}

impl<'a> From<&'a Entry> for EntryJson<'a> {
    fn from(e: &'a Entry) -> Self {
        EntryJson {
            id: e.id,
            at: rfc3339(e.at),
            by: e.by.as_str(),
            said: &e.said,
            undone_at: e.undone_at.map(rfc3339),
            refused: e.refused.as_deref(),
        }
    }
}

/// What `undo --json` undid: the entry, or `null` when there was nothing to undo.
#[derive(Serialize)]
pub struct UndoneJson<'a> {
    pub undone: Option<EntryJson<'a>>,
}

#[derive(Serialize)]
pub struct CustomerJson<'a> {
    pub id: i64,
    pub name: &'a str,
    pub company: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub tags: &'a [String],
    pub cadence_days: u32,
    pub last_contact: Option<String>,
    pub next_follow_up: Option<NaiveDate>,
    pub lifetime_value_cents: i64,
    pub archived: bool,
    /// The day a pause ends (`touchbase pause`), as stored: `null` when never paused.
    pub paused_until: Option<NaiveDate>,
    pub paused_reason: &'a str,
}

impl<'a> CustomerJson<'a> {
    pub fn new(c: &'a Customer, next_follow_up: Option<NaiveDate>) -> Self {
        CustomerJson {
            id: c.id,
            name: &c.name,
            company: &c.company,
            email: &c.email,
            phone: &c.phone,
            tags: c.tags.as_slice(),
            cadence_days: c.cadence.days(),
            last_contact: c.last_contact_at.map(rfc3339),
            next_follow_up,
            lifetime_value_cents: c.summary.value.0,
            archived: c.archived,
            paused_until: c.paused.as_ref().map(|p| p.until),
            paused_reason: c.paused.as_ref().map_or("", |p| p.reason.as_str()),
        }
    }

    pub fn from_row(row: &'a CustomerRow) -> Self {
        CustomerJson::new(&row.customer, row.next_follow_up)
    }
}

/// `archive --json`, `unarchive --json`: the customer, and whether the flag changed.
#[derive(Serialize)]
pub struct ShelvedJson<'a> {
    #[serde(flatten)]
    pub customer: CustomerJson<'a>,
    pub changed: bool,
}

#[derive(Serialize)]
pub struct ShowJson<'a> {
    #[serde(flatten)]
    pub customer: CustomerJson<'a>,
    pub notes: &'a str,
    pub interactions: Vec<InteractionJson<'a>>,
    pub follow_ups: Vec<FollowUpJson<'a>>,
    pub moments: Vec<MomentJson<'a>>,
    pub triggers: Vec<TriggerJson<'a>>,
    /// The latest gives and asks, newest first.
    pub balance_entries: Vec<BalanceEntryJson<'a>>,
    /// The latest orders, the latest placed first.
    pub orders: Vec<OrderJson<'a>>,
    pub balance: BalanceJson,
    /// The latest satisfaction (1–5) and the one before it.
    pub satisfaction: Option<u8>,
    pub previous_satisfaction: Option<u8>,
    pub last_order: Option<NaiveDate>,
    pub urgency: f64,
    /// The names of the customers merged into this one, oldest first.
    pub also_known_as: &'a [String],
    /// The people at the customer: main first, then by name, then who left.
    pub people: Vec<super::people::PersonJson<'a>>,
}

#[derive(Serialize)]
pub struct InteractionJson<'a> {
    pub id: i64,
    pub at: String,
    pub kind: &'static str,
    pub note: &'a str,
    pub satisfaction: Option<u8>,
    /// Whom the contact was with, `null` when not recorded; `person` is their name where
    /// it is known (`show`, `log`).
    pub person_id: Option<i64>,
    pub person: Option<&'a str>,
}

impl<'a> From<&'a Interaction> for InteractionJson<'a> {
    fn from(i: &'a Interaction) -> Self {
        InteractionJson {
            id: i.id,
            at: rfc3339(i.at),
            kind: i.kind.as_str(),
            note: &i.note,
            satisfaction: i.satisfaction,
            person_id: i.person_id,
            person: None,
        }
    }
}

impl<'a> InteractionJson<'a> {
    /// The contact, naming its person from `people` (the customer's).
    pub fn among(i: &'a Interaction, people: &'a [Person]) -> Self {
        InteractionJson {
            person: i
                .person_id
                .and_then(|id| people.iter().find(|p| p.id == id))
                .map(|p| p.name.as_str()),
            ..InteractionJson::from(i)
        }
    }
}

#[derive(Serialize)]
pub struct FollowUpJson<'a> {
    pub id: i64,
    pub customer_id: i64,
    pub text: &'a str,
    pub due: NaiveDate,
    pub done: bool,
}

impl<'a> From<&'a FollowUp> for FollowUpJson<'a> {
    fn from(f: &'a FollowUp) -> Self {
        FollowUpJson {
            id: f.id,
            customer_id: f.customer_id,
            text: &f.text,
            due: f.due,
            done: f.done_at.is_some(),
        }
    }
}

#[derive(Serialize)]
pub struct NudgeJson<'a> {
    pub customer: &'a str,
    pub customer_id: i64,
    pub kind: &'static str,
    pub score: f64,
    pub reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up_id: Option<i64>,
    /// The moment or trigger the nudge is about: what `quiet … KIND:ID` names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moment_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_id: Option<i64>,
}

impl<'a> From<&'a Nudge> for NudgeJson<'a> {
    fn from(n: &'a Nudge) -> Self {
        NudgeJson {
            customer: &n.customer,
            customer_id: n.customer_id,
            kind: n.kind.as_str(),
            score: n.score,
            reason: &n.reason,
            follow_up_id: n.follow_up_id,
            moment_id: n.moment_id,
            trigger_id: n.trigger_id,
        }
    }
}

/// What `log --json` prints: the interaction and whatever the line created with it.
#[derive(Serialize)]
pub struct LoggedJson<'a> {
    pub customer_id: i64,
    pub interaction: InteractionJson<'a>,
    pub follow_up: Option<FollowUpJson<'a>>,
    pub tags: &'a [String],
    pub balance_entry_id: Option<i64>,
    pub trigger_id: Option<i64>,
    /// The follow-ups the line's `!done` or `!ID` marked done.
    pub closed: Vec<FollowUpJson<'a>>,
}

#[derive(Serialize)]
pub struct MomentJson<'a> {
    pub id: i64,
    pub customer_id: i64,
    pub title: &'a str,
    pub expected: NaiveDate,
    pub concerns: &'a str,
    pub steps: &'a str,
    pub response: &'a str,
    pub status: &'static str,
    pub planned_at: String,
    pub closed_at: Option<String>,
    /// How it went, in words; empty when none was given.
    pub outcome_note: &'a str,
    /// Who takes part, by part (decides, signs, champion, involved), then by name.
    pub people: Vec<MomentPersonJson<'a>>,
}

#[derive(Serialize)]
pub struct MomentPersonJson<'a> {
    /// The person's id (as `person list` shows it).
    pub id: i64,
    pub name: &'a str,
    /// decides, signs, champion or involved.
    pub part: &'static str,
}

impl<'a> From<&'a Moment> for MomentJson<'a> {
    fn from(m: &'a Moment) -> Self {
        MomentJson {
            id: m.id,
            customer_id: m.customer_id,
            title: &m.title,
            expected: m.expected,
            concerns: &m.concerns,
            steps: &m.steps,
            response: &m.response,
            status: m.status.as_str(),
            planned_at: rfc3339(m.planned_at),
            closed_at: m.closed_at.map(rfc3339),
            outcome_note: &m.outcome_note,
            people: m
                .people
                .iter()
                .map(|p| MomentPersonJson {
                    id: p.id,
                    name: &p.name,
                    part: p.part.as_str(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct TriggerJson<'a> {
    pub id: i64,
    pub customer_id: i64,
    pub kind: &'static str,
    pub note: &'a str,
    pub opened_at: String,
    pub resolved_at: Option<String>,
    /// How it was resolved, in words; empty when none was given.
    pub resolution_note: &'a str,
}

impl<'a> From<&'a Trigger> for TriggerJson<'a> {
    fn from(t: &'a Trigger) -> Self {
        TriggerJson {
            id: t.id,
            customer_id: t.customer_id,
            kind: t.kind.as_str(),
            note: &t.note,
            opened_at: rfc3339(t.opened_at),
            resolved_at: t.resolved_at.map(rfc3339),
            resolution_note: &t.resolution_note,
        }
    }
}

#[derive(Serialize)]
pub struct BalanceEntryJson<'a> {
    pub id: i64,
    pub customer_id: i64,
    pub side: &'static str,
    pub note: &'a str,
    pub at: String,
}

impl<'a> From<&'a BalanceEntry> for BalanceEntryJson<'a> {
    fn from(b: &'a BalanceEntry) -> Self {
        BalanceEntryJson {
            id: b.id,
            customer_id: b.customer_id,
            side: b.side.as_str(),
            note: &b.note,
            at: rfc3339(b.at),
        }
    }
}

#[derive(Serialize)]
pub struct OrderJson<'a> {
    pub id: i64,
    pub customer_id: i64,
    pub ordered_on: NaiveDate,
    pub amount_cents: i64,
    pub currency: &'a str,
    pub note: &'a str,
}

impl<'a> From<&'a Order> for OrderJson<'a> {
    fn from(o: &'a Order) -> Self {
        OrderJson {
            id: o.id,
            customer_id: o.customer_id,
            ordered_on: o.ordered_on,
            amount_cents: o.amount.0,
            currency: &o.currency,
            note: &o.note,
        }
    }
}

#[derive(Serialize)]
pub struct BalanceJson {
    pub gives: u32,
    pub asks: u32,
}

#[derive(Serialize)]
pub struct WhyJson<'a> {
    pub customer: &'a str,
    pub customer_id: i64,
    pub total: f64,
    pub terms: Vec<TermJson<'a>>,
    pub snoozed: Vec<SnoozeJson<'a>>,
    /// The customer's pause while it holds: `{until, reason}`, else `null`.
    pub paused: Option<&'a crate::domain::Pause>,
}

/// A snoozed nudge: `quiet`, and under `snoozed` in `why`.
#[derive(Serialize)]
pub struct SnoozeJson<'a> {
    pub customer_id: i64,
    pub kind: &'static str,
    /// The moment's or trigger's id the nudge is about, 0 for one about the customer.
    pub subject_id: i64,
    pub until: chrono::NaiveDate,
    pub reason: &'a str,
}

impl<'a> From<&'a crate::domain::nudge::NudgeSnooze> for SnoozeJson<'a> {
    fn from(s: &'a crate::domain::nudge::NudgeSnooze) -> Self {
        SnoozeJson {
            customer_id: s.customer_id,
            kind: s.kind.as_str(),
            subject_id: s.subject_id,
            until: s.until,
            reason: &s.reason,
        }
    }
}

#[derive(Serialize)]
pub struct TermJson<'a> {
    pub kind: &'static str,
    pub score: f64,
    pub reason: &'a str,
}

/// What `remind --json` prints: today's digest.
///
/// ```json
/// {"day": "2026-11-23",
///  "counts": {"overdue": 3, "today": 1, "prepare": 2},
///  "more": {"overdue": 0, "today": 0, "prepare": 0},
///  "since": null,
///  "items": [{"code": "f114", "section": "overdue", "kind": "follow_up_overdue",
///             "customer_id": 7, "customer": "Acme", "what": "send proposal",
///             "reason": "“send proposal” is 3 days overdue (due Fri 20 Nov)",
///             "date": "2026-11-20"}]}
/// ```
///
/// `counts` are the sections' sizes in all (as `touchbase status` counts them), `more`
/// how many of each `items` leaves out for `[nudge] limit`; `section` is one of
/// overdue, today, prepare, nudge; `date` is the follow-up's due day or the moment's
/// expected day (null for other nudges); `since` (with `--since-last`) is when the digest
/// compared against was delivered, null when there was none.
#[derive(Serialize)]
pub struct DigestJson<'a> {
    pub day: NaiveDate,
    pub counts: crate::app::remind::Counts,
    pub more: crate::app::remind::Counts,
    pub since: Option<String>,
    pub items: Vec<DigestItemJson<'a>>,
}

#[derive(Serialize)]
pub struct DigestItemJson<'a> {
    pub code: String,
    pub section: crate::app::remind::Section,
    pub kind: &'static str,
    pub customer_id: i64,
    pub customer: &'a str,
    pub what: &'a str,
    pub reason: &'a str,
    pub date: Option<NaiveDate>,
}

impl<'a> From<&'a crate::app::remind::Digest> for DigestJson<'a> {
    fn from(d: &'a crate::app::remind::Digest) -> Self {
        DigestJson {
            day: d.day,
            counts: d.counts,
            more: d.more,
            since: d.since.map(|(at, _)| rfc3339(at)),
            items: d
                .lines
                .iter()
                .map(|l| DigestItemJson {
                    code: l.code.to_string(),
                    section: l.section,
                    kind: l.kind.as_str(),
                    customer_id: l.customer_id,
                    customer: &l.customer,
                    what: &l.what,
                    reason: &l.reason,
                    date: l.date,
                })
                .collect(),
        }
    }
}
