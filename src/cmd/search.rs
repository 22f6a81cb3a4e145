//! `search WORDS… [--limit N] [--json]`: one line per hit, best first — the day, the
//! customer, what was found (contact 12, follow-up 3, …) and the snippet with the found
//! words bold on a terminal, between «» under `NO_COLOR` or in a pipe. The words and the
//! ranking are `app::search`'s.

use std::io::Write as _;

use chrono::SecondsFormat;
use serde::Serialize;

use super::{Ctx, print_json};
use crate::app::search;
use crate::domain::search::Snippet;
use crate::domain::text::sanitize;
use crate::human::{cell, day};
use crate::store::{Dated, Hit};

pub fn run(cx: &mut Ctx, typed: &str, limit: usize, json: bool) -> anyhow::Result<()> {
    let found = search::search(&*cx.store, typed, limit)?;
    if json {
        let hits: Vec<HitJson<'_>> = found.hits.iter().map(|h| HitJson::new(h, cx)).collect();
        return print_json(&mut cx.out, &hits);
    }
    if found.hits.is_empty() {
        writeln!(
            cx.out,
            "No notes match \"{}\" — every word must appear in one note (archived customers are left out)",
            sanitize(&found.query.words().join(" "))
        )?;
        return Ok(());
    }
    let bold = cx.out.get_ref().is_on() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let today = cx.now.today();
    for hit in &found.hits {
        let when = hit
            .when
            .map_or_else(|| "?".to_string(), |w| day(search::day(w, cx.now), today));
        let what = format!("{} {}", hit.found.label(), hit.id);
        let head = format!(
            "{}  {}  {}  ",
            cell(&when, 11),
            cell(&hit.customer, 24),
            cell(&what, 16)
        );
        if bold {
            // Styled around text made safe here, so it goes past the terminal filter.
            cx.out.flush()?;
            let line = format!("{head}{}\n", styled(&hit.snippet));
            cx.out.get_mut().write_styled(&line)?;
        } else {
            writeln!(cx.out, "{head}{}", hit.snippet.marked("«", "»"))?;
        }
    }
    Ok(())
}

/// The snippet made safe for a terminal, each found word bold.
fn styled(snippet: &Snippet) -> String {
    let mut out = String::new();
    for (piece, found) in snippet.pieces() {
        if found {
            out.push_str("\x1b[1m");
            out.push_str(&sanitize(piece));
            out.push_str("\x1b[22m");
        } else {
            out.push_str(&sanitize(piece));
        }
    }
    out
}

/// A hit as `--json` writes it. `marks` are the found words in `snippet`, as character
/// offsets (start inclusive, end exclusive).
#[derive(Serialize)]
struct HitJson<'a> {
    customer: &'a str,
    customer_id: i64,
    kind: &'static str,
    id: i64,
    /// The local day (YYYY-MM-DD) the record is dated.
    date: Option<String>,
    /// The instant (RFC 3339 UTC) for records dated by one: contacts, triggers, customers.
    at: Option<String>,
    snippet: &'a str,
    marks: Vec<[usize; 2]>,
}

impl<'a> HitJson<'a> {
    fn new(hit: &'a Hit, cx: &Ctx) -> HitJson<'a> {
        let text = &hit.snippet.text;
        let chars = |byte: usize| text[..byte].chars().count();
        HitJson {
            customer: &hit.customer,
            customer_id: hit.customer_id,
            kind: hit.found.as_str(),
            id: hit.id,
            date: hit.when.map(|w| search::day(w, cx.now).to_string()),
            at: match hit.when {
                Some(Dated::At(at)) => Some(at.to_rfc3339_opts(SecondsFormat::Secs, true)),
                _ => None,
            },
            snippet: text,
            marks: hit
                .snippet
                .marks
                .iter()
                .map(|m| [chars(m.start), chars(m.end)])
                .collect(),
        }
    }
}
