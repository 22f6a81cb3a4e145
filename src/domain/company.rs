//! Companies: what an account added as a person at a company is called, and the key
//! accounts of one company are matched on ("ACME B.V." is "Acme BV"), for adding,
//! importing, migrating and the demo alike. Pure: knows neither SQL nor the screen.

use super::words;

/// What an account is called when it is added as `name` at `company`: the company, so
/// that "Anna de Boer" at "Acme BV" makes the account "Acme BV" with Anna as its first
/// person. The name stays the account's when there is no company, or when the name is
/// the company already, shortened or in full ("Acme" at "Acme BV", "Acme BV" at "Acme":
/// every word of one is a word of the other). The same rule names accounts added,
/// imported, migrated and in the demo.
#[must_use]
pub fn account_name<'a>(name: &'a str, company: &'a str) -> &'a str {
    let (name, company) = (name.trim(), company.trim());
    if company.is_empty() {
        return name;
    }
    let of_company = words::words(company);
    let of_name = words::words(name);
    let within = |a: &[String], b: &[String]| a.iter().all(|w| b.contains(w));
    if within(&of_name, &of_company) || within(&of_company, &of_name) {
        return name;
    }
    company
}

/// Legal forms dropped from the end of a company's name when accounts are matched.
const LEGAL_FORMS: [&str; 22] = [
    "bv", "nv", "vof", "cv", "gmbh", "ag", "kg", "ohg", "ug", "ltd", "limited", "inc", "llc", "llp", "plc",
    "corp", "co", "sa", "sarl", "srl", "spa", "ab",
];

/// The key accounts are matched on: folded like `domain::words` (case and accents
/// ignored), every word stripped of punctuation ("B.V." is "bv"), legal forms at the end
/// dropped (BV, GmbH, Ltd, Inc, …, see `LEGAL_FORMS`), and the words joined without
/// spaces. "ACME B.V.", "Acme BV", "Acme" and "acme-" are one key; "Acme Tech" and
/// "AcmeTech" too. A name that is only a legal form keeps it.
pub fn company_key(company: &str) -> String {
    let mut parts: Vec<String> = words::fold(company)
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    while parts.len() > 1 && parts.last().is_some_and(|w| LEGAL_FORMS.contains(&w.as_str())) {
        parts.pop();
    }
    parts.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_named_after_its_company_unless_its_name_is_the_company() {
        assert_eq!(account_name("Anna de Boer", "Acme BV"), "Acme BV");
        assert_eq!(
            account_name(" Thomas Kühne ", " Kühne Maschinenbau "),
            "Kühne Maschinenbau"
        );
        assert_eq!(account_name("Marieke Jansen", ""), "Marieke Jansen");
        assert_eq!(account_name("Acme", "Acme BV"), "Acme");
        assert_eq!(account_name("Acme BV", "Acme"), "Acme BV");
        assert_eq!(account_name("ACME", "Acme B.V."), "ACME");
        assert_eq!(account_name("Kühne", "Kuhne GmbH"), "Kühne");
    }

    #[test]
    fn company_keys_ignore_case_punctuation_and_legal_forms() {
        for same in [
            "ACME B.V.",
            "Acme BV",
            "acme",
            "Acme, Inc.",
            "Acme GmbH",
            "Ácme Ltd",
        ] {
            assert_eq!(company_key(same), "acme", "{same}");
        }
        assert_eq!(company_key("Acme Tech"), company_key("AcmeTech"));
        assert_ne!(company_key("Acme Tech"), company_key("Acme"));
        assert_eq!(company_key("B.V."), "bv", "only a legal form keeps it");
        assert_eq!(company_key(""), "");
    }
}
