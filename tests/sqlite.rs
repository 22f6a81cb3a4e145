//! What only the SQLite book does, against real files in temporary directories: opening
//! and refusing files, migrations and upgrades from every older schema, read-only files,
//! racing opens, backups. The behaviour every backend shares is the contract suite in
//! tests/store/.

mod common {
    pub mod clock;
    pub mod store;
}

use std::fs;

use common::clock::NOW;
use common::store::{at, day, new_book};
use rusqlite::Connection;
use tempfile::TempDir;
use touchbase::domain::money::Cents;
use touchbase::domain::{Cadence, Kind, Tags};
use touchbase::store::{Customers as _, LATEST_VERSION, NewCustomer, OpenError, Rows, Stream, Window};

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
                    .add_customer(&customer(&format!("Person {i}")), at(NOW))
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
        store.add_customer(&customer("Ann"), at(NOW)).unwrap();
    }
    // By the permission bits, so the same path is taken when the tests run as root.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let mut store = touchbase::store::sqlite::SqliteBook::open(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.count_customers().unwrap(), 1);
    let err = store.add_customer(&customer("Bob"), at(NOW)).unwrap_err();
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
    let (dir, mut store) = new_book();
    store.add_customer(&customer("Ann"), at(NOW)).unwrap();
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

/// The schema files, oldest first: what the database of each earlier version was made
/// with (the build applies the same files, `include_str!`'d).
fn migrations() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/migrations");
    let mut files: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| fs::read_to_string(f).unwrap()).collect()
}

/// Instants of the history below, as unix seconds.
fn ts(s: &str) -> i64 {
    at(s).timestamp()
}

/// A book made at schema `version`, with a history written in that version's SQL, as the
/// touchbase of that version left it: Acme with contacts (a note the latest), a follow-up
/// open and one done, a moment, a complaint's trigger, a give and an ask, two orders; and
/// Beta with nothing.
fn book_at_version(path: &std::path::Path, version: usize) {
    let conn = Connection::open(path).unwrap();
    for sql in &migrations()[..version] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version as i64).unwrap();
    let (t0, t1, t2) = (
        ts("2026-09-01T09:00:00Z"),
        ts("2026-10-01T10:00:00Z"),
        ts("2026-11-01T10:00:00Z"),
    );
    let (gift, note) = (ts("2026-11-05T10:00:00Z"), ts("2026-11-06T10:00:00Z"));
    conn.execute_batch(&format!(
        "INSERT INTO customers (id, name, company, email, phone, tags, cadence_days, notes, created_at, updated_at, last_contact_at)
         VALUES (1, 'Acme', 'Acme BV', 'info@acme.test', '010', 'renewal vip', 14, 'the big one', {t0}, {t0}, {gift}),
                (2, 'Beta', '', '', '', '', 30, '', {t0}, {t0}, NULL);
         INSERT INTO interactions (id, customer_id, at, kind, note, satisfaction)
         VALUES (1, 1, {t1}, 'visit', 'site tour', 4),
                (2, 1, {t2}, 'complaint', 'late delivery', 2),
                (3, 1, {note}, 'note', 'prefers mornings', NULL),
                (4, 1, {gift}, 'gift', 'hamper', NULL);
         INSERT INTO follow_ups (id, customer_id, interaction_id, text, due, first_due, created_at, done_at)
         VALUES (1, 1, 1, 'send the quote', '2026-11-27', '2026-11-27', {t1}, NULL),
                (2, 1, NULL, 'call back', '2026-11-10', '2026-11-03', {t1}, {t2});
         INSERT INTO moments (id, customer_id, title, expected, concerns, steps, response, status, planned_at)
         VALUES (1, 1, 'board decision', '2026-12-01', 'price', 'a pilot', 'a visit', 'upcoming', {t1});
         INSERT INTO triggers (id, customer_id, interaction_id, kind, note, opened_at)
         VALUES (1, 1, 2, 'reactional', 'late delivery', {t2});
         INSERT INTO balance_entries (id, customer_id, interaction_id, side, note, at)
         VALUES (1, 1, 4, 'give', 'hamper', {gift}), (2, 1, NULL, 'ask', 'a referral', {t2});
         INSERT INTO orders (id, customer_id, ordered_on, amount_cents, currency, note, created_at)
         VALUES (1, 1, '2026-10-01', 1200000, 'EUR', '', {t1}), (2, 1, '2026-11-01', 300000, 'EUR', 'renewal', {t2});"
    ))
    .unwrap();
    if version >= 3 {
        // Schema 3 keeps the relationship summarised on the customer row.
        conn.execute_batch(&format!(
            "UPDATE customers SET value_cents = 1500000, value_tier = 2, last_order_on = '2026-11-01',
                 satisfaction = 2, prev_satisfaction = 4, satisfaction_at = {t2}, gives = 1, asks = 1,
                 last_give_at = {gift}, last_logged_at = {note}
             WHERE id = 1;
             UPDATE follow_ups SET value_tier = 2;"
        ))
        .unwrap();
    }
    if version >= 4 {
        conn.execute_batch("UPDATE triggers SET value_tier = 2; UPDATE moments SET value_tier = 2;")
            .unwrap();
    }
    if version >= 7 {
        // Schema 7 keeps each customer's folded name and the words they are found by.
        conn.execute_batch(
            "UPDATE customers SET name_key = lower(name);
             INSERT INTO customer_words (word, customer_id)
             VALUES ('acme', 1), ('bv', 1), ('beta', 2);",
        )
        .unwrap();
    }
}

