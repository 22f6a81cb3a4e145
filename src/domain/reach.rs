//! How to reach someone: the name, e-mail address and phone number a quick action (copy
//! to the clipboard, open `mailto:` / `tel:`) works with, and the refusal when the one
//! asked for is missing. Built from a customer, a person of an account, or a week item's
//! person to contact. Pure: it knows neither the clipboard, the opener nor the screen.

use super::Customer;
use super::person::Person;

/// Whom to reach, and how they can be reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Who it is, as the messages name them ("Acme BV").
    pub name: String,
    /// Empty when there is none.
    pub email: String,
    /// As typed ("+31 20 555 0101"); empty when there is none.
    pub phone: String,
}

/// The way of reaching someone a quick action uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Means {
    Email,
    Phone,
}

impl Means {
    /// How messages name it: "e-mail address", "phone number".
    pub fn noun(self) -> &'static str {
        match self {
            Means::Email => "e-mail address",
            Means::Phone => "phone number",
        }
    }
}

impl Reach {
    /// The customer's own e-mail address and phone number.
    pub fn of_customer(customer: &Customer) -> Reach {
        Reach {
            name: customer.name.clone(),
            email: customer.email.trim().to_string(),
            phone: customer.phone.trim().to_string(),
        }
    }

    /// A person's first e-mail address and first phone number.
    pub fn of_person(person: &Person) -> Reach {
        Reach {
            name: person.name.clone(),
            email: person.email().trim().to_string(),
            phone: person.phone().trim().to_string(),
        }
    }

    /// Whether there is anything to copy or open.
    pub fn is_unreachable(&self) -> bool {
        self.email.is_empty() && self.phone.is_empty()
    }

    /// The address or number as written, or the refusal saying it is missing ("Acme has
    /// no e-mail address").
    pub fn get(&self, means: Means) -> Result<&str, String> {
        let value = match means {
            Means::Email => &self.email,
            Means::Phone => &self.phone,
        };
        if value.is_empty() {
            Err(format!("{} has no {}", self.name, means.noun()))
        } else {
            Ok(value)
        }
    }

    /// The `mailto:` or `tel:` URI for it, or the refusal saying it is missing. A `tel:`
    /// number keeps only its leading `+` and its digits.
    pub fn uri(&self, means: Means) -> Result<String, String> {
        let value = self.get(means)?;
        match means {
            Means::Email => Ok(format!("mailto:{value}")),
            Means::Phone => {
                let number = tel_number(value);
                if number.trim_start_matches('+').is_empty() {
                    Err(format!(
                        "{}'s phone number {value:?} has no digits to dial",
                        self.name
                    ))
                } else {
                    Ok(format!("tel:{number}"))
                }
            }
        }
    }
}

/// A phone number as a `tel:` URI takes it: a leading `+` and the digits. After a country
/// code the trunk prefix written "(0)" is not dialled ("+31 (0)20-555 0101" →
/// "+31205550101").
pub fn tel_number(phone: &str) -> String {
    let phone = phone.trim();
    let (plus, rest) = match phone.strip_prefix('+') {
        Some(rest) => ("+", rest.replace("(0)", "")),
        None => ("", phone.to_string()),
    };
    format!("{plus}{}", super::phone::digits(&rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme(email: &str, phone: &str) -> Reach {
        Reach {
            name: "Acme".into(),
            email: email.into(),
            phone: phone.into(),
        }
    }

    #[test]
    fn a_missing_address_is_refused_by_name() {
        let r = acme("", "+31 20 555 0101");
        assert_eq!(r.get(Means::Email), Err("Acme has no e-mail address".into()));
        assert_eq!(r.uri(Means::Email), Err("Acme has no e-mail address".into()));
        assert_eq!(
            acme("a@b", "").get(Means::Phone),
            Err("Acme has no phone number".into())
        );
        assert!(acme("", "").is_unreachable());
        assert!(!r.is_unreachable());
    }

    #[test]
    fn uris_are_mailto_and_tel_with_only_plus_and_digits() {
        let r = acme("anna@acme.example", "+31 (0)20-555 0101");
        assert_eq!(r.uri(Means::Email).as_deref(), Ok("mailto:anna@acme.example"));
        assert_eq!(r.uri(Means::Phone).as_deref(), Ok("tel:+31205550101"));
        assert_eq!(tel_number("+32 14 31 55 02"), "+3214315502");
        assert_eq!(tel_number("020 555 0101"), "0205550101");
        assert_eq!(tel_number(" 06-12 34 56 78"), "0612345678");
        assert_eq!(
            acme("", "ask reception").uri(Means::Phone),
            Err("Acme's phone number \"ask reception\" has no digits to dial".into())
        );
    }
}
