//! What a person types for a customer, a moment, a trigger or a give/ask, checked against
//! `limits` once for both front ends: the CLI's arguments and the TUI's form and prompts
//! call these before anything is written. The quick-log line checks itself in
//! `quicklog::parse`, tags in `Tags::new`, amounts in `Cents::parse`.

use super::limits::{FIELD_CHARS, NAME_CHARS, NOTE_CHARS, too_long};
use super::moment::NewMoment;

/// The first typed value that is too long, said so a person can act on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TooLong(pub String);

/// A customer's text as typed in `touchbase add` or the customer form.
#[derive(Debug, Clone, Copy, Default)]
pub struct CustomerText<'a> {
    pub name: &'a str,
    pub company: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub cadence: &'a str,
    pub notes: &'a str,
}

impl CustomerText<'_> {
    pub fn check(&self) -> Result<(), TooLong> {
        fits(&[
            ("name", self.name, NAME_CHARS),
            ("company", self.company, NAME_CHARS),
            ("e-mail address", self.email, FIELD_CHARS),
            ("phone number", self.phone, FIELD_CHARS),
            ("cadence", self.cadence, FIELD_CHARS),
            ("notes", self.notes, NOTE_CHARS),
        ])
    }
}

/// A new decision moment's title and fields.
pub fn moment(m: &NewMoment) -> Result<(), TooLong> {
    fits(&[
        ("title", &m.title, FIELD_CHARS),
        ("concerns field", &m.concerns, NOTE_CHARS),
        ("steps field", &m.steps, NOTE_CHARS),
        ("response field", &m.response, NOTE_CHARS),
    ])
}

/// What a follow-up says to do.
pub fn follow_up(text: &str) -> Result<(), TooLong> {
    fits(&[("follow-up", text, NOTE_CHARS)])
}

/// The note of a trigger, a give or an ask.
pub fn note(note: &str) -> Result<(), TooLong> {
    fits(&[("note", note, NOTE_CHARS)])
}

/// How a decision moment went.
pub fn outcome_note(note: &str) -> Result<(), TooLong> {
    fits(&[("outcome note", note, NOTE_CHARS)])
}

/// How a trigger was resolved.
pub fn resolution_note(note: &str) -> Result<(), TooLong> {
    fits(&[("resolution note", note, NOTE_CHARS)])
}

fn fits(fields: &[(&str, &str, usize)]) -> Result<(), TooLong> {
    match fields
        .iter()
        .find_map(|&(what, value, max)| too_long(what, value, max))
    {
        Some(message) => Err(TooLong(message)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_has_its_limit_and_is_named() {
        let name = "n".repeat(NAME_CHARS);
        let ok = CustomerText {
            name: &name,
            notes: &"x".repeat(NOTE_CHARS),
            ..CustomerText::default()
        };
        assert_eq!(ok.check(), Ok(()));
        let longer = format!("{name}é");
        let err = CustomerText { name: &longer, ..ok }.check().unwrap_err();
        assert_eq!(
            err.to_string(),
            "the name is longer than 200 characters (202 bytes) — shorten it"
        );
        let email = "e".repeat(FIELD_CHARS + 1);
        let err = CustomerText {
            email: &email,
            ..CustomerText::default()
        }
        .check()
        .unwrap_err();
        assert!(
            err.0.starts_with("the e-mail address is longer than 500"),
            "{err}"
        );
    }

    #[test]
    fn moments_and_notes() {
        let m = NewMoment {
            title: "Board decides".into(),
            steps: "s".repeat(NOTE_CHARS + 1),
            ..NewMoment::default()
        };
        let err = moment(&m).unwrap_err();
        assert!(
            err.0
                .starts_with("the steps field is longer than 20000 characters"),
            "{err}"
        );
        assert_eq!(note("christmas hamper"), Ok(()));
        assert!(note(&"n".repeat(NOTE_CHARS + 1)).is_err());
    }
}
