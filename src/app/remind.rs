//! The daily digest `touchbase remind` delivers: the overdue follow-ups, today's, the
//! decision moments to prepare for, then the top nudges none of those lines already says,
//! each with its item code; and the record of a delivered digest. A read model beside
//! `agenda` and `due`, over the same reads: the follow-ups and moments from the store's
//! range reads (`domain::remind` says which days), the nudges from the agenda's ranking.
//! Knows neither the channels nor how a digest is written out.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::agenda;
use crate::clock::Now;
use crate::config::Config;
use crate::domain::item_code::ItemCode;
use crate::domain::moment::{Moment, MomentStatus};
use crate::domain::nudge::{self, NudgeKind, Quiet};
use crate::domain::remind::DigestDays;
use crate::domain::{Customer, FollowUp};
use crate::store::{Book, By, RemindRun, Setting, Stream};

/// How many lines each section holds in all, listed or not: what `touchbase status`
/// prints, and the digest's subject.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub overdue: usize,
    pub today: usize,
    pub prepare: usize,
}

impl Counts {
    pub fn is_empty(self) -> bool {
        self.overdue + self.today + self.prepare == 0
    }
}

/// Which part of the digest a line is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Overdue,
    Today,
    Prepare,
    Nudge,
}

impl Section {
    pub const ALL: [Section; 4] = [Section::Overdue, Section::Today, Section::Prepare, Section::Nudge];
}

/// One thing to do, as the digest lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub section: Section,
    pub code: ItemCode,
    pub customer_id: i64,
    pub customer: String,
    /// The follow-up's text, the moment's title, or what the nudge asks for.
    pub what: String,
    /// Why it is here, as `due` says it.
    pub reason: String,
    /// The follow-up's due day or the moment's expected day.
    pub date: Option<NaiveDate>,
    pub kind: NudgeKind,
}

/// Today's digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    /// The local day it is for.
    pub day: NaiveDate,
    /// Every line of the first three sections, listed or not.
    pub counts: Counts,
    /// The lines, by section; each section's first `[nudge] limit`.
    pub lines: Vec<Line>,
    /// How many lines of each of the first three sections the limit left out.
    pub more: Counts,
    /// With `since_last`: when the digest compared against was delivered, and how many
    /// lines it already held (left out here).
    pub since: Option<(chrono::DateTime<chrono::Utc>, usize)>,
    /// Every line's code, listed or left out as not new: what a delivery records.
    pub codes: Vec<String>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The lines of `section`.
    pub fn section(&self, section: Section) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.section == section)
    }
}

/// What the prompt line counts: the sizes of the digest's first three sections.
pub fn counts(store: &dyn Book, now: Now, config: &Config) -> anyhow::Result<Counts> {
    let today = now.today();
    let days = DigestDays::on(today, &config.nudge);
    let count = |(from, before)| store.follow_ups_due_between(from, before, 0).map(|p| p.total);
    Ok(Counts {
        overdue: count(days.overdue)?,
        today: count(days.today)?,
        prepare: count_to_prepare(store, &days, today)?,
    })
}

/// How many moments [`to_prepare`] lists, counted rather than loaded (a prompt asks on
/// every command line, and a large book has a thousand moments in a few days): those in
/// the window, less those whose nudge a snooze keeps quiet — snoozes are few, and each is
/// looked up by its moment.
fn count_to_prepare(store: &dyn Book, days: &DigestDays, today: NaiveDate) -> anyhow::Result<usize> {
    let (from, before) = days.prepare;
    let in_window = store.moments_expected_between(from, before, 0)?.total;
    let mut quieted = 0;
    for snooze in store.nudge_snoozes_holding(today)? {
        if snooze.kind != NudgeKind::MomentAhead {
            continue;
        }
        if let Some(m) = store.moment(snooze.subject_id)?
            && m.customer_id == snooze.customer_id
            && m.status == MomentStatus::Upcoming
            && (from..before).contains(&m.expected)
        {
            quieted += 1;
        }
    }
    Ok(in_window.saturating_sub(quieted))
}

/// The moments to prepare for, soonest first, but those whose nudge is snoozed.
fn to_prepare(store: &dyn Book, days: &DigestDays, quiet: &Quiet) -> anyhow::Result<Vec<(Moment, Customer)>> {
    let (from, before) = days.prepare;
    // The window is a few days: its moments are few even in a large book.
    let mut moments = store.moments_expected_between(from, before, ALL)?.rows;
    moments.retain(|(m, c)| !quiet.holds(c.id, NudgeKind::MomentAhead, m.id));
    Ok(moments)
}

