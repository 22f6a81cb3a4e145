-- Customers by cadence and by when the cadence clock started, so the stalest customers of
-- each cadence are an index seek away: `due` merges a few short index walks instead of
-- sorting every overdue customer.
CREATE INDEX customers_by_cadence_since
    ON customers (archived, cadence_days, coalesce(last_contact_at, created_at));
