//! `person add|edit|main|left|list`: the people use cases (`app::people`) on the command
//! line, and how a person is printed (also by `show`).

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Ctx, print_json};
use crate::app::customer::last_contact_with;
use crate::app::customers::Who;
use crate::app::people;
use crate::app::undo::journaled;
use crate::cli::PersonCmd;
use crate::clock::Now;
use crate::domain::person::{Detail, NewPerson, Person, PersonPatch};
use crate::domain::text::sanitize;
use crate::human::short_date;
use crate::store::By;

#[derive(Serialize)]
pub(super) struct DetailJson<'a> {
    label: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
pub(super) struct LeftJson<'a> {
    on: NaiveDate,
    to: &'a str,
}

/// A person as every `--json` shows one.
#[derive(Serialize)]
pub(super) struct PersonJson<'a> {
    id: i64,
    customer_id: i64,
    name: &'a str,
    role: &'a str,
    notes: &'a str,
    main: bool,
    /// `null` while they are there.
    left: Option<LeftJson<'a>>,
    emails: Vec<DetailJson<'a>>,
    phones: Vec<DetailJson<'a>>,
}

fn details(ds: &[Detail]) -> Vec<DetailJson<'_>> {
    ds.iter()
        .map(|d| DetailJson {
            label: &d.label,
            value: &d.value,
        })
        .collect()
}

impl<'a> From<&'a Person> for PersonJson<'a> {
    fn from(p: &'a Person) -> PersonJson<'a> {
        PersonJson {
            id: p.id,
            customer_id: p.customer_id,
            name: &p.name,
            role: &p.role,
            notes: &p.notes,
            main: p.main,
            left: p.left.as_ref().map(|l| LeftJson { on: l.on, to: &l.to }),
            emails: details(&p.emails),
            phones: details(&p.phones),
        }
    }
}

fn labelled(ds: &[Detail]) -> Vec<String> {
    ds.iter()
        .map(|d| {
            if d.label.is_empty() {
                sanitize(&d.value).into_owned()
            } else {
                format!("{} ({})", sanitize(&d.value), sanitize(&d.label))
            }
        })
        .collect()
}

/// One line per person: `  12  Anna de Boer · inkoper · anna@acme.nl · 06 1234 5678  main`,
/// who left with the day and where to.
/// The people, one a line; with `last` (a card's `last_contacts`), each one's last
/// contact ("· last 12 Nov") on `now`'s calendar.
pub(super) fn print_people(
    out: &mut impl Write,
    people: &[Person],
    last: &[(i64, DateTime<Utc>)],
    now: Now,
) -> anyhow::Result<()> {
    if people.is_empty() {
        writeln!(out, "  none")?;
    }
    for p in people {
        let mut parts = vec![sanitize(&p.name).into_owned()];
        if !p.role.is_empty() {
            parts.push(sanitize(&p.role).into_owned());
        }
        parts.extend(labelled(&p.emails));
        parts.extend(labelled(&p.phones));
        if let Some(at) = last_contact_with(last, p) {
            parts.push(format!("last {}", short_date(at, now)));
        }
        let state = match (&p.left, p.main) {
            (Some(l), _) if l.to.is_empty() => format!("  left {}", l.on),
            (Some(l), _) => format!("  left {} → {}", l.on, sanitize(&l.to)),
            (None, true) => "  main".to_string(),
            (None, false) => String::new(),
        };
        writeln!(out, "  {:>6}  {}{state}", p.id, parts.join(" · "))?;
    }
    Ok(())
}

fn list_of(values: &[String], label: Option<&str>) -> Vec<Detail> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Detail {
            label: if i == 0 {
                label.unwrap_or_default().trim().to_string()
            } else {
                String::new()
            },
            value: v.trim().to_string(),
        })
        .collect()
}