/// SQLite takes a LIMIT as i64.
#[allow(clippy::cast_sign_loss)]
const ALL: usize = i64::MAX as usize;

/// Today's digest. With `since_last`, only the lines whose codes the last delivered
/// digest did not hold.
pub fn digest(store: &dyn Book, now: Now, config: &Config, since_last: bool) -> anyhow::Result<Digest> {
    let today = now.today();
    let rules = &config.nudge;
    let days = DigestDays::on(today, rules);
    let limit = rules.limit;
    let quiet = Quiet::of(&store.nudge_snoozes_holding(today)?);
    let mut lines = Vec::new();
    let mut follow_ups = |section, (from, before)| -> anyhow::Result<usize> {
        let page = store.follow_ups_due_between(from, before, limit)?;
        lines.extend(
            page.rows
                .iter()
                .map(|(f, c)| follow_up_line(section, f, c, today, config)),
        );
        Ok(page.total)
    };
    let overdue = follow_ups(Section::Overdue, days.overdue)?;
    let due_today = follow_ups(Section::Today, days.today)?;
    let moments = to_prepare(store, &days, &quiet)?;
    lines.extend(
        moments
            .iter()
            .take(limit)
            .map(|(m, c)| moment_line(m, c, today, config)),
    );
    let counts = Counts {
        overdue,
        today: due_today,
        prepare: moments.len(),
    };
    // The follow-ups' nudges are the lines above, and every nudge to prepare for a moment
    // is one of the moments: the agenda's ranking of the other kinds.
    let top = config.remind.top;
    let others = |s: Stream| agenda::section(s.kind()) == 2 && s.kind() != NudgeKind::MomentAhead;
    let ranked = agenda::scored_from(store, now, config, Some(top), others)?.nudges;
    lines.extend(ranked.iter().take(top).map(|n| Line {
        section: Section::Nudge,
        code: ItemCode::of(n),
        customer_id: n.customer_id,
        customer: n.customer.clone(),
        what: asks_for(n.kind).to_string(),
        reason: n.reason.clone(),
        date: None,
        kind: n.kind,
    }));
    let listed = |n: usize, s| n.saturating_sub(lines.iter().filter(|l| l.section == s).count());
    let more = Counts {
        overdue: listed(overdue, Section::Overdue),
        today: listed(due_today, Section::Today),
        prepare: listed(counts.prepare, Section::Prepare),
    };
    let codes = lines.iter().map(|l| l.code.to_string()).collect();
    let mut digest = Digest {
        day: today,
        counts,
        lines,
        more,
        since: None,
        codes,
    };
    if since_last && let Some(last) = store.last_remind_run()? {
        let held: HashSet<&str> = last.items.iter().map(String::as_str).collect();
        let before = digest.lines.len();
        digest
            .lines
            .retain(|l| !held.contains(l.code.to_string().as_str()));
        digest.since = Some((last.delivered_at, before - digest.lines.len()));
    }
    Ok(digest)
}

fn follow_up_line(section: Section, f: &FollowUp, c: &Customer, today: NaiveDate, config: &Config) -> Line {
    let nudge = nudge::follow_up(f, c, today, &config.nudge);
    Line {
        section,
        code: ItemCode::FollowUp(f.id),
        customer_id: c.id,
        customer: c.name.clone(),
        what: f.text.clone(),
        reason: nudge
            .as_ref()
            .map_or_else(|| format!("“{}”", f.text), |n| n.reason.clone()),
        date: Some(f.due),
        kind: nudge.map_or(NudgeKind::FollowUpToday, |n| n.kind),
    }
}

fn moment_line(m: &Moment, c: &Customer, today: NaiveDate, config: &Config) -> Line {
    // The nudge says it when nothing was logged since the moment was planned; a moment
    // prepared for is still listed, with its day.
    let reason = nudge::moment(m, c, today, &config.nudge).map_or_else(
        || {
            let when = match (m.expected - today).num_days() {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                d => format!("in {d} days"),
            };
            format!("“{}” {when}", m.title)
        },
        |n| n.reason,
    );
    Line {
        section: Section::Prepare,
        code: ItemCode::Moment(m.id),
        customer_id: c.id,
        customer: c.name.clone(),
        what: m.title.clone(),
        reason,
        date: Some(m.expected),
        kind: NudgeKind::MomentAhead,
    }
}

