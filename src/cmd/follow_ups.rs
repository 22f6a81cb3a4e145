//! `done` and `snooze`: the arguments to `app::follow_ups`, its outcome to stdout. The
//! rules for the dates are the use case's.

use std::io::Write as _;

use super::json::FollowUpJson;
use super::{Ctx, print_json};
use crate::app::follow_ups;
use crate::app::undo::journaled;
use crate::domain::text::sanitize;
use crate::human::day;
use crate::store::By;

pub fn done(cx: &mut Ctx, id: i64, json: bool) -> anyhow::Result<()> {
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

pub fn snooze(cx: &mut Ctx, id: i64, when: &str, json: bool) -> anyhow::Result<()> {
    let today = cx.now.today();
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
