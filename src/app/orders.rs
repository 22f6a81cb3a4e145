//! Orders, the sales that add up to a customer's lifetime value: recording one with its
//! amount and the day it was placed. Knows the rules for both, not where they were typed.

use chrono::NaiveDate;

use super::customers::{Who, find};
use super::refused::Refused;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::Customer;
use crate::domain::money::Cents;
use crate::domain::when::{Facing, parse_day};
use crate::store::{Book, Change, Order};

/// A recorded order, the customer as it left them (their value counts it), and how to take
/// it back.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub order: Order,
    pub customer: Customer,
    pub change: Change,
}

impl super::undo::Undoable for Recorded {
    fn journaled(&self) -> Option<crate::store::Journaled> {
        let o = &self.order;
        let said = format!(
            "recorded an order of {} {} from {}",
            o.currency, o.amount, self.customer.name
        );
        Some(super::undo::entry(said, &self.change))
    }
}

/// An order of `amount` ("1250.50", "1.250,50") in the configured currency, placed on the
/// day `when` names (today without one).
pub fn record(
    store: &mut dyn Book,
    now: Now,
    config: &Config,
    who: Who<'_>,
    amount: &str,
    when: Option<&str>,
) -> anyhow::Result<Recorded> {
    let amount = Cents::parse(amount).map_err(Refused::from)?;
    let today = now.today();
    let on = when.map_or(Ok(today), |w| placed_on(w, today))?;
    let id = find(store, who)?.id;
    let order = store.add_order(id, on, amount, &config.money.currency, now.utc)?;
    let customer = store.require_customer(id)?;
    let change = Change::OrderAdded { order: order.clone() };
    Ok(Recorded {
        order,
        customer,
        change,
    })
}

/// The day an order was placed: a day word looking back (`yesterday`, `fri` is the last
/// Friday, `3 days ago`) or a date, never after today.
pub(crate) fn placed_on(when: &str, today: NaiveDate) -> Result<NaiveDate, Refused> {
    let typed = when.trim();
    let on = parse_day(typed, today, Facing::Back)?;
    if on > today {
        return Err(Refused::OrderAhead(typed.to_string()));
    }
    Ok(on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_is_placed_today_or_before() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(placed_on("@yesterday", today), Ok(day("2026-11-22")));
        assert_eq!(placed_on("Yesterday", today), Ok(day("2026-11-22")));
        assert_eq!(placed_on("today", today), Ok(today));
        assert_eq!(placed_on("@2026-11-20", today), Ok(day("2026-11-20")));
        assert_eq!(placed_on("@fri", today), Ok(day("2026-11-20")), "the last Friday");
        assert_eq!(placed_on("3 days ago", today), Ok(day("2026-11-20")));
        assert_eq!(
            placed_on("@tomorrow", today),
            Err(Refused::OrderAhead("@tomorrow".into()))
        );
        assert!(matches!(placed_on("@someday", today), Err(Refused::When(_))));
    }
}
