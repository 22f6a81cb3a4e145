//! Keeping each customer's summary columns (last contact, value, satisfaction, give/take)
//! in step with the tables they sum up, inside the transaction that changed them: always
//! recomputed from the rows, never counted along, which is what keeps them right with two
//! writers (see `store::Book`). The tier floors are the domain's.

use std::fmt::Write as _;
use std::sync::LazyLock;

use anyhow::Context as _;
use rusqlite::Connection;

use crate::domain::money::TIER_FLOORS;

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

/// `domain::money::Cents::tier` in SQL, from the same floors.
static TIER: LazyLock<String> = LazyLock::new(|| {
    let mut cases = String::new();
    for (below, floor) in TIER_FLOORS.iter().enumerate().rev() {
        let _ = write!(cases, "WHEN value_cents >= {} THEN {} ", floor.0, below + 1);
    }
    format!("UPDATE customers SET value_tier = CASE {cases}ELSE 0 END WHERE {{filter}}")
});

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
pub(super) fn refresh(tx: &Connection, customer_id: i64) -> anyhow::Result<()> {
    for sql in [REFRESH, TIER.as_str()] {
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
pub(super) fn refresh_all(tx: &Connection) -> anyhow::Result<()> {
    for sql in [REFRESH, TIER.as_str()].into_iter().chain(CHILD_TIERS) {
        tx.execute(&sql.replace("{filter}", "1"), [])
            .context("updating customer summaries")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::domain::money::{Cents, TIER_FLOORS};

    #[test]
    fn sql_tiers_are_the_domain_rule() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, value_cents, value_tier)")
            .unwrap();
        let around = TIER_FLOORS.iter().flat_map(|f| [f.0 - 1, f.0, f.0 + 1]);
        for (id, cents) in [0, 1].into_iter().chain(around).enumerate() {
            conn.execute("INSERT INTO customers VALUES (?1, ?2, NULL)", (id as i64, cents))
                .unwrap();
        }
        conn.execute(&super::TIER.replace("{filter}", "1"), []).unwrap();
        let mut stmt = conn
            .prepare("SELECT value_cents, value_tier FROM customers")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u8>(1)?)))
            .unwrap();
        for row in rows {
            let (cents, tier) = row.unwrap();
            assert_eq!(tier, Cents(cents).tier(), "{cents} cents");
        }
    }
}
