-- touchbase schema 13: reminders outside the app.
--
-- remind_runs: each digest `touchbase remind` delivered (or found nothing to deliver on a
-- workday, which counts as run), with the channels it went to and the item codes it held,
-- so `--since-last` shows only what is new and the agenda can warn when reminders have
-- stopped running. `scheduled` marks a run started by the timer `remind --setup` wrote.
-- A run a channel failed on is not recorded: nothing half-delivered counts as delivered.
--
-- book_settings: a few named values of the book itself (when reminders were set up, the
-- calendar feed's secret token), one row each.

CREATE TABLE remind_runs (
    id           INTEGER PRIMARY KEY,
    delivered_at INTEGER NOT NULL,          -- unix seconds
    day          TEXT    NOT NULL,          -- the local day the digest was for
    channels     TEXT    NOT NULL,          -- "stdout,email"
    items        TEXT    NOT NULL DEFAULT '', -- the item codes it held, space-separated
    scheduled    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX remind_runs_by_time ON remind_runs (delivered_at);

CREATE TABLE book_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
