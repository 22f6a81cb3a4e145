//! The relationship on the Customer screen's card: the give/take gauge, the buying process
//! as a strip of decision moments, and what needs attention (urgency terms, open
//! triggers). Built from the `CustomerView` alone: it cannot reach the book or the config.

use chrono::NaiveDate;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::super::wrap;

use crate::domain::moment::{MomentStatus, people_phrase};
use crate::domain::nudge;
use crate::domain::text::sanitize;
use crate::human::{ago, day};
use crate::tui::action::CardList;
use crate::tui::customer::CustomerView;
use crate::tui::theme::Theme;

/// Cells in the give/take gauge.
const GAUGE: usize = 11;

/// "asks ──────●──── gives · gave 2 · asked 3 · urgency 26.4".
pub fn balance_line<'a>(card: &CustomerView, theme: &Theme) -> Line<'a> {
    let b = card.customer.summary.balance;
    #[allow(clippy::cast_precision_loss)]
    let at = (f64::midpoint(b.tilt(), 1.0) * (GAUGE - 1) as f64).round() as usize;
    let gauge: String = (0..GAUGE).map(|i| if i == at { '●' } else { '─' }).collect();
    let lean = match b.asks.cmp(&b.gives) {
        std::cmp::Ordering::Greater => theme.due_soon,
        std::cmp::Ordering::Less => theme.ok,
        std::cmp::Ordering::Equal => theme.dim,
    };
    Line::from(vec![
        Span::styled("asks ", theme.dim),
        Span::styled(gauge, lean),
        Span::styled(" gives", theme.dim),
        Span::raw(format!(" · gave {} · asked {}", b.gives, b.asks)),
        Span::styled(
            format!(" · urgency {:.1}", nudge::urgency(&card.why)),
            theme.title,
        ),
    ])
}

/// Title, the strip, and the shown moment's people, concerns, steps, response and how it
/// went, a line each.
pub fn process_height(card: &CustomerView, today: NaiveDate) -> u16 {
    let details = shown_moment(card, today).map_or(0, |i| {
        let m = &card.moments[i];
        [&m.concerns, &m.steps, &m.response, &m.outcome_note]
            .iter()
            .filter(|t| !t.is_empty())
            .count()
            + usize::from(!m.people.is_empty())
    });
    2 + details as u16
}

/// The first upcoming moment from today on.
fn next_moment(card: &CustomerView, today: NaiveDate) -> Option<usize> {
    card.moments
        .iter()
        .position(|m| m.status == MomentStatus::Upcoming && m.expected >= today)
}

/// The moment whose details show: the selected one while the strip has the focus, else
/// the next.
fn shown_moment(card: &CustomerView, today: NaiveDate) -> Option<usize> {
    card.marked(CardList::Moments)
        .filter(|i| *i < card.moments.len())
        .or_else(|| next_moment(card, today))
}

/// The buying process: the strip, then what the shown moment is about. With the focus,
/// the selected moment is marked and the strip starts just before it, so that it is on
/// screen however long the strip is.
pub fn process(card: &CustomerView) -> Paragraph<'static> {
    let theme = &card.look.theme;
    let today = card.look.now.today();
    let title = if card.focus == Some(CardList::Moments) {
        Span::styled(format!(" ▸ {} ", CardList::Moments.title()), theme.selected)
    } else {
        Span::styled(format!(" {} ", CardList::Moments.title()), theme.header)
    };
    let block = Block::new().borders(Borders::TOP).title(title);
    let marked = card.marked(CardList::Moments);
    if card.moments.is_empty() {
        let hint = Line::styled(" no decision moments yet · m plans one", theme.dim);
        return Paragraph::new(hint).block(block);
    }
    let next = next_moment(card, today);
    let first = marked.map_or(0, |i| i.saturating_sub(1));
    let mut strip = vec![Span::raw(if first > 0 { " … → " } else { " " })];
    for (i, m) in card.moments.iter().enumerate().skip(first) {
        if i > first {
            strip.push(Span::styled(" → ", theme.dim));
        }
        let mark = match m.status {
            MomentStatus::Won => "✓ ",
            MomentStatus::Lost => "✗ ",
            MomentStatus::Passed => "· ",
            MomentStatus::Upcoming if Some(i) == next => "▶ ",
            MomentStatus::Upcoming => "",
        };
        let style = if Some(i) == marked {
            theme.selected
        } else if Some(i) == next {
            theme.today
        } else if m.status != MomentStatus::Upcoming || m.expected < today {
            theme.dim
        } else {
            theme.base
        };
        let lead = if Some(i) == marked { "▸" } else { "" };
        strip.push(Span::styled(
            format!("{lead}{mark}{} {}", day(m.expected, today), sanitize(&m.title)),
            style,
        ));
    }
    let mut lines = vec![Line::from(strip)];
    if let Some(m) = shown_moment(card, today).map(|i| &card.moments[i]) {
        if !m.people.is_empty() {
            // "decides Thomas Kühne, signs Frau Albrecht, with Jan Smit"
            lines.push(Line::from(vec![
                Span::styled(" who: ", theme.dim),
                Span::raw(sanitize(&people_phrase(&m.people)).into_owned()),
            ]));
        }
        for (label, text) in [
            ("concerns", &m.concerns),
            ("their steps", &m.steps),
            ("our response", &m.response),
            ("how it went", &m.outcome_note),
        ] {
            if !text.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {label}: "), theme.dim),
                    Span::raw(sanitize(text).into_owned()),
                ]));
            }
        }
    }
    // One line each: the strip reads left to right and is cut at the edge, like a timeline.
    Paragraph::new(lines).block(block)
}