/// What a nudge of `kind` asks the user to do, in a few words.
fn asks_for(kind: NudgeKind) -> &'static str {
    match kind {
        NudgeKind::FollowUpOverdue | NudgeKind::FollowUpToday => "follow up",
        NudgeKind::CadenceExceeded => "get in touch",
        NudgeKind::MomentAhead => "prepare",
        NudgeKind::MomentPassed => "close the moment",
        NudgeKind::ComplaintOpen => "resolve the complaint",
        NudgeKind::SituationUnanswered => "answer the change",
        NudgeKind::InfluenceUnanswered => "answer the offer",
        NudgeKind::TakingTooMuch => "give before you ask",
        NudgeKind::LoyaltyUnrewarded => "reward their loyalty",
        NudgeKind::SatisfactionDrop => "ask what changed",
        NudgeKind::SingleThreaded => "meet a second person",
    }
}

/// Whether `day` is one the digest goes out on: a workday of `[week] workdays`.
pub fn is_workday(config: &Config, day: NaiveDate) -> bool {
    use chrono::Datelike as _;
    config.week.workdays.has(day.weekday())
}

/// Records that `digest` was delivered to `channels`, in one transaction: every code it
/// held, so `--since-last` leaves them out next time. A scheduled run also marks
/// reminders as set up, if nothing did before.
pub fn record(
    store: &mut dyn Book,
    now: Now,
    digest: &Digest,
    channels: &[String],
    scheduled: bool,
) -> anyhow::Result<()> {
    let run = RemindRun {
        id: 0,
        delivered_at: now.utc,
        day: digest.day,
        channels: channels.to_vec(),
        items: digest.codes.clone(),
        scheduled,
    };
    store.journaled(By::Cli, now.utc, &mut |book| {
        book.record_remind_run(&run)?;
        if scheduled && book.setting(Setting::RemindersSetUp)?.is_none() {
            super::status::record_set_up(book, now.utc)?;
        }
        Ok(None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `touchbase status` counts is what the digest's sections hold, on a book with
    /// more in each than the digest lists; and each line is in one section only.
    #[test]
    fn the_counts_are_the_sections_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::open(&dir.path().join("book.db")).unwrap();
        let now = Now::parse("2026-11-23T09:00:00Z").unwrap();
        crate::demo::generate(&mut *store, now, 1200).unwrap();
        let mut config = Config::default();
        config.nudge.limit = 5;
        let before = digest(&*store, now, &config, false).unwrap().counts;
        // A snoozed moment leaves both the section and the count.
        let days = DigestDays::on(now.today(), &config.nudge);
        let (m, c) = to_prepare(&*store, &days, &Quiet::default()).unwrap().remove(0);
        let until = now.today() + chrono::Days::new(7);
        store
            .snooze_nudge(c.id, NudgeKind::MomentAhead, m.id, until, "", now.utc)
            .unwrap();
        let digest = digest(&*store, now, &config, false).unwrap();
        assert_eq!(counts(&*store, now, &config).unwrap(), digest.counts);
        assert_eq!(digest.counts.prepare, before.prepare - 1);
        let c = digest.counts;
        assert!(c.overdue > 5 && c.today > 0 && c.prepare > 0, "{c:?}");
        for (section, total, more) in [
            (Section::Overdue, c.overdue, digest.more.overdue),
            (Section::Today, c.today, digest.more.today),
            (Section::Prepare, c.prepare, digest.more.prepare),
        ] {
            assert_eq!(digest.section(section).count() + more, total, "{section:?}");
        }
        assert_eq!(digest.section(Section::Nudge).count(), config.remind.top);
        // The nudges are the top of every nudge the lines above do not say, as ranking
        // every candidate finds them (the same scores; of equal ones either may make it).
        let every = agenda::scored(&*store, now, &config, None).unwrap().nudges;
        let expected: Vec<String> = every
            .iter()
            .filter(|n| agenda::section(n.kind) == 2 && n.kind != NudgeKind::MomentAhead)
            .take(config.remind.top)
            .map(|n| n.reason.clone())
            .collect();
        let found: Vec<String> = digest.section(Section::Nudge).map(|l| l.reason.clone()).collect();
        assert_eq!(found, expected);
        let codes: HashSet<&String> = digest.codes.iter().collect();
        assert_eq!(
            codes.len(),
            digest.codes.len(),
            "no code twice: {:?}",
            digest.codes
        );
    }
}
