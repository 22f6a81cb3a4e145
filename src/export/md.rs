//! Markdown: a checklist, one heading per day, overdue first. User text is escaped so a
//! name like `*ACME*` stays text. A pure function of the plan: no store, no clock, no file.

use std::fmt::Write as _;

use chrono::Datelike as _;

use super::one_line;
use crate::domain::week::{Heading, Item, WeekPlan};

pub fn render(plan: &WeekPlan) -> String {
    let mut out = String::new();
    let first = if plan.start.year() == plan.end.year() {
        plan.start.format("%a %-d %b")
    } else {
        plan.start.format("%a %-d %b %Y")
    };
    let _ = writeln!(
        out,
        "# Week {}: {first} – {}\n",
        plan.week,
        plan.end.format("%a %-d %b %Y")
    );
    if plan.is_empty() {
        out.push_str("Nothing to do this week.\n");
    }
    for group in plan.groups() {
        match group.heading {
            Heading::Overdue => out.push_str("## Overdue\n\n"),
            Heading::Day(d) => {
                let _ = writeln!(out, "## {}\n", d.format("%A %-d %B"));
            }
        }
        for item in group.items {
            line(&mut out, item);
        }
        out.push('\n');
    }
    for (kind, n) in plan.left_out.by_kind() {
        let _ = writeln!(
            out,
            "_Not listed: {n} more {} (raise `[week] limit` in config.toml)._",
            kind.plural()
        );
    }
    // One newline at the end, whatever came last.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn line(out: &mut String, item: &Item) {
    let _ = write!(
        out,
        "- [ ] ({}) **{}**: {} — {}",
        item.priority.letter(),
        escape(&item.customer),
        escape(&item.action),
        escape(&item.reason)
    );
    for contact in [super::contact_name(item), &item.phone, &item.email] {
        if !contact.trim().is_empty() {
            let _ = write!(out, " · {}", escape(contact.trim()));
        }
    }
    out.push('\n');
}

/// Backslash-escapes the ASCII punctuation that means something inline in CommonMark and
/// GitHub Markdown; every text here sits inside a list item, never at a line start.
fn escape(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_in_names_stays_text() {
        assert_eq!(escape("*ACME* [x](y) <b>"), r"\*ACME\* \[x\](y) \<b\>");
        assert_eq!(escape("line\nbreak"), "line break");
    }
}
