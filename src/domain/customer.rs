//! A customer, their keep-in-touch cadence, their tags, the summary kept with them and how
//! fresh the contact is. Plain data and its rules: knows neither the store nor the screen.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

use super::balance::Balance;
use super::money::Cents;

/// How often we mean to be in touch, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Cadence(u32);

impl Cadence {
    pub const DEFAULT: Cadence = Cadence(30);
    const MAX_DAYS: u32 = 3650;

    pub fn days(self) -> u32 {
        self.0
    }

    pub fn from_days(days: u32) -> Result<Self, BadCadence> {
        if (1..=Self::MAX_DAYS).contains(&days) {
            Ok(Cadence(days))
        } else {
            Err(BadCadence(days.to_string()))
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}d", self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cadence '{0}' is not understood — use days, weeks or months between 1d and 3650d, like 14d, 2w or 3m"
)]
pub struct BadCadence(pub String);

impl FromStr for Cadence {
    type Err = BadCadence;

    /// `30`, `30d`, `2w`, `3m` (a month counts as 30 days).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadCadence(s.to_string());
        let t = s.trim().to_ascii_lowercase();
        let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            Some((i, _)) => t.split_at(i),
            None => (t.as_str(), "d"),
        };
        let n: u32 = digits.parse().map_err(|_| bad())?;
        let per = match unit.trim() {
            "d" | "day" | "days" => 1,
            "w" | "week" | "weeks" => 7,
            "m" | "month" | "months" => 30,
            _ => return Err(bad()),
        };
        n.checked_mul(per)
            .and_then(|d| Cadence::from_days(d).ok())
            .ok_or_else(bad)
    }
}

/// A customer's tags: lowercase, without `#`, sorted and unique.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Tags(Vec<String>);

impl Tags {
    pub fn new<I, S>(tags: I) -> Result<Self, BadTag>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = Vec::new();
        for tag in tags {
            let raw = tag.as_ref();
            // Before anything echoes it: a tag past the limit is refused, not quoted.
            if let Some(message) = super::limits::too_long("tag", raw, super::limits::FIELD_CHARS) {
                return Err(BadTag::TooLong(message));
            }
            let t = raw.trim().trim_start_matches('#').to_lowercase();
            if t.is_empty() {
                continue;
            }
            if !t
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '/')
            {
                return Err(BadTag::Characters(raw.to_string()));
            }
            out.push(t);
        }
        out.sort();
        out.dedup();
        Ok(Tags(out))
    }

    /// Reads the stored form (space separated); stored tags were validated on the way in.
    pub fn from_stored(s: &str) -> Self {
        Tags(s.split_whitespace().map(str::to_string).collect())
    }

    pub fn to_stored(&self) -> String {
        self.0.join(" ")
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, tag: &str) -> bool {
        self.0.iter().any(|t| t == tag)
    }

    /// These tags plus `more`, still sorted and unique.
    #[must_use]
    pub fn union(&self, more: &Tags) -> Tags {
        let mut all = self.0.clone();
        all.extend(more.0.iter().cloned());
        all.sort();
        all.dedup();
        Tags(all)
    }
}

