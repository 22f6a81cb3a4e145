-- touchbase schema 14: people on an account.
--
-- people: the persons at a customer (the account): name, role, notes, whether they are
-- the main contact (at most one per customer, by the partial unique index), and the day
-- they left (and where to), NULL while they are there. The customer's own name, email
-- and phone columns stay, kept in step with the main person by the store.
--
-- person_details: each person's e-mail addresses and phone numbers, in the order typed,
-- with a label (mobile, office…) and the key they are found by: an address lowercased,
-- a number as the key `domain::phone::key` gives (written by the Rust step after this
-- file, which also fills in the details of the existing customers).
--
-- interactions.person_id: whom a contact was with; NULL is the main contact or unknown.
--
-- Every existing customer gets one main person with its name; its e-mail and phone
-- become that person's details (the Rust step).

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL CHECK (name <> ''),
    role        TEXT    NOT NULL DEFAULT '',
    notes       TEXT    NOT NULL DEFAULT '',
    main        INTEGER NOT NULL DEFAULT 0 CHECK (main IN (0, 1)),
    left_on     TEXT,                           -- the day they left, 'YYYY-MM-DD'
    left_to     TEXT    NOT NULL DEFAULT '',    -- where they went, as typed
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX people_by_customer ON people (customer_id);
CREATE UNIQUE INDEX people_one_main ON people (customer_id) WHERE main = 1;

CREATE TABLE person_details (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('email', 'phone')),
    label     TEXT    NOT NULL DEFAULT '',
    value     TEXT    NOT NULL CHECK (value <> ''),
    key       TEXT    NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_details_by_key ON person_details (kind, key);
CREATE INDEX person_details_by_person ON person_details (person_id, kind, position);

ALTER TABLE interactions ADD COLUMN person_id INTEGER REFERENCES people (id) ON DELETE SET NULL;

-- The first person of each customer takes the customer's id: nothing refers to people yet.
INSERT INTO people (id, customer_id, name, main, created_at, updated_at)
SELECT id, id, name, 1, created_at, updated_at FROM customers;
