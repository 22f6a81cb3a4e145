//! `touchbase status`: the prompt line ("3 overdue · 1 today · 2 to prepare"), as it is,
//! in the user's `--format`, or as JSON. A prompt runs it on every command line, so it
//! reads counts only (`app::status`), and it colours nothing unless stdout is a terminal
//! and `NO_COLOR` is unset: a prompt embeds what it prints.

use std::io::Write as _;

use serde::Serialize;

use super::{Ctx, Out};
use crate::app::status::{self, Status, stopped_warning};
use crate::cli::StatusArgs;

/// The fields `--format` knows, in the order the error lists them.
const FIELDS: [&str; 5] = ["overdue", "today", "prepare", "due", "warning"];

pub(super) fn run(cx: &mut Ctx, args: &StatusArgs) -> anyhow::Result<()> {
    // A bad format is refused before the book is read.
    let format = args.format.as_deref().map(Template::parse).transpose()?;
    let status = status::status(&*cx.store, cx.now, &cx.config)?;
    let warning = status
        .stopped_since
        .map(|since| stopped_warning(since, cx.now.today()));
    say(&mut cx.out, args, format.as_ref(), &status, warning.as_deref())
}

/// `status` where there is no book yet: nothing is due. Said as for an empty book, and
/// the book is not created.
pub(super) fn without_a_book(args: &StatusArgs) -> anyhow::Result<()> {
    let format = args.format.as_deref().map(Template::parse).transpose()?;
    let status = Status {
        counts: crate::app::remind::Counts::default(),
        stopped_since: None,
    };
    let mut out = super::stdout();
    say(&mut out, args, format.as_ref(), &status, None)?;
    out.flush()?;
    Ok(())
}