#[test]
fn a_book_from_every_earlier_schema_upgrades_with_every_row_intact_and_right_summaries() {
    assert_eq!(migrations().len() as i64, LATEST_VERSION);
    for version in 1..LATEST_VERSION as usize {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("old.db");
        book_at_version(&path, version);
        let book = touchbase::store::open(&path).unwrap_or_else(|e| panic!("from {version}: {e}"));
        let v: i64 = Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION, "from {version}");
        let report = book.check().unwrap();
        assert!(report.is_sound(), "from {version}: {:?}", report.problems);
        assert_eq!((report.customers, report.contacts), (2, 4), "from {version}");
        // The undo journal starts empty: nothing from before the upgrade is undone by it.
        assert!(book.journal(10).unwrap().is_empty(), "from {version}");

        let acme = book.require_customer(1).unwrap();
        // Schema 10: nobody is paused and nothing snoozed until the user says so.
        assert_eq!(acme.paused, None, "from {version}");
        assert!(
            book.nudge_snoozes_holding(day("2026-11-30")).unwrap().is_empty(),
            "from {version}"
        );
        assert_eq!(
            (
                acme.name.as_str(),
                acme.company.as_str(),
                acme.email.as_str(),
                acme.phone.as_str()
            ),
            ("Acme", "Acme BV", "info@acme.test", "010"),
            "from {version}"
        );
        assert_eq!(
            acme.tags,
            Tags::new(["renewal", "vip"]).unwrap(),
            "from {version}"
        );
        assert_eq!((acme.cadence.days(), acme.notes.as_str()), (14, "the big one"));
        assert_eq!(acme.created_at, at("2026-09-01T09:00:00Z"));
        assert_eq!(
            acme.last_contact_at,
            Some(at("2026-11-05T10:00:00Z")),
            "from {version}"
        );
        let s = &acme.summary;
        assert_eq!((s.value, s.value.tier()), (Cents(1_500_000), 2), "from {version}");
        assert_eq!(s.last_order_on, Some(day("2026-11-01")), "from {version}");
        assert_eq!(
            (s.satisfaction, s.prev_satisfaction),
            (Some(2), Some(4)),
            "from {version}"
        );
        assert_eq!(
            s.satisfaction_at,
            Some(at("2026-11-01T10:00:00Z")),
            "from {version}"
        );
        assert_eq!((s.balance.gives, s.balance.asks), (1, 1), "from {version}");
        assert_eq!(s.last_give_at, Some(at("2026-11-05T10:00:00Z")), "from {version}");
        assert_eq!(
            s.last_logged_at,
            Some(at("2026-11-06T10:00:00Z")),
            "from {version}"
        );

        let timeline: Vec<_> = book
            .interactions(1, 10)
            .unwrap()
            .into_iter()
            .map(|i| (i.id, i.kind, i.note, i.satisfaction))
            .collect();
        assert_eq!(
            timeline,
            [
                (3, Kind::Note, "prefers mornings".to_string(), None),
                (4, Kind::Gift, "hamper".to_string(), None),
                (2, Kind::Complaint, "late delivery".to_string(), Some(2)),
                (1, Kind::Visit, "site tour".to_string(), Some(4)),
            ],
            "from {version}"
        );
        let open = book.open_follow_ups(1).unwrap();
        assert_eq!(open.len(), 1, "from {version}");
        assert_eq!(
            (open[0].id, open[0].text.as_str(), open[0].due),
            (1, "send the quote", day("2026-11-27"))
        );
        assert_eq!(
            book.require_follow_up(2).unwrap().done_at,
            Some(at("2026-11-01T10:00:00Z"))
        );
        let moments = book.moments_of(1).unwrap();
        assert_eq!(
            (
                moments.len(),
                moments[0].title.as_str(),
                moments[0].steps.as_str()
            ),
            (1, "board decision", "a pilot"),
            "from {version}"
        );
        let triggers = book.triggers_of(1).unwrap();
        assert_eq!(
            (triggers.len(), triggers[0].note.as_str()),
            (1, "late delivery"),
            "from {version}"
        );
        assert_eq!(
            book.require_customer(2).unwrap().summary,
            Default::default(),
            "from {version}"
        );
        assert_eq!(book.count_customers().unwrap(), 2);
        let found = book.customers_named("bv", 5).unwrap();
        assert_eq!(
            found.by_words.len(),
            1,
            "found by its company's words, from {version}"
        );
        assert_eq!(book.customers_named("ACME", 5).unwrap().exact[0].id, 1);

        // The follow-up, trigger and moment carry their customer's value tier: each is in
        // the walk of tier 2.
        let w = Window {
            today: day("2026-11-30"),
            now: at("2026-11-30T09:00:00Z"),
            moments_through: day("2026-12-03"),
            complaints_before: at("2026-11-27T09:00:00Z"),
            loyalty_before: at("2026-06-03T09:00:00Z"),
            loyal_if_added_before: at("2026-08-25T09:00:00Z"),
            single_threaded_since: at("2026-09-04T09:00:00Z"),
        };
        let walk = |stream| book.stream_rows(stream, &w, 10).unwrap().len();
        assert_eq!(walk(Stream::Overdue { tier: 2 }), 1, "from {version}");
        assert_eq!(walk(Stream::Complaints { tier: 2 }), 1, "from {version}");
        assert_eq!(
            walk(Stream::Moments { tier: 2 }),
            0,
            "logged after it was planned"
        );
        assert!(matches!(
            book.stream_rows(Stream::Overdue { tier: 0 }, &w, 10).unwrap(),
            Rows::FollowUps(rows) if rows.is_empty()
        ));
    }
}

