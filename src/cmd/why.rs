//! `why CUSTOMER`: the urgency, term by term, like `task info`.

use std::io::Write as _;

use super::json::{TermJson, WhyJson};
use super::{Ctx, print_json, resolve};
use crate::agenda;
use crate::domain::nudge;
use crate::domain::text::sanitize;
use crate::human::cell;

pub fn run(cx: &mut Ctx, customer: &str, json: bool) -> anyhow::Result<()> {
    let c = resolve::customer(&*cx.store, customer)?;
    let terms = agenda::why(&*cx.store, cx.now, &cx.config, &c)?;
    let total = nudge::urgency(&terms);
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
        };
        return print_json(&mut cx.out, &why);
    }
    writeln!(cx.out, "{} — urgency {total:.2}", sanitize(&c.name))?;
    if terms.is_empty() {
        writeln!(
            cx.out,
            "  nothing needs doing: within cadence, no promises due, nothing open"
        )?;
    }
    for n in &terms {
        writeln!(
            cx.out,
            "  {:>6.2}  {}  {}",
            n.score,
            cell(n.kind.as_str(), 20),
            sanitize(&n.reason)
        )?;
    }
    if c.summary.value.tier() > 0 {
        writeln!(
            cx.out,
            "  (scores include ×{:.2} for value tier {})",
            1.0 + cx.config.nudge.weights.value * f64::from(c.summary.value.tier()),
            c.summary.value.tier()
        )?;
    }
    Ok(())
}
