-- touchbase schema 6: a satisfaction drop nudges until the next contact answers it, so
-- the index of drops holds only those nobody has talked to the customer about since.

DROP INDEX customers_less_satisfied;
CREATE INDEX customers_less_satisfied ON customers (value_tier, prev_satisfaction - satisfaction)
    WHERE archived = 0 AND satisfaction < prev_satisfaction AND last_contact_at <= satisfaction_at;
