//! Turning what the user typed for CUSTOMER (an id, or a name prefix) into one customer.

use std::fmt::Write as _;

use anyhow::bail;

use crate::domain::Customer;
use crate::domain::text::sanitize;
use crate::store::Book;

const SHOWN: usize = 10;

/// An id, an exact name (ignoring case), or a prefix of exactly one name.
pub fn customer(store: &dyn Book, arg: &str) -> anyhow::Result<Customer> {
    let arg = arg.trim();
    if arg.is_empty() {
        bail!("no customer given — pass an id or the start of a name (see `touchbase list`)");
    }
    if let Ok(id) = arg.parse::<i64>() {
        return store.require_customer(id);
    }
    let (exact, prefixed) = store.customers_named(arg, SHOWN + 1)?;
    if let [one] = exact.as_slice() {
        return Ok(one.clone());
    }
    let candidates = if exact.is_empty() { prefixed } else { exact };
    match candidates.as_slice() {
        [] => bail!("no customer is called '{arg}' or has a name starting with it — see `touchbase list`"),
        [one] => Ok(one.clone()),
        many => {
            let mut msg =
                format!("'{arg}' matches more than one customer — use more of the name, or the id:");
            for c in many.iter().take(SHOWN) {
                let _ = write!(msg, "\n  {:>6}  {}", c.id, sanitize(&c.name));
                if !c.company.is_empty() {
                    let _ = write!(msg, " ({})", sanitize(&c.company));
                }
            }
            if many.len() > SHOWN {
                msg.push_str("\n  …");
            }
            bail!(msg)
        }
    }
}
