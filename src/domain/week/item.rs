//! One line of the weekly to-do list: what it is about, how urgent, how it is done, and
//! the id that keeps it the same item across exports. Plain data: how an item is written
//! out is `export`'s.

use std::fmt;

use chrono::NaiveDate;

use crate::domain::Customer;
use crate::domain::nudge::{Nudge, NudgeKind, Rules};
use crate::domain::person::Person;

/// What an item is about. The order is the order within a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// An open follow-up whose day has passed (carried in from before the week, or from
    /// earlier days of the running week).
    Overdue,
    /// A decision moment to prepare for.
    Moment,
    /// An open follow-up due on a day of the week.
    FollowUp,
    /// One of the top nudges (from `due`) not already on the list.
    Nudge,
    /// A customer whose keep-in-touch cadence runs out this week.
    TouchBase,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Overdue,
        ItemKind::Moment,
        ItemKind::FollowUp,
        ItemKind::Nudge,
        ItemKind::TouchBase,
    ];

    /// The stable name used in JSON, CSV and as an iCalendar category.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Overdue => "overdue",
            ItemKind::Moment => "moment",
            ItemKind::FollowUp => "follow_up",
            ItemKind::Nudge => "nudge",
            ItemKind::TouchBase => "touch_base",
        }
    }

    /// For people: "overdue follow-ups", "decision moments", …
    pub fn plural(self) -> &'static str {
        match self {
            ItemKind::Overdue => "overdue follow-ups",
            ItemKind::Moment => "decision moments",
            ItemKind::FollowUp => "follow-ups",
            ItemKind::Nudge => "nudges",
            ItemKind::TouchBase => "customers to touch base with",
        }
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A for today's fires, C for whenever there is time; todo.txt letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    A,
    B,
    C,
}

impl Priority {
    pub fn letter(self) -> char {
        match self {
            Priority::A => 'A',
            Priority::B => 'B',
            Priority::C => 'C',
        }
    }

    /// RFC 5545 PRIORITY: 1 high, 5 medium, 9 low.
    pub fn ical(self) -> u32 {
        match self {
            Priority::A => 1,
            Priority::B => 5,
            Priority::C => 9,
        }
    }

    /// A nudge is A when it weighs as much as an overdue follow-up, B when it weighs as
    /// much as a cadence running out, else C; with the user's weights, not fixed numbers.
    pub(super) fn of_nudge(n: &Nudge, rules: &Rules) -> Priority {
        if n.score >= rules.weights.follow_up_overdue {
            Priority::A
        } else if n.score >= rules.weights.cadence_exceeded {
            Priority::B
        } else {
            Priority::C
        }
    }
}

/// How the item is most likely done: the todo.txt context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Call,
    Email,
    Visit,
    Meeting,
    Prepare,
    Give,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Email => "email",
            Channel::Visit => "visit",
            Channel::Meeting => "meeting",
            Channel::Prepare => "prepare",
            Channel::Give => "give",
        }
    }

    /// From the first word of a follow-up ("send proposal" is an email), else how the
    /// customer can be reached.
    pub(crate) fn of_text(text: &str, customer_phone: &str) -> Channel {
        let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
        match first.trim_matches(|c: char| !c.is_alphanumeric()) {
            "call" | "ring" | "phone" => Channel::Call,
            "email" | "e-mail" | "mail" | "send" | "write" => Channel::Email,
            "visit" => Channel::Visit,
            "meet" | "meeting" | "demo" | "present" => Channel::Meeting,
            "prepare" => Channel::Prepare,
            _ => Channel::reach(customer_phone),
        }
    }

    pub(super) fn reach(phone: &str) -> Channel {
        if phone.trim().is_empty() {
            Channel::Email
        } else {
            Channel::Call
        }
    }
}

/// Whom an item says to contact and how: a person of the account, or the customer's own
/// phone and e-mail where no people are recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    pub id: Option<i64>,
    /// Empty when no one is named.
    pub name: String,
    pub phone: String,
    pub email: String,
}

impl Contact {
    pub fn person(p: &Person) -> Contact {
        Contact {
            id: Some(p.id),
            name: p.name.clone(),
            phone: p.phone().to_string(),
            email: p.email().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The day to do it: the due day (in the past for overdue items), the day preparing
    /// for a moment starts, the day a cadence runs out.
    pub date: NaiveDate,
    pub kind: ItemKind,
    pub priority: Priority,
    pub customer_id: i64,
    pub customer: String,
    /// The person to contact about it (`domain::contact_person`); empty when the account
    /// has no one recorded, or no one still there.
    pub contact: String,
    pub contact_id: Option<i64>,
    /// The contact person's phone and e-mail (the customer's when no people are recorded).
    pub phone: String,
    pub email: String,
    /// What to do, in a few words: "send proposal", "Prepare for “Board decision”".
    pub action: String,
    /// Why, as a sentence: "3 days overdue (due Fri 20 Nov)".
    pub reason: String,
    pub channel: Channel,
    pub follow_up_id: Option<i64>,
    pub moment_id: Option<i64>,
    /// The switching trigger a nudge is about.
    pub trigger_id: Option<i64>,
    pub nudge: Option<NudgeKind>,
}

impl Item {
    /// An id that stays the same across exports of the same data, so a calendar updates
    /// the item instead of adding it twice (the iCalendar UID before its `@`).
    pub fn key(&self) -> String {
        match (self.follow_up_id, self.moment_id, self.nudge) {
            (Some(id), _, _) => format!("follow-up-{id}"),
            (_, Some(id), _) => format!("moment-{id}"),
            (_, _, Some(kind)) => {
                let about = self.trigger_id.map(|t| format!("-{t}")).unwrap_or_default();
                format!(
                    "nudge-{}-{}{about}",
                    kind.as_str().replace('_', "-"),
                    self.customer_id
                )
            }
            _ => format!("touch-base-{}-{}", self.customer_id, self.date.format("%Y%m%d")),
        }
    }

    pub(super) fn for_customer(
        customer: &Customer,
        contact: &Contact,
        kind: ItemKind,
        date: NaiveDate,
        priority: Priority,
        action: String,
        reason: String,
    ) -> Item {
        Item {
            date,
            kind,
            priority,
            customer_id: customer.id,
            customer: customer.name.clone(),
            contact: contact.name.clone(),
            contact_id: contact.id,
            phone: contact.phone.clone(),
            email: contact.email.clone(),
            action,
            reason,
            channel: Channel::reach(&contact.phone),
            follow_up_id: None,
            moment_id: None,
            trigger_id: None,
            nudge: None,
        }
    }
}
