//! `moment`, `trigger`, `give`, `ask` and `order`: recording the relationship.

use std::io::Write as _;

use super::json::{BalanceEntryJson, MomentJson, OrderJson, TriggerJson};
use super::{Ctx, print_json, resolve};
use crate::cli::{MomentCmd, TriggerCmd};
use crate::domain::balance::Side;
use crate::domain::moment::{MomentStatus, NewMoment};
use crate::domain::money::Cents;
use crate::domain::text::sanitize;
use crate::domain::trigger::TriggerKind;
use crate::domain::typed;
use crate::domain::when::parse_when;
use crate::human::day;

pub fn moment(cx: &mut Ctx, cmd: MomentCmd) -> anyhow::Result<()> {
    match cmd {
        MomentCmd::Add {
            customer,
            title,
            when,
            concerns,
            steps,
            response,
            json,
        } => {
            if title.trim().is_empty() {
                anyhow::bail!("the title is empty — name the moment, like \"Board approves budget\"");
            }
            let expected = parse_when(&when, cx.now.today())?;
            let new = NewMoment {
                title,
                expected,
                concerns,
                steps,
                response,
            };
            typed::moment(&new)?;
            let c = resolve::customer(&*cx.store, &customer)?;
            let m = cx.store.add_moment(c.id, &new, cx.now.utc)?;
            if json {
                return print_json(&mut cx.out, &MomentJson::from(&m));
            }
            writeln!(
                cx.out,
                "Planned “{}” for {} on {} (moment {})",
                sanitize(&m.title),
                sanitize(&c.name),
                day(m.expected, cx.now.today()),
                m.id
            )?;
        }
        MomentCmd::Close { id, outcome, json } => {
            let outcome: MomentStatus = outcome.parse()?;
            if outcome == MomentStatus::Upcoming {
                anyhow::bail!("unknown outcome 'upcoming' — use won, lost or passed");
            }
            let m = cx.store.close_moment(id, outcome, cx.now.utc)?;
            if json {
                return print_json(&mut cx.out, &MomentJson::from(&m));
            }
            writeln!(cx.out, "Closed “{}” as {}", sanitize(&m.title), m.status)?;
        }
    }
    Ok(())
}

pub fn trigger(cx: &mut Ctx, cmd: TriggerCmd) -> anyhow::Result<()> {
    match cmd {
        TriggerCmd::Add {
            customer,
            kind,
            note,
            json,
        } => {
            let kind: TriggerKind = kind.parse()?;
            typed::note(&note)?;
            let c = resolve::customer(&*cx.store, &customer)?;
            let t = cx.store.add_trigger(c.id, kind, &note, cx.now.utc)?;
            if json {
                return print_json(&mut cx.out, &TriggerJson::from(&t));
            }
            writeln!(
                cx.out,
                "Opened a {} trigger for {}: {} (trigger {})",
                t.kind,
                sanitize(&c.name),
                sanitize(&t.note),
                t.id
            )?;
        }
        TriggerCmd::Resolve { id, json } => {
            let t = cx.store.resolve_trigger(id, cx.now.utc)?;
            if json {
                return print_json(&mut cx.out, &TriggerJson::from(&t));
            }
            writeln!(cx.out, "Resolved the {} trigger “{}”", t.kind, sanitize(&t.note))?;
        }
    }
    Ok(())
}

pub fn balance(cx: &mut Ctx, side: Side, customer: &str, note: &str, json: bool) -> anyhow::Result<()> {
    if note.trim().is_empty() {
        anyhow::bail!("say what it was, like \"christmas hamper\" or \"asked for a referral\"");
    }
    typed::note(note)?;
    let c = resolve::customer(&*cx.store, customer)?;
    let entry = cx.store.add_balance_entry(c.id, side, note, cx.now.utc)?;
    if json {
        return print_json(&mut cx.out, &BalanceEntryJson::from(&entry));
    }
    let after = cx.store.require_customer(c.id)?.summary.balance;
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
    let amount = Cents::parse(amount)?;
    let today = cx.now.today();
    let on = match when {
        Some(w) => parse_past_or_today(w, today)?,
        None => today,
    };
    let c = resolve::customer(&*cx.store, customer)?;
    let currency = cx.config.money.currency.clone();
    let o = cx.store.add_order(c.id, on, amount, &currency, cx.now.utc)?;
    if json {
        return print_json(&mut cx.out, &OrderJson::from(&o));
    }
    let value = cx.store.require_customer(c.id)?.summary.value;
    writeln!(
        cx.out,
        "Order of {currency} {} from {} ({}) · lifetime value {currency} {value}",
        o.amount,
        sanitize(&c.name),
        day(o.ordered_on, today)
    )?;
    Ok(())
}

/// An order's day: an ISO date or today/yesterday-style words, never in the future.
fn parse_past_or_today(when: &str, today: chrono::NaiveDate) -> anyhow::Result<chrono::NaiveDate> {
    let w = when.trim().trim_start_matches('@').to_ascii_lowercase();
    let on = match w.as_str() {
        "today" => today,
        "yesterday" => today.pred_opt().unwrap_or(today),
        _ => parse_when(&w, today)?,
    };
    if on > today {
        anyhow::bail!("'{when}' is in the future — an order is recorded when it was placed");
    }
    Ok(on)
}
