//! `edit` and `delete`: correcting a customer or anything logged, by id, through the use
//! cases (`app::records`, `app::customers`), which hold every check; this reads the flags
//! into a patch and prints the outcome, or with `--json` the record.

use std::io::Write as _;

use super::json::{
    BalanceEntryJson, CustomerJson, FollowUpJson, InteractionJson, MomentJson, OrderJson, TriggerJson,
};
use super::{Ctx, print_json};
use crate::app::customers::{self, CustomerChanges};
use crate::app::records::{
    self, ContactPatch, EntryPatch, FollowUpPatch, MomentPatch, OrderPatch, Record, Row, TriggerPatch,
};
use crate::app::undo::journaled;
use crate::app::{Refused, Who};
use crate::cli::{CustomerEditArgs, EditCmd, EntryArgs, RecordKind};
use crate::domain::balance::Side;
use crate::domain::moment::Part;
use crate::domain::text::sanitize;
use crate::store::{By, Interaction};

/// An edit that names nothing to change is refused in the command line's words: the flags
/// that would have.
fn flags(names: &'static str) -> impl FnOnce(anyhow::Error) -> anyhow::Error {
    move |e| match Refused::of(&e) {
        Some(Refused::NothingToChange(_)) => anyhow::anyhow!("nothing to change — give {names}"),
        _ => e,
    }
}

/// A typed flag read by `read`, when given.
fn opt<T, E>(typed: Option<&String>, read: impl FnOnce(&str) -> Result<T, E>) -> Result<Option<T>, E> {
    typed.map(|t| read(t)).transpose()
}

pub fn edit(cx: &mut Ctx, cmd: EditCmd) -> anyhow::Result<()> {
    let (store, now) = (&mut *cx.store, cx.now);
    match cmd {
        EditCmd::Customer(args) => return customer(cx, args),
        EditCmd::Contact {
            id,
            kind,
            at,
            note,
            satisfaction,
            with,
            json,
        } => {
            let patch = ContactPatch {
                kind: opt(kind.as_ref(), records::kind)?,
                at: opt(at.as_ref(), |t| records::contact_time(now, t))?,
                note,
                satisfaction: opt(satisfaction.as_ref(), records::satisfaction)?,
                person_id: None,
            };
            return contact(cx, id, &patch, with.as_deref(), json);
        }
        EditCmd::FollowUp { id, text, due, json } => {
            let patch = FollowUpPatch {
                text,
                due: opt(due.as_ref(), |t| records::day(now, t))?,
            };
            let edited = journaled(store, now, By::Cli, |s| {
                records::edit_follow_up(s, now, id, &patch)
            })
            .map_err(flags("--text or --due"))?;
            if json {
                return print_json(&mut cx.out, &FollowUpJson::from(&edited.record));
            }
            writeln!(cx.out, "{}", edited.said)?;
        }
        EditCmd::Moment {
            id,
            title,
            on,
            concerns,
            steps,
            response,
            status,
            outcome_note,
            people,
            json,
        } => {
            let people = super::relationship::typed_people(&people);
            let patch = MomentPatch {
                title,
                expected: opt(on.as_ref(), |t| records::day(now, t))?,
                concerns,
                steps,
                response,
                status: opt(status.as_ref(), records::status)?,
                outcome_note,
                people: None,
            };
            return moment(cx, id, &patch, &people, json);
        }
        EditCmd::Trigger {
            id,
            kind,
            note,
            resolution_note,
            json,
        } => {
            let patch = TriggerPatch {
                kind: opt(kind.as_ref(), records::trigger_kind)?,
                note,
                resolution_note,
            };
            return trigger(cx, id, &patch, json);
        }
        EditCmd::Give(args) => return entry(cx, Side::Give, args),
        EditCmd::Ask(args) => return entry(cx, Side::Ask, args),
        EditCmd::Order {
            id,
            amount,
            on,
            note,
            json,
        } => {
            let patch = OrderPatch {
                amount: opt(amount.as_ref(), records::amount)?,
                ordered_on: opt(on.as_ref(), |t| records::order_day(now, t))?,
                note,
            };
            let edited = journaled(store, now, By::Cli, |s| records::edit_order(s, now, id, &patch))
                .map_err(flags("--amount, --on or --note"))?;
            if json {
                return print_json(&mut cx.out, &OrderJson::from(&edited.record));
            }
            writeln!(cx.out, "{}", edited.said)?;
        }
    }
    Ok(())
}

