//! The weekly to-do list as plain data: which follow-ups, decision moments, cadences and
//! nudges belong to one week, each as an item with a day, an action, a reason and a
//! priority. Built from what the store found; knows no SQL and no output format.

mod calendar;
mod item;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

pub(crate) use calendar::Span;
pub use calendar::{IsoWeek, WeekStart};
pub(crate) use item::{Channel, Contact, Item, ItemKind, Priority};

use super::contact_person::{self, About};
use super::moment::Moment;
use super::nudge::{self, Nudge, NudgeKind, Rules, short_date};
use super::person::Person;
use super::workdays::Workdays;
use super::{Customer, FollowUp};

/// `[week]` in config.toml.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WeekConfig {
    /// The day weeks start on.
    pub start: WeekStart,
    /// The most items of each kind a week lists; the rest is counted, not lost.
    #[serde(deserialize_with = "super::ranged::count::<_, 1, 10_000>")]
    pub limit: usize,
    /// The days the user works: dates touchbase works out land on one (`domain::workdays`).
    pub workdays: Workdays,
}

impl Default for WeekConfig {
    fn default() -> Self {
        WeekConfig {
            start: WeekStart::default(),
            limit: 100,
            workdays: Workdays::default(),
        }
    }
}

/// Where a group of items goes: the overdue pile first, then one group per day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heading {
    Overdue,
    Day(NaiveDate),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Group<'a> {
    pub heading: Heading,
    pub items: &'a [Item],
}

/// How many items of each kind were left off by `[week] limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeftOut {
    pub overdue: usize,
    pub follow_ups: usize,
    pub moments: usize,
    pub touch_base: usize,
}

impl LeftOut {
    pub(crate) fn total(&self) -> usize {
        self.overdue + self.follow_ups + self.moments + self.touch_base
    }

    /// Each kind with some left off, for "… and 812 more follow-ups".
    pub(crate) fn by_kind(&self) -> Vec<(ItemKind, usize)> {
        [
            (ItemKind::Overdue, self.overdue),
            (ItemKind::FollowUp, self.follow_ups),
            (ItemKind::Moment, self.moments),
            (ItemKind::TouchBase, self.touch_base),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect()
    }
}

/// One week's to-do list.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlan {
    pub week: IsoWeek,
    pub start: NaiveDate,
    /// The last day of the week (inclusive).
    pub end: NaiveDate,
    /// Overdue items first (oldest first), then day by day; within a day by priority.
    pub items: Vec<Item>,
    pub left_out: LeftOut,
}

impl WeekPlan {
    /// The items by heading, overdue first, then the days that have items, in order.
    pub(crate) fn groups(&self) -> Vec<Group<'_>> {
        let mut groups: Vec<Group<'_>> = Vec::new();
        let mut rest = self.items.as_slice();
        while let Some(first) = rest.first() {
            let heading = heading_of(first);
            let n = rest.iter().take_while(|i| heading_of(i) == heading).count();
            let (items, tail) = rest.split_at(n);
            groups.push(Group { heading, items });
            rest = tail;
        }
        groups
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

fn heading_of(item: &Item) -> Heading {
    if item.kind == ItemKind::Overdue {
        Heading::Overdue
    } else {
        Heading::Day(item.date)
    }
}

/// A customer whose cadence runs out in the week, with the local days that matter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TouchBase {
    pub customer: Customer,
    pub runs_out: NaiveDate,
    pub last_contact: Option<NaiveDate>,
}

/// The records one week's plan is made from: what the store found for the week, and the
/// nudges of now.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct WeekRecords {
    /// Open follow-ups due before the week's end (overdue ones included).
    pub follow_ups: Vec<(FollowUp, Customer)>,
    /// Upcoming moments expected in the week or within `preparation_days` after it.
    pub moments: Vec<(Moment, Customer)>,
    pub touch_base: Vec<TouchBase>,
    /// The top nudges now, highest first.
    pub nudges: Vec<Nudge>,
    pub left_out: LeftOut,
    /// The people of the accounts the records are of, by customer id; an account missing
    /// here is reached at the customer's own phone and e-mail, with no one named.
    pub people: HashMap<i64, AccountPeople>,
    /// Whom the nudges' subjects concern (a leaver's trigger: `Beside` the leaver).
    pub about: HashMap<Subject, About>,
}

/// An account's people and when each was last in touch, by person id.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct AccountPeople {
    pub people: Vec<Person>,
    pub last_contacts: Vec<(i64, DateTime<Utc>)>,
}

/// What a nudge is about, as the records say whom it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Subject {
    Trigger(i64),
    Moment(i64),
    /// A single-threaded account, by customer id.
    Thread(i64),
}

