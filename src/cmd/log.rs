//! `log CUSTOMER LINE`: one quick-log line, all or nothing.

use std::fmt::Write as _;
use std::io::Write as _;

use unicode_width::UnicodeWidthStr as _;

use super::json::{FollowUpJson, InteractionJson, LoggedJson};
use super::{Ctx, print_json};
use crate::app::undo::journaled;
use crate::app::{Refused, Who, log};
use crate::domain::quicklog::QuickLogError;
use crate::domain::text::sanitize;
use crate::domain::whom;
use crate::human::{day, local_time};
use crate::store::{By, Interaction};

pub fn run(cx: &mut Ctx, customer: &str, line: &str, json: bool) -> anyhow::Result<()> {
    let today = cx.now.today();
    let workdays = cx.config.week.workdays;
    let done = journaled(&mut *cx.store, cx.now, By::Cli, |s| {
        log::contact(s, cx.now, workdays, Who::Typed(customer), line)
    })
    .map_err(|e| match Refused::of(&e) {
        Some(Refused::Line(bad)) => anyhow::anyhow!(marked(line, bad)),
        _ => e,
    })?;
    let (c, logged) = (&done.customer, &done.logged);
    let parsed = &logged.line;

    if json {
        // The contact as written: a backdated one need not be the newest on the timeline.
        let interaction = Interaction {
            id: logged.interaction_id,
            customer_id: c.id,
            at: logged.at,
            kind: parsed.kind,
            note: parsed.note.clone(),
            satisfaction: parsed.satisfaction,
            person_id: parsed.person_id,
        };
        let follow_up = logged
            .follow_up_id
            .map(|id| cx.store.require_follow_up(id))
            .transpose()?;
        let tags = cx.store.require_customer(c.id)?.tags;
        let person = match (&done.with, parsed.person_id) {
            (Some(named), _) => Some(named.clone()),
            (None, Some(id)) => cx.store.person(id)?,
            (None, None) => None,
        };
        return print_json(
            &mut cx.out,
            &LoggedJson {
                customer_id: c.id,
                interaction: InteractionJson {
                    person: person.as_ref().map(|p| p.name.as_str()),
                    ..InteractionJson::from(&interaction)
                },
                follow_up: follow_up.as_ref().map(FollowUpJson::from),
                tags: tags.as_slice(),
                balance_entry_id: logged.balance_entry_id,
                trigger_id: logged.trigger_id,
                closed: logged.closed.iter().map(FollowUpJson::from).collect(),
            },
        );
    }
    let mut said = match &done.with {
        Some(p) => format!(
            "Logged {} with {} at {}",
            parsed.kind,
            sanitize(&p.name),
            sanitize(whom::account(c))
        ),
        None => format!("Logged {} with {}", parsed.kind, sanitize(&c.name)),
    };
    if parsed.at.is_some() {
        let _ = write!(said, " on {}", local_time(logged.at, cx.now));
    }
    if let (Some(plan), Some(id)) = (&parsed.follow_up, logged.follow_up_id) {
        let _ = write!(
            said,
            " · follow-up “{}” {} (id {id})",
            sanitize(&plan.text),
            day(plan.due, today)
        );
    }
    if let Some(s) = parsed.satisfaction {
        let _ = write!(said, " · satisfaction {s}");
    }
    if !parsed.tags.is_empty() {
        let _ = write!(said, " · tagged {}", sanitize(&parsed.tags.to_string()));
    }
    if logged.balance_entry_id.is_some() {
        said += " · counted as a give";
    }
    if logged.trigger_id.is_some() {
        said += " · opened a reactional trigger";
    }
    said += &sanitize(&log::closed(&logged.closed, " · closed "));
    writeln!(cx.out, "{said}")?;
    Ok(())
}

/// The longest line `marked` prints back.
const MARKED_CHARS: usize = 1000;

/// The error, then the line with the offending part underlined.
fn marked(line: &str, e: &QuickLogError) -> String {
    // A line wider than any terminal is not printed back, only what is wrong with it.
    if line.chars().nth(MARKED_CHARS).is_some() {
        return format!("{}\nNothing was saved.", e.message);
    }
    let start = e.span.start.min(line.len());
    let end = e.span.end.clamp(start, line.len());
    let (Some(before), Some(bad)) = (line.get(..start), line.get(start..end)) else {
        return e.message.clone();
    };
    format!(
        "{}\n  {}\n  {}{}\nNothing was saved.",
        e.message,
        sanitize(line),
        " ".repeat(sanitize(before).width()),
        "^".repeat(sanitize(bad).width().max(1))
    )
}
