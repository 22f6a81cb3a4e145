//! `done` and `snooze`.

use std::io::Write as _;

use anyhow::bail;

use super::json::FollowUpJson;
use super::{Ctx, print_json};
use crate::domain::follow_up::snooze_until;
use crate::domain::text::sanitize;
use crate::human::day;

pub fn done(cx: &mut Ctx, id: i64, json: bool) -> anyhow::Result<()> {
    let f = cx.store.complete_follow_up(id, cx.now.utc)?;
    if json {
        return print_json(&mut cx.out, &FollowUpJson::from(&f));
    }
    let c = cx.store.require_customer(f.customer_id)?;
    writeln!(cx.out, "Done: “{}” for {}", sanitize(&f.text), sanitize(&c.name))?;
    Ok(())
}

pub fn snooze(cx: &mut Ctx, id: i64, when: &str, json: bool) -> anyhow::Result<()> {
    let today = cx.now.today();
    let before = cx.store.require_follow_up(id)?;
    let until = snooze_until(when, before.due, today)?;
    if until <= today {
        bail!("'{when}' is not after today — snooze to a later day, like tomorrow, +3d or next week");
    }
    let f = cx.store.snooze_follow_up(id, until)?;
    if json {
        return print_json(&mut cx.out, &FollowUpJson::from(&f));
    }
    let c = cx.store.require_customer(f.customer_id)?;
    writeln!(
        cx.out,
        "Snoozed “{}” for {} until {}",
        sanitize(&f.text),
        sanitize(&c.name),
        day(f.due, today)
    )?;
    Ok(())
}
