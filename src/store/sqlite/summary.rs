//! Keeping each customer's summary columns (last contact, value, satisfaction, give/take)
//! in step with the tables they sum up, inside the transaction that changed them.

use anyhow::Context as _;
use rusqlite::Transaction;

/// The summary of every customer matching `{filter}`, recomputed from the child tables with
/// index seeks. Shared by the one-customer refresh and the bulk one. The lifetime value
/// uses `total()`, not `sum()`: `sum()` fails the whole write with "integer overflow" past
/// `i64::MAX`; `total()` is exact to the cent below 2^53 cents (90 trillion) and the cast
/// saturates beyond, which only a hand-edited book can reach (an order is at most
/// `MAX_AMOUNT`).
pub(super) const REFRESH: &str = "UPDATE customers SET
    last_contact_at = (SELECT max(at) FROM interactions i
                       WHERE i.customer_id = customers.id AND i.kind <> 'note'),
    last_logged_at = (SELECT max(at) FROM interactions i WHERE i.customer_id = customers.id),
    value_cents = (SELECT CAST(total(amount_cents) AS INTEGER) FROM orders o WHERE o.customer_id = customers.id),
    last_order_on = (SELECT max(ordered_on) FROM orders o WHERE o.customer_id = customers.id),
    satisfaction = (SELECT satisfaction FROM interactions i
                    WHERE i.customer_id = customers.id AND satisfaction IS NOT NULL
                    ORDER BY at DESC, id DESC LIMIT 1),
    prev_satisfaction = (SELECT satisfaction FROM interactions i
                         WHERE i.customer_id = customers.id AND satisfaction IS NOT NULL
                         ORDER BY at DESC, id DESC LIMIT 1 OFFSET 1),
    satisfaction_at = (SELECT max(at) FROM interactions i
                       WHERE i.customer_id = customers.id AND satisfaction IS NOT NULL),
    gives = (SELECT count(*) FROM balance_entries b WHERE b.customer_id = customers.id AND side = 'give'),
    asks = (SELECT count(*) FROM balance_entries b WHERE b.customer_id = customers.id AND side = 'ask'),
    last_give_at = (SELECT max(at) FROM balance_entries b
                    WHERE b.customer_id = customers.id AND side = 'give')
 WHERE {filter}";

/// The value tiers of `domain::money::Cents::tier`, in SQL.
const TIER: &str = "UPDATE customers SET value_tier = CASE
    WHEN value_cents >= 5000000 THEN 3
    WHEN value_cents >= 1000000 THEN 2
    WHEN value_cents >= 100000 THEN 1
    ELSE 0 END
 WHERE {filter}";

/// Open follow-ups, open triggers and upcoming moments carry their customer's tier, so
/// the nudge scan can walk each tier in order.
const CHILD_TIERS: [&str; 3] = [
    "UPDATE follow_ups SET value_tier =
        (SELECT value_tier FROM customers c WHERE c.id = follow_ups.customer_id) WHERE {filter}",
    "UPDATE triggers SET value_tier =
        (SELECT value_tier FROM customers c WHERE c.id = triggers.customer_id) WHERE {filter}",
    "UPDATE moments SET value_tier =
        (SELECT value_tier FROM customers c WHERE c.id = moments.customer_id) WHERE {filter}",
];

/// Recomputes one customer's summary.
pub(super) fn refresh(tx: &Transaction<'_>, customer_id: i64) -> anyhow::Result<()> {
    for sql in [REFRESH, TIER] {
        tx.prepare_cached(&sql.replace("{filter}", "id = ?1"))?
            .execute([customer_id])
            .context("updating the customer's summary")?;
    }
    for sql in CHILD_TIERS {
        tx.prepare_cached(&sql.replace("{filter}", "customer_id = ?1"))?
            .execute([customer_id])
            .context("updating the value tier of follow-ups, triggers and moments")?;
    }
    Ok(())
}

/// Recomputes every customer's summary (after a bulk write).
pub(super) fn refresh_all(tx: &Transaction<'_>) -> anyhow::Result<()> {
    for sql in [REFRESH, TIER].into_iter().chain(CHILD_TIERS) {
        tx.execute(&sql.replace("{filter}", "1"), [])
            .context("updating customer summaries")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::domain::money::Cents;

    #[test]
    fn sql_tiers_match_the_domain_rule() {
        // The thresholds written in SQL above.
        for (cents, tier) in [(99_999, 0), (100_000, 1), (1_000_000, 2), (5_000_000, 3)] {
            assert_eq!(Cents(cents).tier(), tier);
            assert!(super::TIER.contains(&format!(
                ">= {}",
                match tier {
                    1 => 100_000,
                    2 => 1_000_000,
                    3 => 5_000_000,
                    _ => continue,
                }
            )));
        }
    }
}
