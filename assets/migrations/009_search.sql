-- touchbase schema 9: full-text search over every note (store::Search). One FTS5 index
-- holds the words of contacts' notes, follow-ups' texts, decision moments (title,
-- concerns, steps, response), triggers' notes and customers' notes. It is contentless
-- (the text stays only in its own table, so the index adds its words, not a second copy of
-- every note) with contentless_delete, so a row's words can be removed by rowid alone.
-- A row's rowid names its record: id * 8 + kind (1 contact, 2 follow-up, 3 moment,
-- 4 trigger, 5 customer). The triggers below keep it in the transaction of every write,
-- whoever writes (touchbase, an import, a repair, another program); this migration fills
-- it for the records already there. Words are read by unicode61 with diacritics removed:
-- "kuhne" finds "Kühne", case never matters.

CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_index (rowid, body) SELECT id * 8 + 1, note FROM interactions WHERE note <> '';
INSERT INTO search_index (rowid, body) SELECT id * 8 + 2, text FROM follow_ups WHERE text <> '';
INSERT INTO search_index (rowid, body)
    SELECT id * 8 + 3, concat_ws(' ', title, concerns, steps, response) FROM moments;
INSERT INTO search_index (rowid, body) SELECT id * 8 + 4, note FROM triggers WHERE note <> '';
INSERT INTO search_index (rowid, body) SELECT id * 8 + 5, notes FROM customers WHERE notes <> '';

CREATE TRIGGER search_interaction_added AFTER INSERT ON interactions WHEN new.note <> '' BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 1, new.note);
END;
CREATE TRIGGER search_interaction_changed AFTER UPDATE OF note ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    INSERT INTO search_index (rowid, body) SELECT new.id * 8 + 1, new.note WHERE new.note <> '';
END;
CREATE TRIGGER search_interaction_removed AFTER DELETE ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;

CREATE TRIGGER search_follow_up_added AFTER INSERT ON follow_ups WHEN new.text <> '' BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 2, new.text);
END;
CREATE TRIGGER search_follow_up_changed AFTER UPDATE OF text ON follow_ups BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    INSERT INTO search_index (rowid, body) SELECT new.id * 8 + 2, new.text WHERE new.text <> '';
END;
CREATE TRIGGER search_follow_up_removed AFTER DELETE ON follow_ups BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER search_moment_added AFTER INSERT ON moments BEGIN
    INSERT INTO search_index (rowid, body)
        VALUES (new.id * 8 + 3, concat_ws(' ', new.title, new.concerns, new.steps, new.response));
END;
CREATE TRIGGER search_moment_changed AFTER UPDATE OF title, concerns, steps, response ON moments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    INSERT INTO search_index (rowid, body)
        VALUES (new.id * 8 + 3, concat_ws(' ', new.title, new.concerns, new.steps, new.response));
END;
CREATE TRIGGER search_moment_removed AFTER DELETE ON moments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;

CREATE TRIGGER search_trigger_added AFTER INSERT ON triggers WHEN new.note <> '' BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 4, new.note);
END;
CREATE TRIGGER search_trigger_changed AFTER UPDATE OF note ON triggers BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index (rowid, body) SELECT new.id * 8 + 4, new.note WHERE new.note <> '';
END;
CREATE TRIGGER search_trigger_removed AFTER DELETE ON triggers BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;

CREATE TRIGGER search_customer_added AFTER INSERT ON customers WHEN new.notes <> '' BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 5, new.notes);
END;
CREATE TRIGGER search_customer_changed AFTER UPDATE OF notes ON customers BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
    INSERT INTO search_index (rowid, body) SELECT new.id * 8 + 5, new.notes WHERE new.notes <> '';
END;
CREATE TRIGGER search_customer_removed AFTER DELETE ON customers BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
END;
