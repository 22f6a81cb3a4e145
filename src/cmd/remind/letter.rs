//! The digest written out for a person: the plain text stdout prints and an e-mail's text
//! part holds, the same as simple HTML for the e-mail's other part, and the desktop
//! notification's few lines. Every customer's text is sanitized for a terminal in the
//! plain text and escaped in the HTML. Knows the digest, not the channels.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::app::remind::{Counts, Digest, Line, Section};
use crate::clock::Now;
use crate::deliver::{Letter, Notice};
use crate::domain::text::sanitize;
use crate::human::{day, local_time};

/// How many lines the desktop notification lists.
const NOTICE_LINES: usize = 5;

/// "3 overdue · 1 today · 2 to prepare"; when all three are empty "nothing due", and how
/// many other nudges there are ("nothing due · 4 nudges").
pub fn counted(digest: &Digest) -> String {
    let counts: Counts = digest.counts;
    if !counts.is_empty() {
        return format!(
            "{} overdue · {} today · {} to prepare",
            counts.overdue, counts.today, counts.prepare
        );
    }
    match digest.section(Section::Nudge).count() {
        0 => "nothing due".to_string(),
        1 => "nothing due · 1 nudge".to_string(),
        n => format!("nothing due · {n} nudges"),
    }
}

fn heading(section: Section) -> &'static str {
    match section {
        Section::Overdue => "Overdue",
        Section::Today => "Due today",
        Section::Prepare => "To prepare",
        Section::Nudge => "Also",
    }
}

/// What a line says after its customer: "send proposal (overdue since Fri 20 Nov)".
fn said(line: &Line, today: NaiveDate) -> String {
    match (line.section, line.date) {
        (Section::Overdue, Some(due)) => format!("{} (overdue since {})", line.what, day(due, today)),
        (Section::Prepare, Some(on)) => format!("{} ({})", line.reason, day(on, today)),
        (Section::Today, _) => line.what.clone(),
        _ => line.reason.clone(),
    }
}

fn more(digest: &Digest, section: Section) -> usize {
    match section {
        Section::Overdue => digest.more.overdue,
        Section::Today => digest.more.today,
        Section::Prepare => digest.more.prepare,
        Section::Nudge => 0,
    }
}

/// What the digest says when it lists nothing: nothing due, or nothing new since the
/// digest before.
pub fn nothing(digest: &Digest, now: Now) -> String {
    match digest.since {
        Some((at, _)) => format!("Nothing new since {}.", local_time(at, now)),
        None => "Nothing due today.".to_string(),
    }
}

/// The digest as plain text, codes first so they can be copied.
pub fn text(digest: &Digest, now: Now) -> String {
    let today = digest.day;
    let mut out = format!(
        "touchbase — {}: {}\n",
        digest.day.format("%a %-d %b %Y"),
        counted(digest)
    );
    if digest.is_empty() {
        let _ = writeln!(out, "\n{}", nothing(digest, now));
        return out;
    }
    let width = digest
        .lines
        .iter()
        .map(|l| l.code.to_string().len())
        .max()
        .unwrap_or(0);
    for section in Section::ALL {
        let lines: Vec<&Line> = digest.section(section).collect();
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", heading(section));
        for l in lines {
            let _ = writeln!(
                out,
                "{:<width$}  {} — {}",
                l.code.to_string(),
                sanitize(&l.customer),
                sanitize(&said(l, today))
            );
        }
        if more(digest, section) > 0 {
            let _ = writeln!(out, "… and {} more (touchbase due --all)", more(digest, section));
        }
    }
    if let Some((at, held)) = digest.since.filter(|(_, held)| *held > 0) {
        let _ = writeln!(
            out,
            "\n{held} more already in the digest of {}.",
            local_time(at, now)
        );
    }
    out.push_str("\n`touchbase done CODE` marks one done; `touchbase snooze CODE WHEN` puts it off.\n");
    out
}

/// `s` safe inside HTML text and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The digest as a simple HTML document: a heading and a table per section.
pub fn html(digest: &Digest, now: Now) -> String {
    let today = digest.day;
    let title = format!(
        "touchbase — {}: {}",
        digest.day.format("%a %-d %b %Y"),
        counted(digest)
    );
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title></head><body>\n<h1>{t}</h1>\n",
        t = escape(&title)
    );
    if digest.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(&nothing(digest, now)));
    }
    for section in Section::ALL {
        let lines: Vec<&Line> = digest.section(section).collect();
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{}</h2>\n<table>", heading(section));
        for l in lines {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                escape(&l.code.to_string()),
                escape(&l.customer),
                escape(&said(l, today))
            );
        }
        out.push_str("</table>\n");
        if more(digest, section) > 0 {
            let _ = writeln!(
                out,
                "<p>… and {} more (touchbase due --all)</p>",
                more(digest, section)
            );
        }
    }
    out.push_str(
        "<p><code>touchbase done CODE</code> marks one done; <code>touchbase snooze CODE WHEN</code> puts it off.</p>\n</body></html>\n",
    );
    out
}

