//! A follow-up: a dated promise to a customer, and the rules for the dates typed for one (a
//! new follow-up's line, a snooze). Knows neither the store nor where it was typed.

use chrono::{DateTime, NaiveDate, Utc};

use super::workdays::Workdays;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
/// its own date, or from today once it is overdue, so it always moves later, and lands on a
/// workday; a named day ("fri", "2026-12-01") means that day, even when it is before the
/// follow-up's own date (the caller says it was moved earlier).
pub fn snooze_until(
    input: &str,
    due: NaiveDate,
    today: NaiveDate,
    workdays: Workdays,
) -> Result<NaiveDate, super::when::BadWhen> {
    let t = input.trim().trim_start_matches('@').trim_start();
    let is_offset = t.starts_with('+')
        || t.starts_with("in ")
        || t.starts_with(|c: char| c.is_ascii_digit()) && !t.contains('-');
    super::when::parse_workday(input, if is_offset { due.max(today) } else { today }, workdays)
}

/// "send proposal @fri" → ("send proposal", next Friday); without `@when`, the next workday.
pub fn parse_plan(line: &str, today: NaiveDate, workdays: Workdays) -> Result<(String, NaiveDate), String> {
    let line = line.trim();
    let (text, due) = match line
        .rfind(" @")
        .map(|i| (i, &line[i + 1..]))
        .or_else(|| line.starts_with('@').then_some((0, line)))
    {
        Some((i, when)) => {
            let due = super::when::parse_workday(when, today, workdays).map_err(|e| e.to_string())?;
            (line[..i].trim(), due)
        }
        None => (line, workdays.on_or_after(today.succ_opt().unwrap_or(today))),
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
        assert_eq!(
            snooze_until("+3d", ahead, today, Workdays::ALL),
            Ok(day("2026-11-29"))
        );
        assert_eq!(
            snooze_until("+3d", overdue, today, Workdays::ALL),
            Ok(day("2026-11-26"))
        );
        assert_eq!(
            snooze_until("3d", ahead, today, Workdays::ALL),
            Ok(day("2026-11-29"))
        );
        assert_eq!(
            snooze_until("in 1 week", ahead, today, Workdays::ALL),
            Ok(day("2026-12-03"))
        );
        assert_eq!(
            snooze_until("tomorrow", ahead, today, Workdays::ALL),
            Ok(day("2026-11-24"))
        );
        assert_eq!(
            snooze_until("fri", ahead, today, Workdays::ALL),
            Ok(day("2026-11-27"))
        );
        assert_eq!(
            snooze_until("2026-12-01", ahead, today, Workdays::ALL),
            Ok(day("2026-12-01"))
        );
    }

    #[test]
    fn worked_out_days_land_on_a_workday_named_days_as_given() {
        let friday = day("2026-11-27");
        let w = Workdays::default();
        assert_eq!(
            parse_plan("call back", friday, w),
            Ok(("call back".into(), day("2026-11-30")))
        );
        assert_eq!(parse_plan("x @+1d", friday, w).unwrap().1, day("2026-11-30"));
        assert_eq!(parse_plan("x @sat", friday, w).unwrap().1, day("2026-11-28"));
        assert_eq!(parse_plan("x @tomorrow", friday, w).unwrap().1, day("2026-11-28"));
        assert_eq!(
            parse_plan("x @2026-11-29", friday, w).unwrap().1,
            day("2026-11-29")
        );
        assert_eq!(
            snooze_until("+3d", day("2026-11-25"), friday, w),
            Ok(day("2026-11-30"))
        );
        assert_eq!(
            snooze_until("+1d", day("2026-11-30"), friday, w),
            Ok(day("2026-12-01"))
        );
        assert_eq!(
            snooze_until("sun", day("2026-11-30"), friday, w),
            Ok(day("2026-11-29"))
        );
    }

    #[test]
    fn a_plan_is_text_and_a_day() {
        let today = day("2026-11-23");
        assert_eq!(
            parse_plan("send proposal @fri", today, Workdays::ALL),
            Ok(("send proposal".into(), day("2026-11-27")))
        );
        assert_eq!(
            parse_plan("call back", today, Workdays::ALL),
            Ok(("call back".into(), day("2026-11-24")))
        );
        assert_eq!(
            parse_plan("mail jan@acme.nl @+1w", today, Workdays::ALL),
            Ok(("mail jan@acme.nl".into(), day("2026-11-30")))
        );
        assert!(
            parse_plan("@fri", today, Workdays::ALL)
                .unwrap_err()
                .contains("type what to do")
        );
        assert!(
            parse_plan("x @someday", today, Workdays::ALL)
                .unwrap_err()
                .contains("'someday'")
                || parse_plan("x @someday", today, Workdays::ALL)
                    .unwrap_err()
                    .contains("someday")
        );
        assert!(
            parse_plan("x @2026-01-01", today, Workdays::ALL)
                .unwrap_err()
                .contains("in the past")
        );
    }
}
