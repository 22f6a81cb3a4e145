//! todo.txt (github.com/todotxt/todo.txt): one task a line —
//! `(A) 2026-11-23 send proposal — 3 days overdue +AcmeBV @email due:2026-11-27`.
//! Priority, creation date (the export day), the text, the customer as `+project`, the
//! channel as `@context`, and `due:`, `contact:` (the person, spaces as `_`), `phone:` and
//! `email:` as key:value tags. A pure
//! function of the plan and `now`: no store, no file.

use std::fmt::Write as _;

use super::one_line;
use crate::clock::Now;
use crate::domain::week::{Item, WeekPlan};

pub fn render(plan: &WeekPlan, now: Now) -> String {
    let created = now.today().format("%Y-%m-%d").to_string();
    let mut out = String::new();
    for item in &plan.items {
        line(&mut out, item, &created);
    }
    out
}

fn line(out: &mut String, item: &Item, created: &str) {
    let _ = write!(
        out,
        "({}) {created} {} — {} +{} @{} due:{}",
        item.priority.letter(),
        text(&item.action),
        text(&item.reason),
        project(&item.customer, item.customer_id),
        item.channel.as_str(),
        item.date.format("%Y-%m-%d"),
    );
    let contact = text(super::contact_name(item).trim()).replace(' ', "_");
    if !contact.is_empty() {
        let _ = write!(out, " contact:{contact}");
    }
    let phone: String = item
        .phone
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if !phone.is_empty() {
        let _ = write!(out, " phone:{phone}");
    }
    let email = text(item.email.trim());
    if !email.is_empty() && !email.contains(' ') {
        let _ = write!(out, " email:{email}");
    }
    out.push('\n');
}

/// Free text on one line. Words todo.txt apps would read as projects, contexts or tags
/// (`+x`, `@x`, `due:x`) get the fullwidth sign instead (`＋x`, `＠x`, `due：x`): still
/// readable, no longer markup. todo.txt has no escape character.
fn text(s: &str) -> String {
    one_line(s)
        .split(' ')
        .map(|word| {
            if word.len() > 1 && word.starts_with('+') {
                format!("＋{}", &word[1..])
            } else if word.len() > 1 && word.starts_with('@') {
                format!("＠{}", &word[1..])
            } else if let Some((key, value)) = word.split_once(':')
                && key.starts_with(char::is_alphabetic)
                && key.chars().all(char::is_alphanumeric)
                && !value.is_empty()
                && !value.starts_with('/')
            {
                format!("{key}：{value}")
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The customer as one word of letters, digits and `-_.&`: "Acme B.V." is `+AcmeB.V.`,
/// and nothing in it reads as a context or a `key:value` tag. A name with nothing left is
/// `+customer-12`.
fn project(name: &str, id: i64) -> String {
    let word: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '&'))
        .collect();
    if word.is_empty() {
        format!("customer-{id}")
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_add_projects_contexts_or_tags() {
        assert_eq!(
            text("move +3d and mail @home re due:tomorrow"),
            "move ＋3d and mail ＠home re due：tomorrow"
        );
        assert_eq!(
            text("a + b @ c, 10:30 http://x.nl"),
            "a + b @ c, 10:30 http://x.nl"
        );
    }

    #[test]
    fn projects_are_one_word() {
        assert_eq!(project("Acme BV", 1), "AcmeBV");
        assert_eq!(project("De Vries & Co. (NL): due:x", 2), "DeVries&Co.NLduex");
        assert_eq!(project(" + ", 7), "customer-7");
    }
}