impl WeekRecords {
    /// Whom to contact at customer `id` about `about`: one of its people, or with none
    /// recorded the customer's own `phone` and `email`.
    fn contact(&self, id: i64, phone: &str, email: &str, about: About) -> Contact {
        match self.people.get(&id).filter(|a| !a.people.is_empty()) {
            None => Contact {
                id: None,
                name: String::new(),
                phone: phone.to_string(),
                email: email.to_string(),
            },
            Some(a) => contact_person::whom(&a.people, &a.last_contacts, about)
                .map_or_else(Contact::default, Contact::person),
        }
    }

    /// Whom nudge `n` concerns: a leaver's trigger's successor, a single-threaded
    /// account's second person, a moment's own person, else the account.
    pub(crate) fn nudge_about(&self, n: &Nudge) -> About {
        let subjects = [
            n.trigger_id.map(Subject::Trigger),
            n.moment_id.map(Subject::Moment),
            (n.kind == NudgeKind::SingleThreaded).then_some(Subject::Thread(n.customer_id)),
        ];
        subjects
            .into_iter()
            .flatten()
            .find_map(|s| self.about.get(&s).copied())
            .unwrap_or(About::Account)
    }
}

/// The plan for `span` as seen on `today`. Nothing outside the week is listed: follow-ups
/// due in it (and, carried in, those already late), moments after it on the day their
/// preparation starts, clamped into the week and never onto a day gone by; nudges (which
/// are about now) only in the week that holds today, on today. A week ahead says nothing
/// relative to today.
pub(crate) fn plan(span: Span, today: NaiveDate, rules: &Rules, found: &WeekRecords) -> WeekPlan {
    let overdue_before = span.overdue_before(today);
    let own_from = span.own_from(today);
    let mut items = Vec::new();
    for (f, c) in &found.follow_ups {
        let listed = f.due < overdue_before || (own_from..=span.end).contains(&f.due);
        if f.done_at.is_none() && listed {
            let contact = found.contact(c.id, &c.phone, &c.email, About::Account);
            items.push(follow_up_item(f, c, &contact, span, today));
        }
    }
    for (m, c) in &found.moments {
        let contact = found.contact(c.id, &c.phone, &c.email, About::moment(m));
        if let Some(item) = moment_item(m, c, &contact, span, today, rules) {
            items.push(item);
        }
    }
    for t in &found.touch_base {
        if span.contains(t.runs_out) {
            let c = &t.customer;
            items.push(touch_base_item(
                t,
                &found.contact(c.id, &c.phone, &c.email, About::Account),
            ));
        }
    }
    if span.contains(today) {
        let listed: Listed = Listed::of(&items);
        for n in found.nudges.iter().filter(|n| !listed.covers(n)) {
            let contact = found.contact(n.customer_id, &n.phone, &n.email, found.nudge_about(n));
            items.push(nudge_item(n, &contact, today, rules));
        }
    }
    items.sort_by(|a, b| {
        (heading_rank(a), a.date, a.priority, a.kind)
            .cmp(&(heading_rank(b), b.date, b.priority, b.kind))
            .then_with(|| a.customer.to_lowercase().cmp(&b.customer.to_lowercase()))
            .then_with(|| a.key().cmp(&b.key()))
    });
    WeekPlan {
        week: span.week,
        start: span.start,
        end: span.end,
        items,
        left_out: found.left_out,
    }
}

fn heading_rank(item: &Item) -> u8 {
    u8::from(item.kind != ItemKind::Overdue)
}

fn follow_up_item(f: &FollowUp, c: &Customer, contact: &Contact, span: Span, today: NaiveDate) -> Item {
    let (kind, priority, reason) = if f.due < span.overdue_before(today) {
        let late = f.days_overdue(today);
        let reason = if late > 0 && !span.is_ahead_of(today) {
            format!("{} overdue (due {})", nudge::days(late), short_date(f.due))
        } else {
            format!("due {}, before this week", short_date(f.due))
        };
        (ItemKind::Overdue, Priority::A, reason)
    } else if f.due == today {
        (ItemKind::FollowUp, Priority::A, "due today".to_string())
    } else {
        (
            ItemKind::FollowUp,
            Priority::B,
            format!("due {}", short_date(f.due)),
        )
    };
    let mut item = Item::for_customer(c, contact, kind, f.due, priority, f.text.clone(), reason);
    item.channel = Channel::of_text(&f.text, &contact.phone);
    item.follow_up_id = Some(f.id);
    item
}

