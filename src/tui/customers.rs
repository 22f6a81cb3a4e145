//! The customers screen's state: one window of the book (only the visible rows are ever
//! queried), the selection, the sort and the filter. It reads the book; drawing it
//! (ui/customers.rs) needs nothing but this.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::filter::Filter;
use super::preload::Preload;
use super::theme::Look;
use crate::app::customers::Sort;
use crate::config::Config;
use crate::store::{Book, CustomerRow, SortKey};

pub struct CustomersView {
    pub sort: Sort,
    /// Customer ids by urgency, when sorted so (urgency is computed, not indexed).
    ranked: Option<Vec<i64>>,
    pub total: usize,
    /// Absolute index of the selected row, in the book or in the filter's matches.
    pub selected: usize,
    /// Absolute index of the first visible row.
    pub top: usize,
    /// The visible rows, from `top`.
    pub rows: Vec<CustomerRow>,
    /// The day of the next decision moment of the visible customers that have one.
    pub next_moments: Vec<(i64, NaiveDate)>,
    pub height: usize,
    pub filter: Option<Filter>,
    /// The filter's words as typed, with the cursor: edited as a prompt is.
    pub input: TextArea<'static>,
    /// Keys go to the filter while this is on.
    pub typing: bool,
    pub look: Look,
    /// Decision moments this many days ahead are highlighted: the preparation window.
    pub preparation_days: i64,
}

impl CustomersView {
    pub fn load(
        store: &dyn Book,
        height: usize,
        look: Look,
        config: &Config,
    ) -> anyhow::Result<CustomersView> {
        let mut view = CustomersView {
            sort: Sort::LastContact,
            ranked: None,
            total: store.count_customers()?,
            selected: 0,
            top: 0,
            rows: Vec::new(),
            next_moments: Vec::new(),
            height: height.max(1),
            filter: None,
            input: filter_input(look),
            typing: false,
            look,
            preparation_days: config.nudge.preparation_days,
        };
        view.load_window(store)?;
        Ok(view)
    }

    /// How many rows there are to move through.
    pub fn count(&self) -> usize {
        self.filter.as_ref().map_or(self.total, Filter::count)
    }

    pub(crate) fn selected_row(&self) -> Option<&CustomerRow> {
        self.rows.get(self.selected.checked_sub(self.top)?)
    }

    /// Moves the selection, scrolling (and querying) only when it leaves the window.
    pub fn select(&mut self, store: &dyn Book, index: usize) -> anyhow::Result<()> {
        let last = self.count().saturating_sub(1);
        self.selected = index.min(last);
        let top = if self.selected < self.top {
            self.selected
        } else if self.selected >= self.top + self.height {
            self.selected + 1 - self.height
        } else {
            self.top
        };
        if top != self.top || self.rows.is_empty() {
            let one_row = top.abs_diff(self.top) == 1;
            let forward = top > self.top;
            self.top = top;
            if !(one_row && self.scroll_one(store, forward)?) {
                self.load_window(store)?;
            }
        }
        Ok(())
    }

    /// Scrolls the whole book's window by one row, reading only the row that comes into
    /// view, by its neighbour's key: a page deep in a large book costs a walk of the index
    /// from the start, a neighbour one seek. `false` when this is not such a window.
    fn scroll_one(&mut self, store: &dyn Book, forward: bool) -> anyhow::Result<bool> {
        if self.filter.is_some() || self.ranked.is_some() || self.rows.len() != self.height {
            return Ok(false);
        }
        let edge = if forward {
            self.rows.last()
        } else {
            self.rows.first()
        };
        let Some(edge) = edge else {
            return Ok(false);
        };
        let Some(row) = store.neighbour(self.sort.key(), &edge.customer, forward)? else {
            return Ok(false);
        };
        let id = row.customer.id;
        if forward {
            self.rows.remove(0);
            self.rows.push(row);
        } else {
            self.rows.pop();
            self.rows.insert(0, row);
        }
        let visible: Vec<i64> = self.rows.iter().map(|r| r.customer.id).collect();
        self.next_moments.retain(|(id, _)| visible.contains(id));
        self.next_moments.extend(store.next_moments(&[id])?);
        Ok(true)
    }