#[test]
fn an_upgraded_book_finds_its_customers_by_any_word_ignoring_accents() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    book_at_version(&path, 6);
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "INSERT INTO customers (id, name, company, created_at, updated_at)
             VALUES (3, 'Thomas Kühne', 'Kühne Bau', 0, 0), (4, 'Marieke Jansen', '', 0, 0);",
        )
        .unwrap();
    let book = touchbase::store::open(&path).unwrap();
    let ids = |typed: &str| -> Vec<i64> {
        let found = book.customers_named(typed, 5).unwrap();
        found.by_words.iter().map(|c| c.id).collect()
    };
    assert_eq!(ids("kuhne"), [3]);
    assert_eq!(ids("jansen"), [4]);
    assert_eq!(book.customers_named("thomas kuhne", 5).unwrap().exact[0].id, 3);
    assert!(book.check().unwrap().is_sound());
}

/// Schema 9 adds the search index: a book from every earlier schema finds every kind of
/// note it held, and the index follows writes made outside touchbase (another program's
/// UPDATE and DELETE) because triggers keep it.
#[test]
fn an_upgraded_book_finds_every_note_it_held_and_follows_other_programs_writes() {
    use touchbase::domain::search::SearchQuery;
    use touchbase::store::Found;
    let found = |book: &dyn touchbase::store::Book, typed: &str| -> Vec<(Found, i64)> {
        let mut hits: Vec<(Found, i64)> = book
            .search(&SearchQuery::parse(typed).unwrap(), 20)
            .unwrap()
            .iter()
            .map(|h| (h.found, h.id))
            .collect();
        hits.sort();
        hits
    };
    for version in 1..LATEST_VERSION as usize {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("old.db");
        book_at_version(&path, version);
        let book = touchbase::store::open(&path).unwrap();
        assert_eq!(found(&*book, "tour"), [(Found::Contact, 1)], "from {version}");
        assert_eq!(
            found(&*book, "late deliv"),
            [(Found::Contact, 2), (Found::Trigger, 1)],
            "from {version}"
        );
        assert_eq!(found(&*book, "quote"), [(Found::FollowUp, 1)], "from {version}");
        assert_eq!(found(&*book, "pilot"), [(Found::Moment, 1)], "from {version}");
        assert_eq!(found(&*book, "big one"), [(Found::Customer, 1)], "from {version}");
        drop(book);

        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE interactions SET note = 'guided site visit' WHERE id = 1;
             DELETE FROM follow_ups WHERE id = 1;",
        )
        .unwrap();
        let book = touchbase::store::open(&path).unwrap();
        assert!(found(&*book, "tour").is_empty(), "from {version}");
        assert_eq!(found(&*book, "guided"), [(Found::Contact, 1)], "from {version}");
        assert!(found(&*book, "quote").is_empty(), "from {version}");
        assert!(book.check().unwrap().is_sound(), "from {version}");
    }
}

