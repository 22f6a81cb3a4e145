//! The card's people block: one line per person at the customer, `name · role · e-mail ·
//! phone · last 12 Nov` (their last contact), the main contact first and marked, who left dimmed with the day and where to.
//! Shown only when the customer has more than its main person: the head's contact line
//! already is that one. A small screen gets one line of names. Drawn from the `CustomerView` alone.

use ratatui::text::{Line, Span};

use super::super::super::customer::CustomerView;
use crate::app::customer::last_contact_with;
use crate::domain::text::sanitize;
use crate::human::short_date;

/// What the block's first line starts with; the lines after it are indented as far.
const LABEL: &str = "people: ";

/// From this many rows on screen each person gets a line of their own; below, one line
/// names them all (the head's contact line already holds the main contact's details).
const TALL: u16 = 34;

/// The block's lines for a screen of `rows` rows: one line of names on a small screen;
/// from `TALL` rows at most four people, the last line saying how many more there are.
pub fn lines(card: &CustomerView, rows: u16) -> Vec<Line<'static>> {
    if card.people.len() < 2 {
        return Vec::new();
    }
    let theme = &card.look.theme;
    if rows < TALL {
        let mut spans = vec![Span::styled(LABEL, theme.dim)];
        for (i, p) in card.people.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.dim));
            }
            let name = sanitize(&p.name).into_owned();
            match (&p.left, p.main) {
                (Some(_), _) => spans.push(Span::styled(format!("{name} (left)"), theme.dim)),
                (None, true) => {
                    spans.push(Span::raw(name));
                    spans.push(Span::styled(" (main)", theme.dim));
                }
                (None, false) => spans.push(Span::raw(name)),
            }
        }
        return vec![Line::from(spans)];
    }
    let max = 4;
    let cut = card.people.len() > max;
    let shown = if cut { max - 1 } else { max };
    let mut lines: Vec<Line<'static>> = card
        .people
        .iter()
        .take(shown)
        .enumerate()
        .map(|(i, p)| {
            let label = if i == 0 { LABEL } else { "" };
            let mut parts = vec![sanitize(&p.name).into_owned()];
            for extra in [p.role.as_str(), p.email(), p.phone()] {
                if !extra.is_empty() {
                    parts.push(sanitize(extra).into_owned());
                }
            }
            if let Some(at) = last_contact_with(&card.last_contacts, p) {
                parts.push(format!("last {}", short_date(at, card.look.now)));
            }
            let mut spans = vec![Span::styled(
                format!("{label:<width$}", width = LABEL.len()),
                theme.dim,
            )];
            match &p.left {
                Some(left) => {
                    let to = if left.to.is_empty() {
                        String::new()
                    } else {
                        format!(" → {}", sanitize(&left.to))
                    };
                    spans.push(Span::styled(
                        format!("{}  left {}{to}", parts.join(" · "), left.on),
                        theme.dim,
                    ));
                }
                None if p.main => {
                    spans.push(Span::raw(parts.join(" · ")));
                    spans.push(Span::styled("  main", theme.dim));
                }
                None => spans.push(Span::raw(parts.join(" · "))),
            }
            Line::from(spans)
        })
        .collect();
    if cut {
        lines.push(Line::from(Span::styled(
            format!(
                "{:<width$}+{} more",
                "",
                card.people.len() - shown,
                width = LABEL.len()
            ),
            theme.dim,
        )));
    }
    lines
}
