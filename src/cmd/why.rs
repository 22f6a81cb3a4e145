//! `why CUSTOMER`: the urgency, term by term, like `task info`. The terms are
//! `app::urgency`'s; this lays them out.

use std::io::Write as _;

use super::json::{SnoozeJson, TermJson, WhyJson};
use super::{Ctx, print_json};
use crate::app::Who;
use crate::app::customers::find;
use crate::app::urgency;
use crate::domain::text::sanitize;
use crate::human::{cell, day};

pub fn run(cx: &mut Ctx, customer: &str, json: bool) -> anyhow::Result<()> {
    let c = find(&*cx.store, Who::Typed(customer))?;
    let why = urgency::why(&*cx.store, cx.now, &cx.config, &c)?;
    let (terms, total) = (&why.terms, why.total);
    if json {
        let why = WhyJson {
            customer: &c.name,
            customer_id: c.id,
            total,
            terms: terms
                .iter()
                .map(|n| TermJson {
                    kind: n.kind.as_str(),
                    score: n.score,
                    reason: &n.reason,
                })
                .collect(),
            snoozed: why.snoozed.iter().map(SnoozeJson::from).collect(),
            paused: c.paused_on(cx.now.today()),
        };
        return print_json(&mut cx.out, &why);
    }
    writeln!(cx.out, "{} — urgency {total:.2}", sanitize(&c.name))?;
    if let Some(p) = c.paused_on(cx.now.today()) {
        writeln!(
            cx.out,
            "  paused until {}{} — their cadence does not count until then",
            day(p.until, cx.now.today()),
            if p.reason.is_empty() {
                String::new()
            } else {
                format!(": {}", sanitize(&p.reason))
            }
        )?;
    }
    if terms.is_empty() {
        writeln!(
            cx.out,
            "  nothing needs doing: within cadence, no promises due, nothing open"
        )?;
    }
    for n in terms {
        writeln!(
            cx.out,
            "  {:>6.2}  {}  {}",
            n.score,
            cell(n.kind.as_str(), 20),
            sanitize(&n.reason)
        )?;
    }
    for s in &why.snoozed {
        let reason = if s.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", sanitize(&s.reason))
        };
        writeln!(
            cx.out,
            "  snoozed  {}  until {}{reason}",
            cell(s.kind.as_str(), 20),
            day(s.until, cx.now.today())
        )?;
    }
    if c.summary.value.tier() > 0 {
        writeln!(
            cx.out,
            "  (scores include ×{:.2} for value tier {})",
            why.lift,
            c.summary.value.tier()
        )?;
    }
    Ok(())
}
