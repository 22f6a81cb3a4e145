//! The agenda's state: what needs doing now, then this week's decision moments.

use chrono::{Datelike as _, Duration};

use crate::agenda::{self, Due, section};
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
}

/// One line of the agenda.
pub enum Item<'a> {
    Nudge(&'a Nudge),
    Moment(&'a Moment, &'a Customer),
}

impl AgendaView {
    pub fn load(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<AgendaView> {
        let mut view = AgendaView {
            due: Due::default(),
            moments: Vec::new(),
            selected: 0,
            has_customers: true,
        };
        view.reload(store, now, config)?;
        Ok(view)
    }

    pub fn reload(&mut self, store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<()> {
        // Overdue follow-ups first (loud), then today's, then the top other nudges by score:
        // promises are never crowded out by nudges.
        let limit = config.nudge.limit;
        let mut scored = agenda::scored(store, now, config, Some(limit))?;
        scored.nudges.sort_by_key(|n| section(n.kind));
        let mut taken = [0usize; 3];
        let mut more = scored.more;
        scored.nudges.retain(|n| {
            let s = usize::from(section(n.kind));
            taken[s] += 1;
            let keep = taken[s] <= limit;
            more += usize::from(!keep);
            keep
        });
        self.due = Due {
            nudges: scored.nudges,
            more,
            ..scored
        };
        let today = now.today();
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        self.moments = store.upcoming_moments(monday, monday + Duration::days(6), limit)?;
        self.has_customers = !self.due.nudges.is_empty() || store.has_customers()?;
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