/// The subject of the digest's e-mail: "touchbase: 3 overdue · 1 today · 2 to prepare".
pub fn subject(digest: &Digest) -> String {
    format!("touchbase: {}", counted(digest))
}

pub fn letter(digest: &Digest, now: Now, to: &str) -> Letter {
    Letter {
        to: to.to_string(),
        subject: subject(digest),
        text: text(digest, now),
        html: html(digest, now),
    }
}

/// The desktop notification: the counts, then the first few lines.
pub fn notice(digest: &Digest, now: Now) -> Notice {
    let mut body: Vec<String> = digest
        .lines
        .iter()
        .take(NOTICE_LINES)
        .map(|l| {
            format!(
                "{}  {} — {}",
                l.code,
                sanitize(&l.customer),
                sanitize(&said(l, digest.day))
            )
        })
        .collect();
    if digest.lines.len() > NOTICE_LINES {
        body.push(format!(
            "… and {} more: touchbase remind",
            digest.lines.len() - NOTICE_LINES
        ));
    }
    if body.is_empty() {
        body.push(nothing(digest, now));
    }
    Notice {
        summary: subject(digest),
        body: body.join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item_code::ItemCode;
    use crate::domain::nudge::NudgeKind;

    fn digest() -> Digest {
        let line = |section, code, customer: &str, what: &str, reason: &str, date: Option<&str>| Line {
            section,
            code,
            customer_id: 1,
            customer: customer.to_string(),
            what: what.to_string(),
            reason: reason.to_string(),
            date: date.map(|d| d.parse().unwrap()),
            kind: NudgeKind::FollowUpOverdue,
        };
        let lines = vec![
            line(
                Section::Overdue,
                ItemCode::FollowUp(114),
                "Acme <Logistics> & Co",
                "send <b>proposal</b>",
                "",
                Some("2026-11-20"),
            ),
            line(
                Section::Today,
                ItemCode::FollowUp(7),
                "Beta",
                "call back",
                "",
                Some("2026-11-23"),
            ),
            line(
                Section::Prepare,
                ItemCode::Moment(12),
                "Acme <Logistics> & Co",
                "board meets",
                "“board meets” in 2 days",
                Some("2026-11-25"),
            ),
            line(
                Section::Nudge,
                ItemCode::Trigger(3),
                "Gamma",
                "resolve the complaint",
                "complaint “late” arrived today",
                None,
            ),
        ];
        Digest {
            day: "2026-11-23".parse().unwrap(),
            counts: Counts {
                overdue: 1,
                today: 1,
                prepare: 1,
            },
            codes: lines.iter().map(|l| l.code.to_string()).collect(),
            lines,
            more: Counts::default(),
            since: None,
        }
    }

    fn now() -> Now {
        Now::parse("2026-11-23T09:00:00Z").unwrap()
    }

    #[test]
    fn the_text_lists_codes_first_by_section() {
        let text = text(&digest(), now());
        assert!(
            text.starts_with("touchbase — Mon 23 Nov 2026: 1 overdue · 1 today · 1 to prepare\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "\nOverdue\nf114  Acme <Logistics> & Co — send <b>proposal</b> (overdue since Fri 20 Nov)\n"
            ),
            "{text}"
        );
        assert!(text.contains("\nDue today\nf7    Beta — call back\n"), "{text}");
        assert!(
            text.contains(
                "\nTo prepare\nm12   Acme <Logistics> & Co — “board meets” in 2 days (Wed 25 Nov)\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\nAlso\nt3    Gamma — complaint “late” arrived today\n"),
            "{text}"
        );
    }

    #[test]
    fn the_html_escapes_every_customer_text() {
        let html = html(&digest(), now());
        assert!(
            html.contains("<td>Acme &lt;Logistics&gt; &amp; Co</td>"),
            "{html}"
        );
        assert!(html.contains("send &lt;b&gt;proposal&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("<h2>Overdue</h2>") && html.contains("<h2>Also</h2>"),
            "{html}"
        );
    }

    #[test]
    fn the_subject_and_the_notice_count_the_sections() {
        let d = digest();
        assert_eq!(subject(&d), "touchbase: 1 overdue · 1 today · 1 to prepare");
        let notice = notice(&d, now());
        assert_eq!(notice.summary, subject(&d));
        assert_eq!(notice.body.lines().count(), 4, "{}", notice.body);
        assert!(notice.body.starts_with("f114  Acme"), "{}", notice.body);
    }
}