/// The notes on how a moment went and how a trigger was resolved (011_moment_notes): a book
/// from every earlier schema keeps its closed moments and resolved triggers as they were,
/// with no note, still found by their other words; the new notes, written by touchbase or
/// by another program, are searched.
#[test]
fn an_upgraded_book_keeps_what_it_closed_and_resolved_and_searches_how_it_went() {
    use touchbase::domain::moment::MomentStatus;
    use touchbase::domain::search::SearchQuery;
    use touchbase::store::Found;
    let found = |book: &dyn touchbase::store::Book, typed: &str| -> Vec<(Found, i64)> {
        let mut hits: Vec<(Found, i64)> = book
            .search(&SearchQuery::parse(typed).unwrap(), 20)
            .unwrap()
            .iter()
            .map(|h| (h.found, h.id))
            .collect();
        hits.sort();
        hits
    };
    let closed = ts("2026-11-15T10:00:00Z");
    for version in 1..LATEST_VERSION as usize {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("old.db");
        book_at_version(&path, version);
        // Closed and resolved by the touchbase of that version, which had no notes for it.
        Connection::open(&path)
            .unwrap()
            .execute_batch(&format!(
                "UPDATE moments SET status = 'lost', closed_at = {closed} WHERE id = 1;
                 UPDATE triggers SET resolved_at = {closed} WHERE id = 1;"
            ))
            .unwrap();
        let mut book = touchbase::store::open(&path).unwrap();
        let m = book.moment(1).unwrap().unwrap();
        assert_eq!(
            (m.status, m.closed_at, m.outcome_note.as_str()),
            (MomentStatus::Lost, Some(at("2026-11-15T10:00:00Z")), ""),
            "from {version}"
        );
        let t = book.require_trigger(1).unwrap();
        assert_eq!(
            (t.resolved_at, t.resolution_note.as_str()),
            (Some(at("2026-11-15T10:00:00Z")), ""),
            "from {version}"
        );
        assert_eq!(found(&*book, "pilot"), [(Found::Moment, 1)], "from {version}");
        assert_eq!(
            found(&*book, "late deliv"),
            [(Found::Contact, 2), (Found::Trigger, 1)],
            "from {version}"
        );
        assert!(book.check().unwrap().is_sound(), "from {version}");

        // Written by touchbase: an edit of the moment's note.
        let patch = touchbase::store::MomentPatch {
            outcome_note: Some("lost on price to Heller".into()),
            ..Default::default()
        };
        book.edit_moment(1, &patch, at("2026-11-20T09:00:00Z")).unwrap();
        assert_eq!(found(&*book, "heller"), [(Found::Moment, 1)], "from {version}");
        drop(book);
        // Written by another program: the trigger's.
        Connection::open(&path)
            .unwrap()
            .execute(
                "UPDATE triggers SET resolution_note = 'credited the freight' WHERE id = 1",
                [],
            )
            .unwrap();
        let book = touchbase::store::open(&path).unwrap();
        assert_eq!(found(&*book, "freight"), [(Found::Trigger, 1)], "from {version}");
        assert_eq!(
            found(&*book, "late deliv"),
            [(Found::Contact, 2), (Found::Trigger, 1)],
            "its own note still finds it, from {version}"
        );
        assert_eq!(found(&*book, "pilot"), [(Found::Moment, 1)], "from {version}");
        assert!(book.check().unwrap().is_sound(), "from {version}");
    }
}

