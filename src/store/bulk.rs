//! The bulk part of the contract: many records written in one transaction, for demo
//! books and imports, with what an import needs to match records against the book as
//! this transaction has it. Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use super::customers::{CustomerPatch, NewCustomer};
use crate::domain::moment::Part;
use crate::domain::person::{Detail, Left, NewPerson, Person};
use crate::domain::{Customer, Kind};

/// What a bulk write adds to a person already there: a role or notes where theirs are
/// empty (`None` leaves them), details appended after theirs, the day they left.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFill {
    pub role: Option<String>,
    pub notes: Option<String>,
    pub emails: Vec<Detail>,
    pub phones: Vec<Detail>,
    pub left: Option<Left>,
}

impl PersonFill {
    pub fn is_empty(&self) -> bool {
        *self == PersonFill::default()
    }
}

/// One open write. Nothing is visible to others until `finish`; dropping it without
/// finishing takes everything back. Values are written as given (not trimmed): the demo
/// and the import hand over clean ones. Every method returns the id of what it added.
pub trait Bulk {
    fn customer(&mut self, c: &NewCustomer, created_at: DateTime<Utc>) -> anyhow::Result<i64>;

    /// A customer with `main` as its main person (role, notes, every detail with its
    /// label), instead of the one `customer` makes from the customer's own fields; `c`'s
    /// e-mail and phone must be `main`'s first e-mail and first phone (the in-step rule);
    /// its name may be the account's own. Returns the customer's id and the person's.
    fn account(
        &mut self,
        c: &NewCustomer,
        main: &NewPerson,
        created_at: DateTime<Utc>,
    ) -> anyhow::Result<(i64, i64)>;

    /// A person at customer `customer_id` who is not its main contact; their id.
    fn person(&mut self, customer_id: i64, p: &NewPerson, created_at: DateTime<Utc>) -> anyhow::Result<i64>;

    /// Adds what `fill` holds to person `id`, keeping the customer in step when they
    /// are its main person.
    fn fill_person(&mut self, id: i64, fill: &PersonFill, now: DateTime<Utc>) -> anyhow::Result<()>;

    /// Calls `f` with the customer id, person id and name of everyone at every customer,
    /// oldest first; then `emails` with the customer id, person id and key
    /// (`DetailKind::key`) of every e-mail address: what an import matches people on.
    fn each_person_key(
        &self,
        f: &mut dyn FnMut(i64, i64, &str),
        emails: &mut dyn FnMut(i64, i64, &str),
    ) -> anyhow::Result<()>;

    /// A person as this write has them so far.
    fn person_so_far(&self, id: i64) -> anyhow::Result<Option<Person>>;

    /// A contact with the main contact (or no one named).
    fn interaction(
        &mut self,
        customer_id: i64,
        at: DateTime<Utc>,
        kind: Kind,
        note: &str,
        satisfaction: Option<u8>,
    ) -> anyhow::Result<i64> {
        self.interaction_with(customer_id, None, at, kind, note, satisfaction)
    }

    /// A contact with person `person_id` of the customer (`None`: no one named).
    fn interaction_with(
        &mut self,
        customer_id: i64,
        person_id: Option<i64>,
        at: DateTime<Utc>,
        kind: Kind,
        note: &str,
        satisfaction: Option<u8>,
    ) -> anyhow::Result<i64>;

    fn follow_up(
        &mut self,
        customer_id: i64,
        text: &str,
        due: NaiveDate,
        created_at: DateTime<Utc>,
        done_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// A decision moment; `status` is upcoming, won, lost or passed.
    // One parameter per field, like the other records a bulk write takes.
    #[allow(clippy::too_many_arguments)]
    fn moment(
        &mut self,
        customer_id: i64,
        title: &str,
        expected: NaiveDate,
        concerns: &str,
        steps: &str,
        response: &str,
        status: &str,
        planned_at: DateTime<Utc>,
        closed_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// Names the people of decision moment `moment_id` and their parts; each must be a
    /// person of the moment's customer.
    fn moment_people(&mut self, moment_id: i64, people: &[(i64, Part)]) -> anyhow::Result<()>;

    /// A switching trigger; `kind` is situational, reactional or influential.
    fn trigger(
        &mut self,
        customer_id: i64,
        kind: &str,
        note: &str,
        opened_at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// A trigger opened by a logged interaction, as a complaint opens a reactional one.
    fn trigger_from_interaction(
        &mut self,
        interaction_id: i64,
        customer_id: i64,
        kind: &str,
        note: &str,
        opened_at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    ) -> anyhow::Result<i64>;

    /// An entry on the give/take ledger; `side` is give or ask, `weight` 1 to 5.
    fn balance(
        &mut self,
        customer_id: i64,
        side: &str,
        note: &str,
        weight: u8,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64>;

    /// A ledger entry made by a logged interaction, as a gift is also a give.
    fn balance_from_interaction(
        &mut self,
        interaction_id: i64,
        customer_id: i64,
        side: &str,
        note: &str,
        weight: u8,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64>;

    /// An order (a sale); money in minor units.
    fn order(
        &mut self,
        customer_id: i64,
        ordered_on: NaiveDate,
        amount_cents: i64,
        currency: &str,
        note: &str,
        created_at: DateTime<Utc>,
    ) -> anyhow::Result<i64>;

    /// Calls `f` with the id, name, company and e-mail address of everyone in the book,
    /// archived customers too, oldest first: what an import matches its records on.
    fn each_customer_key(&self, f: &mut dyn FnMut(i64, &str, &str, &str)) -> anyhow::Result<()>;

    /// A customer as this write has them so far: their fields as written, and their last
    /// contact counted from the contacts written so far (the other summaries are brought
    /// up to date only by `finish`).
    fn customer_so_far(&self, id: i64) -> anyhow::Result<Option<Customer>>;

    /// Writes the fields `patch` holds, as they are.
    fn update_customer(&mut self, id: i64, patch: &CustomerPatch, now: DateTime<Utc>) -> anyhow::Result<()>;

    /// Brings the summaries of every customer written to up to date, and commits.
    fn finish(self: Box<Self>) -> anyhow::Result<()>;

    /// The situational trigger person `person_id` of customer `customer_id` opened by
    /// leaving, as marking them left opens it (`note`: `person::left_note`).
    fn leaver_trigger(
        &mut self,
        customer_id: i64,
        person_id: i64,
        note: &str,
        opened_at: DateTime<Utc>,
    ) -> anyhow::Result<i64>;
}
