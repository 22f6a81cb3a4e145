//! Reminders outside the app: the digests delivered (the last one is what `--since-last`
//! and the "have not run" warning read) and the book's named settings.

use touchbase::store::{RemindRun, Setting};

use super::Backend;
use super::support::{at, day};

fn run(delivered_at: &str, items: &[&str]) -> RemindRun {
    RemindRun {
        id: 0,
        delivered_at: at(delivered_at),
        day: at(delivered_at).date_naive(),
        channels: vec!["stdout".to_string(), "email".to_string()],
        items: items.iter().map(|s| (*s).to_string()).collect(),
        scheduled: true,
    }
}

pub fn the_last_delivered_digest_comes_back_as_recorded(b: &dyn Backend) {
    let mut book = b.open();
    assert_eq!(
        book.last_remind_run().unwrap(),
        None,
        "a new book has run no digest"
    );
    let first = book
        .record_remind_run(&run("2026-11-30T08:30:00Z", &["f1", "m2"]))
        .unwrap();
    let second = book.record_remind_run(&run("2026-12-01T08:30:00Z", &[])).unwrap();
    assert_ne!(first, second);
    let again = b.open();
    let last = again.last_remind_run().unwrap().expect("a digest was delivered");
    assert_eq!(
        last,
        RemindRun {
            id: second,
            ..run("2026-12-01T08:30:00Z", &[])
        }
    );
    assert_eq!(last.day, day("2026-12-01"));
}

pub fn a_setting_is_kept_replaced_and_removed(b: &dyn Backend) {
    let mut book = b.open();
    let now = at("2026-12-01T08:30:00Z");
    assert_eq!(book.setting(Setting::CalendarToken).unwrap(), None);
    book.set_setting(Setting::CalendarToken, Some("abc"), now)
        .unwrap();
    book.set_setting(Setting::CalendarToken, Some("def"), now)
        .unwrap();
    book.set_setting(Setting::RemindersSetUp, Some("2026-12-01T08:30:00Z"), now)
        .unwrap();
    let again = b.open();
    assert_eq!(
        again.setting(Setting::CalendarToken).unwrap().as_deref(),
        Some("def")
    );
    book.set_setting(Setting::CalendarToken, None, now).unwrap();
    assert_eq!(b.open().setting(Setting::CalendarToken).unwrap(), None);
    assert_eq!(
        b.open().setting(Setting::RemindersSetUp).unwrap().as_deref(),
        Some("2026-12-01T08:30:00Z"),
        "removing one setting leaves the others"
    );
}
