//! iCalendar (RFC 5545): one VTODO per item in a VCALENDAR, built with the `icalendar`
//! crate, which escapes TEXT values. Two things it leaves to us: UID and DTSTAMP (it fills
//! in a random UUID and the wall clock otherwise; we derive them from the item and `now`,
//! so the same export twice is byte-identical), and folding: its folder counts characters
//! where it means bytes, so we unfold its output and fold again at 75 octets on character
//! boundaries (`fold`, which the calendar feed, `feed.rs`, writes through too). A pure
//! function of the plan and `now`: no store, no file.

use icalendar::{Calendar, Component as _, EventLike as _, Property, Todo, TodoStatus};

use super::one_line;
use crate::clock::Now;
use crate::domain::week::{Item, WeekPlan};

/// The right-hand side of every UID: item keys are unique within one book.
pub(super) const UID_DOMAIN: &str = "touchbase";

/// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
const FOLD_AT: usize = 75;

pub fn render(plan: &WeekPlan, now: Now) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//touchbase//weekly to-do list//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .name(&format!("touchbase {}", plan.week));
    for item in &plan.items {
        cal.push(todo(item, plan, now));
    }
    fold(&cal.done().to_string())
}

fn todo(item: &Item, plan: &WeekPlan, now: Now) -> Todo {
    let customer = one_line(&item.customer);
    let mut description = vec![
        one_line(&item.reason).into_owned(),
        format!("Customer: {customer}"),
    ];
    let contact = super::contact_name(item);
    for (label, value) in [
        ("Contact", contact),
        ("Phone", &item.phone),
        ("Email", &item.email),
    ] {
        if !value.trim().is_empty() {
            description.push(format!("{label}: {}", one_line(value.trim())));
        }
    }
    description.push(format!("From touchbase, week {}", plan.week));
    Todo::new()
        .uid(&format!("{}@{UID_DOMAIN}", item.key()))
        .timestamp(now.utc)
        .summary(&format!("{customer}: {}", one_line(&item.action)))
        .description(&description.join("\n"))
        .due(item.date)
        .priority(item.priority.ical())
        .status(TodoStatus::NeedsAction)
        .categories(["touchbase", &item.kind.as_str().replace('_', "-")])
        .done()
}

/// Unfolds `ics` (CRLF, then a space) and folds every content line at `FOLD_AT` octets,
/// never inside a UTF-8 character. Values never hold a raw line break (TEXT escapes them
/// as `\n`, and `one_line` drops carriage returns), so unfolding cannot join real lines.
pub(super) fn fold(ics: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 25);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut room = FOLD_AT;
        loop {
            if rest.len() <= room {
                out.push_str(rest);
                out.push_str("\r\n");
                break;
            }
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            // A continuation line starts with the space that marks it.
            room = FOLD_AT - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_counts_octets_and_keeps_characters_whole() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&format!("BEGIN:X\r\n{line}\r\nEND:X\r\n"));
        for l in folded.split_terminator("\r\n") {
            assert!(l.len() <= FOLD_AT, "{} octets: {l}", l.len());
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:X\r\n{line}\r\nEND:X\r\n")
        );
    }

    #[test]
    fn short_lines_stay_as_they_are() {
        assert_eq!(fold("A:b\r\nC:d\r\n"), "A:b\r\nC:d\r\n");
    }
}
