-- touchbase schema 16: decision moments name their people.
--
-- moment_people: who takes part in a decision moment, and how: decides, signs, champion
-- (champions us inside the customer) or involved. One person may have several parts in
-- one moment. The people are the moment's customer's (the store checks it on writing);
-- a merge moves both together, so the rows stay right. Deleting the moment or the person
-- deletes the row. No row exists yet: every moment already there names no one.

CREATE TABLE moment_people (
    moment_id INTEGER NOT NULL REFERENCES moments (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    part      TEXT    NOT NULL CHECK (part IN ('decides', 'signs', 'champion', 'involved')),
    PRIMARY KEY (moment_id, person_id, part)
) WITHOUT ROWID;
CREATE INDEX moment_people_by_person ON moment_people (person_id);
