//! The store against real SQLite files in temporary directories.

use std::fs;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use tempfile::TempDir;
use touchbase::domain::money::Cents;
use touchbase::domain::quicklog;
use touchbase::domain::{Cadence, Tags};
use touchbase::store::{Book, Customers as _, LATEST_VERSION, NewCustomer, OpenError, Sort};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn new_store() -> (TempDir, Box<dyn Book>) {
    let dir = TempDir::new().unwrap();
    let store = touchbase::store::open(&dir.path().join("touchbase.db")).unwrap();
    (dir, store)
}

fn customer(name: &str) -> NewCustomer {
    NewCustomer {
        name: name.into(),
        company: format!("{name} BV"),
        cadence: Some(Cadence::from_days(14).unwrap()),
        ..NewCustomer::default()
    }
}

#[test]
fn open_creates_missing_directories_and_migrates() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a/b/c/touchbase.db");
    drop(touchbase::store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, LATEST_VERSION);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_newer_database_is_refused_and_left_byte_for_byte_unchanged() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE x (y); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = touchbase::store::open(&path).err().expect("refused");
    assert!(matches!(err, OpenError::TooNew { found: 99, .. }), "{err}");
    assert!(
        err.to_string().contains(&format!(
            "written by a newer touchbase (schema 99, this build knows {LATEST_VERSION})"
        )),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_unchanged() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("notes.txt");
    let text = "these are my notes, not a database\n".repeat(200);
    fs::write(&path, &text).unwrap();
    let err = touchbase::store::open(&path).err().expect("refused");
    assert!(matches!(err, OpenError::NotADatabase { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_directory_that_cannot_be_created_is_named() {
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    let err = touchbase::store::open(&blocker.join("sub/touchbase.db"))
        .err()
        .expect("refused");
    assert!(matches!(err, OpenError::CannotCreateDir { .. }), "{err}");
    assert!(
        err.to_string().contains("cannot create the data directory"),
        "{err}"
    );
}

#[test]
fn logging_a_contact_moves_last_contact_but_a_note_does_not() {
    let (_dir, mut store) = new_store();
    let c = store
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    assert_eq!(c.last_contact_at, None);

    let today = day("2026-11-20");
    let call = quicklog::parse("call: discussed renewal >> send proposal @fri #renewal", today).unwrap();
    let logged = store
        .log_contact(c.id, &call, at("2026-11-20T10:00:00Z"))
        .unwrap();
    let note = quicklog::parse("note: they prefer mornings", today).unwrap();
    store
        .log_contact(c.id, &note, at("2026-11-21T10:00:00Z"))
        .unwrap();

    let after = store.require_customer(c.id).unwrap();
    assert_eq!(after.last_contact_at, Some(at("2026-11-20T10:00:00Z")));
    assert!(after.tags.contains("renewal"));
    let follow_up = store.require_follow_up(logged.follow_up_id.unwrap()).unwrap();
    assert_eq!(
        (follow_up.text.as_str(), follow_up.due),
        ("send proposal", day("2026-11-27"))
    );
    let timeline = store.interactions(c.id, 10).unwrap();
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0].note, "they prefer mornings", "newest first");
}

#[test]
fn gifts_are_gives_and_complaints_open_a_trigger() {
    let (_dir, mut store) = new_store();
    let c = store
        .add_customer(&customer("Acme"), at("2026-11-01T09:00:00Z"))
        .unwrap();
    let today = day("2026-11-20");
    let gift = quicklog::parse("gift: christmas hamper", today).unwrap();
    let logged = store
        .log_contact(c.id, &gift, at("2026-11-20T10:00:00Z"))
        .unwrap();
    assert!(logged.balance_entry_id.is_some() && logged.trigger_id.is_none());
    let complaint = quicklog::parse("complaint: late delivery", today).unwrap();
    let logged = store
        .log_contact(c.id, &complaint, at("2026-11-20T11:00:00Z"))
        .unwrap();
    assert!(logged.trigger_id.is_some() && logged.balance_entry_id.is_none());
}

#[test]
fn logging_for_a_missing_customer_saves_nothing() {
    let (_dir, mut store) = new_store();
    let line = quicklog::parse("call: hello >> call back @tomorrow", day("2026-11-20")).unwrap();
    let err = store
        .log_contact(42, &line, at("2026-11-20T10:00:00Z"))
        .unwrap_err();
    assert!(err.to_string().contains("no customer with id 42"), "{err}");
    assert_eq!(store.count_customers().unwrap(), 0);
}

#[test]
fn the_book_lists_never_contacted_first_then_oldest_contact() {
    let (_dir, mut store) = new_store();
    let now = at("2026-11-20T10:00:00Z");
    let today = day("2026-11-20");
    let recent = store.add_customer(&customer("Recent"), now).unwrap();
    let never = store.add_customer(&customer("Never"), now).unwrap();
    let old = store.add_customer(&customer("Old"), now).unwrap();
    let call = quicklog::parse("call: hi", today).unwrap();
    store
        .log_contact(old.id, &call, at("2026-09-01T10:00:00Z"))
        .unwrap();
    store
        .log_contact(recent.id, &call, at("2026-11-19T10:00:00Z"))
        .unwrap();

    let names = |sort| -> Vec<String> {
        store
            .list_customers(sort, 0, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.customer.name)
            .collect()
    };
    assert_eq!(names(Sort::LastContact), ["Never", "Old", "Recent"]);
    assert_eq!(names(Sort::Name), ["Never", "Old", "Recent"]);
    assert_eq!(never.last_contact_at, None);
}

/// Twelve customers whose last contacts and order values repeat, four never contacted,
/// with `names` different names among them.
fn book_with_ties(names: i64) -> (TempDir, Box<dyn Book>) {
    let (dir, mut store) = new_store();
    let now = at("2026-11-20T10:00:00Z");
    let call = quicklog::parse("call: hi", day("2026-11-20")).unwrap();
    for i in 0..12i64 {
        let c = store
            .add_customer(&customer(&format!("C{:02}", (i * 7) % names)), now)
            .unwrap();
        if i % 3 != 0 {
            let when = at(&format!("2026-10-{:02}T10:00:00Z", 1 + i % 4));
            store.log_contact(c.id, &call, when).unwrap();
        }
        let amount = Cents(100 * (i % 5));
        store
            .add_order(c.id, day("2026-11-01"), amount, "EUR", now)
            .unwrap();
    }
    (dir, store)
}

#[test]
fn a_page_read_from_the_end_is_the_same_page_in_every_order() {
    // Contacts and order values tie; names do not.
    let (_dir, store) = book_with_ties(12);
    let ids = |rows: Vec<touchbase::store::CustomerRow>| -> Vec<i64> {
        rows.into_iter().map(|r| r.customer.id).collect()
    };
    for sort in [Sort::LastContact, Sort::Name, Sort::Value] {
        let all = ids(store.list_customers(sort, 0, 100).unwrap());
        assert_eq!(all.len(), 12);
        for (skip, limit) in [(0, 5), (3, 4), (7, 5), (10, 5)] {
            let start = 12usize.saturating_sub(skip + limit);
            assert_eq!(
                ids(store.list_customers_from_end(sort, skip, limit).unwrap()),
                all[start..12 - skip],
                "{sort:?}: {limit} rows ending {skip} before the end"
            );
        }
    }
}

#[test]
fn each_customer_s_neighbours_are_those_of_the_page_order() {
    // Names tie too.
    let (_dir, store) = book_with_ties(6);
    for sort in [Sort::LastContact, Sort::Name, Sort::Value] {
        let all: Vec<_> = store.list_customers(sort, 0, 100).unwrap();
        for pair in all.windows(2) {
            let next = store.neighbour(sort, &pair[0].customer, true).unwrap().unwrap();
            assert_eq!(next, pair[1], "{sort:?}: after {}", pair[0].customer.name);
            let previous = store.neighbour(sort, &pair[1].customer, false).unwrap().unwrap();
            assert_eq!(previous, pair[0], "{sort:?}: before {}", pair[1].customer.name);
        }
        let (first, last) = (&all[0].customer, &all[all.len() - 1].customer);
        assert_eq!(
            store.neighbour(sort, first, false).unwrap(),
            None,
            "{sort:?}: first"
        );
        assert_eq!(store.neighbour(sort, last, true).unwrap(), None, "{sort:?}: last");
    }
}

#[test]
fn follow_ups_are_done_once_and_snoozed_while_open() {
    let (_dir, mut store) = new_store();
    let now = at("2026-11-20T10:00:00Z");
    let c = store.add_customer(&customer("Acme"), now).unwrap();
    let f = store
        .add_follow_up(c.id, "send quote", day("2026-11-19"), now)
        .unwrap();
    let snoozed = store.snooze_follow_up(f.id, day("2026-11-25")).unwrap();
    assert_eq!(snoozed.due, day("2026-11-25"));
    let done = store.complete_follow_up(f.id, now).unwrap();
    assert!(done.done_at.is_some());
    let again = store.complete_follow_up(f.id, now).unwrap_err().to_string();
    assert!(again.contains("already done"), "{again}");
    assert!(store.snooze_follow_up(f.id, day("2026-11-30")).is_err());
    assert!(store.open_follow_ups(c.id).unwrap().is_empty());
}

#[test]
fn names_resolve_exactly_or_by_unique_prefix_ignoring_case() {
    let (_dir, mut store) = new_store();
    let now = at("2026-11-20T10:00:00Z");
    store.add_customer(&customer("Acme"), now).unwrap();
    store.add_customer(&customer("Acme Logistics"), now).unwrap();
    store.add_customer(&customer("Beta"), now).unwrap();
    let (exact, prefixed) = store.customers_named("acme", 10).unwrap();
    assert_eq!(exact.len(), 1);
    assert_eq!(prefixed.len(), 2);
    let (exact, prefixed) = store.customers_named("BE", 10).unwrap();
    assert!(exact.is_empty());
    assert_eq!(prefixed[0].name, "Beta");
}

#[test]
fn data_survives_reopening() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("touchbase.db");
    let now = at("2026-11-20T10:00:00Z");
    {
        let mut store = touchbase::store::open(&path).unwrap();
        let mut new = customer("Acme");
        new.tags = Tags::new(["vip"]).unwrap();
        store.add_customer(&new, now).unwrap();
    }
    let store = touchbase::store::open(&path).unwrap();
    let rows = store.list_customers(Sort::Name, 0, 10).unwrap();
    assert_eq!(rows[0].customer.tags.as_slice(), ["vip"]);
}

#[test]
fn processes_opening_one_new_database_at_once_all_get_the_schema() {
    // Threads with a connection each race as processes do: on the file and its locks.
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("new/touchbase.db");
    let opened: Vec<_> = (0..8)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = touchbase::store::open(&path).map_err(|e| e.to_string())?;
                store
                    .add_customer(&customer(&format!("Person {i}")), at("2026-11-23T09:00:00Z"))
                    .map_err(|e| format!("{e:#}"))?;
                Ok::<_, String>(())
            })
        })
        .collect();
    for t in opened {
        t.join().unwrap().unwrap();
    }
    assert_eq!(
        touchbase::store::open(&path).unwrap().count_customers().unwrap(),
        8
    );
}

