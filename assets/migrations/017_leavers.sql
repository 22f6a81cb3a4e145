-- touchbase schema 17: when someone leaves, and accounts that hang on one person.
--
-- triggers.person_id: the person whose leaving opened a situational trigger ("Anna de
-- Boer left — build the relationship with the successor"); NULL for every other trigger.
-- Such a trigger nudges until a contact with someone else at the account is logged (the
-- rule is `domain::nudge::trigger`'s). If the person is deleted it becomes an ordinary
-- situational trigger.
--
-- customers_by_tier: the single-threaded walk's candidates, the accounts of one value
-- tier, by id.

ALTER TABLE triggers ADD COLUMN person_id INTEGER REFERENCES people (id) ON DELETE SET NULL;
CREATE INDEX customers_by_tier ON customers (value_tier, id) WHERE archived = 0;
