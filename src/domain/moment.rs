//! Decision moments: the decisive points in a customer's buying process, and how they end.
//! Plain data: knows neither the store nor the screen; when one nudges is `nudge`'s.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MomentStatus {
    #[default]
    Upcoming,
    Won,
    Lost,
    Passed,
}

impl MomentStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MomentStatus::Upcoming => "upcoming",
            MomentStatus::Won => "won",
            MomentStatus::Lost => "lost",
            MomentStatus::Passed => "passed",
        }
    }
}

impl fmt::Display for MomentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown outcome '{0}' — use won, lost or passed")]
pub struct BadOutcome(pub String);

impl FromStr for MomentStatus {
    type Err = BadOutcome;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "upcoming" => Ok(MomentStatus::Upcoming),
            "won" => Ok(MomentStatus::Won),
            "lost" => Ok(MomentStatus::Lost),
            "passed" => Ok(MomentStatus::Passed),
            _ => Err(BadOutcome(s.to_string())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moment {
    pub id: i64,
    pub customer_id: i64,
    pub title: String,
    pub expected: NaiveDate,
    pub concerns: String,
    pub steps: String,
    pub response: String,
    pub status: MomentStatus,
    pub planned_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// How it went, in words ("lost on price to Heller"); empty when none was given.
    /// Defaulted for the rows an older journal entry holds.
    #[serde(default)]
    pub outcome_note: String,
    /// Who takes part in it, and how: by part (decides, signs, champion, involved), then
    /// by name. Filled where a moment is read on its own or in its customer's buying
    /// process (`Moments::moment`, `moments_of`, the records); lists across customers
    /// (nudges, the week) leave it empty. Defaulted (empty) for an older journal entry.
    #[serde(default)]
    pub people: Vec<MomentPerson>,
}

/// How a person takes part in a decision moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Makes the decision.
    Decides,
    /// Signs the order or the contract.
    Signs,
    /// Champions us inside the customer.
    Champion,
    /// Takes part otherwise (`--with`).
    Involved,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Decides, Part::Signs, Part::Champion, Part::Involved];

    /// As stored, as the JSON says it, and as the form's field takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Decides => "decides",
            Part::Signs => "signs",
            Part::Champion => "champion",
            Part::Involved => "involved",
        }
    }

    /// As a phrase before names on the card: "decides Thomas", "with Jan".
    fn lead(self) -> &'static str {
        match self {
            Part::Involved => "with",
            other => other.as_str(),
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Part {
    type Err = BadPeople;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "decides" | "decide" | "decider" => Ok(Part::Decides),
            "signs" | "sign" | "signer" => Ok(Part::Signs),
            "champion" | "champions" => Ok(Part::Champion),
            "involved" | "with" => Ok(Part::Involved),
            _ => Err(BadPeople::Part(s.trim().to_string())),
        }
    }
}

/// A person taking part in a moment, as read: their id, their name now, their part.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MomentPerson {
    /// The person's id (`domain::person::Person::id`).
    pub id: i64,
    pub name: String,
    pub part: Part,
}

/// What the form's People field says is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadPeople {
    #[error(
        "'{0}' is not a part — use decides, signs, champion or involved, like \"decides: anna; signs: jan\""
    )]
    Part(String),
}

/// The names typed for each part, as comma lists ("anna, jan"); a part listed replaces
/// that part's people, a part not listed keeps them.
pub type TypedPeople = Vec<(Part, String)>;

/// Reads the form's People field: parts separated by `;`, each `part: names` or just
/// names (involved), names separated by `,` — "decides: anna; signs: jan; piet". Every
/// part not named comes back empty, so the field replaces the whole set.
pub fn parse_people(text: &str) -> Result<TypedPeople, BadPeople> {
    let mut lists: Vec<(Part, Vec<&str>)> = Part::ALL.iter().map(|&p| (p, Vec::new())).collect();
    for piece in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (part, names) = match piece.split_once(':') {
            Some((part, names)) => (part.parse::<Part>()?, names),
            None => (Part::Involved, piece),
        };
        if let Some((_, list)) = lists.iter_mut().find(|(p, _)| *p == part) {
            list.extend(names.split(',').map(str::trim).filter(|n| !n.is_empty()));
        }
    }
    Ok(lists
        .into_iter()
        .map(|(p, names)| (p, names.join(", ")))
        .collect())
}

/// The people as the form's People field shows them: "decides: Thomas Kühne; signs: Frau
/// Albrecht"; empty when none. `parse_people` reads it back.
pub fn people_text(people: &[MomentPerson]) -> String {
    grouped(people)
        .into_iter()
        .map(|(part, names)| format!("{part}: {}", names.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The people as the card's buying-process strip says them: "decides Thomas, signs Frau
/// Albrecht, with Jan & Piet"; empty when none.
pub fn people_phrase(people: &[MomentPerson]) -> String {
    grouped(people)
        .into_iter()
        .map(|(part, names)| format!("{} {}", part.lead(), names.join(" & ")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn grouped(people: &[MomentPerson]) -> Vec<(Part, Vec<&str>)> {
    Part::ALL
        .iter()
        .map(|&part| {
            let names = people
                .iter()
                .filter(|p| p.part == part)
                .map(|p| p.name.as_str())
                .collect();
            (part, names)
        })
        .filter(|(_, names): &(Part, Vec<&str>)| !names.is_empty())
        .collect()
}

/// What the user types for a new moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewMoment {
    pub title: String,
    pub expected: NaiveDate,
    pub concerns: String,
    pub steps: String,
    pub response: String,
    /// Who takes part, by person id; written with the moment.
    pub people: Vec<(i64, Part)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str, part: Part) -> MomentPerson {
        MomentPerson {
            id,
            name: name.into(),
            part,
        }
    }

    #[test]
    fn the_people_field_reads_parts_and_plain_names() {
        let typed = parse_people("decides: anna; Signs: jan, piet ; kees").unwrap();
        assert_eq!(
            typed,
            vec![
                (Part::Decides, "anna".to_string()),
                (Part::Signs, "jan, piet".to_string()),
                (Part::Champion, String::new()),
                (Part::Involved, "kees".to_string()),
            ]
        );
        assert_eq!(
            parse_people("")
                .unwrap()
                .iter()
                .filter(|(_, n)| !n.is_empty())
                .count(),
            0
        );
        let e = parse_people("boss: anna").unwrap_err();
        assert!(e.to_string().contains("'boss' is not a part"), "{e}");
    }

    #[test]
    fn people_are_said_by_part() {
        let people = [
            person(1, "Thomas", Part::Decides),
            person(3, "Jan", Part::Involved),
            person(2, "Frau Albrecht", Part::Signs),
            person(4, "Piet", Part::Involved),
        ];
        assert_eq!(
            people_phrase(&people),
            "decides Thomas, signs Frau Albrecht, with Jan & Piet"
        );
        let text = people_text(&people);
        assert_eq!(text, "decides: Thomas; signs: Frau Albrecht; involved: Jan, Piet");
        assert_eq!(
            parse_people(&text).unwrap()[3],
            (Part::Involved, "Jan, Piet".to_string())
        );
        assert_eq!(people_phrase(&[]), "");
    }
}