/// Title, up to three urgency terms and the open triggers, at least one line.
pub fn attention_height(card: &CustomerView) -> u16 {
    let open = card
        .triggers
        .iter()
        .filter(|t| t.resolved_at.is_none() && !spoken_for(card, t.id))
        .count();
    let parked =
        card.snoozed.len().min(2) + usize::from(card.customer.paused_on(card.look.now.today()).is_some());
    (1 + (card.why.len().min(3) + open.min(2) + parked).max(1)) as u16
}

/// Whether a nudge, or a snooze of one, speaks for open trigger `id`.
fn spoken_for(card: &CustomerView, id: i64) -> bool {
    card.why.iter().any(|n| n.trigger_id == Some(id))
        || card
            .snoozed
            .iter()
            .any(|s| s.kind.has_subject() && s.subject_id == id && is_trigger_kind(s.kind))
}

fn is_trigger_kind(kind: nudge::NudgeKind) -> bool {
    matches!(
        kind,
        nudge::NudgeKind::ComplaintOpen
            | nudge::NudgeKind::SituationUnanswered
            | nudge::NudgeKind::InfluenceUnanswered
    )
}

/// Why now: the urgency term by term, and open triggers no nudge speaks for yet, in
/// `width` cells. With `room` to spare (the wide card) a long reason wraps with its lines
/// indented under its own start; without, each item keeps one line, cut with "…".
pub fn attention(card: &CustomerView, width: u16, room: bool) -> Paragraph<'static> {
    let theme = &card.look.theme;
    let title = format!(" Why now · urgency {:.1} ", nudge::urgency(&card.why));
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.header));
    let width = usize::from(width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut item = |lead: Span<'static>, text: String, style: ratatui::style::Style| {
        let lead_width = lead.width();
        let text_width = width.saturating_sub(lead_width).max(8);
        let mut rows = wrap::wrap(&text, text_width);
        if !room {
            rows = wrap::cut(rows, 1, text_width);
        }
        let indent = " ".repeat(lead_width);
        let mut lead = Some(lead);
        for row in rows {
            let first = lead.take().unwrap_or_else(|| Span::raw(indent.clone()));
            lines.push(Line::from(vec![first, Span::styled(row, style)]));
        }
    };
    for n in &card.why {
        item(
            Span::styled(format!(" {:>5.1} ", n.score), theme.key),
            n.reason.clone(),
            ratatui::style::Style::default(),
        );
    }
    // Open triggers that no nudge speaks for yet (a fresh complaint, a competitor's offer).
    for t in card
        .triggers
        .iter()
        .filter(|t| t.resolved_at.is_none() && !spoken_for(card, t.id))
    {
        item(
            Span::styled(format!(" open {} trigger: ", t.kind), theme.due_soon),
            format!("{} (opened {})", t.note, ago(t.opened_at, card.look.now)),
            ratatui::style::Style::default(),
        );
    }
    // What the user parked: the pause, then the snoozed nudges, soonest to wake first.
    let today = card.look.now.today();
    let because = |reason: &str| {
        if reason.is_empty() {
            String::new()
        } else {
            format!(": {reason}")
        }
    };
    if let Some(p) = card.customer.paused_on(today) {
        item(
            Span::raw(" "),
            format!("paused until {}{}", day(p.until, today), because(&p.reason)),
            theme.dim,
        );
    }
    for s in &card.snoozed {
        item(
            Span::raw(" "),
            format!(
                "snoozed {} until {}{}",
                s.kind.short(),
                day(s.until, today),
                because(&s.reason)
            ),
            theme.dim,
        );
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            " nothing needs doing: within cadence, nothing open",
            theme.ok,
        ));
    }
    Paragraph::new(lines).block(block)
}
