//! `undo [--list] [--json]`: the newest action on the book's undo journal taken back (from
//! this front end or the other, this session or an earlier one), or the journal listed.
//! What can be undone and how is the use case's (`app::undo`).

use std::io::Write as _;

use super::json::{EntryJson, UndoneJson};
use super::{Ctx, print_json};
use crate::app::undo;
use crate::domain::text::sanitize;
use crate::human::local_time;
use crate::store::{Entry, Undid};

pub fn run(cx: &mut Ctx, list: bool, json: bool) -> anyhow::Result<()> {
    if list {
        return self::list(cx, json);
    }
    match undo::last(&mut *cx.store, cx.now)? {
        Undid::Nothing if json => print_json(&mut cx.out, &UndoneJson { undone: None }),
        Undid::Nothing => {
            writeln!(cx.out, "Nothing to undo.")?;
            Ok(())
        }
        Undid::Undone { entry, .. } if json => print_json(
            &mut cx.out,
            &UndoneJson {
                undone: Some(EntryJson::from(&entry)),
            },
        ),
        Undid::Undone { entry, .. } => {
            writeln!(cx.out, "Undone: {}", said(cx, &entry))?;
            Ok(())
        }
        Undid::Refused { entry, refused, next } => {
            let then = match next {
                Some(next) => format!(
                    "`touchbase undo` again takes back “{}” ({})",
                    sanitize(&next.said),
                    local_time(next.at, cx.now)
                ),
                None => "nothing older is left to undo".to_string(),
            };
            anyhow::bail!(
                "can't undo: {} — {}, so nothing was changed. It stays on the journal as one that can't be undone: {then}",
                said(cx, &entry),
                refused.why
            )
        }
    }
}

fn list(cx: &mut Ctx, json: bool) -> anyhow::Result<()> {
    let entries = undo::list(&*cx.store)?;
    if json {
        let shown: Vec<EntryJson<'_>> = entries.iter().map(EntryJson::from).collect();
        return print_json(&mut cx.out, &shown);
    }
    if entries.is_empty() {
        writeln!(cx.out, "Nothing to undo: the journal is empty.")?;
        return Ok(());
    }
    for e in &entries {
        let state = match (&e.undone_at, &e.refused) {
            (Some(at), _) => format!(" — undone {}", local_time(*at, cx.now)),
            (None, Some(why)) => format!(" — can't be undone: {}", sanitize(why)),
            (None, None) => String::new(),
        };
        writeln!(
            cx.out,
            "{}  {}  {}{state}",
            local_time(e.at, cx.now),
            e.by,
            sanitize(&e.said)
        )?;
    }
    Ok(())
}

/// "logged a call with Acme (Wed 2 Dec 14:05)".
fn said(cx: &Ctx, e: &Entry) -> String {
    format!("{} ({})", sanitize(&e.said), local_time(e.at, cx.now))
}
