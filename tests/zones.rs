//! The user's time zone as a salesperson meets it: the same instant is another day further
//! east, `TOUCHBASE_TZ` fixes the zone the way `TOUCHBASE_NOW` fixes the clock, and weeks
//! start at the right instant around clock changes in the system's zone (set for the child
//! process only, with `TZ`).

mod common {
    pub mod binary;
    pub mod clock;
    pub mod store;
}

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::NaiveDate;
use common::binary::touchbase;
use common::store::{at, day, new_book};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;
use touchbase::app::agenda;
use touchbase::app::week;
use touchbase::clock::{Now, Zone};
use touchbase::config::Config;
use touchbase::domain::nudge::NudgeKind;
use touchbase::store::{Book, NewCustomer};

/// Sunday 29 November 2026, 23:30 UTC: already Monday 30 November two hours east.
const SUNDAY_NIGHT: &str = "2026-11-29T23:30:00Z";

fn zone(offset: &str) -> Zone {
    Zone::parse(offset).unwrap()
}

/// A book with Anna, who was promised a quote for Monday 30 November.
fn promised_for_monday() -> (TempDir, Box<dyn Book>) {
    let (dir, mut store) = new_book();
    let new = NewCustomer {
        name: "Anna Bakker".into(),
        company: "Acme BV".into(),
        ..NewCustomer::default()
    };
    let anna = store.add_customer(&new, at("2026-11-02T10:00:00Z")).unwrap().id;
    store
        .add_follow_up(
            anna,
            "send the quote",
            day("2026-11-30"),
            at("2026-11-20T10:00:00Z"),
        )
        .unwrap();
    (dir, store)
}

#[test]
fn a_follow_up_due_tomorrow_in_utc_is_due_today_two_hours_east() {
    let (_dir, store) = promised_for_monday();
    let config = Config::default();
    let due_today = |now: Now| {
        let due = agenda::due(&*store, now, &config, None).unwrap();
        let kinds: Vec<NudgeKind> = due.nudges.iter().map(|n| n.kind).collect();
        (due.today, kinds.contains(&NudgeKind::FollowUpToday))
    };

    let in_utc = Now::at(at(SUNDAY_NIGHT), Zone::UTC);
    assert_eq!(in_utc.today(), day("2026-11-29"));
    assert_eq!(due_today(in_utc), (0, false), "in UTC the quote is due tomorrow");

    let east = Now::at(at(SUNDAY_NIGHT), zone("+02:00"));
    assert_eq!(east.today(), day("2026-11-30"));
    assert_eq!(due_today(east), (1, true), "two hours east it is due today");
}

#[test]
fn the_week_of_a_sunday_night_is_the_next_week_two_hours_east() {
    let (_dir, store) = promised_for_monday();
    let config = Config::default();
    let plan = |now: Now| week::plan_week(&*store, now, &config, None).unwrap();

    let in_utc = plan(Now::at(at(SUNDAY_NIGHT), Zone::UTC));
    assert_eq!((in_utc.start, in_utc.end), (day("2026-11-23"), day("2026-11-29")));
    assert!(
        in_utc.items.iter().all(|i| i.follow_up_id.is_none()),
        "Monday's quote is next week"
    );

    let east = plan(Now::at(at(SUNDAY_NIGHT), zone("+02:00")));
    assert_eq!((east.start, east.end), (day("2026-11-30"), day("2026-12-06")));
    let quote: Vec<(NaiveDate, &str)> = east
        .items
        .iter()
        .filter(|i| i.follow_up_id.is_some())
        .map(|i| (i.date, i.action.as_str()))
        .collect();
    assert_eq!(quote, [(day("2026-11-30"), "send the quote")], "and due today");
}

/// A book in a temporary directory, run as a child process with the clock, the zone
/// variables and a config file of its own.
struct Cli {
    dir: TempDir,
    db: PathBuf,
}

impl Cli {
    fn new(config: &str) -> Cli {
        let dir = TempDir::new().unwrap();
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        let db = dir.path().join("touchbase.db");
        Cli { dir, db }
    }

    /// `touchbase ARGS` at `now`, with `TZ` and `TOUCHBASE_TZ` as given (unset when `None`).
    fn run(&self, now: &str, tz: Option<&str>, touchbase_tz: Option<&str>, args: &[&str]) -> Command {
        let mut cmd = touchbase();
        cmd.env("TOUCHBASE_NOW", now)
            .env("TOUCHBASE_CONFIG", self.dir.path().join("config.toml"))
            .env_remove("TZ")
            .current_dir(self.dir.path())
            .arg("--db")
            .arg(&self.db)
            .args(args);
        if let Some(tz) = tz {
            cmd.env("TZ", tz);
        }
        if let Some(tz) = touchbase_tz {
            cmd.env("TOUCHBASE_TZ", tz);
        }
        Command::from_std(cmd)
    }

