//! `quiet CUSTOMER KIND WHEN [REASON]` and `pause CUSTOMER WHEN [REASON]` / `pause
//! CUSTOMER --off`: the arguments to `app::quiet`, its outcome to stdout. Which days are
//! accepted is the use case's.

use std::io::Write as _;

use super::json::{CustomerJson, SnoozeJson};
use super::{Ctx, print_json};
use crate::app::Who;
use crate::app::quiet::{self, Target};
use crate::app::refused::Refused;
use crate::app::undo::journaled;
use crate::cli::{PauseArgs, QuietArgs};
use crate::domain::nudge::BadNudgeKind;
use crate::domain::text::sanitize;
use crate::human::{because, day};
use crate::store::By;

pub fn run(cx: &mut Ctx, args: &QuietArgs) -> anyhow::Result<()> {
    let target = target(&args.kind).map_err(Refused::from)?;
    let who = Who::Typed(args.customer.as_str());
    said_snoozed(cx, who, target, &args.until.join(" "), args.json)
}

/// `snooze CODE WHEN` on a nudge's item code: `quiet` for customer `customer_id`.
pub(super) fn snooze(
    cx: &mut Ctx,
    customer_id: i64,
    target: Target,
    until: &str,
    json: bool,
) -> anyhow::Result<()> {
    said_snoozed(cx, Who::Id(customer_id), target, until, json)
}

fn said_snoozed(cx: &mut Ctx, who: Who<'_>, target: Target, until: &str, json: bool) -> anyhow::Result<()> {
    let (now, config) = (cx.now, &cx.config);
    let done = journaled(&mut *cx.store, now, By::Cli, |s| {
        quiet::snooze(s, now, config, who, target, until)
    })?;
    let s = &done.snooze;
    if json {
        return print_json(&mut cx.out, &SnoozeJson::from(s));
    }
    writeln!(
        cx.out,
        "Snoozed the {} nudge for {} until {}{}",
        s.kind.short(),
        sanitize(&done.customer.name),
        day(s.until, now.today()),
        because(&s.reason)
    )?;
    Ok(())
}

/// "complaint" or "complaint:7" (the trigger's or moment's id, as `show` prints it).
fn target(typed: &str) -> Result<Target, BadNudgeKind> {
    let (kind, id) = match typed.split_once(':') {
        Some((kind, id)) => (
            kind,
            Some(id.trim().parse().map_err(|_| BadNudgeKind(typed.to_string()))?),
        ),
        None => (typed, None),
    };
    Ok(Target {
        kind: kind.parse()?,
        subject: id,
    })
}

pub fn pause(cx: &mut Ctx, args: &PauseArgs) -> anyhow::Result<()> {
    let (customer, json) = (args.customer.as_str(), args.json);
    let until = (!args.off).then(|| args.until.join(" "));
    let now = cx.now;
    let done = journaled(&mut *cx.store, now, By::Cli, |s| match &until {
        Some(until) => quiet::pause(s, now, Who::Typed(customer), until),
        None => quiet::resume(s, now, Who::Typed(customer)),
    })?;
    let c = &done.customer;
    if json {
        let next_follow_up = cx
            .store
            .customer_rows(&[c.id])?
            .first()
            .and_then(|row| row.next_follow_up);
        return print_json(&mut cx.out, &CustomerJson::new(c, next_follow_up));
    }
    let name = sanitize(&c.name);
    match &c.paused {
        Some(p) => writeln!(
            cx.out,
            "Paused {name} until {}{} — their cadence does not count until then; `touchbase pause {} --off` ends it",
            day(p.until, now.today()),
            because(&p.reason),
            c.id
        )?,
        None => writeln!(cx.out, "Ended the pause of {name} — their cadence counts again")?,
    }
    Ok(())
}
