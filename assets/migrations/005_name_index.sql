-- touchbase schema 5: the name index leads with `archived`, like the other list indexes,
-- so the customers table sorted by name pages through an index walk instead of sorting
-- the whole book for every page.

DROP INDEX customers_by_name;
CREATE INDEX customers_by_name ON customers (archived, name, id);
