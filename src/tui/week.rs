//! The Week screen's state: the weekly to-do list exactly as it will be exported. It reads
//! the book; drawing it (ui/week.rs) needs nothing but this.

use chrono::Duration;

use super::theme::Look;
use crate::app::week::plan_week;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::week::{IsoWeek, Item, WeekPlan};
use crate::store::Book;

pub struct WeekView {
    pub plan: WeekPlan,
    /// The item selected, over `plan.items`.
    pub selected: usize,
    pub look: Look,
}

impl WeekView {
    pub fn load(
        store: &dyn Book,
        look: Look,
        config: &Config,
        week: Option<IsoWeek>,
    ) -> anyhow::Result<WeekView> {
        Ok(WeekView {
            plan: plan_week(store, look.now, config, week)?,
            selected: 0,
            look,
        })
    }

    pub fn reload(&mut self, store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<()> {
        self.plan = plan_week(store, now, config, Some(self.plan.week))?;
        self.look.now = now;
        self.select(self.selected);
        Ok(())
    }

    /// The week before (`-1`) or after (`1`).
    pub fn shift(&mut self, store: &dyn Book, now: Now, config: &Config, weeks: i64) -> anyhow::Result<()> {
        let week = IsoWeek::of(self.plan.week.monday() + Duration::weeks(weeks));
        *self = WeekView::load(store, Look { now, ..self.look }, config, Some(week))?;
        Ok(())
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.plan.items.get(self.selected)
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.plan.items.len().saturating_sub(1));
    }
}
