//! What counts as an e-mail address, for every way one comes in (`add`, the customer form,
//! an import): one `@` between a local part and a domain, no spaces. Addresses may be
//! international (`иван@пример.рф`, RFC 6531), so letters of any script are fine. Pure:
//! unwrapping `Name <address>` forms is the importer's.

/// An e-mail address that is not one, as typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{typed}' is not an e-mail address: {why} — type it like jan@example.com")]
pub struct BadEmail {
    pub typed: String,
    pub why: &'static str,
}

/// Characters no address holds outside quotes (which nobody types for a customer).
const FORBIDDEN: &str = ",;:<>()[]\\\"";

/// `Ok` when `address` (already trimmed) reads as an e-mail address: one `@`, a local
/// part, and a domain of dot-separated names (`example.com`, or one plausible host name
/// such as `intranet`), each made of letters, digits and hyphens, not starting or
/// ending with a hyphen. No spaces or control characters anywhere.
pub fn check(address: &str) -> Result<(), BadEmail> {
    let bad = |why| {
        Err(BadEmail {
            typed: address.to_string(),
            why,
        })
    };
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("it holds a space or a control character");
    }
    let Some((local, domain)) = address.split_once('@') else {
        return bad("it has no @");
    };
    if domain.contains('@') {
        return bad("it has more than one @");
    }
    if local.is_empty() {
        return bad("nothing comes before the @");
    }
    if domain.is_empty() {
        return bad("no domain comes after the @");
    }
    if address.chars().any(|c| FORBIDDEN.contains(c)) {
        return bad("it holds a character no address has (, ; : < > ( ) [ ] \\ \")");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return bad("a dot starts, ends or doubles in the part before the @");
    }
    let plausible = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if !domain.split('.').all(plausible) {
        return bad("the domain after the @ is not a host name like example.com");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_people_have_are_addresses() {
        for ok in [
            "jan@example.com",
            "m.jansen+crm@jansen-verpakkingen.nl",
            "t.kuehne@kuehne-maschinenbau.de",
            "o'brien@example.ie",
            "иван@пример.рф",
            "山田太郎@example.jp",
            "jörg@müller.de",
            "admin@intranet",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn what_is_not_an_address_says_why_and_names_it() {
        for (bad, why) in [
            ("zoe@@example", "more than one @"),
            ("zoe@example@com", "more than one @"),
            ("zoe", "no @"),
            ("@example.com", "before the @"),
            ("zoe@", "no domain"),
            ("zoe @example.com", "a space"),
            ("zoe@exa mple.com", "a space"),
            ("a@b.nl, c@d.nl", "a space"),
            ("jan,piet@b.nl", "a character no address has"),
            ("zoe@example..com", "not a host name"),
            ("zoe@.example.com", "not a host name"),
            ("zoe@example.com.", "not a host name"),
            ("zoe@-example.com", "not a host name"),
            ("zoe@exam_ple.com", "not a host name"),
            ("zoe.@example.com", "a dot"),
            ("zoe\u{1b}@example.com", "a space"),
        ] {
            let err = check(bad).unwrap_err();
            assert!(err.why.contains(why), "{bad}: {err}");
            assert!(
                err.to_string()
                    .starts_with(&format!("'{bad}' is not an e-mail address"))
            );
        }
    }
}
