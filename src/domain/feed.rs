//! The calendar feed's items: which day each open follow-up and decision moment sits on in
//! a calendar, and what it says there. Pure: the records and today in, plain items out; how
//! they are written as iCalendar is `export::feed`'s, where they come from `app::calendar`'s.
//!
//! An overdue follow-up sits on today, not on its due day: in the past it would have no
//! alarm left to go off and nobody scrolls back to look. It says since when it is overdue.
//! A moment names its person to contact (its champion, else who decides, else who signs)
//! with their phone and e-mail; a follow-up, the customer's.
//! Notes (the customer's notes, a moment's concerns, their steps and our response) are in
//! an item only when asked for: a calendar is often synced to a phone or a web service,
//! and the follow-up's own words (its summary) are what a reminder needs.

use std::collections::HashMap;

use chrono::{Datelike as _, NaiveDate};

use crate::domain::moment::Moment;
use crate::domain::person::Person;
use crate::domain::week::Channel;
use crate::domain::{Customer, FollowUp};

/// What an item is, and the id of the record it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    FollowUp(i64),
    Moment(i64),
}

impl Record {
    /// The part of the iCalendar UID that names the record: the same for the same record in
    /// every feed, whatever its text or day became, so a calendar updates it in place.
    pub fn key(self) -> String {
        match self {
            Record::FollowUp(id) => format!("feed-follow-up-{id}"),
            Record::Moment(id) => format!("feed-moment-{id}"),
        }
    }

    /// "follow-up" or "decision-moment": the iCalendar category.
    pub fn category(self) -> &'static str {
        match self {
            Record::FollowUp(_) => "follow-up",
            Record::Moment(_) => "decision-moment",
        }
    }
}

/// One item of the feed, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    pub record: Record,
    /// The day it sits on in the calendar.
    pub day: NaiveDate,
    /// "Call Acme — send proposal".
    pub summary: String,
    /// Lines: when, the customer and how to reach them, how to mark it done, and the notes
    /// when asked for.
    pub description: Vec<String>,
}

/// The feed: what is in it and what `[calendar] limit` left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Today: overdue follow-ups sit on it.
    pub today: NaiveDate,
    /// The last day the feed reaches.
    pub through: NaiveDate,
    /// By day, overdue first, then follow-ups, then moments; in the order read within those.
    pub items: Vec<FeedItem>,
    /// How many overdue follow-ups, follow-ups and moments the limit left out.
    pub left_out: LeftOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeftOut {
    pub overdue: usize,
    pub follow_ups: usize,
    pub moments: usize,
}

