//! `add`, `list` (the active book or the archive) and `show`: the arguments to the use
//! cases, their outcome to stdout for a person or as JSON. The rules (a customer's fields,
//! the card, the ranking by urgency) are the use cases'; nothing here knows SQL.

use std::io::Write as _;

use anyhow::Context as _;

use super::json::{
    BalanceEntryJson, BalanceJson, CustomerJson, FollowUpJson, InteractionJson, MomentJson, OrderJson,
    ShowJson, TriggerJson,
};
use super::{Ctx, print_json};
use crate::app::Who;
use crate::app::customer::CustomerCard;
use crate::app::customers::{self, CustomerInput, Shelf, Sort, find_including_archived};
use crate::app::urgency::{Ranking, Why};
use crate::domain::Customer;
use crate::domain::customer::Freshness;
use crate::domain::moment::Moment;
use crate::domain::moment::MomentStatus;
use crate::domain::text::sanitize;
use crate::domain::trigger::Trigger;
use crate::domain::whom;
use crate::human::{ago, cell, day, local_time};
use crate::store::{CustomerRow, SortKey};

/// How many interactions `show` prints.
const TIMELINE: usize = 20;

pub struct AddArgs {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub cadence: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
}

pub fn add(cx: &mut Ctx, a: AddArgs, json: bool) -> anyhow::Result<()> {
    let input = CustomerInput {
        name: a.name,
        company: a.company,
        email: a.email,
        phone: a.phone,
        cadence: a.cadence.unwrap_or_default(),
        tags: a.tags,
        notes: Some(a.notes),
    };
    let saved = crate::app::undo::journaled(&mut *cx.store, cx.now, crate::store::By::Cli, |s| {
        customers::add(s, cx.now, &input)
    })?;
    let c = &saved.customer;
    if json {
        print_json(&mut cx.out, &CustomerJson::new(c, None))
    } else {
        let with = saved.with_main_contact();
        writeln!(
            cx.out,
            "Added {} (id {}){with}, in touch every {}",
            sanitize(&c.name),
            c.id,
            c.cadence
        )?;
        Ok(())
    }
}

pub fn list(cx: &mut Ctx, sort: Sort, archived: bool, json: bool) -> anyhow::Result<()> {
    if json && sort != Sort::Urgency {
        return list_json(cx, sort, archived);
    }
    if json {
        write!(cx.out, "[")?;
    } else {
        writeln!(
            cx.out,
            "{:>6}  {} {} {} {:>7}  {} {:>12}  TAGS",
            "ID",
            cell("NAME", 24),
            cell("COMPANY", 22),
            cell("LAST CONTACT", 13),
            "CADENCE",
            cell("FOLLOW-UP", 10),
            "VALUE"
        )?;
    }
    let (now, today) = (cx.now, cx.now.today());
    let out = &mut cx.out;
    let mut count = 0usize;
    let mut print = |row: CustomerRow| -> anyhow::Result<()> {
        if json {
            write!(out, "{}\n  ", if count > 0 { "," } else { "" })?;
            serde_json::to_writer(&mut *out, &CustomerJson::from_row(&row))?;
        } else {
            let c = &row.customer;
            let last = c
                .last_contact_at
                .map_or_else(|| "never".to_string(), |at| ago(at, now));
            // A paused customer's silence does not count: the column says until when.
            let last = match c.paused_on(today) {
                Some(p) => format!("paused {}", p.until.format("%-d %b")),
                None => last,
            };
            // The mark keeps overdue visible where there is no colour.
            let mark = if c.paused_on(today).is_none()
                && Freshness::of(c.staleness(now.utc)) == Freshness::Overdue
            {
                " !"
            } else {
                ""
            };
            let follow_up = row
                .next_follow_up
                .map_or_else(|| "-".to_string(), |d| day(d, today));
            writeln!(
                out,
                "{:>6}  {} {} {} {:>7}  {} {:>12}  {}",
                c.id,
                cell(&c.name, 24),
                cell(&c.company, 22),
                cell(&format!("{last}{mark}"), 13),
                c.cadence.to_string(),
                cell(&follow_up, 10),
                c.summary.value.to_string(),
                sanitize(&c.tags.to_string())
            )?;
        }
        count += 1;
        Ok(())
    };
    let store = &*cx.store;
    let each = |key: SortKey, f: &mut dyn FnMut(CustomerRow) -> anyhow::Result<()>| {
        if archived {
            store.each_archived_customer(key, f)
        } else {
            store.each_customer(key, f)
        }
    };
    match sort {
        // Streamed from one query, so a 100k book starts printing at once and `| head`
        // stops it.
        Sort::LastContact | Sort::Name | Sort::Value => each(sort.key(), &mut print)?,
        Sort::Urgency => {
            // Urgency needs every nudge first; customers without one follow by last contact
            // (archived customers have none).
            let ranking = Ranking::of(store, cx.now, &cx.config)?;
            let mut rows = Vec::new();
            each(sort.key(), &mut |row| {
                rows.push(row);
                Ok(())
            })?;
            ranking.sort(&mut rows, |r| r.customer.id);
            for row in rows {
                print(row)?;
            }
        }
    }
    if json {
        writeln!(cx.out, "\n]")?;
    } else if count == 0 && archived {
        writeln!(
            cx.out,
            "No archived customers — `touchbase archive CUSTOMER` puts one away."
        )?;
    } else if count == 0 {
        writeln!(
            cx.out,
            "No customers yet — add one with `touchbase add NAME`, bring them in with `touchbase import FILE`, or try `touchbase --demo`."
        )?;
    }
    Ok(())
}