/// What `person left` says: the mark, the trigger it opened, and where they went, with
/// the command that follows them there when it was not asked for.
fn print_left(cx: &mut Ctx, done: &people::MarkedLeft) -> anyhow::Result<()> {
    let name = sanitize(&done.person.name);
    if done.marked {
        writeln!(
            cx.out,
            "Recorded that {name} left {}",
            sanitize(&done.customer.name)
        )?;
        print_people(&mut cx.out, std::slice::from_ref(&done.person), &[], cx.now)?;
    }
    if let Some(t) = &done.trigger {
        writeln!(
            cx.out,
            "Opened a situational trigger (t{}): “{}” — it nudges until you log a contact with someone else there",
            t.id,
            sanitize(&t.note)
        )?;
    }
    if done.marked && done.person.main {
        writeln!(
            cx.out,
            "{name} was the main contact and stays it until you choose another: touchbase person main ID (touchbase person list {} lists them)",
            done.customer.id
        )?;
    }
    match (&done.followed, &done.destination) {
        (Some((account, copy)), Some(people::Destination::New { .. })) => writeln!(
            cx.out,
            "Added {} as a prospect with {name} as its first person ({}); the relationship moves with them",
            sanitize(&account.name),
            copy.id
        )?,
        (Some((account, copy)), _) => writeln!(
            cx.out,
            "Added {name} to {} ({}); the relationship moves with them",
            sanitize(&account.name),
            copy.id
        )?,
        (None, Some(people::Destination::New { company })) => writeln!(
            cx.out,
            "{name} went to {}: to make it a new prospect with {name} as its first person, run\n  touchbase person left {} --follow",
            sanitize(company),
            done.person.id,
        )?,
        (None, Some(people::Destination::Existing { customer })) => writeln!(
            cx.out,
            "{name} went to {}, which is in your book ({}): to add them there, run\n  touchbase person left {} --follow",
            sanitize(&customer.name),
            customer.id,
            done.person.id,
        )?,
        (None, None) => {}
    }
    Ok(())
}

fn print_person(cx: &mut Ctx, p: &Person, json: bool, said: &str) -> anyhow::Result<()> {
    if json {
        return print_json(&mut cx.out, &PersonJson::from(p));
    }
    writeln!(cx.out, "{said}")?;
    print_people(&mut cx.out, std::slice::from_ref(p), &[], cx.now)
}

/// `person left ID [--on WHEN] [--to COMPANY] [--follow]`.
fn left(cx: &mut Ctx, id: i64, on: Option<&str>, to: &str, follow: bool, json: bool) -> anyhow::Result<()> {
    let now = cx.now;
    let follow = if follow {
        people::Follow::Yes
    } else {
        people::Follow::No
    };
    let done = journaled(&mut *cx.store, now, By::Cli, |s| {
        people::mark_left(s, id, on, to, follow, &now)
    })?;
    if json {
        return print_json(&mut cx.out, &PersonJson::from(&done.person));
    }
    print_left(cx, &done)
}

pub fn run(cx: &mut Ctx, what: PersonCmd) -> anyhow::Result<()> {
    let now = cx.now;
    match what {
        PersonCmd::Add {
            customer,
            name,
            role,
            email,
            phone,
            phone_label,
            notes,
            main,
            json,
        } => {
            let new = NewPerson {
                name,
                role: role.unwrap_or_default(),
                notes: notes.unwrap_or_default(),
                emails: list_of(&email, None),
                phones: list_of(&phone, phone_label.as_deref()),
                main,
            };
            let added = journaled(&mut *cx.store, now, By::Cli, |s| {
                people::add(s, Who::Typed(&customer), &new, &now)
            })?;
            let moved = added.main_before.as_ref().map_or_else(String::new, |before| {
                format!(
                    "; {} is the main contact now instead of {} (the customer takes their e-mail and phone)",
                    sanitize(&added.person.name),
                    sanitize(&before.name)
                )
            });
            let said = format!(
                "Added {} to {}{moved}",
                sanitize(&added.person.name),
                sanitize(&added.named_before)
            );
            print_person(cx, &added.person, json, &said)
        }
        PersonCmd::Edit {
            id,
            name,
            role,
            email,
            phone,
            notes,
            json,
        } => {
            let patch = PersonPatch {
                name,
                role,
                notes,
                emails: (!email.is_empty()).then(|| list_of(&email, None)),
                phones: (!phone.is_empty()).then(|| list_of(&phone, None)),
            };
            let p = journaled(&mut *cx.store, now, By::Cli, |s| {
                people::edit(s, id, &patch, &now)
            })?
            .person;
            print_person(cx, &p, json, &format!("Edited {}", sanitize(&p.name)))
        }
        PersonCmd::Main { id, json } => {
            let done = journaled(&mut *cx.store, now, By::Cli, |s| people::make_main(s, id, &now))?;
            let p = done.person;
            let said = if done.change.is_some() {
                format!("{} is the main contact now", sanitize(&p.name))
            } else {
                format!(
                    "{} already was the main contact — nothing changed",
                    sanitize(&p.name)
                )
            };
            print_person(cx, &p, json, &said)
        }
        PersonCmd::Left {
            id,
            on,
            to,
            follow,
            json,
        } => left(cx, id, on.as_deref(), &to, follow, json),
        PersonCmd::List { customer, json } => {
            let (c, ps) = people::list(&*cx.store, Who::Typed(&customer))?;
            if json {
                let shown: Vec<PersonJson<'_>> = ps.iter().map(PersonJson::from).collect();
                return print_json(&mut cx.out, &shown);
            }
            writeln!(cx.out, "People at {}", sanitize(&c.name))?;
            print_people(&mut cx.out, &ps, &[], cx.now)
        }
    }
}
