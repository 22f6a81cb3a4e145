-- touchbase schema 18: an account is named after its company.
--
-- Before people, a customer was a person with a company beside their name ("Anna de
-- Boer", "Acme BV"); schema 14 made that person the account's first person. Now the
-- account takes the company's name and the person keeps theirs, as an account added
-- with a company is named (`domain::customer::account_name`): the Rust step after this
-- file renames each customer
--   - with a company that is not already its name (every word of the name one of the
--     company's: "Acme" at "Acme BV" stays "Acme"),
--   - still named as its main person (an account named apart keeps its name),
--   - and the only one of its company in the book (by `domain::company::company_key`:
--     "ACME B.V." is "Acme BV"). Two customers at one company stay named after their
--     people, so that neither becomes an "Acme BV" the other could be taken for;
--     `touchbase merge` makes them one account.
-- Nothing else changes: the name's words stay the account's (they are its person's now),
-- and the company's were there already. The account's folded name key is rewritten.

SELECT 1;