/// `edit contact ID`: the patch read from the flags, and whom it was with, through the
/// use case.
fn contact(
    cx: &mut Ctx,
    id: i64,
    patch: &ContactPatch,
    with: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let now = cx.now;
    let edited = journaled(&mut *cx.store, now, By::Cli, |s| {
        records::edit_contact_with(s, now, id, patch, with)
    })
    .map_err(flags("--kind, --at, --note, --satisfaction or --with"))?;
    if json {
        return print_contact(cx, &edited.record);
    }
    writeln!(cx.out, "{}", edited.said)?;
    Ok(())
}

/// `edit moment ID`: the patch read from the flags, through the use case.
fn moment(
    cx: &mut Ctx,
    id: i64,
    patch: &MomentPatch,
    people: &[(Part, String)],
    json: bool,
) -> anyhow::Result<()> {
    let now = cx.now;
    let edited = journaled(&mut *cx.store, now, By::Cli, |s| {
        crate::app::moments::edit(s, now, id, patch, people)
    })
    .map_err(flags(
        "--title, --on, --concerns, --steps, --response, --status, --outcome-note, --with, --decides, --signs or --champion",
    ))?;
    if json {
        return print_json(&mut cx.out, &MomentJson::from(&edited.record));
    }
    writeln!(cx.out, "{}", edited.said)?;
    Ok(())
}

/// `edit trigger ID`: the patch read from the flags, through the use case.
fn trigger(cx: &mut Ctx, id: i64, patch: &TriggerPatch, json: bool) -> anyhow::Result<()> {
    let now = cx.now;
    let edited = journaled(&mut *cx.store, now, By::Cli, |s| {
        records::edit_trigger(s, now, id, patch)
    })
    .map_err(flags("--kind, --note or --resolution-note"))?;
    if json {
        return print_json(&mut cx.out, &TriggerJson::from(&edited.record));
    }
    writeln!(cx.out, "{}", edited.said)?;
    Ok(())
}

/// `edit customer`: the fields given, checked as the customer form checks them.
fn customer(cx: &mut Ctx, args: CustomerEditArgs) -> anyhow::Result<()> {
    let (store, now) = (&mut *cx.store, cx.now);
    let CustomerEditArgs {
        customer,
        name,
        company,
        email,
        phone,
        tags,
        cadence,
        notes,
        json,
    } = args;
    let given: Vec<&str> = [
        ("name", name.is_some()),
        ("company", company.is_some()),
        ("e-mail", email.is_some()),
        ("phone", phone.is_some()),
        ("tags", tags.is_some()),
        ("cadence", cadence.is_some()),
        ("notes", notes.is_some()),
    ]
    .into_iter()
    .filter_map(|(field, set)| set.then_some(field))
    .collect();
    let changes = CustomerChanges {
        name,
        company,
        email,
        phone,
        cadence,
        tags: tags.map(|t| t.split_whitespace().map(str::to_string).collect()),
        notes,
    };
    let saved = journaled(store, now, By::Cli, |s| {
        customers::change(s, now, Who::Typed(&customer), &changes)
    })
    .map_err(flags(
        "--name, --company, --email, --phone, --tags, --cadence or --notes",
    ))?;
    let c = &saved.customer;
    if json {
        let next = store.open_follow_ups(c.id)?.first().map(|f| f.due);
        return print_json(&mut cx.out, &CustomerJson::new(c, next));
    }
    writeln!(cx.out, "Edited {}: {}", sanitize(&c.name), given.join(", "))?;
    Ok(())
}

