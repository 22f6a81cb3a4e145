//! The Customer screen: the customer's card — who they are, their people (in `people`),
//! how the relationship stands, their buying process, what needs attention and why (in
//! `relationship`), what we promised, and what happened. Drawn from the `CustomerView` alone: it cannot reach the
//! book or the config.

mod people;
mod relationship;

use super::wrap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::super::action::CardList;
use super::super::customer::CustomerView;
use super::super::theme::Theme;
use crate::domain::customer::Freshness;
use crate::domain::text::sanitize;
use crate::domain::whom;
use crate::human::{ago, day, local_time};

/// From this width the card puts the relationship beside the follow-ups and timeline.
const WIDE: u16 = 110;

/// The Customer screen before a customer is opened.
pub fn none_open(theme: &Theme) -> Paragraph<'static> {
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(" Customer ", theme.title));
    Paragraph::new(vec![
        Line::from(""),
        Line::from("  No customer open: pick one on the Agenda (1) or in Customers (2) and press Enter."),
    ])
    .block(block)
    .wrap(Wrap { trim: false })
}

impl Widget for &CustomerView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let card = self;
        let today = card.look.now.today();
        let notes = notes_lines(card, area);
        let people = people::lines(card, area);
        let [head, rest] = Layout::vertical([
            Constraint::Length(5 + (notes.len() + people.len()) as u16),
            Constraint::Min(4),
        ])
        .areas(area);
        render_head(card, &notes, people, head, buf);
        if area.width >= WIDE {
            // Two cells between the panes, so a long row on the left never runs into the right.
            let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
                .spacing(2)
                .areas(rest);
            let [process, attention] = Layout::vertical([
                Constraint::Length(relationship::process_height(card, today)),
                Constraint::Min(2),
            ])
            .areas(right);
            relationship::process(card).render(process, buf);
            relationship::attention(card, attention.width, true).render(attention, buf);
            render_promises_and_timeline(card, left, buf);
        } else {
            let [process, attention, promises] = Layout::vertical([
                Constraint::Length(relationship::process_height(card, today)),
                Constraint::Length(relationship::attention_height(card)),
                Constraint::Min(3),
            ])
            .areas(rest);
            relationship::process(card).render(process, buf);
            relationship::attention(card, attention.width, false).render(attention, buf);
            render_promises_and_timeline(card, promises, buf);
        }
    }
}

/// The customer's notes as the head shows them: wrapped after their label, their own
/// lines kept, at most two lines on a small screen (four from 34 rows), the last cut with
/// "…" when there is more (`e` shows them all in the form).
fn notes_lines(card: &CustomerView, area: Rect) -> Vec<String> {
    let max = if area.height >= 34 { 4 } else { 2 };
    let width = usize::from(area.width).saturating_sub(NOTES_LABEL.len());
    wrap::cut(wrap::wrap(&card.customer.notes, width), max, width)
}

/// What the notes' first line starts with; the lines after it are indented as far.
const NOTES_LABEL: &str = "notes: ";

fn render_head(
    card: &CustomerView,
    notes: &[String],
    people: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = &card.look.theme;
    let c = &card.customer;
    let s = &c.summary;
    let now = card.look.now.utc;
    let who = match c.company_apart() {
        None => sanitize(&c.name).into_owned(),
        Some(company) => format!("{} — {}", sanitize(&c.name), sanitize(company)),
    };
    // First, so that a long name cannot push it off a narrow screen.
    let title = if c.archived {
        format!(" Archived · {who} (A brings back) ")
    } else {
        format!(" {who} ")
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title));
    // The e-mail and phone are the main contact's: named first where the account is not.
    let main = card
        .people
        .iter()
        .find(|p| p.main && p.name != c.name)
        .map(|p| &p.name);
    let mut contact: Vec<String> = main
        .into_iter()
        .chain([&c.email, &c.phone])
        .filter(|v| !v.is_empty())
        .map(|v| sanitize(v).into_owned())
        .collect();
    if !card.also_known_as.is_empty() {
        let names: Vec<_> = card.also_known_as.iter().map(|n| sanitize(n)).collect();
        contact.push(format!("also known as {}", names.join(", ")));
    }
    // A paused customer's silence does not count, so it is not shown as overdue.
    let fresh = match c.paused_on(card.look.now.today()) {
        Some(_) => Freshness::Ok,
        None => Freshness::of(c.staleness(now)),
    };
    let last = c.last_contact_at.map_or_else(
        || "no contact yet".to_string(),
        |at| format!("last contact {}", ago(at, card.look.now)),
    );
    let mut standing = vec![Span::raw(format!("{} {} lifetime", card.currency, s.value))];
    if let Some(on) = s.last_order_on {
        standing.push(Span::styled(
            format!(" · last order {}", day(on, card.look.now.today())),
            theme.dim,
        ));
    }
    standing.push(Span::raw(" · "));
    standing.push(match s.satisfaction_words() {
        Some(words) if s.satisfaction == Some(5) => Span::styled(words, theme.ok),
        Some(words) if s.satisfaction < s.prev_satisfaction => Span::styled(words, theme.due_soon),
        Some(words) => Span::raw(words),
        None => Span::styled("no satisfaction recorded", theme.dim),
    });
    let mut lines = vec![
        Line::from(if contact.is_empty() {
            "no email or phone yet (e to edit)".to_string()
        } else {
            contact.join(" · ")
        }),
        Line::from(vec![
            Span::raw(format!("in touch every {} · ", c.cadence)),
            Span::styled(last, theme.freshness(fresh)),
            Span::styled(format!("  {}", sanitize(&c.tags.to_string())), theme.dim),
        ]),
        Line::from(standing),
        relationship::balance_line(card, theme),
    ];
    lines.extend(people);
    for (i, note) in notes.iter().enumerate() {
        let label = if i == 0 { NOTES_LABEL } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<width$}", width = NOTES_LABEL.len()), theme.dim),
            Span::raw(note.clone()),
        ]));
    }
    let width = usize::from(area.width);
    let lines: Vec<Line<'_>> = lines.into_iter().map(|l| wrap::fit(l, width)).collect();
    Paragraph::new(lines).block(block).render(area, buf);
}

