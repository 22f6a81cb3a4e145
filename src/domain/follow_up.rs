//! A follow-up: a dated promise to a customer, and the rules for the dates typed for one (a
//! new follow-up's line, a snooze). Knows neither the store nor where it was typed.

use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FollowUp {
    pub id: i64,
    pub customer_id: i64,
    pub text: String,
    pub due: NaiveDate,
    pub done_at: Option<DateTime<Utc>>,
}

impl FollowUp {
    /// Days past due on `today`; negative when it is still ahead.
    pub(crate) fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days()
    }
}

/// The day a snooze moves a follow-up to. An offset ("+3d", "in 2 weeks") pushes it on from
/// its own date, or from today once it is overdue, so it always moves later; a named day
/// ("fri", "next week", "2026-12-01") means that day, even when it is before the follow-up's
/// own date (the caller says it was moved earlier).
pub fn snooze_until(
    input: &str,
    due: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, super::when::BadWhen> {
    let t = input.trim().trim_start_matches('@').trim_start();
    let is_offset = t.starts_with('+')
        || t.starts_with("in ")
        || t.starts_with(|c: char| c.is_ascii_digit()) && !t.contains('-');
    super::when::parse_when(input, if is_offset { due.max(today) } else { today })
}

/// "send proposal @fri" → ("send proposal", next Friday); without `@when`, tomorrow.
pub fn parse_plan(line: &str, today: NaiveDate) -> Result<(String, NaiveDate), String> {
    let line = line.trim();
    let (text, due) = match line
        .rfind(" @")
        .map(|i| (i, &line[i + 1..]))
        .or_else(|| line.starts_with('@').then_some((0, line)))
    {
        Some((i, when)) => {
            let due = super::when::parse_when(when, today).map_err(|e| e.to_string())?;
            (line[..i].trim(), due)
        }
        None => (line, today.succ_opt().unwrap_or(today)),
    };
    if text.is_empty() {
        return Err("type what to do, then the day: 'send proposal @fri'".to_string());
    }
    if let Some(message) = super::limits::too_long("follow-up", text, super::limits::NOTE_CHARS) {
        return Err(message);
    }
    if due < today {
        return Err(format!(
            "{} is in the past — a follow-up needs a date from today on",
            due.format("%Y-%m-%d")
        ));
    }
    Ok((text.to_string(), due))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn snooze_offsets_push_from_the_due_date_named_days_are_that_day() {
        let today = day("2026-11-23");
        let ahead = day("2026-11-26");
        let overdue = day("2026-11-20");
        assert_eq!(snooze_until("+3d", ahead, today), Ok(day("2026-11-29")));
        assert_eq!(snooze_until("+3d", overdue, today), Ok(day("2026-11-26")));
        assert_eq!(snooze_until("3d", ahead, today), Ok(day("2026-11-29")));
        assert_eq!(snooze_until("in 1 week", ahead, today), Ok(day("2026-12-03")));
        assert_eq!(snooze_until("tomorrow", ahead, today), Ok(day("2026-11-24")));
        assert_eq!(snooze_until("fri", ahead, today), Ok(day("2026-11-27")));
        assert_eq!(snooze_until("2026-12-01", ahead, today), Ok(day("2026-12-01")));
    }

    #[test]
    fn a_plan_is_text_and_a_day() {
        let today = day("2026-11-23");
        assert_eq!(
            parse_plan("send proposal @fri", today),
            Ok(("send proposal".into(), day("2026-11-27")))
        );
        assert_eq!(
            parse_plan("call back", today),
            Ok(("call back".into(), day("2026-11-24")))
        );
        assert_eq!(
            parse_plan("mail jan@acme.nl @+1w", today),
            Ok(("mail jan@acme.nl".into(), day("2026-11-30")))
        );
        assert!(parse_plan("@fri", today).unwrap_err().contains("type what to do"));
        assert!(
            parse_plan("x @someday", today).unwrap_err().contains("'someday'")
                || parse_plan("x @someday", today).unwrap_err().contains("someday")
        );
        assert!(
            parse_plan("x @2026-01-01", today)
                .unwrap_err()
                .contains("in the past")
        );
    }
}
