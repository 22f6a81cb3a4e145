-- touchbase schema 1: the whole product.
-- Instants are INTEGER unix seconds (UTC); calendar dates are TEXT 'YYYY-MM-DD' in the
-- user's local calendar; money is INTEGER minor units (cents).

CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL COLLATE NOCASE CHECK (name <> ''),
    company         TEXT    NOT NULL DEFAULT '',
    email           TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL DEFAULT '',
    tags            TEXT    NOT NULL DEFAULT '',      -- space separated, lowercase, sorted
    cadence_days    INTEGER NOT NULL DEFAULT 30 CHECK (cadence_days BETWEEN 1 AND 3650),
    notes           TEXT    NOT NULL DEFAULT '',
    archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    -- Kept in step with interactions in the same transaction, so that "customers by last
    -- contact" and the cadence scan are index walks, never a GROUP BY over interactions.
    last_contact_at INTEGER,
    touch_due_at    INTEGER GENERATED ALWAYS AS
                        (coalesce(last_contact_at, created_at) + cadence_days * 86400) VIRTUAL
);
CREATE INDEX customers_by_last_contact ON customers (archived, last_contact_at, id);
CREATE INDEX customers_by_touch_due ON customers (archived, touch_due_at);
CREATE INDEX customers_by_name ON customers (name, id);

CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at           INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN
                     ('call', 'email', 'meeting', 'visit', 'message', 'note', 'gift', 'complaint')),
    direction    TEXT    NOT NULL DEFAULT 'out' CHECK (direction IN ('in', 'out')),
    note         TEXT    NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5)
);
CREATE INDEX interactions_by_customer ON interactions (customer_id, at);

CREATE TABLE follow_ups (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    text           TEXT    NOT NULL CHECK (text <> ''),
    due            TEXT    NOT NULL,
    first_due      TEXT    NOT NULL,
    snoozes        INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    done_at        INTEGER
);
CREATE INDEX follow_ups_open_by_due ON follow_ups (due, id) WHERE done_at IS NULL;
CREATE INDEX follow_ups_by_customer ON follow_ups (customer_id, due);
CREATE INDEX follow_ups_by_interaction ON follow_ups (interaction_id);

-- The decisive moments in a customer's buying process.
CREATE TABLE moments (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL CHECK (title <> ''),
    expected    TEXT    NOT NULL,
    concerns    TEXT    NOT NULL DEFAULT '',
    steps       TEXT    NOT NULL DEFAULT '',
    response    TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'upcoming'
                    CHECK (status IN ('upcoming', 'won', 'lost', 'passed')),
    planned_at  INTEGER NOT NULL,
    closed_at   INTEGER
);
CREATE INDEX moments_upcoming_by_expected ON moments (expected, id) WHERE status = 'upcoming';
CREATE INDEX moments_by_customer ON moments (customer_id, expected);

-- Switching triggers.
CREATE TABLE triggers (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('situational', 'reactional', 'influential')),
    note           TEXT    NOT NULL DEFAULT '',
    opened_at      INTEGER NOT NULL,
    resolved_at    INTEGER
);
CREATE INDEX triggers_open_by_opened ON triggers (opened_at, id) WHERE resolved_at IS NULL;
CREATE INDEX triggers_by_customer ON triggers (customer_id, opened_at);
CREATE INDEX triggers_by_interaction ON triggers (interaction_id);

-- The give/take ledger.
CREATE TABLE balance_entries (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    side           TEXT    NOT NULL CHECK (side IN ('give', 'ask')),
    note           TEXT    NOT NULL DEFAULT '',
    weight         INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 5),
    at             INTEGER NOT NULL
);
CREATE INDEX balance_by_customer ON balance_entries (customer_id, at);
CREATE INDEX balance_by_interaction ON balance_entries (interaction_id);

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    ordered_on   TEXT    NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency     TEXT    NOT NULL DEFAULT 'EUR',
    note         TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, ordered_on);