    pub(crate) fn resize(&mut self, store: &dyn Book, height: usize) -> anyhow::Result<()> {
        let height = height.max(1);
        if height != self.height {
            self.height = height;
            self.top = self.top.min(self.selected);
            if self.selected >= self.top + height {
                self.top = self.selected + 1 - height;
            }
            self.load_window(store)?;
        }
        Ok(())
    }

    /// Re-reads the visible rows (after a change, a new sort or a new filter).
    pub fn load_window(&mut self, store: &dyn Book) -> anyhow::Result<()> {
        let window = self.top..self.top + self.height;
        self.rows = match (&self.filter, &self.ranked, self.sort) {
            (Some(f), _, _) => store.customer_rows(&f.ids(window))?,
            (None, Some(ids), _) => {
                let end = window.end.min(ids.len());
                store.customer_rows(&ids[window.start.min(end)..end])?
            }
            (None, None, sort) => self.page(store, sort.key())?,
        };
        let ids: Vec<i64> = self.rows.iter().map(|r| r.customer.id).collect();
        self.next_moments = store.next_moments(&ids)?;
        Ok(())
    }

    /// The day of `customer_id`'s next decision moment, if they are visible and have one.
    pub(crate) fn next_moment(&self, customer_id: i64) -> Option<NaiveDate> {
        self.next_moments
            .iter()
            .find(|(id, _)| *id == customer_id)
            .map(|&(_, day)| day)
    }

    /// The visible page of the whole book, read from whichever end of the index is nearer.
    fn page(&self, store: &dyn Book, sort: SortKey) -> anyhow::Result<Vec<CustomerRow>> {
        let end = (self.top + self.height).min(self.total);
        if self.top > self.total / 2 {
            store.list_customers_from_end(sort, self.total - end, end - self.top)
        } else {
            store.list_customers(sort, self.top, self.height)
        }
    }

    pub(crate) fn reload(&mut self, store: &dyn Book) -> anyhow::Result<()> {
        self.total = store.count_customers()?;
        self.select(store, self.selected)?;
        self.load_window(store)
    }

    /// The next sort. Urgency needs every nudge scored once, then pages from memory.
    pub fn cycle_sort(
        &mut self,
        store: &dyn Book,
        urgency: impl FnOnce() -> anyhow::Result<Vec<i64>>,
    ) -> anyhow::Result<()> {
        self.sort = self.sort.next();
        self.ranked = if self.sort == Sort::Urgency {
            Some(urgency()?)
        } else {
            None
        };
        self.top = 0;
        self.selected = 0;
        self.load_window(store)
    }

    /// Ranks the book by urgency again, when sorted so: a change can make anybody more or
    /// less urgent. The selection keeps its place.
    pub(crate) fn rerank(
        &mut self,
        urgency: impl FnOnce() -> anyhow::Result<Vec<i64>>,
    ) -> anyhow::Result<()> {
        if self.sort == Sort::Urgency {
            self.ranked = Some(urgency()?);
        }
        Ok(())
    }

    /// Opens the filter, with the preloaded index when there is one.
    pub(crate) fn start_filter(
        &mut self,
        store: &dyn Book,
        preload: &mut Preload<Filter>,
    ) -> anyhow::Result<()> {
        if self.filter.is_none() {
            self.filter = Some(match preload.take() {
                Some(filter) => filter,
                None => Filter::of_book(store)?,
            });
        }
        self.typing = true;
        Ok(())
    }

    pub(crate) fn edit_filter(
        &mut self,
        store: &dyn Book,
        edit: impl FnOnce(&mut Filter),
    ) -> anyhow::Result<()> {
        if let Some(f) = &mut self.filter {
            edit(f);
        }
        self.top = 0;
        self.selected = 0;
        self.load_window(store)
    }

    /// The filter matches what its input holds now.
    pub(crate) fn filter_typed(&mut self, store: &dyn Book) -> anyhow::Result<()> {
        let query = self.input.lines().join(" ");
        self.edit_filter(store, |f| f.set_query(&query))
    }

    pub(crate) fn clear_filter(&mut self, store: &dyn Book) -> anyhow::Result<()> {
        self.filter = None;
        self.input = filter_input(self.look);
        self.typing = false;
        self.top = 0;
        self.selected = 0;
        self.load_window(store)
    }
}

fn filter_input(look: Look) -> TextArea<'static> {
    let mut input = TextArea::default();
    input.set_cursor_line_style(look.theme.input);
    input
}
