//! The agenda's state: what needs doing now, as the user moves through it.

use crate::agenda::{self, Due};
use crate::clock::Now;
use crate::config::Config;
use crate::domain::nudge::{Nudge, NudgeKind};
use crate::store::Store;

pub struct AgendaView {
    pub due: Due,
    pub selected: usize,
    /// Whether the book has any customers at all (an empty book shows how to start).
    pub has_customers: bool,
}

impl AgendaView {
    pub fn load(store: &Store, now: Now, config: &Config) -> anyhow::Result<AgendaView> {
        let mut view = AgendaView {
            due: Due {
                nudges: Vec::new(),
                more: 0,
            },
            selected: 0,
            has_customers: true,
        };
        view.reload(store, now, config)?;
        Ok(view)
    }

    pub fn reload(&mut self, store: &Store, now: Now, config: &Config) -> anyhow::Result<()> {
        self.due = agenda::due(store, now, config, Some(config.nudge.limit))?;
        // Overdue follow-ups first (loud), then today's, then the other nudges by score.
        self.due.nudges.sort_by_key(|n| section(n.kind));
        self.has_customers = !self.due.nudges.is_empty() || store.has_customers()?;
        self.selected = self.selected.min(self.due.nudges.len().saturating_sub(1));
        Ok(())
    }

    pub fn selected(&self) -> Option<&Nudge> {
        self.due.nudges.get(self.selected)
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.due.nudges.len().saturating_sub(1));
    }
}

fn section(kind: NudgeKind) -> u8 {
    match kind {
        NudgeKind::FollowUpOverdue => 0,
        NudgeKind::FollowUpToday => 1,
        NudgeKind::CadenceExceeded => 2,
    }
}
