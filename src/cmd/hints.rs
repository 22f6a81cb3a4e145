//! What the command line adds to the errors of the store and the use cases: where to find
//! an id, how to pass another book. They say what is wrong; this says what to type
//! instead. Knows their error types, not how they work.

use std::error::Error as StdError;
use std::fmt;

use crate::app::Refused;
use crate::store::{NotFound, OpenError};

/// An error with the command-line hint that goes with it.
#[derive(Debug)]
struct Hinted {
    error: anyhow::Error,
    hint: &'static str,
}

impl fmt::Display for Hinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#} — {}", self.error, self.hint)
    }
}

// No source: the message already holds the whole chain, so it is printed once.
impl StdError for Hinted {}

/// `e` with a hint added when it is a store error a person can act on from the command
/// line; other errors as they are.
pub(super) fn hinted(e: anyhow::Error) -> anyhow::Error {
    match e.chain().find_map(hint) {
        Some(hint) => Hinted { error: e, hint }.into(),
        None => e,
    }
}

fn hint(e: &(dyn StdError + 'static)) -> Option<&'static str> {
    if let Some(Refused::NoCustomerGiven | Refused::NoSuchCustomer(_)) = e.downcast_ref::<Refused>() {
        return Some("see `touchbase list`");
    }
    if let Some(missing) = e.downcast_ref::<NotFound>() {
        return Some(match missing.what {
            "customer" => "see `touchbase list` for ids",
            "follow-up" => "see `touchbase due` or `touchbase show CUSTOMER` for ids",
            _ => "see `touchbase show CUSTOMER` for ids",
        });
    }
    match e.downcast_ref::<OpenError>()? {
        OpenError::Damaged { .. } => Some("pass another file with --db, or restore a backup"),
        OpenError::NotADatabase { .. } | OpenError::Foreign { .. } => Some("pass another file with --db"),
        OpenError::CannotCreateDir { .. } | OpenError::CannotCreateFile { .. } => {
            Some("pass a writable location with --db or TOUCHBASE_DB")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_record_is_told_where_to_find_the_ids() {
        let e = anyhow::Error::new(NotFound::new("customer", 42));
        assert_eq!(
            hinted(e).to_string(),
            "no customer with id 42 — see `touchbase list` for ids"
        );
        let e = anyhow::Error::new(NotFound::new("follow-up", 7)).context("marking it done");
        assert_eq!(
            hinted(e).to_string(),
            "marking it done: no follow-up with id 7 — see `touchbase due` or `touchbase show CUSTOMER` for ids"
        );
    }

    #[test]
    fn other_errors_are_left_alone() {
        let e = hinted(anyhow::anyhow!("no customer matches 'Zed'"));
        assert_eq!(e.to_string(), "no customer matches 'Zed'");
    }
}
