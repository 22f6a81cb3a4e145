//! Counts and lists in the words a person reads them: "2 contacts", "1 order", "a, b and
//! c". Pure; shared by the use cases' messages and the store's refusals, so the same thing
//! is always said the same way.

/// "1 contact", "2 contacts".
pub fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a", "a and b", "a, b and c"; empty for nothing.
pub fn and_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// Each kind of a customer's records with how many there are, as a person names them,
/// leaving out the kinds with none: contacts, follow-ups, decision moments, triggers,
/// gives/asks, orders, in that order.
pub fn records(counts: [i64; 6]) -> Vec<String> {
    const NAMES: [(&str, &str); 6] = [
        ("contact", "contacts"),
        ("follow-up", "follow-ups"),
        ("decision moment", "decision moments"),
        ("trigger", "triggers"),
        ("give/ask", "gives/asks"),
        ("order", "orders"),
    ];
    counts
        .into_iter()
        .zip(NAMES)
        .filter(|(n, _)| *n > 0)
        .map(|(n, (one, many))| counted(n, one, many))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_counts_read_as_english() {
        assert_eq!(and_list(&[] as &[&str]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(counted(1, "order", "orders"), "1 order");
        assert_eq!(counted(0, "order", "orders"), "0 orders");
        assert_eq!(
            records([2, 0, 0, 1, 3, 0]),
            ["2 contacts", "1 trigger", "3 gives/asks"]
        );
        assert!(records([0; 6]).is_empty());
    }
}