/// Schema 14 adds people: every customer of a schema-13 book becomes an account with one
/// main person carrying its name, e-mail and phone (those it has), and nothing else in the
/// book changes (but the account's name, schema 18's: the other columns are compared);
/// the upgraded book opens again as it is.
#[test]
fn a_schema_13_book_gives_every_customer_one_main_person_with_its_details() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    book_at_version(&path, 13);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO customers (id, name, company, email, phone, created_at, updated_at, name_key)
         VALUES (3, 'Thomas Kuehne', 'Kuehne Bau', 'T.Kuehne@Kuehne.DE', '', 0, 0, 'thomas kuehne'),
                (4, 'Marieke Jansen', '', '', '+31 6 1234 5678', 0, 0, 'marieke jansen');
         INSERT INTO customer_words (word, customer_id)
         VALUES ('thomas', 3), ('kuehne', 3), ('bau', 3), ('marieke', 4), ('jansen', 4);",
    )
    .unwrap();
    let tables = [
        "SELECT id, company, email, phone, tags, cadence_days, notes, archived, created_at, updated_at,
                last_contact_at, value_cents, last_order_on, satisfaction, gives, asks, last_logged_at
         FROM customers ORDER BY id",
        "SELECT * FROM interactions ORDER BY id",
        "SELECT * FROM follow_ups ORDER BY id",
        "SELECT * FROM moments ORDER BY id",
        "SELECT * FROM orders ORDER BY id",
    ];
    let before: Vec<_> = tables.iter().map(|t| dump(&conn, t)).collect();
    drop(conn);

    let book = touchbase::store::open(&path).unwrap();
    let expected = [
        (1, "Acme", "info@acme.test", "010"),
        (2, "Beta", "", ""),
        (3, "Thomas Kuehne", "T.Kuehne@Kuehne.DE", ""),
        (4, "Marieke Jansen", "", "+31 6 1234 5678"),
    ];
    for (id, name, email, phone) in expected {
        let people = book.people_of(id).unwrap();
        assert_eq!(people.len(), 1, "customer {id}");
        let p = &people[0];
        assert!(p.main && p.left.is_none(), "customer {id}");
        assert_eq!((p.name.as_str(), p.email(), p.phone()), (name, email, phone));
        assert_eq!(p.emails.len(), usize::from(!email.is_empty()), "no empty details");
        assert_eq!(p.phones.len(), usize::from(!phone.is_empty()), "no empty details");
    }
    let by_key = |kind, key: &str| -> Vec<i64> {
        book.people_by_detail(kind, key)
            .unwrap()
            .into_iter()
            .map(|(_, c)| c)
            .collect()
    };
    use touchbase::domain::person::DetailKind;
    assert_eq!(by_key(DetailKind::Email, "t.kuehne@kuehne.de"), [3]);
    assert_eq!(
        by_key(DetailKind::Phone, &DetailKind::Phone.key("06 12345678")),
        [4]
    );
    let report = book.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    drop(book);

    let conn = Connection::open(&path).unwrap();
    let after: Vec<_> = tables.iter().map(|t| dump(&conn, t)).collect();
    // The contacts gained a person_id column, NULL everywhere: with the main contact.
    let nulls: i64 = conn
        .query_row(
            "SELECT count(*) FROM interactions WHERE person_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(nulls, 4);
    let strip = |rows: &[String]| -> Vec<String> {
        rows.iter()
            .map(|r| r.rsplit_once('|').map_or(r.clone(), |(head, _)| head.to_string()))
            .collect()
    };
    assert_eq!(before[0], after[0], "the customers are unchanged");
    assert_eq!(before[1], strip(&after[1]), "the contacts are unchanged");
    assert_eq!(before[2..], after[2..], "everything else is unchanged");
    drop(conn);
    let again = touchbase::store::open(&path).unwrap();
    assert_eq!(again.people_of(1).unwrap().len(), 1, "opening again adds no one");
}