/// A list's title: marked (▸, reversed) while it has the selected row.
fn list_title(card: &CustomerView, list: CardList, theme: &Theme) -> Span<'static> {
    if card.focus == Some(list) {
        Span::styled(format!(" ▸ {} ", list.title()), theme.selected)
    } else {
        Span::styled(format!(" {} ", list.title()), theme.header)
    }
}

/// `items` as a list under `block`, its selected row marked while `list` has the focus;
/// the window follows the selection from where it was last drawn, and says where it
/// ended up (the card's `page` is as long). Each row is cut to the width with "…" where it
/// is longer.
fn render_list<'a>(
    card: &CustomerView,
    list: CardList,
    items: impl IntoIterator<Item = Line<'a>>,
    block: Block<'a>,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = &card.look.theme;
    let width = usize::from(area.width);
    let items = items
        .into_iter()
        .map(|line| ListItem::new(wrap::fit(line, width)));
    let widget = List::new(items).block(block).highlight_style(theme.selected);
    let marked = card.marked(list);
    let top = if marked.is_some() {
        card.window_top(list)
    } else {
        0
    };
    let mut state = ListState::default().with_selected(marked).with_offset(top);
    StatefulWidget::render(widget, area, buf, &mut state);
    if marked.is_some() {
        card.drawn(list, state.offset(), list_rows(area));
    }
}

/// How many rows a list under a one-line title shows in `area`.
fn list_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(1))
}

/// Where the timeline is, at the right of its title: "31 of 120" while a contact is
/// selected, "120 contacts · more below" while more than fit are not in sight.
fn timeline_place(card: &CustomerView, area: Rect) -> Option<String> {
    let total = card.timeline_total;
    match card.marked(CardList::Timeline) {
        Some(row) => Some(format!(" {} of {total} ", row + 1)),
        None if total > list_rows(area) => Some(format!(" {total} contacts · more below ")),
        None => None,
    }
}

/// The first column of row `i` of `list`: a mark on the selected row while the list has
/// the focus (besides its reversed look, so that it shows without colour or reverse video).
fn lead(card: &CustomerView, list: CardList, i: usize) -> &'static str {
    if card.marked(list) == Some(i) { "▸" } else { " " }
}

/// The lists under the follow-ups share one place; its title names them all, the one
/// shown marked. The timeline shows unless another of them has the focus.
const LOWER: [CardList; 4] = [
    CardList::Timeline,
    CardList::Triggers,
    CardList::Entries,
    CardList::Orders,
];

fn render_promises_and_timeline(card: &CustomerView, area: Rect, buf: &mut Buffer) {
    let theme = &card.look.theme;
    let today = card.look.now.today();
    let rows = (card.follow_ups.len().max(1) as u16 + 1).min(area.height.saturating_sub(2).clamp(2, 6));
    let [follow_ups_area, lower_area] =
        Layout::vertical([Constraint::Length(rows), Constraint::Min(1)]).areas(area);

    let block = Block::new()
        .borders(Borders::TOP)
        .title(list_title(card, CardList::FollowUps, theme));
    if card.follow_ups.is_empty() {
        Paragraph::new(Line::styled(" none · f adds one", theme.dim))
            .block(block)
            .render(follow_ups_area, buf);
    } else {
        let items = card.follow_ups.iter().enumerate().map(|(n, f)| {
            let style = match f.due.cmp(&today) {
                std::cmp::Ordering::Less => theme.overdue,
                std::cmp::Ordering::Equal => theme.today,
                std::cmp::Ordering::Greater => theme.base,
            };
            Line::from(vec![
                Span::styled(
                    format!("{}{:<11}", lead(card, CardList::FollowUps, n), day(f.due, today)),
                    style,
                ),
                Span::raw(sanitize(&f.text).into_owned()),
            ])
        });
        render_list(card, CardList::FollowUps, items, block, follow_ups_area, buf);
    }
    render_lower(card, lower_area, buf);
}