impl LeftOut {
    /// "3 overdue follow-ups", "1 decision moment": what was left out.
    pub fn said(self) -> Vec<String> {
        [
            (self.overdue, "overdue follow-up"),
            (self.follow_ups, "follow-up"),
            (self.moments, "decision moment"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
        .collect()
    }
}

/// What the feed is made of: the open follow-ups (overdue ones included) and the upcoming
/// decision moments of the window, each with its customer.
pub struct Records {
    pub follow_ups: Vec<(FollowUp, Customer)>,
    pub moments: Vec<(Moment, Customer)>,
    pub left_out: LeftOut,
    /// A moment's person to contact (`domain::contact_person`: its champion, else who
    /// decides, else who signs, while still there), by moment id; a moment missing here
    /// reaches the customer.
    pub contacts: HashMap<i64, Person>,
}

/// The feed from `today` through `through`; `with_notes` puts the notes in.
pub fn build(records: &Records, today: NaiveDate, through: NaiveDate, with_notes: bool) -> Feed {
    let mut items: Vec<FeedItem> = records
        .follow_ups
        .iter()
        .map(|(f, c)| follow_up(f, c, today, with_notes))
        .chain(
            records
                .moments
                .iter()
                .map(|(m, c)| moment(m, c, records.contacts.get(&m.id), today, with_notes)),
        )
        .collect();
    // Stable: overdue (read first) stay ahead of today's own, follow-ups ahead of moments.
    items.sort_by_key(|i| i.day);
    Feed {
        today,
        through,
        items,
        left_out: records.left_out,
    }
}

fn follow_up(f: &FollowUp, c: &Customer, today: NaiveDate, with_notes: bool) -> FeedItem {
    // "Call Acme — …" when the words say how it is done; "Acme — prepare the demo" else.
    let verb = match Channel::of_text(&f.text, &c.phone) {
        Channel::Call => "Call ",
        Channel::Email => "Email ",
        Channel::Visit => "Visit ",
        Channel::Meeting => "Meet ",
        Channel::Prepare | Channel::Give => "",
    };
    let summary = format!("{verb}{} — {}", c.name, f.text);
    let (summary, mut description) = if f.due < today {
        let since = day(f.due, today);
        (
            format!("{summary} (overdue since {since})"),
            vec![format!("Overdue since {since}.")],
        )
    } else {
        (summary, vec![format!("Due {}.", day(f.due, today))])
    };
    reach(&mut description, c, None);
    description.push(format!("Done? touchbase done f{}", f.id));
    if with_notes {
        note(&mut description, "Notes", &c.notes);
    }
    FeedItem {
        record: Record::FollowUp(f.id),
        day: f.due.max(today),
        summary,
        description,
    }
}

fn moment(
    m: &Moment,
    c: &Customer,
    contact: Option<&Person>,
    today: NaiveDate,
    with_notes: bool,
) -> FeedItem {
    let mut description = vec![format!("Decision moment expected {}.", day(m.expected, today))];
    reach(&mut description, c, contact);
    description.push(format!(
        "Afterwards: touchbase moment close {} --outcome won|lost|passed",
        m.id
    ));
    if with_notes {
        note(&mut description, "Their concerns", &m.concerns);
        note(&mut description, "Their steps", &m.steps);
        note(&mut description, "Our response", &m.response);
        note(&mut description, "Notes", &c.notes);
    }
    FeedItem {
        record: Record::Moment(m.id),
        day: m.expected.max(today),
        summary: format!("{} — decision moment: {}", c.name, m.title),
        description,
    }
}

/// The customer and how to reach them, or the person to contact there: the user's own
/// data, in the text and never as an attendee, so no calendar ever sends anyone anything.
fn reach(lines: &mut Vec<String>, c: &Customer, contact: Option<&Person>) {
    if c.company.trim().is_empty() || c.company.trim() == c.name.trim() {
        lines.push(format!("Customer: {}", c.name));
    } else {
        lines.push(format!("Customer: {} ({})", c.name, c.company.trim()));
    }
    let (phone, email) = match contact {
        Some(p) => {
            if p.name.trim() != c.name.trim() {
                lines.push(format!("Contact: {}", p.name.trim()));
            }
            (p.phone(), p.email())
        }
        None => (c.phone.as_str(), c.email.as_str()),
    };
    for (label, value) in [("Phone", phone), ("Email", email)] {
        if !value.trim().is_empty() {
            lines.push(format!("{label}: {}", value.trim()));
        }
    }
}

fn note(lines: &mut Vec<String>, label: &str, text: &str) {
    if !text.trim().is_empty() {
        lines.push(format!("{label}: {}", text.trim()));
    }
}

/// "Mon 30 Nov", with the year when it is not this year's.
fn day(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn acme() -> Customer {
        Customer {
            id: 7,
            name: "Acme".into(),
            company: String::new(),
            email: String::new(),
            phone: "+31 20 555 0101".into(),
            tags: crate::domain::Tags::default(),
            cadence: crate::domain::Cadence::from_days(30).unwrap(),
            notes: "prefers mornings".into(),
            archived: false,
            created_at: chrono::DateTime::UNIX_EPOCH,
            last_contact_at: None,
            summary: crate::domain::customer::Summary::default(),
            paused: None,
        }
    }

    fn follow_up_on(id: i64, text: &str, due: &str) -> FollowUp {
        FollowUp {
            id,
            customer_id: 7,
            text: text.into(),
            due: date(due),
            done_at: None,
        }
    }

    #[test]
    fn an_overdue_follow_up_sits_on_today_and_says_since_when() {
        let records = Records {
            follow_ups: vec![
                (follow_up_on(114, "send proposal", "2026-11-30"), acme()),
                (follow_up_on(115, "call about renewal", "2026-12-08"), acme()),
                (follow_up_on(116, "prepare the demo", "2026-12-09"), acme()),
            ],
            moments: Vec::new(),
            left_out: LeftOut::default(),
            contacts: HashMap::new(),
        };
        let feed = build(&records, date("2026-12-04"), date("2026-12-18"), false);
        let overdue = &feed.items[0];
        assert_eq!(overdue.day, date("2026-12-04"));
        assert_eq!(
            overdue.summary,
            "Email Acme — send proposal (overdue since Mon 30 Nov)"
        );
        assert_eq!(overdue.description[0], "Overdue since Mon 30 Nov.");
        assert!(
            overdue
                .description
                .contains(&"Done? touchbase done f114".to_string())
        );
        let ahead = &feed.items[1];
        assert_eq!(feed.items[2].summary, "Acme — prepare the demo");
        assert_eq!(
            (ahead.day, ahead.summary.as_str()),
            (date("2026-12-08"), "Call Acme — call about renewal")
        );
        assert!(ahead.description.contains(&"Phone: +31 20 555 0101".to_string()));
        assert!(!ahead.description.iter().any(|l| l.contains("mornings")));
    }

    #[test]
    fn notes_only_when_asked_for() {
        let records = || Records {
            follow_ups: vec![(follow_up_on(1, "send proposal", "2026-12-05"), acme())],
            moments: Vec::new(),
            left_out: LeftOut::default(),
            contacts: HashMap::new(),
        };
        let with = build(&records(), date("2026-12-04"), date("2026-12-18"), true);
        assert!(
            with.items[0]
                .description
                .contains(&"Notes: prefers mornings".to_string())
        );
        let without = build(&records(), date("2026-12-04"), date("2026-12-18"), false);
        assert!(
            !without.items[0]
                .description
                .iter()
                .any(|l| l.starts_with("Notes"))
        );
    }

    #[test]
    fn a_moment_names_its_person_to_contact_with_their_phone() {
        use crate::domain::moment::MomentStatus;
        use crate::domain::person::Detail;
        let board = Moment {
            id: 3,
            customer_id: 7,
            title: "Board".into(),
            expected: date("2026-12-08"),
            concerns: String::new(),
            steps: String::new(),
            response: String::new(),
            status: MomentStatus::Upcoming,
            planned_at: chrono::DateTime::UNIX_EPOCH,
            closed_at: None,
            outcome_note: String::new(),
            people: Vec::new(),
        };
        let anna = Person {
            id: 2,
            customer_id: 7,
            name: "Anna de Boer".into(),
            role: String::new(),
            notes: String::new(),
            main: false,
            left: None,
            emails: vec![Detail::new("anna@acme.nl")],
            phones: Vec::new(),
        };
        let records = Records {
            follow_ups: Vec::new(),
            moments: vec![(board, acme())],
            left_out: LeftOut::default(),
            contacts: HashMap::from([(3, anna)]),
        };
        let feed = build(&records, date("2026-12-04"), date("2026-12-18"), false);
        let lines = &feed.items[0].description;
        assert!(lines.contains(&"Contact: Anna de Boer".to_string()), "{lines:?}");
        assert!(lines.contains(&"Email: anna@acme.nl".to_string()), "{lines:?}");
        assert!(
            !lines.iter().any(|l| l.starts_with("Phone")),
            "not the customer's: {lines:?}"
        );
    }

    #[test]
    fn uids_name_the_record_not_its_words() {
        assert_eq!(Record::FollowUp(114).key(), "feed-follow-up-114");
        assert_eq!(Record::Moment(12).key(), "feed-moment-12");
        assert_eq!(
            LeftOut {
                overdue: 2,
                follow_ups: 0,
                moments: 1
            }
            .said(),
            ["2 overdue follow-ups", "1 decision moment"]
        );
    }
}
