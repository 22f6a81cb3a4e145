//! The calendar feed (`touchbase calendar`): the open follow-ups overdue or due from today
//! through `[calendar] days` ahead and the decision moments expected in those days, of
//! customers not archived, read from the store and put in words by `domain::feed`; and the
//! secret token the served feed answers on. Knows neither iCalendar nor HTTP.
//!
//! Each read is a walk of an index by day (the week export's reads), stopped at
//! `[calendar] limit`, so a request costs the same on a book of 100 or 100,000 customers.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::clock::Now;
use crate::config::Config;
use crate::domain::contact_person::{self, About};
use crate::domain::feed::{self, Feed, LeftOut, Records};
use crate::store::{Book, Setting};

/// The feed as seen at `now`; `with_notes` puts the notes in.
pub fn feed(store: &dyn Book, now: Now, config: &Config, with_notes: bool) -> anyhow::Result<Feed> {
    let today = now.today();
    let through = today + Duration::days(i64::try_from(config.calendar.days).unwrap_or(366));
    let limit = config.calendar.limit;
    let overdue = store.follow_ups_due_between(NaiveDate::MIN, today, limit)?;
    let upcoming = store.follow_ups_due_between(today, through + Duration::days(1), limit)?;
    let moments = store.moments_expected_between(today, through + Duration::days(1), limit)?;
    let left_out = LeftOut {
        overdue: overdue.left_out(),
        follow_ups: upcoming.left_out(),
        moments: moments.left_out(),
    };
    let mut follow_ups = overdue.rows;
    follow_ups.extend(upcoming.rows);
    // A moment's own person, where it names one: the page of moments is read without
    // their people. Follow-ups reach the customer (their main contact) as before.
    let mut contacts = HashMap::new();
    for (m, _) in &moments.rows {
        if let Some(read) = store.moment(m.id)?
            && let About::Own(id) = About::moment(&read)
            && let Some(person) = store.person(id)?
            && let Some(there) = contact_person::whom(std::slice::from_ref(&person), &[], About::Own(id))
        {
            contacts.insert(m.id, there.clone());
        }
    }
    Ok(feed::build(
        &Records {
            follow_ups,
            moments: moments.rows,
            left_out,
            contacts,
        },
        today,
        through,
        with_notes,
    ))
}

/// The token the served feed answers on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub token: String,
    /// Made just now: the first serve, or `--rotate-token`. Only then is it printed whole
    /// without being asked for.
    pub new: bool,
}

/// The book's calendar token: the stored one, or a new one from `make` when there is none
/// yet or `rotate` asks for it (the old address then answers 404).
pub fn token(
    store: &mut dyn Book,
    now: Now,
    rotate: bool,
    make: impl FnOnce() -> anyhow::Result<String>,
) -> anyhow::Result<Token> {
    if !rotate && let Some(token) = store.setting(Setting::CalendarToken)?.filter(|t| !t.is_empty()) {
        return Ok(Token { token, new: false });
    }
    let token = make()?;
    store.set_setting(Setting::CalendarToken, Some(&token), now.utc)?;
    Ok(Token { token, new: true })
}

/// The stored token, if `calendar --serve` ever made one.
pub fn stored_token(store: &dyn Book) -> anyhow::Result<Option<String>> {
    Ok(store.setting(Setting::CalendarToken)?.filter(|t| !t.is_empty()))
}
