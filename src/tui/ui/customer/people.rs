//! The card's people block: one line per person at the customer, `name · role · e-mail ·
//! phone · last 12 Nov` (their last contact), the main contact first and marked, who left
//! dimmed with the day and where to. Shown only when the customer has more than its main
//! person: the head's contact line already is that one. A small screen gets one line of
//! names, until the block has the focus (`]`/`[` to People): then it is a list like the
//! card's others, a line per person, the selected one marked, at most four lines high and
//! scrolling with the selection. Drawn from the `CustomerView` alone.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::super::action::CardList;
use super::super::super::customer::CustomerView;
use crate::app::customer::last_contact_with;
use crate::domain::person::Person;
use crate::domain::text::sanitize;
use crate::human::short_date;

/// What the block's first line starts with; the lines after it are indented as far.
const LABEL: &str = "people: ";

/// From this many rows on screen each person gets a line of their own; below, one line
/// names them all (the head's contact line already holds the main contact's details).
const TALL: u16 = 34;

/// The most lines the block takes: with more people, the last says how many more.
const MAX: usize = 4;

/// The block's lines for a screen of `rows` rows: one line of names on a small screen
/// unless the block has the focus; else at most `MAX` lines of people, the last saying how
/// many more there are.
pub fn lines(card: &CustomerView, area: Rect) -> Vec<Line<'static>> {
    let rows = area.height;
    let width = usize::from(area.width);
    if card.len(CardList::People) == 0 {
        return Vec::new();
    }
    let marked = card.marked(CardList::People);
    if rows < TALL && marked.is_none() {
        return vec![names(card)];
    }
    let n = card.people.len();
    let shown = if n > MAX { MAX - 1 } else { n };
    // The window keeps the selection in sight, from where it was last drawn.
    let top = match marked {
        Some(row) => {
            let top = card.window_top(CardList::People).min(row);
            let top = top.max((row + 1).saturating_sub(shown));
            card.drawn(CardList::People, top, shown);
            top
        }
        None => 0,
    };
    let mut lines: Vec<Line<'static>> = card
        .people
        .iter()
        .enumerate()
        .skip(top)
        .take(shown)
        .map(|(i, p)| person_line(card, p, i == top, marked.map(|m| m == i), width))
        .collect();
    if n > shown {
        let more = match marked {
            Some(row) => format!("{} of {n} · j/k for the others", row + 1),
            None => format!("+{} more", n - shown),
        };
        lines.push(Line::from(Span::styled(
            format!("{:<width$}{more}", "", width = LABEL.len()),
            card.look.theme.dim,
        )));
    }
    lines
}

/// The small screen's one line: every name, the main contact and who left marked.
fn names(card: &CustomerView) -> Line<'static> {
    let theme = &card.look.theme;
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
    Line::from(spans)
}

/// One person's line: the label on the block's first line; while the block has the focus
/// (`selected` is `Some`) a mark column, and the selected line reversed. Where it is wider
/// than `width`, the last contact and then the role give way, so that the e-mail address
/// and the phone number (what `y` and `O` act on) stay in sight.
fn person_line(
    card: &CustomerView,
    p: &Person,
    first: bool,
    selected: Option<bool>,
    width: usize,
) -> Line<'static> {
    let theme = &card.look.theme;
    let label = if first { LABEL } else { "" };
    let last =
        last_contact_with(&card.last_contacts, p).map(|at| format!("last {}", short_date(at, card.look.now)));
    let state = match &p.left {
        Some(left) if left.to.is_empty() => format!("  left {}", left.on),
        Some(left) => format!("  left {} → {}", left.on, sanitize(&left.to)),
        None if p.main => "  main".to_string(),
        None => String::new(),
    };
    let room = width.saturating_sub(LABEL.len() + usize::from(selected.is_some()) + state.chars().count());
    let joined = |role: bool, last: Option<&String>| {
        let mut parts = vec![sanitize(&p.name).into_owned()];
        let role = if role { p.role.as_str() } else { "" };
        for extra in [role, p.email(), p.phone()] {
            if !extra.is_empty() {
                parts.push(sanitize(extra).into_owned());
            }
        }
        parts.extend(last.cloned());
        parts.join(" · ")
    };
    let fits = |text: &String| text.chars().count() <= room;
    let text = [
        joined(true, last.as_ref()),
        joined(false, last.as_ref()),
        joined(false, None),
    ]
    .into_iter()
    .find(fits)
    .unwrap_or_else(|| joined(false, None));
    // The label as a marked list's title is while it has the focus.
    let label_style = match selected {
        Some(_) if first => theme.selected,
        _ => theme.dim,
    };
    let mut spans = vec![Span::styled(
        format!("{label:<width$}", width = LABEL.len()),
        label_style,
    )];
    let on = selected == Some(true);
    let style = |s: Style| if on { theme.selected } else { s };
    if let Some(here) = selected {
        spans.push(Span::styled(if here { "▸" } else { " " }, style(theme.base)));
    }
    if p.left.is_some() {
        spans.push(Span::styled(format!("{text}{state}"), style(theme.dim)));
    } else {
        spans.push(Span::styled(text, style(theme.base)));
        spans.push(Span::styled(state, style(theme.dim)));
    }
    Line::from(spans)
}
