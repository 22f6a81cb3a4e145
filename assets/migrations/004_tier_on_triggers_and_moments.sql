-- touchbase schema 4: open triggers and upcoming moments carry their customer's value
-- tier (like open follow-ups), so `due` takes the most urgent of each tier from an index
-- walk instead of joining every open trigger and moment with its customer.

ALTER TABLE triggers ADD COLUMN value_tier INTEGER NOT NULL DEFAULT 0;
ALTER TABLE moments ADD COLUMN value_tier INTEGER NOT NULL DEFAULT 0;

UPDATE triggers SET value_tier = (SELECT value_tier FROM customers c WHERE c.id = triggers.customer_id);
UPDATE moments SET value_tier = (SELECT value_tier FROM customers c WHERE c.id = moments.customer_id);

CREATE INDEX triggers_open_by_kind_tier ON triggers (kind, value_tier, opened_at, id) WHERE resolved_at IS NULL;
CREATE INDEX moments_upcoming_by_tier ON moments (value_tier, expected, id) WHERE status = 'upcoming';