/// Schema 15 finds an account by its people's names: a schema-14 book's people (its
/// customers' own, and one named otherwise) are found as their accounts, the exact name
/// first, and nothing else in the book changes.
#[test]
fn a_schema_14_book_finds_its_accounts_by_their_people_s_names() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    book_at_version(&path, 14);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO people (id, customer_id, name, main, created_at, updated_at)
         VALUES (1, 1, 'Acme', 1, 0, 0), (2, 2, 'Beta', 1, 0, 0), (3, 1, 'Anna de Böer', 0, 0, 0);
         INSERT INTO person_details (person_id, kind, value, key)
         VALUES (1, 'email', 'info@acme.test', 'info@acme.test'), (1, 'phone', '010', '10'),
                (3, 'phone', '+31 6 1234 5678', '612345678');",
    )
    .unwrap();
    let words_before: Vec<(String, i64)> = conn
        .prepare("SELECT word, customer_id FROM customer_words ORDER BY 1, 2")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);

    let book = touchbase::store::open(&path).unwrap();
    let named = |typed: &str| book.customers_named(typed, 5).unwrap();
    let ids = |found: &[touchbase::domain::Customer]| -> Vec<i64> { found.iter().map(|c| c.id).collect() };
    assert_eq!(
        ids(&named("anna de boer").exact),
        [1],
        "an exact person's name, accents folded"
    );
    assert_eq!(ids(&named("anna").starting), [1]);
    assert_eq!(ids(&named("boer").by_words), [1]);
    assert_eq!(ids(&named("acme").exact), [1], "the account's own name as before");
    assert_eq!(ids(&named("beta").exact), [2]);
    let report = book.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    drop(book);

    let conn = Connection::open(&path).unwrap();
    let keys: Vec<(i64, String)> = conn
        .prepare("SELECT id, name_key FROM people ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        keys,
        [(1, "acme".into()), (2, "beta".into()), (3, "anna de boer".into())]
    );
    let words_after: Vec<(String, i64)> = conn
        .prepare("SELECT word, customer_id FROM customer_words ORDER BY 1, 2")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let added: Vec<_> = words_after.iter().filter(|w| !words_before.contains(w)).collect();
    assert_eq!(
        added,
        [
            &("anna".to_string(), 1),
            &("boer".to_string(), 1),
            &("de".to_string(), 1)
        ],
        "only Anna's words are new"
    );
    assert!(
        words_before.iter().all(|w| words_after.contains(w)),
        "no word lost"
    );
}

