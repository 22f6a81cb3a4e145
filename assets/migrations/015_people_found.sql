-- touchbase schema 15: an account is found by its people's names, as by its own.
--
-- people.name_key: the person's folded name (`domain::words::key`), for the exact and
-- the starting match, indexed; their words join their account's in customer_words.
-- Both are written in the transaction that writes the person's name.
--
-- A book from before people has as its people the customers themselves (schema 14): a
-- person with their account's name takes the account's key here, and their words are
-- there already. Folding is not SQL's to do: the Rust step (migrations.rs) gives the
-- others (named otherwise, added since) theirs, and their words.

ALTER TABLE people ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

UPDATE people SET name_key = coalesce(
    (SELECT c.name_key FROM customers c WHERE c.id = people.customer_id AND c.name = people.name), '');

CREATE INDEX people_by_name_key ON people (name_key, customer_id);