/// `list --json` in an order the book keeps: a script reads the whole array before it
/// uses any of it, so the book is read the way that reads all of it quickest (see
/// `each_customer_placed`), each customer written as it comes, and the array put in order
/// from the written text.
fn list_json(cx: &mut Ctx, sort: Sort, archived: bool) -> anyhow::Result<()> {
    let mut text = Vec::new();
    // Each customer's place, and where their object is in `text`.
    let mut objects: Vec<(usize, usize, usize)> = Vec::new();
    cx.store
        .each_customer_placed(sort.key(), archived, &mut |place, row| {
            let start = text.len();
            super::json::write_customer_row(&mut text, &row);
            objects.push((place, start, text.len()));
            Ok(())
        })?;
    objects.sort_unstable_by_key(|&(place, ..)| place);
    let out = &mut cx.out;
    write!(out, "[")?;
    for (i, &(_, start, end)) in objects.iter().enumerate() {
        out.write_all(if i > 0 { b",\n  " } else { b"\n  " })?;
        out.write_all(&text[start..end])?;
    }
    writeln!(out, "\n]")?;
    Ok(())
}

pub fn show(cx: &mut Ctx, arg: &str, json: bool) -> anyhow::Result<()> {
    let c = find_including_archived(&*cx.store, Who::Typed(arg), Shelf::Active)?;
    let timeline = if json { usize::MAX >> 1 } else { TIMELINE };
    let CustomerCard {
        customer: c,
        follow_ups,
        timeline,
        moments,
        triggers,
        entries,
        orders,
        why,
        also_known_as,
        people,
        last_contacts,
    } = CustomerCard::of(&*cx.store, c, cx.now, &cx.config, timeline)?;
    let s = &c.summary;
    if json {
        let shown = ShowJson {
            customer: CustomerJson::new(&c, follow_ups.first().map(|f| f.due)),
            notes: &c.notes,
            interactions: timeline
                .iter()
                .map(|i| InteractionJson::among(i, &people))
                .collect(),
            follow_ups: follow_ups.iter().map(FollowUpJson::from).collect(),
            moments: moments.iter().map(MomentJson::from).collect(),
            triggers: triggers.iter().map(TriggerJson::from).collect(),
            balance_entries: entries.iter().map(BalanceEntryJson::from).collect(),
            orders: orders.iter().map(OrderJson::from).collect(),
            balance: BalanceJson {
                gives: s.balance.gives,
                asks: s.balance.asks,
            },
            satisfaction: s.satisfaction,
            previous_satisfaction: s.prev_satisfaction,
            last_order: s.last_order_on,
            urgency: why.total,
            also_known_as: &also_known_as,
            people: people.iter().map(super::people::PersonJson::from).collect(),
        };
        return print_json(&mut cx.out, &shown);
    }
    print_head(cx, &c)?;
    if !also_known_as.is_empty() {
        let names: Vec<_> = also_known_as.iter().map(|n| sanitize(n)).collect();
        writeln!(cx.out, "also known as {}", names.join(", "))?;
    }
    writeln!(cx.out, "\nPeople")?;
    super::people::print_people(&mut cx.out, &people, &last_contacts, cx.now)?;
    print_relationship(cx, &c, &why, &moments, &triggers)?;
    let today = cx.now.today();
    let out = &mut cx.out;
    writeln!(out, "\nOpen follow-ups")?;
    if follow_ups.is_empty() {
        writeln!(out, "  none")?;
    }
    for f in &follow_ups {
        let late = if f.due < today { "  overdue" } else { "" };
        writeln!(
            out,
            "  {:>6}  {}  {}{late}",
            f.id,
            cell(&day(f.due, today), 11),
            sanitize(&f.text)
        )?;
    }
    writeln!(out, "\nTimeline")?;
    if timeline.is_empty() {
        writeln!(out, "  nothing logged yet — touchbase log {} \"call: …\"", c.id)?;
    }
    for i in &timeline {
        let sat = i.satisfaction.map(|s| format!("  ={s}")).unwrap_or_default();
        let with = whom::other_than_main(&people, i.person_id)
            .map(|p| format!("with {} · ", sanitize(whom::short_name(&people, p))))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:>6}  {}  {} {with}{}{sat}",
            i.id,
            cell(&local_time(i.at, cx.now), 17),
            cell(i.kind.as_str(), 9),
            sanitize(&i.note)
        )?;
    }
    print_ledger(out, &entries, &orders, cx.now)?;
    out.flush().context("writing output")
}

