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

/// Writes `row` as `serde_json::to_writer(out, &CustomerJson::from_row(row))` does, byte
/// for byte (the tests compare them), in a fraction of the time: `list --json` writes one
/// for every customer of the book, and serde's escaping, dates and numbers were half of it.
pub fn write_customer_row(out: &mut Vec<u8>, row: &CustomerRow) {
    let c = &row.customer;
    out.extend_from_slice(b"{\"id\":");
    write_int(out, c.id);
    out.extend_from_slice(b",\"name\":");
    write_str(out, &c.name);
    out.extend_from_slice(b",\"company\":");
    write_str(out, &c.company);
    out.extend_from_slice(b",\"email\":");
    write_str(out, &c.email);
    out.extend_from_slice(b",\"phone\":");
    write_str(out, &c.phone);
    out.extend_from_slice(b",\"tags\":[");
    for (i, tag) in c.tags.as_slice().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, tag);
    }
    out.extend_from_slice(b"],\"cadence_days\":");
    write_int(out, i64::from(c.cadence.days()));
    out.extend_from_slice(b",\"last_contact\":");
    match c.last_contact_at {
        Some(at) => write_instant(out, at),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"next_follow_up\":");
    write_day(out, row.next_follow_up);
    out.extend_from_slice(b",\"lifetime_value_cents\":");
    write_int(out, c.summary.value.0);
    out.extend_from_slice(if c.archived {
        b",\"archived\":true"
    } else {
        b",\"archived\":false"
    });
    out.extend_from_slice(b",\"paused_until\":");
    write_day(out, c.paused.as_ref().map(|p| p.until));
    out.extend_from_slice(b",\"paused_reason\":");
    write_str(out, c.paused.as_ref().map_or("", |p| p.reason.as_str()));
    out.push(b'}');
}

/// A JSON string, escaped as serde_json escapes: `"`, `\\` and control characters, the
/// short forms where JSON has them.
fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..0x20 => &[],
            _ => continue,
        };
        out.extend_from_slice(&bytes[plain..i]);
        plain = i + 1;
        if escaped.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ]);
        } else {
            out.extend_from_slice(escaped);
        }
    }
    out.extend_from_slice(&bytes[plain..]);
    out.push(b'"');
}

fn write_int(out: &mut Vec<u8>, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[at..]);
}

/// `n` as two digits.
fn push_two(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
}

/// A day as chrono writes it (`YYYY-MM-DD` in the years with four digits), or `null`.
fn write_day(out: &mut Vec<u8>, day: Option<NaiveDate>) {
    use chrono::Datelike as _;
    let Some(day) = day else {
        out.extend_from_slice(b"null");
        return;
    };
    if !(0..=9999).contains(&day.year()) {
        out.extend_from_slice(format!("\"{day:?}\"").as_bytes());
        return;
    }
    let year = day.year() as u32;
    out.push(b'"');
    push_two(out, year / 100);
    push_two(out, year % 100);
    out.push(b'-');
    push_two(out, day.month());
    out.push(b'-');
    push_two(out, day.day());
    out.push(b'"');
}

/// An instant as `rfc3339` writes it.
fn write_instant(out: &mut Vec<u8>, at: DateTime<Utc>) {
    use chrono::Timelike as _;
    let day = at.date_naive();
    if !(0..=9999).contains(&chrono::Datelike::year(&day)) || at.nanosecond() != 0 {
        write_str(out, &rfc3339(at));
        return;
    }
    write_day(out, Some(day));
    // Into the quotes the day closed: 'THH:MM:SSZ'.
    out.pop();
    out.push(b'T');
    push_two(out, at.hour());
    out.push(b':');
    push_two(out, at.minute());
    out.push(b':');
    push_two(out, at.second());
    out.extend_from_slice(b"Z\"");
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;
    use crate::domain::customer::Summary;
    use crate::domain::money::Cents;
    use crate::domain::{Cadence, Pause, Tags};

    fn row(text: &str, n: i64) -> CustomerRow {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        CustomerRow {
            customer: Customer {
                id: n,
                name: text.to_string(),
                company: format!("{text} BV"),
                email: String::new(),
                phone: "+31 6 1234 5678".into(),
                tags: Tags::new(["vip", "food", "a/b"]).unwrap(),
                cadence: Cadence::from_days(14).unwrap(),
                notes: "not listed".into(),
                archived: n % 2 == 0,
                created_at: Utc.timestamp_opt(0, 0).unwrap(),
                last_contact_at: (n % 3 != 0).then(|| {
                    Utc.timestamp_opt(1_795_000_000 + (n % 100_000) * 3_601, 0)
                        .unwrap()
                }),
                summary: Summary {
                    value: Cents(n.wrapping_mul(1_234_567)),
                    ..Summary::default()
                },
                paused: (n % 4 == 1).then(|| Pause {
                    until: day(2027, 1, 9),
                    reason: text.to_string(),
                }),
            },
            next_follow_up: (n % 5 != 0)
                .then(|| day(1900 + n as i32 % 300, 1 + n as u32 % 12, 1 + n as u32 % 28)),
        }
    }

    #[test]
    fn a_customer_row_is_written_as_serde_writes_it() {
        let texts = [
            "Acme",
            "",
            "Kühne & Söhne",
            "quote \" back\\slash",
            "tab\there\nnew\rline",
            "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}",
            "Ærø – € 😀",
            "\u{2028}\u{2029}",
        ];
        for (i, text) in texts.iter().enumerate() {
            for n in [0, 1, 2, 3, 4, 5, 7, 11, 12, -1, i64::MAX, i64::MIN] {
                let r = row(text, n.wrapping_add(i as i64));
                let mut ours = Vec::new();
                write_customer_row(&mut ours, &r);
                let serde = serde_json::to_vec(&CustomerJson::from_row(&r)).unwrap();
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(serde).unwrap()
                );
            }
        }
        let mut empty = row("x", 1);
        empty.customer.tags = Tags::default();
        let mut ours = Vec::new();
        write_customer_row(&mut ours, &empty);
        assert_eq!(ours, serde_json::to_vec(&CustomerJson::from_row(&empty)).unwrap());
    }
}
