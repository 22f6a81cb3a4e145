//! Switching triggers: what makes customers leave. Plain data: knows neither the store nor
//! the screen; when one nudges is `nudge`'s.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

/// Situational: their situation changed (new contact person, merger, move). Reactional: an
/// incident (late delivery, missed SLA, complaint). Influential: a competitor's pull.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TriggerKind {
    Situational,
    Reactional,
    Influential,
}

impl TriggerKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TriggerKind::Situational => "situational",
            TriggerKind::Reactional => "reactional",
            TriggerKind::Influential => "influential",
        }
    }

    /// The kind after its article, as a sentence says it: "an influential", "a reactional".
    pub fn with_article(self) -> &'static str {
        match self {
            TriggerKind::Situational => "a situational",
            TriggerKind::Reactional => "a reactional",
            TriggerKind::Influential => "an influential",
        }
    }
}

impl fmt::Display for TriggerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown trigger kind '{0}' — use situational, reactional or influential")]
pub struct BadTriggerKind(pub String);

impl FromStr for TriggerKind {
    type Err = BadTriggerKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "situational" | "sit" => Ok(TriggerKind::Situational),
            "reactional" | "react" => Ok(TriggerKind::Reactional),
            "influential" | "infl" => Ok(TriggerKind::Influential),
            _ => Err(BadTriggerKind(s.to_string())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Trigger {
    pub id: i64,
    pub customer_id: i64,
    pub kind: TriggerKind,
    pub note: String,
    pub opened_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// How it was resolved ("sent a counter-offer at -5%"); empty when none was given.
    /// Defaulted for the rows an older journal entry holds.
    #[serde(default)]
    pub resolution_note: String,
    /// The person whose leaving opened it (a situational trigger `person left` opens);
    /// `None` for every other trigger. Defaulted for older journal entries.
    #[serde(default)]
    pub person_id: Option<i64>,
    /// For a leaver's trigger: the first contact since it opened with someone at the
    /// account other than the leaver (a contact with no one named counts as the main
    /// contact's, unless the leaver is the main contact). Read by the store with the
    /// trigger for the nudge rules; never journaled, `None` where it was not read.
    #[serde(skip)]
    pub answered_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::TriggerKind;

    #[test]
    fn a_kind_takes_the_article_its_sound_needs() {
        assert_eq!(TriggerKind::Influential.with_article(), "an influential");
        assert_eq!(TriggerKind::Reactional.with_article(), "a reactional");
        assert_eq!(TriggerKind::Situational.with_article(), "a situational");
    }
}