/// `edit give ID` or `edit ask ID`: the id must be one of that side, so that a mistyped
/// id is not silently another kind of record.
fn entry(cx: &mut Ctx, side: Side, args: EntryArgs) -> anyhow::Result<()> {
    let now = cx.now;
    let EntryArgs {
        id,
        note,
        on,
        side: new_side,
        json,
    } = args;
    is_side(&*cx.store, id, side, "edit")?;
    let store = &mut *cx.store;
    let patch = EntryPatch {
        side: opt(new_side.as_ref(), records::side)?,
        note,
        at: opt(on.as_ref(), |t| records::contact_time(now, t))?,
    };
    let edited = journaled(store, now, By::Cli, |s| records::edit_entry(s, now, id, &patch))
        .map_err(flags("--note, --on or --side"))?;
    if json {
        return print_json(&mut cx.out, &BalanceEntryJson::from(&edited.record));
    }
    writeln!(cx.out, "{}", edited.said)?;
    Ok(())
}

/// Refuses when give/ask `id` is of the other side, saying which command would do
/// (`verb` is edit or delete).
fn is_side(store: &dyn crate::store::Book, id: i64, side: Side, verb: &str) -> anyhow::Result<()> {
    if let Some(e) = store.balance_entry(id)?
        && e.side != side
    {
        let a = |s: Side| if s == Side::Ask { "an ask" } else { "a give" };
        anyhow::bail!(
            "{id} is {}, not {} — use `touchbase {verb} {} {id}`",
            a(e.side),
            a(side),
            e.side
        );
    }
    Ok(())
}

pub fn delete(cx: &mut Ctx, what: RecordKind, target: &str, yes: bool, json: bool) -> anyhow::Result<()> {
    let id = || -> anyhow::Result<i64> {
        target.trim().parse().map_err(|_| {
            anyhow::anyhow!(
                "'{target}' is not an id — `touchbase show CUSTOMER` lists the ids of their records"
            )
        })
    };
    let record = match what {
        RecordKind::Customer => return delete_customer(cx, target, yes, json),
        RecordKind::Contact => Record::Contact(id()?),
        RecordKind::FollowUp => Record::FollowUp(id()?),
        RecordKind::Moment => Record::Moment(id()?),
        RecordKind::Trigger => Record::Trigger(id()?),
        RecordKind::Order => Record::Order(id()?),
        RecordKind::Give | RecordKind::Ask => {
            let side = if what == RecordKind::Give {
                Side::Give
            } else {
                Side::Ask
            };
            let id = id()?;
            is_side(&*cx.store, id, side, "delete")?;
            Record::Entry(id)
        }
    };
    let deleted = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        records::delete(s, cx.now, record)
    })?;
    if !json {
        writeln!(cx.out, "{}", deleted.said)?;
        return Ok(());
    }
    match &deleted.row {
        Row::Contact(c) => print_contact(cx, c),
        Row::FollowUp(f) => print_json(&mut cx.out, &FollowUpJson::from(f)),
        Row::Moment(m) => print_json(&mut cx.out, &MomentJson::from(m)),
        Row::Trigger(t) => print_json(&mut cx.out, &TriggerJson::from(t)),
        Row::Entry(e) => print_json(&mut cx.out, &BalanceEntryJson::from(e)),
        Row::Order(o) => print_json(&mut cx.out, &OrderJson::from(o)),
    }
}

/// `delete customer CUSTOMER --yes`; without `--yes`, says what would go.
fn delete_customer(cx: &mut Ctx, who: &str, yes: bool, json: bool) -> anyhow::Result<()> {
    let deleted = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        records::delete_customer(s, Who::Typed(who), yes)
    })
    .map_err(|e| match Refused::of(&e) {
        Some(refused @ Refused::Unconfirmed { .. }) => {
            let said = refused
                .to_string()
                .replace("confirm to delete", "add --yes to delete");
            anyhow::anyhow!("{said}")
        }
        _ => e,
    })?;
    if json {
        return print_json(&mut cx.out, &CustomerJson::new(&deleted.customer, None));
    }
    writeln!(cx.out, "{}", deleted.said)?;
    Ok(())
}

/// The contact as JSON, naming the person it was with.
fn print_contact(cx: &mut Ctx, contact: &Interaction) -> anyhow::Result<()> {
    let person = contact.person_id.map_or(Ok(None), |id| cx.store.person(id))?;
    print_json(
        &mut cx.out,
        &InteractionJson {
            person: person.as_ref().map(|p| p.name.as_str()),
            ..InteractionJson::from(contact)
        },
    )
}