/// Prepare from `preparation_days` before the moment, but not before the week starts nor
/// after it ends. A moment still open after its day asks to record how it went.
fn moment_item(
    m: &Moment,
    c: &Customer,
    contact: &Contact,
    span: Span,
    today: NaiveDate,
    rules: &Rules,
) -> Option<Item> {
    let prepare_from = rules.prepare_from(m.expected);
    if m.expected < span.start || prepare_from > span.end {
        return None;
    }
    // Preparation that started on a day gone by is today's to do.
    let first = if span.contains(today) { today } else { span.start };
    let date = prepare_from.clamp(first, span.end);
    let (action, when) = if m.expected < today {
        (
            format!("Record how “{}” went", m.title),
            format!("was expected {}", short_date(m.expected)),
        )
    } else {
        (
            format!("Prepare for “{}”", m.title),
            format!("decision expected {}", short_date(m.expected)),
        )
    };
    let mut reason = vec![when];
    for (label, text) in [
        ("their concerns", &m.concerns),
        ("their steps", &m.steps),
        ("our response", &m.response),
    ] {
        if !text.trim().is_empty() {
            reason.push(format!("{label}: {}", text.trim()));
        }
    }
    let priority = if span.contains(m.expected) {
        Priority::A
    } else {
        Priority::B
    };
    let mut item = Item::for_customer(
        c,
        contact,
        ItemKind::Moment,
        date,
        priority,
        action,
        reason.join(" · "),
    );
    item.channel = Channel::Prepare;
    item.moment_id = Some(m.id);
    Some(item)
}

fn touch_base_item(t: &TouchBase, contact: &Contact) -> Item {
    let c = &t.customer;
    let every = nudge::days(i64::from(c.cadence.days()));
    let since = match t.last_contact {
        Some(d) => format!("last contact {}", short_date(d)),
        None => "no contact yet".to_string(),
    };
    let reason = format!(
        "{since}; you aim for every {every} — runs out {}",
        short_date(t.runs_out)
    );
    Item::for_customer(
        c,
        contact,
        ItemKind::TouchBase,
        t.runs_out,
        Priority::C,
        "Touch base".to_string(),
        reason,
    )
}

fn nudge_item(n: &Nudge, contact: &Contact, day: NaiveDate, rules: &Rules) -> Item {
    let phone = &contact.phone;
    let (action, channel) = match n.kind {
        NudgeKind::FollowUpOverdue | NudgeKind::FollowUpToday => ("Follow up", Channel::reach(phone)),
        NudgeKind::CadenceExceeded => ("Touch base", Channel::reach(phone)),
        NudgeKind::MomentAhead => ("Prepare for the decision", Channel::Prepare),
        NudgeKind::MomentPassed => ("Ask how the decision went", Channel::reach(phone)),
        NudgeKind::ComplaintOpen => ("Resolve the complaint", Channel::Call),
        NudgeKind::SituationUnanswered => ("Reach out", Channel::reach(phone)),
        NudgeKind::InfluenceUnanswered => ("Answer the competitor's offer", Channel::Call),
        NudgeKind::TakingTooMuch => ("Give something back", Channel::Give),
        NudgeKind::LoyaltyUnrewarded => ("Reward their loyalty", Channel::Give),
        NudgeKind::SatisfactionDrop => ("Ask what changed", Channel::reach(phone)),
        NudgeKind::SingleThreaded => ("Meet a second person", Channel::reach(phone)),
    };
    // These reasons end in advice ("… — ask what changed") that the action already gives,
    // so it is not said twice. Their user text (a complaint's note) comes before it.
    let advises = matches!(
        n.kind,
        NudgeKind::ComplaintOpen
            | NudgeKind::SituationUnanswered
            | NudgeKind::TakingTooMuch
            | NudgeKind::LoyaltyUnrewarded
            | NudgeKind::SatisfactionDrop
            | NudgeKind::SingleThreaded
    );
    let reason = match n.reason.rsplit_once(" — ") {
        Some((why, _)) if advises => why.to_string(),
        _ => n.reason.clone(),
    };
    Item {
        date: day,
        kind: ItemKind::Nudge,
        priority: Priority::of_nudge(n, rules),
        customer_id: n.customer_id,
        customer: n.customer.clone(),
        contact: contact.name.clone(),
        contact_id: contact.id,
        phone: contact.phone.clone(),
        email: contact.email.clone(),
        action: action.to_string(),
        reason,
        channel,
        follow_up_id: None,
        moment_id: None,
        trigger_id: n.trigger_id,
        nudge: Some(n.kind),
    }
}

/// What the list already holds, so a nudge about the same thing is not listed twice.
struct Listed {
    follow_ups: HashSet<i64>,
    moments: HashSet<i64>,
    touch_base: HashSet<i64>,
}

impl Listed {
    fn of(items: &[Item]) -> Listed {
        Listed {
            follow_ups: items.iter().filter_map(|i| i.follow_up_id).collect(),
            moments: items.iter().filter_map(|i| i.moment_id).collect(),
            touch_base: items
                .iter()
                .filter(|i| i.kind == ItemKind::TouchBase)
                .map(|i| i.customer_id)
                .collect(),
        }
    }

    fn covers(&self, n: &Nudge) -> bool {
        n.follow_up_id.is_some_and(|id| self.follow_ups.contains(&id))
            || n.moment_id.is_some_and(|id| self.moments.contains(&id))
            || (n.kind == NudgeKind::CadenceExceeded && self.touch_base.contains(&n.customer_id))
    }
}

#[cfg(test)]
mod tests;
