//! Keeping a screen left open current: the clock read again at each action (so a contact
//! logged at 14:05:12 says so), and the book asked a few times a second whether another
//! process changed it; when one did, every view is read again with the selection of the
//! lists kept on the same item where it still exists, the open card kept (its own reload
//! keeps its rows), and an open prompt, form or filter left as typed. The event loop
//! (mod.rs) decides when; this file what happens.

use super::agenda::{AgendaView, Item};
use super::app::App;
use super::customers::CustomersView;
use super::week::WeekView;
use crate::clock::Now;
use crate::domain::nudge::NudgeKind;
use crate::domain::week::ItemKind;
use crate::store::Book;

/// Reads the time for the app, in place of the system clock: set by tests (see
/// [`App::set_clock`]).
pub type Clock = Box<dyn FnMut() -> Now + Send>;

impl App {
    /// Reads the time from `clock` from now on, at each action and tick, instead of the
    /// system clock (or the fixed `TOUCHBASE_NOW`): a test's clock it moves by hand.
    pub fn set_clock(&mut self, clock: impl FnMut() -> Now + Send + 'static) {
        self.clock = Some(Box::new(clock));
    }

    /// The time now, when it moves: the test's clock, else the system's; `None` when the
    /// clock is fixed (`TOUCHBASE_NOW`).
    fn read_clock(&mut self) -> Option<Now> {
        match self.clock.as_mut() {
            Some(clock) => Some(clock()),
            None => self.now.ticked(),
        }
    }

    /// Brings `now` up to the clock, before an action uses it or a view is read.
    pub(super) fn catch_up_with_clock(&mut self) -> anyhow::Result<()> {
        match self.read_clock() {
            Some(now) if now != self.now => self.tick(now),
            _ => Ok(()),
        }
    }

    /// Asked by the event loop a few times a second: when another process changed the
    /// book, reads every view again, keeping what is selected. `true` when the screen may
    /// show something new. A failure goes to the status line; the app never stops on one.
    pub fn look_for_changes(&mut self) -> bool {
        match self.store.changed_elsewhere() {
            Ok(false) => false,
            Ok(true) => {
                if let Err(e) = self.catch_up_with_clock().and_then(|()| self.reload_kept()) {
                    self.fail(&e);
                }
                true
            }
            Err(e) => {
                self.fail(&e);
                true
            }
        }
    }

    /// Re-reads every view after a change made elsewhere, the selection kept on the same
    /// item where it still exists (else at the same place, on its neighbour).
    fn reload_kept(&mut self) -> anyhow::Result<()> {
        let kept = Kept::of(self);
        // Anything may have changed elsewhere, the names the filter searches too.
        self.refresh_views(true)?;
        kept.restore(self)
    }
}

/// What each view had selected, by what it is rather than where it was.
struct Kept {
    agenda: Option<AgendaKey>,
    customer_row: Option<i64>,
    week: Option<WeekKey>,
}

/// An agenda line: a nudge by its kind and what it is about, or a moment.
#[derive(PartialEq, Eq)]
enum AgendaKey {
    Nudge {
        customer_id: i64,
        kind: NudgeKind,
        about: [Option<i64>; 3],
    },
    Moment(i64),
}

/// A week item by its kind and what it is about.
#[derive(PartialEq, Eq)]
struct WeekKey {
    kind: ItemKind,
    customer_id: i64,
    about: [Option<i64>; 3],
    nudge: Option<NudgeKind>,
}

impl Kept {
    fn of(app: &App) -> Kept {
        Kept {
            agenda: app.agenda.selected().map(|item| agenda_key(&item)),
            customer_row: app
                .customers
                .as_ref()
                .and_then(CustomersView::selected_row)
                .map(|r| r.customer.id),
            week: app.week.as_ref().and_then(WeekView::selected_item).map(week_key),
        }
    }

    fn restore(self, app: &mut App) -> anyhow::Result<()> {
        let store: &dyn Book = &*app.store;
        if let Some(key) = self.agenda {
            reselect_agenda(&mut app.agenda, &key);
        }
        if let (Some(id), Some(view)) = (self.customer_row, app.customers.as_mut()) {
            // Only within the visible rows: finding a customer's place in the whole
            // book's order would cost a walk of it, on every change.
            if let Some(i) = view.rows.iter().position(|r| r.customer.id == id) {
                view.select(store, view.top + i)?;
            }
        }
        if let (Some(key), Some(week)) = (self.week, app.week.as_mut())
            && let Some(i) = week.plan.items.iter().position(|item| week_key(item) == key)
        {
            week.select(i);
        }
        Ok(())
    }
}

fn agenda_key(item: &Item<'_>) -> AgendaKey {
    match item {
        Item::Nudge(n) => AgendaKey::Nudge {
            customer_id: n.customer_id,
            kind: n.kind,
            about: [n.follow_up_id, n.moment_id, n.trigger_id],
        },
        Item::Moment(m, _) => AgendaKey::Moment(m.id),
    }
}

fn reselect_agenda(agenda: &mut AgendaView, key: &AgendaKey) {
    if let Some(i) = (0..agenda.len()).find(|&i| agenda.item(i).is_some_and(|item| agenda_key(&item) == *key))
    {
        agenda.select(i);
    }
}

fn week_key(item: &crate::domain::week::Item) -> WeekKey {
    WeekKey {
        kind: item.kind,
        customer_id: item.customer_id,
        about: [item.follow_up_id, item.moment_id, item.trigger_id],
        nudge: item.nudge,
    }
}