impl fmt::Display for Tags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hashed: Vec<String> = self.0.iter().map(|t| format!("#{t}")).collect();
        f.write_str(&hashed.join(" "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadTag {
    #[error("tag '{0}' may hold only letters, digits, '-', '_' and '/'")]
    Characters(String),
    #[error("{0}")]
    TooLong(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub tags: Tags,
    pub cadence: Cadence,
    pub notes: String,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub last_contact_at: Option<DateTime<Utc>>,
    pub summary: Summary,
    /// Parked until a day: their cadence and staleness do not count before it.
    pub paused: Option<Pause>,
}

/// A customer paused until a day, with why ("on sabbatical until March").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pause {
    /// The day counting starts again.
    pub until: NaiveDate,
    pub reason: String,
}

/// The relationship at a glance, kept by the store in step with the contacts, orders and
/// give/take entries it sums up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Lifetime value so far.
    pub value: Cents,
    pub last_order_on: Option<NaiveDate>,
    /// The latest satisfaction recorded, and the one before it.
    pub satisfaction: Option<u8>,
    pub prev_satisfaction: Option<u8>,
    pub satisfaction_at: Option<DateTime<Utc>>,
    pub balance: Balance,
    pub last_give_at: Option<DateTime<Utc>>,
    /// The latest interaction of any kind, notes included.
    pub last_logged_at: Option<DateTime<Utc>>,
}

impl Customer {
    /// The company, where it says more than the account's name: "Acme BV" for an account
    /// "Acme" or "Jan Smit", nothing for the account "Acme BV" (named after it).
    pub fn company_apart(&self) -> Option<&str> {
        let company = self.company.trim();
        (!company.is_empty() && super::words::key(company) != super::words::key(&self.name))
            .then_some(company)
    }

    /// When the cadence runs out: a cadence after the last contact, or after the customer
    /// was added when there has been no contact yet.
    pub fn touch_due_at(&self) -> DateTime<Utc> {
        self.last_contact_at.unwrap_or(self.created_at)
            + chrono::Duration::days(i64::from(self.cadence.days()))
    }

    /// The pause still holding on `today`: none once its day has come.
    pub fn paused_on(&self, today: NaiveDate) -> Option<&Pause> {
        self.paused.as_ref().filter(|p| p.until > today)
    }

    /// Days since last contact divided by the cadence: below 1 is fine, above 1 is overdue.
    #[allow(clippy::cast_precision_loss)]
    pub fn staleness(&self, now: DateTime<Utc>) -> f64 {
        staleness(self.last_contact_at.unwrap_or(self.created_at), self.cadence, now)
    }
}

#[allow(clippy::cast_precision_loss)]
pub fn staleness(since: DateTime<Utc>, cadence: Cadence, now: DateTime<Utc>) -> f64 {
    let secs = (now - since).num_seconds().max(0) as f64;
    secs / 86_400.0 / f64::from(cadence.days())
}

impl Summary {
    /// "very satisfied (5), up from 4": satisfied (4) and very satisfied (5) are different
    /// states — only the very satisfied are reliably loyal.
    pub fn satisfaction_words(&self) -> Option<String> {
        let now = self.satisfaction?;
        let words = match now {
            5 => "very satisfied",
            4 => "satisfied",
            3 => "neutral",
            2 => "dissatisfied",
            _ => "very dissatisfied",
        };
        let trend = match self.prev_satisfaction {
            Some(before) if before < now => format!(", up from {before}"),
            Some(before) if before > now => format!(", down from {before}"),
            Some(_) => ", steady".to_string(),
            None => String::new(),
        };
        Some(format!("{words} ({now}){trend}"))
    }
}

/// How fresh the relationship is, for colouring "last contact".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Ok,
    DueSoon,
    Overdue,
}

impl Freshness {
    /// Due soon is the last fifth of the cadence.
    pub fn of(staleness: f64) -> Freshness {
        if staleness > 1.0 {
            Freshness::Overdue
        } else if staleness >= 0.8 {
            Freshness::DueSoon
        } else {
            Freshness::Ok
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cadence_reads_days_weeks_and_months() {
        assert_eq!("30".parse::<Cadence>().unwrap().days(), 30);
        assert_eq!("14d".parse::<Cadence>().unwrap().days(), 14);
        assert_eq!("2w".parse::<Cadence>().unwrap().days(), 14);
        assert_eq!("3m".parse::<Cadence>().unwrap().days(), 90);
        assert_eq!("2 weeks".parse::<Cadence>().unwrap().days(), 14);
    }

    #[test]
    fn cadence_refuses_nonsense_and_zero() {
        for bad in ["", "0d", "abc", "3y", "-5d", "99999999999d", "4000d"] {
            let err = bad.parse::<Cadence>().unwrap_err().to_string();
            assert!(err.contains(&format!("'{bad}'")), "{err}");
        }
    }

    #[test]
    fn tags_are_normalised() {
        let tags = Tags::new(["#VIP", "logistics", "vip", " "]).unwrap();
        assert_eq!(tags.as_slice(), ["logistics", "vip"]);
        assert_eq!(tags.to_string(), "#logistics #vip");
        assert_eq!(Tags::from_stored(&tags.to_stored()), tags);
    }

    #[test]
    fn tags_refuse_spaces_and_punctuation() {
        assert!(Tags::new(["two words"]).is_err());
        assert!(Tags::new(["semi;colon"]).is_err());
    }

    #[test]
    fn satisfied_and_very_satisfied_read_differently() {
        let mut s = Summary {
            satisfaction: Some(4),
            prev_satisfaction: Some(5),
            ..Summary::default()
        };
        assert_eq!(s.satisfaction_words().unwrap(), "satisfied (4), down from 5");
        s.satisfaction = Some(5);
        assert_eq!(s.satisfaction_words().unwrap(), "very satisfied (5), steady");
        s.prev_satisfaction = None;
        assert_eq!(s.satisfaction_words().unwrap(), "very satisfied (5)");
        assert_eq!(Summary::default().satisfaction_words(), None);
    }

    #[test]
    fn freshness_turns_at_four_fifths_and_at_the_cadence() {
        assert_eq!(Freshness::of(0.79), Freshness::Ok);
        assert_eq!(Freshness::of(0.8), Freshness::DueSoon);
        assert_eq!(Freshness::of(1.0), Freshness::DueSoon);
        assert_eq!(Freshness::of(1.01), Freshness::Overdue);
    }
}