/// Schema 16 lets decision moments name their people: a schema-14 book with people and a
/// moment upgrades with every row as it was and the moment naming no one; then its
/// people are named, kept on opening again, and one of another customer is refused.
#[test]
fn a_schema_14_book_upgrades_with_its_moments_naming_no_one_until_told() {
    use touchbase::domain::moment::Part;
    use touchbase::store::NotTheirs;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    book_at_version(&path, 14);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO people (id, customer_id, name, role, main, created_at, updated_at)
         VALUES (1, 1, 'Acme', '', 1, 0, 0), (2, 1, 'Anna de Boer', 'CFO', 0, 0, 0),
                (3, 2, 'Beta', '', 1, 0, 0);
         INSERT INTO person_details (person_id, kind, value, key)
         VALUES (1, 'email', 'info@acme.test', 'info@acme.test'), (1, 'phone', '010', '10');",
    )
    .unwrap();
    let tables = [
        "SELECT * FROM customers ORDER BY id",
        // Schema 15 gives people a name key of their own; what they were is kept.
        "SELECT id, customer_id, name, role, notes, main, left_on, left_to, created_at, updated_at
         FROM people ORDER BY id",
        "SELECT * FROM person_details ORDER BY id",
        "SELECT * FROM moments ORDER BY id",
        "SELECT * FROM interactions ORDER BY id",
    ];
    let before: Vec<_> = tables.iter().map(|t| dump(&conn, t)).collect();
    drop(conn);

    let mut book = touchbase::store::open(&path).unwrap();
    let moment = book.moment(1).unwrap().unwrap();
    assert_eq!(moment.title, "board decision");
    assert!(moment.people.is_empty(), "no one named yet");
    let report = book.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    let conn = Connection::open(&path).unwrap();
    let after: Vec<_> = tables.iter().map(|t| dump(&conn, t)).collect();
    assert_eq!(before, after, "every row as it was");
    drop(conn);

    let named = book
        .set_moment_people(1, &[(2, Part::Decides), (1, Part::Involved)])
        .unwrap();
    let who: Vec<_> = named.people.iter().map(|p| (p.name.as_str(), p.part)).collect();
    assert_eq!(who, [("Anna de Boer", Part::Decides), ("Acme", Part::Involved)]);
    let e = book.set_moment_people(1, &[(3, Part::Signs)]).unwrap_err();
    assert!(e.downcast_ref::<NotTheirs>().is_some(), "{e}");
    drop(book);
    let again = touchbase::store::open(&path).unwrap();
    assert_eq!(again.moment(1).unwrap().unwrap().people, named.people);
    assert_eq!(again.moments_of(1).unwrap()[0].people, named.people);
}

