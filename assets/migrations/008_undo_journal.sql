-- touchbase schema 8: the undo journal. Every user action that can be taken back writes
-- one entry in its own transaction: when, which front end, what a person reads ("logged a
-- call with Acme") and the change as JSON (store::Change, a tagged enum). Undo takes the
-- newest entry still open; an undone one keeps `undone_at`, one that could not be undone
-- any more (the record changed since) keeps why in `refused`. Only the newest entries are
-- kept: each write prunes the older ones.

CREATE TABLE undo_journal (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,                         -- seconds since the epoch, UTC
    by        TEXT NOT NULL CHECK (by IN ('tui', 'cli')),
    said      TEXT NOT NULL,
    change    TEXT NOT NULL,                            -- JSON of store::Change
    undone_at INTEGER,
    refused   TEXT
);

-- The newest entry still to undo is the last row of this index.
CREATE INDEX undo_journal_open ON undo_journal (id) WHERE undone_at IS NULL AND refused IS NULL;
