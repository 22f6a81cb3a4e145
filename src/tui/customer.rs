//! The Customer screen's state: one customer's card (`app::customer`), which of its lists
//! has a row selected (if any), the selected row of each and the window of it on screen,
//! and the look. The timeline is read a page at a time, the next one when the selection
//! reaches the end of what is loaded. It reads the book through the use case and the
//! store's pages; drawing it (ui/customer/) needs nothing but this.

use std::cell::Cell;

use chrono::{DateTime, Utc};

use super::action::CardList;
use super::theme::Look;
use crate::app::customer::CustomerCard;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::balance::BalanceEntry;
use crate::domain::moment::Moment;
use crate::domain::nudge::{Nudge, NudgeSnooze};
use crate::domain::person::Person;
use crate::domain::trigger::Trigger;
use crate::domain::{Customer, FollowUp};
use crate::store::{Book, Interaction, Order};

/// How much of the timeline the card loads at first, and then at a time.
const TIMELINE: usize = 50;

pub struct CustomerView {
    pub customer: Customer,
    pub follow_ups: Vec<FollowUp>,
    /// The newest contacts, as many as read so far.
    pub timeline: Vec<Interaction>,
    /// How many contacts the timeline holds in all.
    pub timeline_total: usize,
    /// The buying process, in date order.
    pub moments: Vec<Moment>,
    /// Open triggers first.
    pub triggers: Vec<Trigger>,
    /// The latest gives and asks, newest first.
    pub entries: Vec<BalanceEntry>,
    /// The latest orders, newest first.
    pub orders: Vec<Order>,
    /// The customer's urgency, term by term.
    pub why: Vec<Nudge>,
    /// The customer's nudges snoozed today, left out of `why`.
    pub snoozed: Vec<NudgeSnooze>,
    /// The names of the customers merged into this one.
    pub also_known_as: Vec<String>,
    /// The people at the customer, main first, who left last.
    pub people: Vec<Person>,
    /// When each person was last in touch, by person id (`CustomerCard::last_contacts`).
    pub last_contacts: Vec<(i64, DateTime<Utc>)>,
    /// The list with the selected row; with none, `e` edits the customer and `d`/`s` act
    /// on the first follow-up.
    pub focus: Option<CardList>,
    /// The selected row of each list, by `CardList::index`.
    rows: [usize; CardList::ALL.len()],
    /// Each list's window as last drawn: its first row on screen and how many rows it
    /// showed. Drawing moves it to keep the selected row in sight (the way a ratatui
    /// `ListState` keeps its offset), so it is the one thing a draw writes.
    windows: [Cell<(usize, usize)>; CardList::ALL.len()],
    /// What money is counted in.
    pub currency: String,
    pub look: Look,
}

