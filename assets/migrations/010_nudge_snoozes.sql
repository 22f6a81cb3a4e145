-- touchbase schema 10: a nudge snoozed until a day, with why ("champion on leave until
-- March"). One row per customer and kind of nudge; a later snooze of the same nudge takes
-- its place. The nudge is left out of `due`, the agenda and urgency while `until` is after
-- today; the walks load the rows still in force once (by `until`), never per customer.

CREATE TABLE nudge_snoozes (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,                       -- domain::nudge::NudgeKind::as_str
    until       TEXT    NOT NULL,                       -- the day it nudges again
    reason      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (customer_id, kind)
);
CREATE INDEX nudge_snoozes_by_until ON nudge_snoozes (until);
