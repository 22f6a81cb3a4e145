//! The agenda's state: what needs doing now, then this week's decision moments. It reads
//! the book; drawing it (ui/agenda.rs) needs nothing but this.

use super::theme::Look;
use crate::app::agenda::{self, Agenda, Due};
use crate::clock::Now;
use crate::config::Config;
use crate::domain::Customer;
use crate::domain::moment::Moment;
use crate::domain::nudge::Nudge;
use crate::store::Book;

pub struct AgendaView {
    pub due: Due,
    /// Upcoming moments expected this week (Monday to Sunday), with their customers.
    pub moments: Vec<(Moment, Customer)>,
    /// Over the nudges, then the moments.
    pub selected: usize,
    /// Whether the book has any customers at all (an empty book shows how to start).
    pub has_customers: bool,
    /// "reminders have not run since …", said in the header (`status::reminders_stopped`).
    pub reminders_stopped: Option<chrono::NaiveDate>,
    pub look: Look,
}

/// One line of the agenda.
pub enum Item<'a> {
    Nudge(&'a Nudge),
    Moment(&'a Moment, &'a Customer),
}

impl AgendaView {
    pub fn load(store: &dyn Book, look: Look, config: &Config) -> anyhow::Result<AgendaView> {
        let mut view = AgendaView {
            due: Due::default(),
            moments: Vec::new(),
            selected: 0,
            has_customers: true,
            reminders_stopped: None,
            look,
        };
        view.reload(store, look.now, config)?;
        Ok(view)
    }

    pub fn reload(&mut self, store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<()> {
        let Agenda {
            due,
            moments,
            has_customers,
            reminders_stopped,
        } = agenda::agenda(store, now, config)?;
        (self.due, self.moments, self.has_customers) = (due, moments, has_customers);
        self.reminders_stopped = reminders_stopped;
        self.look.now = now;
        self.select(self.selected);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.due.nudges.len() + self.moments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, index: usize) -> Option<Item<'_>> {
        match self.due.nudges.get(index) {
            Some(n) => Some(Item::Nudge(n)),
            None => self
                .moments
                .get(index - self.due.nudges.len())
                .map(|(m, c)| Item::Moment(m, c)),
        }
    }

    pub fn selected(&self) -> Option<Item<'_>> {
        self.item(self.selected)
    }

    /// The selected nudge, if the selection is on one.
    pub fn selected_nudge(&self) -> Option<&Nudge> {
        self.due.nudges.get(self.selected)
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.len().saturating_sub(1));
    }
}

impl Item<'_> {
    pub fn customer_id(&self) -> i64 {
        match self {
            Item::Nudge(n) => n.customer_id,
            Item::Moment(_, c) => c.id,
        }
    }

    pub fn customer_name(&self) -> &str {
        match self {
            Item::Nudge(n) => &n.customer,
            Item::Moment(_, c) => &c.name,
        }
    }
}