/// The gives and asks, and the orders, each with the id that `edit` and `delete` take.
fn print_ledger(
    out: &mut dyn std::io::Write,
    entries: &[crate::domain::balance::BalanceEntry],
    orders: &[crate::store::Order],
    now: crate::clock::Now,
) -> anyhow::Result<()> {
    let today = now.today();
    if !entries.is_empty() {
        writeln!(out, "\nGives and asks")?;
    }
    for e in entries {
        writeln!(
            out,
            "  {:>6}  {}  {} {}",
            e.id,
            cell(&local_time(e.at, now), 17),
            cell(e.side.as_str(), 4),
            sanitize(&e.note)
        )?;
    }
    if !orders.is_empty() {
        writeln!(out, "\nOrders")?;
    }
    for o in orders {
        let note = if o.note.is_empty() {
            String::new()
        } else {
            format!("  {}", sanitize(&o.note))
        };
        writeln!(
            out,
            "  {:>6}  {}  {} {}{note}",
            o.id,
            cell(&day(o.ordered_on, today), 11),
            sanitize(&o.currency),
            o.amount
        )?;
    }
    Ok(())
}

/// Who they are and how the relationship stands.
fn print_head(cx: &mut Ctx, c: &Customer) -> anyhow::Result<()> {
    let today = cx.now.today();
    let s = &c.summary;
    let currency = &cx.config.money.currency;
    let out = &mut cx.out;
    write!(out, "{}", sanitize(&c.name))?;
    if let Some(company) = c.company_apart() {
        write!(out, " — {}", sanitize(company))?;
    }
    writeln!(out, "  (id {})", c.id)?;
    if c.archived {
        writeln!(
            out,
            "archived — hidden from the agenda, lists and the week; `touchbase unarchive {}` brings it back",
            c.id
        )?;
    }
    let contact: Vec<String> = [("email", &c.email), ("phone", &c.phone)]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k} {}", sanitize(v)))
        .collect();
    if !contact.is_empty() {
        writeln!(out, "{}", contact.join(" · "))?;
    }
    let last = c.last_contact_at.map_or_else(
        || "no contact yet".to_string(),
        |at| format!("last contact {}", ago(at, cx.now)),
    );
    write!(out, "in touch every {} · {last}", c.cadence)?;
    if let Some(p) = c.paused_on(today) {
        write!(out, " · paused until {}", day(p.until, today))?;
        if !p.reason.is_empty() {
            write!(out, " ({})", sanitize(&p.reason))?;
        }
    }
    if !c.tags.is_empty() {
        write!(out, " · {}", sanitize(&c.tags.to_string()))?;
    }
    writeln!(out)?;
    let mut standing = vec![format!("value {currency} {}", s.value)];
    if let Some(on) = s.last_order_on {
        standing.push(format!("last order {}", day(on, today)));
    }
    standing.push(
        s.satisfaction_words()
            .unwrap_or_else(|| "no satisfaction recorded".into()),
    );
    standing.push(format!("gave {} · asked {}", s.balance.gives, s.balance.asks));
    writeln!(out, "{}", standing.join(" · "))?;
    // The notes' own lines, each under the first.
    for (i, line) in c.notes.trim_end().lines().enumerate() {
        let label = if i == 0 { "notes:" } else { "" };
        writeln!(out, "{label:<6} {}", sanitize(line.trim_end()))?;
    }
    Ok(())
}

