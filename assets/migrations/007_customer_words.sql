-- touchbase schema 7: a customer is found by the start of any word of their name or
-- company, or of a name they had before a merge, ignoring case and accents
-- (`domain::words`). The folded words are kept in a table of their own, indexed by word,
-- so a lookup is a range on that index; the folded name is kept on the customer for the
-- exact match. Both are written in the transaction that writes the names. Folding is
-- not SQL's to do: a Rust step (migrations.rs) fills them for the customers already there.

ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_by_name_key ON customers (archived, name_key, id);

CREATE TABLE customer_words (
    word        TEXT    NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (word, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_words_by_customer ON customer_words (customer_id, word);

-- The names a customer is also known by: those of the customers merged into them.
CREATE TABLE customer_aliases (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL CHECK (name <> ''),
    name_key    TEXT    NOT NULL,
    -- The id the merged customer had.
    merged_from INTEGER NOT NULL
);
CREATE INDEX customer_aliases_by_customer ON customer_aliases (customer_id);
CREATE INDEX customer_aliases_by_key ON customer_aliases (name_key);
