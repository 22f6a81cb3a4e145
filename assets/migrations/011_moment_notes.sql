-- touchbase: how a decision moment went and how a trigger was resolved, in words. A moment
-- closed as won, lost or passed keeps an outcome note ("lost on price to Heller"); a
-- resolved trigger a note on how ("sent a counter-offer at -5%"). Both are empty for every
-- row already there, so the search index of schema 9 stays right as it is; its triggers
-- are made again to index the new notes with the rest of their record's words.

ALTER TABLE moments ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
ALTER TABLE triggers ADD COLUMN resolution_note TEXT NOT NULL DEFAULT '';

DROP TRIGGER search_moments_added;
DROP TRIGGER search_moments_changed;
CREATE TRIGGER search_moments_added AFTER INSERT ON moments WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_moments (rowid, body)
    VALUES (new.id, concat_ws(' ', new.title, new.concerns, new.steps, new.response, new.outcome_note));
END;
CREATE TRIGGER search_moments_changed AFTER UPDATE OF title, concerns, steps, response, outcome_note ON moments BEGIN
    DELETE FROM search_moments WHERE rowid = old.id;
    INSERT INTO search_moments (rowid, body)
    SELECT new.id, concat_ws(' ', new.title, new.concerns, new.steps, new.response, new.outcome_note);
END;

DROP TRIGGER search_triggers_added;
DROP TRIGGER search_triggers_changed;
CREATE TRIGGER search_triggers_added AFTER INSERT ON triggers
    WHEN concat_ws(' ', new.note, nullif(new.resolution_note, '')) <> ''
    AND NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_triggers (rowid, body)
    VALUES (new.id, concat_ws(' ', new.note, nullif(new.resolution_note, '')));
END;
CREATE TRIGGER search_triggers_changed AFTER UPDATE OF note, resolution_note ON triggers BEGIN
    DELETE FROM search_triggers WHERE rowid = old.id;
    INSERT INTO search_triggers (rowid, body)
    SELECT new.id, concat_ws(' ', new.note, nullif(new.resolution_note, ''))
    WHERE concat_ws(' ', new.note, nullif(new.resolution_note, '')) <> '';
END;