/// Prints `status` as `args` ask: JSON, nothing when clear and asked so, the user's
/// format, or the default line (coloured on a terminal without NO_COLOR).
fn say(
    out: &mut Out,
    args: &StatusArgs,
    format: Option<&Template>,
    status: &Status,
    warning: Option<&str>,
) -> anyhow::Result<()> {
    if args.json {
        serde_json::to_writer(&mut *out, &StatusJson::new(status, warning))?;
        writeln!(out)?;
        return Ok(());
    }
    if args.quiet_when_clear && status.is_clear() {
        return Ok(());
    }
    if let Some(format) = format {
        writeln!(out, "{}", format.fill(status, warning.unwrap_or("")))?;
        return Ok(());
    }
    let colour = out.get_ref().is_on() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let line = parts(status, warning)
        .into_iter()
        .map(|(text, style)| match (colour, style) {
            (true, Some(sgr)) => format!("\x1b[{sgr}m{text}\x1b[0m"),
            _ => text,
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let line = if line.is_empty() {
        "nothing due".to_string()
    } else {
        line
    };
    if colour {
        // Styled around text made here (numbers and fixed words), so it passes the
        // terminal filter as it is.
        out.flush()?;
        out.get_mut().write_styled(&format!("{line}\n"))?;
    } else {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The default line's parts, zeros left out, each with its colour (an SGR code) for a
/// terminal: overdue red, today yellow, the warning bold red.
fn parts(status: &Status, warning: Option<&str>) -> Vec<(String, Option<&'static str>)> {
    let c = status.counts;
    let mut parts = Vec::new();
    if c.overdue > 0 {
        parts.push((format!("{} overdue", c.overdue), Some("31")));
    }
    if c.today > 0 {
        parts.push((format!("{} today", c.today), Some("33")));
    }
    if c.prepare > 0 {
        parts.push((format!("{} to prepare", c.prepare), None));
    }
    if let Some(w) = warning {
        parts.push((w.to_string(), Some("1;31")));
    }
    parts
}

/// `status --json`: a stable shape (README, "Reminders in your prompt").
#[derive(Serialize)]
struct StatusJson<'a> {
    overdue: usize,
    today: usize,
    prepare: usize,
    /// Overdue and today's together.
    due: usize,
    /// The day (YYYY-MM-DD) of the last digest, or of the set-up, when reminders have
    /// stopped running; else null.
    reminders_stopped_since: Option<String>,
    /// "reminders have not run since Mon 30 Nov", or null.
    warning: Option<&'a str>,
}

impl<'a> StatusJson<'a> {
    fn new(status: &Status, warning: Option<&'a str>) -> StatusJson<'a> {
        let c = status.counts;
        StatusJson {
            overdue: c.overdue,
            today: c.today,
            prepare: c.prepare,
            due: c.overdue + c.today,
            reminders_stopped_since: status.stopped_since.map(|d| d.to_string()),
            warning,
        }
    }
}

/// A `--format` line: text and fields, parsed once.
#[derive(Debug, PartialEq, Eq)]
struct Template(Vec<Piece>);

#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// One of [`FIELDS`].
    Field(&'static str),
}

impl Template {
    fn parse(format: &str) -> anyhow::Result<Template> {
        let known = || {
            FIELDS
                .iter()
                .map(|f| format!("{{{f}}}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    let closed = loop {
                        match chars.next() {
                            Some('}') => break true,
                            Some(c) => name.push(c),
                            None => break false,
                        }
                    };
                    if !closed {
                        anyhow::bail!(
                            "--format '{format}' opens a field with '{{' and never closes it — write a field as {{name}} (one of {}), or {{{{ for a brace",
                            known()
                        );
                    }
                    let Some(field) = FIELDS.iter().find(|f| **f == name.trim()) else {
                        anyhow::bail!("--format has no field '{{{name}}}' — the fields are {}", known());
                    };
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(field));
                }
                '}' => anyhow::bail!(
                    "--format '{format}' has a '}}' that closes no field — write }}}} for a brace"
                ),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template(pieces))
    }

    fn fill(&self, status: &Status, warning: &str) -> String {
        let c = status.counts;
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Field("overdue") => out.push_str(&c.overdue.to_string()),
                Piece::Field("today") => out.push_str(&c.today.to_string()),
                Piece::Field("prepare") => out.push_str(&c.prepare.to_string()),
                Piece::Field("due") => out.push_str(&(c.overdue + c.today).to_string()),
                Piece::Field(_) => out.push_str(warning),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::app::remind::Counts;

    fn status(overdue: usize, today: usize, prepare: usize) -> Status {
        Status {
            counts: Counts {
                overdue,
                today,
                prepare,
            },
            stopped_since: None,
        }
    }

    #[test]
    fn fields_are_filled_and_braces_doubled_are_kept() {
        let t = Template::parse("⏰ {due} ({overdue} late, {today} today) {{x}} {prepare}{warning}").unwrap();
        assert_eq!(t.fill(&status(3, 1, 2), ""), "⏰ 4 (3 late, 1 today) {x} 2");
        assert_eq!(t.fill(&status(0, 0, 0), " !"), "⏰ 0 (0 late, 0 today) {x} 0 !");
    }

    #[test]
    fn an_unknown_field_lists_the_fields() {
        let e = Template::parse("{overdue} {late}").unwrap_err().to_string();
        assert!(e.contains("no field '{late}'"), "{e}");
        assert!(e.contains("{overdue} {today} {prepare} {due} {warning}"), "{e}");
    }

    #[test]
    fn a_lone_brace_is_refused_with_how_to_write_one() {
        let e = Template::parse("{overdue").unwrap_err().to_string();
        assert!(e.contains("never closes it") && e.contains("{{"), "{e}");
        let e = Template::parse("x } y").unwrap_err().to_string();
        assert!(e.contains("closes no field") && e.contains("}}"), "{e}");
    }

    #[test]
    fn the_default_line_leaves_zeros_out() {
        let text = |s: &Status, w| {
            parts(s, w)
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
                .join(" · ")
        };
        assert_eq!(text(&status(3, 1, 2), None), "3 overdue · 1 today · 2 to prepare");
        assert_eq!(text(&status(0, 1, 0), None), "1 today");
        assert_eq!(text(&status(0, 0, 0), None), "");
        let stopped = Status {
            stopped_since: NaiveDate::from_ymd_opt(2026, 11, 30),
            ..status(0, 0, 2)
        };
        assert_eq!(
            text(&stopped, Some("reminders have not run since Mon 30 Nov")),
            "2 to prepare · reminders have not run since Mon 30 Nov"
        );
    }
}