/// The lower lists' titles, `shown` marked, and where the timeline's selection is.
fn lower_block(card: &CustomerView, shown: CardList, lower_area: Rect) -> Block<'static> {
    let theme = &card.look.theme;
    let mut title = Vec::new();
    for (i, list) in LOWER.into_iter().enumerate() {
        if i > 0 {
            title.push(Span::styled("·", theme.dim));
        }
        title.push(if list == shown {
            list_title(card, list, theme)
        } else {
            Span::styled(format!(" {} ", list.title()), theme.dim)
        });
    }
    let mut block = Block::new().borders(Borders::TOP).title(Line::from(title));
    if shown == CardList::Timeline
        && let Some(place) = timeline_place(card, lower_area)
    {
        block = block.title_top(Line::styled(place, theme.dim).right_aligned());
    }
    block
}

/// The timeline, or the triggers, gives/asks or orders while one of them has the focus.
fn render_lower(card: &CustomerView, lower_area: Rect, buf: &mut Buffer) {
    let theme = &card.look.theme;
    let today = card.look.now.today();
    let shown = card
        .focus
        .filter(|l| LOWER.contains(l))
        .unwrap_or(CardList::Timeline);
    let block = lower_block(card, shown, lower_area);
    let empty = |hint: &'static str, buf: &mut Buffer| {
        Paragraph::new(Line::styled(hint, theme.dim))
            .block(block.clone())
            .render(lower_area, buf);
    };
    let on = |at| day(card.look.now.day(at), today);
    match shown {
        CardList::Triggers if card.triggers.is_empty() => empty(" no triggers · t notes one", buf),
        CardList::Triggers => {
            let items = card.triggers.iter().enumerate().map(|(n, t)| {
                let state = match t.resolved_at {
                    Some(at) if !t.resolution_note.is_empty() => Span::styled(
                        format!(" · resolved {}: {}", on(at), sanitize(&t.resolution_note)),
                        theme.dim,
                    ),
                    Some(at) => Span::styled(format!(" · resolved {}", on(at)), theme.dim),
                    None => Span::styled(" · open", theme.due_soon),
                };
                Line::from(vec![
                    Span::styled(
                        format!("{}{:<11}", lead(card, shown, n), on(t.opened_at)),
                        theme.dim,
                    ),
                    Span::styled(format!("{:<12}", t.kind.to_string()), theme.key),
                    Span::raw(sanitize(&t.note).into_owned()),
                    state,
                ])
            });
            render_list(card, shown, items, block, lower_area, buf);
        }
        CardList::Entries if card.entries.is_empty() => empty(" no gives or asks · b records one", buf),
        CardList::Entries => {
            let items = card.entries.iter().enumerate().map(|(n, e)| {
                Line::from(vec![
                    Span::styled(format!("{}{:<11}", lead(card, shown, n), on(e.at)), theme.dim),
                    Span::styled(format!("{:<5}", e.side.to_string()), theme.key),
                    Span::raw(sanitize(&e.note).into_owned()),
                ])
            });
            render_list(card, shown, items, block, lower_area, buf);
        }
        CardList::Orders if card.orders.is_empty() => empty(" no orders · $ records one", buf),
        CardList::Orders => {
            let items = card.orders.iter().enumerate().map(|(n, o)| {
                Line::from(vec![
                    Span::styled(
                        format!("{}{:<11}", lead(card, shown, n), day(o.ordered_on, today)),
                        theme.dim,
                    ),
                    Span::raw(format!(
                        "{} {:>12}  ",
                        sanitize(&o.currency),
                        o.amount.to_string()
                    )),
                    Span::raw(sanitize(&o.note).into_owned()),
                ])
            });
            render_list(card, shown, items, block, lower_area, buf);
        }
        _ if card.timeline.is_empty() => empty(" nothing logged yet · l logs a contact", buf),
        _ => {
            let items = card.timeline.iter().enumerate().map(|(n, i)| {
                let sat = i.satisfaction.map(|s| format!(" ={s}")).unwrap_or_default();
                let with = whom::other_than_main(&card.people, i.person_id)
                    .map(|p| format!("with {} · ", sanitize(whom::short_name(&card.people, p))))
                    .unwrap_or_default();
                Line::from(vec![
                    Span::styled(
                        format!(
                            "{}{:<17}",
                            lead(card, CardList::Timeline, n),
                            local_time(i.at, card.look.now)
                        ),
                        theme.dim,
                    ),
                    Span::styled(format!("{:<10}", i.kind.as_str()), theme.key),
                    Span::styled(with, theme.dim),
                    Span::raw(sanitize(&i.note).into_owned()),
                    Span::styled(sat, theme.ok),
                ])
            });
            render_list(card, CardList::Timeline, items, block, lower_area, buf);
        }
    }
}
