//! The calendar feed as iCalendar (RFC 5545): one all-day VEVENT per item, each with a
//! display alarm, written through the week export's folding (`ics::fold`).
//!
//! VEVENT, not VTODO: Google Calendar, Apple Calendar and GNOME Calendar show only the
//! events of a calendar subscribed to by URL and drop its to-dos without a word; only
//! Thunderbird shows both. An all-day event (DTSTART as a DATE, DTEND the day after, as
//! RFC 5545 §3.6.1 has it) sits on the item's day wherever the calendar is, and is
//! TRANSPARENT, so a reminder never makes the user look busy.
//!
//! Every item has a stable UID from its record (`feed-follow-up-114@touchbase`), so a
//! refresh updates the event instead of adding it again, and a DTSTAMP of `now`. No
//! LAST-MODIFIED or SEQUENCE: the book keeps no time a follow-up's text was edited, and a
//! subscribed calendar is read-only and replaced whole, by UID, on every refresh (SEQUENCE
//! orders updates in scheduling, iTIP, which a feed is not part of). Never an ATTENDEE or
//! ORGANIZER: a calendar app mails its attendees, and a reminder must never reach a
//! customer; their phone and e-mail are in the DESCRIPTION as the user's own notes.
//!
//! The alarm goes off at `[calendar] alarm` on the item's day: `TRIGGER;RELATED=START:PT9H`
//! from the all-day start, the local midnight of whichever zone the calendar is in (what
//! Apple Calendar writes for "on the day, 09:00"). The `icalendar` crate writes a DTSTAMP
//! into every component it serialises, VALARM too, where RFC 5545 has none; `drop_alarm_stamps`
//! takes it out again. The alarm's UID (RFC 9074) is set, or the crate would invent one.

use chrono::{Duration, NaiveTime, Timelike as _};
use icalendar::{Alarm, Calendar, Class, Component as _, Event, EventLike as _, Property};

use super::ics::{UID_DOMAIN, fold};
use super::one_line;
use crate::clock::Now;
use crate::domain::feed::{Feed, FeedItem};

/// How often a subscribing calendar should read the feed again (RFC 7986 REFRESH-INTERVAL,
/// and the older X-PUBLISHED-TTL that Apple Calendar and Outlook read).
const REFRESH: &str = "PT1H";

/// `feed` as an iCalendar file, as written at `now`, alarms at `alarm` on each item's day.
pub fn render(feed: &Feed, alarm: NaiveTime, now: Now) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//touchbase//follow-ups feed//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(
            Property::new("REFRESH-INTERVAL", REFRESH)
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", REFRESH))
        .name("touchbase follow-ups");
    let trigger = trigger(alarm);
    for item in &feed.items {
        cal.push(event(item, &trigger, now));
    }
    fold(&drop_alarm_stamps(&cal.done().to_string()))
}

fn event(item: &FeedItem, trigger: &str, now: Now) -> Event {
    let uid = format!("{}@{UID_DOMAIN}", item.record.key());
    let summary = one_line(&item.summary).into_owned();
    let description: Vec<_> = item
        .description
        .iter()
        .map(|l| one_line(l).into_owned())
        .collect();
    let alarm = Alarm::display(&summary, Duration::zero())
        .append_property(
            Property::new("TRIGGER", trigger)
                .add_parameter("RELATED", "START")
                .done(),
        )
        .append_property(Property::new(
            "UID",
            format!("{}-alarm@{UID_DOMAIN}", item.record.key()),
        ))
        .done();
    Event::new()
        .uid(&uid)
        .timestamp(now.utc)
        .starts(item.day)
        .ends(item.day + Duration::days(1))
        .summary(&summary)
        .description(&description.join("\n"))
        .class(Class::Private)
        .append_property(Property::new("TRANSP", "TRANSPARENT"))
        .categories(["touchbase", item.record.category()])
        .alarm(alarm)
        .done()
}

/// `PT9H`, `PT8H30M`: the time of day as a duration from midnight.
fn trigger(at: NaiveTime) -> String {
    match (at.hour(), at.minute()) {
        (0, 0) => "PT0S".to_string(),
        (h, 0) => format!("PT{h}H"),
        (0, m) => format!("PT{m}M"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// Removes the DTSTAMP the crate writes first into every VALARM (it writes one into each
/// component that lacks it; RFC 5545 gives an alarm none).
fn drop_alarm_stamps(ics: &str) -> String {
    let mut out = String::with_capacity(ics.len());
    let mut after_begin = false;
    for line in ics.split_inclusive("\r\n") {
        if !(after_begin && line.starts_with("DTSTAMP:")) {
            out.push_str(line);
        }
        after_begin = line == "BEGIN:VALARM\r\n";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alarm_time_is_a_duration_from_midnight() {
        let t = |h, m| trigger(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(t(9, 0), "PT9H");
        assert_eq!(t(8, 30), "PT8H30M");
        assert_eq!(t(0, 15), "PT15M");
        assert_eq!(t(0, 0), "PT0S");
    }

    #[test]
    fn only_the_alarms_lose_their_stamp() {
        let ics = "BEGIN:VEVENT\r\nDTSTAMP:1\r\nBEGIN:VALARM\r\nDTSTAMP:2\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n";
        assert_eq!(
            drop_alarm_stamps(ics),
            "BEGIN:VEVENT\r\nDTSTAMP:1\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n"
        );
    }
}