#[test]
fn a_negative_schema_version_is_refused_as_damaged() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("odd.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = -1;")
        .unwrap();
    let err = touchbase::store::open(&path).err().expect("refused");
    assert!(matches!(err, OpenError::Damaged { found: -1, .. }), "{err}");
}

#[cfg(unix)]
#[test]
fn a_database_nobody_may_write_is_opened_read_only_and_refuses_writes() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("touchbase.db");
    {
        let mut store = touchbase::store::open(&path).unwrap();
        store
            .add_customer(&customer("Ann"), at("2026-11-23T09:00:00Z"))
            .unwrap();
    }
    // By the permission bits, so the same path is taken when the tests run as root.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let mut store = touchbase::store::sqlite::SqliteBook::open(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.count_customers().unwrap(), 1);
    let err = store
        .add_customer(&customer("Bob"), at("2026-11-23T09:00:00Z"))
        .unwrap_err();
    assert!(
        err.downcast_ref::<touchbase::store::sqlite::ReadOnly>().is_some(),
        "{err:#}"
    );
    drop(store);
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["touchbase.db"], "no -wal or -shm beside it");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_failed_backup_leaves_nothing_and_a_good_one_is_a_whole_book() {
    let (dir, mut store) = new_store();
    store
        .add_customer(&customer("Ann"), at("2026-11-23T09:00:00Z"))
        .unwrap();
    assert!(store.backup_to(&dir.path().join("missing/b.db")).is_err());
    fs::write(dir.path().join("taken.db"), "mine").unwrap();
    assert!(store.backup_to(&dir.path().join("taken.db")).is_err());
    assert_eq!(fs::read_to_string(dir.path().join("taken.db")).unwrap(), "mine");
    let copy = dir.path().join("copy.db");
    store.backup_to(&copy).unwrap();
    assert_eq!(
        touchbase::store::open(&copy).unwrap().count_customers().unwrap(),
        1
    );
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("touchbase.db"))
        .collect();
    names.sort();
    assert_eq!(names, ["copy.db", "taken.db"], "no temporary file left");
}
