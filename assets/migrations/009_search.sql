-- touchbase schema 9: full-text search over every note (store::Search). An FTS5 index per
-- kind of record holds the words of contacts' notes, follow-ups' texts, decision moments
-- (title, concerns, steps, response), triggers' notes and customers' notes; a row's rowid
-- is its record's id. One index per kind, not one for all: FTS5 gathers new rows in memory
-- only while each rowid is above the last, so a book written in bulk (a demo, an import)
-- with contacts and follow-ups interleaved would flush a tiny segment at every row.
-- Each index is contentless (the text stays only in its own table, so an index adds its
-- words, not a second copy of every note) with contentless_delete, so a row's words go by
-- rowid alone. The triggers below keep them in the transaction of every write, whoever
-- writes (touchbase, an import, a repair, another program); this migration fills them for
-- the records already there. Words are read by unicode61 with diacritics removed: "kuhne"
-- finds "Kühne", case never matters.
--
-- A bulk write (a demo book, an import: one transaction) pauses the triggers that index
-- new rows by a row in `search_paused`, and indexes what it added in one pass before it
-- commits: FTS5 writes out what it gathered at every statement that may roll back on its
-- own, which a trigger's statement is, so row by row a demo book took three times as long.
-- The row never outlives the transaction that wrote it.

CREATE TABLE search_paused (paused INTEGER PRIMARY KEY CHECK (paused = 1));

CREATE VIRTUAL TABLE search_contacts USING fts5 (
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_contacts (rowid, body) SELECT id, note FROM interactions WHERE note <> '';
CREATE TRIGGER search_contacts_added AFTER INSERT ON interactions WHEN new.note <> ''
    AND NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_contacts (rowid, body) VALUES (new.id, new.note);
END;
CREATE TRIGGER search_contacts_changed AFTER UPDATE OF note ON interactions BEGIN
    DELETE FROM search_contacts WHERE rowid = old.id;
    INSERT INTO search_contacts (rowid, body) SELECT new.id, new.note WHERE new.note <> '';
END;
CREATE TRIGGER search_contacts_removed AFTER DELETE ON interactions BEGIN
    DELETE FROM search_contacts WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE search_follow_ups USING fts5 (
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_follow_ups (rowid, body) SELECT id, text FROM follow_ups WHERE text <> '';
CREATE TRIGGER search_follow_ups_added AFTER INSERT ON follow_ups WHEN new.text <> ''
    AND NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_follow_ups (rowid, body) VALUES (new.id, new.text);
END;
CREATE TRIGGER search_follow_ups_changed AFTER UPDATE OF text ON follow_ups BEGIN
    DELETE FROM search_follow_ups WHERE rowid = old.id;
    INSERT INTO search_follow_ups (rowid, body) SELECT new.id, new.text WHERE new.text <> '';
END;
CREATE TRIGGER search_follow_ups_removed AFTER DELETE ON follow_ups BEGIN
    DELETE FROM search_follow_ups WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE search_moments USING fts5 (
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_moments (rowid, body) SELECT id, concat_ws(' ', title, concerns, steps, response) FROM moments;
CREATE TRIGGER search_moments_added AFTER INSERT ON moments WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_moments (rowid, body) VALUES (new.id, concat_ws(' ', new.title, new.concerns, new.steps, new.response));
END;
CREATE TRIGGER search_moments_changed AFTER UPDATE OF title, concerns, steps, response ON moments BEGIN
    DELETE FROM search_moments WHERE rowid = old.id;
    INSERT INTO search_moments (rowid, body) SELECT new.id, concat_ws(' ', new.title, new.concerns, new.steps, new.response);
END;
CREATE TRIGGER search_moments_removed AFTER DELETE ON moments BEGIN
    DELETE FROM search_moments WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE search_triggers USING fts5 (
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_triggers (rowid, body) SELECT id, note FROM triggers WHERE note <> '';
CREATE TRIGGER search_triggers_added AFTER INSERT ON triggers WHEN new.note <> ''
    AND NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_triggers (rowid, body) VALUES (new.id, new.note);
END;
CREATE TRIGGER search_triggers_changed AFTER UPDATE OF note ON triggers BEGIN
    DELETE FROM search_triggers WHERE rowid = old.id;
    INSERT INTO search_triggers (rowid, body) SELECT new.id, new.note WHERE new.note <> '';
END;
CREATE TRIGGER search_triggers_removed AFTER DELETE ON triggers BEGIN
    DELETE FROM search_triggers WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE search_customers USING fts5 (
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_customers (rowid, body) SELECT id, notes FROM customers WHERE notes <> '';
CREATE TRIGGER search_customers_added AFTER INSERT ON customers WHEN new.notes <> ''
    AND NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_customers (rowid, body) VALUES (new.id, new.notes);
END;
CREATE TRIGGER search_customers_changed AFTER UPDATE OF notes ON customers BEGIN
    DELETE FROM search_customers WHERE rowid = old.id;
    INSERT INTO search_customers (rowid, body) SELECT new.id, new.notes WHERE new.notes <> '';
END;
CREATE TRIGGER search_customers_removed AFTER DELETE ON customers BEGIN
    DELETE FROM search_customers WHERE rowid = old.id;
END;
