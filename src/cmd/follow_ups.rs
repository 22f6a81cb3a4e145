//! `done CODE` and `snooze CODE WHEN`: the item code read (`app::items` says what it
//! names), then the use case that holds the rules: `app::follow_ups` for a follow-up,
//! `app::triggers` for resolving a trigger, `app::quiet` for quieting any other nudge.

use std::io::Write as _;

use super::json::FollowUpJson;
use super::{Ctx, print_json};
use super::{quiet, relationship};
use crate::app::follow_ups;
use crate::app::items::{self, Done};
use crate::app::refused::Refused;
use crate::app::undo::journaled;
use crate::domain::item_code::ItemCode;
use crate::domain::text::sanitize;
use crate::human::day;
use crate::store::By;

fn code(typed: &str) -> Result<ItemCode, Refused> {
    typed.parse().map_err(Refused::from)
}

pub fn done(cx: &mut Ctx, typed: &str, json: bool) -> anyhow::Result<()> {
    let id = match items::done(code(typed)?)? {
        Done::FollowUp(id) => id,
        Done::ResolveTrigger(id) => return relationship::resolve_trigger(cx, id, "", json),
    };
    let done = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        follow_ups::done(s, cx.now, id)
    })?;
    let (f, c) = (&done.follow_up, &done.customer);
    if json {
        return print_json(&mut cx.out, &FollowUpJson::from(f));
    }
    writeln!(cx.out, "Done: “{}” for {}", sanitize(&f.text), sanitize(&c.name))?;
    Ok(())
}

pub fn snooze(cx: &mut Ctx, typed: &str, when: &str, json: bool) -> anyhow::Result<()> {
    let today = cx.now.today();
    let code = code(typed)?;
    if let Some((customer_id, target)) = items::snooze_target(&*cx.store, today, code)? {
        return quiet::snooze(cx, customer_id, target, when, json);
    }
    let ItemCode::FollowUp(id) = code else {
        anyhow::bail!("{code} names no follow-up");
    };
    let workdays = cx.config.week.workdays;
    let snoozed = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        follow_ups::snooze(s, cx.now, workdays, id, when)
    })?;
    let (f, c) = (&snoozed.follow_up, &snoozed.customer);
    if json {
        return print_json(&mut cx.out, &FollowUpJson::from(f));
    }
    let moved = if snoozed.moved_earlier() {
        "Moved earlier:"
    } else {
        "Snoozed"
    };
    writeln!(
        cx.out,
        "{moved} “{}” for {} until {}",
        sanitize(&f.text),
        sanitize(&c.name),
        day(f.due, today)
    )?;
    Ok(())
}