/// The row selected on the card, borrowed from the view.
#[derive(Debug, Clone, Copy)]
pub enum Selected<'a> {
    FollowUp(&'a FollowUp),
    Moment(&'a Moment),
    Contact(&'a Interaction),
    Trigger(&'a Trigger),
    Entry(&'a BalanceEntry),
    Order(&'a Order),
    Person(&'a Person),
}

impl CustomerView {
    pub fn load(
        store: &dyn Book,
        customer_id: i64,
        look: Look,
        config: &Config,
    ) -> anyhow::Result<CustomerView> {
        let total = store.count_interactions(customer_id)?;
        let card = CustomerCard::load(store, customer_id, look.now, config, TIMELINE)?;
        Ok(CustomerView::of(card, total, look, config))
    }

    fn of(card: CustomerCard, total: usize, look: Look, config: &Config) -> CustomerView {
        CustomerView {
            customer: card.customer,
            follow_ups: card.follow_ups,
            timeline_total: total.max(card.timeline.len()),
            timeline: card.timeline,
            moments: card.moments,
            triggers: card.triggers,
            entries: card.entries,
            orders: card.orders,
            why: card.why.terms,
            snoozed: card.why.snoozed,
            also_known_as: card.also_known_as,
            people: card.people,
            last_contacts: card.last_contacts,
            focus: None,
            rows: [0; CardList::ALL.len()],
            windows: Default::default(),
            currency: config.money.currency.clone(),
            look,
        }
    }

    /// Re-reads everything; `None` when the customer is gone (an undone add). The selection
    /// stays on the same record where it still is in its list (an edit may move it, a row
    /// added above it elsewhere moves it down), else on the row that took its place, the
    /// nearest; its window moves with it. As much of the timeline is read again as was
    /// read, and as many more as were added since; a list left empty loses the focus.
    pub fn reload(
        &self,
        store: &dyn Book,
        now: Now,
        config: &Config,
    ) -> anyhow::Result<Option<CustomerView>> {
        let Some(customer) = store.customer(self.customer.id)? else {
            return Ok(None);
        };
        let look = Look { now, ..self.look };
        let total = store.count_interactions(customer.id)?;
        let added = total.saturating_sub(self.timeline_total);
        let read = self.timeline.len().max(TIMELINE) + added;
        let mut fresh = CustomerView::of(
            CustomerCard::of(store, customer, now, config, read)?,
            total,
            look,
            config,
        );
        for list in CardList::ALL {
            let row = self.row(list);
            let kept = self.id_at(list, row).and_then(|id| fresh.position(list, id));
            let new_row = kept.unwrap_or(row).min(fresh.len(list).saturating_sub(1));
            fresh.rows[list.index()] = new_row;
            let (top, shown) = self.windows[list.index()].get();
            let top = (top + new_row).saturating_sub(row);
            fresh.windows[list.index()].set((top, shown));
        }
        fresh.focus = self.focus.filter(|l| fresh.len(*l) > 0);
        Ok(Some(fresh))
    }

    /// How many rows `list` holds.
    pub fn len(&self, list: CardList) -> usize {
        match list {
            CardList::FollowUps => self.follow_ups.len(),
            CardList::Moments => self.moments.len(),
            CardList::Timeline => self.timeline.len(),
            CardList::Triggers => self.triggers.len(),
            CardList::Entries => self.entries.len(),
            CardList::Orders => self.orders.len(),
            // The main contact alone has no list: the head's contact line is them.
            CardList::People if self.people.len() < 2 => 0,
            CardList::People => self.people.len(),
        }
    }

    /// The selected row of `list` (whether or not it has the focus).
    pub fn row(&self, list: CardList) -> usize {
        self.rows[list.index()]
    }

    /// The selected row of `list` if `list` has the focus: what to mark on screen.
    pub fn marked(&self, list: CardList) -> Option<usize> {
        (self.focus == Some(list)).then(|| self.row(list))
    }

    fn id_at(&self, list: CardList, row: usize) -> Option<i64> {
        match list {
            CardList::FollowUps => self.follow_ups.get(row).map(|r| r.id),
            CardList::Moments => self.moments.get(row).map(|r| r.id),
            CardList::Timeline => self.timeline.get(row).map(|r| r.id),
            CardList::Triggers => self.triggers.get(row).map(|r| r.id),
            CardList::Entries => self.entries.get(row).map(|r| r.id),
            CardList::Orders => self.orders.get(row).map(|r| r.id),
            CardList::People => self.people.get(row).map(|r| r.id),
        }
    }

    fn position(&self, list: CardList, id: i64) -> Option<usize> {
        (0..self.len(list)).find(|&row| self.id_at(list, row) == Some(id))
    }

    /// The follow-up `d`/`s` act on: the selected one, or with no row selected the first.
    pub fn selected_follow_up(&self) -> Option<&FollowUp> {
        match self.focus {
            None => self.follow_ups.first(),
            Some(CardList::FollowUps) => self.follow_ups.get(self.row(CardList::FollowUps)),
            Some(_) => None,
        }
    }

    /// The selected row, if a list has the focus.
    pub fn selected(&self) -> Option<Selected<'_>> {
        let list = self.focus?;
        let row = self.row(list);
        Some(match list {
            CardList::FollowUps => Selected::FollowUp(self.follow_ups.get(row)?),
            CardList::Moments => Selected::Moment(self.moments.get(row)?),
            CardList::Timeline => Selected::Contact(self.timeline.get(row)?),
            CardList::Triggers => Selected::Trigger(self.triggers.get(row)?),
            CardList::Entries => Selected::Entry(self.entries.get(row)?),
            CardList::Orders => Selected::Order(self.orders.get(row)?),
            CardList::People => Selected::Person(self.people.get(row).filter(|_| self.len(list) > 0)?),
        })
    }

    /// The person selected in the people list, if it has the focus.
    pub fn selected_person(&self) -> Option<&Person> {
        match self.selected()? {
            Selected::Person(p) => Some(p),
            _ => None,
        }
    }

    /// `j`/`k`, the pages, Home and End: moves the selection in the focused list; with
    /// none, selects the first row of the first list that has one. On the timeline it
    /// reads on from the store until the row after the selected one is loaded (End: to
    /// the oldest contact), so the end of a page is never the end of the timeline.
    pub fn move_by(&mut self, store: &dyn Book, delta: i64) -> anyhow::Result<()> {
        let Some(list) = self.focus else {
            self.focus_next(true);
            return Ok(());
        };
        let row = self.row(list).saturating_add_signed(delta as isize);
        if list == CardList::Timeline {
            self.read_timeline_through(store, row.saturating_add(1))?;
        }
        self.rows[list.index()] = row.min(self.len(list).saturating_sub(1));
        Ok(())
    }

    /// Reads pages of the timeline until row `row` is loaded or the oldest contact is.
    fn read_timeline_through(&mut self, store: &dyn Book, row: usize) -> anyhow::Result<()> {
        while self.timeline.len() <= row && self.timeline.len() < self.timeline_total {
            let Some(last) = self.timeline.last() else {
                return Ok(());
            };
            let missing = self.timeline_total - self.timeline.len();
            let want = (row + 1 - self.timeline.len()).clamp(TIMELINE, missing.max(TIMELINE));
            let page = store.interactions_after(self.customer.id, last, want)?;
            if page.len() < want {
                // Fewer than counted: some went since the count.
                self.timeline_total = self.timeline.len() + page.len();
            }
            if page.is_empty() {
                return Ok(());
            }
            self.timeline.extend(page);
        }
        Ok(())
    }

    /// How many rows a page of the focused list is: as many as it showed when last drawn.
    pub fn page(&self) -> usize {
        self.focus
            .map_or(1, |list| self.windows[list.index()].get().1)
            .max(1)
    }

    /// The first row of `list` to draw while it has the focus.
    pub fn window_top(&self, list: CardList) -> usize {
        self.windows[list.index()].get().0
    }

    /// Drawing says where `list`'s window ended up and how many rows it showed.
    pub fn drawn(&self, list: CardList, top: usize, shown: usize) {
        self.windows[list.index()].set((top, shown));
    }

    /// `]` / `[`: the focus to the next (or previous) list that has rows, keeping the row
    /// selected there before; after the last list, to none.
    pub fn focus_next(&mut self, forward: bool) {
        // The stops in order: none, then each list.
        let stops: Vec<Option<CardList>> = std::iter::once(None)
            .chain(CardList::ALL.into_iter().map(Some))
            .collect();
        let here = stops.iter().position(|s| *s == self.focus).unwrap_or(0);
        let n = stops.len();
        for step in 1..=n {
            let i = if forward {
                (here + step) % n
            } else {
                (here + n - step % n) % n
            };
            match stops[i] {
                Some(list) if self.len(list) == 0 => {}
                stop => {
                    self.focus = stop;
                    return;
                }
            }
        }
    }

    /// No row selected: `e` edits the customer again.
    pub fn unfocus(&mut self) {
        self.focus = None;
    }
}
