//! The customers part of the contract: adding, editing and archiving customers, finding
//! them by id or name, and the book in pages, in neighbours and as a whole (the active
//! customers, or the archive). Knows no SQL.

use chrono::{DateTime, NaiveDate, Utc};

use super::NotFound;
use crate::domain::{Cadence, Customer, Tags};

#[derive(Debug, Clone, Default)]
pub struct NewCustomer {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub tags: Tags,
    pub cadence: Option<Cadence>,
    pub notes: String,
}

/// A change to some fields of a customer; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CustomerPatch {
    pub name: Option<String>,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tags: Option<Tags>,
    pub cadence: Option<Cadence>,
    pub notes: Option<String>,
}

/// A customer as the book lists them: with the next open follow-up.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRow {
    pub customer: Customer,
    pub next_follow_up: Option<NaiveDate>,
}

/// The orders the book keeps customers in (an index each), for reading them a page, a
/// neighbour or all at a time. Sorting by urgency is the use cases' (`app::customers::Sort`):
/// urgency is scored, not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Oldest contact first; never-contacted customers before everyone, by id.
    #[default]
    LastContact,
    /// By name, ties by id.
    Name,
    /// Highest lifetime value first, ties by the newest id.
    Value,
}

/// The customers a typed name finds, from the surest to the loosest match; names and
/// words compared folded (`domain::words`: ignoring case and accents).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Named {
    /// Whose name is the typed one, or who was merged from a customer of that name; by id.
    pub exact: Vec<Customer>,
    /// Whose name starts with it (the exact ones too), by name.
    pub starting: Vec<Customer>,
    /// Each typed word starts a word of whose name, company or former name, by name.
    pub by_words: Vec<Customer>,
}

/// What the fuzzy filter searches, for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub email: String,
    pub tags: String,
    /// Their people's names, e-mail addresses and phone numbers other than the
    /// customer's own, one a line.
    pub people: String,
}

/// Customers: every read lists active (not archived) customers only, unless it says it
/// reads the archive; a single customer is found by id whether archived or not.
pub trait Customers {
    /// Adds a customer, its text trimmed, with the default cadence unless one is given.
    fn add_customer(&mut self, new: &NewCustomer, now: DateTime<Utc>) -> anyhow::Result<Customer>;

    /// Writes the fields `patch` holds (trimmed, but for the notes) and nothing else.
    fn update_customer(
        &mut self,
        id: i64,
        patch: &CustomerPatch,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Customer>;

    /// Archives customer `id` (`archived`), or brings them back from the archive. The
    /// flag is read and written in one transaction, so of two writers setting it only
    /// one changes it. `false` when it already was so and nothing was written.
    fn set_archived(&mut self, id: i64, archived: bool, now: DateTime<Utc>) -> anyhow::Result<bool>;

    fn customer(&self, id: i64) -> anyhow::Result<Option<Customer>>;

    /// The customer, or `NotFound`.
    fn require_customer(&self, id: i64) -> anyhow::Result<Customer> {
        self.customer(id)?
            .ok_or_else(|| NotFound::new("customer", id).into())
    }

    /// The active customers `typed` finds, tier by tier (see [`Named`]), at most `limit`
    /// in each.
    fn customers_named(&self, typed: &str, limit: usize) -> anyhow::Result<Named>;

    /// As `customers_named`, in the archive.
    fn archived_customers_named(&self, typed: &str, limit: usize) -> anyhow::Result<Named>;

    /// One page of the book in `sort` order.
    fn list_customers(&self, sort: SortKey, offset: usize, limit: usize) -> anyhow::Result<Vec<CustomerRow>>;

    /// The page that ends `skip` rows before the end of the book, in `sort` order: the
    /// same page as `list_customers(sort, total - skip - limit, limit)`, for a page deep
    /// in a large book, which is quicker read from the nearer end.
    fn list_customers_from_end(
        &self,
        sort: SortKey,
        skip: usize,
        limit: usize,
    ) -> anyhow::Result<Vec<CustomerRow>>;

    /// The customer right after `c` in `sort` order (`forward`), or right before it; the
    /// same neighbours as in `list_customers`.
    fn neighbour(&self, sort: SortKey, c: &Customer, forward: bool) -> anyhow::Result<Option<CustomerRow>>;

    /// Calls `f` with every customer in `sort` order, streamed, so a large book needs no
    /// paging; an error from `f` stops the walk.
    fn each_customer(
        &self,
        sort: SortKey,
        f: &mut dyn FnMut(CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()>;

    /// As `each_customer`, over the archive.
    fn each_archived_customer(
        &self,
        sort: SortKey,
        f: &mut dyn FnMut(CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()>;

    /// Calls `f` with every customer on the shelf (`archived` or the active ones) and its
    /// place in `sort` order (0 is first), in whatever order reads the whole shelf
    /// quickest, all from one snapshot of the book: for a reader that needs every row before
    /// it writes the first (a JSON array), where `each_customer` streams the first at once
    /// but walks the rest slower. An error from `f` stops the walk.
    fn each_customer_placed(
        &self,
        sort: SortKey,
        archived: bool,
        f: &mut dyn FnMut(usize, CustomerRow) -> anyhow::Result<()>,
    ) -> anyhow::Result<()>;

    /// Calls `f` with every customer in the order they were added.
    fn each_customer_by_id(&self, f: &mut dyn FnMut(Customer) -> anyhow::Result<()>) -> anyhow::Result<()>;

    fn count_customers(&self) -> anyhow::Result<usize>;

    /// Whether there is any customer; cheaper than counting a large book.
    fn has_customers(&self) -> anyhow::Result<bool>;

    /// Every customer's id, in last-contact order.
    fn customer_ids(&self) -> anyhow::Result<Vec<i64>>;

    /// Every customer's searchable text, in last-contact order (so equal fuzzy scores keep
    /// the book's order).
    fn customer_index(&self) -> anyhow::Result<Vec<IndexEntry>>;

    /// As `customer_index`, for the archive.
    fn archived_index(&self) -> anyhow::Result<Vec<IndexEntry>>;

    /// The rows for `ids` (archived or not), in the order given; ids of no customer are
    /// left out.
    fn customer_rows(&self, ids: &[i64]) -> anyhow::Result<Vec<CustomerRow>>;
}
