-- touchbase schema 12: each customer's open follow-ups by due day, as an index of their
-- own. The customers list (`list`, `list --json`, the Customers screen) shows every
-- customer's next open follow-up; with only (customer_id, due) over all follow-ups, done
-- ones included, finding it read the table row of each done follow-up before the first
-- open one: for a 100k-customer book with 400k follow-ups, `list --json` took twice as
-- long as reading the customers themselves. This index answers it from one entry.
-- It holds only the open ones (a few per customer), so it stays small.

CREATE INDEX follow_ups_open_by_customer ON follow_ups (customer_id, due) WHERE done_at IS NULL;
