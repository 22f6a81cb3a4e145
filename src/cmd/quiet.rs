//! `quiet CUSTOMER KIND WHEN [REASON]`: the arguments to `app::quiet`, its outcome to
//! stdout. Which days are accepted is the use case's.

use std::io::Write as _;

use super::json::SnoozeJson;
use super::{Ctx, print_json};
use crate::app::Who;
use crate::app::quiet;
use crate::app::refused::Refused;
use crate::app::undo::journaled;
use crate::domain::nudge::NudgeKind;
use crate::domain::text::sanitize;
use crate::human::day;
use crate::store::By;

pub fn run(cx: &mut Ctx, customer: &str, kind: &str, until: &str, json: bool) -> anyhow::Result<()> {
    let kind: NudgeKind = kind.parse().map_err(Refused::from)?;
    let now = cx.now;
    let done = journaled(&mut *cx.store, now, By::Cli, |s| {
        quiet::snooze(s, now, Who::Typed(customer), kind, until)
    })?;
    let s = &done.snooze;
    if json {
        return print_json(&mut cx.out, &SnoozeJson::from(s));
    }
    let reason = if s.reason.is_empty() {
        String::new()
    } else {
        format!(" ({})", sanitize(&s.reason))
    };
    writeln!(
        cx.out,
        "Snoozed the {} nudge for {} until {}{reason}",
        s.kind,
        sanitize(&done.customer.name),
        day(s.until, now.today())
    )?;
    Ok(())
}
