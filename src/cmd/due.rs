//! `due`: what needs doing now, highest score first, each with its reason. What is due and
//! how it scores is `app::agenda`'s; this only prints it.

use std::io::Write as _;

use super::json::NudgeJson;
use super::{Ctx, print_json};
use crate::app::agenda;
use crate::domain::text::sanitize;

pub fn run(cx: &mut Ctx, all: bool, json: bool) -> anyhow::Result<()> {
    let limit = (!all).then_some(cx.config.nudge.limit);
    let due = agenda::due(&*cx.store, cx.now, &cx.config, limit)?;
    if json {
        let items: Vec<NudgeJson<'_>> = due.nudges.iter().map(NudgeJson::from).collect();
        return print_json(&mut cx.out, &items);
    }
    if due.nudges.is_empty() {
        writeln!(cx.out, "Nothing is due. Every customer is within their cadence.")?;
        return Ok(());
    }
    for n in &due.nudges {
        let id = n
            .follow_up_id
            .map(|id| format!("  [follow-up {id}]"))
            .unwrap_or_default();
        writeln!(
            cx.out,
            "{:>5.1}  {} — {}{id}",
            n.score,
            sanitize(&n.customer),
            sanitize(&n.reason)
        )?;
    }
    if due.more > 0 {
        writeln!(cx.out, "… and {} more (touchbase due --all)", due.more)?;
    }
    Ok(())
}
