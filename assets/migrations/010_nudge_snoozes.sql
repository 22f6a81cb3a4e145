-- touchbase schema 10: what the user parked on purpose.
--
-- A nudge snoozed until a day, with why ("champion on leave until March"). One row per
-- customer, kind of nudge and subject (the decision moment or trigger the nudge is about,
-- 0 for the nudges about the customer as a whole: cadence, taking, loyalty, satisfaction),
-- so snoozing one complaint leaves a new one nudging from the day it arrives. A later
-- snooze of the same nudge takes its place. The nudge is left out of `due`, the agenda and
-- urgency while `until` is after today; the walks load the rows still in force once (by
-- `until`), never per customer.
--
-- A customer paused until a day (`paused_until`, with `paused_reason`): their cadence and
-- staleness do not count until then. The cadence walks skip the few paused rows they meet;
-- the count of customers past their cadence subtracts the paused ones, found by their own
-- partial index.

CREATE TABLE nudge_snoozes (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,                       -- domain::nudge::NudgeKind::as_str
    subject_id  INTEGER NOT NULL DEFAULT 0,             -- the moment's or trigger's id, or 0
    until       TEXT    NOT NULL,                       -- the day it nudges again
    reason      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (customer_id, kind, subject_id)
);
CREATE INDEX nudge_snoozes_by_until ON nudge_snoozes (until);

ALTER TABLE customers ADD COLUMN paused_until TEXT;         -- the day counting starts again
ALTER TABLE customers ADD COLUMN paused_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_paused ON customers (paused_until) WHERE paused_until IS NOT NULL;