/// Every row `sql` selects, each as its values joined by "|": what an upgrade must leave
/// as it was.
fn dump(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        Ok((0..n)
            .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn an_upgraded_book_names_each_account_after_its_company_keeping_its_person_and_history() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    // Schema 13: customers were people with a company beside their name.
    book_at_version(&path, 13);
    let t = ts("2026-11-02T10:00:00Z");
    Connection::open(&path)
        .unwrap()
        .execute_batch(&format!(
            "INSERT INTO customers (id, name, company, email, phone, created_at, updated_at, name_key, last_contact_at, last_logged_at)
             VALUES (3, 'Thomas Kühne', 'Kühne Maschinenbau', 'tk@kuehne.test', '+49 351 1234', {t}, {t}, 'thomas kuhne', {t}, {t}),
                    (4, 'Jan Smit', 'Globex', '', '', {t}, {t}, 'jan smit', NULL, NULL),
                    (5, 'Anna de Boer', 'GLOBEX', '', '', {t}, {t}, 'anna de boer', NULL, NULL),
                    (6, 'Marieke Jansen', '', '', '', {t}, {t}, 'marieke jansen', NULL, NULL);
             INSERT INTO customer_words (word, customer_id)
             VALUES ('thomas', 3), ('kuhne', 3), ('maschinenbau', 3), ('jan', 4), ('smit', 4), ('globex', 4),
                    ('anna', 5), ('de', 5), ('boer', 5), ('globex', 5), ('marieke', 6), ('jansen', 6);
             INSERT INTO interactions (id, customer_id, at, kind, note) VALUES (10, 3, {t}, 'visit', 'line tour');
             INSERT INTO follow_ups (id, customer_id, text, due, first_due, created_at)
             VALUES (10, 3, 'send the offer', '2026-11-30', '2026-11-30', {t});"
        ))
        .unwrap();

    let book = touchbase::store::open(&path).unwrap();
    let report = book.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    let names: Vec<_> = (1..=6)
        .map(|id| {
            let c = book.require_customer(id).unwrap();
            let main = book.people_of(id).unwrap().into_iter().find(|p| p.main).unwrap();
            (c.name, main.name)
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        names,
        [
            // Its name is its company's already, shortened.
            pair("Acme", "Acme"),
            pair("Beta", "Beta"),
            // Named after the company, the person keeps their name.
            pair("Kühne Maschinenbau", "Thomas Kühne"),
            // Two of one company (in any case) stay named after their people.
            pair("Jan Smit", "Jan Smit"),
            pair("Anna de Boer", "Anna de Boer"),
            pair("Marieke Jansen", "Marieke Jansen"),
        ]
    );
    let kuhne = book.require_customer(3).unwrap();
    assert_eq!(
        (kuhne.company.as_str(), kuhne.email.as_str(), kuhne.phone.as_str()),
        ("Kühne Maschinenbau", "tk@kuehne.test", "+49 351 1234")
    );
    assert_eq!(kuhne.last_contact_at, Some(at("2026-11-02T10:00:00Z")));
    assert_eq!(book.interactions(3, 5).unwrap()[0].note, "line tour");
    assert_eq!(book.open_follow_ups(3).unwrap()[0].text, "send the offer");
    // Found by the company's name exactly, and by the person's as before.
    assert_eq!(
        book.customers_named("kuhne maschinenbau", 5).unwrap().exact[0].id,
        3
    );
    assert_eq!(book.customers_named("Thomas Kühne", 5).unwrap().exact[0].id, 3);
    assert_eq!(book.customers_named("thom", 5).unwrap().starting[0].id, 3);
}

#[test]
fn a_schema_17_account_named_apart_from_its_person_keeps_its_name() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    book_at_version(&path, 17);
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "INSERT INTO customers (id, name, company, created_at, updated_at, name_key)
             VALUES (3, 'Initech sales', 'Initech', 0, 0, 'initech sales');
             INSERT INTO people (id, customer_id, name, main, created_at, updated_at, name_key)
             VALUES (1, 1, 'Acme', 1, 0, 0, 'acme'), (2, 2, 'Beta', 1, 0, 0, 'beta'),
                    (3, 3, 'Peter Gibbons', 1, 0, 0, 'peter gibbons');
             INSERT INTO person_details (person_id, kind, value, key)
             VALUES (1, 'email', 'info@acme.test', 'info@acme.test'), (1, 'phone', '010', '10');
             INSERT INTO customer_words (word, customer_id)
             VALUES ('initech', 3), ('sales', 3), ('peter', 3), ('gibbons', 3);",
        )
        .unwrap();
    let book = touchbase::store::open(&path).unwrap();
    assert_eq!(book.require_customer(3).unwrap().name, "Initech sales");
    let report = book.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
}
