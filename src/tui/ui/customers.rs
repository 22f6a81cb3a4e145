//! The customers table: one window of the book, oldest contact first by default. Drawn
//! from the `CustomersView` alone: it cannot reach the book or the config.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, StatefulWidget, Table, TableState, Widget};

use super::super::customers::CustomersView;
use crate::domain::customer::Freshness;
use crate::domain::text::sanitize;
use crate::human::{ago, short_day};
use crate::store::CustomerRow;

/// From this many columns on, the table also shows each customer's next decision moment.
const WIDE: u16 = 100;

/// The header and the column widths.
fn columns(moments: bool) -> (Vec<Cell<'static>>, Vec<Constraint>) {
    let mut header = vec![
        Cell::from("Name"),
        Cell::from("Company"),
        Cell::from("Last contact"),
        Cell::from("Follow-up"),
    ];
    let mut widths = vec![
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Length(12),
        Constraint::Length(11),
    ];
    if moments {
        header.push(Cell::from("Moment"));
        widths.push(Constraint::Length(11));
    }
    header.extend([
        Cell::from(Line::from("Value").right_aligned()),
        Cell::from("Tags"),
    ]);
    widths.extend([Constraint::Length(10), Constraint::Fill(2)]);
    (header, widths)
}

/// One customer's row: staleness, a due follow-up and a decision moment to prepare for
/// stand out.
fn row<'a>(r: &'a CustomerRow, view: &CustomersView, moments: bool) -> Row<'a> {
    let theme = &view.look.theme;
    let now = view.look.now.utc;
    let c = &r.customer;
    let last = c
        .last_contact_at
        .map_or_else(|| "never".to_string(), |at| ago(at, view.look.now));
    // A paused customer's silence does not count: the column says until when.
    let (last, style) = match c.paused_on(view.look.now.today()) {
        Some(p) => (format!("until {}", p.until.format("%-d %b")), theme.dim),
        None => (last, theme.freshness(Freshness::of(c.staleness(now)))),
    };
    let mut cells = vec![
        Cell::from(sanitize(&c.name).into_owned()),
        Cell::from(sanitize(&c.company).into_owned()),
        Cell::from(Span::styled(last, style)),
        day_cell(r.next_follow_up, 0, view),
    ];
    if moments {
        cells.push(day_cell(view.next_moment(c.id), view.preparation_days, view));
    }
    cells.extend([
        Cell::from(if c.summary.value.0 == 0 {
            Line::styled("-", theme.dim).right_aligned()
        } else {
            Line::from(c.summary.value.whole()).right_aligned()
        }),
        Cell::from(Span::styled(
            sanitize(&c.tags.to_string()).into_owned(),
            theme.dim,
        )),
    ]);
    Row::new(cells)
}

/// A day in a table cell: past ones loud, those within `soon` days highlighted, none a
/// dim dash.
fn day_cell(d: Option<NaiveDate>, soon: i64, view: &CustomersView) -> Cell<'static> {
    let (theme, today) = (&view.look.theme, view.look.now.today());
    match d {
        Some(d) if d < today => Cell::from(Span::styled(short_day(d, today), theme.overdue)),
        Some(d) if (d - today).num_days() <= soon => {
            Cell::from(Span::styled(short_day(d, today), theme.today))
        }
        Some(d) => Cell::from(short_day(d, today)),
        None => Cell::from(Span::styled("-", theme.dim)),
    }
}

/// How many customers are shown, and in what order.
fn title(view: &CustomersView) -> String {
    match &view.filter {
        Some(f) => format!(
            " Customers{} · {} of {} match · {} ",
            if f.in_archive() { " · archived" } else { "" },
            f.count(),
            f.total(),
            if f.has_words() {
                "best match first"
            } else {
                "by last contact"
            }
        ),
        None => format!(" Customers · {} · by {} ", view.total, view.sort.name()),
    }
}

impl Widget for &CustomersView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let view = self;
        let theme = &view.look.theme;
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(title(view), theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let [filter_area, table_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);

        let filter_line = match &view.filter {
            Some(f) if !view.typing => Line::from(vec![
                Span::styled(" / ", theme.key),
                Span::styled(sanitize(&f.query).into_owned(), theme.input),
            ]),
            Some(_) => {
                // Typing: the input itself, with its cursor where the edits go.
                let [slash, input] =
                    Layout::horizontal([Constraint::Length(3), Constraint::Min(1)]).areas(filter_area);
                Span::styled(" / ", theme.key).render(slash, buf);
                view.input.render(input, buf);
                Line::default()
            }
            None => Line::styled(
                " / to filter by name, company, email, #tag or #archived",
                theme.dim,
            ),
        };
        filter_line.render(filter_area, buf);

        // The next decision moment needs room.
        let moments = table_area.width >= WIDE;
        let rows = view.rows.iter().map(|r| row(r, view, moments));
        let (header, widths) = columns(moments);
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.header))
            .column_spacing(1)
            .row_highlight_style(theme.selected);
        let selected = view.selected.checked_sub(view.top);
        let mut state = TableState::default().with_selected(selected);
        StatefulWidget::render(table, table_area, buf, &mut state);
        if view.rows.is_empty() {
            let msg = if view
                .filter
                .as_ref()
                .is_some_and(|f| f.in_archive() && f.total() == 0)
            {
                "  Nobody is archived: A puts the selected customer away."
            } else if view.filter.is_some() {
                "  No customer matches."
            } else {
                "  No customers yet: press a to add one."
            };
            if let Some(area) = table_area.rows().nth(1) {
                Line::styled(msg, theme.dim).render(area, buf);
            }
        }
    }
}
