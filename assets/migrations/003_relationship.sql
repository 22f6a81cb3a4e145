-- touchbase schema 3: the relationship model summarised on the customer row, kept in step
-- with its tables in the same transaction, so every nudge is an index walk.

ALTER TABLE customers ADD COLUMN value_cents INTEGER NOT NULL DEFAULT 0;   -- lifetime value
-- 0: under 1,000 · 1: under 10,000 · 2: under 50,000 · 3: 50,000 and more (major units)
ALTER TABLE customers ADD COLUMN value_tier INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN last_order_on TEXT;
ALTER TABLE customers ADD COLUMN satisfaction INTEGER;        -- the latest recorded
ALTER TABLE customers ADD COLUMN prev_satisfaction INTEGER;   -- the one before it
ALTER TABLE customers ADD COLUMN satisfaction_at INTEGER;
ALTER TABLE customers ADD COLUMN gives INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN asks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN last_give_at INTEGER;
ALTER TABLE customers ADD COLUMN last_logged_at INTEGER;      -- any interaction, notes too

-- Open follow-ups carry their customer's value tier, so the most valuable overdue
-- follow-ups are an index walk too.
ALTER TABLE follow_ups ADD COLUMN value_tier INTEGER NOT NULL DEFAULT 0;

UPDATE customers SET
    value_cents = (SELECT coalesce(sum(amount_cents), 0) FROM orders o WHERE o.customer_id = customers.id),
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
    last_give_at = (SELECT max(at) FROM balance_entries b WHERE b.customer_id = customers.id AND side = 'give'),
    last_logged_at = (SELECT max(at) FROM interactions i WHERE i.customer_id = customers.id);
UPDATE customers SET value_tier = CASE
    WHEN value_cents >= 5000000 THEN 3
    WHEN value_cents >= 1000000 THEN 2
    WHEN value_cents >= 100000 THEN 1
    ELSE 0 END;
UPDATE follow_ups SET value_tier = (SELECT value_tier FROM customers c WHERE c.id = follow_ups.customer_id);

DROP INDEX customers_by_cadence_since;
CREATE INDEX customers_by_cadence_tier_since
    ON customers (archived, cadence_days, value_tier, coalesce(last_contact_at, created_at));
CREATE INDEX follow_ups_open_by_tier_due ON follow_ups (value_tier, due, id) WHERE done_at IS NULL;
CREATE INDEX customers_by_value ON customers (archived, value_cents, id);
CREATE INDEX customers_taking ON customers (value_tier, asks - gives) WHERE archived = 0 AND asks > gives;
CREATE INDEX customers_very_satisfied ON customers (value_tier, last_give_at) WHERE archived = 0 AND satisfaction = 5;
CREATE INDEX customers_less_satisfied ON customers (value_tier, prev_satisfaction - satisfaction)
    WHERE archived = 0 AND satisfaction < prev_satisfaction;
