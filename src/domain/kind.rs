//! The kinds of contact a salesperson logs, and what each implies (a give, a trigger).
//! Knows neither the store nor the screen.

use std::fmt;
use std::str::FromStr;

/// What kind of contact an interaction was. `Note` is an internal note: it is kept on the
/// timeline but does not count as talking to the customer, so it leaves the cadence alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Call,
    Email,
    Meeting,
    Visit,
    Message,
    Note,
    Gift,
    Complaint,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Call,
        Kind::Email,
        Kind::Meeting,
        Kind::Visit,
        Kind::Message,
        Kind::Note,
        Kind::Gift,
        Kind::Complaint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Call => "call",
            Kind::Email => "email",
            Kind::Meeting => "meeting",
            Kind::Visit => "visit",
            Kind::Message => "message",
            Kind::Note => "note",
            Kind::Gift => "gift",
            Kind::Complaint => "complaint",
        }
    }

    /// Whether logging this kind counts as being in touch with the customer.
    pub fn is_contact(self) -> bool {
        self != Kind::Note
    }

    /// A gift is also a give on the give/take balance.
    pub fn is_give(self) -> bool {
        self == Kind::Gift
    }

    /// A complaint is a reactional switching trigger until it is resolved.
    pub fn opens_reactional_trigger(self) -> bool {
        self == Kind::Complaint
    }

    /// "call, email, meeting, …" for error messages.
    pub fn list() -> String {
        Kind::ALL.map(Kind::as_str).join(", ")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind '{0}' — use one of: {list}", list = Kind::list())]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == lower)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
        }
    }

    #[test]
    fn unknown_kind_lists_the_kinds() {
        let err = "bogus".parse::<Kind>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown kind 'bogus' — use one of: call, email, meeting, visit, message, note, gift, complaint"
        );
    }
}
