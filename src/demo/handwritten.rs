//! A hand-written customer from `assets/demo/customers.toml`: their story exactly as
//! written, with a generated history of routine contacts and orders around it. What to
//! write, not how: that is `writer`'s. Contacts and moments name the account's people by
//! name; the account is named after its company, the customer's own name is the main
//! contact's.

use std::borrow::Cow;

use anyhow::{Context as _, anyhow};

use super::data::{Customer, PersonData};
use super::writer::{MomentAt, Plan, Writer};
use crate::domain::moment::Part;
use crate::domain::person::{Detail, NewPerson};
use crate::domain::{Cadence, Tags};
use crate::store::NewCustomer;

pub(super) fn write(w: &mut Writer<'_, '_>, c: &Customer, next_year: &str) -> anyhow::Result<()> {
    let new = NewCustomer {
        name: crate::domain::company::account_name(&c.name, &c.company).to_string(),
        company: c.company.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        tags: Tags::new(&c.tags)?,
        cadence: Some(Cadence::from_days(c.cadence)?),
        notes: c.notes.clone(),
    };
    let mut plan = if c.never_contacted {
        let created = c.created.unwrap_or_else(|| -w.rng.i64(3..=60));
        Plan::never_contacted(created, c.value)
    } else {
        let last = match c.last_contact {
            Some(day) => day,
            None => Plan::fresh_last_contact(&mut w.rng, c.cadence),
        };
        let count = w.rng.usize(8..=24);
        let mood = match c.mood {
            Some(mood) => mood,
            None => Plan::random_mood(&mut w.rng),
        };
        let mut plan = Plan::contacted(&mut w.rng, c.cadence, last, count, mood, c.value);
        plan.created = c.created.unwrap_or(plan.created.min(earliest(c) - 7));
        plan
    };

    plan.single_threaded = c.single_threaded;
    let main = NewPerson {
        name: c.name.clone(),
        role: c.role.clone(),
        emails: vec![Detail::new(&c.email)],
        phones: phones(&c.phone, &c.mobile),
        main: true,
        ..NewPerson::default()
    };
    let (id, main_id) = w.customer(&new, &main, &plan)?;
    let people = people(w, c, id, main_id)?;
    let whom = |name: &str| {
        people
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, id)| id)
            .ok_or_else(|| anyhow!("no one called '{name}' at {}", c.company))
    };
    w.history(id, &plan)?;
    for k in &c.contacts {
        let with = k.with.as_deref().map(whom).transpose()?;
        w.contact(id, with, k.on, k.kind, &k.note, k.satisfaction)?;
    }
    for t in &c.triggers {
        let note = fill(&t.note, next_year);
        w.trigger(id, t.kind, &note, t.opened, t.resolved, t.satisfaction)
            .with_context(|| format!("writing the trigger '{}'", t.note))?;
    }
    for (side, entries) in [("give", &c.gives), ("ask", &c.asks)] {
        for e in entries {
            w.balance(id, side, &e.note, e.weight, e.on, e.gift)
                .with_context(|| format!("writing the {side} '{}'", e.note))?;
        }
    }
    w.orders(id, &plan)?;
    for f in &c.follow_ups {
        w.follow_up(id, &f.text, f.due, plan.created)?;
    }
    for m in &c.moments {
        let title = fill(&m.title, next_year);
        let moment = MomentAt {
            title: &title,
            concerns: &m.concerns,
            steps: &m.steps,
            response: &m.response,
            expected: m.expected,
            planned: m.planned,
            status: m.status,
            closed: m.closed,
        };
        let mut parts = Vec::new();
        for (names, part) in [
            (&m.decides, Part::Decides),
            (&m.signs, Part::Signs),
            (&m.champion, Part::Champion),
            (&m.involved, Part::Involved),
        ] {
            for name in names {
                parts.push((whom(name)?, part));
            }
        }
        w.moment(id, &moment, &parts)
            .with_context(|| format!("writing the moment '{}'", m.title))?;
    }
    Ok(())
}

/// The other people at customer `id` (main contact `main_id`): everyone's name and id.
fn people<'c>(
    w: &mut Writer<'_, '_>,
    c: &'c Customer,
    id: i64,
    main_id: i64,
) -> anyhow::Result<Vec<(&'c str, i64)>> {
    let mut people = vec![(c.name.as_str(), main_id)];
    for p in &c.people {
        let left = p.left.map(|day| (day, p.left_to.as_str()));
        let person = w
            .person(id, &person(p), p.since, left)
            .with_context(|| format!("writing the person '{}'", p.name))?;
        people.push((p.name.as_str(), person));
    }
    Ok(people)
}

/// A phone number and a mobile beside it, labelled; either may be empty.
fn phones(phone: &str, mobile: &str) -> Vec<Detail> {
    let mut phones = Vec::new();
    if !phone.is_empty() {
        let label = if mobile.is_empty() { "" } else { "office" };
        phones.push(Detail {
            label: label.into(),
            value: phone.into(),
        });
    }
    if !mobile.is_empty() {
        phones.push(Detail {
            label: "mobile".into(),
            value: mobile.into(),
        });
    }
    phones
}

fn person(p: &PersonData) -> NewPerson {
    NewPerson {
        name: p.name.clone(),
        role: p.role.clone(),
        notes: p.notes.clone(),
        emails: if p.email.is_empty() {
            Vec::new()
        } else {
            vec![Detail::new(&p.email)]
        },
        phones: phones(&p.phone, &p.mobile),
        main: false,
    }
}

/// The first day the story names: the customer must have been added before it.
fn earliest(c: &Customer) -> i64 {
    let days = (c.contacts.iter().map(|k| k.on))
        .chain(c.triggers.iter().map(|t| t.opened))
        .chain(c.gives.iter().chain(&c.asks).map(|e| e.on))
        .chain(c.moments.iter().map(|m| m.planned));
    days.min().unwrap_or(0)
}

/// Fills in `{next_year}`, so that "Board approves {next_year} budget" stays current.
fn fill<'a>(text: &'a str, next_year: &str) -> Cow<'a, str> {
    if text.contains("{next_year}") {
        Cow::Owned(text.replace("{next_year}", next_year))
    } else {
        Cow::Borrowed(text)
    }
}