    /// A customer with a 14-day cadence, last contacted at `last`: the cadence runs out
    /// exactly 14 days later.
    fn contacted(&self, tz: &str, name: &str, last: &str) {
        self.run(last, Some(tz), None, &["add", name, "--cadence", "14d"])
            .assert()
            .success();
        self.run(last, Some(tz), None, &["log", name, "call: catching up"])
            .assert()
            .success();
    }

    /// Who to touch base with in `week`, with the local day their cadence runs out.
    fn touch_base(&self, now: &str, tz: &str, week: &str) -> Vec<(String, String)> {
        let out = self
            .run(
                now,
                Some(tz),
                None,
                &["export", "week", "--week", week, "--format", "json"],
            )
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let plan: Value = serde_json::from_slice(&out).unwrap();
        plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "touch_base")
            .map(|i| {
                (
                    i["customer"].as_str().unwrap().to_string(),
                    i["date"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

fn pair(name: &str, day: &str) -> (String, String) {
    (name.to_string(), day.to_string())
}

/// Amsterdam moves its clocks from 02:00 to 03:00 on Sunday 28 March 2027, so week 12
/// starts at 23:00 UTC and ends at 22:00 UTC: a cadence that runs out at 22:30 UTC on the
/// Sunday runs out on Monday 29 March, in week 13.
#[test]
fn a_week_ends_at_local_midnight_after_the_clocks_went_forward() {
    // Every day a workday: this is about the clock, not about days off.
    let book =
        Cli::new("[week]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n");
    let tz = "Europe/Amsterdam";
    book.contacted(tz, "Late Sunday", "2027-03-14T22:30:00Z");
    book.contacted(tz, "Early Sunday", "2027-03-14T21:30:00Z");
    let now = "2027-03-22T09:00:00Z";
    assert_eq!(
        book.touch_base(now, tz, "2027-W12"),
        [pair("Early Sunday", "2027-03-28")]
    );
    assert_eq!(
        book.touch_base(now, tz, "2027-W13"),
        [pair("Late Sunday", "2027-03-29")]
    );
}

/// Chile moves its clocks from 00:00 to 01:00 on Sunday 6 September 2026: with weeks from
/// Sunday, week 37 starts when the clock resumes, at 01:00 (04:00 UTC), not at a midnight
/// that never happened.
#[test]
fn a_week_whose_first_midnight_is_skipped_starts_when_the_clock_resumes() {
    let book = Cli::new(
        "[week]\nstart = \"sunday\"\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n",
    );
    let tz = "America/Santiago";
    book.contacted(tz, "Saturday night", "2026-08-23T03:30:00Z");
    book.contacted(tz, "Sunday early", "2026-08-23T04:30:00Z");
    let now = "2026-09-01T12:00:00Z";
    assert_eq!(
        book.touch_base(now, tz, "2026-W36"),
        [pair("Saturday night", "2026-09-05")]
    );
    assert_eq!(
        book.touch_base(now, tz, "2026-W37"),
        [pair("Sunday early", "2026-09-06")]
    );
}

#[test]
fn touchbase_tz_fixes_the_zone_whatever_the_system_says() {
    let book = Cli::new("");
    let add = ["add", "Anna Bakker", "--company", "Acme BV"];
    book.run(SUNDAY_NIGHT, Some("UTC"), None, &add).assert().success();
    book.run(
        SUNDAY_NIGHT,
        Some("UTC"),
        None,
        &["log", "anna", "call: hi >> send the quote @2026-11-30"],
    )
    .assert()
    .success();
    let due = |tz: Option<&str>, touchbase_tz: Option<&str>| {
        let out = book
            .run(SUNDAY_NIGHT, tz, touchbase_tz, &["due"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let west = due(Some("UTC"), None);
    assert!(!west.contains("is due today"), "{west}");
    for (tz, touchbase_tz) in [
        (Some("UTC"), Some("+02:00")),
        (Some("America/New_York"), Some("+02:00")),
    ] {
        let east = due(tz, touchbase_tz);
        assert!(east.contains("“send the quote” is due today"), "{tz:?}: {east}");
    }
    assert_eq!(due(Some("UTC"), Some("UTC")), west);
}

#[test]
fn a_zone_that_is_not_an_offset_is_refused_naming_what_works() {
    let book = Cli::new("");
    book.run(SUNDAY_NIGHT, None, Some("Europe/Amsterdam"), &["due"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("TOUCHBASE_TZ='Europe/Amsterdam'")
                .and(predicate::str::contains("+01:00")),
        );
    assert!(!book.db.exists(), "a refused zone leaves no book behind");
}

#[test]
fn help_says_how_to_fix_the_zone() {
    Command::from_std(touchbase())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("TOUCHBASE_TZ").and(predicate::str::contains("+01:00")));
}