/// Why they are urgent, their buying process, and open switching triggers.
fn print_relationship(
    cx: &mut Ctx,
    c: &Customer,
    why: &Why,
    moments: &[Moment],
    triggers: &[Trigger],
) -> anyhow::Result<()> {
    let today = cx.now.today();
    let now = cx.now;
    let out = &mut cx.out;
    writeln!(out, "\nUrgency {:.1}", why.total)?;
    for n in &why.terms {
        writeln!(
            out,
            "  {:>5.1}  {}  {}",
            n.score,
            cell(n.kind.as_str(), 20),
            sanitize(&n.reason)
        )?;
    }
    for q in &why.snoozed {
        write!(out, "  snoozed {} until {}", q.kind.short(), day(q.until, today))?;
        if !q.reason.is_empty() {
            write!(out, ": {}", sanitize(&q.reason))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\nBuying process")?;
    if moments.is_empty() {
        writeln!(
            out,
            "  no decision moments — touchbase moment add {} TITLE @WHEN",
            c.id
        )?;
    }
    for m in moments {
        let mark = if m.status == MomentStatus::Upcoming {
            "▸"
        } else {
            "·"
        };
        writeln!(
            out,
            "  {mark} {:>5}  {}  {}  {}",
            m.id,
            cell(&day(m.expected, today), 11),
            cell(m.status.as_str(), 8),
            sanitize(&m.title)
        )?;
        if !m.people.is_empty() {
            let who = crate::domain::moment::people_phrase(&m.people);
            writeln!(out, "{:>21}who: {}", "", sanitize(&who))?;
        }
        for (label, text) in [
            ("concerns", &m.concerns),
            ("steps", &m.steps),
            ("response", &m.response),
        ] {
            if m.status == MomentStatus::Upcoming && !text.is_empty() {
                writeln!(out, "{:>21}{label}: {}", "", sanitize(text))?;
            }
        }
        if !m.outcome_note.is_empty() {
            writeln!(out, "{:>21}how it went: {}", "", sanitize(&m.outcome_note))?;
        }
    }
    let open: Vec<_> = triggers.iter().filter(|t| t.resolved_at.is_none()).collect();
    if !open.is_empty() {
        writeln!(out, "\nOpen triggers")?;
        for t in open {
            writeln!(
                out,
                "  {:>6}  {}  {}  opened {}",
                t.id,
                cell(t.kind.as_str(), 11),
                sanitize(&t.note),
                ago(t.opened_at, now)
            )?;
        }
    }
    let resolved: Vec<_> = triggers.iter().filter(|t| t.resolved_at.is_some()).collect();
    if !resolved.is_empty() {
        writeln!(out, "\nResolved triggers")?;
        for t in resolved.iter().take(RESOLVED_SHOWN) {
            let on = t
                .resolved_at
                .map(|at| day(now.day(at), today))
                .unwrap_or_default();
            write!(
                out,
                "  {:>6}  {}  {}  resolved {on}",
                t.id,
                cell(t.kind.as_str(), 11),
                sanitize(&t.note),
            )?;
            if t.resolution_note.is_empty() {
                writeln!(out)?;
            } else {
                writeln!(out, ": {}", sanitize(&t.resolution_note))?;
            }
        }
        if resolved.len() > RESOLVED_SHOWN {
            let more = resolved.len() - RESOLVED_SHOWN;
            writeln!(out, "  … and {more} more (show --json lists every one)")?;
        }
    }
    Ok(())
}

/// How many resolved triggers `show` lists, newest opened first.
const RESOLVED_SHOWN: usize = 5;
