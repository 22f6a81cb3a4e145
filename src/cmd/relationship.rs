//! `moment`, `trigger`, `give`, `ask` and `order`: recording the relationship through the
//! use cases, which hold every check; this reads the arguments and prints the outcome.

use std::io::Write as _;

use super::json::{BalanceEntryJson, MomentJson, OrderJson, TriggerJson};
use super::{Ctx, print_json};
use crate::app::moments::{self, MomentInput};
use crate::app::undo::journaled;
use crate::app::{Who, balance, orders, triggers};
use crate::cli::{MomentCmd, MomentPeopleArgs, TriggerCmd};
use crate::domain::balance::Side;
use crate::domain::moment::{Part, people_phrase};
use crate::domain::text::sanitize;
use crate::human::day;
use crate::store::By;

pub fn moment(cx: &mut Ctx, cmd: MomentCmd) -> anyhow::Result<()> {
    match cmd {
        MomentCmd::Add {
            customer,
            title,
            when,
            concerns,
            steps,
            response,
            outcome,
            people,
            json,
        } => {
            let people = typed_people(&people);
            let input = MomentInput {
                title: &title,
                when: &when,
                concerns: &concerns,
                steps: &steps,
                response: &response,
                outcome: &outcome,
                people: &people,
            };
            let workdays = cx.config.week.workdays;
            let planned = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
                moments::plan(s, cx.now, workdays, Who::Typed(&customer), &input)
            })?;
            let (m, c) = (&planned.moment, &planned.customer);
            if json {
                return print_json(&mut cx.out, &MomentJson::from(m));
            }
            let closed = match m.closed_at {
                Some(_) => format!(", {}", m.status),
                None => String::new(),
            };
            let with = match people_phrase(&m.people) {
                p if p.is_empty() => p,
                p => format!(" — {}", sanitize(&p)),
            };
            writeln!(
                cx.out,
                "Planned “{}” for {} on {}{closed}{with} (moment {})",
                sanitize(&m.title),
                sanitize(&c.name),
                day(m.expected, cx.now.today()),
                m.id
            )?;
        }
        MomentCmd::Close {
            id,
            how,
            outcome,
            note,
            json,
        } => {
            let outcome = how.or(outcome).unwrap_or_default();
            let closed = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
                moments::close(s, cx.now, id, &outcome, &note)
            })?;
            let m = &closed.moment;
            if json {
                return print_json(&mut cx.out, &MomentJson::from(m));
            }
            write!(cx.out, "Closed “{}” as {}", sanitize(&m.title), m.status)?;
            said_note(cx, &m.outcome_note)?;
        }
    }
    Ok(())
}

/// The people flags as the use cases take them: each part given, with its names.
pub(super) fn typed_people(args: &MomentPeopleArgs) -> Vec<(Part, String)> {
    [
        (Part::Decides, &args.decides),
        (Part::Signs, &args.signs),
        (Part::Champion, &args.champion),
        (Part::Involved, &args.with),
    ]
    .into_iter()
    .filter_map(|(part, names)| names.clone().map(|n| (part, n)))
    .collect()
}

pub fn trigger(cx: &mut Ctx, cmd: TriggerCmd) -> anyhow::Result<()> {
    match cmd {
        TriggerCmd::Add {
            customer,
            kind,
            note,
            json,
        } => {
            let opened = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
                triggers::open(s, cx.now, Who::Typed(&customer), &kind, &note)
            })?;
            let (t, c) = (&opened.trigger, &opened.customer);
            if json {
                return print_json(&mut cx.out, &TriggerJson::from(t));
            }
            writeln!(
                cx.out,
                "Opened {} trigger for {}: {} (trigger {})",
                t.kind.with_article(),
                sanitize(&c.name),
                sanitize(&t.note),
                t.id
            )?;
        }
        TriggerCmd::Resolve { id, note, json } => resolve_trigger(cx, id, &note, json)?,
    }
    Ok(())
}

/// `trigger resolve ID`, and `done tID`.
pub(super) fn resolve_trigger(cx: &mut Ctx, id: i64, note: &str, json: bool) -> anyhow::Result<()> {
    let resolved = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        triggers::resolve(s, cx.now, id, note)
    })?;
    let t = &resolved.trigger;
    if json {
        return print_json(&mut cx.out, &TriggerJson::from(t));
    }
    write!(cx.out, "Resolved the {} trigger “{}”", t.kind, sanitize(&t.note))?;
    said_note(cx, &t.resolution_note)
}

/// Ends the line that says what was closed or resolved with the note on how, if any.
fn said_note(cx: &mut Ctx, note: &str) -> anyhow::Result<()> {
    if note.is_empty() {
        writeln!(cx.out)?;
    } else {
        writeln!(cx.out, ": {}", sanitize(note))?;
    }
    Ok(())
}

pub fn balance(cx: &mut Ctx, side: Side, customer: &str, note: &str, json: bool) -> anyhow::Result<()> {
    let recorded = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        balance::record(s, cx.now, Who::Typed(customer), side, note)
    })?;
    let (entry, c) = (&recorded.entry, &recorded.customer);
    if json {
        return print_json(&mut cx.out, &BalanceEntryJson::from(entry));
    }
    let after = c.summary.balance;
    let verb = match side {
        Side::Give => "Gave",
        Side::Ask => "Asked",
    };
    writeln!(
        cx.out,
        "{verb} {}: {} · balance: gave {}, asked {}",
        sanitize(&c.name),
        sanitize(&entry.note),
        after.gives,
        after.asks
    )?;
    Ok(())
}

pub fn order(
    cx: &mut Ctx,
    customer: &str,
    amount: &str,
    when: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let recorded = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        orders::record(s, cx.now, &cx.config, Who::Typed(customer), amount, when)
    })?;
    let (o, c) = (&recorded.order, &recorded.customer);
    if json {
        return print_json(&mut cx.out, &OrderJson::from(o));
    }
    let (currency, value) = (&o.currency, c.summary.value);
    writeln!(
        cx.out,
        "Order of {currency} {} from {} ({}) · lifetime value {currency} {value}",
        o.amount,
        sanitize(&c.name),
        day(o.ordered_on, cx.now.today())
    )?;
    Ok(())
}
